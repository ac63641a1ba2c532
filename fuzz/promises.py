"""What clean() promises on any input, checked on one fuzz input (fuzz_clean.py runs it under
atheris; tests/test_fuzz_regressions.py runs it on the kept inputs). The first byte of an input
picks the kind (auto, html, text), the second whether the rest goes in as bytes or as text.

A broken promise raises: any exception other than InputError, an output whose words are not a
subsequence of the input's (inputs given as text), a second run that differs, or an output
that changes when cleaned again.
"""

from __future__ import annotations

import html
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
    if isinstance(payload, str):
        # A page's words are those of its source with entities decoded (markup words included:
        # broken markup turns tags into text).
        # Python's HTML5 entity table and libxml2's differ at the edges ("&ampfoo"): either
        # reading of the source will do.
        out = _words(result.text)
        readings = (payload,) if result.kind == "text" else (html.unescape(payload), payload)
        if not any(_is_subsequence(out, _words(source)) for source in readings):
            raise AssertionError("the output's words are not a subsequence of the input's")
    twice = _clean(result.text, "text")
    if twice is None or twice.text != result.text:
        raise AssertionError("cleaning the output again changed it")
