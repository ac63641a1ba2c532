"""Put back the sections an extraction skipped inside its own stretch of the page.

trafilatura sometimes keeps a few of a run of similar sections (a listing's items, a landing
page's feature blocks, a category's cards) and drops the others, though they sit between the
ones it kept. When it kept a minority of the page's own text and what it skipped between its
first and last block is a large share of that text, the skipped segments come back in page
order. Text outside the extraction's stretch (menus, related lists, footers) is not touched:
that is where a page keeps its boilerplate.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model.block import HEADING, Block
from ..model.segment import Segment
from .rescue import rescue_dropped

# Only an extraction holding less than this share of the page's own text is filled: one holding
# more has the page's text, and its gaps are boilerplate. WCXB dev: 0.5 to 0.7 score alike.
FILL_BELOW_SHARE = 0.6
# The skipped text must be at least this share of the page's own text: a few dropped lines are
# the extractor's good judgement (the prose among them is rescued apart). WCXB dev: 0.2 to 0.4
# score alike.
MIN_SKIPPED_SHARE = 0.3
# Shorter lines in the gaps are interface labels ("Share", "Read more", a price): left out
# unless they are headings.
MIN_FILL_WORDS = 3


def gap_block(block: Block) -> Block | None:
    """A skipped segment's block, or None for an interface label."""
    if block.role != HEADING and block.n_words < MIN_FILL_WORDS:
        return None
    return block


def fill_gaps(
    blocks: list[Block],
    segments: list[Segment],
    title: str | None,
    own_words: int,
    candidate: Callable[[Segment], Block | None],
) -> tuple[list[Block], int] | None:
    """The extraction with its skipped sections put back, and how many blocks came back; None
    when it holds enough of the page's own text or skipped little of its stretch."""
    extracted = _n_words(blocks)
    if not own_words or extracted >= FILL_BELOW_SHARE * own_words:
        return None
    filled, added = rescue_dropped(blocks, segments, title, candidate=candidate)
    if _n_words(filled) - extracted < MIN_SKIPPED_SHARE * own_words:
        return None
    return filled, added


def _n_words(blocks: list[Block]) -> int:
    return sum(len(b.text.split()) for b in blocks)
