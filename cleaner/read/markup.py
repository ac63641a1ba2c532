"""DOM-level rules: containers whose markup says what they are (comment forms, related widgets,
share bars, cookie dialogs, newsletter and author boxes, captions)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from ..lexicon.matcher import PhraseList
from ..lexicon.phrases import phrases

MARK_ATTRIBUTE = "data-cleaner-rule"


@dataclass(frozen=True)
class MarkupRule:
    name: str
    tokens: PhraseList
    reason: str
    # A container this long is not what its class says (a theme put "share" on a column).
    max_chars: int
    # Widgets made of links (share bars, related lists) must be mostly links.
    min_link_share: float = 0.0


COMMENT_FORM = MarkupRule("comment_form.markup", phrases("comment_form")["markup"], "a comment form", 3000)
MARKUP_RULES = [
    COMMENT_FORM,
    MarkupRule(
        "related_posts.markup", phrases("related_posts")["markup"], "a related-posts widget", 4000, 0.3
    ),
    MarkupRule(
        "watermark.cookie_notice", phrases("watermark")["markup_cookie"], "a cookie or consent dialog", 4000
    ),
    MarkupRule("watermark.call_to_action", phrases("watermark")["markup_newsletter"], "a newsletter box", 800),
    MarkupRule("watermark.author_blurb", phrases("watermark")["markup_author_box"], "an author box", 1500),
    MarkupRule(
        "navigation.markup", phrases("navigation")["markup"], "share bar, breadcrumb or pager", 600, 0.3
    ),
    MarkupRule("watermark.copyright", phrases("watermark")["markup_copyright"], "a copyright line", 400),
]
CAPTION_TOKENS = phrases("watermark")["markup_caption"]
# One pattern for all markup lists: most elements match none, and one search tells.
_ANY_TOKEN_PATTERN = "|".join(
    f"(?:{p})" for p in [*(p for rule in MARKUP_RULES for p in rule.tokens.patterns), *CAPTION_TOKENS.patterns]
)
_ANY_TOKEN = re.compile(_ANY_TOKEN_PATTERN, re.IGNORECASE)
# Case-insensitive matching is four times slower. On lowercase ASCII (nearly every class/id
# string) a pattern without capitals matches the same case-sensitively, so that is tried there.
_ANY_TOKEN_LOWER = re.compile(_ANY_TOKEN_PATTERN) if _ANY_TOKEN_PATTERN == _ANY_TOKEN_PATTERN.lower() else None
# Elements a markup rule can claim: those with a class or id, captions and forms.
_CANDIDATES = etree.XPath(".//*[@class or @id or self::figcaption or self::form]")
# The text of an element, made in C: a third of the time of joining itertext().
_STRING = etree.XPath("string()")

# Elements that can hold the whole article: never removed by their class name alone.
PROTECTED_TAGS = {"html", "body", "main", "article"}
# A marked container holding more than this share of the page's text is not boilerplate.
MAX_MARKED_SHARE = 0.35
# Share bars are often icons with a word or two and no link text; below this size links don't matter.
SMALL_WIDGET_CHARS = 40
# Captions longer than this are more likely article text placed in a figure.
MAX_CAPTION_CHARS = 400


def _descriptor(element: etree._Element) -> str:
    """The class and id tokens of an element, lowercased, as markup rules match them."""
    cls = element.get("class") or ""
    ident = element.get("id") or ""
    if not cls and not ident:
        return ""
    return f"{ident} {cls}".lower()


def text_length(element: etree._Element) -> int:
    return len(_STRING(element).strip())


def _link_share(element: etree._Element, length: int) -> float:
    linked = sum(len(_STRING(a).strip()) for a in element.iter("a"))
    return linked / max(length, 1)


def page_text_length(body: etree._Element) -> int:
    """The page's length in characters, against which a container's share is measured."""
    return max(text_length(body), 1)


def mark_within(root: etree._Element, page_chars: int) -> int:
    """Mark the boilerplate containers below root (root itself is not looked at)."""
    marked = 0
    inside_marked: set[etree._Element] = set()
    for element in _CANDIDATES(root):
        tag = element.tag
        if tag in PROTECTED_TAGS or element in inside_marked:
            continue
        rule = boilerplate_rule(element, tag, _descriptor(element), page_chars)
        if rule is not None:
            element.set(MARK_ATTRIBUTE, rule)
            marked += 1
            inside_marked.update(element.iterdescendants())  # what is inside goes with it
    return marked


def boilerplate_rule(element: etree._Element, tag: str, descriptor: str, page_chars: int) -> str | None:
    """"rule|reason" when the element is a boilerplate container, else None.

    descriptor is the element's class/id string as _descriptor makes it; protected tags and
    elements inside a marked container are the caller's to skip.
    """
    if tag == "figcaption":
        if text_length(element) <= MAX_CAPTION_CHARS:
            return "watermark.caption|figure caption (<figcaption>)"
        return None
    if tag == "form" and element.find(".//textarea") is not None:
        if _too_large(text_length(element), COMMENT_FORM, page_chars):
            return None  # a form around the page (ASP.NET wraps the body in one), not a comment form
        return f"{COMMENT_FORM.name}|a form with a text area (comment form)"
    if not descriptor:
        return None
    rule, caption = _rule_for(descriptor)
    if rule is None and not caption:
        return None
    length = text_length(element)
    if rule is not None:
        if _too_large(length, rule, page_chars):
            return None
        if length > SMALL_WIDGET_CHARS and _link_share(element, length) < rule.min_link_share:
            return None
        return f"{rule.name}|{rule.reason} (class/id: {' '.join(descriptor.split())[:60]})"
    if length <= MAX_CAPTION_CHARS and _next_to_image(element):
        return f"watermark.caption|caption or credit (class/id: {' '.join(descriptor.split())[:60]})"
    return None


def _too_large(length: int, rule: MarkupRule, page_chars: int) -> bool:
    """A container this large holds the page's text, whatever its class or tag says."""
    return length > rule.max_chars or length > MAX_MARKED_SHARE * page_chars


@lru_cache(maxsize=8192)
def _rule_for(descriptor: str) -> tuple[MarkupRule | None, bool]:
    """The markup rule a class/id string names, and whether it names a caption.

    Pages repeat the same class strings hundreds of times ("menu-item menu-item-type-post"),
    so the answer is memoised: it depends on the string alone.
    """
    fast = _ANY_TOKEN_LOWER is not None and descriptor.isascii() and descriptor.islower()
    if not (_ANY_TOKEN_LOWER if fast and _ANY_TOKEN_LOWER is not None else _ANY_TOKEN).search(descriptor):
        return None, False
    rule = next((r for r in MARKUP_RULES if r.tokens.match(descriptor, descriptor)), None)
    return rule, rule is None and CAPTION_TOKENS.match(descriptor, descriptor) is not None


def _next_to_image(element: etree._Element) -> bool:
    """A caption class means a caption only where there is a picture beside it."""
    parent = element.getparent()
    scope = parent if parent is not None else element
    return scope.tag == "figure" or next(scope.iter("img", "picture", "figure", "amp-img"), None) is not None
