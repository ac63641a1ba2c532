"""The words of a text as the phrase data and the rules compare them: normalised, case-folded,
and the stopwords of the supported languages."""

from __future__ import annotations

import re
from importlib import resources
from importlib.abc import Traversable

LANGUAGES = ("en", "de", "fr", "es")
WORD = re.compile(r"\w+", re.UNICODE)


def normalise(text: str) -> str:
    """Lowercase words joined by single spaces: the form phrases are compared in."""
    return " ".join(WORD.findall(text.lower()))


def data_file(*parts: str) -> Traversable:
    """A file (or folder) of cleaner/data."""
    path = resources.files("cleaner").joinpath("data")
    for part in parts:
        path = path.joinpath(part)
    return path


def _load_stopwords() -> frozenset[str]:
    words: set[str] = set()
    for lang in LANGUAGES:
        path = data_file("stopwords", f"{lang}.txt")
        if path.is_file():
            words.update(path.read_text(encoding="utf-8").split())
    return frozenset(words)


STOPWORDS = _load_stopwords()


# Characters that an IGNORECASE regex matches to an ASCII letter or digit but str.lower() does
# not turn into one (found by testing every code point against [a-z0-9] with re.IGNORECASE).
_TWIN_CHARS = ("\u0130", "\u0131", "\u017f", "\u212a")
_REGEX_CASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_CASE_TWIN = re.compile("[" + "".join(_TWIN_CHARS) + "]")


def fold_case(text: str) -> str:
    """Lowercase, so that a literal an IGNORECASE regex matches in the text occurs in this."""
    if has_case_twins(text):
        text = text.translate(_REGEX_CASE_TWINS)
    return text.lower()


def has_case_twins(text: str) -> bool:
    """Whether the text has a character fold_case treats apart from str.lower()."""
    return not text.isascii() and _CASE_TWIN.search(text) is not None
