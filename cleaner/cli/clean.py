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
import os
import sys
import time
from typing import TextIO

from ..batch import WARMUP_DOCUMENTS, Cleaner
from ..run.progress import Progress
from ..run.report import ReportWriter
from ..run.runner import RunOptions, Summary, run_records
from ..run.sinks import OutputTarget, Sink, TreeSink, output_target
from ..sites.profiles import ProfileError, Profiles
from .inputs import Plan, input_format, plan_inputs
from .outputs import OutputNames, named, open_sink, skipping, write_outcomes


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
    started = start_run(args, plan, "clean", stderr)
    if isinstance(started, int):
        return started
    cleaner, profiles = started
    if profiles == "none" and plan.several and not args.no_profiles:
        print("cleaner: note: input from stdin cannot be read twice: site profiles need --stream here", file=stderr)
    try:
        sink = open_sink(target, several=plan.several, explain=args.explain, resume=args.skip_existing, stdout=stdout, stderr=stderr)
    except OSError as exc:
        what = "make this folder" if target.kind == "folder" else "write this file"
        print(f"cleaner: -o {target.path}: cannot {what}: {exc.strerror or exc}", file=stderr)
        return 1

    return _clean_all(args, plan, target, sink, cleaner, profiles, stderr)



def _clean_all(
    args: argparse.Namespace,
    plan: Plan,
    target: OutputTarget,
    sink: Sink,
    cleaner: Cleaner,
    profiles: str,
    stderr: TextIO,
) -> int:
    """Clean every record of the plan into the sink; report and save the profiles."""
    fmt = target.fmt
    read = named(plan.read, plan.input_format, OutputNames(fmt)) if isinstance(sink, TreeSink) else plan.read
    skipped: list[int] = [0]
    if args.skip_existing:
        read = skipping(read, sink, skipped)

    show = shows_progress(args, stderr)
    progress = Progress(stderr, enabled=show)
    options = run_options(args, fmt, profiles)
    report = ReportWriter(args.report) if args.report else None
    summary = Summary()
    if profiles != "batch":  # a batch run names its two phases itself (on_phase)
        progress.phase("cleaning")
    outcomes = run_records(read, cleaner, options, summary, on_phase=progress.phase, on_learned=progress.step)
    try:
        # closing(): a run that ends early (a closed pipe, Ctrl-C) stops the workers at once.
        with contextlib.closing(outcomes):
            write_outcomes(outcomes, sink, summary, progress, plan.labels, fmt, report)
    except KeyboardInterrupt:
        sink.close()
        close_report(report, stderr)
        print("cleaner: interrupted; outputs written so far are complete (--skip-existing resumes)", file=stderr)
        return 130
    finally:
        progress.close()
        summary.finished = summary.finished or time.monotonic()
    sink.close()
    summary.skipped = skipped[0] + plan.warc_counts.skipped
    report_written = close_report(report, stderr)

    failed = len(plan.failures) + summary.failed
    if show:
        for line in summary.lines():
            print(f"cleaner: {line}", file=stderr)
    elif not args.quiet and (failed or plan.several or target.kind != "stdout"):
        print(f"cleaner: {summary.cleaned} cleaned, {failed} failed", file=stderr)
    if not save_profiles(args, cleaner, stderr):
        return 1
    return 1 if failed or not report_written else 0


def start_run(args: argparse.Namespace, plan: Plan, verb: str, stderr: TextIO) -> tuple[Cleaner, str] | int:
    """The cleaner and the profile mode of a run over the plan's inputs, its input failures said on
    stderr; the exit code instead when there is nothing to `verb` or the profiles cannot be read."""
    for failure in plan.failures:
        print(f"cleaner: {failure.label}: {failure.message}", file=stderr)
    if not plan.inputs:
        print(f"cleaner: nothing to {verb} ({len(plan.failures)} failed)", file=stderr)
        return 1
    try:
        cleaner = make_cleaner(args)
    except (OSError, ProfileError) as exc:
        print(f"cleaner: --profiles: {exc}", file=stderr)
        return 2
    return cleaner, profile_mode(args, plan)


def shows_progress(args: argparse.Namespace, stderr: TextIO) -> bool:
    """--progress, or by default a progress bar on a terminal unless -q."""
    return bool(args.progress if args.progress is not None else (not args.quiet and _is_terminal(stderr)))


def save_profiles(args: argparse.Namespace, cleaner: Cleaner, stderr: TextIO) -> bool:
    """Save the run's site profiles to --profiles, if given; False, said on stderr, when it cannot."""
    if not args.profiles:
        return True
    try:
        cleaner.profiles.save(args.profiles)
    except OSError as exc:
        print(f"cleaner: --profiles: cannot save {args.profiles}: {exc.strerror or exc}", file=stderr)
        return False
    return True


def run_options(args: argparse.Namespace, fmt: str, profiles: str) -> RunOptions:
    return RunOptions(
        jobs=args.jobs,
        timeout=args.timeout or None,
        ordered=not args.unordered,
        with_removed=args.removed or args.explain or fmt == "json",
        with_markdown=fmt == "markdown",
        profiles=profiles,
        warmup=WARMUP_DOCUMENTS if args.warmup is None else args.warmup,
        keep_profiles=bool(args.profiles),
        with_result=bool(args.report),
    )


def close_report(report: ReportWriter | None, stderr: TextIO) -> bool:
    """Write the report out; False, said on stderr, when it cannot be written."""
    if report is None:
        return True
    try:
        report.close()
    except OSError as exc:
        print(f"cleaner: --report {report.path}: cannot write the report: {exc.strerror or exc}", file=stderr)
        return False
    return True


def _run_on_ray(args: argparse.Namespace, stderr: TextIO) -> int:
    from ..integrations.ray import run_from_args

    if args.profiles or args.stream:
        print(
            "cleaner: note: the Ray engine cleans each document alone; for a saved profiles file use "
            "cleaner.integrations.ray.CleanBatch(profiles=FILE)",
            file=stderr,
        )
    return run_from_args(args, stderr)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def profile_mode(args: argparse.Namespace, plan: Plan) -> str:
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
