"""reflow_blocks gives the blocks that rendering the kept blocks and splitting the text again gives."""

from __future__ import annotations

import random

import pytest

from cleaner.devtools.golden.cases import REPO_GOLDEN
from cleaner.output.render import render_blocks
from cleaner.read.text_blocks import reflow_blocks, text_blocks

TEXTS = sorted(REPO_GOLDEN.glob("*/input.txt"))
LISTS = "Intro line\n- one\n- two\nnot an item\n- three\n\n1. first\n2. second\n\nLast words here."


def _layout(blocks):
    return [(b.text, b.role, b.origin, b.group_start) for b in blocks]


def _expected(kept):
    return _layout(text_blocks(render_blocks(kept)))


@pytest.mark.parametrize("path", TEXTS, ids=[p.parent.name for p in TEXTS])
def test_reflow_reads_as_the_rendered_text_read_again(path):
    blocks = text_blocks(path.read_text(encoding="utf-8"))
    rng = random.Random(path.name)
    for share in (0.0, 0.2, 0.5, 0.9):
        kept = [b for b in blocks if rng.random() >= share]
        assert _layout(reflow_blocks(kept)) == _expected(kept)


def test_reflow_keeps_list_items_together_and_apart():
    blocks = text_blocks(LISTS)
    for drop in range(len(blocks)):
        kept = blocks[:drop] + blocks[drop + 1 :]
        assert _layout(reflow_blocks(kept)) == _expected(kept)
    assert _layout(reflow_blocks([])) == _expected([]) == []


def test_reflow_carries_the_features():
    blocks = text_blocks("A first paragraph of words.\n\nA second one.")
    assert blocks[0].n_words == 5
    assert reflow_blocks(blocks)[0].__dict__["n_words"] == 5
