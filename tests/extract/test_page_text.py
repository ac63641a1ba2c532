"""The page's own text replaces the extraction when the extractor took one section of many."""

from __future__ import annotations

from types import SimpleNamespace

from lxml import etree

import cleaner
from cleaner.extract import html as html_extract
from cleaner.extract import page_text
from cleaner.read.html_parse import parse_html
from cleaner.read.segments import marked_page_segments

SECTIONS = [
    (
        "Deploy in seconds",
        "Push your code and the platform builds and serves it from the edge, with previews for every branch.",
    ),
    (
        "Scale without servers",
        "Functions start when a request comes in and stop when it is answered, so you pay for work done.",
    ),
    (
        "Observe everything",
        "Logs, traces and metrics from every deploy land in one dashboard that your whole team can search.",
    ),
    (
        "Secure by default",
        "Certificates renew themselves, secrets stay encrypted, and every change is checked before release.",
    ),
    (
        "Built for teams",
        "Roles, reviews and audit trails let large teams ship together without stepping on each other's work.",
    ),
]


# Each section is long enough (over 25 words) that one alone is not "too little text".
MORE = (
    " It takes a minute to set up, works with the tools you already use, and needs no changes to your code."
)


def landing_page() -> str:
    body = "<nav><a href='/'>Home</a> <a href='/pricing'>Pricing</a> <a href='/docs'>Documentation</a></nav>"
    body += "".join(
        f"<div class='feature'><h2><a href='/f{k}'>{h}</a></h2><p>{p}{MORE}</p></div>"
        for k, (h, p) in enumerate(SECTIONS)
    )
    body += "<footer><p>Copyright 2024 Example Inc. All rights reserved.</p></footer>"
    return f"<html><head><title>Example platform</title></head><body>{body}</body></html>"


def one_section_extractor(monkeypatch, heading: str, paragraph: str) -> None:
    """Stand in for trafilatura when it keeps only one section of the page."""
    body = etree.fromstring(f"<body><head>{heading}</head><p>{paragraph}</p></body>")
    monkeypatch.setattr(
        html_extract, "_trafilatura", lambda tree, url, fast, comments=False: SimpleNamespace(body=body)
    )


def test_all_sections_come_back_when_the_extractor_took_one(monkeypatch):
    one_section_extractor(monkeypatch, SECTIONS[0][0], SECTIONS[0][1] + MORE)
    result = cleaner.clean(landing_page())
    for heading, paragraph in SECTIONS:
        assert heading in result.text  # linked headings are item titles, kept
        assert paragraph in result.text
    assert "Pricing" not in result.text and "Copyright" not in result.text
    assert any("one section" in note for note in result.notes)


def test_extraction_kept_when_it_holds_most_of_the_page_text(monkeypatch):
    one_section_extractor(monkeypatch, SECTIONS[0][0], " ".join(p + MORE for _, p in SECTIONS[:3]))
    result = cleaner.clean(landing_page())
    assert SECTIONS[4][1] not in result.text
    assert not any("one section" in note for note in result.notes)


def test_visitors_comments_do_not_count_as_the_page_own_text():
    comments = "".join(f"<p>{p} I agree with this completely.</p>" for _, p in SECTIONS)
    page = f"<html><body><p>{SECTIONS[0][1]}</p><div class='comments'>{comments}</div></body></html>"
    tree = parse_html(page)
    segments = marked_page_segments(tree)
    extracted = [cleaner.model.block.Block(SECTIONS[0][1])]
    assert not page_text.took_one_section(extracted, page_text.own_words(segments))


def test_link_lists_are_not_page_text():
    page = (
        "<html><body><p>"
        + " ".join(f"<a href='/{k}'>Link {k}</a>" for k in range(20))
        + "</p><p>Own words here.</p></body></html>"
    )
    tree = parse_html(page)
    texts = [b.text for b in page_text.page_text_blocks(marked_page_segments(tree))]
    assert texts == ["Own words here."]


def test_a_passage_the_page_repeats_is_read_once():
    passage = "Our support team answers every message within one working day."
    page = (
        f"<html><body><div class='desktop'><p>{passage}</p></div><div class='mobile'><p>{passage}</p></div>"
    )
    page += "<p>Price</p><p>Price</p></body></html>"
    tree = parse_html(page)
    texts = [b.text for b in page_text.page_text_blocks(marked_page_segments(tree))]
    assert texts == [passage, "Price", "Price"]  # short labels repeat on different items
