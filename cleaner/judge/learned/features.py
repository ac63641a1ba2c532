"""The features of each page segment, computed once per page, in bulk where numpy can.

What the text looks like, where it sits in the markup (tag, generic class/id words, depth, links,
furniture), where it sits in the page, what trafilatura and the rules did with it, and the same
for its neighbours. No host, no URL, nothing that names a site.
"""

from __future__ import annotations

import functools
import math
import re

import numpy as np

from ...model.block import Block
from ...model.decision import Decision
from ...model.segment import Segment
from ...model.words import STOPWORDS, normalise
from .found import found_share, removing_decisions
from .vocabulary import FAMILIES, KINDS, MARKUP_WORDS, RULES, TAGS
from .windows import neighbours, window_mean

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_SPLIT = re.compile(r"[^a-z0-9]+")
_WORD_INDEX = {word: i for i, word in enumerate(MARKUP_WORDS)}

SHAPE = (
    "log_chars",
    "log_words",
    "word_length",
    "stopwords",
    "capitalised",
    "digits",
    "punctuation",
    "sentences",
    "ends_in_stop",
    "ends_in_colon",
    "starts_with_bullet",
    "has_pipe",
    "has_copyright",
)
PLACE = ("in_link", "in_furniture", "in_user_content", "is_title", "position", "chars_before")
TRAFILATURA, RULES_KEPT = "trafilatura_kept", "rules_kept"
SEGMENT_COLUMNS = (
    *SHAPE,
    *PLACE,
    TRAFILATURA,
    RULES_KEPT,
    *(f"mark_{f}" for f in FAMILIES),
    *(f"removed_{f}" for f in FAMILIES),
    *(f"rule_{r}" for r in RULES),
    *(f"tag_{t}" for t in TAGS),
    "in_noscript",
)
# The neighbours' columns (a window of three on each side) and the smoothed extractor choices.
WINDOW_COLUMNS = ("log_chars", "log_words", "stopwords", "in_link", TRAFILATURA, RULES_KEPT)
OFFSETS = (-3, -2, -1, 1, 2, 3)
SMOOTHED = (TRAFILATURA, RULES_KEPT)
WIDTHS = (5, 15)
PAGE_COLUMNS = (
    "page_log_chars",
    "page_log_segments",
    "page_trafilatura_share",
    "page_rules_share",
    *(f"kind_{k}" for k in KINDS),
)
FEATURE_NAMES = (
    *SEGMENT_COLUMNS,
    *(f"{c}@{o:+d}" for o in OFFSETS for c in WINDOW_COLUMNS),
    *(f"{c}~{w}" for c in SMOOTHED for w in WIDTHS),
    *PAGE_COLUMNS,
    *(f"near_{w}" for w in MARKUP_WORDS),
    *(f"above_{w}" for w in MARKUP_WORDS),
    "depth",
    "described_ancestors",
)
_COLUMN = {name: i for i, name in enumerate(SEGMENT_COLUMNS)}


def page_features(
    segments: list[Segment],
    extracted: list[Block],
    blocks: list[Block],
    removed: dict[int, Decision],
    title: str | None,
    kind: str | None,
) -> np.ndarray:
    """One row of FEATURE_NAMES per segment."""
    n = len(segments)
    if not n:
        return np.zeros((0, len(FEATURE_NAMES)), np.float32)
    trafilatura = found_share(segments, [b.text for b in extracted])
    kept = found_share(segments, [b.text for i, b in enumerate(blocks) if i not in removed])
    rules = [d.rule if d else "" for d in removing_decisions(segments, blocks, removed)]
    title_norm = normalise(title) if title else ""
    total = sum(len(s.text) for s in segments) or 1
    rows, before = [], 0
    for k, segment in enumerate(segments):
        place = [
            segment.in_link,
            segment.in_furniture,
            segment.in_user_content,
            bool(title_norm) and segment.norm == title_norm,
            k / max(n - 1, 1),
            before / total,
        ]
        mark = segment.mark.split("|", 1)[0] if segment.mark else ""
        rows.append(
            text_shape(segment.text)
            + place
            + [trafilatura[k], kept[k]]
            + _families(mark)
            + _families(rules[k])
            + [rules[k] == r for r in RULES]
            + [segment.tag == t for t in TAGS]
            + [segment.in_noscript]
        )
        before += len(segment.text)
    X = np.asarray(rows, dtype=np.float32)
    parts = [X, neighbours(X[:, [_COLUMN[c] for c in WINDOW_COLUMNS]], OFFSETS)]
    parts += [window_mean(X[:, _COLUMN[c]], w)[:, None] for c in SMOOTHED for w in WIDTHS]
    page = [math.log1p(total), math.log1p(n), float(trafilatura.mean()), float(kept.mean())]
    page += [(kind or "none") == k for k in KINDS]
    parts.append(np.tile(np.asarray(page, dtype=np.float32), (n, 1)))
    parts.append(_markup(segments))
    parts.append(np.asarray([[s.depth, len(s.ancestry)] for s in segments], np.float32))
    return np.hstack(parts)


def declared_kind(X: np.ndarray) -> str | None:
    """The declared kind of the page a feature matrix was computed for (its kind_ columns)."""
    for kind in KINDS:
        if len(X) and X[0, FEATURE_NAMES.index(f"kind_{kind}")]:
            return None if kind == "none" else kind
    return None


def text_shape(text: str) -> list[float]:
    words = _WORD.findall(text)
    n, chars = len(words), len(text)
    stop = sum(w.lower() in STOPWORDS for w in words) / n if n else 0.0
    capitalised = sum(w[:1].isupper() for w in words) / n if n else 0.0
    digits = sum(map(str.isdigit, text)) / chars if chars else 0.0
    alnum_or_space = sum(map(str.isalnum, text)) + sum(map(str.isspace, text))
    punctuation = (chars - alnum_or_space) / chars if chars else 0.0
    end = text.rstrip()[-1:]
    return [
        math.log1p(chars),
        math.log1p(n),
        chars / n if n else 0.0,
        stop,
        capitalised,
        digits,
        punctuation,
        float(len(_SENTENCE_END.findall(text))),
        float(end in (".", "!", "?") and bool(end)),
        float(end == ":"),
        float(text[:1] in "•·-–—*|»>" and bool(text)),
        float("|" in text),
        float("©" in text or "(c)" in text.lower()),
    ]


def _families(rule: str) -> list[bool]:
    """Which family a rule name belongs to, and whether there is one at all."""
    return [rule.startswith(f) for f in FAMILIES[:-1]] + [bool(rule)]


def _markup(segments: list[Segment]) -> np.ndarray:
    """Each markup word in the nearest two class/id descriptors, and anywhere above."""
    return np.vstack([_markup_words(segment.ancestry) for segment in segments])


@functools.lru_cache(maxsize=8192)  # a site's pages repeat the same ancestries
def _markup_words(ancestry: tuple[str, ...]) -> np.ndarray:
    near = np.zeros(len(MARKUP_WORDS), np.float32)
    above = np.zeros(len(MARKUP_WORDS), np.float32)
    last = len(ancestry) - 2
    for k, descriptor in enumerate(ancestry):
        for word in _SPLIT.split(descriptor):
            i = _WORD_INDEX.get(word)
            if i is not None:
                above[i] = 1.0
                if k >= last:
                    near[i] = 1.0
    return np.concatenate([near, above])
