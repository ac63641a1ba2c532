"""Site template: blocks that recur across a site's pages, learned from a batch (profiles.py).

These rules run last, on what the phrase and context rules left: an author blurb that reads as
prose, a "More from us" box no phrase names, a sponsor line. They do nothing without a profile
of the document's site, and nothing until the profile has seen MIN_SITE_DOCUMENTS pages of it.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Rule

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
# At most this many short lines, not prose, held between two template blocks are part of the
# box (a rotating headline between two dates), whether or not they recur.
MAX_HELD_BLOCKS = 2

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
        if count >= needed and not _introduces_own_text(context, i, counts, needed):
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


def _occurrences(context: Context) -> dict[int, int]:
    """In how many of the site's pages each kept block occurs."""
    return {i: context.profile.occurrences(context.blocks[i].text) for i in context.kept()}


def _introduces_own_text(context: Context, index: int, counts: dict[int, int], needed: float) -> bool:
    """A headline followed by prose of this page alone: the page's own headline, or a subheading,
    which recurs because other pages link to it ("More from us", "Most read", "Next: ...").
    A template label just above the article ("Listen to this story") stays with it: the
    phrase rules are there for those."""
    if context.blocks[index].is_prose:
        return False
    following = context.next_kept(index)
    return following is not None and context.blocks[following].is_prose and counts[following] < needed


def held_in_template(context: Context) -> Iterator[tuple[int, str]]:
    """Short lines, not prose, held between two blocks the profile took: the headline between
    two dates of a rotating list, which a page shows once and the next page replaces."""
    if not _site_pages(context):
        return
    blocks = context.blocks
    run: list[int] = []
    opened = False  # whether the run starts right after a template block
    for i in range(len(blocks)):
        decision = context.removed.get(i)
        if decision is not None:
            by_profile = decision.rule.startswith(SITE_RULE_PREFIX)
            if opened and by_profile and 0 < len(run) <= MAX_HELD_BLOCKS:
                for k in run:
                    yield k, "held between blocks of the site's template"
            opened = by_profile
            run = []
        elif not blocks[i].words:
            continue  # a separator between a box's items
        elif blocks[i].is_prose:
            opened = False
            run = []
        else:
            run.append(i)


PER_BLOCK: list[Rule] = []
CONTEXT: list[Rule] = [
    Rule("site.template", template),
    Rule("site.beside_template", beside_template),
    Rule("site.held_in_template", held_in_template),
]
