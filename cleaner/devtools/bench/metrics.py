"""The WCXB metric: bag-of-words F1 per page, snippet rates, macro means."""

from __future__ import annotations

import re
from collections import Counter

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall((text or "").lower())


def word_f1(prediction: str, reference: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the prediction's words against the reference's (multisets)."""
    pred, ref = tokens(prediction), tokens(reference)
    if not ref:
        return (1.0, 1.0, 1.0) if not pred else (0.0, 1.0, 0.0)
    if not pred:
        return 0.0, 0.0, 0.0
    overlap = sum((Counter(pred) & Counter(ref)).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / len(pred), overlap / len(ref)
    return precision, recall, 2 * precision * recall / (precision + recall)


def snippet_rate(prediction: str, snippets: list[str]) -> float | None:
    """Share of snippets found in the prediction (case-insensitive substring); None if no snippets."""
    if not snippets:
        return None
    lowered = (prediction or "").lower()
    return sum(1 for s in snippets if s.lower() in lowered) / len(snippets)


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")
