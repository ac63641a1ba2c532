"""The characters a regular expression's match can start with, read from its parse tree, so that
a text is matched only against the patterns that can start with its first character.

An alternation of a dozen IGNORECASE patterns anchored at the start of the text (bylines, agency
credits) is tried branch by branch on every block of a document. Most branches cannot start with
the block's first character: AnchoredDispatch keeps, for each ASCII character, the alternation
of those that can (found by matching each ASCII character against the pattern's first items).
A text that starts with another character is tried against every pattern, as is any pattern
the reading cannot tell about (None).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from . import sre_compat

ASCII = [chr(code) for code in range(128)]
# How the parse tree names the categories, as escapes a character set can hold.
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}


def first_chars(pattern: str) -> frozenset[str] | None:
    """The lowercased ASCII characters a match of the pattern (IGNORECASE) can start with, or
    None when it may start with any character (or match nothing at all)."""
    if sre_compat.parser is None:
        return None
    try:
        found = _first(list(sre_compat.parser.parse(pattern, re.IGNORECASE)))
    except Exception:  # noqa: BLE001 - a parser of another shape: every pattern is tried
        return None
    if found is None or found[1]:
        return None
    return frozenset(found[0])


def _first(items: list) -> tuple[set[str], bool] | None:
    """(The first characters of a sequence of items, whether it can match no character)."""
    chars: set[str] = set()
    for op, arg in items:
        found = _first_of(op, arg)
        if found is None:
            return None
        chars |= found[0]
        if not found[1]:
            return chars, False
    return chars, True


def _first_of(op: Any, arg: Any) -> tuple[set[str], bool] | None:
    constants: Any = sre_compat.constants
    if op is constants.AT:
        return set(), True  # ^, $, \b: no character
    if op is constants.SUBPATTERN:
        return _first(list(arg[-1]))
    if op is constants.BRANCH:
        branches = [_first(list(branch)) for branch in arg[1]]
        if any(found is None for found in branches):
            return None
        return set().union(*(f[0] for f in branches if f)), any(f[1] for f in branches if f)
    if op in (constants.MAX_REPEAT, constants.MIN_REPEAT):
        found = _first(list(arg[2]))
        return None if found is None else (found[0], found[1] or arg[0] == 0)
    one = _one_char(op, arg)
    if one is None:
        return None
    matches = re.compile(one, re.IGNORECASE).fullmatch
    return {char.lower() for char in ASCII if matches(char)}, False


def _one_char(op: Any, arg: Any) -> str | None:
    """A regex for an item that matches one character, or None for another kind of item."""
    constants: Any = sre_compat.constants
    if op is constants.LITERAL:
        return re.escape(chr(arg))
    if op is constants.NOT_LITERAL:
        return "[^" + re.escape(chr(arg)) + "]"
    if op is constants.ANY:
        return "."
    if op is constants.CATEGORY:
        return _CATEGORIES.get(str(arg))
    if op is not constants.IN:
        return None
    parts: list[str] = []
    for kind, value in arg:
        if kind is constants.NEGATE:
            parts.insert(0, "^")
        elif kind is constants.LITERAL:
            parts.append(re.escape(chr(value)))
        elif kind is constants.RANGE:
            parts.append(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
        elif kind is constants.CATEGORY and str(value) in _CATEGORIES:
            parts.append(_CATEGORIES[str(value)])
        else:
            return None
    return "[" + "".join(parts) + "]"


Match = Callable[[str], "re.Match[str] | None"]


class AnchoredDispatch:
    """Patterns anchored at the start of a text, matched as one IGNORECASE alternation: `match`
    tries only the patterns that can start with the text's first character."""

    def __init__(self, patterns: list[str]) -> None:
        self.full: Match = _alternation(patterns)
        starts = [first_chars(p) for p in patterns]
        compiled: dict[tuple[int, ...], Match] = {}
        self.by_first: dict[str, Match] = {}
        for char in ASCII:
            which = tuple(k for k, chars in enumerate(starts) if chars is None or char.lower() in chars)
            if which not in compiled:
                compiled[which] = _alternation([patterns[k] for k in which])
            self.by_first[char] = compiled[which]

    def match(self, text: str) -> re.Match[str] | None:
        # A text that opens with another character than ASCII (or none) is tried on them all.
        return self.by_first.get(text[:1], self.full)(text)


def _alternation(patterns: list[str]) -> Match:
    if not patterns:
        return lambda text: None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE).match
