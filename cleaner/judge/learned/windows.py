"""Context columns for a sequence of rows (a page's segments, a text's lines): each row's
neighbours' values, and centred means over a window. Shared by the block and line features."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def neighbours(source: np.ndarray, offsets: Iterable[int]) -> np.ndarray:
    """The columns of `source` at each offset from each row (-1 beyond the sequence's ends)."""
    n = len(source)
    parts = []
    for offset in offsets:
        shifted = np.full(source.shape, -1.0, dtype=np.float32)
        if offset < 0 and n + offset > 0:
            shifted[-offset:] = source[: n + offset]
        elif offset > 0 and n - offset > 0:
            shifted[: n - offset] = source[offset:]
        parts.append(shifted)
    return np.hstack(parts)


def window_mean(values: np.ndarray, width: int) -> np.ndarray:
    """The mean over a centred window of `width` (shorter at the sequence's ends)."""
    half = width // 2
    cumulative = np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])
    index = np.arange(len(values))
    low, high = np.maximum(index - half, 0), np.minimum(index + half + 1, len(values))
    return ((cumulative[high] - cumulative[low]) / (high - low)).astype(np.float32)
