"""One document, start to end: read it, extract its blocks, judge them, write the result.

    bytes/str --read--> text (html or text) --extract--> blocks --judge--> decisions --output--> Result

The HTML path extracts blocks from the parsed page (extract/html.py); the text path reads a block
per line or paragraph (read/text_blocks.py). Both are judged by the same rules (judge/), with the
site's profile when a batch has learned one (sites/), and rendered the same way (output/). On HTML,
the block model (judge/learned/) then keeps or removes each segment of the page, reading what the
extractor and the rules decided as features; on text, the line model (judge/learned/line_judge.py)
removes the lines it is sure are boilerplate, reading the rules' decisions as features, round after
round on the kept text until none takes more; a page's text gets the line model's removals too, so
that given again as text it keeps its lines.
"""

from __future__ import annotations

from .extract.html import extract_html
from .judge.learned.judge import judge_blocks
from .judge.learned.line_judge import judge_as_text, judge_lines
from .judge.page import judge_html_page, judge_text_page
from .model.errors import InputError
from .model.result import Result
from .output.results import html_result, text_result
from .read.document import decode_document
from .read.text_blocks import text_blocks
from .sites.profiles import Profiles, site_for


def clean(data: str | bytes, *, url: str | None = None, kind: str = "auto") -> Result:
    """Clean one web page (HTML) or text dump and return the article with an account of removals.

    Raises InputError when the input is not a document (binary, undecodable, corrupt gzip).
    An empty or boilerplate-only page gives a Result with empty text and a note saying why.
    To use what a batch of a site's pages shows about its template, see cleaner.Cleaner.
    """
    return clean_document(data, url=url, kind=kind)


def clean_document(
    data: str | bytes,
    *,
    url: str | None = None,
    kind: str = "auto",
    site: str | None = None,
    profiles: Profiles | None = None,
) -> Result:
    """clean(), with the site profiles of a batch: the document's site is `site`, or the host of
    its url (for HTML, of its canonical url when none is given)."""
    text, kind, encoding, notes = decode_document(data, kind)
    clean_kind = clean_html if kind == "html" else clean_text
    result = clean_kind(text, url, site=site, profiles=profiles)
    if encoding:
        result.metadata.setdefault("encoding", encoding)
    result.notes[:0] = notes
    if not result.text:
        result.notes.append("no article text found" if text.strip() else "empty input")
    return result


def clean_html(
    text: str, url: str | None = None, *, site: str | None = None, profiles: Profiles | None = None
) -> Result:
    extraction = extract_html(text, url)
    site = site_for(site, url, extraction.page_url)
    if site:
        extraction.metadata["site"] = site
    profile = profiles.get(site) if profiles is not None else None
    blocks, decisions, notes = judge_html_page(extraction, site, profile)
    judged = judge_blocks(extraction, blocks, decisions)
    removed = judge_as_text(judged.blocks, judged.decisions)
    return html_result(extraction, judged.blocks, removed, [*notes, *judged.notes], judged.confidence)


def clean_text(
    text: str, url: str | None = None, *, site: str | None = None, profiles: Profiles | None = None
) -> Result:
    blocks = text_blocks(text)
    site = site_for(site, url)
    profile = profiles.get(site) if profiles is not None else None
    decisions, notes = judge_text_page(blocks, site, profile)
    decisions = judge_lines(blocks, decisions)
    return text_result(blocks, decisions, url, site, notes)


__all__ = ["InputError", "clean"]
