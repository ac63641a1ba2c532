"""The fast paths give what the plain ones give: one-walk marking, byte parsing, phrase prefilters."""

from __future__ import annotations

import dataclasses

import lxml.html
import pytest
from lxml import etree

from cleaner.devtools.golden.cases import REPO_GOLDEN
from cleaner.lexicon.matcher import PhraseList
from cleaner.read.decode import CONTROL, check_text, drop_invisible
from cleaner.read.html_parse import document_of, make_parser, parse_html
from cleaner.read.markup import mark_within, page_text_length
from cleaner.read.segments import marked_page_segments, page_segments


def mark_boilerplate(tree):
    """The marks as a walk of their own sets them: the reference for the one-walk reading."""
    body = tree.find("body")
    if body is None:
        body = tree
    return mark_within(body, page_text_length(body))


HTML_CASES = sorted(p for p in REPO_GOLDEN.glob("*/input.html"))


@pytest.mark.parametrize("path", HTML_CASES, ids=[p.parent.name for p in HTML_CASES])
def test_one_walk_marks_and_reads_as_the_two_walks(path):
    text = path.read_bytes().decode("utf-8")
    two_walks, one_walk = parse_html(text), parse_html(text)
    mark_boilerplate(two_walks)
    expected = [dataclasses.astuple(s) for s in page_segments(two_walks)]
    assert [dataclasses.astuple(s) for s in marked_page_segments(one_walk)] == expected
    assert etree.tostring(one_walk) == etree.tostring(two_walks)


def test_marks_inside_skipped_elements_are_set_too():
    page = '<html><body><p>Text of the article.</p><svg class="share-buttons"><g/></svg></body></html>'
    two_walks, one_walk = parse_html(page), parse_html(page)
    mark_boilerplate(two_walks)
    marked_page_segments(one_walk)
    assert etree.tostring(one_walk) == etree.tostring(two_walks)
    assert b"data-cleaner-rule" in etree.tostring(one_walk)


@pytest.mark.parametrize(
    "page",
    [
        '<html><head><meta charset="iso-8859-1"></head><body><p>café naïve</p></body></html>',
        '<html><head><meta charset="shift_jis"></head><body><p>日本語 café</p></body></html>',
        "<p>only a fragment é</p>",
        "\ud800 <p>a lone surrogate</p>",
    ],
)
def test_parsing_bytes_gives_the_tree_of_parsing_the_str(page):
    def tree(parse):
        try:
            return etree.tostring(parse())
        except (etree.ParserError, ValueError) as exc:
            return type(exc)

    assert tree(lambda: document_of(page)[0]) == tree(
        lambda: lxml.html.document_fromstring(page, parser=make_parser())
    )


@pytest.mark.parametrize(
    "text",
    [
        "plain ascii\tand\nlines",
        "soft\u00adhyphen zero\u200bwidth",
        "a bell\x07 rings, then a no-break\xa0space" + " and more words" * 3,
    ],
)
def test_invisible_characters_go_as_before(text):
    assert check_text(text) == _slow_drop_invisible(CONTROL.sub(" ", text))
    assert drop_invisible(text) == _slow_drop_invisible(text)


def _slow_drop_invisible(text: str) -> str:
    import unicodedata

    out = []
    for char in text:
        if char.isprintable() or char.isspace():
            out.append(char)
        elif unicodedata.category(char) == "Cf" and char != "\u200b":
            continue
        else:
            out.append(" ")
    return "".join(out)


def test_phrase_prefilter_keeps_every_match():
    phrases = PhraseList(prefixes=["read more", "share"], contains=["leave a reply", "cookies"])
    phrases.compile()
    assert phrases.match("x", "read more about it") == "read more"
    assert phrases.match("x", "reading more") is None
    assert phrases.match("x", "please leave a reply below") == "leave a reply"
    assert phrases.match("x", "we use cookies") == "cookies"
    assert phrases.match("x", "cookiesx") is None
    empty = PhraseList(contains=[""])
    empty.compile()
    assert empty.match("", "") == ""


GATE_TEXTS = [
    "© 2024 Example Media",
    "Copyright 2023 Example",
    "COPYRIGHT \u212a 2024",  # Kelvin sign: an IGNORECASE regex reads it as k
    "\u017fhop now!",  # long s: an IGNORECASE regex reads it as s
    "D\u0130SCLAIMER: not financial advice. Past performance is not a guide",
    "This site uses affiliate links; we may earn a small commission.",
    "Smith J, et al. Nature 2019;5(2):100. doi: 10.1000/xyz ↩",
    "Read more …",
    "A plain sentence about the weather in Lisbon today.",
]


@pytest.mark.parametrize("family", ["comment_form", "watermark", "related_posts", "navigation"])
def test_literal_gate_keeps_every_unanchored_match(family):
    from cleaner.lexicon.phrases import phrases
    from cleaner.model.words import fold_case

    for phrase_list in phrases(family).values():
        if phrase_list.unanchored is None:
            continue
        for text in GATE_TEXTS:
            full = phrase_list.unanchored.search(text)
            gated = phrase_list.search_unanchored(text, fold_case(text))
            assert (full and full.group(0)) == (gated and gated.group(0)), (family, text)
