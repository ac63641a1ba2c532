"""A page's text run together into one paragraph is split back into the page's own blocks."""

from __future__ import annotations

from cleaner.extract.resegment import resegment
from cleaner.model.block import Block
from cleaner.model.segment import Segment
from cleaner.model.words import normalise


def _segment(text: str, tag: str = "p") -> Segment:
    return Segment(text, tag, None, -1, False, 0.0, False, normalise(text))


PAGE = [
    _segment("Home", "a"),
    _segment("How to plant a street tree", "h1"),
    _segment("By Jane Doe"),
    _segment("Dig a hole twice as wide as the root ball and no deeper than the roots themselves."),
    _segment("Sign up for our newsletter"),
    _segment("Water the tree every week for the first two summers, more often in a drought."),
]


def test_one_paragraph_is_split_into_the_page_blocks_it_was_read_from():
    run_together = " ".join(s.text for s in PAGE[1:])
    blocks = resegment([Block(run_together)], PAGE)
    assert [b.text for b in blocks] == [s.text for s in PAGE[1:]]
    assert blocks[0].role == "heading"


def test_text_the_page_does_not_hold_stays_as_it_was():
    other = Block("A summary written for the feed that repeats none of the page's paragraphs at all, " * 3)
    assert resegment([other], PAGE) == [other]
