"""The output's lines and paragraphs are the page's: blocks the extractor ran together are cut
where the page breaks them, and a section inside a list item keeps its headings and paragraphs."""

from __future__ import annotations

import re

from helpers import ARTICLE, TITLE, clean_html

from cleaner.extract.page_breaks import split_at_page_breaks
from cleaner.model.block import LIST_ITEM, Block
from cleaner.model.segment import Segment

GLUED = re.compile(r"[a-z][.:?]?[A-Z][a-z]")


def page(body: str) -> str:
    return f"<html><head><title>{TITLE}</title></head><body><main><h1>{TITLE}</h1>{body}</main></body></html>"


def segment(text: str, tag: str = "div") -> Segment:
    return Segment(text, tag, None, -1, False, 0.0)


def test_divs_inside_a_list_item_are_not_glued() -> None:
    items = "".join(
        f"<li><div class='label'>Publication date</div><div class='value'>October {d}, 2018</div></li>"
        for d in range(10, 16)
    )
    result = clean_html(page(f"<p>{ARTICLE[0]}</p><ul>{items}</ul><p>{ARTICLE[1]}</p>"))
    assert "dateOctober" not in result.text, result.text
    assert "Publication date" in result.text.splitlines()


def test_a_section_inside_a_list_item_keeps_its_heading_and_paragraphs() -> None:
    section = (
        "<ul class='accordion'><li><strong>Summary:</strong><div><h3>Plans and Pricing</h3>"
        f"<p>{ARTICLE[1]}</p><p>{ARTICLE[2]}</p></div></li></ul>"
    )
    result = clean_html(page(f"<p>{ARTICLE[0]}</p>{section}"))
    paragraphs = result.text.split("\n\n")
    assert "Plans and Pricing" in paragraphs, result.text
    assert ARTICLE[1] in paragraphs and ARTICLE[2] in paragraphs, result.text
    assert not GLUED.search(result.text.replace("e.g.", "")), result.text


def test_a_block_of_run_together_segments_is_split_where_they_meet() -> None:
    segments = [segment("Publication date"), segment("October 16, 2018"), segment("Language")]
    block = Block("Publication dateOctober 16, 2018", role=LIST_ITEM, group_start=True)
    split = split_at_page_breaks([block], segments)
    assert [b.text for b in split] == ["Publication date", "October 16, 2018"]
    assert [b.group_start for b in split] == [True, False]
    assert all(b.role == LIST_ITEM for b in split)


def test_a_block_that_is_part_of_a_segment_or_reshaped_is_left_alone() -> None:
    segments = [segment("The council met on Tuesday. It voted to fund the plan."), segment("Share")]
    part = Block("The council met on Tuesday.")
    reshaped = Block("Cells | joined | by bars")
    assert split_at_page_breaks([part, reshaped], segments) == [part, reshaped]


def test_a_span_styled_as_a_block_is_not_glued_to_the_text_after_it() -> None:
    lead = "Meditation sharpens the mind and improves attention, according to researchers who followed volunteers."
    body = (
        f"<div class='entry'>{ARTICLE[0]}<br><br>{ARTICLE[1]}<br><br>"
        f"<span style='display: block; font-weight: bold'>executive control</span>{lead}<br><br>"
        f"<span class='text-lg block'>Sleep and memory</span>{ARTICLE[2]}</div>"
    )
    result = clean_html(page(body))
    assert "controlMeditation" not in result.text and "memoryResidents" not in result.text, result.text
    assert lead in result.text and ARTICLE[2] in result.text
    assert "executive control" in result.text.splitlines()
