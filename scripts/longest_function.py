"""The longest functions under a folder (default: cleaner/); exits 1 when one reaches the limit.

    python scripts/longest_function.py [FOLDER] [--limit 60] [--show 5]

A function's length is its lines from `def` (decorators excluded) to its last line, docstring
and comments included: what a reader has to hold on one screen.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path


def function_lengths(folder: Path) -> list[tuple[int, str]]:
    """(lines, "path:line name") for every function and method under folder, longest first."""
    lengths = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                lengths.append((lines, f"{path}:{node.lineno} {node.name}"))
    return sorted(lengths, reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=Path("cleaner"))
    parser.add_argument("--limit", type=int, default=60, help="fail when a function has this many lines or more")
    parser.add_argument("--show", type=int, default=5, help="how many of the longest to list")
    args = parser.parse_args(argv)
    lengths = function_lengths(args.folder)
    for lines, where in lengths[: args.show]:
        print(f"{lines:4d} {where}")
    too_long = [entry for entry in lengths if entry[0] >= args.limit]
    if too_long:
        print(f"{len(too_long)} functions have {args.limit} lines or more", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
