"""`cleaner bench DATASET_DIR`: the project against trafilatura (and peers) on the same pages."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .streams import MODES as STREAM_MODES
from .streams import PARTS, default_cache, run_streams
from .text_inputs import MODES, default_cache_dir
from .wcxb import (
    PEERS,
    PROFILED,
    TEXT_SYSTEMS,
    TextMode,
    load_pages,
    losses_against,
    markdown_table,
    run,
    save_scores,
    summarise,
    worst_pages,
)

# The cleaner's models learned WCXB dev's pages: scored on them, its rows are in-sample.
IN_SAMPLE = (
    "note: the cleaner's block model (and its line model, which judges a page's text where it reads as "
    "a page dump) were trained on the pages of WCXB dev; on those pages its row is in-sample, not a "
    "result (`cleaner train DATASET -o MODEL` prints the out-of-fold table)"
)
IN_SAMPLE_TEXT = (
    "note: the cleaner's line model was trained on the text renderings of WCXB dev; on those pages its "
    "rows are in-sample, not a result (`cleaner train --lines DATASET -o MODEL` prints the out-of-fold "
    "table); the rules-only row is not"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", nargs="?", help="a WCXB-format folder (html/ and ground-truth/)")
    parser.add_argument("--peers", action="store_true", help="add readability-lxml and jusText")
    parser.add_argument("--limit", type=int, help="score only the first N pages")
    parser.add_argument("--type", dest="page_type", help="score only pages of this type")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="list the N pages where we lose most")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="score pages in N processes (docs/s stays per process)")
    parser.add_argument("--only-cleaner", action="store_true", help="skip the peers, for quick iterations")
    parser.add_argument("--save", type=Path, metavar="FILE", help="write every page's scores per system to FILE (JSON)")
    parser.add_argument(
        "--as",
        dest="text_mode",
        choices=MODES,
        help="score the text path on the pages as text: page-text (a crawler's dump) or loose-text "
        "(a recall-tuned extractor's output), against no cleaning and a C4-style line filter",
    )
    parser.add_argument(
        "--profiles",
        action="store_true",
        help="add the cleaner with site profiles learned from all the pages of the run (by URL host)",
    )
    parser.add_argument(
        "--sites",
        action="store_true",
        help="DATASET is a golden folder with site cases (golden/sites): report the template words "
        "left with and without site profiles, next to trafilatura",
    )
    hostile = parser.add_argument_group("hostile", "clean() and trafilatura on pathological pages (no dataset)")
    hostile.add_argument(
        "--hostile", action="store_true", help="time and size each system on huge, deep and broken pages, one core each"
    )
    hostile.add_argument("--case", help="hostile: only the cases whose name contains this")
    streams = parser.add_argument_group("streams", "`cleaner clean` itself as a subprocess: throughput, memory, faults")
    streams.add_argument(
        "--streams", action="store_true", help="time and stress the clean command on the pages as files, JSONL and WARC"
    )
    streams.add_argument("--part", action="append", choices=PARTS, help="only this part (repeatable; default all)")
    streams.add_argument(
        "--mode",
        dest="stream_modes",
        action="append",
        choices=tuple(STREAM_MODES),
        help="site-profile mode of the runs (repeatable; default both: the batch default and --no-profiles)",
    )
    streams.add_argument("--small", type=int, default=150, help="memory: the smaller run's pages (default 150)")
    streams.add_argument("--records", type=int, default=10_000, help="faults: records in the batch (default 10000)")
    streams.add_argument("--timeout", type=float, default=5.0, help="faults: the clean command's --timeout (default 5)")
    parser.add_argument(
        "--cache", type=Path, default=None, help=f"where the text versions are cached (default {default_cache_dir()})"
    )


def run_bench(args: argparse.Namespace) -> int:
    if args.hostile:
        from .hostile import run_hostile

        return run_hostile(only=args.case)
    if not args.dataset:
        print("cleaner bench: a dataset folder is needed (or --hostile)", file=sys.stderr)
        return 2
    if args.sites:
        from .sites import run_sites

        table = run_sites(Path(args.dataset), with_trafilatura=not args.only_cleaner)
        if not table:
            print(f"no site cases found in {args.dataset}", file=sys.stderr)
            return 2
        print(f"Site template left on the site cases of {args.dataset} (same run, same pages)\n")
        print(table)
        return 0
    pages = load_pages(args.dataset, args.limit)
    if args.streams:
        return _run_streams(args, pages)
    if args.page_type:
        pages = [p for p in pages if p.page_type == args.page_type]
    if not pages:
        print(f"no pages found in {args.dataset}", file=sys.stderr)
        return 2
    mode = None
    if args.text_mode:
        mode = TextMode(args.text_mode, args.cache or default_cache_dir() / Path(args.dataset).resolve().name)
        systems = ["cleaner"] if args.only_cleaner else list(TEXT_SYSTEMS)
    else:
        systems = ["cleaner"] if args.only_cleaner else ["cleaner", "trafilatura"]
        if args.peers:
            systems += list(PEERS)
    if args.profiles:
        systems.insert(1, PROFILED)
    results = run(pages, systems, jobs=args.jobs, keep_output=bool(args.worst), mode=mode)
    counts = Counter(p.page_type for p in pages)
    counts["all"] = len(pages)
    summaries = [summarise(name, results[name]) for name in systems]
    _print_table(args, summaries, counts, text=mode is not None)
    if "trafilatura" in results:
        print()
        for line in losses_against(results, "trafilatura"):
            print(line)
    if args.save:
        save_scores(results, args.save)
    if args.worst:
        print()
        by_id = {p.id: p for p in pages}
        baseline = results.get("no cleaning" if mode else "trafilatura")
        for entry in worst_pages(results["cleaner"], by_id, args.worst, baseline):
            print(entry)
    return 0


def _print_table(args: argparse.Namespace, summaries: list, counts: Counter, *, text: bool) -> None:
    what = f" as {args.text_mode}" if args.text_mode else ""
    print(f"WCXB word F1 on {counts['all']} pages of {args.dataset}{what} (same run, same pages)\n")
    print(markdown_table(summaries, counts, throughput=text))
    print(f"\n{IN_SAMPLE_TEXT if text else IN_SAMPLE}")
    for s in summaries:
        if s.errors:
            print(f"\n{s.system}: {s.errors} pages raised an error (scored as empty output)")


def _run_streams(args: argparse.Namespace, pages: list) -> int:
    parts = args.part or list(PARTS)
    if not pages and set(parts) != {"faults"}:
        print(f"no pages found in {args.dataset}", file=sys.stderr)
        return 2
    modes = args.stream_modes or list(STREAM_MODES)
    cache = default_cache(args.dataset, args.cache or default_cache_dir())
    return run_streams(pages, cache, parts, modes=modes, small=args.small, total=args.records, timeout=args.timeout)
