"""Put back article text the extractor dropped from inside the article: a standfirst between
the headline and the first paragraph, a subheading or paragraph between two extracted blocks."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from ..model.block import HEADING, PARAGRAPH, Block
from ..model.segment import Segment
from ..model.words import normalise
from ..read.segments import HEADING_TAGS
from .alignment import align, sort_keys

# How far above the first extracted block the headline may sit for a standfirst to be taken.
MAX_SEGMENTS_FROM_HEADLINE = 6
MAX_HEADING_WORDS = 20
MAX_LINK_SHARE = 0.3
MIN_STANDFIRST_WORDS = 10
MIN_STANDFIRST_STOPWORDS = 0.2
# A segment whose word pairs are mostly in the output already is there in another shape.
MAX_KNOWN_PAIRS = 0.4


def _pairs(norm: str) -> set[tuple[str, str]]:
    words = norm.split()
    return set(pairwise(words))


def _already_there(norm: str, output_pairs: set[tuple[str, str]]) -> bool:
    pairs = _pairs(norm)
    return bool(pairs) and len(pairs & output_pairs) > MAX_KNOWN_PAIRS * len(pairs)


def _standfirst(segment: Segment) -> Block | None:
    """A summary under the headline: a long line of running words, often without a full stop."""
    if segment.mark or segment.in_furniture or segment.in_user_content or segment.in_link > MAX_LINK_SHARE:
        return None
    block = Block(segment.text, role=PARAGRAPH, origin=f"rescued {segment.tag}")
    if block.n_words >= MIN_STANDFIRST_WORDS and block.stopword_density >= MIN_STANDFIRST_STOPWORDS:
        return block
    return None


def _candidate(segment: Segment) -> Block | None:
    if segment.mark or segment.in_furniture or segment.in_user_content or segment.in_link > MAX_LINK_SHARE:
        return None
    if segment.tag in HEADING_TAGS:
        block = Block(segment.text, role=HEADING, origin=f"rescued {segment.tag}")
        if block.n_words <= MAX_HEADING_WORDS or block.is_prose:
            return block
        return None
    block = Block(segment.text, role=PARAGRAPH, origin=f"rescued {segment.tag}")
    return block if block.is_prose else None


def rescue_dropped(
    blocks: list[Block],
    segments: list[Segment],
    title: str | None,
    candidate: Callable[[Segment], Block | None] | None = None,
) -> tuple[list[Block], int]:
    """Blocks with dropped in-article segments put back in page order; and how many were.

    `candidate` decides which dropped segments between the first and the last extracted block
    come back (by default: prose and subheadings)."""
    take = candidate or _candidate
    norms = [s.norm for s in segments]
    where = align(blocks, norms, [s.mark is None for s in segments])
    matched = [k for k in where if k is not None]
    if len(matched) < 2:
        return blocks, 0
    first, last = matched[0], max(matched)
    title_norm = normalise(title) if title else ""
    headline = next(
        (k for k in range(first - 1, max(first - MAX_SEGMENTS_FROM_HEADLINE, 0) - 1, -1) if norms[k] == title_norm),
        None,
    )
    start = headline + 1 if headline is not None else first + 1
    covered = set(matched)
    output_text = " ".join(b.norm for b in blocks)
    output_pairs = _pairs(output_text)
    placed = list(zip(sort_keys(where), range(len(blocks)), blocks))
    taken: dict[int, Block] = {}
    for k in range(start, last):
        if k in covered or not norms[k] or norms[k] in output_text or _already_there(norms[k], output_pairs):
            continue
        # Before the first block only a standfirst is taken, not labels, bylines or dates.
        block = _standfirst(segments[k]) if k < first else take(segments[k])
        if block is not None:
            taken[k] = block
    # A heading comes back only to head text that is there: a dropped "Related" heading heads
    # a dropped list.
    for k, block in list(taken.items()):
        if block.role == HEADING and not block.is_prose:
            following = next((j for j in range(k + 1, len(segments)) if norms[j]), None)
            if following is None or (following not in covered and following not in taken):
                del taken[k]
    rescued = len(taken)
    for k, block in taken.items():
        placed.append((float(k) - 0.0001, -1, block))
    if not rescued:
        return blocks, 0
    placed.sort(key=lambda item: (item[0], item[1]))
    return [block for _, _, block in placed], rescued
