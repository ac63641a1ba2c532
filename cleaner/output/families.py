"""The families of removal rules, the one place that says which rule belongs to which: what an
explain report colours, counts and filters by."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.decision import TITLE_RULE


@dataclass(frozen=True)
class Family:
    key: str  # a CSS class and filter value: lowercase letters only
    label: str
    colour: str  # of its marks and struck text; dark enough to read on white
    about: str = ""  # what it takes out, in a few words


# Okabe-Ito colours (told apart with the common colour blindnesses), darkened for text.
NAVIGATION = Family("navigation", "navigation", "#0a5d99", "menus, breadcrumbs, share bars, pagers, datelines")
RELATED = Family("related", "related posts", "#9a5b00", "related-post lists, teasers, repeated boxes")
COMMENTS = Family("comments", "comments", "#00775a", "comment forms and threads, visitors' reviews")
WRAPPER = Family(
    "wrapper", "watermark / wrapper", "#a0417f", "source links, agency credits, bylines, captions, cookie and subscribe calls"
)
MODEL = Family("model", "block model", "#b84300", "segments the learned block model scored as boilerplate")
OTHER = Family("other", "other", "#5c5c5c", "outside the extractor's main content, the site's template")
# The headline: not boilerplate, returned apart as Result.title.
TITLE = Family("title", "title", "#222222")

FAMILIES = (NAVIGATION, RELATED, COMMENTS, WRAPPER, MODEL, OTHER)

# By the rule's prefix (the judge module that made it); whole names first.
_BY_RULE = {TITLE_RULE: TITLE, "extractor.product_reviews": COMMENTS}
_BY_PREFIX = {
    "navigation": NAVIGATION,
    "related_posts": RELATED,
    "comment_form": COMMENTS,
    "watermark": WRAPPER,
    "model": MODEL,
}


def family_of(rule: str) -> Family:
    """The family of a removal's rule; the extractor's and the site template's rules, and any
    rule not known here, are "other"."""
    known = _BY_RULE.get(rule)
    if known is not None:
        return known
    return _BY_PREFIX.get(rule.partition(".")[0], OTHER)
