"""Render kept blocks as text (model.block.render_blocks: one blank line between paragraphs, list
items and table rows of one group on consecutive lines) and as Markdown."""

from __future__ import annotations

from ..model.block import (
    CELL_SEPARATOR,
    CODE,
    HEADING,
    LIST_ITEM,
    QUOTE,
    TABLE_ROW,
    Block,
    on_next_line,
    render_blocks,
)

__all__ = ["render_blocks", "render_markdown"]


def render_markdown(blocks: list[Block], title: str | None = None) -> str:
    """The kept blocks as Markdown: the title as "# ", headings as "## ", list items as "- ",
    table rows as "| a | b |" (with a header rule after a table's first row), quotes as "> "
    and code fenced. The words are those of render_blocks, in the same order."""
    out: list[str] = [f"# {_one_line(title)}"] if title and title.strip() else []
    k = 0
    while k < len(blocks):
        block = blocks[k]
        if block.role == TABLE_ROW:
            rows = [block]
            while k + 1 < len(blocks) and on_next_line(rows[-1], blocks[k + 1]):
                k += 1
                rows.append(blocks[k])
            out.append(_markdown_table([row.text for row in rows]))
        elif block.role == LIST_ITEM:
            items = [block]
            while k + 1 < len(blocks) and on_next_line(items[-1], blocks[k + 1]):
                k += 1
                items.append(blocks[k])
            out.append("\n".join(f"- {_one_line(item.text)}" for item in items))
        elif block.role == HEADING:
            out.append(f"## {_one_line(block.text)}")
        elif block.role == QUOTE:
            out.append("\n".join(f"> {line}" for line in block.text.splitlines() or [""]))
        elif block.role == CODE:
            fence = "````" if "```" in block.text else "```"
            out.append(f"{fence}\n{block.text}\n{fence}")
        else:
            out.append(block.text)
        k += 1
    return "\n\n".join(out).strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _markdown_table(rows: list[str]) -> str:
    cells = [[cell.strip().replace("|", "\\|") for cell in row.split(CELL_SEPARATOR)] for row in rows]
    width = max(len(row) for row in cells)
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in cells]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines)
