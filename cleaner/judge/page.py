"""A page's blocks judged, with the guards on the page as a whole: a site template that would
take all of it, and a cleaning that lost the article the extractor found."""

from __future__ import annotations

from ..extract.html import HtmlExtraction
from ..model.block import Block
from ..model.decision import Decision
from ..sites.profiles import SiteProfile
from .passes import judge_html, judge_text
from .site_template import SITE_RULE_PREFIX

# A page that is all template (a duplicate, a tag page) keeps what the rules alone keep, rather
# than vanishing from the output.
WHOLE_PAGE_TEMPLATE = "the site's template covers the whole page; it was cleaned without the site profile"

# The guard against losing the article: when the result keeps less than this share of the words
# trafilatura extracted from the page (and it extracted at least MIN_EXTRACTED_WORDS), a marked
# container, the site profile or a page-level choice went wrong. On WCXB dev no page comes near it
# (the lowest share kept is 0.17, a product page whose reviews go); on held-out news pages the
# article vanished.
MIN_KEPT_SHARE = 0.1
MIN_EXTRACTED_WORDS = 50


def judge_text_page(
    blocks: list[Block], site: str | None, profile: SiteProfile | None
) -> tuple[dict[int, Decision], list[str]]:
    """The decisions on a text's blocks, and notes on the guards that acted."""
    decisions = judge_text(blocks, site, profile)
    if profile is not None and profile_empties(blocks, decisions):
        # Later passes built on the profile's removals: the rules run again without it.
        return judge_text(blocks), [WHOLE_PAGE_TEMPLATE]
    return decisions, []


def judge_html_page(
    extraction: HtmlExtraction, site: str | None, profile: SiteProfile | None
) -> tuple[list[Block], dict[int, Decision], list[str]]:
    """The blocks to render (the extraction's, or trafilatura's own when the cleaning lost the
    article), the decisions on them, and notes on the guards that acted."""
    blocks, extracted, title = extraction.blocks, extraction.extracted, extraction.title
    removed = judge_html(blocks, dict(extraction.removed), title, site, profile)
    notes = []
    if profile is not None and profile_empties(blocks, removed):
        # The site rules run last, once: without their decisions the rest stands as it was.
        removed = {i: d for i, d in removed.items() if not d.rule.startswith(SITE_RULE_PREFIX)}
        notes.append(WHOLE_PAGE_TEMPLATE)
    if lost_the_article(blocks, removed, extracted):
        # A mark, the profile or a page-level choice took what the extractor found: its text is
        # judged by the rules alone, and kept unless they too find it all boilerplate.
        judged = judge_html(extracted, {}, title, site)
        if not lost_the_article(extracted, judged, extracted):
            notes.append(_kept_the_extracted(blocks, removed, extracted))
            blocks, removed = extracted, judged
    return blocks, removed, notes


def profile_empties(blocks: list[Block], decisions: dict[int, Decision]) -> bool:
    """Whether nothing is kept and the site profile took part in that."""
    if any(i not in decisions and block.text.strip() for i, block in enumerate(blocks)):
        return False
    return any(d.rule.startswith(SITE_RULE_PREFIX) for d in decisions.values())


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
