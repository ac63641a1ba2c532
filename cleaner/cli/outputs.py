"""Where outputs go: the sink for -o (stdout, one JSONL file, a folder mirroring the inputs), the
names of the output files, and the messages for failed documents."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, TextIO, cast

from ..run.progress import Progress
from ..run.records import NOT_A_DOCUMENT, UNREADABLE, Record
from ..run.report import report_entry
from ..run.sinks import (
    EXTENSIONS,
    JsonlSink,
    OutputTarget,
    Sink,
    StreamSink,
    TreeSink,
    name_from_id,
)
from .inputs import ACCEPTED_EXTENSIONS

if TYPE_CHECKING:  # types only: the runner (and the whole cleaner behind it) is cli.clean's import
    from ..run.report import ReportWriter
    from ..run.runner import Outcome, Summary

# ---------------------------------------------------------------------------------------------
# Output names


def output_relative(relative: str, fmt: str) -> str:
    """file.html -> file.txt, page.htm.gz -> page.json; a name with no known extension keeps it."""
    name = relative.removesuffix(".gz") if relative.lower().endswith(".gz") else relative
    root, ext = os.path.splitext(name)
    if ext.lower() in ACCEPTED_EXTENSIONS:
        name = root
    return name + EXTENSIONS[fmt]


class OutputNames:
    """Relative output names under OUTDIR, unique (case-insensitively) in the order asked for:
    file inputs mirror their tree, records are named after their ids."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.taken: set[str] = set()

    def for_file(self, relative: str) -> str:
        name = output_relative(relative, self.fmt)
        if name.lower() in self.taken:  # a.html and a.htm: the second keeps its extension
            base = relative.removesuffix(".gz") if relative.lower().endswith(".gz") else relative
            name = self._unique(base)
        self.taken.add(name.lower())
        return name

    def for_record(self, record_id: str) -> str:
        name = self._unique(name_from_id(record_id))
        self.taken.add(name.lower())
        return name

    def _unique(self, base: str) -> str:
        ext = EXTENSIONS[self.fmt]
        name, k = base + ext, 2
        while name.lower() in self.taken:
            name, k = f"{base}-{k}{ext}", k + 1
        return name


def open_sink(
    target: OutputTarget, *, several: bool, explain: bool, resume: bool, stdout: TextIO, stderr: TextIO
) -> Sink:
    """The writer for a run's target (OSError when it cannot be opened or made)."""
    if target.kind == "jsonl":
        return JsonlSink(str(target.path), resume=resume)
    if target.kind == "folder":
        return TreeSink(str(target.path), target.fmt, explain=explain)
    return StreamSink(stdout, target.fmt, several=several, explain_to=stderr if explain else None)


def write_outcomes(
    outcomes: Iterable[Outcome],
    sink: Sink,
    summary: Summary,
    progress: Progress,
    labels: dict[str, str],
    fmt: str,
    report: ReportWriter | None = None,
) -> None:
    """Write each outcome's record (and give it to the report), saying on stderr what failed; a
    record that cannot be written counts as failed (once), and a closed pipe ends the run
    (BrokenPipeError)."""
    for outcome in outcomes:
        record, output = outcome.record, outcome.output
        label = labels.get(record.id, record.id)
        if report is not None:
            report.add(report_entry(output, outcome.result, label))
        progress.step(output["error"])
        if output["error"]:
            progress.write(f"cleaner: {label}: {error_message(output['error'], output.get('error_detail'))}")
            if fmt in ("text", "markdown"):
                continue  # no text to write: the message says why (JSON and JSONL keep the record)
        elif not output["text"]:
            progress.write(f"cleaner: {label}: warning: {'; '.join(output['notes']) or 'empty output'}")
        try:
            sink.write(record.name, label, output)
        except BrokenPipeError:
            raise  # whoever read the output is gone: nothing more can be written (cli.main)
        except OSError as exc:
            summary.not_written(outcome)
            progress.write(f"cleaner: {label}: cannot write output: {exc.strerror or exc}")


def error_message(kind: str, detail: str | None) -> str:
    """What a record's error says on stderr: "cannot read: Permission denied"."""
    prefix = {NOT_A_DOCUMENT: "not a document", UNREADABLE: "cannot read"}.get(kind, kind.replace("_", " "))
    return f"{prefix}: {detail}" if detail else prefix


def named(read: Callable[[], Iterable[Record]], fmt_in: str, names: OutputNames) -> Callable[[], Iterator[Record]]:
    """The records with their output names, given in input order (the same on every read)."""

    def named() -> Iterator[Record]:
        names.taken.clear()
        for record in read():
            name = names.for_file(record.id) if fmt_in == "files" else names.for_record(record.id)
            yield replace(record, name=name)

    return named


def skipping(read: Callable[[], Iterable[Record]], sink: TreeSink | JsonlSink | StreamSink, skipped: list[int]):
    """The records without those whose output is already there (--skip-existing)."""

    def unfinished() -> Iterator[Record]:
        skipped[0] = 0
        for record in read():
            done = record.id in sink.done if isinstance(sink, JsonlSink) else cast(TreeSink, sink).exists(record.name)
            if done:
                skipped[0] += 1
            else:
                yield record

    return unfinished
