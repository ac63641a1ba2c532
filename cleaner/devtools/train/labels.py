"""A segment's label: the share of its words found, in order, in the page's ground truth."""

from __future__ import annotations

import difflib

import numpy as np

from ..bench.metrics import tokens


def word_labels(texts: list[str], truth: str) -> tuple[np.ndarray, np.ndarray, float]:
    """For each text, the share of its words aligned with the truth's (a word-level diff), its
    word count, and the share of the truth's words the texts hold at all (a page whose truth the
    page's text does not hold aligns badly)."""
    page: list[str] = []
    spans = []
    for text in texts:
        words = tokens(text)
        spans.append((len(page), len(page) + len(words)))
        page += words
    reference = tokens(truth)
    ids: dict[str, int] = {}
    a = [ids.setdefault(w, len(ids)) for w in page]
    b = [ids.setdefault(w, len(ids)) for w in reference]
    hit = np.zeros(len(a), dtype=np.int32)
    for i, _, size in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        hit[i : i + size] = 1
    cumulative = np.concatenate([[0], np.cumsum(hit)])
    shares = np.array(
        [(cumulative[e] - cumulative[s]) / (e - s) if e > s else 0.0 for s, e in spans], np.float32
    )
    counts = np.array([e - s for s, e in spans], np.float32)
    return shares, counts, float(cumulative[-1]) / max(len(reference), 1)
