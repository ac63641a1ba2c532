"""The library bounds its own work, and says so where a bound cut or changed it; pages past
libxml2's limits are read again rather than losing what follows the limit."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.extract import html as html_extract
from cleaner.extract.alignment import align
from cleaner.model.block import Block
from cleaner.read import limits
from cleaner.read.html_parse import MAX_DEPTH, parse_page, tree_depth

SENTENCE = "The council said the new bridge would open next spring after a long debate in the chamber."
LATER = "After the deep part, the mayor thanked the engineers who had worked through the winter."


def limit_notes(result: cleaner.Result) -> list[str]:
    return [note for note in result.notes if note.startswith(limits.WORK_LIMIT)]


def article(paragraphs: int) -> str:
    body = "".join(f"<p>Paragraph {k}: {SENTENCE}</p>\n" for k in range(paragraphs))
    return f"<html><head><title>Long</title></head><body><article>{body}</article></body></html>"


def test_an_ordinary_page_has_no_limit_note():
    result = cleaner.clean(article(30))
    assert limit_notes(result) == []
    assert "Paragraph 29:" in result.text


def test_a_page_of_more_blocks_than_the_extractor_takes_keeps_all_of_them_and_says_so():
    paragraphs = limits.MAX_EXTRACTOR_SEGMENTS + 1
    result = cleaner.clean(article(paragraphs))
    [note] = limit_notes(result)
    assert "too large for the extractor" in note and f"{paragraphs:,} text blocks" in note
    assert result.text.count(SENTENCE) == paragraphs
    assert "Paragraph 0:" in result.text and f"Paragraph {paragraphs - 1}:" in result.text


def test_the_large_page_path_still_runs_the_rules(monkeypatch):
    monkeypatch.setattr(html_extract, "MAX_EXTRACTOR_SEGMENTS", 5)
    page = (
        "<html><body><nav><a href=/>Home</a> | <a href=/w>World</a></nav><article>"
        + "".join(f"<p>Paragraph {k}: {SENTENCE}</p>" for k in range(8))
        + "<p>Leave a Reply</p><p>Your email address will not be published. Required fields are marked *</p>"
        + "</article></body></html>"
    )
    result = cleaner.clean(page)
    assert limit_notes(result)
    assert "Paragraph 7:" in result.text
    assert "Leave a Reply" not in result.text and "will not be published" not in result.text


def test_a_page_of_many_elements_skips_the_extractor(monkeypatch):
    monkeypatch.setattr(html_extract, "MAX_EXTRACTOR_ELEMENTS", 50)
    page = "<html><body>" + "<i></i>" * 60 + f"<p>{SENTENCE}</p><p>{LATER}</p></body></html>"
    result = cleaner.clean(page)
    [note] = limit_notes(result)
    assert "elements, over 50" in note
    assert SENTENCE in result.text and LATER in result.text


def test_a_document_past_the_size_limit_is_cut_at_a_line_end_and_says_so(monkeypatch):
    monkeypatch.setattr(limits, "MAX_DOCUMENT_CHARS", 2_000)
    lines = [f"Line {k}: {SENTENCE}" for k in range(60)]
    text = "\n\n".join(lines)
    result = cleaner.clean(text, kind="text")
    [note] = limit_notes(result)
    assert "the document was cut at" in note and f"of its {len(text):,} characters" in note
    assert "Line 0:" in result.text and "Line 59:" not in result.text
    # Cut at a line end: the last line kept is whole.
    assert result.text.rstrip().endswith(SENTENCE)


def test_a_document_within_the_limit_is_not_cut(monkeypatch):
    monkeypatch.setattr(limits, "MAX_DOCUMENT_CHARS", 100_000)
    text = "\n\n".join(f"Line {k}: {SENTENCE}" for k in range(60))
    result = cleaner.clean(text, kind="text")
    assert limit_notes(result) == [] and "Line 59:" in result.text


def test_an_html_document_past_the_size_limit_is_cut(monkeypatch):
    monkeypatch.setattr(limits, "MAX_DOCUMENT_CHARS", 3_000)
    result = cleaner.clean(article(100).encode())
    assert any("the document was cut" in note for note in limit_notes(result))
    assert "Paragraph 0:" in result.text and "Paragraph 99:" not in result.text


def nested(tag: str, depth: int) -> str:
    return f"<{tag}>" * depth + f"<p>{SENTENCE}</p>" + f"</{tag}>" * depth


def test_markup_deeper_than_libxml2s_limit_keeps_the_text_after_it():
    # libxml2 stops at 256 levels and returns nothing of the page: both paragraphs were lost.
    page = f"<html><body>{nested('div', MAX_DEPTH + 44)}<p>{LATER}</p></body></html>"
    result = cleaner.clean(page)
    assert SENTENCE in result.text and LATER in result.text
    assert any("nests deeper than 256 levels" in note for note in result.notes)


def test_a_hundred_thousand_nested_elements():
    for tag in ("div", "b", "section"):
        page = f"<html><body>{nested(tag, 100_000)}<p>{LATER}</p></body></html>"
        result = cleaner.clean(page)
        assert SENTENCE in result.text and LATER in result.text, tag


def test_unclosed_inline_tags_keep_the_blocks_after_them():
    page = "<html><body>" + "<font color=red>" * 1000 + f"<p>{SENTENCE}</p><p>{LATER}</p></body></html>"
    tree, notes = parse_page(page)
    assert tree is not None and notes
    assert tree_depth(tree) <= MAX_DEPTH
    # The inline tags went; the paragraphs are still paragraphs.
    assert [p.text_content() for p in tree.iter("p")] == [SENTENCE, LATER]


def test_text_after_a_script_of_over_10_mb_is_kept():
    script = "<script>var data = '" + "A" * 10_500_000 + "';</script>"
    page = f"<html><body><p>{SENTENCE}</p>{script}<p>{LATER}</p></body></html>"
    result = cleaner.clean(page)
    assert SENTENCE in result.text and LATER in result.text
    assert "AAAA" not in result.text
    assert any("over 10 MB" in note for note in result.notes)


def test_a_paragraph_of_over_10_mb_is_kept():
    long_paragraph = " ".join([SENTENCE] * 120_000)  # 11 MB
    page = f"<html><body><p>{long_paragraph}</p><p>{LATER}</p></body></html>"
    result = cleaner.clean(page)
    assert result.text.count(SENTENCE) == 120_000 and LATER in result.text


def test_a_long_text_node_and_deep_nesting_together():
    script = "<script>var data = '" + "A" * 10_500_000 + "';</script>"
    page = f"<html><body><p>{SENTENCE}</p>{script}{nested('div', 5_000)}<p>{LATER}</p></body></html>"
    tree, notes = parse_page(page)
    assert tree is not None and tree_depth(tree) <= MAX_DEPTH
    assert len(notes) == 2
    assert LATER in tree.text_content()


def naive_align(blocks, norms, usable):
    """The first implementation: a scan from the start for each block."""
    positions: dict[str, list[int]] = {}
    for k, norm in enumerate(norms):
        if usable[k] and norm:
            positions.setdefault(norm, []).append(k)
    used: set[int] = set()
    where = []
    last = -1
    for block in blocks:
        position = next((k for k in positions.get(block.norm, ()) if k > last and k not in used), None)
        if position is not None:
            used.add(position)
            last = position
        where.append(position)
    return where


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", ""]), max_size=30),
    st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=30),
    st.randoms(),
)
def test_align_finds_what_a_scan_from_the_start_finds(norms, block_texts, rnd):
    usable = [rnd.random() > 0.2 for _ in norms]
    blocks = [Block(text) for text in block_texts]
    assert align(blocks, norms, usable) == naive_align(blocks, norms, usable)


def test_align_on_many_identical_blocks():
    norms = ["same"] * 20_000
    blocks = [Block("same")] * 20_000
    assert align(blocks, norms, [True] * 20_000) == list(range(20_000))
    shuffled = ["x", "same"] * 10
    random.Random(3).shuffle(shuffled)
    assert align([Block("same")] * 12, shuffled, [True] * 20)[-2:] == [None, None]
