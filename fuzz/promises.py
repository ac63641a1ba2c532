"""What clean() promises on any input, checked on one fuzz input (fuzz_clean.py runs it under
atheris; tests/test_fuzz_regressions.py runs it on the kept inputs). The first byte of an input
picks the kind (auto, html, text), the second whether the rest goes in as bytes or as text.

A broken promise raises: any exception other than InputError, a second run that differs, or,
for a text result, words that are not a subsequence of the input's or a text that changes
when cleaned again. For HTML, word order and idempotence are checked by the hypothesis tests
on generated and messy pages (tests/test_properties.py): on fuzzed bytes markup joins words
where the source splits them, and the text rules read an extracted article's text as a page
dump (see the README's guarantees).
"""

from __future__ import annotations

import re
import unicodedata

import cleaner
from cleaner import InputError

_WORD = re.compile(r"\w+")
KINDS = ("auto", "html", "text")


def words(text: str) -> list[str]:
    """Word tokens. Format characters (soft hyphen, zero-width joiner, bidi marks) are invisible
    parts of a word, as in Unicode word segmentation, so they are not word breaks; a zero-width
    space is one."""
    return _WORD.findall("".join(_without_format(char) for char in text))


def _without_format(char: str) -> str:
    if char == "\u200b":
        return " "
    return "" if unicodedata.category(char) == "Cf" else char


def is_subsequence(part: list[str], whole: list[str]) -> bool:
    remaining = iter(whole)
    return all(any(w == x for x in remaining) for w in part)


def _clean(data, kind):
    try:
        return cleaner.clean(data, kind=kind)
    except InputError:
        return None


def check_input(data: bytes) -> None:
    """Run clean() on one fuzz input; raise when it breaks a promise."""
    if len(data) < 2:
        return
    kind = KINDS[data[0] % 3]
    as_bytes = bool(data[1] & 1)
    body = data[2:]
    payload = body if as_bytes else body.decode("utf-8", "replace")
    result = _clean(payload, kind)
    if result is None:
        return
    again = _clean(payload, kind)
    if again is None or again.text != result.text or again.title != result.title:
        raise AssertionError("clean() is not deterministic")
    given_text = result.kind == "text" and isinstance(payload, str)
    if given_text and not is_subsequence(words(result.text), words(payload)):
        raise AssertionError("the output's words are not a subsequence of the input's")
    if result.kind == "text":
        twice = _clean(result.text, "text")
        if twice is None or twice.text != result.text:
            raise AssertionError("cleaning the output again changed it")
