"""What an extraction skipped inside its own stretch of the page: the steps that putting back
skipped sections (fill.py) and dropped article text (rescue.py) share.

The stretch runs from the first to the last page segment an extracted block came from (from
the headline, when it sits just above the first). `skipped` lists the segments in it that the
output lacks; each caller decides which of them come back; `headings_with_text` drops a heading
that would head nothing; `placed` puts what came back among the blocks in page order.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from ..model.block import HEADING, PARAGRAPH, Block
from ..model.segment import Segment
from ..model.words import normalise
from .alignment import align, sort_keys

# How far above the first extracted block the headline may sit for a standfirst to be taken.
MAX_SEGMENTS_FROM_HEADLINE = 6
# Segments with more of their words in links than this are menus and lists, not article text.
MAX_LINK_SHARE = 0.3
MIN_STANDFIRST_WORDS = 10
MIN_STANDFIRST_STOPWORDS = 0.2
# A segment whose word pairs are mostly in the output already is there in another shape.
MAX_KNOWN_PAIRS = 0.4


@dataclass
class Stretch:
    """The extraction placed on the page."""

    where: list[int | None]  # each block's page segment (align), None where it was reshaped
    first: int  # the first and the last segment a block came from
    last: int
    start: int  # where skipped text may begin: after the headline, else after the first block


def stretch(blocks: list[Block], segments: list[Segment], title: str | None) -> Stretch | None:
    """The extraction's stretch of the page, or None when fewer than two blocks are placed."""
    norms = [s.norm for s in segments]
    where = align(blocks, norms, [s.mark is None for s in segments])
    matched = [k for k in where if k is not None]
    if len(matched) < 2:
        return None
    first, last = matched[0], max(matched)
    title_norm = normalise(title) if title else ""
    headline = next(
        (k for k in range(first - 1, max(first - MAX_SEGMENTS_FROM_HEADLINE, 0) - 1, -1) if norms[k] == title_norm),
        None,
    )
    start = headline + 1 if headline is not None else first + 1
    return Stretch(where, first, last, start)


def skipped(found: Stretch, blocks: list[Block], segments: list[Segment]) -> list[int]:
    """The segments of the stretch no block came from whose text the output does not hold,
    whole or in another shape."""
    covered = {k for k in found.where if k is not None}
    output_text = " ".join(b.norm for b in blocks)
    output_pairs = _pairs(output_text)
    out = []
    for k in range(found.start, found.last):
        norm = segments[k].norm
        if k in covered or not norm or norm in output_text or _already_there(norm, output_pairs):
            continue
        out.append(k)
    return out


def standfirst(segment: Segment, k: int) -> Block | None:
    """A summary under the headline: a long line of running words, often without a full stop.
    Before the first extracted block only this is taken, not labels, bylines or dates."""
    if segment.mark or segment.in_furniture or segment.in_user_content or segment.in_link > MAX_LINK_SHARE:
        return None
    block = Block(segment.text, role=PARAGRAPH, origin=f"rescued {segment.tag}", segment=k)
    if block.n_words >= MIN_STANDFIRST_WORDS and block.stopword_density >= MIN_STANDFIRST_STOPWORDS:
        return block
    return None


def headings_with_text(taken: dict[int, Block], found: Stretch, segments: list[Segment]) -> dict[int, Block]:
    """The blocks taken back (by segment) without the headings that head no text that is there:
    a dropped "Related" heading heads a dropped list."""
    covered = {k for k in found.where if k is not None}
    kept = dict(taken)
    for k, block in taken.items():
        if block.role == HEADING and not block.is_prose:
            following = next((j for j in range(k + 1, len(segments)) if segments[j].norm), None)
            if following is None or (following not in covered and following not in kept):
                del kept[k]
    return kept


def placed(blocks: list[Block], found: Stretch, taken: dict[int, Block]) -> list[Block]:
    """The blocks with those taken back (by segment) put in page order."""
    order = list(zip(sort_keys(found.where), range(len(blocks)), blocks))
    for k, block in taken.items():
        order.append((float(k) - 0.0001, -1, block))
    order.sort(key=lambda item: (item[0], item[1]))
    return [block for _, _, block in order]


def _pairs(norm: str) -> set[tuple[str, str]]:
    return set(pairwise(norm.split()))


def _already_there(norm: str, output_pairs: set[tuple[str, str]]) -> bool:
    pairs = _pairs(norm)
    return bool(pairs) and len(pairs & output_pairs) > MAX_KNOWN_PAIRS * len(pairs)
