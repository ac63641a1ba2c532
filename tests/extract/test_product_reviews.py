"""On a page that declares a product, buyers' reviews after the description are not the page's text."""

from __future__ import annotations

import cleaner

DESCRIPTION = [
    "This daypack carries everything a long hike needs, with a frame sheet that keeps its shape when full.",
    "The ripstop nylon body sheds light rain, and a rain cover folds into its own pocket at the bottom.",
    "Two mesh side pockets hold full-size bottles, and the hip belt comes off for travel and commuting.",
]
REVIEWS = [
    "I used this bag on three day hikes last month and it was comfortable the whole way up and down.",
    "The hip straps are thin, so heavy loads sit on the shoulders, but for day trips it is just right.",
]
PRODUCT_LD = '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", "name": "Trail 25"}</script>'


def page(head: str) -> str:
    description = "".join(f"<p>{p}</p>" for p in DESCRIPTION)
    reviews = "".join(f"<div class='review'><p>{r}</p></div>" for r in REVIEWS)
    return (
        f"<html><head><title>Trail 25 pack</title>{head}</head><body><main><h1>Trail 25 pack</h1>"
        f"{description}<div class='product-reviews'><h2>Customer reviews</h2>{reviews}</div></main></body></html>"
    )


def test_reviews_go_on_a_product_page():
    result = cleaner.clean(page(PRODUCT_LD))
    assert all(p in result.text for p in DESCRIPTION)
    assert not any(r in result.text for r in REVIEWS)
    removed = [r.text for r in result.removed if r.rule == "extractor.product_reviews"]
    assert removed == ["Customer reviews", *REVIEWS]  # the section heading goes with them


def test_reviews_stay_when_the_page_says_it_is_an_article():
    head = PRODUCT_LD + '<meta property="og:type" content="article">'
    result = cleaner.clean(page(head))
    assert all(r in result.text for r in REVIEWS)


def test_reviews_stay_without_product_data():
    result = cleaner.clean(page(""))
    assert all(r in result.text for r in REVIEWS)
