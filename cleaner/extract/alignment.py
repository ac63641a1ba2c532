"""Place extracted blocks on the page: which page segment each block's text came from (align,
for the extraction's own use), and which block holds each word of the page (match_words, for
the account of what was removed)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from itertools import pairwise

from ..model.block import Block


def align(blocks: list[Block], norms: list[str], usable: list[bool]) -> list[int | None]:
    """For each block, the index of the first unused page segment after the previous match
    whose normalised text equals the block's, or None when the extractor reshaped the text."""
    positions: dict[str, list[int]] = {}
    for k, norm in enumerate(norms):
        if usable[k] and norm:
            positions.setdefault(norm, []).append(k)
    where: list[int | None] = []
    last = -1
    for block in blocks:
        # Matches only move forward, so every segment after the last match is unused: a binary
        # search finds the next one (a scan from the start was quadratic on pages of many blocks
        # with the same text).
        candidates = positions.get(block.norm, ())
        at = bisect_right(candidates, last)
        position = candidates[at] if at < len(candidates) else None
        if position is not None:
            last = position
        where.append(position)
    return where


def sort_keys(where: list[int | None]) -> list[float]:
    """Order keys for blocks: their segment index, or just after the previous placed block."""
    keys: list[float] = []
    last = -1.0
    for position in where:
        last = float(position) if position is not None else last + 0.001
        keys.append(last)
    return keys


# Word matching, for the account: which of the page's words the output holds, word by word.
# Segment-level equality (align) misses text the extractor reshaped: segments joined into one
# block, a block split at an inline element, a date or a button dropped from inside a paragraph.

_TOKEN = re.compile(r"\w+")
# Gaps of at most this many page words times output words are matched exactly; larger ones are
# first cut at the long runs they share (difflib's "autojunk" leaves out the commonest words,
# which made a gap of thousands of words on each side cost seconds), then matched exactly.
# An exact match costs up to about a microsecond a cell on repetitive text ("x y x y ...").
EXACT_MATCH_CELLS = 10_000
# How many times a large gap is cut at its shared runs before what is left is given up on.
COARSE_PASSES = 2
# The matching work one page may do, in cells (an exact match of a gap costs its cells, a cut at
# shared runs a hundredth of them): a hostile page of repetitive gaps takes a second or two, not
# minutes. WCXB dev pages use at most 368,000; past the budget, the words left are given up on
# (reported removed, so the account stays complete).
MATCH_CELLS_PER_PAGE = 1_000_000
# Text the extractor moved is matched in passes over what is left, each taking the moved pieces
# that are in order with each other, until one finds nothing. On every third WCXB dev page the
# first pass matched 9,400 more words, the second 900, the next two 1,100, the four after 100;
# most pages need none.
REMATCH_PASSES = 8


def word_spans(text: str) -> list[re.Match[str]]:
    """The words of a text, the runs of word characters lexicon.normalise keeps, as matches that
    give their places in the text."""
    return list(_TOKEN.finditer(text))


def match_words(page: Sequence[str], output: Sequence[str]) -> list[list[int | None]]:
    """For each word of each page part, the index of the output part holding it, or None.

    `page` is the normalised text of the page's parts (segments), `output` that of the
    extractor's (blocks); an empty one takes no part. Each output word is used once. The
    matching keeps the order of both (see _match_in_order); then the parts left wholly
    unmatched on both sides are matched again the same way, for text the extractor moved (a
    sidebar's text put before the article's, a container it read first).
    """
    page_words = [norm.split() for norm in page]
    output_words = [norm.split() for norm in output]
    owners: list[list[int | None]] = [[None] * len(words) for words in page_words]
    budget = _Budget(MATCH_CELLS_PER_PAGE)
    _match_in_order(page, output, page_words, output_words, owners, budget)
    held = _held(owners)
    for _ in range(REMATCH_PASSES):
        left_output = ["" if i in held else norm for i, norm in enumerate(output)]
        words = {word for i, norm in enumerate(left_output) if norm for word in output_words[i]}
        # Page parts left wholly unmatched, that share a word with what is left of the output.
        left_page = [""] * len(page)
        for k, part in enumerate(owners):
            if _none_matched(part) and not words.isdisjoint(page_words[k]):
                left_page[k] = page[k]
        if not any(left_page):
            break
        _match_in_order(left_page, left_output, page_words, output_words, owners, budget)
        held_before, held = held, _held(owners)
        if held == held_before:
            break
    return owners


def _none_matched(part: list[int | None]) -> bool:
    """Whether a page part has words and none of them is matched (the first word tells most)."""
    return bool(part) and part[0] is None and part.count(None) == len(part)


def _held(owners: list[list[int | None]]) -> set[int]:
    """The output parts some page word is matched to."""
    return {i for part in owners for i in set(part) if i is not None}


def _match_in_order(
    page: Sequence[str],
    output: Sequence[str],
    page_words: list[list[str]],
    output_words: list[list[str]],
    owners: list[list[int | None]],
    budget: _Budget,
) -> None:
    """Match the words of the page parts and output parts with text (as match_words), in the
    order of both sides, into owners.

    It anchors on parts with the same text found once on each side (as patience diff does), so
    that a common line ("Share", "Home") cannot pull it to the wrong end of the page, then does
    the same between each two anchors; where no text is unique, equal parts are paired in
    order; the words left between anchors are matched one by one.
    """
    gaps = [(range(len(page)), range(len(output)))]
    while gaps:
        page_parts, output_parts = gaps.pop()
        if not any(output[i] for i in output_parts):
            continue  # the common case: page text the output left out, between two kept blocks
        anchors = _unique_anchors(page, output, page_parts, output_parts) or _equal_in_order(
            page, output, page_parts, output_parts
        )
        if not anchors:
            _match_gap(page, output, page_words, output_words, page_parts, output_parts, owners, budget)
            continue
        bounds = [
            (page_parts.start - 1, output_parts.start - 1),
            *anchors,
            (page_parts.stop, output_parts.stop),
        ]
        for (k0, i0), (k1, i1) in pairwise(bounds):
            if k0 >= page_parts.start:
                owners[k0] = [i0] * len(page_words[k0])
            gaps.append((range(k0 + 1, k1), range(i0 + 1, i1)))


def _unique_anchors(
    page: Sequence[str], output: Sequence[str], page_parts: range, output_parts: range
) -> list[tuple[int, int]]:
    """(page part, output part) pairs of the ranges with the same text, found once in each
    range: the longest run of them in the order of both."""
    on_page = _once(page, page_parts)
    in_output = _once(output, output_parts)
    pairs = [(on_page[norm], i) for norm, i in in_output.items() if norm in on_page]
    pairs.sort(key=lambda pair: pair[1])
    return _longest_increasing(pairs)


def _equal_in_order(
    page: Sequence[str], output: Sequence[str], page_parts: range, output_parts: range
) -> list[tuple[int, int]]:
    """Pairs of parts of the ranges with the same text, each output part taking the first page
    part after the one before it: a list's repeated items ("Add to cart"), where none is unique."""
    positions: dict[str, list[int]] = {}
    for k in page_parts:
        if page[k]:
            positions.setdefault(page[k], []).append(k)
    pairs = []
    last = page_parts.start - 1
    for i in output_parts:
        candidates = positions.get(output[i], ())
        at = bisect_right(candidates, last)
        if at < len(candidates):
            last = candidates[at]
            pairs.append((last, i))
    return pairs


def _once(norms: Sequence[str], parts: range) -> dict[str, int]:
    """The index of each non-empty text of the range found at no other index of it."""
    first: dict[str, int] = {}
    repeated: set[str] = set()
    for k in parts:
        norm = norms[k]
        if norm:
            if norm in first:
                repeated.add(norm)
            else:
                first[norm] = k
    return {norm: k for norm, k in first.items() if norm not in repeated}


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of pairs (sorted by their second item) whose first items increase."""
    tails: list[int] = []  # tails[n]: page index ending the best run of length n + 1
    ends: list[int] = []  # the pair index of that run's end
    back: list[int] = []  # for each pair, the pair before it in its run (-1 for none)
    for n, (k, _) in enumerate(pairs):
        at = bisect_left(tails, k)
        back.append(ends[at - 1] if at else -1)
        if at == len(tails):
            tails.append(k)
            ends.append(n)
        else:
            tails[at], ends[at] = k, n
    run: list[tuple[int, int]] = []
    n = ends[-1] if ends else -1
    while n >= 0:
        run.append(pairs[n])
        n = back[n]
    return run[::-1]


class _Budget:
    """The matching cells a page has left (MATCH_CELLS_PER_PAGE)."""

    def __init__(self, cells: int) -> None:
        self.cells = cells

    def spend(self, cells: int) -> bool:
        """Take the cells if they are left; False when the page has used its budget."""
        if cells > self.cells:
            return False
        self.cells -= cells
        return True


def _match_gap(
    page: Sequence[str],
    output: Sequence[str],
    page_words: list[list[str]],
    output_words: list[list[str]],
    page_parts: range,
    output_parts: range,
    owners: list[list[int | None]],
    budget: _Budget,
) -> None:
    """Match the words of the page parts and the output parts between two anchors, one by one."""
    page_parts_in = [k for k in page_parts if page[k]]
    output_parts_in = [i for i in output_parts if output[i]]
    a = [word for k in page_parts_in for word in page_words[k]]
    b = [word for i in output_parts_in for word in output_words[i]]
    if not a or not b:
        return
    places = [(k, j) for k in page_parts_in for j in range(len(page_words[k]))]
    holders = [i for i in output_parts_in for _ in output_words[i]]
    for x, y in _matched_pairs(a, b, budget):
        k, j = places[x]
        owners[k][j] = holders[y]


def _matched_pairs(
    a: list[str], b: list[str], budget: _Budget, coarse_passes: int = COARSE_PASSES
) -> Iterator[tuple[int, int]]:
    """Positions of a and b matched to each other, in order: an exact longest-run matching on
    small gaps; on large ones, the long shared runs first and the gaps between them in turn.
    Words of a gap that is left unmatched are reported removed: the account stays complete."""
    if not a or not b:
        return
    cells = len(a) * len(b)
    # difflib leaves the commonest words out of the second sequence, and only of one of at least
    # _AUTOJUNK_MIN_LENGTH: below that, matching is exact whatever is asked.
    exact = cells <= EXACT_MATCH_CELLS or max(len(a), len(b)) < _AUTOJUNK_MIN_LENGTH
    if exact:
        if budget.spend(cells):
            for x, y, size in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
                yield from ((x + t, y + t) for t in range(size))
        return
    # difflib leaves out the words in more than 1% of the longer side: each word of the other
    # meets at most 1% of its positions.
    if not coarse_passes or not budget.spend(cells // _AUTOJUNK_SHARE):
        return
    swap = len(a) > len(b)  # the commonest words are left out of the longer side
    matcher = SequenceMatcher(None, b, a) if swap else SequenceMatcher(None, a, b)
    x0 = y0 = 0
    for first, second, size in matcher.get_matching_blocks():
        x, y = (second, first) if swap else (first, second)
        # The words between this shared run and the previous one.
        yield from ((x0 + p, y0 + q) for p, q in _matched_pairs(a[x0:x], b[y0:y], budget, coarse_passes - 1))
        yield from ((x + t, y + t) for t in range(size))
        x0, y0 = x + size, y + size


# The length from which difflib's autojunk leaves out a sequence's commonest words, and the
# share of it (1 in 100) a word must exceed to be left out.
_AUTOJUNK_MIN_LENGTH = 200
_AUTOJUNK_SHARE = 100
