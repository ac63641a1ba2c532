"""Related-post lists: "Recent Posts" and its headline + date + "Read More" runs, inline teasers."""

from __future__ import annotations

from collections.abc import Iterator

from ..lexicon.phrases import phrases
from ..model.block import CODE, HEADING, TABLE_ROW, Block, only_dates
from .comment_form import HEADINGS as COMMENT_HEADINGS
from .engine import Context, Rule, phrase_rule

PHRASES = phrases("related_posts")
HEADINGS = PHRASES["heading"]
TEASER_MARKS = PHRASES["teaser"]
INLINE = PHRASES["inline"]
EXCERPTS = PHRASES["excerpt"]
REFERENCE_HEADINGS = PHRASES["references_heading"]
CITATIONS = PHRASES["citation"]

MAX_HEADING_WORDS = 8
MAX_HEADLINE_WORDS = 25
MAX_EXCERPT_WORDS = 60
# A list needs this much evidence before headline-like lines after its heading go with it.
MIN_TEASER_ITEMS = 2
# Teasers without a heading go only when the article around them has this many times their words.
ARTICLE_TO_TEASER_RATIO = 2.0
# A list under a related-posts heading goes when the article's prose outweighs it.
LIST_ARTICLE_RATIO = 1.0
# A reference list goes only when most of its entries carry the marks of a citation: a
# "Sources" section of prose, or of a few plain links, is the article's.
MIN_CITATION_SHARE = 0.5
MIN_CITATIONS = 2
# A paragraph this long that repeats word for word one kept above it is a second copy: the next
# story of an endless-scroll page, a template block printed twice, a pull quote.
MIN_REPEATED_WORDS = 10


def is_teaser_part(block: Block) -> str | None:
    """What kind of list item the block is (excerpt, date, headline, count), or None."""
    if block.n_words <= MAX_EXCERPT_WORDS and TEASER_MARKS.match(block.text, block.norm):
        return "marked"
    if only_dates(block.text):
        return "date"
    if looks_like_headline(block):
        return "headline"
    return None


def looks_like_headline(block: Block) -> bool:
    text = block.text.rstrip()
    return (
        1 <= block.n_words <= MAX_HEADLINE_WORDS
        and not text.endswith((".", "!", ";", ","))
        and (block.n_words <= 12 or block.title_case_share >= 0.5)  # the word count is known already
    )


def teaser_run(context: Context, start: int) -> list[int]:
    """Indices of the list items that follow a related-posts heading at `start`."""
    run: list[int] = []
    evidence = 0
    for j in range(start + 1, len(context.blocks)):
        if j in context.removed:
            continue
        part = is_teaser_part(context.blocks[j])
        if part is None or (part == "headline" and _opens_section(context, j)) or _opens_comments(context, j):
            break
        run.append(j)
        evidence += part != "headline"
    headlines = sum(1 for j in run if is_teaser_part(context.blocks[j]) == "headline")
    if evidence or headlines >= MIN_TEASER_ITEMS:
        return run
    return []


def _opens_comments(context: Context, index: int) -> bool:
    """A comment heading ("Leave a Reply") ends the list: the comment rules claim it."""
    block = context.blocks[index]
    return block.n_words <= MAX_HEADING_WORDS and COMMENT_HEADINGS.match(block.text, block.norm) is not None


def _opens_section(context: Context, index: int) -> bool:
    """A heading followed directly by prose is a subheading of the article, not a teaser."""
    following = context.next_kept(index)
    return (
        following is not None
        and context.blocks[following].is_prose
        and not TEASER_MARKS.match(context.blocks[following].text, context.blocks[following].norm)
    )


def related_list(context: Context) -> Iterator[tuple[int, str]]:
    # Only a block the heading list may match can open a list (the gate rules out the others).
    for i in context.may_match_at(HEADINGS):
        block = context.blocks[i]
        if block.n_words > MAX_HEADING_WORDS:
            continue
        hit = HEADINGS.match(block.text, block.norm)
        if not hit:
            continue
        run = teaser_run(context, i)
        if run and not _prose_outside(context, set(run), LIST_ARTICLE_RATIO):
            # With no article around it, the list is what the page is (a listing page).
            run = []
        # The whole line being a list heading ("You Might Also Like") is enough for the heading
        # itself: the extractor often drops the list and leaves it dangling.
        whole_line = block.norm in HEADINGS.exact
        if i not in context.removed and (run or whole_line or _nothing_after(context, i)):
            yield i, f'heading of a related-posts list ("{hit}")'
        for j in run:
            yield j, f'item of the "{block.text.strip()}" list'


def teaser_series(context: Context) -> Iterator[tuple[int, str]]:
    """Headline + excerpt "… Read More" + date runs with no heading: a list of other posts."""
    blocks = context.blocks
    marked = [
        i
        for i in context.may_match_at(EXCERPTS)  # the gate rules the other blocks out
        if i not in context.removed
        and blocks[i].n_words <= MAX_EXCERPT_WORDS
        and EXCERPTS.match(blocks[i].text, blocks[i].norm)
    ]
    if len(marked) < MIN_TEASER_ITEMS or not _prose_outside(context, set(marked), ARTICLE_TO_TEASER_RATIO):
        return
    for i in marked:
        yield i, "excerpt of another post (ends in a read-more link)"
        # The headline and date that frame the excerpt go with it.
        for j in (i - 1, i + 1):
            if 0 <= j < len(context.blocks) and j not in context.removed:
                part = is_teaser_part(context.blocks[j])
                if part in ("headline", "date") and not context.blocks[j].is_prose:
                    yield j, f"{part} of another post's teaser"


def _prose_outside(context: Context, series: set[int], ratio: float) -> bool:
    """On a listing page the teasers are the content: only an article around them makes them residue."""
    prose = sum(
        b.n_words
        for i, b in enumerate(context.blocks)
        if i not in series and i not in context.removed and b.is_prose
    )
    teasers = sum(context.blocks[i].n_words for i in series)
    return prose >= ratio * teasers


def _nothing_after(context: Context, index: int) -> bool:
    return context.next_kept(index) is None


def tail_list(context: Context) -> Iterator[tuple[int, str]]:
    """After the article's last paragraph, a run of two or more headline-like lines that follows a
    removed block and ends at one (or at the end): a list of other stories whose heading another
    rule removed ("Trending", "Most read", a menu line).

    Only for text: in HTML the markup and the extractor deal with such lists, and the short lines
    that end a service or listing page are often its content.
    """
    last = context.last_kept_prose()
    if last < 0 or context.kind != "text":
        return
    removed = set(context.removed)
    j = last + 1
    while j < len(context.blocks):
        if j in removed:
            j += 1
            continue
        end = j
        while end < len(context.blocks) and end not in removed:
            end += 1
        run = range(j, end)
        if (
            j - 1 in removed
            and len(run) >= MIN_TEASER_ITEMS
            and all(is_teaser_part(context.blocks[k]) is not None for k in run)
        ):
            for k in run:
                yield k, "a headline in a list of other stories after the article"
        j = end


def reference_list(context: Context) -> Iterator[tuple[int, str]]:
    """A "References" / "Footnotes" heading and the run of entries under it, when the entries
    read as citations (DOIs, journal volumes, author initials, et al., footnote back-links)."""
    for i, block in enumerate(context.blocks):
        if i in context.removed or block.role != HEADING or block.norm not in REFERENCE_HEADINGS.exact:
            continue
        entries = _section_after(context, i)
        cited = sum(1 for j in entries if CITATIONS.match(context.blocks[j].text, context.blocks[j].norm))
        if cited >= MIN_CITATIONS and cited >= MIN_CITATION_SHARE * len(entries):
            yield i, f'heading of a reference list ("{block.text.strip()}")'
            for j in entries:
                yield j, f'entry of the "{block.text.strip()}" list'


def repeated_block(context: Context) -> Iterator[tuple[int, str]]:
    """Later copies of a long paragraph, list item or heading already kept above."""
    seen: set[str] = set()
    for i, block in enumerate(context.blocks):
        if i in context.removed or block.role in (CODE, TABLE_ROW):
            continue
        if block.n_words >= MIN_REPEATED_WORDS and block.norm in seen:
            yield i, "repeats a paragraph kept above (a second copy of the story or of a template block)"
        seen.add(block.norm)


def _section_after(context: Context, start: int) -> list[int]:
    """Kept blocks after a heading, up to the next heading."""
    section = []
    for j in range(start + 1, len(context.blocks)):
        if j in context.removed:
            continue
        if context.blocks[j].role == HEADING:
            break
        section.append(j)
    return section


PER_BLOCK = [
    Rule("related_posts.inline_teaser", phrase_rule(INLINE, 30, "a one-line link to another story")),
]

CONTEXT = [
    Rule("related_posts.list", related_list, needs=(HEADINGS,)),
    Rule("related_posts.teaser_series", teaser_series, needs=(EXCERPTS,)),
    Rule("related_posts.tail_list", tail_list),
    Rule("related_posts.reference_list", reference_list, needs=(REFERENCE_HEADINGS,)),
    Rule("related_posts.repeated", repeated_block),
]
