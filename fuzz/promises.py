"""What clean() promises on any input, checked on one fuzz input (fuzz_clean.py runs it under
atheris; tests/test_fuzz_regressions.py runs it on the kept inputs). The first byte of an input
picks the kind (auto, html, text), the second whether the rest goes in as bytes or as text.

A broken promise raises: any exception other than InputError, a second run that differs, a
text output whose words are not a subsequence of the input's, or an output that changes when
cleaned again (an HTML result's text: loses or gains a word). For HTML, the order of words is
checked by the hypothesis tests on generated and messy pages (tests/test_properties.py): on
fuzzed bytes, markup joins words where the source splits them.
"""

from __future__ import annotations

import re
import unicodedata

import cleaner
from cleaner import InputError

_WORD = re.compile(r"\w+")
KINDS = ("auto", "html", "text")


def _words(text: str) -> list[str]:
    # As in tests/test_properties.py: format characters are invisible parts of a word.
    kept = []
    for char in text:
        if char == "\u200b":
            kept.append(" ")
        elif unicodedata.category(char) != "Cf":
            kept.append(char)
    return _WORD.findall("".join(kept))


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
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
    if given_text and not _is_subsequence(_words(result.text), _words(payload)):
        raise AssertionError("the output's words are not a subsequence of the input's")
    twice = _clean(result.text, "text")
    # A text comes back the same; an HTML result's text keeps every word (its tables and lists
    # may be laid out in other lines when read as text).
    if twice is None:
        raise AssertionError("cleaning the output again raised InputError")
    same = twice.text == result.text if result.kind == "text" else _words(twice.text) == _words(result.text)
    if not same:
        raise AssertionError("cleaning the output again changed it")
