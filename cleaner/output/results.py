"""The Result of a document: the kept blocks rendered, the account of what was removed, and the
metadata."""

from __future__ import annotations

from ..extract.html import HtmlExtraction
from ..model.block import Block
from ..model.decision import Decision
from ..model.result import PageBlock, Removal, Result
from ..model.segment import Segment
from ..model.words import normalise
from ..read.metadata import author_from_bylines
from .account import html_account
from .render import render_blocks, render_markdown


def text_result(
    blocks: list[Block], decisions: dict[int, Decision], url: str | None, site: str | None, notes: list[str]
) -> Result:
    by_block = {i: Removal(blocks[i].text, decision.rule, decision.reason) for i, decision in decisions.items()}
    removed = [by_block[i] for i in sorted(by_block)]
    metadata = {"url": url} if url else {}
    if site:
        metadata["site"] = site
    text, markdown = render_kept(blocks, decisions, None)
    page = [PageBlock(block.text, by_block.get(i), block.role) for i, block in enumerate(blocks)]
    return Result(text, None, "text", metadata, removed, notes, markdown, page=page)


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
    account, page = html_account(extraction.segments, blocks, removed, title)
    if "author" not in metadata:
        author = author_from_bylines(_lines_after_headline(extraction.segments, title))
        if author:
            metadata["author"] = author
    text, markdown = render_kept(blocks, removed, title)
    notes = [*extraction.notes, *notes]
    return Result(text, title, "html", metadata, account, notes, markdown, confidence, page)


def render_kept(blocks: list[Block], removed: dict[int, Decision], title: str | None) -> tuple[str, str]:
    """The kept blocks as text and as Markdown."""
    kept = [b for i, b in enumerate(blocks) if i not in removed]
    return render_blocks(kept), render_markdown(kept, title)


def _lines_after_headline(segments: list[Segment], title: str | None) -> list[str]:
    """Page lines from the headline on: a byline follows the headline, menus come before it."""
    title_norm = normalise(title) if title else ""
    start = next((k for k, s in enumerate(segments) if s.norm == title_norm), 0) if title_norm else 0
    return [s.text for s in segments[start:] if not s.mark]
