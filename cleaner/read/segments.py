"""Read a parsed page once, in order, as text segments: the text between block boundaries.

Segments serve two jobs: the account of what the extractor left out, and the fallback
extraction when the extractor finds too little.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from ..model.segment import Segment
from .html_parse import INLINE_TAGS
from .markup import MARK_ATTRIBUTE, PROTECTED_TAGS, boilerplate_rule, mark_within, page_text_length

BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "br", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "legend", "option", "select", "button", "label", "caption", "center"]
)
SKIP_TAGS = frozenset(["script", "style", "template", "svg", "head", "iframe", "object", "canvas", "math", "textarea", "select"])
# What a page shows readers that run no scripts (Discourse serves a whole topic there). The
# extraction reads the page as a browser with scripts shows it; the account sees this text too.
NOSCRIPT = "noscript"
# Containers whose text is page furniture, not the article, for the fallback extraction.
FURNITURE_TAGS = frozenset(["nav", "header", "footer", "aside", "form", "button", "label", "option", "select"])
# Containers of what visitors wrote (comments, reviews): not the page's own text.
USER_CONTENT = re.compile(
    r"\b(?:comments?|comment-list|commentlist|reviews?|review-list|replies|testimonials?)\b", re.IGNORECASE
)
HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])


def page_segments(tree: etree._Element) -> list[Segment]:
    """The page's segments, with the marks the tree carries (a tree marked_page_segments read)."""
    return _read_segments(tree, marking=False)


def marked_page_segments(tree: etree._Element) -> list[Segment]:
    """The boilerplate containers marked (MARK_ATTRIBUTE, the tree is marked, not pruned:
    trafilatura then sees the page as it is), and the page's segments read, in one walk over a
    freshly parsed page.

    Marking all containers first (markup.mark_within), then reading the segments, took two walks,
    a sixth of a page's time. A container's mark depends on its own
    subtree, its parent and the page's length, never on other marks, so it can be decided
    when the walk enters it: the marks and the segments are the same as the two walks'.
    """
    return _read_segments(tree, marking=True)


def _read_segments(tree: etree._Element, *, marking: bool) -> list[Segment]:
    body = tree.find("body")
    if body is None:
        body = tree
    reader = _SegmentReader(body, marking)
    walker = etree.iterwalk(body, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        if tag.__class__ is not str:
            tag = ""
        if event == "start":
            if tag in SKIP_TAGS:
                if marking and not reader.marks:
                    _mark_skipped(element, tag, element.get("id"), element.get("class"), reader.page_chars)
                walker.skip_subtree()
                continue
            reader.enter(element, tag)
        else:
            if tag not in SKIP_TAGS:
                reader.leave(element, tag)
            tail = element.tail
            if tail and (reader.parts or not tail.isspace()) and element is not body:
                reader.add_text(tail)
    reader.flush()
    return reader.segments


class _SegmentReader:
    """The state of the walk: the text since the last block boundary, and the containers open
    (blocks, marked containers, furniture, links, visitors' content, noscript)."""

    def __init__(self, body: etree._Element, marking: bool) -> None:
        self.marking = marking
        self.page_chars = page_text_length(body) if marking else 0
        self.segments: list[Segment] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.block_stack: list[str] = ["body"]
        self.marks: list[tuple[str, int, etree._Element]] = []  # the marked containers we are in
        self.furniture = 0
        self.in_link = 0
        self.mark_counter = 0
        self.user_content: list[etree._Element] = []
        self.styled: list[etree._Element] = []  # inline elements styled as blocks, open now
        self.noscript = 0
        self.descriptors: list[str] = []  # of each open element ("" when it has no class or id)

    def flush(self) -> None:
        parts = self.parts
        if not parts:
            return  # nothing since the last boundary (and so no link characters either)
        raw = "".join(parts)
        text = " ".join(raw.split())
        if text:
            marks = self.marks
            mark, mark_id = (marks[-1][0], marks[-1][1]) if marks else (None, -1)
            share = min(self.link_chars / max(len(raw.strip()), 1), 1.0)
            self.segments.append(
                Segment(
                    text,
                    self.block_stack[-1],
                    mark,
                    mark_id,
                    self.furniture > 0,
                    share,
                    bool(self.user_content),
                    self.noscript > 0,
                    tuple(d for d in self.descriptors if d),
                    len(self.descriptors),
                )
            )
        parts.clear()
        self.link_chars = 0

    def add_text(self, text: str) -> None:
        self.parts.append(text)
        if self.in_link:
            self.link_chars += len(text.strip())

    def enter(self, element: etree._Element, tag: str) -> None:
        ident = cls = None
        if tag:
            ident = element.get("id")
            cls = element.get("class")
        if tag in BLOCK_TAGS:
            self.flush()
            self.block_stack.append(tag)
        elif tag in INLINE_TAGS and styled_as_block(element, cls):
            self.flush()  # a line of its own on the page, in the block it sits in
            self.styled.append(element)
        if tag == NOSCRIPT:
            self.flush()
            self.noscript += 1
        descriptor, is_user_content = _attributes(ident or "", cls or "") if ident or cls else ("", False)
        self.descriptors.append(descriptor)
        mark = self._mark(element, tag, descriptor)
        if mark:
            self.flush()
            self.mark_counter += 1
            self.marks.append((mark, self.mark_counter, element))
        if is_user_content:
            self.flush()
            self.user_content.append(element)
        if tag in FURNITURE_TAGS:
            self.furniture += 1
        elif tag == "a":
            self.in_link += 1
        text = element.text
        if text and (self.parts or not text.isspace()):  # leading whitespace adds nothing
            self.add_text(text)

    def _mark(self, element: etree._Element, tag: str, descriptor: str) -> str | None:
        """The element's mark: decided now when marking, else the one the tree carries."""
        if not self.marking:
            return element.get(MARK_ATTRIBUTE) if tag else None
        if (descriptor or tag in _CLAIMED_BY_TAG) and not self.marks and tag not in PROTECTED_TAGS:
            mark = boilerplate_rule(element, tag, descriptor, self.page_chars)
            if mark is not None:
                element.set(MARK_ATTRIBUTE, mark)
            return mark
        return None

    def leave(self, element: etree._Element, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.flush()
            self.block_stack.pop()
        elif self.styled and self.styled[-1] is element:
            self.flush()
            self.styled.pop()
        if self.marks and self.marks[-1][2] is element:
            self.flush()
            self.marks.pop()
        if self.user_content and self.user_content[-1] is element:
            self.flush()
            self.user_content.pop()
        if tag in FURNITURE_TAGS:
            self.furniture -= 1
        elif tag == "a":
            self.in_link -= 1
        if tag == NOSCRIPT:
            self.flush()
            self.noscript -= 1
        if self.descriptors:
            self.descriptors.pop()  # after the flushes: the text they close sat in this element


# Inline elements the page styles as blocks: an inline style saying so, or the utility classes of
# the common CSS frameworks (Tailwind's "block"/"flex"/"grid", Bootstrap's "d-block"...). A
# browser shows `<b>Sleep</b><span class="block">Meditation helps</span>` on two lines.
_BLOCK_STYLE = re.compile(r"display\s*:\s*(?:block|flex|grid|list-item|table)\b", re.IGNORECASE)
BLOCK_CLASSES = frozenset({"block", "flex", "grid", "d-block", "d-flex", "d-grid", "d-table"})


def styled_as_block(element: etree._Element, cls: str | None) -> bool:
    """Whether an inline element is shown as a block of its own (its class or inline style)."""
    if cls and _block_class(cls):
        return True
    style = element.get("style")
    return bool(style) and _BLOCK_STYLE.search(style) is not None


@lru_cache(maxsize=8192)
def _block_class(cls: str) -> bool:
    return not BLOCK_CLASSES.isdisjoint(cls.split())


# Elements markup rules claim by their tag alone, without a class or id.
_CLAIMED_BY_TAG = frozenset({"figcaption", "form"})


def _mark_skipped(element: etree._Element, tag: str, ident: str | None, cls: str | None, page_chars: int) -> None:
    """Mark a subtree the segment walk skips (script, svg, select...) as markup.mark_within would."""
    descriptor = _attributes(ident or "", cls or "")[0] if ident or cls else ""
    mark = boilerplate_rule(element, tag, descriptor, page_chars)
    if mark is not None:
        element.set(MARK_ATTRIBUTE, mark)
    elif len(element):  # scripts and styles have no children to look at
        mark_within(element, page_chars)


@lru_cache(maxsize=8192)
def _attributes(ident: str, cls: str) -> tuple[str, bool]:
    """The markup rules' class/id descriptor, and whether the element holds what visitors wrote.

    Memoised: pages repeat the same class strings on hundreds of elements.
    """
    return f"{ident} {cls}".lower(), USER_CONTENT.search(f"{ident} {cls}") is not None
