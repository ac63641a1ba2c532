"""Split plain text into blocks: one per line, with hard-wrapped paragraphs joined back."""

from __future__ import annotations

import re

from ..model.block import (
    CELL_SEPARATOR,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    TABLE_ROW,
    Block,
    carry_text_features,
    on_next_line,
)

BULLET = re.compile(r"^\s*(?:[-*•·▪►‣◦]|\d{1,3}[.)])\s+")
# Hard-wrapped text: lines of a paragraph cut near a fixed width.
WRAP_MIN_CHARS = 50
WRAP_MAX_CHARS = 100
WRAP_SHARE = 0.6


def split_paragraphs(text: str) -> list[list[tuple[int, str]]]:
    """Groups of (line number, line) separated by blank lines."""
    groups: list[list[tuple[int, str]]] = [[]]
    group = groups[-1]
    # Each line with its spaces collapsed, in one pass that runs in C.
    for number, stripped in enumerate(map(" ".join, map(str.split, text.splitlines())), 1):
        if stripped:
            group.append((number, stripped))
        elif group:
            group = []
            groups.append(group)
    return [g for g in groups if g]


def _is_hard_wrapped(group: list[tuple[int, str]]) -> bool:
    if len(group) < 2:
        return False
    inner = group[:-1]
    wrapped = sum(
        1
        for _, line in inner
        if WRAP_MIN_CHARS <= len(line) <= WRAP_MAX_CHARS and not line.endswith((".", "!", "?", ":"))
    )
    if wrapped < WRAP_SHARE * len(inner) or any(BULLET.match(line) for _, line in group):
        return False
    # Rows of a table written out as text ("1930s semi, Leeds | 96 m² | £1,010"), not prose.
    return sum(1 for _, line in group if CELL_SEPARATOR in line) < WRAP_SHARE * len(group)


# A table row as extractors write tables out: "| Model | Price | Weight |".
_TABLE_ROW = re.compile(r"^\|.*\|.*\|$")
# A line of more words than this reads as a paragraph, not as a heading.
MAX_HEADING_WORDS = 15


# The characters a BULLET match can start with, besides digits and spaces: most lines start
# with none of them and skip the regex.
_BULLET_HEADS = frozenset("-*•·▪►‣◦")


def may_be_bullet(text: str) -> bool:
    head = text[:1]
    # str.isdecimal and str.isspace are the regex's \d and \s for one character.
    return head in _BULLET_HEADS or head.isdecimal() or head.isspace()


def guess_role(text: str, next_text: str | None) -> str:
    if may_be_bullet(text) and BULLET.match(text):
        return LIST_ITEM
    if text.startswith("|") and _TABLE_ROW.match(text):
        return TABLE_ROW
    # The cheap tests first, and no more words split off than the limit needs.
    if next_text and not text.endswith((".", "!", ",", ";", ":")) and 1 <= len(text.split(None, MAX_HEADING_WORDS)) <= MAX_HEADING_WORDS:
        return HEADING
    return PARAGRAPH


def text_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines: list[tuple[str, int, int, bool]] = []  # text, first and last line, starts a paragraph group
    for group in split_paragraphs(text):
        if _is_hard_wrapped(group):
            first, last = group[0][0], group[-1][0]
            lines.append((" ".join(line for _, line in group), first, last, True))
        else:
            for k, (number, line) in enumerate(group):
                lines.append((line, number, number, k == 0))
    last_k = len(lines) - 1
    for k, (line, first, last, starts) in enumerate(lines):
        role = guess_role(line, lines[k + 1][0] if k < last_k else None)
        origin = f"line {first}" if first == last else f"lines {first}-{last}"
        # Lines of one paragraph group (no blank line between) stay together: a list keeps its items
        # on consecutive lines when rendered.
        blocks.append(Block(line, role, origin, starts, (first, last)))
    return blocks


def _reflowed_role(block: Block, followed: bool) -> str:
    """The role guess_role gives the block's text with a line after it or none. text_blocks gave
    each block but the last its role with a line after it, and guess_role reads only whether
    there is one: the role stays unless the block is now the last."""
    return block.role if followed else guess_role(block.text, None)


def reflow_blocks(kept: list[Block]) -> list[Block] | None:
    """The blocks text_blocks(render_blocks(kept)) gives, for blocks that text_blocks made (in
    document order), made without rendering and splitting the text again and carrying the kept
    blocks' features; None when a group of lines would read back as one hard-wrapped paragraph
    (text_blocks would join them).

    Each kept block reads back as one line of the same text: the text has no line break and its
    spaces are already collapsed. Only its role (the last line is no heading), its line number
    and whether it starts a group of lines can change.
    """
    blocks: list[Block] = []
    group: list[tuple[int, str]] = []
    number = 0
    for k, block in enumerate(kept):
        starts = k == 0 or not on_next_line(kept[k - 1], block)
        number += 1 if k == 0 or not starts else 2
        if starts:
            if _is_hard_wrapped(group):
                return None
            group = []
        group.append((number, block.text))
        role = _reflowed_role(block, k + 1 < len(kept))
        new = Block(block.text, role=role, origin=f"line {number}", group_start=starts, lines=(number, number))
        carry_text_features(block, new)
        blocks.append(new)
    return None if _is_hard_wrapped(group) else blocks
