"""The command line: `cleaner clean`, `cleaner golden`, `cleaner bench`; no arguments cleans the samples."""

from __future__ import annotations

import argparse
import sys

from .bench.cli import add_arguments as add_bench_arguments
from .bench.cli import run_bench


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    bench = commands.add_parser("bench", help="score on a WCXB-format dataset next to trafilatura")
    add_bench_arguments(bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "bench":
        return run_bench(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
