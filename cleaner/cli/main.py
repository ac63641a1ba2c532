"""The command line: `cleaner clean`, `cleaner explain`, `cleaner profiles`, `cleaner golden`, `cleaner bench`,
`cleaner train`; no arguments cleans the samples."""

from __future__ import annotations

import argparse
import functools
import os
import sys

from .. import __version__
from .arguments import add_arguments as add_clean_arguments
from .arguments import add_explain_arguments, check_explain_arguments
from .arguments import check_arguments as check_clean_arguments
from .clean import __doc__ as CLEAN_DESCRIPTION
from .clean import run_clean
from .explain import __doc__ as EXPLAIN_DESCRIPTION
from .samples import run_samples

# Commands for developers: their code (benchmarks, golden cases) is loaded only when they are called.
DEVTOOLS = ("bench", "golden", "train")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; the options of a developers' command are added only when it is `command`."""
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
    explain = commands.add_parser(
        "explain",
        help="write an HTML report of what was kept and removed on each page, and why",
        description=EXPLAIN_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_explain_arguments(explain)
    explain.set_defaults(check=functools.partial(check_explain_arguments, explain))
    bench = commands.add_parser("bench", help="score on a WCXB-format dataset next to trafilatura")
    if command == "bench":
        from ..devtools.bench.cli import add_arguments as add_bench_arguments

        add_bench_arguments(bench)
    from .profiles import add_arguments as add_profiles_arguments

    profiles = commands.add_parser(
        "profiles", help="learn, merge or show site profiles (what each site's pages repeat)"
    )
    add_profiles_arguments(profiles)
    golden = commands.add_parser(
        "golden", help="compare the output on golden/ cases with their expected text"
    )
    if command == "golden":
        from ..devtools.golden.command import add_arguments as add_golden_arguments

        add_golden_arguments(golden)
    train = commands.add_parser("train", help="rebuild the block model from a labelled WCXB-format dataset")
    if command == "train":
        from ..devtools.train.command import add_arguments as add_train_arguments

        add_train_arguments(train)
    return parser


def _command(argv: list[str]) -> str | None:
    """The command named in argv: its first word that is not an option (the top-level options,
    --help and --version, take no value)."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    args = build_parser(_command(argv)).parse_args(argv)
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
    if args.command == "explain":
        from .explain import run_explain

        return run_explain(args)
    if args.command == "bench":
        from ..devtools.bench.cli import run_bench

        return run_bench(args)
    if args.command == "profiles":
        from .profiles import run_profiles

        return run_profiles(args)
    if args.command == "golden":
        from ..devtools.golden.command import run_command as run_golden

        return run_golden(args)
    if args.command == "train":
        from ..devtools.train.command import run_train

        return run_train(args)
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
