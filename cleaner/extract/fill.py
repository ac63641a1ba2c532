"""Put back the sections an extraction skipped inside its own stretch of the page.

trafilatura sometimes keeps a few of a run of similar sections (a listing's items, a landing
page's feature blocks, a category's cards) and drops the others, though they sit between the
ones it kept. When it kept a minority of the page's own text and what it skipped between its
first and last block is a large share of that text, the skipped segments come back in page
order. Text outside the extraction's stretch (menus, related lists, footers) is not touched:
that is where a page keeps its boilerplate.
"""

from __future__ import annotations

from ..model.block import HEADING, Block
from ..model.segment import Segment
from .page_text import own_text, segment_block
from .skipped import headings_with_text, placed, skipped, standfirst, stretch

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


def fill_gaps(
    blocks: list[Block], segments: list[Segment], title: str | None, own_words: int
) -> tuple[list[Block], int] | None:
    """The extraction with its skipped sections put back, and how many blocks came back; None
    when it holds enough of the page's own text (`own_words`, as page_text.own_words counts
    them) or skipped little of its stretch."""
    extracted = _n_words(blocks)
    if not own_words or extracted >= FILL_BELOW_SHARE * own_words:
        return None
    filled, added = blocks, 0
    if (found := stretch(blocks, segments, title)) is not None:
        taken: dict[int, Block] = {}
        for k in skipped(found, blocks, segments):
            block = standfirst(segments[k], k) if k < found.first else _gap_block(segments[k], k)
            if block is not None:
                taken[k] = block
        if taken := headings_with_text(taken, found, segments):
            filled, added = placed(blocks, found, taken), len(taken)
    if _n_words(filled) - extracted < MIN_SKIPPED_SHARE * own_words:
        return None
    return filled, added


def _gap_block(segment: Segment, k: int) -> Block | None:
    """A skipped segment as a block to fill its gap with: the page's own text, not visitors'
    comments, not interface labels."""
    if segment.in_user_content or not own_text(segment):
        return None
    block = segment_block(segment, k)
    if block.role != HEADING and block.n_words < MIN_FILL_WORDS:
        return None
    return block


def _n_words(blocks: list[Block]) -> int:
    return sum(len(b.text.split()) for b in blocks)
