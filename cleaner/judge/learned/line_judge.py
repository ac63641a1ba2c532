"""The line model's judgement of a text: each line the rules kept is removed when the model is sure
it is boilerplate, named `model.boilerplate` with its score; the rules' removals stand, named by
their rule, unless the model is sure the line is the article's.

The model scores each line with the expected share of its words in the article (trained on WCXB
dev, `cleaner train --lines`). An article a scraper already pulled out is mostly article: the
thresholds are chosen on out-of-fold pages so that a line goes only when the model is sure.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import numpy as np

from ...model.block import Block
from ...model.decision import Decision
from .line_features import LINE_FEATURE_NAMES, line_features
from .trees import Trees

MODEL_RULE = "model.boilerplate"
LINE_MODEL_FILE = "line_model.npz"
# A line the rules kept goes when its score is below this; one they removed comes back when its
# score is at least RESTORE_AT. Chosen on out-of-fold pages of WCXB dev (`cleaner train --lines`).
REMOVE_AT = 0.2
RESTORE_AT = 1.01  # above any score: the rules' removals stand
# The model judges texts like those it learned from: WCXB dev's renderings have at most a few
# thousand lines. Far past that, its place and whole-text features read values it never saw.
MAX_MODEL_LINES = 20_000


@functools.cache
def shipped_line_model() -> Trees | None:
    """The line model in the package's data, loaded once per process (None when it is not there)."""
    path = resources.files("cleaner") / "data" / LINE_MODEL_FILE
    if not path.is_file():
        return None
    with resources.as_file(path) as real:
        return Trees.load(Path(real))


def judge_lines(
    blocks: list[Block], decisions: dict[int, Decision], model: Trees | None = None
) -> dict[int, Decision]:
    """The model's decisions on a text's lines, or the rules' when there is no model or the text
    is far larger than those it learned from."""
    model = model or shipped_line_model()
    if model is None or not blocks or len(blocks) > MAX_MODEL_LINES:
        return decisions
    if model.names != LINE_FEATURE_NAMES:
        return decisions  # a model of other features: retrain it
    X = line_features(blocks, decisions)
    scores = model.predict(X)
    return decide_lines(scores, decisions, _named)


def decide_lines(
    scores: np.ndarray,
    decisions: dict[int, Decision],
    named: Callable[[float], Decision],
    remove_at: float = REMOVE_AT,
    restore_at: float = RESTORE_AT,
) -> dict[int, Decision]:
    """The decisions the scores give, with the rules' where the model is not sure."""
    out: dict[int, Decision] = {}
    for k in np.nonzero(scores < remove_at)[0]:
        k = int(k)
        out[k] = decisions.get(k) or named(float(scores[k]))
    for k, decision in decisions.items():
        if k not in out and scores[k] < restore_at:
            out[k] = decision
    return dict(sorted(out.items()))


def _named(score: float) -> Decision:
    return Decision(MODEL_RULE, f"the line model scores it {score:.2f} (boilerplate below {REMOVE_AT})")
