"""The block model's judgement of a page: each segment of the page kept or removed by its score,
in place of the page-level choices (trafilatura's text or the page's own, gaps filled or not).

The rules' decisions are features; where the model removes a segment a rule had removed too,
the removal is named by the rule; where it removes one the rules kept, by `model.boilerplate`
with the score and the features that weighed most."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from ...extract.html import HtmlExtraction
from ...extract.page_text import segment_block
from ...model.block import Block
from ...model.decision import Decision
from ...model.segment import Segment
from ...read.page_kind import DISCUSSION
from ..passes import judge_html
from .features import FEATURE_NAMES, RULES_KEPT, TRAFILATURA, page_features
from .found import containing_blocks
from .trees import Trees

MODEL_RULE = "model.boilerplate"
MODEL_FILE = "block_model.npz"
# A segment is kept when its score (the expected share of its words in the article) is at least
# this: chosen on out-of-fold pages of WCXB dev (see `cleaner train`).
KEEP_AT = 0.15
# A segment the extractor skipped comes back only when the model is surer than this: the rules
# never saw it, and the lines trafilatura skips that look like text are bylines, datelines and
# disclaimers as often as paragraphs (golden cases; WCXB dev out-of-fold F1 moves little).
ADD_AT = 0.55
# The model's text stands unless it keeps less than this share of the words the rules kept (and
# they kept at least MIN_RULES_WORDS): then the page is one it does not know, and the rules' text
# is the safer answer.
MIN_SHARE_OF_RULES = 0.1
MIN_RULES_WORDS = 50
# The model judges pages like those it learned from: WCXB dev's largest has 2,642 text blocks and
# 108,000 characters. Far past that, its page-level and place features read values it never saw
# (one 11 MB paragraph makes the next one look like a footer).
MAX_MODEL_SEGMENTS = 10_000
MAX_MODEL_CHARS = 1_000_000
# The score the model is least sure about, for Result.confidence: out of fold on WCXB dev, the
# pages' word-weighted distance from 0.35 ranks their F1 best (rank correlation 0.67; measured
# from the keep threshold 0.15 instead, 0.56 with the previous model).
CONFIDENCE_CENTRE = 0.35
REASON_FEATURES = 3
# The features saying how much of each segment trafilatura kept and how much the rules kept.
KEPT_BY_COLUMNS = [FEATURE_NAMES.index(TRAFILATURA), FEATURE_NAMES.index(RULES_KEPT)]


@dataclass(frozen=True)
class ScoredPage:
    """A page's segments as the model judged them: each one's score, the share of it trafilatura
    and the rules kept (columns KEPT_BY_COLUMNS), how a removal by the model is named, and the kind
    of page it declares."""

    segments: list[Segment]
    scores: np.ndarray
    kept_by: np.ndarray
    name: Callable[[int], Decision]
    kind: str | None = None


@dataclass
class Judgement:
    blocks: list[Block]
    decisions: dict[int, Decision]
    confidence: float | None
    notes: list[str]


@functools.cache
def shipped_model() -> Trees | None:
    """The model in the package's data, loaded once per process (None when it is not there)."""
    path = resources.files("cleaner") / "data" / MODEL_FILE
    if not path.is_file():
        return None
    with resources.as_file(path) as real:
        return Trees.load(Path(real))


def judge_blocks(
    extraction: HtmlExtraction,
    blocks: list[Block],
    decisions: dict[int, Decision],
    model: Trees | None = None,
) -> Judgement:
    """The model's blocks and decisions for the page, or the rules' when there is no model, the
    page is unlike any it learned from, or the model would lose what the rules kept."""
    model = model or shipped_model()
    segments = extraction.segments
    if model is None or not segments:
        return Judgement(blocks, decisions, None, [])
    if unlike := unlike_learned_pages(extraction):
        return Judgement(blocks, decisions, None, [unlike])
    X = page_features(segments, extraction.extracted, blocks, decisions, extraction.title, extraction.kind)
    scores = model.predict(X)

    def named(k: int) -> Decision:
        return _model_decision(model, X[k], float(scores[k]))

    page = ScoredPage(segments, scores, X[:, KEPT_BY_COLUMNS], named, extraction.kind)
    judged, removed, notes = decide(page, blocks, decisions, extraction.title)
    return Judgement(judged, removed, page_confidence(scores, segment_words(segments)), notes)


def unlike_learned_pages(extraction: HtmlExtraction) -> str | None:
    """A note when the model would judge the page from features outside what it learned: no
    trafilatura choice to read, or a page far larger than any it was trained on."""
    if not extraction.extractor_ran:
        return "the block model needs trafilatura's choice, which this page is too large for; the rules' text was used"
    chars = sum(len(s.text) for s in extraction.segments)
    if len(extraction.segments) > MAX_MODEL_SEGMENTS or chars > MAX_MODEL_CHARS:
        return (
            f"the page ({len(extraction.segments):,} text blocks, {chars:,} characters) is far larger than "
            "the pages the block model learned from; the rules' text was used"
        )
    return None


def decide(
    page: ScoredPage,
    blocks: list[Block],
    decisions: dict[int, Decision],
    title: str | None,
    threshold: float = KEEP_AT,
) -> tuple[list[Block], dict[int, Decision], list[str]]:
    """The page's blocks and decisions with the model's scores (as assemble() puts them), the
    rules run on what it put back, or the rules' own when the model keeps too little; and a note."""
    judged, removed = assemble(page, blocks, decisions, threshold)
    if len(judged) > len(blocks):
        # The model put back segments the extractor skipped: the rules judge them too.
        removed = judge_html(judged, removed, title)
    kept_words = sum(b.n_words for k, b in enumerate(judged) if k not in removed)
    rules_words = sum(b.n_words for i, b in enumerate(blocks) if i not in decisions)
    if keeps_too_little(kept_words, rules_words):
        note = f"the block model kept {kept_words} of the {rules_words} words the rules kept; the rules' text was used"
        return blocks, decisions, [note]
    return judged, removed, []


def assemble(
    page: ScoredPage, blocks: list[Block], decisions: dict[int, Decision], threshold: float = KEEP_AT
) -> tuple[list[Block], dict[int, Decision]]:
    """The rules' blocks with the model's verdicts, and the page's segments it keeps that no block
    holds. A block is kept when the model keeps most of the words of its segments (a block whose
    text is in no segment keeps the rules' decision); its form (a table row, a line of code) stays
    the extractor's. What a named rule or a markup mark removed stays removed, and what both
    trafilatura and the rules kept stays kept; a block the model removes is named by the model
    (with the score of its first segment)."""
    segments, scores, kept_by = page.segments, page.scores, page.kept_by
    owner = containing_blocks(segments, blocks, list(range(len(blocks))))
    words = segment_words(segments)
    total = np.zeros(len(blocks))
    kept = np.zeros(len(blocks))
    first: dict[int, int] = {}
    for k, i in enumerate(owner):
        if i is not None:
            total[i] += words[k]
            both_kept = kept_by[k, 0] >= 0.5 and kept_by[k, 1] >= 0.5
            kept[i] += words[k] if scores[k] >= threshold or both_kept else 0.0
            first.setdefault(i, k)
    # The blocks stay in their order; a segment put back goes after the last block that holds a
    # segment before it.
    units: list[tuple[tuple[int, int, int], Block, Decision | None]] = []
    for i, block in enumerate(blocks):
        if i in decisions or i not in first:
            # What a named rule or a mark removed stays removed (the rules act where they are
            # sure); a block whose text is in no segment keeps the rules' decision.
            units.append(((i, 0, 0), block, decisions.get(i)))
        else:
            keep = kept[i] * 2 >= total[i]
            units.append(((i, 0, 0), block, None if keep else page.name(first[i])))
    anchor = -1
    for k, segment in enumerate(segments):
        holder = owner[k]
        if holder is not None:
            anchor = max(anchor, holder)
        elif addable(segment, float(scores[k]), float(kept_by[k, 1]), page.kind, threshold):
            units.append(((anchor, 1, k), segment_block(segment), None))
    units.sort(key=lambda unit: unit[0])
    return [b for _, b, _ in units], {n: d for n, (_, _, d) in enumerate(units) if d is not None}


def addable(segment: Segment, score: float, rules_kept: float, kind: str | None, threshold: float) -> bool:
    """Whether a segment in no block is put back: the model is sure of it, no part of it is in the
    rules' kept text already (a <pre> the extractor split in lines; a sentence kept without the
    date inside it), no mark is on it, and it is not a reader's comment on a page that does not
    say it is a discussion (replies are the text only there)."""
    if segment.mark or rules_kept > 0 or score < max(threshold, ADD_AT):
        return False
    return kind == DISCUSSION or not segment.in_user_content


def keeps_too_little(kept_words: int, rules_words: int) -> bool:
    """Whether the model's text would lose the article the rules kept."""
    return rules_words >= MIN_RULES_WORDS and kept_words < MIN_SHARE_OF_RULES * rules_words


def page_confidence(scores: np.ndarray, words: np.ndarray) -> float:
    """How sure the model is of the page: the words' mean distance of their segment's score from
    CONFIDENCE_CENTRE, 1 when every score is far from it."""
    if not len(scores) or not words.sum():
        return 0.0
    margin = np.clip(np.abs(scores - CONFIDENCE_CENTRE) / max(CONFIDENCE_CENTRE, 1 - CONFIDENCE_CENTRE), 0.0, 1.0)
    return round(float((margin * words).sum() / words.sum()), 3)


def segment_words(segments: list[Segment]) -> np.ndarray:
    """Each segment's number of words (at least one)."""
    return np.array([s.norm.count(" ") + 1 if s.norm else 1 for s in segments], np.float64)


def _model_decision(model: Trees, x: np.ndarray, score: float) -> Decision:
    contributions = model.contributions(x)
    lowest = np.argsort(contributions)[:REASON_FEATURES]
    weighed = ", ".join(f"{model.names[i]}={x[i]:.2g}" for i in lowest if contributions[i] < 0)
    return Decision(MODEL_RULE, f"score {score:.2f} below {KEEP_AT}; weighed most: {weighed}")
