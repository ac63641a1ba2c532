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
            same_group = block.role in _GROUPED and block.role == previous.role and not block.group_start
            out.append("\n" if same_group else "\n\n")
        out.append(block.text)
        previous = block
    return "".join(out).strip()
