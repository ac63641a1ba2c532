"""The Result of a document: the kept blocks rendered, the account of what was removed, and the
metadata."""

from __future__ import annotations

from ..extract.html import HtmlExtraction
from ..model.block import Block
from ..model.decision import Decision
from ..model.result import Removal, Result
from ..model.segment import Segment
from ..model.words import normalise
from ..read.metadata import author_from_bylines
from .account import html_removals
from .render import render_blocks, render_markdown


def text_result(
    blocks: list[Block], decisions: dict[int, Decision], url: str | None, site: str | None, notes: list[str]
) -> Result:
    removed = [Removal(blocks[i].text, decision.rule, decision.reason) for i, decision in sorted(decisions.items())]
    metadata = {"url": url} if url else {}
    if site:
        metadata["site"] = site
    text, markdown = render_kept(blocks, decisions, None)
    return Result(text, None, "text", metadata, removed, notes, markdown)


def html_result(
    extraction: HtmlExtraction,
    blocks: list[Block],
    removed: dict[int, Decision],
    notes: list[str],
    confidence: float | None = None,
) -> Result:
    """The page's Result: the kept blocks, the account of the whole page, the byline's author
    when the page's metadata names none."""
    title, metadata = extraction.title, extraction.metadata
    account = html_removals(extraction.segments, blocks, removed, title)
    if "author" not in metadata:
        author = author_from_bylines(_lines_after_headline(extraction.segments, title))
        if author:
            metadata["author"] = author
    text, markdown = render_kept(blocks, removed, title)
    return Result(text, title, "html", metadata, account, [*extraction.notes, *notes], markdown, confidence)


def render_kept(blocks: list[Block], removed: dict[int, Decision], title: str | None) -> tuple[str, str]:
    """The kept blocks as text and as Markdown."""
    kept = [b for i, b in enumerate(blocks) if i not in removed]
    return render_blocks(kept), render_markdown(kept, title)


def _lines_after_headline(segments: list[Segment], title: str | None) -> list[str]:
    """Page lines from the headline on: a byline follows the headline, menus come before it."""
    title_norm = normalise(title) if title else ""
    start = next((k for k, s in enumerate(segments) if s.norm == title_norm), 0) if title_norm else 0
    return [s.text for s in segments[start:] if not s.mark]
