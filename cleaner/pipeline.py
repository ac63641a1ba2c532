"""One document through the pipeline: decode, tell the kind, make blocks, run the rules, render."""

from __future__ import annotations

from typing import NamedTuple

from .extract.html import extract_html
from .judge import ALL_RULES, CONTEXT_RULES, Context, Decision, run_rules
from .judge.site_template import SITE_RULE_PREFIX
from .model.block import Block
from .model.errors import InputError
from .model.result import Removal, Result
from .model.segment import Segment
from .model.words import normalise
from .output.account import TITLE_REASON, TITLE_RULE, html_removals
from .output.render import render_blocks, render_markdown
from .read.decode import check_not_encoded, to_text
from .read.html_parse import looks_like_html
from .read.limits import within_work_limit
from .read.metadata import author_from_bylines
from .read.text_blocks import reflow_blocks, text_blocks
from .sites.profiles import Profiles, SiteProfile, site_for

KINDS = ("auto", "html", "text")
MAX_RULE_PASSES = 8


class Decoded(NamedTuple):
    text: str
    kind: str
    encoding: str | None
    notes: list[str]


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
    if kind == "html":
        result = clean_html(text, url, site=site, profiles=profiles)
    else:
        result = clean_text(text, url, site=site, profiles=profiles)
    if encoding:
        result.metadata.setdefault("encoding", encoding)
    result.notes[:0] = notes
    if not result.text:
        result.notes.append("no article text found" if text.strip() else "empty input")
    return result


def decode_document(data: str | bytes, kind: str = "auto") -> Decoded:
    """The text of an input, its kind, the encoding found and notes on a cut; InputError when it
    is not a document."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    text, encoding = to_text(data)
    text, notes = within_work_limit(text)  # first: nothing after it reads past the limit
    markup = looks_like_html(text)
    if kind == "auto":
        kind = "html" if markup else "text"
    if not markup:  # a page can be mostly data: images; text without markup cannot
        check_not_encoded(text)
    return Decoded(text, kind, encoding, notes)


def clean_text(
    text: str, url: str | None = None, *, site: str | None = None, profiles: Profiles | None = None
) -> Result:
    blocks = text_blocks(text)
    site = site_for(site, url)
    profile = profiles.get(site) if profiles is not None else None
    decisions = text_decisions(blocks, site, profile)
    notes = []
    if profile is not None and _profile_empties(blocks, decisions):
        # Later passes built on the profile's removals: the rules run again without it.
        decisions = text_decisions(blocks)
        notes.append(WHOLE_PAGE_TEMPLATE)
    removed = [Removal(blocks[i].text, decision.rule, decision.reason) for i, decision in sorted(decisions.items())]
    metadata = {"url": url} if url else {}
    if site:
        metadata["site"] = site
    text, markdown = _render_kept(blocks, decisions, None)
    return Result(text, None, "text", metadata, removed, notes, markdown)


# A page that is all template (a duplicate, a tag page) keeps what the rules alone keep, rather
# than vanishing from the output.
WHOLE_PAGE_TEMPLATE = "the site's template covers the whole page; it was cleaned without the site profile"


def _profile_empties(blocks: list[Block], decisions: dict[int, Decision]) -> bool:
    """Whether nothing is kept and the site profile took part in that."""
    if any(i not in decisions and block.text.strip() for i, block in enumerate(blocks)):
        return False
    return any(d.rule.startswith(SITE_RULE_PREFIX) for d in decisions.values())


def text_decisions(
    blocks: list[Block], site: str | None = None, profile: SiteProfile | None = None
) -> dict[int, Decision]:
    """The rules' decisions on a text, run again on what they kept until nothing more goes.

    One pass can leave a block that only stood because of its neighbours: a "Related Posts"
    heading whose list the comment rules took, a caption whose credit went. The kept text read
    again (as a cleaned text would be) gets another pass, so that cleaning a cleaned text
    changes nothing. Real pages settle in two or three passes; MAX_RULE_PASSES bounds the work
    on pathological ones.
    """
    decisions: dict[int, Decision] = {}
    current = list(range(len(blocks)))  # the original index of each block of this pass
    pass_blocks = blocks
    rules = ALL_RULES
    for _ in range(MAX_RULE_PASSES):
        context = run_rules(Context(pass_blocks, kind="text", site=site, profile=profile), rules)
        # Per-block rules judge a block by its own text, and every block of the next pass is one
        # they kept, with the same text: only the context rules can remove more.
        rules = CONTEXT_RULES
        if not context.removed:
            return decisions
        for k, decision in context.removed.items():
            decisions[current[k]] = decision
        current = [current[k] for k in range(len(pass_blocks)) if k not in context.removed]
        # The kept text read again, without rendering and splitting it: the same blocks with the
        # line numbers, roles and groups of the text they render to, and their features. The text
        # is the rendering of the original blocks kept, whose roles and groups decide its layout.
        reflowed = reflow_blocks([blocks[i] for i in current])
        if reflowed is None:
            return decisions  # cannot happen: each kept block reads back as one paragraph
        pass_blocks = reflowed
    return decisions


def clean_html(
    text: str, url: str | None = None, *, site: str | None = None, profiles: Profiles | None = None
) -> Result:
    extraction = extract_html(text, url)
    blocks = extraction.blocks
    site = site_for(site, url, extraction.page_url)
    if site:
        extraction.metadata["site"] = site
    profile = profiles.get(site) if profiles is not None else None
    removed = judge_html(blocks, dict(extraction.removed), extraction.title, site, profile)
    notes = list(extraction.notes)
    if profile is not None and _profile_empties(blocks, removed):
        # The site rules run last, once: without their decisions the rest stands as it was.
        removed = {i: d for i, d in removed.items() if not d.rule.startswith(SITE_RULE_PREFIX)}
        notes.append(WHOLE_PAGE_TEMPLATE)
    if lost_the_article(blocks, removed, extraction.extracted):
        # A mark, the profile or a page-level choice took what the extractor found: its text is
        # judged by the rules alone, and kept unless they too find it all boilerplate.
        judged = judge_html(extraction.extracted, {}, extraction.title, site)
        if not lost_the_article(extraction.extracted, judged, extraction.extracted):
            notes.append(_kept_the_extracted(blocks, removed, extraction.extracted))
            blocks, removed = extraction.extracted, judged
    account = html_removals(extraction.segments, blocks, removed, extraction.title)
    if "author" not in extraction.metadata:
        author = author_from_bylines(_lines_after_headline(extraction.segments, extraction.title))
        if author:
            extraction.metadata["author"] = author
    text, markdown = _render_kept(blocks, removed, extraction.title)
    return Result(text, extraction.title, "html", extraction.metadata, account, notes, markdown)


def judge_html(
    blocks: list[Block],
    removed: dict[int, Decision],
    title: str | None,
    site: str | None = None,
    profile: SiteProfile | None = None,
) -> dict[int, Decision]:
    """The decisions on a page's blocks, given those its markup made: the headline, the rules,
    then the rules' text pass over what they kept."""
    context = Context(blocks, kind="html", title=title, removed=removed, site=site, profile=profile)
    # The headline goes to .title, unless it is all the page has.
    if len(blocks) > 1 and title and 0 not in context.removed and blocks[0].norm == normalise(title):
        context.removed[0] = Decision(TITLE_RULE, TITLE_REASON)
    run_rules(context, ALL_RULES)
    settle_as_text(blocks, context.removed)
    return context.removed


# The guard against losing the article: when the result keeps less than this share of the words
# trafilatura extracted from the page (and it extracted at least MIN_EXTRACTED_WORDS), a marked
# container, the site profile or a page-level choice went wrong. On WCXB dev no page comes near it (the lowest share kept is
# 0.17, a product page whose reviews go); on held-out news pages the article vanished.
MIN_KEPT_SHARE = 0.1
MIN_EXTRACTED_WORDS = 50


def lost_the_article(blocks: list[Block], removed: dict[int, Decision], extracted: list[Block]) -> bool:
    extracted_words = sum(b.n_words for b in extracted)
    if extracted_words < MIN_EXTRACTED_WORDS:
        return False
    kept = sum(b.n_words for i, b in enumerate(blocks) if i not in removed)
    return kept < MIN_KEPT_SHARE * extracted_words


def _kept_the_extracted(blocks: list[Block], removed: dict[int, Decision], extracted: list[Block]) -> str:
    kept = sum(b.n_words for i, b in enumerate(blocks) if i not in removed)
    total = sum(b.n_words for b in extracted)
    return (
        f"the cleaning kept {kept} of the {total} words trafilatura extracted; its text was used instead, "
        "judged by the rules without the page's marked containers and site profile"
    )


def settle_as_text(blocks: list[Block], removed: dict[int, Decision]) -> None:
    """Remove what the text rules take from the kept blocks read as the text they render to:
    with the menus and controls gone, a block can stand where a text rule acts on it (an author
    blurb that a menu line kept from being the last paragraph). The blocks keep the roles their
    markup gave them (code stays code, a table row a row); when they would not read back one
    line each, they are left as they are."""
    kept = [i for i in range(len(blocks)) if i not in removed]
    reflowed = reflow_blocks([blocks[i] for i in kept])
    if reflowed is None:
        return
    for k, decision in text_decisions(reflowed).items():
        removed[kept[k]] = decision


def _lines_after_headline(segments: list[Segment], title: str | None) -> list[str]:
    """Page lines from the headline on: a byline follows the headline, menus come before it."""
    title_norm = normalise(title) if title else ""
    start = next((k for k, s in enumerate(segments) if s.norm == title_norm), 0) if title_norm else 0
    return [s.text for s in segments[start:] if not s.mark]


def _render_kept(blocks: list[Block], removed: dict[int, Decision], title: str | None) -> tuple[str, str]:
    """The kept blocks as text and as Markdown."""
    kept = [b for i, b in enumerate(blocks) if i not in removed]
    return render_blocks(kept), render_markdown(kept, title)


__all__ = ["InputError", "clean"]
