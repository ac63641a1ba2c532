"""`cleaner explain PATH... -o REPORT.html`: what was kept and what was removed, to look at.

The inputs are those of `cleaner clean` (files, folders, globs, stdin, JSONL, WARC), cleaned the
same way (worker processes, time limits, site profiles of the batch); instead of the texts, one
HTML report: every block of each page in page order, kept or struck through in its rule family's
colour, with the rule and the reason on it. Past 50 documents the report is an index with a page
per document in REPORT_files/ beside it.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from typing import TextIO

from ..batch import WARMUP_DOCUMENTS
from ..run.progress import Progress
from ..run.report import ReportWriter, pages_folder, report_entry
from ..run.runner import RunOptions, Summary, run_records
from .clean import close_report, save_profiles, shows_progress, start_run
from .inputs import input_format, plan_inputs


def run_explain(args: argparse.Namespace, stderr: TextIO | None = None, stdin: TextIO | None = None) -> int:
    stderr = stderr or sys.stderr
    plan = plan_inputs(args, input_format(args, args.paths), stdin or sys.stdin)
    started = start_run(args, plan, "explain", stderr)
    if isinstance(started, int):
        return started
    cleaner, profiles = started
    options = RunOptions(
        jobs=args.jobs,
        timeout=args.timeout or None,
        profiles=profiles,
        warmup=WARMUP_DOCUMENTS if args.warmup is None else args.warmup,
        keep_profiles=bool(args.profiles),
        with_result=True,
    )
    show = shows_progress(args, stderr)
    progress = Progress(stderr, enabled=show)
    report = ReportWriter(args.output)
    summary = Summary()
    if profiles != "batch":
        progress.phase("cleaning")
    outcomes = run_records(plan.read, cleaner, options, summary, on_phase=progress.phase, on_learned=progress.step)
    try:
        with contextlib.closing(outcomes):
            for outcome in outcomes:
                progress.step(outcome.output["error"])
                report.add(report_entry(outcome.output, outcome.result, plan.labels.get(outcome.record.id, outcome.record.id)))
    finally:
        progress.close()
        summary.finished = summary.finished or time.monotonic()
    if not close_report(report, stderr):
        return 1
    if not save_profiles(args, cleaner, stderr):
        return 1
    if show:
        for line in summary.lines():
            print(f"cleaner: {line}", file=stderr)
    if not args.quiet:
        where = f"{args.output} (an index; a page per document in {pages_folder(args.output)})" if report.paged else args.output
        failed = len(plan.failures) + summary.failed
        print(f"cleaner: {summary.documents} documents explained ({failed} failed): {where}", file=stderr)
    return 1 if plan.failures or summary.failed else 0
