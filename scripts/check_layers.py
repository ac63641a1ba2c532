"""Check that cleaner's imports point one way: each layer imports only the layers below it.

    python scripts/check_layers.py [--show]

The layers, bottom first, are LAYERS below. A module may import its own layer and those below;
an import of a layer above is reported (imports inside functions too: loading late does not
change which way a dependency points). `--show` prints each layer's imports of other layers.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cleaner"
# Bottom first. A name is a subpackage or a top-level module of cleaner.
LAYERS = [
    ["model"],
    ["lexicon"],
    ["read"],
    ["extract", "sites"],
    ["judge"],
    ["output"],
    ["pipeline", "batch"],
    ["run"],
    ["integrations", "__init__"],
    # The benchmark and golden-case tools, loaded only by their commands.
    ["devtools"],
    ["cli", "__main__"],
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def unit(module: str) -> str:
    """The layer unit of a dotted module name inside cleaner ("cleaner.read.decode" -> "read")."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every cleaner import in the file."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names = [f"{module}.{a.name}" if module == "cleaner" else module for a in node.names]
            found += [(node.lineno, name) for name in names if name.startswith("cleaner.")]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("cleaner.")]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="list each layer's imports of other layers")
    args = parser.parse_args(argv)
    wrong = []
    edges: set[tuple[str, str]] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        here = unit("cleaner." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
        for line, module in imports(path):
            there = unit(module)
            if there == here:
                continue
            edges.add((here, there))
            if RANK.get(there, -1) > RANK.get(here, -1):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {here} imports {module}, a layer above it")
    if args.show:
        for here, there in sorted(edges, key=lambda e: (RANK.get(e[0], -1), e[0], e[1])):
            print(f"{here} -> {there}")
    for message in wrong:
        print(message)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
