"""Split plain text into blocks: one per line, with hard-wrapped paragraphs joined back."""

from __future__ import annotations

import re

from .blocks import HEADING, LIST_ITEM, PARAGRAPH, Block

_BULLET = re.compile(r"^\s*(?:[-*•·▪►‣◦]|\d{1,3}[.)])\s+")
# Hard-wrapped text: lines of a paragraph cut near a fixed width.
WRAP_MIN_CHARS = 50
WRAP_MAX_CHARS = 100
WRAP_SHARE = 0.6


def split_paragraphs(text: str) -> list[list[tuple[int, str]]]:
    """Groups of (line number, line) separated by blank lines."""
    groups: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(text.splitlines(), 1):
        stripped = " ".join(line.split())
        if stripped:
            groups[-1].append((number, stripped))
        elif groups[-1]:
            groups.append([])
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
    return wrapped >= WRAP_SHARE * len(inner) and not any(_BULLET.match(line) for _, line in group)


def guess_role(text: str, next_text: str | None) -> str:
    if _BULLET.match(text):
        return LIST_ITEM
    words = text.split()
    if 1 <= len(words) <= 15 and not text.endswith((".", "!", ",", ";", ":")) and next_text:
        return HEADING
    return PARAGRAPH


def text_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines: list[tuple[str, str, bool]] = []  # text, origin, starts a paragraph group
    for group in split_paragraphs(text):
        if _is_hard_wrapped(group):
            first, last = group[0][0], group[-1][0]
            lines.append((" ".join(line for _, line in group), f"lines {first}-{last}", True))
        else:
            for k, (number, line) in enumerate(group):
                lines.append((line, f"line {number}", k == 0))
    for k, (line, origin, starts) in enumerate(lines):
        following = lines[k + 1][0] if k + 1 < len(lines) else None
        role = guess_role(line, following)
        # Lines of one paragraph group (no blank line between) stay together: a list keeps its items
        # on consecutive lines when rendered.
        blocks.append(Block(line, role=role, origin=origin, group_start=starts))
    return blocks
