"""Site template: blocks that recur across a site's pages, learned from a batch (profiles.py).

These rules run last, on what the phrase and context rules left: an author blurb that reads as
prose, a "More from us" box no phrase names, a sponsor line. They do nothing without a profile
of the document's site, and nothing until the profile has seen MIN_SITE_DOCUMENTS pages of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model.block import CODE, TABLE_ROW, Block
from ..sites.profiles import MIN_SITE_DOCUMENTS, SiteProfile
from .engine import Context, Rule, is_teaser

# A block is template when it occurs on at least this many of the site's pages and on at least
# this share of them: a quote shared by two articles is not a template, nor is a background
# paragraph that three of a site's fifty stories repeat.
TEMPLATE_MIN_DOCUMENTS = 3
TEMPLATE_MIN_SHARE = 0.5
# The profile acts on pages where sentences hold at least this share of the kept words.
MIN_SENTENCE_SHARE = 0.5
# Between the page's own sentences, a block must recur on this share of the pages: a label the
# site's writers use ("Note:", "Condition:") recurs on many pages, a template box on nearly all.
INSIDE_TEXT_MIN_SHARE = 0.8
# Beside template (or beside what a rule removed), a block needs less: it is one of the rotating
# parts of a box (one author's blurb of several, a headline the "More from us" box shows on some
# pages), recurring on at least this share of the pages and on TEMPLATE_MIN_DOCUMENTS.
BESIDE_TEMPLATE_MIN_SHARE = 0.1
# At most this many lines that are not sentences, held between two template blocks, are part of the
# box (rotating headlines between two dates, headlines and their teasers), recurring or not.
MAX_HELD_BLOCKS = 8

# Lines (a byline, a date) that may stand between a headline and the text it introduces.
MAX_LINES_UNDER_HEADLINE = 2

SITE_RULE_PREFIX = "site."
_OWN_STRUCTURE = frozenset({CODE, TABLE_ROW})


def _site_pages(context: Context) -> int:
    """The number of the site's pages in its profile; 0 when the rules must not act here."""
    profile = context.profile
    if profile is None or profile.documents < MIN_SITE_DOCUMENTS or not _reads_as_an_article(context):
        return 0
    return profile.documents


def _reads_as_an_article(context: Context) -> bool:
    """Whether sentences hold most of the kept words. On a shop's category page or a listing the
    text is the items, and what recurs around them (facets, sort controls, category names) is
    part of what a reader came for; there the profile does not act (WCXB dev: collection pages
    of sites seen 5 to 12 times lost a third of their F1 to it)."""
    kept = sentences = 0
    for i in context.kept():
        block = context.blocks[i]
        kept += block.n_words
        if _sentences(block):
            sentences += block.n_words
    return kept > 0 and sentences >= MIN_SENTENCE_SHARE * kept


def _reason(context: Context, count: int) -> str:
    site = context.site or "this site"
    return f"on {count} of {_profile(context).documents} pages of {site}"


@dataclass(frozen=True)
class _Evidence:
    """What the profile says of a document's kept blocks, as the rules ask it."""

    pages: int  # the site's pages in the profile
    counts: dict[int, int]  # block index -> pages it occurs on
    recurring: float  # pages a block needs to recur on (beside template, and not own text)
    inside: range  # between the page's first and last sentence of its own


def _evidence(context: Context) -> _Evidence | None:
    pages = _site_pages(context)
    if not pages:
        return None
    counts = _occurrences(context)
    recurring = max(TEMPLATE_MIN_DOCUMENTS, BESIDE_TEMPLATE_MIN_SHARE * pages)
    return _Evidence(pages, counts, recurring, _own_text_span(context, counts, recurring))


def template(context: Context) -> Iterator[tuple[int, str]]:
    """Blocks that occur on most of the site's pages."""
    evidence = _evidence(context)
    if evidence is None:
        return
    needed = max(TEMPLATE_MIN_DOCUMENTS, TEMPLATE_MIN_SHARE * evidence.pages)
    needed_inside = max(needed, INSIDE_TEXT_MIN_SHARE * evidence.pages)
    for i, count in evidence.counts.items():
        if count >= (needed_inside if i in evidence.inside else needed):
            yield i, _reason(context, count)


def beside_template(context: Context) -> Iterator[tuple[int, str]]:
    """Blocks that recur on some of the site's pages and stand next to removed boilerplate, as
    the rotating parts of a template box do; a run of them spreads from the removed block."""
    evidence = _evidence(context)
    if evidence is None:
        return
    recurring = {
        i
        for i, count in evidence.counts.items()
        if count >= evidence.recurring
        and i not in evidence.inside
        and not _introduces_own_text(context, i, evidence)
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
        yield i, f"beside template, {_reason(context, evidence.counts[i])}"


def _sentences(block: Block) -> bool:
    """Prose that ends as a sentence does: a paragraph, not a teaser cut short or a list of
    headlines run into one block."""
    return block.is_prose and block.ends_sentence and not is_teaser(block)


def _occurrences(context: Context) -> dict[int, int]:
    """In how many of the site's pages each kept block occurs, for the blocks the profile may
    judge: code and table rows are the page's own structure even when they recur (a closing
    brace, a specification row), and a block without words is nobody's template."""
    blocks = context.blocks
    judged = [i for i in context.kept() if blocks[i].words and blocks[i].role not in _OWN_STRUCTURE]
    return dict(zip(judged, _profile(context).occurrences_many([blocks[i].text for i in judged])))


def _own_text_span(context: Context, counts: dict[int, int], needed: float) -> range:
    """Between the page's first sentence of its own (not recurring) and its last. Boxes and
    blurbs stand around the text; what recurs between its sentences (the labels of a
    specification table, a product's option names) is the page's own structure, not a box.
    With no sentence of its own, an empty span after the last block."""
    own = [i for i, count in counts.items() if count < needed and _sentences(context.blocks[i])]
    return range(own[0] + 1, own[-1]) if own else range(len(context.blocks), len(context.blocks))


def _introduces_own_text(context: Context, index: int, evidence: _Evidence) -> bool:
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
    return context.blocks[following].is_prose and evidence.counts.get(following, 0) < evidence.recurring


def held_in_template(context: Context) -> Iterator[tuple[int, str]]:
    """Lines that are not sentences (headlines, dates, cut teasers, headlines run together)
    held between two blocks the profile took: the items of a rotating box, which a page shows
    once and the next replaces. The page's own headline, between a menu and a byline,
    introduces its text and stays."""
    evidence = _evidence(context)
    if evidence is None:
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
    # Boxes follow the text: above it, between a template's lines, stand the page's headline,
    # a product's name and price, the fields of a form.
    for run in runs:
        if run[0] >= evidence.inside.stop and not any(
            _introduces_own_text(context, i, evidence) for i in run
        ):
            for i in run:
                yield i, "held between blocks of the site's template"


PER_BLOCK: list[Rule] = []
CONTEXT: list[Rule] = [
    Rule("site.template", template),
    Rule("site.beside_template", beside_template),
    Rule("site.held_in_template", held_in_template),
]


def _profile(context: Context) -> SiteProfile:
    """The site's profile: the site rules run only on a document that has one."""
    if context.profile is None:
        raise ValueError("the site rules need the site's profile")
    return context.profile
