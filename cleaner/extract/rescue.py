"""Put back article text the extractor dropped from inside the article: a standfirst between
the headline and the first paragraph, a subheading or paragraph between two extracted blocks."""

from __future__ import annotations

from ..model.block import HEADING, PARAGRAPH, Block
from ..model.segment import Segment
from ..read.segments import HEADING_TAGS
from .skipped import MAX_LINK_SHARE, headings_with_text, placed, skipped, standfirst, stretch

MAX_HEADING_WORDS = 20


def rescue_dropped(blocks: list[Block], segments: list[Segment], title: str | None) -> tuple[list[Block], int]:
    """Blocks with dropped in-article segments put back in page order; and how many were:
    prose and subheadings between the first and the last extracted block, a standfirst above."""
    found = stretch(blocks, segments, title)
    if found is None:
        return blocks, 0
    taken: dict[int, Block] = {}
    for k in skipped(found, blocks, segments):
        block = standfirst(segments[k], k) if k < found.first else _in_article(segments[k], k)
        if block is not None:
            taken[k] = block
    taken = headings_with_text(taken, found, segments)
    if not taken:
        return blocks, 0
    return placed(blocks, found, taken), len(taken)


def _in_article(segment: Segment, k: int) -> Block | None:
    """A dropped segment that comes back: prose, or a subheading."""
    if segment.mark or segment.in_furniture or segment.in_user_content or segment.in_link > MAX_LINK_SHARE:
        return None
    if segment.tag in HEADING_TAGS:
        block = Block(segment.text, role=HEADING, origin=f"rescued {segment.tag}", segment=k)
        if block.n_words <= MAX_HEADING_WORDS or block.is_prose:
            return block
        return None
    block = Block(segment.text, role=PARAGRAPH, origin=f"rescued {segment.tag}", segment=k)
    return block if block.is_prose else None
