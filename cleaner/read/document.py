"""An input read as a document: its text (decoded, within the work limit), its kind and the
encoding found; InputError when it is not a document."""

from __future__ import annotations

from typing import NamedTuple

from .decode import check_not_encoded, to_text
from .html_parse import looks_like_html
from .limits import within_work_limit

KINDS = ("auto", "html", "text")


class Decoded(NamedTuple):
    text: str
    kind: str
    encoding: str | None
    notes: list[str]


def decode_document(data: str | bytes, kind: str = "auto") -> Decoded:
    """The text of an input, its kind, the encoding found and notes on a cut; InputError when it
    is not a document."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    text, encoding = to_text(data)
    text, notes = within_work_limit(text)  # first: nothing after it reads past the limit
    markup = looks_like_html(text)
    if kind == "auto":
        kind = "html" if markup else "text"
    if not markup:  # a page can be mostly data: images; text without markup cannot
        check_not_encoded(text)
    return Decoded(text, kind, encoding, notes)
