"""The gate's bits found for all the blocks of a text at once (lexicon.gate_texts) are those the
one-text path gives each block: on texts of every kind, lines that open with symbols, case-folding
twins, a final sigma after a symbol, and texts with line breaks in them (as HTML blocks have)."""

from __future__ import annotations

import pytest

from cleaner.devtools.golden.cases import REPO_GOLDEN
from cleaner.lexicon import candidates
from cleaner.lexicon.phrases import phrases
from cleaner.model.block import Block
from cleaner.read.text_blocks import text_blocks

TEXTS = sorted(REPO_GOLDEN.glob("*/input.txt"))
ODD = [
    "ΑΣ", "•ΑΣ x", "Ⓐ Σ", "• İstanbul", "İ", "ſhare this", "K", "© 2024 Example", "…", "(AP)", "(AP) —",
    "- By John Smith", "— Reuters", "  by Jane Doe ", "x\ny", "", " ", "—", "12:30", "• 12:30",
    "📷 Getty Images", "Photo / AP", "Leave a Reply", "Share this:", "Read more…", "a | b | c",
]  # fmt: skip


def one_by_one(texts: list[str], norms: list[str]) -> list[int]:
    return [candidates.gate_bits(text, norm, True) for text, norm in zip(texts, norms)]


@pytest.mark.parametrize("path", TEXTS, ids=[p.parent.name for p in TEXTS])
def test_all_at_once_as_one_by_one(path):
    phrases("navigation")  # every list joins the gate
    texts = [b.text for b in text_blocks(path.read_text(encoding="utf-8"))]
    texts += [" " + t for t in texts[:5]] + [t + "\n" for t in texts[5:10]] + ["\n".join(texts[10:13])] + ODD
    norms = [Block(text).norm for text in texts]
    candidates.CANDIDATES.clear()
    assert candidates.candidate_lists_of(texts, norms) == one_by_one(texts, norms)


def plain_lists_for(conditions, word: str) -> int:
    """_WordConditions.lists_for without its trie tests: every start, end and place inside."""
    bits = conditions.whole.get(word, 0)
    for n in range(1, len(word) + 1):
        bits |= conditions.starts.get(word[:n], 0) | conditions.ends.get(word[-n:], 0)
    for i in range(len(word)):
        for char, bit in conditions.inside_single.items():
            bits |= bit if word[i] == char else 0
        for piece, bit in conditions.inside.get(word[i : i + 2], ()):
            bits |= bit if word.startswith(piece, i) else 0
    return bits


def test_a_word_lets_through_the_lists_its_pieces_let_through():
    phrases("navigation")
    conditions = candidates.GATE.word_conditions
    pieces = [*conditions.whole, *conditions.starts, *conditions.ends]
    pieces += [piece for group in conditions.inside.values() for piece, _ in group]
    words = {"", "x", "commenting", "unsubscribed", "rereading", "photos", "newsletter"}
    for piece in pieces:
        words |= {piece, piece + "s", "re" + piece, piece[:-1], piece[1:], "x" + piece + "x"}
    for path in TEXTS:
        words |= {w for b in text_blocks(path.read_text(encoding="utf-8")) for w in b.norm.split(" ")}
    for word in sorted(words):
        assert conditions.lists_for(word) == plain_lists_for(conditions, word), word
