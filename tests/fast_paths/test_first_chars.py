"""AnchoredDispatch tries a text only on the anchored patterns that can start with its first
character, and answers as the alternation of them all does."""

from __future__ import annotations

import random

import pytest

from cleaner.devtools.golden.cases import REPO_GOLDEN
from cleaner.lexicon.candidates import GATE
from cleaner.lexicon.first_chars import AnchoredDispatch, first_chars
from cleaner.lexicon.phrases import phrases
from cleaner.read.text_blocks import text_blocks


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        (r"^(?:by|posted by)\s+\w+$", "bp"),
        (r"^\(?\s*(?:ap|afp)\)?$", "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f (a"),  # \s: Unicode spaces
        (r"^\d{1,2}:\d{2}$", "0123456789"),
        (r"^(?-i:[A-Z])\w+", "abcdefghijklmnopqrstuvwxyz"),
        (r"^[-–—]+ x", "-"),
        (r"^(?:x)?", None),  # matches no character: any text
        (r"^(?=a)a", None),  # a lookahead: not read
        (r"^[^a]", None),
    ],
)
def test_first_chars(pattern, chars):
    found = first_chars(pattern)
    if chars is None:
        assert found is None or len(found) > 100
    else:
        assert found == frozenset(chars)


def test_the_dispatch_answers_as_the_whole_alternation():
    phrases("navigation")  # every list joins the gate
    patterns = GATE._anchored_patterns
    dispatch = AnchoredDispatch(patterns)
    texts = [b.text for path in sorted(REPO_GOLDEN.glob("*/input.txt")) for b in text_blocks(path.read_text())]
    texts += ["By John Smith", "(AP)", "— Reuters", "12:30", "Kna", "\u212ana", "ſid", "İ", "", "(", "Von Hans Meier"]
    rng = random.Random(3)
    alphabet = "abAB(- 12:/.,KkſİéÉ—"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    for text in texts:
        assert bool(dispatch.match(text)) == bool(dispatch.full(text)), text
