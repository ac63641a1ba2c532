"""How deep cleaner's imports go: the longest chain of module-level imports between its modules.

    python scripts/import_depth.py [--chain]

Counts modules in the longest chain a -> b -> ... where each imports the next at module level
(imports inside functions and under `if TYPE_CHECKING:` load late or never, so they do not count;
importing a package counts as importing its __init__). Prints the depth, the module count and,
with --chain, the chain itself.
"""

from __future__ import annotations

import argparse
import ast
import sys
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cleaner"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def top_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports run when the module loads: at module level, in try/if blocks but not TYPE_CHECKING."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.stmt] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.If) and not _type_checking(node):
            stack += node.body + node.orelse
        elif isinstance(node, ast.Try):
            stack += node.body + node.orelse + node.finalbody
            for handler in node.handlers:
                stack += handler.body
    return found


def edges(modules: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        package = name.split(".") if is_package else name.split(".")[:-1]
        targets: set[str] = set()
        for node in top_level_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package[: len(package) - (node.level - 1)] if node.level else []
                module = ".".join(base + ([node.module] if node.module else [])) if node.level else (node.module or "")
                candidates = [module] + [f"{module}.{a.name}" for a in node.names]
            else:
                candidates = [a.name for a in node.names]
            for candidate in candidates:
                # importing a.b.c loads a.b and a.b.c (and cleaner itself, which is always loading first)
                parts = candidate.split(".")
                for k in range(2, len(parts) + 1):
                    target = ".".join(parts[:k])
                    # a module's own packages are loading already when it runs
                    if target in modules and not (name + ".").startswith(target + "."):
                        targets.add(target)
        graph[name] = targets
    return graph


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chain", action="store_true", help="print the longest chain")
    args = parser.parse_args(argv)
    modules = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    graph = edges(modules)

    visiting: set[str] = set()

    @cache
    def longest(name: str) -> tuple[str, ...]:
        visiting.add(name)
        best: tuple[str, ...] = ()
        for target in sorted(graph[name]):
            if target in visiting:
                raise SystemExit(f"import cycle through {name} -> {target}")
            chain = longest(target)
            if len(chain) > len(best):
                best = chain
        visiting.discard(name)
        return (name, *best)

    chain = max((longest(name) for name in sorted(modules)), key=len)
    print(f"import depth {len(chain)} ({len(modules)} modules)")
    if args.chain:
        print("\n".join(f"  {m}" for m in chain))
    return 0


if __name__ == "__main__":
    sys.exit(main())
