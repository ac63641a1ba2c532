"""Navigation text: menus, breadcrumbs, site controls and single links ("Keep Reading", "View more")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lexicon import phrases
from .base import Context, Rule, phrase_rule

LINKS = phrases("navigation")["link"]

# Menus flattened to one line: "Home | World | Sport", "News › World › Europe".
MENU_SEPARATORS = re.compile(r"\s+[|•·»›>/]\s+|\s*[|•·»›]\s*")
MAX_MENU_ITEM_WORDS = 4
MIN_MENU_ITEMS = 3
# Link-heavy blocks: most of their text is anchor text (HTML only).
MAX_LINK_DENSITY = 0.6


def menu_line(context: Context) -> Iterator[tuple[int, str]]:
    for i, block in enumerate(context.blocks):
        if i in context.removed or block.ends_sentence and block.text.rstrip()[-1] in ".!?":
            continue
        items = [part.strip() for part in MENU_SEPARATORS.split(block.text) if part.strip()]
        if len(items) < MIN_MENU_ITEMS:
            continue
        if all(len(item.split()) <= MAX_MENU_ITEM_WORDS for item in items):
            yield i, f"a menu or breadcrumb of {len(items)} short items"


def link_list(context: Context) -> Iterator[tuple[int, str]]:
    """Short blocks that are mostly anchor text and not prose: link lists, tag clouds."""
    for i, block in enumerate(context.blocks):
        if i in context.removed or block.link_density is None:
            continue
        if block.link_density >= MAX_LINK_DENSITY and not block.is_prose and block.n_words <= 30:
            yield i, f"{block.link_density:.0%} of its text is links"


PER_BLOCK = [
    Rule("navigation.link", phrase_rule(LINKS, 10, "a site control or link", allow_prose=False)),
    Rule("navigation.menu", menu_line),
    Rule("navigation.link_list", link_list),
]

CONTEXT: list[Rule] = []
