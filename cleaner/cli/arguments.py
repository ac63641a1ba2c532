"""The options of `cleaner clean` (and the input options `cleaner profiles learn` shares), and the
combinations refused."""

from __future__ import annotations

import argparse
import os

from ..run.records import DEFAULT_TIMEOUT
from ..sites.profiles import WARMUP_DOCUMENTS  # not from batch: that would load the whole cleaner

FORMATS = ("text", "json", "jsonl", "markdown")


INPUT_FORMATS = ("files", "jsonl", "warc")


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
    parser.add_argument(
        "--report",
        metavar="FILE.html",
        help="also write an explain report: every block of each page, kept or struck through with its "
        "rule and reason (see `cleaner explain`)",
    )
    add_running_arguments(parser)
    add_site_arguments(parser)


def add_explain_arguments(parser: argparse.ArgumentParser) -> None:
    """`cleaner explain`: the inputs of `cleaner clean`, the report's path, workers and profiles."""
    add_input_arguments(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="REPORT.html",
        required=True,
        help="the report: one HTML file; past 50 documents it is an index, with a page per document in "
        "REPORT_files/ beside it",
    )
    add_worker_arguments(parser.add_argument_group("running"))
    add_site_arguments(parser)


def add_worker_arguments(running: argparse._ArgumentGroup) -> None:
    """Worker processes, the time limit, and the progress bar."""
    running.add_argument("-j", "--jobs", type=int, default=0, metavar="N", help="worker processes (default: all cores)")
    running.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="abandon a document that takes longer (its record gets error \"timeout\"); 0 for no limit "
        f"(default {DEFAULT_TIMEOUT:g})",
    )
    shown = running.add_mutually_exclusive_group()
    shown.add_argument(
        "--progress", action="store_true", default=None, help="show the progress bar and summary (default: on a terminal)"
    )
    shown.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary; errors only")


def add_running_arguments(parser: argparse.ArgumentParser) -> None:
    running = parser.add_argument_group("running")
    add_worker_arguments(running)
    running.add_argument("--unordered", action="store_true", help="write outputs as they are done, not in input order")
    running.add_argument(
        "--skip-existing", action="store_true", help="resume: skip inputs whose output is already there (-o)"
    )
    running.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local processes (default) or a Ray cluster (JSONL or Parquet input; pip install cleaner[ray])",
    )
    running.add_argument("--address", metavar="ADDR", help="with --engine ray: the cluster (default: a local Ray)")


def add_site_arguments(parser: argparse.ArgumentParser) -> None:
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
    if args.report is not None and args.engine == "ray":
        parser.error("--report needs the local engine (the Ray engine returns records, not the pages' blocks)")
    if args.report is not None and os.path.isdir(args.report):
        parser.error(f"--report {args.report}: a folder of that name is there; the report is one HTML file")


def check_explain_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """As check_arguments, for `cleaner explain`."""
    if args.jobs < 0 or args.timeout < 0:
        parser.error("--jobs and --timeout cannot be negative")
    if args.warmup is not None and not args.stream:
        parser.error("--warmup applies only with --stream (a batch learns every page before cleaning)")
    if os.path.isdir(args.output) or args.output.endswith(("/", os.sep)):
        parser.error(f"-o {args.output}: the report is one HTML file (such as {os.path.join(args.output, 'report.html')})")
