"""`cleaner profiles`: learn site profiles from documents, merge profiles built apart, show one.

Parallel workers (or yesterday's and today's crawls) each learn their own file; `merge` adds
them up, and `cleaner clean --profiles FILE` cleans with the result.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from typing import TextIO

from ..batch import Cleaner
from ..judge.site_template import MIN_SITE_DOCUMENTS
from ..run.records import INVALID_RECORD
from ..sites.profiles import ProfileError, Profiles
from .arguments import add_input_arguments
from .inputs import Plan, input_format, plan_inputs
from .outputs import error_message


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    learn = actions.add_parser(
        "learn", help="learn the site profiles of documents into FILE (the inputs and input options of `cleaner clean`)"
    )
    add_input_arguments(learn)
    learn.add_argument("-o", "--output", required=True, metavar="FILE", help="profiles file (added to when it exists)")
    learn.add_argument("--site", metavar="NAME", help="the site of every input (text files carry no URL)")
    merge = actions.add_parser("merge", help="add up profiles files into one")
    merge.add_argument("files", nargs="+", metavar="FILE")
    merge.add_argument("-o", "--output", required=True, metavar="FILE")
    show = actions.add_parser("show", help="list the sites of a profiles file and how many pages each has")
    show.add_argument("file", metavar="FILE")


def run_profiles(args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        if args.action == "learn":
            return _learn(args, stdout, stderr)
        if args.action == "merge":
            return _merge(args, stdout, stderr)
        return _show(Profiles.load(args.file), stdout)
    except BrokenPipeError:
        raise  # `profiles show | head`: the reader is gone, the run ends quietly (cli.main)
    except (OSError, ProfileError) as exc:
        print(f"cleaner profiles: {exc}", file=stderr)
        return 2


def _learn(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Learn every document of the inputs; exit 1 when some could not be read, or none was learned."""
    profiles = Profiles.load(args.output) if os.path.exists(args.output) else Profiles()
    plan = plan_inputs(args, input_format(args, args.paths), sys.stdin)
    for failure in plan.failures:
        print(f"cleaner profiles: {failure.label}: {failure.message}", file=stderr)
    before = profiles.documents
    tally = _learn_records(plan, Cleaner(profiles, site=args.site), stderr)
    if tally["without site"]:
        print(
            f"cleaner profiles: {tally['without site']} documents had no site (no URL: give --site, or "
            "--url-field for JSONL) or were not documents",
            file=stderr,
        )
    if not tally["learned"]:
        read = sum(tally.values())
        print(f"cleaner profiles: learned nothing from {read} documents; {args.output} is left as it was", file=stderr)
        return 1
    profiles.save(args.output)
    new = profiles.documents - before
    repeats = f" ({max(new, 0)} new: the others were learned before)" if new < tally["learned"] else ""
    print(f"learned {tally['learned']} documents into {args.output}{repeats}", file=stdout)
    return 1 if tally["failed"] or plan.failures else 0


def _learn_records(plan: Plan, learner: Cleaner, stderr: TextIO) -> Counter[str]:
    """Learn each record the plan reads; how many were learned, had no site, or failed to read."""
    tally: Counter[str] = Counter()
    for record in plan.read():
        if record.error or record.data is None:
            label = plan.labels.get(record.id, record.id)
            message = error_message(record.error or INVALID_RECORD, record.error_detail)
            print(f"cleaner profiles: {label}: {message}", file=stderr)
            tally["failed"] += 1
        elif learner.learn(record.data, url=record.url, site=record.site, kind=record.kind):
            tally["learned"] += 1
        else:
            tally["without site"] += 1
    return tally


def _merge(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    merged = Profiles()
    overlap = sum(merged.merge(Profiles.load(path)) for path in args.files)
    merged.save(args.output)
    print(f"merged {len(args.files)} files: {len(merged.sites)} sites, {merged.documents} documents", file=stdout)
    if overlap:
        print(f"cleaner profiles: {overlap} documents were in more than one file and count twice", file=stderr)
    return 0


def _show(profiles: Profiles, stdout: TextIO) -> int:
    print(f"{len(profiles.sites)} sites, {profiles.documents} documents", file=stdout)
    for site, profile in sorted(profiles.sites.items(), key=lambda item: (-item[1].documents, item[0])):
        state = "" if profile.documents >= MIN_SITE_DOCUMENTS else f" (used from {MIN_SITE_DOCUMENTS} pages)"
        print(f"{profile.documents:8d}  {site}  {len(profile.blocks)} blocks{state}", file=stdout)
    return 0
