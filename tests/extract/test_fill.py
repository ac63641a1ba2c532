"""Sections the extractor skipped between the ones it kept come back; text outside its stretch does not."""

from __future__ import annotations

from types import SimpleNamespace

from lxml import etree

import cleaner
from cleaner.extract import html as html_extract

# Each card says something different: text whose word pairs are already in the output counts
# as there in another shape.
CARDS = [
    (
        "Along the river",
        "A flat walk beside slow water, past willows and a lock keeper's cottage, ending at the weir.",
    ),
    (
        "Over the ridge",
        "Steep at first, then a long grassy crest with views of three valleys and the distant sea.",
    ),
    (
        "Through the oak wood",
        "Shaded paths under old trees, bluebells in spring and a chance of deer near dusk.",
    ),
    (
        "Round the lake",
        "An easy circuit on gravel tracks, good for children, with benches every half mile or so.",
    ),
    (
        "Up to the castle",
        "A short climb to ruined walls, where a small museum tells how the siege was finally broken.",
    ),
    (
        "Across the moor",
        "Open heather and peat, wet after rain; bring a map, since the cairns are few and far apart.",
    ),
]


def listing_page() -> str:
    body = "<nav><a href='/'>Home</a> <a href='/routes'>Routes</a> <a href='/maps'>Maps</a></nav>"
    body += "".join(
        f"<div class='card'><h2><a href='/r{k}'>{h}</a></h2><p>{p}</p><p>Read more</p></div>"
        for k, (h, p) in enumerate(CARDS)
    )
    body += "<footer><p>Copyright 2024 Example Walks. All rights reserved.</p></footer>"
    return f"<html><head><title>Walking routes</title></head><body>{body}</body></html>"


def extractor_keeping(monkeypatch, kept: list[int]) -> None:
    """Stand in for trafilatura when it keeps only some of the cards."""
    inner = "".join(f"<head>{CARDS[k][0]}</head><p>{CARDS[k][1]}</p>" for k in kept)
    body = etree.fromstring(f"<body>{inner}</body>")
    monkeypatch.setattr(
        html_extract, "_trafilatura", lambda tree, url, fast, comments=False: SimpleNamespace(body=body)
    )


def test_skipped_cards_between_the_kept_ones_come_back(monkeypatch):
    extractor_keeping(monkeypatch, [0, 5])
    result = cleaner.clean(listing_page())
    for heading, paragraph in CARDS:
        assert heading in result.text and paragraph in result.text
    # Short labels in the gaps and the page furniture stay out.
    assert "Read more" not in result.text
    assert "Copyright" not in result.text and "Maps" not in result.text
    assert any("skipped" in note for note in result.notes)


def test_text_outside_the_extraction_stretch_is_not_added(monkeypatch):
    extractor_keeping(monkeypatch, [0, 1, 2])
    result = cleaner.clean(listing_page())
    assert CARDS[0][1] in result.text and CARDS[1][1] in result.text
    assert CARDS[4][1] not in result.text
    assert not any("skipped" in note for note in result.notes)


def test_an_extraction_holding_most_of_the_page_is_not_filled(monkeypatch):
    extractor_keeping(monkeypatch, [0, 1, 2, 3, 5])
    result = cleaner.clean(listing_page())
    assert not any("skipped" in note for note in result.notes)


def test_a_product_page_is_not_filled(monkeypatch):
    extractor_keeping(monkeypatch, [0, 5])
    product_data = '<script type="application/ld+json">{"@type": "Product", "name": "Boots"}</script>'
    result = cleaner.clean(listing_page().replace("<head>", f"<head>{product_data}"))
    # The usual rescue of dropped prose runs instead.
    assert not any("skipped" in note for note in result.notes)
    assert any("in-article blocks" in note for note in result.notes)
