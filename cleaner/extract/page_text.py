"""The page's own text, read from its segments: how much of it there is, and as blocks.

The HTML path measures an extraction against it (too little of it means trafilatura took one
section of a page made of many) and falls back to it.
"""

from __future__ import annotations

from ..model.block import CAPTION, HEADING, LIST_ITEM, PARAGRAPH, TABLE_ROW, Block
from ..model.segment import Segment
from ..read.segments import HEADING_TAGS

# Segments mostly made of link text are menus and lists, not readable text.
MAX_READABLE_LINK_SHARE = 0.5
# A paragraph this long is prose even inside a <header> or <aside>: page builders put whole
# articles there, and a page whose article sits in one must still count as readable.
PROSE_IN_FURNITURE_WORDS = 25
# When the extractor keeps less than this share of the page's own text (outside furniture,
# marked containers, link lists and visitors' comments), it has taken one section of a page
# made of many (a landing page's sections, a thread's posts, a listing's items): the page's
# own text is the better answer. Measured on WCXB dev: articles, whose body is most of their
# page text, are not affected; forum, listing, collection and service pages gain.
PAGE_TEXT_BELOW_SHARE = 0.3
# Repeated passages at least this long are copies; shorter ones ("Add to cart", a price) are
# the same label on different items.
MIN_REPEATED_WORDS = 4


def readable_words(segments: list[Segment]) -> int:
    """Words of the page's own text outside marked containers and link lists; in page
    furniture only paragraphs long enough to be prose."""
    total = 0
    for s in segments:
        if s.mark or s.in_link >= MAX_READABLE_LINK_SHARE:
            continue
        words = len(s.text.split())
        if not s.in_furniture or words >= PROSE_IN_FURNITURE_WORDS:
            total += words
    return total


def own_words(segments: list[Segment], replies_count: bool = False) -> int:
    """Words of the page's own text; visitors' comments count only when `replies_count`."""
    return sum(
        len(s.text.split()) for s in segments if own_text(s) and (replies_count or not s.in_user_content)
    )


def took_one_section(blocks: list[Block], own: int) -> bool:
    """The extraction holds less than PAGE_TEXT_BELOW_SHARE of the page's own text (`own`
    words, as own_words counts them)."""
    return sum(len(b.text.split()) for b in blocks) < PAGE_TEXT_BELOW_SHARE * own


def own_text(segment: Segment) -> bool:
    """Text the page shows as its own: not furniture, not a marked container, not a link list
    (a linked heading is an item title, kept)."""
    if segment.mark or segment.in_furniture:
        return False
    return segment.in_link < MAX_READABLE_LINK_SHARE or segment.tag in HEADING_TAGS


def page_text_blocks(segments: list[Segment]) -> list[Block]:
    """The page's own text as blocks, for pages the extractor reads as one section.

    A passage the page repeats word for word (the desktop and the mobile copy of a section,
    a carousel's cloned slides) is read once.
    """
    seen: set[str] = set()
    own = []
    for k, segment in enumerate(segments):
        if not own_text(segment):
            continue
        if segment.norm.count(" ") >= MIN_REPEATED_WORDS - 1:
            if segment.norm in seen:
                continue
            seen.add(segment.norm)
        own.append(segment_block(segment, k))
    return own


def segment_blocks(segments: list[Segment], min_words: int = 0) -> list[Block]:
    """The fallback extraction: unmarked page segments outside page furniture; all unmarked
    segments when those outside furniture have fewer than min_words (an unclosed <aside> or
    <header> that holds the whole page makes all of it "furniture")."""
    blocks = [segment_block(s, k) for k, s in enumerate(segments) if not s.mark and not s.in_furniture]
    if sum(b.n_words for b in blocks) >= min_words:
        return blocks
    return [segment_block(s, k) for k, s in enumerate(segments) if not s.mark]


def segment_block(segment: Segment, index: int | None = None) -> Block:
    """A page segment as a block, its role read from its element; `index` is the segment's place
    in the page's segments (Block.segment)."""
    return Block(segment.text, role=segment_role(segment.tag), origin=segment.tag, segment=index)


def segment_role(tag: str) -> str:
    """The role of a block read from the element its text sits in."""
    if tag in HEADING_TAGS:
        return HEADING
    if tag == "li":
        return LIST_ITEM
    if tag in ("td", "th", "tr"):
        return TABLE_ROW
    if tag == "figcaption":
        return CAPTION
    return PARAGRAPH
