"""What the PATH arguments name: files, folders (walked), globs, stdin, JSONL and WARC files, and
the plan that reads them as Records."""

from __future__ import annotations

import argparse
import glob
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from ..run.records import Fields, Record
from ..run.sources import (
    JSONL_EXTENSIONS,
    STDIN,
    Input,
    WarcCounts,
    file_records,
    jsonl_records,
    warc_records,
)

# Extensions taken from folders and globs; a .gz of any of them too.
TEXT_EXTENSIONS = (".txt",)


HTML_EXTENSIONS = (".html", ".htm")


ACCEPTED_EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS


WARC_EXTENSIONS = (".warc", ".arc")


STDIN_NAME = "stdin"


@dataclass
class BadPath:
    """A PATH argument that names nothing to read, and why."""

    label: str
    message: str


# ---------------------------------------------------------------------------------------------
# Gathering inputs


def _extensions(input_format: str) -> tuple[str, ...]:
    return {"jsonl": JSONL_EXTENSIONS, "warc": WARC_EXTENSIONS}.get(input_format, ACCEPTED_EXTENSIONS)


def accepted(name: str, extensions: tuple[str, ...] = ACCEPTED_EXTENSIONS) -> bool:
    return name.lower().removesuffix(".gz").endswith(extensions)


def kind_for(path: str) -> str:
    """kind= for clean(): .txt is text, .html/.htm is HTML (also gzipped), the rest auto."""
    lower = path.lower().removesuffix(".gz")
    if lower.endswith(TEXT_EXTENSIONS):
        return "text"
    if lower.endswith(HTML_EXTENSIONS):
        return "html"
    return "auto"


def _walk(folder: str, skip: str | None, extensions: tuple[str, ...]) -> Iterator[str]:
    """Accepted files under a folder, sorted, not following symlinked folders, skipping OUTDIR."""
    for root, dirs, files in os.walk(folder):
        if skip is not None:
            dirs[:] = [d for d in dirs if os.path.abspath(os.path.join(root, d)) != skip]
        dirs.sort()
        for name in sorted(files):
            if accepted(name, extensions):
                yield os.path.join(root, name)


def gather(
    paths: list[str], outdir: str | None = None, extensions: tuple[str, ...] = ACCEPTED_EXTENSIONS
) -> tuple[list[Input], list[BadPath]]:
    """Expand the PATH arguments into inputs, each with a relative name that mirrors the tree.

    The relative name is taken from the deepest folder common to all inputs (a folder argument
    counts as its own base, a file as its parent folder), so distinct inputs get distinct names.
    """
    skip = os.path.abspath(outdir) if outdir else None
    found: list[tuple[str, str]] = []  # (path, base folder)
    failures: list[BadPath] = []
    stdin_seen = False
    names = ", ".join(extensions)

    for arg in paths:
        if arg == STDIN:
            if stdin_seen:
                failures.append(BadPath("<stdin>", "stdin given more than once"))
            stdin_seen = True
            continue
        if os.path.isdir(arg):
            files = list(_walk(arg, skip, extensions))
            if not files:
                print(f"cleaner: {arg}: no {names} files (or .gz of them) in this folder", file=sys.stderr)
            for path in files:
                found.append((path, arg))
        elif os.path.exists(arg):
            found.append((arg, os.path.dirname(arg) or "."))
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                failures.append(BadPath(arg, "no file matches this pattern"))
            for match in matches:
                if os.path.isdir(match):
                    for path in _walk(match, skip, extensions):
                        found.append((path, match))
                elif accepted(match, extensions):
                    found.append((match, os.path.dirname(match) or "."))
        else:
            failures.append(BadPath(arg, "no such file or folder"))

    inputs = _with_relative_names(found)
    if stdin_seen:
        inputs.insert(0, Input(STDIN, STDIN_NAME))
    return inputs, failures


def _with_relative_names(found: list[tuple[str, str]]) -> list[Input]:
    seen: set[str] = set()
    unique: list[tuple[str, str, str]] = []  # (as named, absolute path, absolute base)
    for path, base in found:
        absolute = os.path.abspath(path)
        if absolute not in seen:  # the same file named twice (a folder and a glob) runs once
            seen.add(absolute)
            unique.append((path, absolute, os.path.abspath(base)))
    if not unique:
        return []
    common = os.path.commonpath([base for _, _, base in unique])
    return [
        Input(path, os.path.relpath(absolute, common).replace(os.sep, "/")) for path, absolute, _ in unique
    ]


def input_format(args: argparse.Namespace, paths: list[str]) -> str:
    """files, jsonl or warc: as asked, or as every named file's extension says."""
    if args.jsonl:
        return "jsonl"
    if args.warc:
        return "warc"
    files = [p for p in paths if p != STDIN and not os.path.isdir(p)]
    for fmt in ("jsonl", "warc"):
        if files and len(files) == len(paths) and all(accepted(p, _extensions(fmt)) for p in files):
            return fmt
    return "files"


# ---------------------------------------------------------------------------------------------
# Running


def read_input(item: Input, stdin: TextIO) -> bytes | str:
    if item.path == STDIN:
        buffer = getattr(stdin, "buffer", None)
        return buffer.read() if buffer is not None else stdin.read()
    with open(item.path, "rb") as handle:
        return handle.read()


@dataclass
class Plan:
    """What a run reads: its inputs, read afresh as Records by read()."""

    inputs: list[Input]
    read: Callable[[], Iterable[Record]]
    labels: dict[str, str]  # record id -> how messages name it (file inputs: the path)
    several: bool
    rereadable: bool
    warc_counts: WarcCounts
    failures: list[BadPath] = field(default_factory=list)  # PATH arguments that name nothing
    input_format: str = "files"  # files, jsonl or warc (input_format)


def plan_inputs(args: argparse.Namespace, fmt_in: str, stdin: TextIO, *, skip: str | None = None) -> Plan:
    """The documents that the PATH arguments and the input options (add_input_arguments) name:
    the one input path of `cleaner clean` and `cleaner profiles learn`. `fmt_in` is
    input_format(args, args.paths); `skip` a folder not to read (the output folder)."""
    inputs, failures = gather(args.paths, skip, _extensions(fmt_in))
    plan = _plan(args, fmt_in, inputs, stdin)
    plan.failures = failures
    plan.input_format = fmt_in
    return plan


def _plan(args: argparse.Namespace, fmt_in: str, inputs: list[Input], stdin: TextIO) -> Plan:
    if fmt_in == "files":
        stdin_data: list[bytes | str] = []

        def read_file(item: Input) -> bytes | str:
            if item.path == STDIN:  # stdin cannot be read twice: the first read is kept
                if not stdin_data:
                    stdin_data.append(read_input(item, stdin))
                return stdin_data[0]
            return read_input(item, stdin)

        labels = {item.relative: item.label for item in inputs}
        read = lambda: file_records(inputs, read_file, _kind)
        return Plan(inputs, read, labels, len(inputs) > 1, True, WarcCounts())

    fields = Fields(args.html_field, args.text_field, args.url_field, args.id_field)
    counts = WarcCounts()

    def read_records() -> Iterator[Record]:
        counts.skipped = 0
        for item in inputs:
            yield from jsonl_records(item.path, fields) if fmt_in == "jsonl" else warc_records(item.path, counts)

    rereadable = not any(item.path == STDIN for item in inputs)
    return Plan(inputs, read_records, {}, True, rereadable, counts)


def _kind(item: Input) -> str:
    return "auto" if item.path == STDIN else kind_for(item.path)
