"""Which phrase lists may match a text: the gate's answer per text, kept for the texts met again.

Every list asks in turn about the same block, in every rule and every pass; the answer (a bit per
list, see gate.PhraseGate) is computed once per text and kept in a bounded cache.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model.words import STOPWORDS, fold_case, has_case_twins
from .gate import PhraseGate, text_words
from .gate_texts import opens_a_word, text_masks

# Emoji, arrows and bullets that open a line ("🚀 Sign up for...", "👉 Donate today"): patterns
# anchored at the start of a line should see the words, as the exact and prefix lists do.
LEADING_SYMBOLS = re.compile(r"^[^\w\s\"'“‘«„(\[<>$€£#@]+\s*")


class RecentTexts:
    """Texts mapped to (normalised form, candidate bits), bounded in two generations: when the
    newer fills, it becomes the older and the oldest entries go. A document's blocks, asked
    about again and again by the rules, stay in the cache while it fills (a single dict cleared
    when full would drop them all at once and recompute them)."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self.new: dict[str, tuple[str, int]] = {}
        self._old: dict[str, tuple[str, int]] = {}

    def recall(self, text: str) -> tuple[str, int] | None:
        """The entry of a text not in the newer generation (callers look there first, inline:
        most asks find the text there), moved into it."""
        entry = self._old.get(text)
        if entry is not None:
            self.put(text, entry)
        return entry

    def put(self, text: str, entry: tuple[str, int]) -> None:
        if len(self.new) >= self._limit:
            self._old, self.new = self.new, {}
        self.new[text] = entry

    def clear(self) -> None:
        self.new.clear()
        self._old.clear()


# Texts with the normalised form they were asked with and the bits of the lists that may match.
MAX_CACHED_CANDIDATES = 30_000


CANDIDATES = RecentTexts(MAX_CACHED_CANDIDATES)

# One gate over the lists of every family: a block asked about by all the rules is looked at once.
GATE = PhraseGate(STOPWORDS)


def candidate_lists(text: str, norm: str, *, norm_of_text: bool = False) -> int:
    """Bits of the data's phrase lists that may match the text (see PhraseGate); memoised, as
    every list asks in turn about the same block.

    With norm_of_text the caller vouches that norm is normalise(text), whose words are those of
    the case-folded text unless the text has a character fold_case treats apart.
    """
    entry = CANDIDATES.new.get(text) or CANDIDATES.recall(text)
    if entry is not None and (entry[0] is norm or entry[0] == norm):
        return entry[1]
    bits = gate_bits(text, norm, norm_of_text)
    CANDIDATES.put(text, (norm, bits))
    return bits


def candidate_lists_of(texts: Sequence[str], norms: Sequence[str]) -> list[int]:
    """candidate_lists(text, norm, norm_of_text=True) of each text and its normalised form, found
    for all the texts at once (see gate_texts). The texts some list may match are remembered, as
    one by one: the rules match them next."""

    def alone(i: int) -> int:
        return candidate_lists(texts[i], norms[i], norm_of_text=True)

    bits = text_masks(GATE, texts, norms, alone, _without_leading_symbols)
    for i in [i for i, found in enumerate(bits) if found]:
        CANDIDATES.put(texts[i], (norms[i], bits[i]))
    return bits


def _without_leading_symbols(stripped: str) -> str:
    return LEADING_SYMBOLS.sub("", stripped)


def gate_bits(text: str, norm: str, norm_of_text: bool) -> int:
    # The forms as text_forms makes them, without its cache: the gate sees each text once, and
    # only the few texts it lets through are matched (and their forms cached) later.
    stripped = text.strip()
    twins = has_case_twins(text)
    folded = fold_case(stripped) if twins else stripped.lower()
    words = norm.split(" ")
    if not norm_of_text or twins:
        words += text_words(folded)
    bare = stripped if opens_a_word(stripped) else LEADING_SYMBOLS.sub("", stripped)
    if bare == stripped:
        return GATE.mask(norm, words, (stripped,), (folded,))
    folded_bare = fold_case(bare)
    words += text_words(folded_bare)
    return GATE.mask(norm, words, (stripped, bare), (folded, folded_bare))
