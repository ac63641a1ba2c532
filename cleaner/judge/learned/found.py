"""Which page segments another reading kept: the extractor's blocks, the rules' kept blocks, the
blocks a rule removed. Matched by normalised text in page order, each stretch found once."""

from __future__ import annotations

from bisect import bisect_right

import numpy as np

from ...model.block import Block
from ...model.decision import Decision
from ...model.segment import Segment
from ...model.words import normalise

# A segment the other side kept only in part (a <pre> split in lines, one line removed) is
# looked for in runs of this many words.
PIECE_WORDS = 6


def found_share(segments: list[Segment], texts: list[str]) -> np.ndarray:
    """For each segment, the share of it found in the texts: searched from where the previous
    match ended, then anywhere; a stretch of the texts is found once (a page that shows its
    description twice, where the extractor kept it once)."""
    joined = bytearray((" " + " ".join(normalise(t) for t in texts) + " ").encode())
    out = np.zeros(len(segments), dtype=np.float32)
    cursor = 0
    for k, segment in enumerate(segments):
        if not segment.norm:
            continue
        needle = f" {segment.norm} ".encode()
        pos = joined.find(needle, cursor)
        if pos < 0:
            pos = joined.find(needle)
        if pos < 0:
            out[k] = _share_in_pieces(segment.norm, joined)
            continue
        out[k] = 1.0
        joined[pos + 1 : pos + len(needle) - 1] = b"\x00" * (len(needle) - 2)
        cursor = pos + len(needle) - 1
    return out


def _share_in_pieces(norm: str, joined: bytearray) -> float:
    words = norm.split()
    if len(words) < 2 * PIECE_WORDS:
        return 0.0
    starts = range(0, len(words) - PIECE_WORDS + 1, PIECE_WORDS)
    pieces = [" ".join(words[i : i + PIECE_WORDS]) for i in starts]
    return sum(f" {piece} ".encode() in joined for piece in pieces) / len(pieces)


def removing_blocks(
    segments: list[Segment], blocks: list[Block], removed: dict[int, Decision]
) -> list[int | None]:
    """For each segment, the removed block its text sits in, if any."""
    return containing_blocks(segments, blocks, sorted(removed))


def containing_blocks(segments: list[Segment], blocks: list[Block], items: list[int]) -> list[int | None]:
    """For each segment, the block (of `items`, in page order) its text sits in, if any."""
    norms = [normalise(blocks[i].text) for i in items]
    starts, pos = [], 0
    for norm in norms:
        starts.append(pos)
        pos += len(norm) + 1
    joined = " ".join(norms) + " "
    out: list[int | None] = [None] * len(segments)
    cursor = 0
    for k, segment in enumerate(segments):
        if not segment.norm or not items:
            continue
        needle = f"{segment.norm} "
        pos = joined.find(needle, cursor)
        if pos < 0:
            pos = joined.find(needle)
        if pos < 0:
            continue
        cursor = pos + len(needle)
        out[k] = items[bisect_right(starts, pos) - 1]
    return out


def removing_decisions(
    segments: list[Segment], blocks: list[Block], removed: dict[int, Decision]
) -> list[Decision | None]:
    """For each segment, the decision that removed the block its text sits in, if any."""
    return [removed[i] if i is not None else None for i in removing_blocks(segments, blocks, removed)]
