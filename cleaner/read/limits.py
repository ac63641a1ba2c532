"""The bounds the library puts on its own work, so that no input can make clean() run for
minutes or take gigabytes. Where one of them cuts or changes the work, the result has a note
that starts with WORK_LIMIT."""

from __future__ import annotations

# Every note of a limit that cut or changed the work starts with this.
WORK_LIMIT = "work limit: "

# A document is cut at this many characters (at a line end near it). A 20 MB page of 250,000
# paragraphs cleans in 17-22 s of one core, in about 1 GB, and a page cut here in under 30 s and
# 1.3 GB (`cleaner bench --hostile`); an article is a thousandth of this, and what lies past it
# is a data dump, not a page.
MAX_DOCUMENT_CHARS = 25_000_000

# trafilatura's work grows faster than the page on pages of very many blocks (50,000 small
# blocks take it seconds, 250,000 minutes; 100,000 empty elements take it 15 s). Past these
# sizes -- several times the largest of WCXB's 1,497 pages, which has 2,641 text segments and
# 15,793 elements -- the page's own text blocks are used, at a cost in proportion to the page.
MAX_EXTRACTOR_SEGMENTS = 20_000
MAX_EXTRACTOR_ELEMENTS = 60_000


def within_work_limit(text: str) -> tuple[str, list[str]]:
    """The text, cut at MAX_DOCUMENT_CHARS (at a line end where there is one in its second
    half), and a note when it was cut."""
    if len(text) <= MAX_DOCUMENT_CHARS:
        return text, []
    cut = text.rfind("\n", MAX_DOCUMENT_CHARS // 2, MAX_DOCUMENT_CHARS)
    cut = cut if cut > 0 else MAX_DOCUMENT_CHARS
    return text[:cut], [f"{WORK_LIMIT}the document was cut at {cut:,} of its {len(text):,} characters"]
