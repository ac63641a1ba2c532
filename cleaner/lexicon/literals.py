"""What a regular expression needs in a text to match it: the literals one of which every match
contains, read from the pattern's parse tree, so that one quick search can rule a text out.

The parse tree is CPython's (see sre_compat), which is private: when it is
missing or of another shape, no literal is found, and the lists are searched without the shortcut
(the same answers, more slowly).
"""

from __future__ import annotations

import re
from typing import Any

from ..model.words import STOPWORDS, WORD
from . import sre_compat

# ASCII literals shorter than this are too common to rule a text out.
MIN_REQUIRED_LITERAL = 3


def literal_gate(needs: list[tuple[str, ...] | None]) -> re.Pattern[str] | None:
    """A search for any of the literals the patterns need (one of each pattern's must occur for
    it to match); None when a pattern needs none, as then no text can be ruled out."""
    if not needs or any(options is None for options in needs):
        return None
    literals = sorted({literal for options in needs if options for literal in options}, key=len, reverse=True)
    return re.compile("|".join(re.escape(literal) for literal in literals))


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lowercased literals one of which every match of the pattern contains; None when the
    pattern has none worth checking.

    Only the top level of the pattern is read, with the groups and alternations in it: a literal
    outside any repeat is part of every match.
    """
    if sre_compat.parser is None:
        return None
    try:
        parsed = sre_compat.parser.parse(pattern, re.IGNORECASE)
    except Exception:  # noqa: BLE001 - a parser of another shape only costs the shortcut
        return None
    return _literal_options(list(parsed))


def _literal_options(items: list) -> tuple[str, ...] | None:
    """Literals one of which every match of the sequence of parsed items contains, or None.

    Each run of plain characters is such a set of one, and each group or alternation outside a
    repeat is such a set; of these, the set that fewest texts hold (see _option_strength).
    """
    constants: Any = sre_compat.constants
    runs, run = [], []
    groups: list[tuple[str, ...]] = []
    for op, arg in items:
        if op is constants.LITERAL and _caseless_or_ascii(arg):
            run.append(chr(arg))
            continue
        runs.append("".join(run))
        run = []
        options = _group_options(op, arg)
        if options is not None:
            groups.append(options)
    runs.append("".join(run))
    candidates: list[tuple[str, ...]] = [
        (literal,)
        for literal in sorted((r.lower() for r in runs), key=len, reverse=True)
        if len(literal) >= MIN_REQUIRED_LITERAL or not literal.isascii()
    ]
    candidates += groups
    # max keeps the first of equals: the longest run, then the groups in pattern order.
    return max(candidates, key=_option_strength, default=None)


def _option_strength(options: tuple[str, ...]) -> tuple[int, int]:
    """How few texts hold one of the literals: as few as hold its most common one."""
    return min(_literal_strength(literal) for literal in options)


def rarest_word(phrase: str) -> str:
    """The word of a normalised phrase that fewest texts hold: not a stopword, then the longest."""
    return max(phrase.split(" "), key=lambda word: (word not in STOPWORDS, len(word)))


def _literal_strength(literal: str) -> tuple[int, int]:
    """A literal with a word that is not a stopword ("subscribe") is rarer than one without a
    word ("©", "...", searched for as it is), which is rarer than one of stopwords only (" a ",
    "this "); then the longer its longest such word (or itself), the rarer. ASCII punctuation
    shorter than MIN_REQUIRED_LITERAL ("-", ",") is in most texts."""
    words = WORD.findall(literal)
    rare = [w for w in words if w not in STOPWORDS]
    if rare:
        return 2, max(map(len, rare))
    if words:
        return 0, max(map(len, words))
    if len(literal) >= MIN_REQUIRED_LITERAL or not literal.isascii():
        return 1, len(literal)
    return 0, 0


def _caseless_or_ascii(code: int) -> bool:
    """An ASCII character (fold_case lowers what matches it) or one without case ("©", "…"),
    which an IGNORECASE regex matches only to itself."""
    char = chr(code)
    return code < 128 or (char.lower() == char == char.upper() and code not in sre_compat.extra_cases)


def _group_options(op, arg) -> tuple[str, ...] | None:
    """Literals of an alternation (the parser factors a shared \\b out of its branches) or of a
    group around one."""
    constants: Any = sre_compat.constants
    if op is constants.SUBPATTERN:
        return _literal_options(list(arg[-1]))
    if op is constants.IN:
        return _set_options(arg)
    if op is not constants.BRANCH:
        return None
    options: list[str] = []
    for branch in arg[1]:
        found = _literal_options(list(branch))
        if found is None:
            return None
        options.extend(found)
    return tuple(options)


def _set_options(items: list) -> tuple[str, ...] | None:
    """The characters of a set of plain characters ("[|/]", and "↩|↑" as the parser reads it)."""
    constants: Any = sre_compat.constants
    if not all(op is constants.LITERAL and _caseless_or_ascii(arg) for op, arg in items):
        return None
    return tuple(chr(arg).lower() for _, arg in items)


def is_anchored(pattern: str) -> bool:
    """Whether every match of the pattern starts at the beginning of the text (a leading ^ that
    is not one branch of a top-level alternation)."""
    return pattern.startswith("^") and not _has_top_level_bar(pattern)


def _has_top_level_bar(pattern: str) -> bool:
    depth, in_class, escaped = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False
