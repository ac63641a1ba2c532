"""Place extracted blocks on the page: which page segment each block's text came from."""

from __future__ import annotations

from .blocks import Block


def align(blocks: list[Block], norms: list[str], usable: list[bool]) -> list[int | None]:
    """For each block, the index of the first unused page segment after the previous match
    whose normalised text equals the block's, or None when the extractor reshaped the text."""
    positions: dict[str, list[int]] = {}
    for k, norm in enumerate(norms):
        if usable[k] and norm:
            positions.setdefault(norm, []).append(k)
    used: set[int] = set()
    where: list[int | None] = []
    last = -1
    for block in blocks:
        position = next((k for k in positions.get(block.norm, ()) if k > last and k not in used), None)
        if position is not None:
            used.add(position)
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
