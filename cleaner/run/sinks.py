"""Where output records go: one JSONL file (gzipped when its name ends in .gz), a tree of files
under OUTDIR, or stdout; output_target() says which for -o and --format.

Every writer takes output records (records.py) and the name each one has, and writes them as
it gets them. The JSONL writer can resume: it reads the ids an earlier run wrote, drops a last
line cut short by an interruption, and appends.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import zlib
from dataclasses import dataclass
from typing import Any, TextIO

EXPLAIN_SUFFIX = ".explain.txt"
# How much of a removed segment --explain shows.
EXPLAIN_CLIP = 160
EXTENSIONS = {"text": ".txt", "json": ".json", "markdown": ".md", "jsonl": ".jsonl"}
# An output name with one of these endings is one JSONL file (gzipped for .gz), never a folder.
JSONL_NAMES = (".jsonl", ".jsonl.gz")

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


def one_line(text: str, limit: int) -> str:
    """A removed segment on one line (its lines joined by " / "), cut to `limit` characters."""
    text = " / ".join(line.strip() for line in text.splitlines() if line.strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_explain(label: str, output: dict[str, Any]) -> str:
    removed = output.get("removed") or []
    lines = [f"{label}: {removal_summary(removed)}"]
    for removal in removed:
        lines.append(f"  - [{removal['rule']}] {removal['reason']}")
        lines.append(f"      {one_line(removal['text'], EXPLAIN_CLIP)}")
    for note in output.get("notes") or []:
        lines.append(f"  note: {note}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Where the outputs go


@dataclass(frozen=True)
class OutputTarget:
    """Where a run's output records go and as what."""

    kind: str  # "stdout", "jsonl" (one JSONL file) or "folder" (a file per input)
    fmt: str  # text, json, jsonl or markdown
    path: str | None = None


def output_target(output: str | None, fmt: str | None, *, records_in: bool) -> OutputTarget:
    """Where `-o OUTPUT` and `--format FMT` send a run's outputs (`records_in`: the input is
    JSONL or WARC); ValueError, saying why, when they contradict each other or what is there.

    - no OUTPUT: stdout, as text (jsonl for JSONL and WARC input) unless FMT says;
    - OUTPUT ending in "/": a folder, made when missing: a file per input, text unless FMT says;
    - OUTPUT ending in .jsonl or .jsonl.gz: one JSONL file (gzipped for .gz), never a folder;
      FMT may be jsonl or json (the same records), not text or markdown;
    - an existing folder: as OUTPUT/;
    - any other OUTPUT: one JSONL file with FMT jsonl (the default for JSONL and WARC input),
      else a folder.
    """
    default = "jsonl" if records_in else "text"
    if output is None:
        return OutputTarget("stdout", fmt or default)
    if output.endswith(("/", os.sep)):
        return _folder(output, fmt or "text")
    if output.lower().endswith(JSONL_NAMES):
        return _jsonl_file(output, fmt)
    if os.path.isdir(output):
        return _folder(output, fmt or "text")
    if (fmt or default) == "jsonl":
        return OutputTarget("jsonl", "jsonl", output)
    return _folder(output, fmt or default)


def _jsonl_file(output: str, fmt: str | None) -> OutputTarget:
    if fmt in ("text", "markdown"):
        raise ValueError(
            f"a name ending in .jsonl is one JSONL file, but --format {fmt} writes a file per input into a "
            f"folder: drop --format (the records hold the text), or give a folder ({output}/)"
        )
    if os.path.isdir(output):
        raise ValueError(
            f"a folder of that name is there; a name ending in .jsonl is one JSONL file: remove the folder, "
            f"give another name, or write into the folder with {output}/"
        )
    return OutputTarget("jsonl", "jsonl", output)


def _folder(output: str, fmt: str) -> OutputTarget:
    if fmt == "jsonl":
        raise ValueError(
            "--format jsonl writes one JSONL file, and this is a folder: give a file name "
            f"(such as {os.path.join(output, 'cleaned.jsonl')})"
        )
    bare = output.rstrip("/" + os.sep) or output  # "file/" is not there as a file: ask for "file"
    if os.path.exists(bare) and not os.path.isdir(bare):
        raise ValueError(
            f"a file of that name is there, and --format {fmt} writes a file per input into a folder: give "
            "a folder, or a name ending in .jsonl for one JSONL file"
        )
    return OutputTarget("folder", fmt, output)


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
        os.makedirs(outdir, exist_ok=True)  # here, so that a folder that cannot be made is said once

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
    """All records in one JSONL file, one line each (gzipped when its name ends in .gz);
    `resume` keeps what an earlier run wrote and appends (`done` holds the ids it has)."""

    def __init__(self, path: str, *, resume: bool = False) -> None:
        self.path = path
        gzipped = path.lower().endswith(".gz")
        self.done: set[str] = set()
        if resume and os.path.exists(path):
            self.done = _finished_gzip_ids(path) if gzipped else _finished_ids(path)
        folder = os.path.dirname(os.path.abspath(path))
        os.makedirs(folder, exist_ok=True)
        mode = "a" if resume else "w"
        opener = gzip.open if gzipped else open
        self.handle: TextIO = opener(path, mode + "t", encoding="utf-8", newline="\n")  # type: ignore[assignment]
        self.unflushed = 0

    def write(self, name: str, label: str, output: dict[str, Any]) -> None:
        self.handle.write(render_json(output, indent=None))
        self.unflushed += 1
        if self.unflushed >= 64:  # an interrupted run loses little (gzip: a sync point)
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
            _add_id(done, line)
    if good_end != os.path.getsize(path):
        with open(path, "r+b") as handle:
            handle.truncate(good_end)
    return done


def _finished_gzip_ids(path: str) -> set[str]:
    """_finished_ids of a gzipped JSONL output. An interrupted run leaves its last gzip member
    without an end (and maybe a line cut short): the complete lines are then written again as
    a whole gzip file, so that what is appended after them can be read."""
    done: set[str] = set()
    complete = 0
    cut = False
    with gzip.open(path, "rb") as handle:
        try:
            for line in handle:
                if not line.endswith(b"\n"):
                    cut = True
                    break
                complete += 1
                _add_id(done, line)
        except (EOFError, OSError, zlib.error):  # the member's end is missing, or garbled
            cut = True
    if cut:
        _keep_lines(path, complete)
    return done


def _keep_lines(path: str, count: int) -> None:
    """Rewrite a gzipped file with only its first `count` lines (complete ones)."""
    partial = path + ".partial"
    with gzip.open(path, "rb") as source, gzip.open(partial, "wb") as target:
        for _ in range(count):
            target.write(source.readline())
    os.replace(partial, path)


def _add_id(done: set[str], line: bytes) -> None:
    try:
        record = json.loads(line)
    except ValueError:
        return  # not ours to judge: left as it is
    if isinstance(record, dict) and isinstance(record.get("id"), str):
        done.add(record["id"])
