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
