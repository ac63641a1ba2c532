"""`cleaner` alone: the bundled sample pages cleaned, with a few of the segments removed and why."""

from __future__ import annotations

import sys
from importlib import resources
from typing import TextIO

from ..pipeline import clean
from ..run.sinks import (
    one_line,
    removal_summary,
)
from .inputs import accepted, kind_for

# ---------------------------------------------------------------------------------------------
# The bundled samples


def sample_files() -> list[tuple[str, bytes]]:
    folder = resources.files("cleaner").joinpath("samples")
    items = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file() and accepted(entry.name):
            items.append((entry.name, entry.read_bytes()))
    return items


def run_samples(stdout: TextIO | None = None) -> int:
    """Clean each bundled sample page and print its text, then what was removed: a summary by
    rule and a few of the removed segments with their rules and reasons."""
    stdout = stdout or sys.stdout
    samples = sample_files()
    if not samples:
        print("cleaner: no bundled samples found", file=sys.stderr)
        return 1
    print("Cleaning the bundled sample pages (run `cleaner clean --help` to clean your own).\n", file=stdout)
    for name, data in samples:
        result = clean(data, kind=kind_for(name))
        title = f" - {result.title}" if result.title else ""
        print(f"===== {name} ({result.kind}){title} =====", file=stdout)
        print(result.text or "(no article text found)", file=stdout)
        removed = [{"text": r.text, "rule": r.rule, "reason": r.reason} for r in result.removed]
        print(f"----- {removal_summary(removed)}", file=stdout)
        for line in sample_removal_lines(removed):
            print(line, file=stdout)
        print(file=stdout)
    return 0


# How many removed segments the samples show, each cut to this many characters.
SAMPLE_REMOVALS = 5


SAMPLE_CLIP = 50


def sample_removal_lines(removed: list[dict]) -> list[str]:
    """A few removed segments, one line each with its rule and reason: the first of each kind
    of rule (navigation, comment_form, ...), in page order, so the few show different kinds;
    and how to see the rest."""
    shown: dict[str, dict] = {}
    for removal in removed:
        if len(shown) < SAMPLE_REMOVALS:
            shown.setdefault(removal["rule"].split(".", 1)[0], removal)
    lines = [f'  [{r["rule"]}] {r["reason"]}: "{one_line(r["text"], SAMPLE_CLIP)}"' for r in shown.values()]
    rest = len(removed) - len(shown)
    if rest:
        lines.append(f"  ... and {rest} more (`cleaner clean --explain FILE` lists every one)")
    return lines
