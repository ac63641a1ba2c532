"""The regex analyser reads CPython's private parser (re._parser from 3.11, sre_parse on 3.10);
without it, no literal is found and the phrase lists match the same texts, without the shortcut."""

from __future__ import annotations

import pytest

from cleaner.lexicon import sre_compat
from cleaner.lexicon.literals import required_literals
from cleaner.lexicon.matcher import PhraseList

PATTERNS = [r"\bsubscribe (?:now|today)\b", r"^photo:? ", r"©\s*\d{4}", r"(?:read|see) more\b"]
TEXTS = ["Subscribe now for more", "PHOTO: Jane Doe", "© 2024 Example", "Read more", "Nothing here", "İstanbul ſee more"]


def test_the_parser_is_found_on_this_python():
    assert sre_compat.parser is not None and sre_compat.constants is not None
    assert required_literals(r"\bsubscribe (?:now|today)\b") == ("subscribe ",)


def _matches() -> list[str | None]:
    phrase_list = PhraseList(patterns=list(PATTERNS))
    phrase_list.compile()
    return [phrase_list.match(text) for text in TEXTS]


def test_without_the_parser_no_literal_is_found_and_the_matches_stay(monkeypatch: pytest.MonkeyPatch):
    with_parser = _matches()
    monkeypatch.setattr(sre_compat, "parser", None)
    assert required_literals(r"\bsubscribe (?:now|today)\b") is None
    assert _matches() == with_parser
    assert with_parser[:4] == ["Subscribe now", "PHOTO:", "© 2024", "Read more"]
