"""Navigation text: menus, breadcrumbs, site controls and single links ("Keep Reading", "View more")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache

from ..lexicon.phrases import phrases
from ..model.block import CELL_SEPARATOR, CODE, MAY_HOLD_A_DATE, TABLE_ROW, Block, only_dates
from ..model.words import fold_case, normalise
from .engine import Context, Rule, phrase_rule

LINKS = phrases("navigation")["link"]
SECTIONS = phrases("navigation")["section"]

# Menus flattened to one line: "Home | World | Sport", "News › World › Europe".
MENU_SEPARATORS = re.compile(r"\s+[|•·»›>/]\s+|\s*[|•·»›]\s*")
# Every separator holds one of these: a line without any is a single item (a quick test first).
_SEPARATOR_CHAR = re.compile(r"[|•·»›>/]")
MAX_MENU_ITEM_WORDS = 4
MIN_MENU_ITEMS = 3


def menu_line(context: Context) -> Iterator[tuple[int, str]]:
    for i, block in enumerate(context.blocks):
        if (
            i in context.removed
            or block.role in (TABLE_ROW, CODE)
            or block.text.rstrip()[-1:] in (".", "!", "?")
        ):
            continue
        if share_bar(block):
            yield i, "a bar of share buttons flattened into one line"
            continue
        if not _SEPARATOR_CHAR.search(block.text):
            continue  # one item, and one item is no menu
        items = [part.strip() for part in MENU_SEPARATORS.split(block.text) if part.strip()]
        if _mostly_figures(items) or _heads_a_table(context.blocks, i):
            continue
        if len(items) < MIN_MENU_ITEMS:
            # Two items make a menu only when both are site controls ("Sign in | Subscribe").
            if len(items) == 2 and all(LINKS.match(item) for item in items):
                yield i, "two site controls on one line"
            continue
        if all(len(item.split()) <= MAX_MENU_ITEM_WORDS for item in items):
            yield i, f"a menu or breadcrumb of {len(items)} short items"


# The buttons of a share bar, which a page dump runs together: "Click to share on X (Opens in
# new window) X Click to share on LinkedIn (Opens in new window) LinkedIn ...".
SHARE_BUTTON = re.compile(
    r"\b(?:click to share on|share on|share via|share to|opens in (?:a )?new (?:window|tab))\b", re.IGNORECASE
)
MIN_SHARE_BUTTONS = 3
MAX_WORDS_PER_SHARE_BUTTON = 8


def share_bar(block: Block) -> bool:
    folded = fold_case(block.text)  # holds what the IGNORECASE regex matches, as it reads it
    # Every share button says "share" or opens a "new" window or tab: a quick test first.
    if "share" not in folded and "new" not in folded:
        return False
    buttons = len(SHARE_BUTTON.findall(block.text))
    return buttons >= MIN_SHARE_BUTTONS and block.n_words <= MAX_WORDS_PER_SHARE_BUTTON * buttons


def _heads_a_table(blocks: list[Block], i: int) -> bool:
    """The header row of a table written out as text: the next line, in the same group, has as
    many " | " cells and half or more of them hold figures ("Home | Floor area | Cost" over
    "1930s semi, Leeds | 96 m² | £1,010")."""
    if i + 1 >= len(blocks) or blocks[i + 1].group_start:
        return False
    row, following = blocks[i].text, blocks[i + 1].text
    cells = following.split(CELL_SEPARATOR)
    return row.count(CELL_SEPARATOR) == len(cells) - 1 > 0 and _mostly_figures(cells)


def _mostly_figures(items: list[str]) -> bool:
    """Half the items or more hold a number: a line of figures ("1-4 players • 90 minutes • $45"),
    not a menu, whose items are words."""
    return 2 * sum(1 for item in items if _DIGIT.search(item)) >= len(items)


_DIGIT = re.compile(r"\d")


# A dateline names when the page was published or updated: "Published: 14:32, 11 June 2024",
# "Aktualisiert am 07.03.2024, 16:45 Uhr", "Publié le 12/02/2024 à 08h30".
DATELINE_WORD = re.compile(
    r"\b(?:(?:first |originally )?published|(?:last |first )?updated|(?:first )?posted|last modified|"
    r"veröffentlicht|aktualisiert|zuletzt aktualisiert|"
    r"publié|mis à jour|modifié|publicado|actualizado)\b",
    re.IGNORECASE,
)
# Words that go with a date in those languages: "am", "um", "Uhr", "le", "à", "el", "a las".
DATE_GLUE = re.compile(r"\b(?:am|um|uhr|le|à|el|a las|h)\b|(?<=\d)h(?=\d)", re.IGNORECASE)
MAX_DATELINE_WORDS = 16
# Site name and tagline lines above the headline are short; headlines rarely are.
MAX_CHROME_WORDS = 4
MAX_TAGLINE_WORDS = 8


def dateline(context: Context) -> Iterator[tuple[int, str]]:
    """A line that is only a date or time: a dateline when it says so or stands before the article."""
    first_prose = _first_kept_prose(context)
    for i, block in enumerate(context.blocks):
        # Every date form has a digit, which the word substitutions neither add nor remove.
        if i in context.removed or block.n_words > MAX_DATELINE_WORDS or not _DIGIT.search(block.text):
            continue
        if not only_a_date(block.text):
            continue
        if DATELINE_WORD.search(block.text) or (first_prose is not None and i < first_prose):
            yield i, "a dateline (only a date or time)"


# Answers of only_a_date kept by text: it is asked about the same lines in every pass.
MAX_CACHED_DATELINES = 20_000


@lru_cache(maxsize=MAX_CACHED_DATELINES)
def only_a_date(text: str) -> bool:
    """The line is a date or time once the words a dateline may hold are taken out."""
    if not MAY_HOLD_A_DATE.search(text):
        return False  # the substitutions add nothing a date needs
    return only_dates(DATE_GLUE.sub(" ", DATELINE_WORD.sub(" ", text)))


def head_chrome(context: Context) -> Iterator[tuple[int, str]]:
    """Lines above the headline that are the site's, not the article's: section labels ("Health"),
    and runs of short lines boxed in by removed menus and controls (the site's name, its tagline).

    The headline is protected: the last kept line before the article text, and any run of lines
    that sits right above a byline or dateline or right below a section label.
    """
    first_prose = _first_kept_prose(context)
    if first_prose is None:
        return
    removed = dict(context.removed)  # judge every line against the same view, without cascades
    before = [i for i in range(first_prose) if i not in removed]
    labels = set()
    for i in before[:-1]:
        block = context.blocks[i]
        if (
            not block.is_prose
            and block.n_words <= MAX_CHROME_WORDS
            and SECTIONS.match(block.text, block.norm)
        ):
            labels.add(i)
            yield i, "a section label above the headline"
    for run in _runs(before):
        if before[-1] in run or run[0] - 1 not in removed or run[-1] + 1 not in removed:
            continue
        if run[0] - 1 in labels or removed[run[-1] + 1].rule in _HEADLINE_NEIGHBOURS:
            continue
        if all(i in labels or _chrome_sized(context.blocks[i]) for i in run):
            for i in run:
                if i not in labels:
                    yield i, "a short line among the menus above the headline (site name or tagline)"


# Rules whose lines stand right below a headline.
_HEADLINE_NEIGHBOURS = frozenset({"watermark.byline", "navigation.dateline"})


def _chrome_sized(block) -> bool:
    return not block.is_prose and not block.ends_sentence and block.n_words <= MAX_TAGLINE_WORDS


def _runs(indices: list[int]) -> list[list[int]]:
    """Split sorted indices into runs of consecutive numbers."""
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


MIN_MENU_RUN = 4
MAX_MENU_RUN_ITEM_WORDS = 3


def menu_run(context: Context) -> Iterator[tuple[int, str]]:
    """A menu with one item a line: a run of short lines, half or more of them site controls."""
    removed = dict(context.removed)
    run: list[int] = []
    for i in range(len(context.blocks) + 1):
        block = context.blocks[i] if i < len(context.blocks) else None
        if block is not None and block.n_words <= MAX_MENU_RUN_ITEM_WORDS and not block.ends_sentence:
            run.append(i)
            continue
        controls = [j for j in run if j in removed and removed[j].rule.startswith("navigation.")]
        if len(run) >= MIN_MENU_RUN and 2 * len(controls) >= len(run):
            for j in run:
                if j not in removed:
                    yield j, f"an item of a menu with one item a line ({len(run)} lines)"
        run = []


# What a kept line that is not prose costs the main text region, against the words of its prose.
NON_PROSE_COST = 3
# In a whole page dumped to text (the rules found boilerplate above the main run), menus and link
# lists sit between the parts of the page: there a line that is not prose costs more, so that the
# region does not stretch over them to take in a teaser or a sidebar's paragraph.
PAGE_DUMP_NON_PROSE_COST = 5


def main_text_region(context: Context, cost: int = NON_PROSE_COST) -> tuple[int, int] | None:
    """First and last index of the densest run of prose in the text, or None.

    Each kept prose block scores its words; a piece of a sentence scores nothing; any other line,
    and any block the rules removed, costs `cost`. The run with the highest sum (a maximum
    subarray, as in Finn et al.'s body text extraction) is the article: it may hold headings,
    captions and short lines between its paragraphs, but a long stretch of menu items, links and
    footer lines costs more than the prose around it brings.
    """
    best, best_span = 0, None
    total, start = 0, 0
    removed = context.removed
    for i, block in enumerate(context.blocks):
        # The block's score, inline: this runs over every block, once or twice a pass.
        if i in removed:
            score = -cost
        elif block.is_prose:
            score = block.n_words
        else:
            score = 0 if _sentence_part(block) else -cost
        if total <= 0:
            total, start = score, i
        else:
            total += score
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def outside_main_text(context: Context) -> Iterator[tuple[int, str]]:
    """Lines that are not prose, before or after the main text region: the header zone (site
    name, menus, "Skip to content", search and login prompts) and the footer zone (link lists,
    legal lines, social buttons) of a page dumped to text.

    A zone goes only when the rules already found boilerplate in it (ZONE_EVIDENCE lines): the
    output of an extractor has no such zones, and its short lines outside the densest prose (a
    list of steps, a product's specifications, the headings of a reference page) are content.
    Prose outside the region stays unless boilerplate separates it from the article (see
    _prose_beyond_boilerplate).
    On a listing (the region holds a small share of the words) a zone reaches only as far as
    its boilerplate, so that the items between header and footer stay.
    Text only: on HTML the extractor has already cut the page down to its article container.
    """
    if context.kind != "text":
        return
    span = main_text_region(context)
    page_dump = span is not None and any(i in context.removed for i in range(span[0]))
    if page_dump:
        span = main_text_region(context, PAGE_DUMP_NON_PROSE_COST)
    if span is None:
        return
    first, last = _with_edge_lines(context, *span)
    zones = {"before": range(first), "after": range(last + 1, len(context.blocks))}
    listing = _region_is_minor(context, first, last)
    for where, zone in zones.items():
        if sum(1 for i in zone if i in context.removed) < ZONE_EVIDENCE:
            continue
        beyond = _prose_beyond_boilerplate(context, zone, where)
        if listing:
            zone = _reach_of_boilerplate(context, zone, where)
        for i in zone:
            if i in context.removed:
                continue
            if _zone_line(context.blocks[i]):
                yield i, f"a line that is not prose, in the boilerplate zone {where} the main text"
            elif i in beyond:
                yield i, f"prose beyond the boilerplate {where} the main text"


# Above the article, prose goes when this many of the header zone's removed lines come after it.
MIN_BOILERPLATE_BELOW = 2


def _prose_beyond_boilerplate(context: Context, zone: range, where: str) -> range:
    """Where a zone's prose goes too. Below the footer's first boilerplate line, away from the
    article: comments, teasers, an about box. Above the header's boilerplate (MIN_BOILERPLATE_BELOW
    removed lines still to come): a site blurb or a promo among the menus. Prose between the
    header's last boilerplate and the article stays: it may be the lead, set apart by a menu."""
    removed = [i for i in zone if i in context.removed]
    if where == "after":
        return range(removed[0], len(context.blocks))
    if len(removed) < MIN_BOILERPLATE_BELOW:
        return range(0)
    return range(removed[-MIN_BOILERPLATE_BELOW])


# When the densest prose run holds less than this share of the page's kept words, the page is
# not an article framed by chrome but a listing or catalogue whose items are short lines.
MIN_REGION_SHARE = 0.1
# On such a page a zone reaches no further than its boilerplate: a run of more short lines than
# this without a removed one among them is the listing's items.
MAX_GAP_LINES = 10


def _region_is_minor(context: Context, first: int, last: int) -> bool:
    kept_words = sum(context.blocks[i].n_words for i in context.kept())
    region_words = sum(context.blocks[i].n_words for i in range(first, last + 1) if i not in context.removed)
    return region_words < MIN_REGION_SHARE * kept_words


def _reach_of_boilerplate(context: Context, zone: range, where: str) -> range:
    """The part of a zone that its boilerplate reaches: walking from the document's edge toward
    the main text, the zone ends before a run of more than MAX_GAP_LINES kept short lines with
    no removed line among them."""
    order = list(zone) if where == "before" else list(reversed(zone))
    gap, reach = 0, None
    for i in order:
        if i in context.removed:
            gap, reach = 0, i
        elif _zone_line(context.blocks[i]):
            gap += 1
            if gap > MAX_GAP_LINES:
                break
    else:
        return zone
    if reach is None:
        return range(0)
    return range(zone.start, reach + 1) if where == "before" else range(reach, zone.stop)


# Lines of a zone that the rules already took as boilerplate, for the zone's other lines to go.
ZONE_EVIDENCE = 2
# A line of this many words that ends a sentence is the article's (a list of steps), not a menu's.
MIN_SENTENCE_WORDS = 3
# A piece of a sentence cut by the dump (a hard-wrapped line, a list item that runs on) reads as
# language: this many words, with function words among them.
MIN_SENTENCE_PART_WORDS = 5
MIN_SENTENCE_PART_STOPWORDS = 0.2


def _sentence_part(block: Block) -> bool:
    return block.n_words >= MIN_SENTENCE_PART_WORDS and block.stopword_density >= MIN_SENTENCE_PART_STOPWORDS


# Brackets and operators: a line of code or a command's synopsis, which menus and footers lack.
_CODE_MARKS = re.compile(r"[{}()\[\]=;<>]")


# A bulleted item: an extractor writes list items so, a page dump's menus do not come with bullets.
_LIST_ITEM = re.compile(r"\s*[-*•]\s")


def _zone_line(block: Block) -> bool:
    """A line that may belong to a header or footer zone: not prose, not a sentence, not code."""
    if block.is_prose or block.role == TABLE_ROW or _CODE_MARKS.search(block.text):
        return False
    if _LIST_ITEM.match(block.text):
        return False
    return not (block.ends_sentence and block.n_words >= MIN_SENTENCE_WORDS)


# The article's own lines at the edges of its prose: a headline and standfirst above it, a closing
# line or source note below it. Menu items and controls are shorter than MIN_EDGE_LINE_WORDS.
MAX_EDGE_LINES = 2
MIN_EDGE_LINE_WORDS = 4


def _with_edge_lines(context: Context, first: int, last: int) -> tuple[int, int]:
    """Widen the region by up to MAX_EDGE_LINES kept lines of some length on each side."""
    kept = list(context.kept())
    at_first, at_last = kept.index(first), kept.index(last)
    for _ in range(MAX_EDGE_LINES):
        k = at_first - 1
        if k < 0 or context.blocks[kept[k]].n_words < MIN_EDGE_LINE_WORDS:
            break
        at_first = k
    for _ in range(MAX_EDGE_LINES):
        k = at_last + 1
        if k >= len(kept) or context.blocks[kept[k]].n_words < MIN_EDGE_LINE_WORDS:
            break
        at_last = k
    return kept[at_first], kept[at_last]


def _first_kept_prose(context: Context) -> int | None:
    return next((i for i in context.kept() if context.blocks[i].is_prose), None)


# A run of at most this many short lines between two removed blocks is part of the boilerplate.
MAX_ISLAND_LINES = 2


def boilerplate_island(context: Context) -> Iterator[tuple[int, str]]:
    """Short lines caught between removed blocks: a menu item or a label the phrase lists do not
    know, inside a stretch of boilerplate they do. Above the first prose, a line of some length
    (MIN_EDGE_LINE_WORDS) stays: it is the headline, between a menu and a dateline."""
    if context.kind != "text":
        return
    blocks = context.blocks
    run: list[int] = []
    first_prose = _first_kept_prose(context)
    for i, block in enumerate(blocks):
        if i in context.removed:
            if run and run[0] > 0 and run[0] - 1 in context.removed and len(run) <= MAX_ISLAND_LINES:
                for k in run:
                    yield k, "a short line between removed boilerplate blocks"
            run = []
        elif _zone_line(block) and (
            block.n_words < MIN_EDGE_LINE_WORDS or first_prose is None or i > first_prose
        ):
            run.append(i)
        else:
            run = [-1] * (MAX_ISLAND_LINES + 1)


# A page's <title> as a crawler's dump keeps it: the headline and the site's name either side of
# a spaced separator ("Pitching a Tent in Strong Wind - Trail & Tent").
_TITLE_SEPARATOR = re.compile(r"\s+[|·•–—\-»:]\s+")
MAX_SITE_NAME_WORDS = 6
MIN_HEADLINE_WORDS = 3
# A dump writes the page's <title> first; a title line is looked for among the first kept lines.
MAX_TITLE_LINE_POSITION = 5
MAX_TITLE_LINE_CHARS = 300


def page_title(context: Context) -> Iterator[tuple[int, str]]:
    """The title line of a text dump, among its first lines: another line of the page (its
    headline) with the site's name; the headline itself stays."""
    if context.kind != "text":
        return
    blocks = context.blocks
    headlines: dict[str, int] | None = None
    for i in itertools.islice(context.kept(), MAX_TITLE_LINE_POSITION):
        text = blocks[i].text
        if len(text) > MAX_TITLE_LINE_CHARS or not _TITLE_SEPARATOR.search(text):
            continue
        if headlines is None:
            headlines = {blocks[k].norm: k for k in context.kept() if _headline_sized(blocks[k])}
        if _headline_with_a_name(text, i, headlines):
            yield i, "the page's title line: its headline with the site's name"


def _headline_with_a_name(text: str, index: int, headlines: dict[str, int]) -> bool:
    for match in _TITLE_SEPARATOR.finditer(text):
        left, right = text[: match.start()], text[match.end() :]
        for headline, name in ((left, right), (right, left)):
            j = headlines.get(normalise(headline))
            if j is not None and j != index and len(name.split()) <= MAX_SITE_NAME_WORDS:
                return True
    return False


def _headline_sized(block: Block) -> bool:
    return not block.is_prose and MIN_HEADLINE_WORDS <= block.n_words <= 30


PER_BLOCK = [
    Rule("navigation.link", phrase_rule(LINKS, 10, "a site control or link", allow_prose=False)),
    Rule("navigation.menu", menu_line),
]

CONTEXT: list[Rule] = [
    Rule("navigation.page_title", page_title),
    Rule("navigation.dateline", dateline),
    Rule("navigation.menu", menu_run),
    Rule("navigation.head_chrome", head_chrome),
    Rule("navigation.outside_main_text", outside_main_text),
    Rule("navigation.island", boilerplate_island),
]
