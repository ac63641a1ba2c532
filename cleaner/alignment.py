"""Place extracted blocks on the page: which page segment each block's text came from."""

from __future__ import annotations

from bisect import bisect_right

from .blocks import Block


def align(blocks: list[Block], norms: list[str], usable: list[bool]) -> list[int | None]:
    """For each block, the index of the first unused page segment after the previous match
    whose normalised text equals the block's, or None when the extractor reshaped the text."""
    positions: dict[str, list[int]] = {}
    for k, norm in enumerate(norms):
        if usable[k] and norm:
            positions.setdefault(norm, []).append(k)
    where: list[int | None] = []
    last = -1
    for block in blocks:
        # Matches only move forward, so every segment after the last match is unused: a binary
        # search finds the next one (a scan from the start was quadratic on pages of many blocks
        # with the same text).
        candidates = positions.get(block.norm, ())
        at = bisect_right(candidates, last)
        position = candidates[at] if at < len(candidates) else None
        if position is not None:
            last = position
        where.append(position)
    return where


def sort_keys(where: list[int | None]) -> list[float]:
    """Order keys for blocks: their segment index, or just after the previous placed block."""
    keys: list[float] = []
    last = -1.0
    for position in where:
        last = float(position) if position is not None else last + 0.001
        keys.append(last)
    return keys
