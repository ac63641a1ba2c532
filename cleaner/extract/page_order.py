"""The extracted blocks in the page's order. trafilatura can put the container it chose ahead of
text that comes before it on the page ("<p> The council met. <div class=content>...": the
container's text came first)."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

from ..model.block import Block
from ..model.segment import Segment
from .alignment import sort_keys

# Past this many different texts emitted too often, none is searched for on the page (the copies
# of a container emitted twice are dropped at once): WCXB dev pages have at most 78 (73 pages any).
MAX_COPY_TEXTS = 200


def in_page_order(blocks: list[Block], segments: list[Segment]) -> list[Block]:
    """The blocks in the order of the page segments they come from (a block that matches none
    stays after the block before it), without the copies of a segment's text the extractor
    emitted beyond the times the page has it (an <article> inside a <p>: the container's text
    came out twice). The page has a text as often as it shows it, inside longer segments too:
    a product grid's "$30.00" is a segment of its own on some cards and part of a longer line on
    the others, which the extractor split."""
    exact: dict[str, list[int]] = {}
    loose: dict[str, list[int]] = {}
    for k, segment in enumerate(segments):
        exact.setdefault(_spaced(segment.text), []).append(k)
        if segment.norm:
            loose.setdefault(segment.norm, []).append(k)
    taken: set[int] = set()
    where: list[int | None] = []
    copies: set[int] = set()
    for i, block in enumerate(blocks):
        # The exact text first: "The The" and "The the" are one normalised text, two segments.
        candidates = exact.get(_spaced(block.text)) or loose.get(block.norm, [])
        free = next((k for k in candidates if k not in taken), None)
        if candidates and free is None:
            copies.add(i)  # the extractor emitted a segment's text more often than the page has it
        if free is not None:
            taken.add(free)
        where.append(free)
    if copies:
        copies = _beyond_the_page(blocks, copies, segments)
        blocks = [b for i, b in enumerate(blocks) if i not in copies]
        where = [k for i, k in enumerate(where) if i not in copies]
    placed = [k for k in where if k is not None]
    if all(a < b for a, b in pairwise(placed)):
        return blocks
    keys = sort_keys(where)
    return [block for _, block in sorted(zip(keys, blocks), key=lambda pair: pair[0])]


def _beyond_the_page(blocks: list[Block], copies: set[int], segments: list[Segment]) -> set[int]:
    """Of the blocks whose text every matching segment already placed, the last ones of each text
    beyond the number of times the page's text holds it (inside longer segments too)."""
    flagged: dict[str, list[int]] = {}
    for i in sorted(copies):
        flagged.setdefault(_spaced(blocks[i].text), []).append(i)
    if len(flagged) > MAX_COPY_TEXTS:  # each is a search of the whole page: keep the work bounded
        return copies
    page = "\n".join(_spaced(segment.text) for segment in segments)
    emitted = Counter(_spaced(block.text) for block in blocks)
    beyond: set[int] = set()
    for text, indices in flagged.items():
        extra = emitted[text] - page.count(text)
        if extra > 0:
            beyond.update(indices[-extra:])
    return beyond


def _spaced(text: str) -> str:
    return " ".join(text.split())
