"""Read a parsed page once, in order, as text segments: the text between block boundaries.

Segments serve two jobs: the account of what the extractor left out, and the fallback
extraction when the extractor finds too little.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .lexicon import normalise
from .markup import MARK_ATTRIBUTE

BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "br", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "legend", "option", "select", "button", "label", "caption", "center"]
)
SKIP_TAGS = frozenset(["script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "math", "textarea", "select"])
# Containers whose text is page furniture, not the article, for the fallback extraction.
FURNITURE_TAGS = frozenset(["nav", "header", "footer", "aside", "form", "button", "label", "option", "select"])
# Containers of what visitors wrote (comments, reviews): not the page's own text.
USER_CONTENT = re.compile(
    r"\b(?:comments?|comment-list|commentlist|reviews?|review-list|replies|testimonials?)\b", re.IGNORECASE
)
HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])


@dataclass
class Segment:
    text: str
    tag: str  # innermost block element the text sits in
    mark: str | None  # "rule|reason" of the marked container it sits in, if any
    mark_id: int  # which marked container (to group its segments), -1 when unmarked
    in_furniture: bool
    in_link: float  # share of the segment's characters inside <a>
    in_user_content: bool = False  # inside a comment, review or reply container
    norm: str = ""  # normalised text, as blocks and phrases are compared

    def __post_init__(self) -> None:
        self.norm = normalise(self.text)


def page_segments(tree: etree._Element) -> list[Segment]:
    body = tree.find("body")
    if body is None:
        body = tree
    segments: list[Segment] = []
    parts: list[str] = []
    link_chars = 0
    block_stack: list[str] = ["body"]
    marks: list[tuple[str, int]] = []
    furniture = 0
    in_link = 0
    mark_counter = 0
    user_content: list[etree._Element] = []

    def flush() -> None:
        nonlocal link_chars
        raw = "".join(parts)
        text = " ".join(raw.split())
        if text:
            mark, mark_id = marks[-1] if marks else (None, -1)
            share = min(link_chars / max(len(raw.strip()), 1), 1.0)
            segments.append(
                Segment(text, block_stack[-1], mark, mark_id, furniture > 0, share, bool(user_content))
            )
        parts.clear()
        link_chars = 0

    walker = etree.iterwalk(body, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in SKIP_TAGS:
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS:
                flush()
                block_stack.append(tag)
            mark = element.get(MARK_ATTRIBUTE) if tag else None
            if mark:
                flush()
                mark_counter += 1
                marks.append((mark, mark_counter))
            if tag and _is_user_content(element):
                flush()
                user_content.append(element)
            furniture += tag in FURNITURE_TAGS
            in_link += tag == "a"
            if element.text and tag not in SKIP_TAGS:
                parts.append(element.text)
                if in_link:
                    link_chars += len(element.text.strip())
        else:
            if tag in SKIP_TAGS:
                pass
            else:
                if tag in BLOCK_TAGS:
                    flush()
                    block_stack.pop()
                if tag and element.get(MARK_ATTRIBUTE):
                    flush()
                    marks.pop()
                if user_content and user_content[-1] is element:
                    flush()
                    user_content.pop()
                furniture -= tag in FURNITURE_TAGS
                in_link -= tag == "a"
            if element.tail and element is not body:
                parts.append(element.tail)
                if in_link:
                    link_chars += len(element.tail.strip())
    flush()
    return segments


def _is_user_content(element: etree._Element) -> bool:
    descriptor = f"{element.get('id') or ''} {element.get('class') or ''}"
    return len(descriptor) > 1 and USER_CONTENT.search(descriptor) is not None
