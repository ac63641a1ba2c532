"""`cleaner clean PATH...`: clean files, folders, globs, stdin, JSONL or WARC; `cleaner` alone
cleans the samples.

Inputs are read lazily (folders recursively, globs expanded) and cleaned in worker processes
(-j, all cores by default), each document with a time limit (--timeout). Every input document
gives exactly one output record, in input order (unless --unordered): a document that fails is
reported on stderr and marked in its record, and the rest still run. With -o the outputs go to
one JSONL file (a name ending in .jsonl or .jsonl.gz) or mirror the input tree under a folder
(sinks.output_target says which); without it they go to stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import TextIO

from ..batch import WARMUP_DOCUMENTS, Cleaner
from ..pipeline import clean
from ..run.progress import Progress
from ..run.records import NOT_A_DOCUMENT, UNREADABLE, Fields, Record
from ..run.runner import Outcome, RunOptions, Summary, run_records
from ..run.sinks import (
    EXTENSIONS,
    JsonlSink,
    OutputTarget,
    Sink,
    StreamSink,
    TreeSink,
    name_from_id,
    one_line,
    output_target,
    removal_summary,
)
from ..run.sources import STDIN, Input, WarcCounts, file_records, jsonl_records, warc_records
from ..sites.profiles import ProfileError, Profiles

# Extensions taken from folders and globs; a .gz of any of them too.
TEXT_EXTENSIONS = (".txt",)
HTML_EXTENSIONS = (".html", ".htm")
ACCEPTED_EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
WARC_EXTENSIONS = (".warc", ".arc")
STDIN_NAME = "stdin"
FORMATS = ("text", "json", "jsonl", "markdown")
INPUT_FORMATS = ("files", "jsonl", "warc")


@dataclass
class Failure:
    label: str
    message: str


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="where the outputs go (default stdout): a name ending in .jsonl or .jsonl.gz is one JSONL file; "
        "OUT/ (or an existing folder) is a folder, made when missing, with a file per input mirroring "
        "the inputs; any other name is one JSONL file for JSONL and WARC input or --format jsonl, "
        "else a folder",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="text (the default for files and folders), json (one file per input), jsonl (one record per "
        "line; the default for JSONL and WARC input and .jsonl outputs) or markdown",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="list each removed segment with its rule and reason (stderr, or FILE.explain.txt with -o)",
    )
    parser.add_argument(
        "--removed", action="store_true", help="put the removed segments in JSON and JSONL records"
    )

    running = parser.add_argument_group("running")
    running.add_argument("-j", "--jobs", type=int, default=0, metavar="N", help="worker processes (default: all cores)")
    running.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="abandon a document that takes longer (its record gets error \"timeout\"); 0 for no limit (default 30)",
    )
    running.add_argument("--unordered", action="store_true", help="write outputs as they are done, not in input order")
    running.add_argument(
        "--skip-existing", action="store_true", help="resume: skip inputs whose output is already there (-o)"
    )
    shown = running.add_mutually_exclusive_group()
    shown.add_argument(
        "--progress", action="store_true", default=None, help="show the progress bar and summary (default: on a terminal)"
    )
    shown.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary; errors only")
    running.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local processes (default) or a Ray cluster (JSONL or Parquet input; pip install cleaner[ray])",
    )
    running.add_argument("--address", metavar="ADDR", help="with --engine ray: the cluster (default: a local Ray)")

    sites = parser.add_argument_group(
        "site profiles",
        "Several documents are cleaned as a batch: every input is read once to learn what each site's "
        "pages repeat (its template), then cleaned with that, whatever the order of the inputs. A "
        "document's site is the host of its URL (or of the URL an HTML page declares), or --site.",
    )
    sites.add_argument("--site", metavar="NAME", help="the site of every input (text files carry no URL)")
    sites.add_argument(
        "--profiles",
        metavar="FILE",
        help="start from the site profiles in FILE (when it exists), and save them there with this run's "
        "documents learned (.gz to compress)",
    )
    mode = sites.add_mutually_exclusive_group()
    mode.add_argument(
        "--stream",
        action="store_true",
        help="learn as documents arrive instead of reading all inputs first (for stdin and unbounded "
        "input); a document waits until its site has --warmup pages learned",
    )
    mode.add_argument("--no-profiles", action="store_true", help="clean each document alone")
    sites.add_argument(
        "--warmup", type=int, metavar="N", help=f"with --stream: pages a site needs first (default {WARMUP_DOCUMENTS})"
    )


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """The inputs and how to read them: `cleaner clean` and `cleaner profiles learn` take the same."""
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files, folders (searched recursively), glob patterns, or - for stdin",
    )
    streams = parser.add_argument_group("record inputs", "JSONL and WARC files (.gz too) hold many documents each.")
    kinds = streams.add_mutually_exclusive_group()
    kinds.add_argument("--jsonl", action="store_true", help="the inputs are JSONL, one document per line")
    kinds.add_argument(
        "--warc", action="store_true", help="the inputs are WARC/ARC archives (response, resource and conversion records)"
    )
    for name, default, what in (
        ("html", "html", "the page's HTML"),
        ("text", "text", "the page as text (used when the HTML field is missing)"),
        ("url", "url", "the page's URL"),
        ("id", "id", "the record's id (else FILE:LINE)"),
    ):
        streams.add_argument(f"--{name}-field", default=default, metavar="NAME", help=f"JSONL field with {what} (default {default})")


def check_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse (exit 2, with the usage) the options that mean nothing as given: argparse checks
    each option alone, not one that needs another."""
    if args.jobs < 0 or args.timeout < 0:
        parser.error("--jobs and --timeout cannot be negative")
    if args.warmup is not None and not args.stream:
        parser.error("--warmup applies only with --stream (a batch learns every page before cleaning)")
    if args.warmup is not None and args.warmup < 0:
        parser.error("--warmup cannot be negative")
    if args.address is not None and args.engine != "ray":
        parser.error("--address applies only with --engine ray (the Ray cluster to run on)")
    if args.skip_existing and not args.output:
        parser.error("--skip-existing needs -o (the outputs to look for)")


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
) -> tuple[list[Input], list[Failure]]:
    """Expand the PATH arguments into inputs, each with a relative name that mirrors the tree.

    The relative name is taken from the deepest folder common to all inputs (a folder argument
    counts as its own base, a file as its parent folder), so distinct inputs get distinct names.
    """
    skip = os.path.abspath(outdir) if outdir else None
    found: list[tuple[str, str]] = []  # (path, base folder)
    failures: list[Failure] = []
    stdin_seen = False
    names = ", ".join(extensions)

    for arg in paths:
        if arg == STDIN:
            if stdin_seen:
                failures.append(Failure("<stdin>", "stdin given more than once"))
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
                failures.append(Failure(arg, "no file matches this pattern"))
            for match in matches:
                if os.path.isdir(match):
                    for path in _walk(match, skip, extensions):
                        found.append((path, match))
                elif accepted(match, extensions):
                    found.append((match, os.path.dirname(match) or "."))
        else:
            failures.append(Failure(arg, "no such file or folder"))

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
    failures: list[Failure] = field(default_factory=list)  # PATH arguments that name nothing


def plan_inputs(args: argparse.Namespace, fmt_in: str, stdin: TextIO, *, skip: str | None = None) -> Plan:
    """The documents that the PATH arguments and the input options (add_input_arguments) name:
    the one input path of `cleaner clean` and `cleaner profiles learn`. `fmt_in` is
    input_format(args, args.paths); `skip` a folder not to read (the output folder)."""
    inputs, failures = gather(args.paths, skip, _extensions(fmt_in))
    plan = _plan(args, fmt_in, inputs, stdin)
    plan.failures = failures
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


def run_clean(
    args: argparse.Namespace,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    stdin = stdin or sys.stdin
    if getattr(args, "engine", "local") == "ray":
        return _run_on_ray(args, stderr)
    fmt_in = input_format(args, args.paths)
    try:
        target = output_target(args.output, args.format, records_in=fmt_in != "files")
    except ValueError as exc:
        print(f"cleaner: -o {args.output}: {exc}", file=stderr)
        return 2
    plan = plan_inputs(args, fmt_in, stdin, skip=target.path if target.kind == "folder" else None)
    for failure in plan.failures:
        print(f"cleaner: {failure.label}: {failure.message}", file=stderr)
    if not plan.inputs:
        print(f"cleaner: nothing to clean ({len(plan.failures)} failed)", file=stderr)
        return 1
    try:
        cleaner = make_cleaner(args)
    except (OSError, ProfileError) as exc:
        print(f"cleaner: --profiles: {exc}", file=stderr)
        return 2
    profiles = _profile_mode(args, plan)
    if profiles == "none" and plan.several and not args.no_profiles:
        print("cleaner: note: input from stdin cannot be read twice: site profiles need --stream here", file=stderr)
    try:
        sink = open_sink(target, several=plan.several, explain=args.explain, resume=args.skip_existing, stdout=stdout, stderr=stderr)
    except OSError as exc:
        what = "make this folder" if target.kind == "folder" else "write this file"
        print(f"cleaner: -o {target.path}: cannot {what}: {exc.strerror or exc}", file=stderr)
        return 1

    fmt = target.fmt
    read = _named(plan.read, fmt_in, OutputNames(fmt)) if isinstance(sink, TreeSink) else plan.read
    skipped: list[int] = [0]
    if args.skip_existing:
        read = _skipping(read, sink, skipped)

    show = args.progress if args.progress is not None else (not args.quiet and _is_terminal(stderr))
    progress = Progress(stderr, enabled=bool(show))
    options = RunOptions(
        jobs=args.jobs,
        timeout=args.timeout or None,
        ordered=not args.unordered,
        with_removed=args.removed or args.explain or fmt == "json",
        with_markdown=fmt == "markdown",
        profiles=profiles,
        warmup=WARMUP_DOCUMENTS if args.warmup is None else args.warmup,
        keep_profiles=bool(args.profiles),
    )
    summary = Summary()
    if profiles != "batch":  # a batch run names its two phases itself (on_phase)
        progress.phase("cleaning")
    outcomes = run_records(read, cleaner, options, summary, on_phase=progress.phase, on_learned=progress.step)
    try:
        # closing(): a run that ends early (a closed pipe, Ctrl-C) stops the workers at once.
        with contextlib.closing(outcomes):
            _write_outcomes(outcomes, sink, summary, progress, plan.labels, fmt)
    except KeyboardInterrupt:
        sink.close()
        print("cleaner: interrupted; outputs written so far are complete (--skip-existing resumes)", file=stderr)
        return 130
    finally:
        progress.close()
        summary.finished = summary.finished or time.monotonic()
    sink.close()
    summary.skipped = skipped[0] + plan.warc_counts.skipped

    failed = len(plan.failures) + summary.failed
    if show:
        for line in summary.lines():
            print(f"cleaner: {line}", file=stderr)
    elif not args.quiet and (failed or plan.several or target.kind != "stdout"):
        print(f"cleaner: {summary.cleaned} cleaned, {failed} failed", file=stderr)
    if args.profiles:
        try:
            cleaner.profiles.save(args.profiles)
        except OSError as exc:
            print(f"cleaner: --profiles: cannot save {args.profiles}: {exc.strerror or exc}", file=stderr)
            return 1
    return 1 if failed else 0


def _run_on_ray(args: argparse.Namespace, stderr: TextIO) -> int:
    from ..integrations.ray import run_from_args

    if args.profiles or args.stream:
        print(
            "cleaner: note: the Ray engine cleans each document alone; for a saved profiles file use "
            "cleaner.integrations.ray.CleanBatch(profiles=FILE)",
            file=stderr,
        )
    return run_from_args(args, stderr)


def open_sink(
    target: OutputTarget, *, several: bool, explain: bool, resume: bool, stdout: TextIO, stderr: TextIO
) -> Sink:
    """The writer for a run's target (OSError when it cannot be opened or made)."""
    if target.kind == "jsonl":
        return JsonlSink(str(target.path), resume=resume)
    if target.kind == "folder":
        return TreeSink(str(target.path), target.fmt, explain=explain)
    return StreamSink(stdout, target.fmt, several=several, explain_to=stderr if explain else None)


def _write_outcomes(
    outcomes: Iterable[Outcome], sink: Sink, summary: Summary, progress: Progress, labels: dict[str, str], fmt: str
) -> None:
    """Write each outcome's record, saying on stderr what failed; a record that cannot be
    written counts as failed (once), and a closed pipe ends the run (BrokenPipeError)."""
    for outcome in outcomes:
        record, output = outcome.record, outcome.output
        label = labels.get(record.id, record.id)
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


def _named(read: Callable[[], Iterable[Record]], fmt_in: str, names: OutputNames) -> Callable[[], Iterator[Record]]:
    """The records with their output names, given in input order (the same on every read)."""

    def named() -> Iterator[Record]:
        names.taken.clear()
        for record in read():
            name = names.for_file(record.id) if fmt_in == "files" else names.for_record(record.id)
            yield replace(record, name=name)

    return named


def _skipping(read: Callable[[], Iterable[Record]], sink: TreeSink | JsonlSink | StreamSink, skipped: list[int]):
    """The records without those whose output is already there (--skip-existing)."""

    def unfinished() -> Iterator[Record]:
        skipped[0] = 0
        for record in read():
            done = record.id in sink.done if isinstance(sink, JsonlSink) else sink.exists(record.name)
            if done:
                skipped[0] += 1
            else:
                yield record

    return unfinished


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _profile_mode(args: argparse.Namespace, plan: Plan) -> str:
    if args.no_profiles:
        return "none"
    if args.stream:
        return "stream"
    if not plan.several and not args.profiles:
        return "none"
    return "batch" if plan.rereadable else "none"


def make_cleaner(args: argparse.Namespace) -> Cleaner:
    """The Cleaner for a run, with the profiles of --profiles FILE when it exists."""
    profiles = Profiles.load(args.profiles) if args.profiles and os.path.exists(args.profiles) else None
    return Cleaner(profiles, site=args.site)


def _kind(item: Input) -> str:
    return "auto" if item.path == STDIN else kind_for(item.path)


# ---------------------------------------------------------------------------------------------
# The bundled samples


def sample_files() -> list[tuple[str, bytes]]:
    folder = resources.files("cleaner").joinpath("samples")
    items = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file() and accepted(entry.name):
            items.append((entry.name, entry.read_bytes()))
    return items


def run_samples(stdout: TextIO | None = None) -> int:
    """Clean each bundled sample page and print its text, then what was removed: a summary by
    rule and a few of the removed segments with their rules and reasons."""
    stdout = stdout or sys.stdout
    samples = sample_files()
    if not samples:
        print("cleaner: no bundled samples found", file=sys.stderr)
        return 1
    print("Cleaning the bundled sample pages (run `cleaner clean --help` to clean your own).\n", file=stdout)
    for name, data in samples:
        result = clean(data, kind=kind_for(name))
        title = f" - {result.title}" if result.title else ""
        print(f"===== {name} ({result.kind}){title} =====", file=stdout)
        print(result.text or "(no article text found)", file=stdout)
        removed = [{"text": r.text, "rule": r.rule, "reason": r.reason} for r in result.removed]
        print(f"----- {removal_summary(removed)}", file=stdout)
        for line in sample_removal_lines(removed):
            print(line, file=stdout)
        print(file=stdout)
    return 0


# How many removed segments the samples show, each cut to this many characters.
SAMPLE_REMOVALS = 5
SAMPLE_CLIP = 50


def sample_removal_lines(removed: list[dict]) -> list[str]:
    """A few removed segments, one line each with its rule and reason: the first of each kind
    of rule (navigation, comment_form, ...), in page order, so the few show different kinds;
    and how to see the rest."""
    shown: dict[str, dict] = {}
    for removal in removed:
        if len(shown) < SAMPLE_REMOVALS:
            shown.setdefault(removal["rule"].split(".", 1)[0], removal)
    lines = [f'  [{r["rule"]}] {r["reason"]}: "{one_line(r["text"], SAMPLE_CLIP)}"' for r in shown.values()]
    rest = len(removed) - len(shown)
    if rest:
        lines.append(f"  ... and {rest} more (`cleaner clean --explain FILE` lists every one)")
    return lines
