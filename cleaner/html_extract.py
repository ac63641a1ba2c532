"""The HTML path up to blocks: parse once, mark boilerplate markup, extract with trafilatura,
fall back to our own segment reader when trafilatura finds too little."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import trafilatura
from lxml import etree

from .alignment import align
from .blocks import CAPTION, CODE, HEADING, LIST_ITEM, PARAGRAPH, QUOTE, TABLE_ROW, Block
from .fill import fill_gaps, gap_block
from .html_parse import parse_html
from .metadata import page_metadata
from .page_kind import DISCUSSION, PRODUCT, declared_kind
from .rescue import rescue_dropped
from .resegment import resegment
from .rules.base import Decision
from .segments import HEADING_TAGS, Segment, marked_page_segments

# trafilatura logs every page it finds too short; a library user does not want that noise.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

# Below this many words from trafilatura, our segment reader is tried as well.
FALLBACK_MIN_WORDS = 25
# trafilatura's own fallbacks (readability, jusText comparison) cost a third of its time and
# help only where its main extractor finds little: they run only when its fast pass returns
# less than this share of the page's readable text (measured on WCXB dev: fewer than 1 page
# in 15 escalates, and F1 is higher than running the fallbacks on every page).
ESCALATE_BELOW_SHARE = 0.2
# A single paragraph this long is a page's text run together, not a paragraph.
BASELINE_MIN_WORDS = 150
# ...and the full pass replaces it only when it keeps at least this share of its words.
BASELINE_KEEP_SHARE = 0.5
# Segments mostly made of link text are menus and lists, not readable text.
MAX_READABLE_LINK_SHARE = 0.5
# A paragraph this long is prose even inside a <header> or <aside>: page builders put whole
# articles there, and a page whose article sits in one must still count as readable.
PROSE_IN_FURNITURE_WORDS = 25
# When the extractor keeps less than this share of the page's own text (outside furniture,
# marked containers, link lists and visitors' comments), it has taken one section of a page
# made of many (a landing page's sections, a thread's posts, a listing's items): the page's
# own text is the better answer. Measured on WCXB dev: articles, whose body is most of their
# page text, are not affected; forum, listing, collection and service pages gain.
PAGE_TEXT_BELOW_SHARE = 0.3
# Repeated passages at least this long are copies; shorter ones ("Add to cart", a price) are
# the same label on different items.
MIN_REPEATED_WORDS = 4
_ROLE_OF_TAG = {"head": HEADING, "quote": QUOTE, "code": CODE, "item": LIST_ITEM, "row": TABLE_ROW}
_CONTAINERS = {"list", "table", "quote", "div", "section", "main", "body", "doc"}


@dataclass
class HtmlExtraction:
    blocks: list[Block]
    segments: list[Segment]
    title: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # Blocks that sit in a container a markup rule marked (comment form, share bar, ...).
    removed: dict[int, Decision] = field(default_factory=dict)


def extract_html(text: str, url: str | None = None) -> HtmlExtraction:
    tree = parse_html(text)
    if tree is None:
        return HtmlExtraction([], [], notes=["empty page: no markup to parse"])
    # Marked containers stay in the tree: removing them first changes which container
    # trafilatura picks as the article, for the worse. Their blocks are taken out afterwards.
    segments = marked_page_segments(tree)  # mark_boilerplate and page_segments in one walk
    title, metadata = page_metadata(tree, url)
    kind = declared_kind(tree)
    # On a discussion page the replies are the page's text: trafilatura reads them as comments.
    replies = kind == DISCUSSION
    document = _trafilatura(tree, url, fast=True, comments=replies)
    found = _words(document)
    # The fast pass fell back to trafilatura's baseline (the page's text as one paragraph, where
    # no rule can tell the article from what surrounds it) when it returns one long paragraph.
    baseline = _one_paragraph(document)
    if baseline:
        # The full pass reads the structure; it is kept when it returns more than one block.
        thorough = _trafilatura(tree, url, fast=False, comments=replies)
        if (
            thorough is not None
            and thorough.body is not None
            and not _one_paragraph(thorough)
            and _words(thorough) >= BASELINE_KEEP_SHARE * found
        ):
            document, baseline = thorough, False
    elif found < FALLBACK_MIN_WORDS or found < ESCALATE_BELOW_SHARE * readable_words(segments):
        thorough = _trafilatura(tree, url, fast=False, comments=replies)
        # Its fallbacks sometimes settle on a smaller container than the fast pass found.
        if thorough is not None and thorough.body is not None and _words(thorough) > found:
            document = thorough
    blocks = xml_blocks(document.body) if document is not None and document.body is not None else []
    if baseline:
        # Otherwise split back into the page's own blocks, which the rules can judge one by one.
        blocks = resegment(blocks, segments, segment_block)
    if replies and document is not None and document.commentsbody is not None:
        blocks += xml_blocks(document.commentsbody)
    notes: list[str] = []
    fallback = segment_blocks(segments) if sum(b.n_words for b in blocks) < FALLBACK_MIN_WORDS else []
    if sum(b.n_words for b in fallback) > sum(b.n_words for b in blocks):
        blocks = fallback
        notes.append("trafilatura found too little; the page's own text blocks were used")
    elif _took_one_section(blocks, segments, replies_count=kind == DISCUSSION):
        blocks = page_text_blocks(segments)
        notes.append("trafilatura took one section of a page made of many; the page's own text was used")
    elif kind != PRODUCT and (filled := _filled(blocks, segments, title, replies_count=kind == DISCUSSION)):
        blocks, added = filled
        notes.append(f"{added} sections the extractor skipped between the ones it kept were put back")
    else:
        blocks, rescued = rescue_dropped(blocks, segments, title)
        if rescued:
            notes.append(f"{rescued} in-article blocks the extractor dropped were put back")
    removed = markup_decisions(blocks, segments)
    if kind == PRODUCT:
        removed.update(review_decisions(blocks, segments, removed))
    return HtmlExtraction(blocks, segments, title, metadata, notes, removed)


def _trafilatura(tree: etree._Element, url: str | None, *, fast: bool, comments: bool = False) -> Any:
    return trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        with_metadata=False,  # metadata.py reads what we need, without the slow body search
        output_format="txt",  # the same body; "python" would also render it as text, which we never read
        include_comments=comments,
        include_tables=True,
        include_images=False,
        deduplicate=False,
    )


def _one_paragraph(document: Any) -> bool:
    """Whether the extraction is a single long paragraph (trafilatura's baseline output)."""
    if document is None or document.body is None or len(document.body) != 1:
        return False
    return len(" ".join(document.body.itertext()).split()) >= BASELINE_MIN_WORDS


def _words(document: Any) -> int:
    if document is None or document.body is None:
        return 0
    return sum(len(text.split()) for text in document.body.itertext())


def readable_words(segments: list[Segment]) -> int:
    """Words of the page's own text outside marked containers and link lists; in page
    furniture only paragraphs long enough to be prose."""
    total = 0
    for s in segments:
        if s.mark or s.in_link >= MAX_READABLE_LINK_SHARE:
            continue
        words = len(s.text.split())
        if not s.in_furniture or words >= PROSE_IN_FURNITURE_WORDS:
            total += words
    return total


def _took_one_section(blocks: list[Block], segments: list[Segment], *, replies_count: bool = False) -> bool:
    """The extraction holds less than PAGE_TEXT_BELOW_SHARE of the page's own text. Visitors'
    comments count only on a discussion page, where the replies are what the page is."""
    return sum(len(b.text.split()) for b in blocks) < PAGE_TEXT_BELOW_SHARE * own_words(segments, replies_count)


def own_words(segments: list[Segment], replies_count: bool = False) -> int:
    """Words of the page's own text; visitors' comments count only when `replies_count`."""
    return sum(
        len(s.text.split()) for s in segments if _own_text(s) and (replies_count or not s.in_user_content)
    )


def _filled(
    blocks: list[Block], segments: list[Segment], title: str | None, *, replies_count: bool
) -> tuple[list[Block], int] | None:
    """The extraction with the sections it skipped put back (fill.py). Not on a product page:
    there the gaps between the description's parts are option pickers, specifications and
    delivery terms (WCXB dev: product pages and the "without" rate both lose when filled)."""
    return fill_gaps(blocks, segments, title, own_words(segments, replies_count), _gap_candidate)


def _gap_candidate(segment: Segment) -> Block | None:
    """A segment an extraction skipped, as a block to fill its gap with: the page's own text,
    not visitors' comments, not interface labels."""
    if segment.in_user_content or not _own_text(segment):
        return None
    return gap_block(segment_block(segment))


def _own_text(segment: Segment) -> bool:
    """Text the page shows as its own: not furniture, not a marked container, not a link list
    (a linked heading is an item title, kept)."""
    if segment.mark or segment.in_furniture:
        return False
    return segment.in_link < MAX_READABLE_LINK_SHARE or segment.tag in HEADING_TAGS


def page_text_blocks(segments: list[Segment]) -> list[Block]:
    """The page's own text as blocks, for pages the extractor reads as one section.

    A passage the page repeats word for word (the desktop and the mobile copy of a section,
    a carousel's cloned slides) is read once.
    """
    seen: set[str] = set()
    own = []
    for segment in segments:
        if not _own_text(segment):
            continue
        if segment.norm.count(" ") >= MIN_REPEATED_WORDS - 1:
            if segment.norm in seen:
                continue
            seen.add(segment.norm)
        own.append(segment)
    return segment_blocks(own)


REVIEWS = Decision(
    "extractor.product_reviews",
    "visitors' reviews on a product page (the page declares a schema.org Product)",
)


def review_decisions(
    blocks: list[Block], segments: list[Segment], removed: dict[int, Decision]
) -> dict[int, Decision]:
    """Extracted blocks that sit in review or comment containers after the product's own text:
    on a product page they are what buyers wrote, not the description. When the extraction
    starts inside such a container, the container holds the page's text (a theme's "review"
    layout), and nothing is taken."""
    where = align(blocks, [s.norm for s in segments], [s.mark is None for s in segments])
    if where and (where[0] is None or segments[where[0]].in_user_content):
        return {}
    return {
        i: REVIEWS
        for i, k in enumerate(where)
        if k is not None and i not in removed and segments[k].in_user_content
    }


def markup_decisions(blocks: list[Block], segments: list[Segment]) -> dict[int, Decision]:
    """Extracted blocks whose text occurs only inside marked containers."""
    marked: dict[str, str] = {}
    unmarked: set[str] = set()
    for segment in segments:
        norm = segment.norm
        if segment.mark is None:
            unmarked.add(norm)
        else:
            marked.setdefault(norm, segment.mark)
    decisions = {}
    for i, block in enumerate(blocks):
        mark = marked.get(block.norm)
        if mark and block.norm not in unmarked:
            rule, _, reason = mark.partition("|")
            decisions[i] = Decision(rule, reason, by_markup=True)
    return decisions


def element_lines(element: etree._Element) -> list[str]:
    """Text of an element split at <lb/> line breaks, whitespace folded."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag == "lb":
                parts.append("\n")
            elif child.tag in _LINE_BREAKING:
                parts.append("\n")
                walk(child)
                parts.append("\n")
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return [" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip()]


def xml_blocks(body: etree._Element) -> list[Block]:
    """Blocks from trafilatura's XML body, keeping roles and list/table grouping."""
    blocks: list[Block] = []

    def add(lines: list[str], role: str, origin: str, group_start: bool) -> None:
        for k, line in enumerate(lines):
            blocks.append(Block(line, role=role, origin=origin, group_start=group_start and k == 0))

    def visit(element: etree._Element, path: str) -> None:
        tag = element.tag
        if not isinstance(tag, str) or tag == "graphic":
            return
        origin = f"{path}/{tag}"
        if tag == "table":
            # trafilatura writes rows and cells as row/cell, or keeps the page's tr/td/th.
            for k, row in enumerate(element.iter("row", "tr")):
                cells = [" ".join(element_lines(cell)) for cell in row if cell.tag in _CELL_TAGS]
                line = " | ".join(c for c in cells if c)
                if line:
                    blocks.append(Block(line, role=TABLE_ROW, origin=origin, group_start=k == 0))
            return
        if tag == "list":
            first = True
            for item in element:
                if item.tag != "item":
                    continue
                nested = [c for c in item if c.tag == "list"]
                lines = element_lines_without(item, nested)
                if lines:
                    add(lines, LIST_ITEM, origin, first)
                    first = False
                for nest in nested:
                    visit(nest, origin)
            return
        if tag in _CONTAINERS and any(child.tag in _BLOCKISH for child in element):
            visit_children(element, origin)
            return
        role = _ROLE_OF_TAG.get(tag, PARAGRAPH)
        add(element_lines(element), role, origin, True)

    def visit_children(element: etree._Element, origin: str) -> None:
        # Text between block children (element.text, child tails) is a paragraph of its own.
        if element.text and element.text.strip():
            add([" ".join(element.text.split())], PARAGRAPH, origin, True)
        for child in element:
            visit(child, origin)
            if child.tail and child.tail.strip():
                add([" ".join(child.tail.split())], PARAGRAPH, origin, True)

    visit_children(body, "")
    return blocks


_BLOCKISH = {"p", "head", "list", "table", "quote", "code", "div"}
# Children that start a new line inside a block (a heading inside a table cell, a list item).
_LINE_BREAKING = _BLOCKISH | {"item", "row", "cell", "tr", "td", "th"}
_CELL_TAGS = {"cell", "td", "th"}


def element_lines_without(element: etree._Element, skip: list[etree._Element]) -> list[str]:
    """Lines of an element, leaving out the given children (nested lists handled apart)."""
    if not skip:
        return element_lines(element)
    parts: list[str] = []
    if element.text:
        parts.append(element.text)
    for child in element:
        if child in skip:
            pass
        elif child.tag == "lb":
            parts.append("\n")
        else:
            parts.append("\n".join(element_lines(child)))
        if child.tail:
            parts.append(child.tail)
    return [" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip()]


def segment_blocks(segments: list[Segment]) -> list[Block]:
    """The fallback extraction: unmarked page segments outside page furniture."""
    return [segment_block(s) for s in segments if not s.mark and not s.in_furniture]


def segment_block(segment: Segment) -> Block:
    """A page segment as a block, its role read from its element."""
    if segment.tag in HEADING_TAGS:
        role = HEADING
    elif segment.tag == "li":
        role = LIST_ITEM
    elif segment.tag in ("td", "th", "tr"):
        role = TABLE_ROW
    elif segment.tag == "figcaption":
        role = CAPTION
    else:
        role = PARAGRAPH
    return Block(segment.text, role=role, origin=segment.tag, link_density=segment.in_link)
