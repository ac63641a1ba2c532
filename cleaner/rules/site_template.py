"""Site template: blocks that recur across a site's pages, learned from a batch (profiles.py).

These rules run last, on what the phrase and context rules left: an author blurb that reads as
prose, a "More from us" box no phrase names, a sponsor line. They do nothing without a profile
of the document's site, and nothing until the profile has seen MIN_SITE_DOCUMENTS pages of it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..blocks import Block
from .base import Context, Rule, is_teaser

# A profile of fewer pages than this cannot tell a template from a coincidence.
MIN_SITE_DOCUMENTS = 5
# A block is template when it occurs on at least this many of the site's pages and on at least
# this share of them: a quote shared by two articles is not a template, nor is a background
# paragraph that three of a site's fifty stories repeat.
TEMPLATE_MIN_DOCUMENTS = 3
TEMPLATE_MIN_SHARE = 0.5
# Beside template (or beside what a rule removed), a block needs less: it is one of the rotating
# parts of a box (one author's blurb of several, a headline the "More from us" box shows on some
# pages), recurring on at least this share of the pages and on TEMPLATE_MIN_DOCUMENTS.
BESIDE_TEMPLATE_MIN_SHARE = 0.1
# At most this many lines that are not prose, held between two template blocks, are part of the
# box (rotating headlines between two dates, headlines and their teasers), recurring or not.
MAX_HELD_BLOCKS = 8

# Lines (a byline, a date) that may stand between a headline and the text it introduces.
MAX_LINES_UNDER_HEADLINE = 2

SITE_RULE_PREFIX = "site."


def _site_pages(context: Context) -> int:
    profile = context.profile
    return profile.documents if profile is not None and profile.documents >= MIN_SITE_DOCUMENTS else 0


def _reason(context: Context, count: int) -> str:
    site = context.site or "this site"
    return f"on {count} of {context.profile.documents} pages of {site}"


def template(context: Context) -> Iterator[tuple[int, str]]:
    """Blocks that occur on most of the site's pages."""
    pages = _site_pages(context)
    if not pages:
        return
    needed = max(TEMPLATE_MIN_DOCUMENTS, TEMPLATE_MIN_SHARE * pages)
    counts = _occurrences(context)
    for i, count in counts.items():
        if count >= needed:
            yield i, _reason(context, count)


def beside_template(context: Context) -> Iterator[tuple[int, str]]:
    """Blocks that recur on some of the site's pages and stand next to removed boilerplate, as
    the rotating parts of a template box do; a run of them spreads from the removed block."""
    pages = _site_pages(context)
    if not pages:
        return
    needed = max(TEMPLATE_MIN_DOCUMENTS, BESIDE_TEMPLATE_MIN_SHARE * pages)
    counts = _occurrences(context)
    recurring = {
        i
        for i, count in counts.items()
        if count >= needed and not _introduces_own_text(context, i, counts, needed)
    }
    taken: set[int] = set()
    changed = True
    while changed:
        changed = False
        for i in sorted(recurring - taken):
            if any(
                j in context.removed or j in taken for j in (i - 1, i + 1) if 0 <= j < len(context.blocks)
            ):
                taken.add(i)
                changed = True
    for i in sorted(taken):
        yield i, f"beside template, {_reason(context, counts[i])}"


def _sentences(block: Block) -> bool:
    """Prose that ends as a sentence does: a paragraph, not a teaser cut short or a list of
    headlines run into one block."""
    return block.is_prose and block.ends_sentence and not is_teaser(block)


def _occurrences(context: Context) -> dict[int, int]:
    """In how many of the site's pages each kept block occurs."""
    return {i: context.profile.occurrences(context.blocks[i].text) for i in context.kept()}


def _introduces_own_text(context: Context, index: int, counts: dict[int, int], needed: float) -> bool:
    """A headline followed by prose of this page alone: the page's own headline, or a subheading,
    which recurs on some pages because they link to it ("More from us", "Next: ...")."""
    if context.blocks[index].is_prose:
        return False
    following = context.next_kept(index)
    # A byline or a date may stand between the headline and the text.
    for _ in range(MAX_LINES_UNDER_HEADLINE):
        if following is None or context.blocks[following].is_prose:
            break
        following = context.next_kept(following)
    if following is None or is_teaser(context.blocks[following]):
        return False
    return context.blocks[following].is_prose and counts[following] < needed


def held_in_template(context: Context) -> Iterator[tuple[int, str]]:
    """Lines that are not sentences (headlines, dates, cut teasers, headlines run together)
    held between two blocks the profile took: the items of a rotating box, which a page shows
    once and the next replaces. The page's own headline, between a menu and a byline,
    introduces its text and stays."""
    if not _site_pages(context):
        return
    blocks = context.blocks
    runs: list[list[int]] = []
    run: list[int] = []
    opened = False  # whether the run starts right after a template block
    for i in range(len(blocks)):
        decision = context.removed.get(i)
        if decision is not None:
            by_profile = decision.rule.startswith(SITE_RULE_PREFIX)
            if opened and by_profile and 0 < len(run) <= MAX_HELD_BLOCKS:
                runs.append(run)
            opened = by_profile
            run = []
        elif not blocks[i].words:
            continue  # a separator between a box's items
        elif _sentences(blocks[i]):
            opened = False
            run = []
        else:
            run.append(i)
    if not runs:
        return
    needed = max(TEMPLATE_MIN_DOCUMENTS, BESIDE_TEMPLATE_MIN_SHARE * _site_pages(context))
    counts = _occurrences(context)
    for run in runs:
        if not any(_introduces_own_text(context, i, counts, needed) for i in run):
            for i in run:
                yield i, "held between blocks of the site's template"


PER_BLOCK: list[Rule] = []
CONTEXT: list[Rule] = [
    Rule("site.template", template),
    Rule("site.beside_template", beside_template),
    Rule("site.held_in_template", held_in_template),
]
