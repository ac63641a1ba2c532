"""The gate's bits for all the texts of a document at once (its blocks), by kind of need.

PhraseGate.mask looks at one text at a time: a dozen steps in Python for each block of a
document. Here each kind of need is looked for over all the texts in a few passes that run in C,
and Python steps in only for the texts that some need holds:

- words: each text's words (those of its normalised form), against the words of the document
  that let a list through (the gate knows most words to let none through);
- exact phrases and prefixes: only the texts whose first word opens one are looked up;
- literals without a word (",", "©", "|"): found in the lowercased texts joined by line breaks
  (no literal holds a space, so none spans two texts), each find mapped back to its text;
- anchored patterns: matched against each text, and against it without its leading symbols.

A text with a character that case folding treats apart from str.lower(), or with a Σ after
leading symbols (whose lowercase depends on what precedes it), is asked about on its own. The
bits are those candidate_lists gives (tests/fast_paths compares them).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate, repeat

from ..model.words import has_case_twins
from .gate import PhraseGate


def opens_a_word(stripped: str) -> bool:
    """A text that opens with a word character has no leading symbols to strip."""
    return stripped[:1].isalnum() or stripped[:1] == "_"


def text_masks(
    gate: PhraseGate,
    texts: Sequence[str],
    norms: Sequence[str],
    alone: Callable[[int], int],
    bare: Callable[[str], str],
) -> list[int]:
    """The gate's bits for each text, given its normalised form; alone(i) gives the bits of
    text i by the one-text path, bare(stripped) a text without its leading symbols."""
    if not gate.joins_by_line_breaks():
        return [alone(i) for i in range(len(texts))]
    words = list(map(str.split, norms, repeat(" ")))
    bits = [gate.always_bits] * len(texts)
    _add_words(gate, words, bits)
    heads = gate.head_words
    for i in [i for i, found in enumerate(words) if found[0] in heads]:
        bits[i] |= gate.head_bits(norms[i])
    _add_literals(gate, texts, bits)
    anchored = gate.anchored_match
    stripped = list(map(str.strip, texts))
    if anchored is not None:
        for i in [i for i, hit in enumerate(map(anchored, stripped)) if hit]:
            bits[i] |= gate.anchored_bits
    for i in [i for i, text in enumerate(stripped) if not opens_a_word(text) or not text.isascii()]:
        text = stripped[i]
        if has_case_twins(text) or ("Σ" in text and not opens_a_word(text)):
            bits[i] = alone(i)
        elif anchored is not None and not opens_a_word(text) and anchored(bare(text)):
            bits[i] |= gate.anchored_bits
    return bits


def _add_words(gate: PhraseGate, words: list[list[str]], bits: list[int]) -> None:
    hits = gate.word_hits(set().union(*words))
    if not hits:
        return
    keys = hits.keys()
    for i in [i for i, none in enumerate(map(keys.isdisjoint, words)) if not none]:
        for word in keys & words[i]:
            bits[i] |= hits[word]


def _add_literals(gate: PhraseGate, texts: Sequence[str], bits: list[int]) -> None:
    """The bits of the literals without a word, found in the lowercased texts joined by line
    breaks, each find mapped back to its text by offset."""
    lows = [text.lower() for text in texts]
    joined = "\n".join(lows)
    starts = list(accumulate((len(low) + 1 for low in lows), initial=0))
    last = len(lows) - 1
    for literal, bit in gate.text_literals:
        at = joined.find(literal)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            bits[i] |= bit
            at = joined.find(literal, starts[i + 1]) if i < last else -1
