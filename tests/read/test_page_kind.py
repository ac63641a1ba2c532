"""What a page says it is, and the discussion page whose replies are its text."""

from __future__ import annotations

import cleaner
from cleaner.read.html_parse import parse_html
from cleaner.read.page_kind import DISCUSSION, PRODUCT, declared_kind


def ld(kind: str) -> str:
    return (
        f'<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "{kind}"}}</script>'
    )


def kind_of(head: str) -> str | None:
    return declared_kind(parse_html(f"<html><head>{head}</head><body><p>Text.</p></body></html>"))


def test_declared_kinds():
    assert kind_of(ld("Product")) == PRODUCT
    assert kind_of('<meta property="og:type" content="product">') == PRODUCT
    assert kind_of(ld("DiscussionForumPosting")) == DISCUSSION
    assert kind_of(ld("QAPage")) == DISCUSSION
    assert kind_of(ld("WebPage")) is None
    assert kind_of("") is None


def test_a_buying_guide_with_product_data_is_not_a_product_page():
    assert kind_of(ld("Product") + '<meta property="og:type" content="article">') is None
    assert kind_of(ld("Product") + ld("NewsArticle")) is None


QUESTION = (
    "My first telescope arrived last week and the images are blurry at every magnification I try, "
    "even on the moon. Is the mirror out of alignment, or am I doing something wrong with the focus?"
)
REPLIES = [
    "Most likely the mirror needs collimation after shipping; it takes ten minutes with a cheap laser tool.",
    "Also let the telescope cool outside for half an hour first, warm air in the tube blurs everything.",
    "Start with the lowest magnification eyepiece, focus slowly, and only then move to the higher ones.",
]


def forum_page(head: str) -> str:
    replies = "".join(f"<div class='comment'><p>{r}</p></div>" for r in REPLIES)
    return (
        f"<html><head><title>Blurry telescope</title>{head}</head><body><main><article><h1>Blurry telescope</h1>"
        f"<p>{QUESTION}</p></article><section class='comments'>{replies}</section></main></body></html>"
    )


def test_replies_are_the_text_of_a_discussion_page():
    result = cleaner.clean(forum_page(ld("QAPage")))
    assert QUESTION in result.text
    assert all(reply in result.text for reply in REPLIES)


def test_comments_stay_out_of_a_page_that_does_not_say_it_is_a_discussion():
    result = cleaner.clean(forum_page(ld("WebPage")))
    assert QUESTION in result.text
    assert not any(reply in result.text for reply in REPLIES)
