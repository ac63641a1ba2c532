"""The block model's judgement of a page: each segment of the page kept or removed by its score,
in place of the page-level choices (trafilatura's text or the page's own, gaps filled or not).

The rules' decisions are features; where the model removes a segment a rule had removed too,
the removal is named by the rule; where it removes one the rules kept, by `model.boilerplate`
with the score and the features that weighed most."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from ...extract.html import HtmlExtraction
from ...extract.page_text import segment_block
from ...model.block import Block
from ...model.decision import Decision
from .features import page_features
from .found import removing_decisions
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
    by_rule = removing_decisions(segments, blocks, decisions)
    judged = [segment_block(s) for s in segments]
    removed = {
        k: by_rule[k] or _model_decision(model, X[k], score)
        for k, score in enumerate(scores)
        if score < KEEP_AT
    }
    confidence = page_confidence(scores)
    kept_words = sum(b.n_words for k, b in enumerate(judged) if k not in removed)
    rules_words = sum(b.n_words for i, b in enumerate(blocks) if i not in decisions)
    if keeps_too_little(kept_words, rules_words):
        note = f"the block model kept {kept_words} of the {rules_words} words the rules kept; the rules' text was used"
        return Judgement(blocks, decisions, confidence, [note])
    return Judgement(judged, removed, confidence, [])


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
