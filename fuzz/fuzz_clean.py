"""Coverage-guided fuzz target (atheris/libFuzzer) over cleaner.clean() for HTML, text and bytes.

Run it with fuzz/run (a time budget in minutes); not part of CI. A crash is any exception other
than InputError, or a broken promise: the output's words are not a subsequence of the input's,
cleaning is not deterministic, or cleaning a text result again changes it.
"""

from __future__ import annotations

import re
import sys
import unicodedata

import atheris

with atheris.instrument_imports(include=["cleaner", "trafilatura", "justext", "htmldate", "courlan"]):
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


def test_one_input(data: bytes) -> None:
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
    if isinstance(payload, str) and kind == "text":
        if not _is_subsequence(_words(result.text), _words(payload)):
            raise AssertionError("text output is not a subsequence of the input")
        twice = _clean(result.text, "text")
        if twice is None or twice.text != result.text:
            raise AssertionError("cleaning text twice changed it")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
