"""Where output records go: one JSONL file (or stdout), a tree of files under OUTDIR, or stdout.

Every writer takes output records (records.py) and the name each one has, and writes them as
it gets them. The JSONL writer can resume: it reads the ids an earlier run wrote, drops a last
line cut short by an interruption, and appends.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from typing import Any, TextIO

EXPLAIN_SUFFIX = ".explain.txt"
# How much of a removed segment --explain shows.
EXPLAIN_CLIP = 160
EXTENSIONS = {"text": ".txt", "json": ".json", "markdown": ".md", "jsonl": ".jsonl"}

# Output names made from record ids (URLs, WARC record ids): safe characters only, bounded length.
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME = 120


# ---------------------------------------------------------------------------------------------
# Rendering one output record


def render_text(output: dict[str, Any]) -> str:
    """The article as text: the title as its first paragraph when the page has one."""
    text = output.get("text") or ""
    title = (output.get("title") or "").strip()
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else title
    return text + "\n" if text else ""


def render_markdown(output: dict[str, Any]) -> str:
    markdown = output.get("markdown") or ""
    return markdown + "\n" if markdown else ""


def render_json(output: dict[str, Any], *, indent: int | None = 2) -> str:
    data = {k: v for k, v in output.items() if k != "markdown"}
    return json.dumps(data, ensure_ascii=False, indent=indent, default=str) + "\n"


def render(output: dict[str, Any], fmt: str, *, one_line: bool = False) -> str:
    if fmt == "markdown":
        return render_markdown(output)
    if fmt in ("json", "jsonl"):
        return render_json(output, indent=None if one_line or fmt == "jsonl" else 2)
    return render_text(output)


def removal_summary(removed: list[dict[str, Any]]) -> str:
    """'removed 7 segments (comment_form.zone 3, navigation.menu 2, ...)'."""
    if not removed:
        return "removed nothing"
    counts: dict[str, int] = {}
    for removal in removed:
        counts[removal["rule"]] = counts.get(removal["rule"], 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    detail = ", ".join(f"{rule} {count}" for rule, count in ordered)
    n = len(removed)
    return f"removed {n} segment{'s' if n != 1 else ''} ({detail})"


def render_explain(label: str, output: dict[str, Any]) -> str:
    removed = output.get("removed") or []
    lines = [f"{label}: {removal_summary(removed)}"]
    for removal in removed:
        text = " / ".join(line.strip() for line in removal["text"].splitlines() if line.strip())
        if len(text) > EXPLAIN_CLIP:
            text = text[: EXPLAIN_CLIP - 1] + "…"
        lines.append(f"  - [{removal['rule']}] {removal['reason']}")
        lines.append(f"      {text}")
    for note in output.get("notes") or []:
        lines.append(f"  note: {note}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Names


def safe_join(outdir: str, relative: str) -> str:
    """OUTDIR/relative, refusing any name that would land outside OUTDIR."""
    parts = relative.split("/")
    if not relative or "\x00" in relative or os.path.isabs(relative) or any(p in ("", ".", "..") for p in parts):
        raise OSError(f"refusing output name {relative!r}: it would leave the output folder")
    root = os.path.realpath(outdir)
    target = os.path.join(root, *parts)
    parent = os.path.realpath(os.path.dirname(target))
    if os.path.commonpath([root, parent]) != root:
        raise OSError(f"refusing output name {relative!r}: it would leave the output folder")
    return target


def name_from_id(record_id: str) -> str:
    """A file name (no folders) for a record id: unsafe characters folded to "_", and a short
    hash of the id added when anything was changed or cut, so distinct ids keep distinct names."""
    name = _UNSAFE.sub("_", record_id).strip("._-")
    if name == record_id and len(name) <= MAX_NAME:
        return name
    digest = hashlib.blake2b(record_id.encode("utf-8", "surrogatepass"), digest_size=5).hexdigest()
    return f"{name[:MAX_NAME]}-{digest}" if name else digest


# ---------------------------------------------------------------------------------------------
# Writers


def _write_file(path: str, content: str) -> None:
    """Write a whole file, atomically: an interrupted run leaves no half-written output that
    --skip-existing would take for a finished one."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = path + ".partial"
    with open(partial, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(content)
    os.replace(partial, path)


class TreeSink:
    """One file per record under OUTDIR (text, json or markdown), with --explain files beside."""

    def __init__(self, outdir: str, fmt: str, *, explain: bool = False) -> None:
        self.outdir, self.fmt, self.explain = outdir, fmt, explain

    def target(self, name: str) -> str:
        return safe_join(self.outdir, name)

    def exists(self, name: str) -> bool:
        try:
            return os.path.exists(self.target(name))
        except OSError:
            return False

    def write(self, name: str, label: str, output: dict[str, Any]) -> None:
        target = self.target(name)
        _write_file(target, render(output, self.fmt))
        if self.explain:
            _write_file(os.path.splitext(target)[0] + EXPLAIN_SUFFIX, render_explain(label, output))

    def close(self) -> None:
        pass


class StreamSink:
    """Records to a text stream (stdout): each alone, or with a "==> name <==" header when
    there are several (text, markdown) or one JSON object per line (json, jsonl)."""

    def __init__(self, stream: TextIO, fmt: str, *, several: bool, explain_to: TextIO | None = None) -> None:
        self.stream, self.fmt, self.several, self.explain_to = stream, fmt, several, explain_to

    def write(self, name: str, label: str, output: dict[str, Any]) -> None:
        body = render(output, self.fmt, one_line=self.several)
        if self.several and self.fmt in ("text", "markdown"):
            body = f"==> {label} <==\n{body}\n"
        self.stream.write(body)
        if self.explain_to is not None:
            self.stream.flush()
            self.explain_to.write(render_explain(label, output))

    def close(self) -> None:
        self.stream.flush()


class JsonlSink:
    """All records in one JSONL file, one line each; `resume` keeps what an earlier run wrote
    and appends (done_ids() tells which ids it has)."""

    def __init__(self, path: str, *, resume: bool = False) -> None:
        self.path = path
        self.done: set[str] = set()
        if resume and os.path.exists(path):
            self.done = _finished_ids(path)
        folder = os.path.dirname(os.path.abspath(path))
        os.makedirs(folder, exist_ok=True)
        self.handle = open(path, "a" if resume else "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        self.unflushed = 0

    def write(self, name: str, label: str, output: dict[str, Any]) -> None:
        self.handle.write(render_json(output, indent=None))
        self.unflushed += 1
        if self.unflushed >= 64:  # an interrupted run loses little
            self.handle.flush()
            self.unflushed = 0

    def close(self) -> None:
        self.handle.close()


Sink = TreeSink | StreamSink | JsonlSink


def _finished_ids(path: str) -> set[str]:
    """The ids of the complete records of a JSONL output; a last line cut short is removed."""
    done: set[str] = set()
    good_end = 0
    with open(path, "rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                break  # cut short by an interruption: it is written again
            good_end += len(line)
            try:
                record = json.loads(line)
            except ValueError:
                continue  # not ours to judge: left as it is
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                done.add(record["id"])
    if good_end != os.path.getsize(path):
        with open(path, "r+b") as handle:
            handle.truncate(good_end)
    return done
