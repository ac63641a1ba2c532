"""The extracted blocks in the page's order. trafilatura can put the container it chose ahead of
text that comes before it on the page ("<p> The council met. <div class=content>...": the
container's text came first)."""

from __future__ import annotations

from itertools import pairwise

from ..model.block import Block
from ..model.segment import Segment
from .alignment import sort_keys


def in_page_order(blocks: list[Block], segments: list[Segment]) -> list[Block]:
    """The blocks in the order of the page segments they come from (a block that matches none
    stays after the block before it), without the copies of a segment's text the extractor
    emitted beyond the times the page has it (an <article> inside a <p>: the container's text
    came out twice)."""
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
        blocks = [b for i, b in enumerate(blocks) if i not in copies]
        where = [k for i, k in enumerate(where) if i not in copies]
    placed = [k for k in where if k is not None]
    if all(a < b for a, b in pairwise(placed)):
        return blocks
    keys = sort_keys(where)
    return [block for _, block in sorted(zip(keys, blocks), key=lambda pair: pair[0])]


def _spaced(text: str) -> str:
    return " ".join(text.split())
