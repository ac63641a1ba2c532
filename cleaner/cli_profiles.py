"""`cleaner profiles`: learn site profiles from documents, merge profiles built apart, show one.

Parallel workers (or yesterday's and today's crawls) each learn their own file; `merge` adds
them up, and `cleaner clean --profiles FILE` cleans with the result.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

from .batch import Cleaner
from .cli_clean import STDIN, gather, kind_for, read_input
from .profiles import ProfileError, Profiles
from .rules.site_template import MIN_SITE_DOCUMENTS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    learn = actions.add_parser("learn", help="learn the site profiles of files, folders or globs into FILE")
    learn.add_argument("paths", nargs="+", metavar="PATH")
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
    profiles = Profiles.load(args.output) if os.path.exists(args.output) else Profiles()
    inputs, failures = gather(args.paths)
    for failure in failures:
        print(f"cleaner profiles: {failure.label}: {failure.message}", file=stderr)
    learner = Cleaner(profiles, site=args.site)
    learned = without_site = 0
    for item in inputs:
        try:
            data = read_input(item, sys.stdin)
        except OSError as exc:
            print(f"cleaner profiles: {item.label}: cannot read: {exc.strerror or exc}", file=stderr)
            continue
        kind = "auto" if item.path == STDIN else kind_for(item.path)
        if learner.learn(data, kind=kind):
            learned += 1
        else:
            without_site += 1
    profiles.save(args.output)
    print(f"learned {learned} documents into {args.output}", file=stdout)
    if without_site:
        print(
            f"cleaner profiles: {without_site} documents had no site (no URL declared; give --site) "
            "or were not documents",
            file=stderr,
        )
    return 0


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
