"""The line model's judgement of a page dump: each line the rules kept is removed when the model
reads it as boilerplate, named `model.boilerplate` with its score; the rules' removals stand,
named by their rule, unless the model reads a line they took by its place as the article's.

The model scores each line with the expected share of its words in the article (trained on WCXB
dev, `cleaner train --lines`), with thresholds chosen on out-of-fold pages. It judges whole page
dumps (many short lines); an article a scraper already pulled out is left to the rules.

The model ships as cleaner/data/line_model.npz; without it, the rules' decisions stand unchanged.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import numpy as np

from ...model.block import HEADING, LIST_ITEM, TABLE_ROW, Block, render_blocks
from ...model.decision import Decision
from ...read.text_blocks import reflow_blocks, text_blocks
from ..comment_form import reads_as_discussion
from ..engine import Context
from ..passes import judge_text
from .line_features import LINE_FEATURE_NAMES, line_features, short_line_share
from .trees import Trees

MODEL_RULE = "model.boilerplate"
LINE_MODEL_FILE = "line_model.npz"
# What kind of text it is: a dump of a whole page (menus, footers: many lines of a few words), or
# an article a scraper already pulled out, where the prior is "keep". On WCXB dev, the page dumps
# have a median of 56% such lines (a twentieth under 22%), the extracted texts 17%.
DUMP, EXTRACTED = "page dump", "extracted text"
DUMP_SHORT_LINES = 0.4
# The model judges page dumps only. On extracted texts, out of fold on WCXB dev, it gained 0.0003
# F1 on loose-text (0.7985 against 0.7982 with the rules alone there) and 0.0016 on page-text for
# three times the CPU time of the rules: reading every line twice (with the rules' decisions,
# then the kept text again) costs far more on a text that is mostly kept.
JUDGED_KINDS = (DUMP,)
# On a page dump, a line the rules kept goes when its score is below REMOVE_AT; one a rule that
# judges by place removed comes back when its score is at least RESTORE_AT. Chosen on
# out-of-fold pages of WCXB dev (`cleaner train --lines`): the score alone decides (F1 0.775
# against the rules' 0.757, and 0.765 when their removals stand).
REMOVE_AT = 0.35
RESTORE_AT = 0.3
# Only the rules that judge a line by where it sits (a menu run, text outside the main prose) can
# be overruled: the phrase rules (comment forms, wrappers, related lists, credits) are precise
# and keep what they remove under their names. Out of fold, overruling them too gained nothing.
RESTORABLE = ("navigation.",)
# The headline of the text's article, among the lines just before its first paragraph of prose,
# stays: the text path keeps headlines (a text has no Result.title), while the ground truth the
# model learned from leaves the page's title out of the main content.
HEADLINE_REACH = 3
# The model judges texts like those it learned from: WCXB dev's renderings have at most a few
# thousand lines and 110,000 characters. Far past that, its place and whole-text features read
# values it never saw (one line of a million characters makes the next one look like a footer).
MAX_MODEL_LINES = 20_000
MAX_MODEL_CHARS = 500_000
# ... and texts of some length: a few lines give a line no context to be read in (56 of WCXB
# dev's 2,994 renderings are shorter; there the rules decide).
MIN_MODEL_WORDS = 50
# The model's text stands unless it keeps less than this share of the words the rules kept (and
# they kept at least MIN_RULES_WORDS): then the text is one it does not know, and the rules' text
# is the safer answer (as for the block model).
MIN_SHARE_OF_RULES = 0.1
MIN_RULES_WORDS = 50
# Rounds of the rules and the model on the kept text after the first; real texts settle in one or
# two (a round that takes nothing ends them), this bounds the work on pathological ones.
MAX_LINE_ROUNDS = 4
WRITTEN_FORMS = (TABLE_ROW, LIST_ITEM)


@functools.cache
def shipped_line_model() -> Trees | None:
    """The line model in the package's data, loaded once per process (None when it is not there)."""
    path = resources.files("cleaner") / "data" / LINE_MODEL_FILE
    if not path.is_file():
        return None
    with resources.as_file(path) as real:
        return Trees.load(Path(real))


def judge_lines(
    blocks: list[Block],
    decisions: dict[int, Decision],
    model: Trees | None = None,
) -> dict[int, Decision]:
    """The model's decisions on a text's lines, or the rules' when there is no model or the text
    is not one it judges (no page dump, or unlike those it learned from).

    The kept text, read again, is judged again (the rules, then the model) round after round
    until one takes nothing more: the text the cleaner returns (from a text or from a page) is one
    it leaves as it is when given it again as text. The rounds use no site profile: it acted on
    the whole text, and it must not take what its guard gave back."""
    model = _usable(model, blocks)
    if model is None:
        return decisions
    judged = judge_round(blocks, decisions, model)
    # Where the model changed none of the rules' decisions, the kept text is the rules' own, on
    # which they take nothing more (their passes ran until none did): they need not run again.
    settled = judged == decisions
    for _ in range(MAX_LINE_ROUNDS):
        kept = [k for k in range(len(blocks)) if k not in judged]
        reflowed = reflow_blocks([blocks[k] for k in kept])
        if not reflowed:
            break  # nothing kept, or lines that would read back joined as one paragraph
        rules = {} if settled else judge_text(reflowed)
        # A kept text the model would not judge given as a text (too short now) gets the rules' round.
        again = judge_round(reflowed, rules, model) if _usable(model, reflowed) else rules
        if not again:
            break
        settled = again == rules
        judged.update((kept[k], decision) for k, decision in again.items())
    return dict(sorted(judged.items()))


def judge_as_text(blocks: list[Block], decisions: dict[int, Decision], model: Trees | None = None) -> dict[int, Decision]:
    """A page's decisions with the line model's removals on the text its kept blocks render to, so
    that the page's text given again as text keeps its lines. The rules' readings of that text
    are features only: on a page the markup tells a table's header from a menu, and the text
    does not. For the same reason the model takes no block the markup made a table row or a list
    item; all stay as they are when a kept block does not read back as one line of the text."""
    model = model or shipped_line_model()
    if model is None or not blocks:
        return decisions
    kept = [k for k in range(len(blocks)) if k not in decisions]
    # Read back one line a block, the text's lines have the blocks' words: most pages' kept blocks
    # are no page dump, which the model leaves alone, and their text need not be read at all.
    if _usable(model, [blocks[k] for k in kept]) is None:
        return decisions
    as_text = text_blocks(render_blocks([blocks[k] for k in kept]))
    if [b.text for b in as_text] != [blocks[k].text for k in kept]:
        return decisions
    judged = judge_lines(as_text, judge_text(as_text), model)
    taken = {
        kept[k]: d for k, d in judged.items() if d.rule == MODEL_RULE and blocks[kept[k]].role not in WRITTEN_FORMS
    }
    return dict(sorted({**decisions, **taken}.items())) if taken else decisions


def _usable(model: Trees | None, blocks: list[Block]) -> Trees | None:
    """The model to judge these blocks with: None when there is none, when the text is not a page
    dump, is far smaller or larger than those it learned from, or it reads other features
    (retrain it)."""
    model = model or shipped_line_model()
    if model is None or not blocks or len(blocks) > MAX_MODEL_LINES or model.names != LINE_FEATURE_NAMES:
        return None
    if sum(b.n_words for b in blocks) < MIN_MODEL_WORDS or sum(len(b.text) for b in blocks) > MAX_MODEL_CHARS:
        return None
    return model if text_kind(blocks) in JUDGED_KINDS else None


def judge_round(blocks: list[Block], decisions: dict[int, Decision], model: Trees) -> dict[int, Decision]:
    """One round: the model's scores of the lines, given what the rules decided on them."""
    X = line_features(blocks, decisions)
    # A line a phrase rule removed stays removed whatever its score: only the others are scored.
    open_to_change = [k for k in range(len(blocks)) if k not in decisions or decisions[k].rule.startswith(RESTORABLE)]
    scores = np.ones(len(blocks))
    scores[open_to_change] = model.predict(X[open_to_change])
    judged = decide_lines(scores, decisions, _named, REMOVE_AT, RESTORE_AT)
    return settle(blocks, decisions, judged)


def settle(blocks: list[Block], rules: dict[int, Decision], judged: dict[int, Decision]) -> dict[int, Decision]:
    """The model's decisions with the headline kept, or the rules' when the model would lose the
    article."""
    if lost_the_article(blocks, rules, judged):
        return rules
    first_prose = next((k for k, b in enumerate(blocks) if b.is_prose), None)
    if first_prose is None:
        return judged
    for k in range(max(first_prose - HEADLINE_REACH, 0), first_prose):
        if blocks[k].role == HEADING and k in judged and k not in rules:
            del judged[k]
    # A sentence right below a paragraph of prose is the article's, however short ("Planting
    # starts in October."): the model does not take it.
    for k in [k for k in judged if k not in rules and k > 0]:
        if blocks[k].ends_sentence and blocks[k - 1].is_prose:
            del judged[k]
    # On a discussion (a forum thread, a question with its answers) the posts are the content: the
    # rules read it so, and the model does not take their prose.
    if any(blocks[k].is_prose for k in judged if k not in rules) and reads_as_discussion(
        Context(blocks, kind="text", removed=dict(rules))
    ):
        for k in [k for k in judged if k not in rules and blocks[k].is_prose]:
            del judged[k]
    # A table row or a bulleted item is a form an extractor writes, not a menu's: the model does
    # not take it (out of fold on WCXB dev this changes no F1 in the fourth decimal).
    for k in [k for k in judged if k not in rules and blocks[k].role in WRITTEN_FORMS]:
        del judged[k]
    return judged


def text_kind(blocks: list[Block]) -> str:
    """A page dump or an extracted text, by the share of its short lines (the model's
    `text_short_lines`)."""
    short = short_line_share(np.fromiter((b.n_words for b in blocks), np.float32, len(blocks)))
    return DUMP if short >= DUMP_SHORT_LINES else EXTRACTED


def lost_the_article(blocks: list[Block], rules: dict[int, Decision], judged: dict[int, Decision]) -> bool:
    rules_words = sum(b.n_words for k, b in enumerate(blocks) if k not in rules)
    if rules_words < MIN_RULES_WORDS:
        return False
    kept = sum(b.n_words for k, b in enumerate(blocks) if k not in judged)
    return kept < MIN_SHARE_OF_RULES * rules_words


def decide_lines(
    scores: np.ndarray,
    decisions: dict[int, Decision],
    named: Callable[[float], Decision],
    remove_at: float,
    restore_at: float,
) -> dict[int, Decision]:
    """The decisions the scores give, with the rules' where the model is not sure."""
    out: dict[int, Decision] = {}
    for k in np.nonzero(scores < remove_at)[0].tolist():
        out[k] = decisions.get(k) or named(float(scores[k]))
    for k, decision in decisions.items():
        if k not in out and (scores[k] < restore_at or not decision.rule.startswith(RESTORABLE)):
            out[k] = decision
    return dict(sorted(out.items()))


def _named(score: float) -> Decision:
    return Decision(MODEL_RULE, f"score {score:.2f}: the line model reads it as boilerplate")
