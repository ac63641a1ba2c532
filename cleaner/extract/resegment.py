"""Split a page's text run together into one paragraph back into the page's own blocks.

trafilatura's fast pass, when its main extractor finds little, returns its baseline: the text
of the <article> element (or the JSON-LD articleBody) as a single paragraph. No rule can tell a
byline, a newsletter box or a "Read next" list inside such a paragraph from the story; the page
segments it was read from can.
"""

from __future__ import annotations

from ..model.block import Block
from ..model.segment import Segment
from .page_text import segment_block

# How far (in characters of normalised text) a short segment may sit from the previous one.
MAX_GAP = 40
# A segment this long is taken wherever it occurs after the previous one (resynchronising).
MIN_RESYNC_WORDS = 8
# The segments found must cover this share of the paragraph's words, or it stays as it is.
MIN_COVER = 0.8


def resegment(blocks: list[Block], segments: list[Segment]) -> list[Block]:
    """The blocks' text (one paragraph, perhaps cut at line breaks) as the page segments found
    in it, in page order, when they cover nearly all of it; the blocks unchanged otherwise."""
    text = " ".join(block.norm for block in blocks)
    if not text:
        return blocks
    cursor = 0
    found: list[tuple[int, Segment]] = []
    for k, segment in enumerate(segments):
        if not segment.norm:
            continue
        at = text.find(segment.norm, cursor)
        if at < 0:
            continue
        # Short segments ("Home", "Share") occur anywhere: they are taken only near the cursor.
        if at - cursor <= MAX_GAP or segment.norm.count(" ") + 1 >= MIN_RESYNC_WORDS:
            found.append((k, segment))
            cursor = at + len(segment.norm)
    covered = sum(segment.norm.count(" ") + 1 for _, segment in found)
    if covered < MIN_COVER * len(text.split()):
        return blocks
    return [segment_block(segment, k) for k, segment in found]
