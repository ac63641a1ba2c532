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
from .features import page_features
from .found import containing_blocks
from .trees import Trees

MODEL_RULE = "model.boilerplate"
MODEL_FILE = "block_model.npz"
# A segment is kept when its score (the expected share of its words in the article) is at least
# this: chosen on out-of-fold pages of WCXB dev (see `cleaner train`).
KEEP_AT = 0.4
# The model's text stands unless it keeps less than this share of the words the rules kept (and
# they kept at least MIN_RULES_WORDS): then the page is one it does not know, and the rules' text
# is the safer answer.
MIN_SHARE_OF_RULES = 0.1
MIN_RULES_WORDS = 50
REASON_FEATURES = 3


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
    """The model's blocks and decisions for the page, or the rules' when there is no model or
    the model would lose what the rules kept."""
    model = model or shipped_model()
    segments = extraction.segments
    if model is None or not segments:
        return Judgement(blocks, decisions, None, [])
    X = page_features(segments, extraction.extracted, blocks, decisions, extraction.title, extraction.kind)
    scores = model.predict(X)
    judged, removed = assemble(
        segments, blocks, decisions, scores, lambda k: _model_decision(model, X[k], scores[k])
    )
    confidence = page_confidence(scores)
    kept_words = sum(b.n_words for k, b in enumerate(judged) if k not in removed)
    rules_words = sum(b.n_words for i, b in enumerate(blocks) if i not in decisions)
    if keeps_too_little(kept_words, rules_words):
        note = f"the block model kept {kept_words} of the {rules_words} words the rules kept; the rules' text was used"
        return Judgement(blocks, decisions, confidence, [note])
    return Judgement(judged, removed, confidence, [])


def assemble(
    segments: list[Segment],
    blocks: list[Block],
    decisions: dict[int, Decision],
    scores: np.ndarray,
    model_decision: Callable[[int], Decision],
    threshold: float = KEEP_AT,
) -> tuple[list[Block], dict[int, Decision]]:
    """The rules' blocks with the model's verdicts, and the page's segments it keeps that no block
    holds. A block is kept when the model keeps most of the words of its segments (a block whose
    text is in no segment keeps the rules' decision); its form (a table row, a line of code) stays
    the extractor's. A block the model removes and the rules kept is named by the model (with the
    score of its first segment); one both remove keeps the rules' name."""
    owner = containing_blocks(segments, blocks, list(range(len(blocks))))
    words = np.array([s.norm.count(" ") + 1 if s.norm else 1 for s in segments], np.float64)
    total = np.zeros(len(blocks))
    kept = np.zeros(len(blocks))
    first: dict[int, int] = {}
    for k, i in enumerate(owner):
        if i is not None:
            total[i] += words[k]
            kept[i] += words[k] if scores[k] >= threshold else 0.0
            first.setdefault(i, k)
    units: list[tuple[tuple[int, int, int], Block, Decision | None]] = []
    key = (-1, 0, 0)
    for i, block in enumerate(blocks):
        if i not in first:
            key = (key[0], 1, i)  # where the extractor put it: after the block before it
            units.append((key, block, decisions.get(i)))
            continue
        key = (first[i], 0, i)
        keep = kept[i] * 2 >= total[i]
        units.append((key, block, None if keep else decisions.get(i) or model_decision(first[i])))
    for k, segment in enumerate(segments):
        if owner[k] is None and scores[k] >= threshold:
            units.append(((k, 0, -1), segment_block(segment), None))
    units.sort(key=lambda unit: unit[0])
    return [b for _, b, _ in units], {n: d for n, (_, _, d) in enumerate(units) if d is not None}


def keeps_too_little(kept_words: int, rules_words: int) -> bool:
    """Whether the model's text would lose the article the rules kept."""
    return rules_words >= MIN_RULES_WORDS and kept_words < MIN_SHARE_OF_RULES * rules_words


def page_confidence(scores: np.ndarray) -> float:
    """How sure the model is of the page: 1 when every score is far from the threshold."""
    if not len(scores):
        return 0.0
    margin = np.clip(np.abs(scores - KEEP_AT) / max(KEEP_AT, 1 - KEEP_AT), 0.0, 1.0)
    return round(float(margin.mean()), 3)


def _model_decision(model: Trees, x: np.ndarray, score: float) -> Decision:
    contributions = model.contributions(x)
    lowest = np.argsort(contributions)[:REASON_FEATURES]
    weighed = ", ".join(f"{model.names[i]}={x[i]:.2g}" for i in lowest if contributions[i] < 0)
    return Decision(MODEL_RULE, f"score {score:.2f} below {KEEP_AT}; weighed most: {weighed}")
