"""The rules' passes over a document's blocks, until nothing more goes.

One pass can leave a block that only stood because of its neighbours: a "Related Posts" heading
whose list the comment rules took, a caption whose credit went. The kept blocks, read again as
the text they render to, get another pass, so that cleaning a cleaned text changes nothing.
"""

from __future__ import annotations

from ..model.block import Block
from ..model.decision import HEADLINE, Decision
from ..model.words import normalise
from ..read.text_blocks import reflow_blocks
from ..sites.profiles import SiteProfile
from . import ALL_RULES, CONTEXT_RULES
from .engine import Context, run_rules

# Real pages settle in two or three passes; this bounds the work on pathological ones.
MAX_RULE_PASSES = 8


def judge_text(
    blocks: list[Block], site: str | None = None, profile: SiteProfile | None = None
) -> dict[int, Decision]:
    """The rules' decisions on a text, run again on what they kept until nothing more goes."""
    decisions: dict[int, Decision] = {}
    current = list(range(len(blocks)))  # the original index of each block of this pass
    pass_blocks = blocks
    rules = ALL_RULES
    bits = None  # the gate's bits for each block of the pass, when known
    for _ in range(MAX_RULE_PASSES):
        context = run_rules(Context(pass_blocks, kind="text", site=site, profile=profile, block_bits=bits), rules)
        # Per-block rules judge a block by its own text, and every block of the next pass is one
        # they kept, with the same text: only the context rules can remove more.
        rules = CONTEXT_RULES
        if not context.removed:
            return decisions
        for k, decision in context.removed.items():
            decisions[current[k]] = decision
        kept = [k for k in range(len(pass_blocks)) if k not in context.removed]
        current = [current[k] for k in kept]
        # A block's bits depend on its text alone: the kept blocks keep theirs.
        bits = None if context.block_bits is None else [context.block_bits[k] for k in kept]
        # The kept text read again, without rendering and splitting it: the same blocks with the
        # line numbers, roles and groups of the text they render to, and their features. The text
        # is the rendering of the original blocks kept, whose roles and groups decide its layout.
        reflowed = reflow_blocks([blocks[i] for i in current])
        if reflowed is None:
            return decisions  # cannot happen: each kept block reads back as one paragraph
        pass_blocks = reflowed
    return decisions


def judge_html(
    blocks: list[Block],
    removed: dict[int, Decision],
    title: str | None,
    site: str | None = None,
    profile: SiteProfile | None = None,
) -> dict[int, Decision]:
    """The decisions on a page's blocks, given those its markup made: the headline, the rules,
    then the rules' text passes over what they kept."""
    context = Context(blocks, kind="html", title=title, removed=removed, site=site, profile=profile)
    # The headline goes to .title, unless it is all the page has.
    if len(blocks) > 1 and title and 0 not in context.removed and blocks[0].norm == normalise(title):
        context.removed[0] = HEADLINE
    run_rules(context, ALL_RULES)
    settle_as_text(blocks, context.removed)
    return context.removed


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
    for k, decision in judge_text(reflowed).items():
        removed[kept[k]] = decision
