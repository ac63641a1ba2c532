"""The HTML path up to blocks: parse once, mark boilerplate markup and read the page's segments,
extract with trafilatura, then choose the text: trafilatura's (with what it dropped put back),
or the page's own where trafilatura found too little or took one section of many."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import Any

import trafilatura
from lxml import etree

from ..model.block import Block
from ..model.decision import Decision
from ..model.segment import Segment
from ..read.html_parse import parse_page
from ..read.limits import MAX_EXTRACTOR_ELEMENTS, MAX_EXTRACTOR_SEGMENTS, WORK_LIMIT
from ..read.metadata import declared_url, page_metadata
from ..read.page_kind import DISCUSSION, PRODUCT, declared_kind
from ..read.segments import marked_page_segments
from .alignment import align
from .fill import fill_gaps
from .page_breaks import split_at_page_breaks
from .page_order import in_page_order
from .page_text import (
    own_words,
    page_text_blocks,
    readable_words,
    segment_blocks,
    took_one_section,
)
from .rescue import rescue_dropped
from .resegment import resegment
from .xml_blocks import xml_blocks

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



@dataclass
class HtmlExtraction:
    blocks: list[Block]
    segments: list[Segment]
    title: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # Blocks that sit in a container a markup rule marked (comment form, share bar, ...).
    removed: dict[int, Decision] = field(default_factory=dict)
    # The URL the page gives itself (canonical link, og:url).
    page_url: str | None = None
    # trafilatura's own extraction, as blocks, when it ran: the measure of a lost article.
    extracted: list[Block] = field(default_factory=list)
    # The kind of page its markup declares (read/page_kind: article, discussion, product), if any.
    kind: str | None = None
    # False where the page was too large for trafilatura and its own blocks were used.
    extractor_ran: bool = True


def extract_html(text: str, url: str | None = None) -> HtmlExtraction:
    """The page's blocks, in four named steps: read the page (parse, mark boilerplate containers,
    segments, metadata), extract with trafilatura, choose the text (trafilatura's, the page's own,
    or trafilatura's with what it skipped put back), and decide on the marked blocks."""
    tree, parse_notes = parse_page(text)
    if tree is None:
        return HtmlExtraction([], [], notes=["empty page: no markup to parse"])
    # Marked containers stay in the tree: removing them first changes which container
    # trafilatura picks as the article, for the worse. Their blocks are taken out afterwards.
    all_segments = marked_page_segments(tree)  # the marks and the segments in one walk
    # The extraction works on what the page shows readers that run scripts; the account (which
    # gets all_segments) also on what it shows readers without them.
    segments = [s for s in all_segments if not s.in_noscript]
    title, metadata = page_metadata(tree, url)
    kind = declared_kind(tree)
    if too_large := _too_large_for_extractor(tree, segments):
        blocks = page_text_blocks(segments)
        removed = markup_decisions(blocks, segments)
        notes = [*parse_notes, too_large]
        return HtmlExtraction(
            blocks, all_segments, title, metadata, notes, removed, declared_url(tree), [], kind, extractor_ran=False
        )
    extracted = trafilatura_blocks(tree, url, segments, replies=kind == DISCUSSION)
    blocks, notes = choose_text(extracted, segments, title, kind)
    segments, held = hold_marks_on_the_article(blocks, segments)
    removed = markup_decisions(blocks, segments)
    if kind == PRODUCT:
        removed.update(review_decisions(blocks, segments, removed))
    notes = [*parse_notes, *notes, *held]
    return HtmlExtraction(
        blocks, all_segments, title, metadata, notes, removed, declared_url(tree), extracted, kind
    )


def trafilatura_blocks(tree: etree._Element, url: str | None, segments: list[Segment], replies: bool) -> list[Block]:
    """trafilatura's extraction as blocks in page order: its fast pass, its full pass where the
    fast one found little or ran the page together, and on a discussion page (`replies`) the
    replies it reads as comments."""
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
        blocks = resegment(blocks, segments)
    if replies and document is not None and document.commentsbody is not None:
        blocks += xml_blocks(document.commentsbody)
    return in_page_order(split_at_page_breaks(blocks, segments), segments)


def choose_text(
    blocks: list[Block], segments: list[Segment], title: str | None, kind: str | None
) -> tuple[list[Block], list[str]]:
    """The text to judge, and a note on the choice: the page's own blocks where trafilatura found
    too little or took one section of many; else trafilatura's, with the sections it skipped
    between those it kept put back, or the in-article blocks it dropped."""
    fallback = segment_blocks(segments, FALLBACK_MIN_WORDS) if sum(b.n_words for b in blocks) < FALLBACK_MIN_WORDS else []
    if sum(b.n_words for b in fallback) > sum(b.n_words for b in blocks):
        return fallback, ["trafilatura found too little; the page's own text blocks were used"]
    own = own_words(segments, replies_count=kind == DISCUSSION)
    if took_one_section(blocks, own):
        return page_text_blocks(segments), [
            "trafilatura took one section of a page made of many; the page's own text was used"
        ]
    # Not on a product page: there the gaps between the description's parts are option pickers,
    # specifications and delivery terms (WCXB dev: product F1 and the "without" rate both lose).
    if kind != PRODUCT and (filled := fill_gaps(blocks, segments, title, own)):
        blocks, added = filled
        return blocks, [f"{added} sections the extractor skipped between the ones it kept were put back"]
    blocks, rescued = rescue_dropped(blocks, segments, title)
    return blocks, [f"{rescued} in-article blocks the extractor dropped were put back"] if rescued else []


def _too_large_for_extractor(tree: etree._Element, segments: list[Segment]) -> str | None:
    """A note when the page is past the sizes the extractor is given, else None."""
    if len(segments) > MAX_EXTRACTOR_SEGMENTS:
        size = f"{len(segments):,} text blocks, over {MAX_EXTRACTOR_SEGMENTS:,}"
    else:
        elements = int(tree.xpath("count(//*)"))  # counted in C, no element proxies
        if elements <= MAX_EXTRACTOR_ELEMENTS:
            return None
        size = f"{elements:,} elements, over {MAX_EXTRACTOR_ELEMENTS:,}"
    return f"{WORK_LIMIT}the page is too large for the extractor ({size}); its own text blocks were used"


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


# A marked container holding more than this share of the extracted words holds the article,
# whatever its class says ("newsletter-issue-body", a form around the page): it is kept.
MAX_MARKED_SHARE_OF_ARTICLE = 0.5


def hold_marks_on_the_article(blocks: list[Block], segments: list[Segment]) -> tuple[list[Segment], list[str]]:
    """The segments with the marks that would take most of the extracted text lifted, and a
    note for each such mark."""
    extracted = {b.norm for b in blocks}
    total = sum(b.n_words for b in blocks)
    words_by_mark: dict[int, int] = {}
    for segment in segments:
        if segment.mark is not None and segment.norm in extracted:
            words_by_mark[segment.mark_id] = words_by_mark.get(segment.mark_id, 0) + len(segment.norm.split())
    held = {m for m, words in words_by_mark.items() if words > MAX_MARKED_SHARE_OF_ARTICLE * total}
    if not held:
        return segments, []
    notes = []
    for mark_id in sorted(held):
        mark = next(s.mark for s in segments if s.mark_id == mark_id)
        notes.append(f"a container marked as {(mark or '').partition('|')[0]} held most of the article; it was kept")
    return [replace(s, mark=None, mark_id=-1) if s.mark_id in held else s for s in segments], notes


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


