"""Render kept blocks as text: one blank line between paragraphs, list items and table rows of
one group on consecutive lines."""

from __future__ import annotations

from .blocks import LIST_ITEM, TABLE_ROW, Block

_GROUPED = (LIST_ITEM, TABLE_ROW)


def render_blocks(blocks: list[Block]) -> str:
    out: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if previous is not None:
            out.append("\n" if on_next_line(previous, block) else "\n\n")
        out.append(block.text)
        previous = block
    return "".join(out).strip()


def on_next_line(previous: Block, block: Block) -> bool:
    """Whether the block is rendered on the line after the previous one (an item of the same
    list or table), not after a blank line."""
    return block.role in _GROUPED and block.role == previous.role and not block.group_start
