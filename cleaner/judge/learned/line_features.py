"""The features of each line (text block) of a text, for the line model: computed once per text,
the character counts in bulk with numpy.

What the line looks like (length, words, stopwords, capitals, digits, punctuation, bullets and
separators, dates), which rule took it, where it sits, its neighbours, how often it repeats in
the text, and what kind of text the whole is (a page dump of short menu lines, or an article a
scraper already pulled out). No host, no URL, nothing that names a site.
"""

from __future__ import annotations

import functools
import math
from collections import Counter

import numpy as np

from ...model.block import DATE, HEADING, LIST_ITEM, TABLE_ROW, Block
from ...model.decision import Decision
from .vocabulary import FAMILIES, LINE_WORDS, RULES
from .windows import neighbours, window_mean

LINE = (
    "log_chars",
    "log_words",
    "word_length",
    "stopwords",
    "title_case",
    "all_caps",
    "digits",
    "punctuation",
    "separators",
    "sentences",
    "ends_sentence",
    "ends_colon",
    "ends_ellipsis",
    "starts_lower",
    "is_prose",
    "role_heading",
    "role_list_item",
    "role_table_row",
    "group_start",
    "joined_lines",
    "has_date",
    "has_url",
    "has_copyright",
    "repeats",
    "position",
    "chars_before",
    "rules_removed",
    "prose_before",
    "prose_after",
    "lines_from_prose",
    "group_log_lines",
    "group_prose",
)
_COLUMN = {name: i for i, name in enumerate(LINE)}
# The neighbours' columns at each offset, and the smoothed ones over centred windows.
WINDOW_COLUMNS = ("log_chars", "stopwords", "ends_sentence", "is_prose", "rules_removed", "role_heading")
OFFSETS = (-3, -2, -1, 1, 2, 3)
SMOOTHED = ("is_prose", "rules_removed", "log_chars", "ends_sentence")
WIDTHS = (5, 15)
# What kind of text the whole is: a dump of a page has many short lines that end in no stop.
TEXT_COLUMNS = (
    "text_log_chars",
    "text_log_lines",
    "text_ends_sentence",
    "text_short_lines",
    "text_prose_words",
    "text_rules_removed",
    "text_mean_words",
)
SHORT_LINE_WORDS = 3
LINE_FEATURE_NAMES = (
    *LINE,
    *(f"family_{f}" for f in FAMILIES),
    *(f"rule_{r}" for r in RULES),
    *(f"{c}@{o:+d}" for o in OFFSETS for c in WINDOW_COLUMNS),
    *(f"{c}~{w}" for c in SMOOTHED for w in WIDTHS),
    *TEXT_COLUMNS,
    *(f"word_{w}" for w in LINE_WORDS),
)
_RULE_INDEX = {r: i for i, r in enumerate(RULES)}
_WORD_INDEX = {w: i for i, w in enumerate(LINE_WORDS)}
# Lines of more words than this are prose or lists; their words are not looked up.
MAX_LOOKED_UP_WORDS = 40
# A line with a date that counts (a timestamp, a teaser's date) is short; longer ones are prose.
MAX_DATE_LINE_CHARS = 200
_SEPARATORS = "|·•/>»›–—"
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def line_features(blocks: list[Block], decisions: dict[int, Decision]) -> np.ndarray:
    """One row of LINE_FEATURE_NAMES per block."""
    n = len(blocks)
    if not n:
        return np.zeros((0, len(LINE_FEATURE_NAMES)), np.float32)
    counts = _character_counts([b.text for b in blocks])
    repeats = Counter(b.norm for b in blocks)
    X = np.zeros((n, len(LINE)), np.float32)
    chars = counts[:, 0]
    words = np.array([b.n_words for b in blocks], np.float32)
    X[:, _COLUMN["log_chars"]] = np.log1p(chars)
    X[:, _COLUMN["log_words"]] = np.log1p(words)
    X[:, _COLUMN["word_length"]] = counts[:, 1] / np.maximum(words, 1)
    safe = np.maximum(chars, 1)
    X[:, _COLUMN["digits"]] = counts[:, 2] / safe
    X[:, _COLUMN["punctuation"]] = counts[:, 3] / safe
    X[:, _COLUMN["separators"]] = counts[:, 4]
    X[:, _COLUMN["all_caps"]] = (counts[:, 5] > 0) & (counts[:, 6] == 0)
    X[:, _COLUMN["sentences"]] = counts[:, 7]
    total = float(chars.sum()) or 1.0
    before = (np.cumsum(chars) - chars) / total
    X[:, _COLUMN["chars_before"]] = before
    X[:, _COLUMN["position"]] = np.arange(n) / max(n - 1, 1)
    rows = [_line_row(b, repeats, decisions.get(k)) for k, b in enumerate(blocks)]
    X[:, [_COLUMN[c] for c in _PER_LINE]] = np.asarray([r[0] for r in rows], np.float32)
    _prose_region(X, words, [b.group_start for b in blocks])
    for k in np.nonzero((counts[:, 2] > 0) & (chars < MAX_DATE_LINE_CHARS))[0].tolist():
        X[k, _COLUMN["has_date"]] = bool(DATE.search(blocks[k].text))
    rule_part = np.zeros((n, len(FAMILIES) + len(RULES)), np.float32)
    for k, (_, family, rule) in enumerate(rows):
        if family >= 0:
            rule_part[k, family] = 1.0
        if rule >= 0:
            rule_part[k, len(FAMILIES) + rule] = 1.0
    parts = [X, rule_part, neighbours(X[:, [_COLUMN[c] for c in WINDOW_COLUMNS]], OFFSETS)]
    parts += [window_mean(X[:, _COLUMN[c]], w)[:, None] for c in SMOOTHED for w in WIDTHS]
    parts.append(np.tile(_text_row(X, words, total, n), (n, 1)))
    parts.append(_line_words(blocks))
    return np.hstack(parts)


def _prose_region(X: np.ndarray, words: np.ndarray, group_starts: list[bool]) -> None:
    """Where the line sits against the text's prose: the share of prose words before and after
    it, how many lines away the nearest prose line is, and its paragraph group's size and prose."""
    prose = X[:, _COLUMN["is_prose"]] > 0
    prose_words = np.where(prose, words, 0.0)
    total = float(prose_words.sum()) or 1.0
    cumulative = np.cumsum(prose_words)
    X[:, _COLUMN["prose_before"]] = (cumulative - prose_words) / total
    X[:, _COLUMN["prose_after"]] = (total - cumulative) / total
    index = np.arange(len(X))
    at = np.nonzero(prose)[0]
    if len(at):
        nearest = np.searchsorted(at, index)
        after = at[np.minimum(nearest, len(at) - 1)]
        before = at[np.maximum(nearest - 1, 0)]
        distance = np.minimum(np.abs(after - index), np.abs(index - before))
        X[:, _COLUMN["lines_from_prose"]] = np.log1p(distance)
    else:
        X[:, _COLUMN["lines_from_prose"]] = np.log1p(len(X))
    group = np.cumsum(np.asarray(group_starts, bool)) - 1
    group = np.maximum(group, 0)
    sizes = np.bincount(group)
    group_words = np.bincount(group, weights=words)
    group_prose = np.bincount(group, weights=prose_words)
    X[:, _COLUMN["group_log_lines"]] = np.log1p(sizes[group])
    X[:, _COLUMN["group_prose"]] = group_prose[group] / np.maximum(group_words[group], 1.0)


def _line_words(blocks: list[Block]) -> np.ndarray:
    """Each LINE_WORDS word among the line's words, for lines of up to MAX_LOOKED_UP_WORDS."""
    out = np.zeros((len(blocks), len(LINE_WORDS)), np.float32)
    for k, block in enumerate(blocks):
        if block.n_words > MAX_LOOKED_UP_WORDS:
            continue
        found = [i for w in block.norm.split() if (i := _WORD_INDEX.get(w)) is not None]
        if found:
            out[k, found] = 1.0
    return out


# The columns _line_row fills, in its order.
_PER_LINE = (
    "stopwords",
    "title_case",
    "ends_sentence",
    "ends_colon",
    "ends_ellipsis",
    "starts_lower",
    "is_prose",
    "role_heading",
    "role_list_item",
    "role_table_row",
    "group_start",
    "joined_lines",
    "has_date",
    "has_url",
    "has_copyright",
    "repeats",
    "rules_removed",
)


def _line_row(block: Block, repeats: Counter[str], decision: Decision | None) -> tuple[list[float], int, int]:
    """The per-line columns that need Python, the rule family's column and the rule's (-1: none)."""
    text = block.text
    end = text[-1:]
    lines = block.lines or (0, 0)
    row = [
        block.stopword_density,
        block.title_case_share,
        float(block.ends_sentence),
        float(end == ":"),
        float(text.endswith(("...", "…", "»", "›", ">"))),
        float(text[:1].islower()),
        float(block.is_prose),
        float(block.role == HEADING),
        float(block.role == LIST_ITEM),
        float(block.role == TABLE_ROW),
        float(block.group_start),
        float(lines[1] > lines[0]),
        0.0,  # has_date: set in bulk, only for the short lines with digits
        float("http" in text or "www." in text or "@" in text),
        float("©" in text or "(c)" in text or "(C)" in text),
        math.log(repeats[block.norm]) if block.norm else 0.0,
        float(decision is not None),
    ]
    if decision is None:
        return row, -1, -1
    return row, _family_column(decision.rule), _RULE_INDEX.get(decision.rule, -1)


@functools.cache
def _family_column(rule: str) -> int:
    """The rule's family among FAMILIES (the last one: any other)."""
    return next((k for k, f in enumerate(FAMILIES[:-1]) if rule.startswith(f)), len(FAMILIES) - 1)


def _character_counts(texts: list[str]) -> np.ndarray:
    """Per text: characters, word characters, digits, punctuation, separators, upper- and
    lower-case letters, sentence ends; counted over all the texts at once."""
    joined = "\n".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    lengths = np.fromiter(map(len, texts), np.int64, len(texts))
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    upper = (codes >= 65) & (codes <= 90)
    lower = (codes >= 97) & (codes <= 122)
    digit = (codes >= 48) & (codes <= 57)
    # Letters beyond ASCII count as word characters (accented words, other scripts).
    word = upper | lower | digit | (codes > 191)
    punctuation = np.isin(codes, _codes(_PUNCTUATION))
    separators = np.isin(codes, _codes(_SEPARATORS))
    stop = np.isin(codes, _codes(".!?"))
    following = np.concatenate([codes[1:], [32]])
    sentence_end = stop & ((following == 32) | (following == 10))
    columns = np.stack([word, digit, punctuation, separators, upper, lower, sentence_end], axis=1)
    sums = np.add.reduceat(columns.astype(np.int32), starts, axis=0) if len(codes) else np.zeros((len(texts), 7))
    # reduceat gives an empty text the row of the next character: zero it.
    sums[lengths == 0] = 0
    return np.column_stack([lengths, sums]).astype(np.float32)


def _codes(characters: str) -> np.ndarray:
    return np.frombuffer(characters.encode("utf-32-le"), dtype=np.uint32)


def short_line_share(words: np.ndarray) -> float:
    """The share of lines of SHORT_LINE_WORDS words or fewer (0 for no lines)."""
    return float((words <= SHORT_LINE_WORDS).mean()) if len(words) else 0.0


def _text_row(X: np.ndarray, words: np.ndarray, chars: float, n: int) -> np.ndarray:
    """The whole text's columns: its size, and how much of it reads as prose or as short lines."""
    all_words = float(words.sum()) or 1.0
    prose = X[:, _COLUMN["is_prose"]] > 0
    removed = X[:, _COLUMN["rules_removed"]] > 0
    return np.asarray(
        [
            math.log1p(chars),
            math.log1p(n),
            float(X[:, _COLUMN["ends_sentence"]].mean()),
            short_line_share(words),
            float(words[prose].sum()) / all_words,
            float(words[removed].sum()) / all_words,
            math.log1p(all_words / n),
        ],
        np.float32,
    )
