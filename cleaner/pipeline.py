"""One document through the pipeline: decode, tell the kind, make blocks, run the rules, render."""

from __future__ import annotations

from .account import html_removals
from .blocks import Block
from .decode import to_text
from .errors import InputError
from .html_extract import extract_html
from .html_parse import looks_like_html
from .lexicon import normalise
from .render import render_blocks
from .result import Removal, Result
from .rules import ALL_RULES, Context, run_rules
from .segment_text import text_blocks

KINDS = ("auto", "html", "text")


def clean(data: str | bytes, *, url: str | None = None, kind: str = "auto") -> Result:
    """Clean one web page (HTML) or text dump and return the article with an account of removals.

    Raises InputError when the input is not a document (binary, undecodable, corrupt gzip).
    An empty or boilerplate-only page gives a Result with empty text and a note saying why.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    text, encoding = to_text(data)
    if kind == "auto":
        kind = "html" if looks_like_html(text) else "text"
    result = clean_html(text, url) if kind == "html" else clean_text(text, url)
    if encoding:
        result.metadata.setdefault("encoding", encoding)
    if not result.text:
        result.notes.append("no article text found" if text.strip() else "empty input")
    return result


def clean_text(text: str, url: str | None = None) -> Result:
    blocks = text_blocks(text)
    context = run_rules(Context(blocks, kind="text"), ALL_RULES)
    removed = [
        Removal(blocks[i].text, decision.rule, decision.reason) for i, decision in sorted(context.removed.items())
    ]
    metadata = {"url": url} if url else {}
    return Result(_render_kept(blocks, context), None, "text", metadata, removed)


def clean_html(text: str, url: str | None = None) -> Result:
    extraction = extract_html(text, url)
    blocks = extraction.blocks
    context = Context(blocks, kind="html", title=extraction.title)
    if blocks and extraction.title and blocks[0].norm == normalise(extraction.title):
        context.removed[0] = _title_decision()
    run_rules(context, ALL_RULES)
    removed = html_removals(extraction.segments, blocks, context.removed, extraction.title)
    return Result(
        _render_kept(blocks, context),
        extraction.title,
        "html",
        extraction.metadata,
        removed,
        list(extraction.notes),
    )


def _title_decision():
    from .account import TITLE_REASON, TITLE_RULE
    from .rules import Decision

    return Decision(TITLE_RULE, TITLE_REASON)


def _render_kept(blocks: list[Block], context: Context) -> str:
    return render_blocks([b for i, b in enumerate(blocks) if i not in context.removed])


__all__ = ["clean", "InputError"]
