"""The command line of the golden cases (`cleaner golden`); cli/main.py only wires these two in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cases import default_dir, run_golden
from .sites import find_site_cases, run_site_case


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("cases", nargs="*", metavar="CASE", help="case names (default: all)")
    parser.add_argument("--dir", type=Path, default=None, help="the golden folder (default: ./golden)")
    parser.add_argument(
        "--update", action="store_true", help="rewrite expected files from the current output, for review"
    )


def run_command(args: argparse.Namespace) -> int:
    root = args.dir if args.dir is not None else default_dir()
    # Site cases (golden/sites/) run as batches; their expected files are never rewritten.
    sites = [c for c in find_site_cases(root) if not args.cases or c.name in args.cases]
    single = [name for name in args.cases if name not in {c.name for c in sites}]
    try:
        results = run_golden(root, single, update=args.update) if single or not args.cases else []
        if not args.update:
            results += [r for case in sites for r in run_site_case(case)]
    except ValueError as exc:
        print(f"cleaner golden: {exc}", file=sys.stderr)
        return 2
    if not results:
        print(f"cleaner golden: no cases found in {root}", file=sys.stderr)
        return 2
    if args.update:
        for r in results:
            print(f"updated {r.name}")
        print(f"{len(results)} cases updated in {root}: review the changes (git diff) before committing")
        return 0
    failed = [r for r in results if not r.ok]
    for r in failed:
        known = r.case.known_failure
        print(f"FAIL {r.name}" + (f" (known failure: {known.splitlines()[0]})" if known else ""))
        if r.error:
            print(f"  {r.error}")
        if r.diffs:
            print(r.diff, end="")
    print(f"golden: {len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0
