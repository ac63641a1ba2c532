"""DOM-level rules: containers whose markup says what they are (comment forms, related widgets,
share bars, cookie dialogs, newsletter and author boxes, captions)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .lexicon import PhraseList, phrases

MARK_ATTRIBUTE = "data-cleaner-rule"


@dataclass(frozen=True)
class MarkupRule:
    name: str
    tokens: PhraseList
    reason: str


MARKUP_RULES = [
    MarkupRule("comment_form.markup", phrases("comment_form")["form"], "a comment form or thread"),
    MarkupRule("related_posts.markup", phrases("related_posts")["widget"], "a related-posts widget"),
    MarkupRule("watermark.cookie_notice", phrases("watermark")["cookie"], "a cookie or consent dialog"),
    MarkupRule("watermark.call_to_action", phrases("watermark")["newsletter"], "a newsletter box"),
    MarkupRule("watermark.author_blurb", phrases("watermark")["author_box"], "an author box"),
    MarkupRule("navigation.markup", phrases("navigation")["controls"], "share bar, breadcrumb or pager"),
]
CAPTION_TOKENS = phrases("watermark")["caption"]

# Elements that can hold the whole article: never removed by their class name alone.
PROTECTED_TAGS = {"html", "body", "main", "article"}
# A marked container holding more than this share of the page's text is not boilerplate.
MAX_MARKED_SHARE = 0.35
# Captions longer than this are more likely article text placed in a figure.
MAX_CAPTION_CHARS = 400


def _descriptor(element: etree._Element) -> str:
    """The class and id tokens of an element, lowercased, as markup rules match them."""
    cls = element.get("class") or ""
    ident = element.get("id") or ""
    if not cls and not ident:
        return ""
    return f"{ident} {cls}".lower()


def _text_length(element: etree._Element) -> int:
    return len("".join(element.itertext()).strip())


def mark_boilerplate(tree: etree._Element) -> int:
    """Set MARK_ATTRIBUTE on boilerplate containers; returns how many were marked.

    Marking first (and removing later) lets the page segments be read once, in order, with
    the rule that claims each of them.
    """
    body = tree.find("body")
    if body is None:
        body = tree
    page_chars = max(_text_length(body), 1)
    marked = 0
    stack = [body]
    while stack:
        element = stack.pop()
        tag = element.tag
        if not isinstance(tag, str):
            continue
        rule = None if tag in PROTECTED_TAGS else _match(element, tag)
        if rule is not None:
            name, reason, limit = rule
            if _text_length(element) <= limit * page_chars or tag == "form":
                element.set(MARK_ATTRIBUTE, f"{name}|{reason}")
                marked += 1
                continue  # what is inside goes with it
        stack.extend(element)
    return marked


def _match(element: etree._Element, tag: str) -> tuple[str, str, float] | None:
    if tag == "figcaption":
        if _text_length(element) <= MAX_CAPTION_CHARS:
            return "watermark.caption", "figure caption (<figcaption>)", 1.0
        return None
    if tag == "form" and element.find(".//textarea") is not None:
        return "comment_form.markup", "a form with a text area (comment form)", 1.0
    descriptor = _descriptor(element)
    if not descriptor:
        return None
    for rule in MARKUP_RULES:
        if rule.tokens.match(descriptor, descriptor):
            return rule.name, f"{rule.reason} (class/id: {descriptor.strip()[:60]})", MAX_MARKED_SHARE
    if CAPTION_TOKENS.match(descriptor, descriptor) and _text_length(element) <= MAX_CAPTION_CHARS:
        return "watermark.caption", f"caption or credit (class/id: {descriptor.strip()[:60]})", 1.0
    return None


def remove_marked(tree: etree._Element) -> None:
    for element in list(tree.iter()):
        if isinstance(element.tag, str) and element.get(MARK_ATTRIBUTE):
            parent = element.getparent()
            if parent is not None:
                element.drop_tree()
