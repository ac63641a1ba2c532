"""Fingerprints of blocks for site profiles: the same template block on two pages of a site gets
the same fingerprint although its date, its counts or its case differ, and a block that differs
in a few words (a rotating list run into one line) shares a near-duplicate band with it.

Fingerprints are 64-bit integers from blake2b, stable across processes and Python versions
(Python's own hash() is salted per process), so profiles built by parallel workers merge.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from hashlib import blake2b
from itertools import pairwise

# Month and weekday names (and their usual abbreviations) in the languages of the phrase data:
# a template's "Updated March 3, 2026" and "Updated April 12, 2026" are one block.
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "januar februar märz april mai juni juli august september oktober november dezember "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre"
)
_WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "lunes martes miércoles jueves viernes sábado domingo"
)
_MONTH_WORDS = frozenset(_MONTHS.split())
_WEEKDAY_WORDS = frozenset(_WEEKDAYS.split())
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_DIGITS = re.compile(r"\d+")
# List bullets and quote marks at the ends carry nothing a template varies by.
_EDGE = " \t\r\n-–—•·*|>»«\"'“”‘’()[]"

# Near-duplicates: MinHash over word pairs, NEAR_BANDS bands of NEAR_ROWS hashes each. Two blocks
# share a band with probability 1 - (1 - J**NEAR_ROWS) ** NEAR_BANDS for Jaccard similarity J of
# their word pairs: 0.99 at J = 0.7 (a byline with another author's name), 0.88 at 0.5, 0.01 at
# 0.1; two paragraphs of one subject share a few per cent of their word pairs.
NEAR_BANDS = 10
NEAR_ROWS = 3
# Near-duplicates have nearly the same length: within this factor they may share a length cell,
# within its square root they always do.
LENGTH_CELL_RATIO = 1.5
# Shorter blocks have too few word pairs for a similarity to mean anything, and longer ones are
# paragraphs (a blurb, a byline, a box's line are shorter), whose bands would cost most of the
# time: exact matches only.
NEAR_MIN_TOKENS = 8
NEAR_MAX_TOKENS = 80
_MASK64 = (1 << 64) - 1
# The hash family: h -> a*h + b mod 2**64, a bijection for odd a; its minimum over a block's pair
# hashes is decided by the high bits, which the multiplication mixes. Fixed seeds: every process
# and every version computes the same bands.
_PERMUTATIONS = tuple(
    (
        int.from_bytes(blake2b(f"a{k}".encode(), digest_size=8).digest(), "big") | 1,
        int.from_bytes(blake2b(f"b{k}".encode(), digest_size=8).digest(), "big"),
    )
    for k in range(NEAR_BANDS * NEAR_ROWS)
)


def template_tokens(text: str) -> list[str]:
    """The block's words as a template sees them: case folded, digits as 0, dates as <m>/<d>."""
    tokens = []
    for token in _TOKEN.findall(text.strip(_EDGE).casefold()):
        if token in _MONTH_WORDS:
            token = "<m>"
        elif token in _WEEKDAY_WORDS:
            token = "<d>"
        elif token[0].isdigit() or token[-1].isdigit():
            token = _DIGITS.sub("0", token)
        tokens.append(token)
    return tokens


def _hash64(data: str) -> int:
    return int.from_bytes(blake2b(data.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


# Fingerprints kept: a site's template blocks are asked about on every page of it; a bound on
# memory, as the keys are whole paragraphs.
MAX_CACHED_FINGERPRINTS = 8192


@lru_cache(maxsize=MAX_CACHED_FINGERPRINTS)
def block_fingerprints(text: str) -> tuple[int, tuple[int, ...]]:
    """(exact fingerprint, near-duplicate band keys) of a block; no bands for a short block."""
    tokens = template_tokens(text)
    exact = _hash64(" ".join(tokens))
    if not NEAR_MIN_TOKENS <= len(tokens) <= NEAR_MAX_TOKENS:
        return exact, ()
    return exact, near_bands(tokens)


def near_bands(tokens: list[str]) -> tuple[int, ...]:
    """Band keys, each in the two length cells of the block (see length_cells)."""
    pairs = {_hash64(f"{a} {b}") for a, b in pairwise(tokens)}
    minima = [min((a * h + b) & _MASK64 for h in pairs) for a, b in _PERMUTATIONS]
    cells = length_cells(len(tokens))
    bands: list[int] = []
    for band in range(NEAR_BANDS):
        rows = ",".join(map(str, minima[band * NEAR_ROWS : (band + 1) * NEAR_ROWS]))
        bands.extend(_hash64(f"{cell}:{band}:{rows}") for cell in cells)
    return tuple(bands)


def length_cells(n_tokens: int) -> tuple[str, str]:
    """Two cells of the block's length on two grids offset by half a cell (a cell spans a factor
    of LENGTH_CELL_RATIO). Blocks differing in a few words have nearly the same length and share
    a cell; a teaser cut from a paragraph (18 of its 50 words) shares no cell with it, although
    many of its word pairs are the paragraph's."""
    x = math.log(n_tokens) / math.log(LENGTH_CELL_RATIO)
    return f"a{math.floor(x)}", f"b{math.floor(x + 0.5)}"


def document_fingerprint(text: str) -> int:
    """The whole document's text, so that learning a page twice counts it once."""
    return _hash64(" ".join(text.split()))
