"""Extracted blocks come out in the page's order, and broken <pre> markup does not duplicate,
reorder or glue the page's text."""

from __future__ import annotations

import cleaner
from cleaner.extract.page_order import in_page_order
from cleaner.model.block import Block
from cleaner.model.segment import Segment


def segment(text: str) -> Segment:
    return Segment(text, "p", None, -1, in_furniture=False, in_link=0.0)


def test_blocks_out_of_page_order_are_put_back_in_it():
    segments = [segment(t) for t in ("First one.", "Second one.", "Third one.")]
    blocks = [Block("Third one."), Block("First one."), Block("Reshaped text."), Block("Second one.")]
    assert [b.text for b in in_page_order(blocks, segments)] == [
        "First one.", "Reshaped text.", "Second one.", "Third one."
    ]


def test_blocks_in_order_are_the_same_list():
    segments = [segment(t) for t in ("A b c.", "D e f.")]
    blocks = [Block("A b c."), Block("D e f.")]
    assert in_page_order(blocks, segments) is blocks


def test_leading_text_before_the_chosen_container_stays_first():
    page = '<!DOCTYPE html><p> The council met on Monday. <div class="content"><div> Alpha beta gamma delta. '
    assert cleaner.clean(page).text == "The council met on Monday.\n\nAlpha beta gamma delta."


def test_an_unclosed_pre_swallowing_blocks_neither_repeats_nor_glues_them():
    page = '<!DOCTYPE html><pre> &amp; <div><div class="content"><div> Alpha beta. <article><div> Gamma delta. '
    text = cleaner.clean(page).text
    assert text.count("Alpha beta.") == 1 and text.count("Gamma delta.") == 1
    assert text.index("Alpha") < text.index("Gamma") and "beta.Gamma" not in text


def test_a_stray_title_inside_a_pre_is_a_word_break():
    page = "<html><body><pre>x = 1 <title>t</title> The end of it</pre><p>After the code.</p></body></html>"
    assert "tThe" not in cleaner.clean(page).text


def test_a_container_the_extractor_reads_twice_comes_out_once():
    # An <article> inside a <p> (found by the hypothesis properties): trafilatura emitted the
    # article's text, then the paragraph's, which holds it again.
    page = "<!DOCTYPE html><p> &amp; <article><div> The council met on Monday. "
    assert cleaner.clean(page).text.count("The council met on Monday.") == 1


def test_a_copy_is_told_from_a_segment_of_the_same_words_in_other_case():
    # Found by the hypothesis properties: the extractor dropped "The The" and emitted the last
    # paragraph's "The the" twice; matched by lowercased words, the copy took the first one's place.
    page = "<!DOCTYPE html></div> The  The <p></div></div></div><article> &amp; <p></div></div></div> The the "
    words = cleaner.clean(page).text.split()
    page_words = ["The", "The", "&", "The", "the"]
    at = 0
    for word in words:
        at = page_words.index(word, at) + 1  # raises ValueError when out of the page's order


def test_a_text_the_page_shows_inside_longer_lines_too_is_no_copy():
    # WCXB dev 1371: a product grid whose price line is a segment of its own on most cards and part
    # of a longer line on the first; trafilatura emits it once per card, and the card whose line
    # matched no segment of its own lost its price as a "copy".
    segments = [segment("Black Tie Price - $30.00"), segment("Slip On"), segment("Price - $30.00")]
    blocks = [Block("Black Tie"), Block("Price - $30.00"), Block("Slip On"), Block("Price - $30.00")]
    assert [b.text for b in in_page_order(blocks, segments)].count("Price - $30.00") == 2


def test_a_text_emitted_more_often_than_the_page_holds_it_is_dropped_once_too_many():
    segments = [segment("The council met."), segment("The vote was close.")]
    blocks = [Block("The council met."), Block("The vote was close."), Block("The council met.")]
    assert [b.text for b in in_page_order(blocks, segments)] == ["The council met.", "The vote was close."]
