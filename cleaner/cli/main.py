"""The command line: `cleaner clean`, `cleaner profiles`, `cleaner golden`, `cleaner bench`; no arguments
cleans the samples."""

from __future__ import annotations

import argparse
import functools
import os
import sys

from .. import __version__
from ..devtools.bench.cli import add_arguments as add_bench_arguments
from ..devtools.bench.cli import run_bench
from .clean import __doc__ as CLEAN_DESCRIPTION
from .clean import add_arguments as add_clean_arguments
from .clean import check_arguments as check_clean_arguments
from .clean import run_clean, run_samples


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command")
    clean = commands.add_parser(
        "clean",
        help="clean files, folders, globs or stdin (-) and write text or JSON",
        description=CLEAN_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_clean_arguments(clean)
    clean.set_defaults(check=functools.partial(check_clean_arguments, clean))
    bench = commands.add_parser("bench", help="score on a WCXB-format dataset next to trafilatura")
    add_bench_arguments(bench)
    from .profiles import add_arguments as add_profiles_arguments

    profiles = commands.add_parser(
        "profiles", help="learn, merge or show site profiles (what each site's pages repeat)"
    )
    add_profiles_arguments(profiles)
    from ..devtools.golden.cases import add_arguments as add_golden_arguments

    golden = commands.add_parser("golden", help="compare the output on golden/ cases with their expected text")
    add_golden_arguments(golden)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "check", None) is not None:
        args.check(args)  # options that need another: refused with the command's usage
    try:
        code = run_command(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
    except BrokenPipeError:
        # `cleaner ... | head` closed stdout: stop quietly, as other command-line tools do.
        _silence_stdout()
        return 141  # 128 + SIGPIPE, what a shell reports for a writer whose reader left
    return code


def run_command(args: argparse.Namespace) -> int:
    if args.command is None:
        return run_samples()
    if args.command == "clean":
        return run_clean(args)
    if args.command == "bench":
        return run_bench(args)
    if args.command == "profiles":
        from .profiles import run_profiles

        return run_profiles(args)
    if args.command == "golden":
        from ..devtools.golden.cases import run_command as run_golden

        return run_golden(args)
    return 0


def _silence_stdout() -> None:
    """Point stdout at /dev/null: Python flushes it again at exit, which must not fail too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    sys.exit(main())
