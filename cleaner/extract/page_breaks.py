"""Keep the line breaks the page shows: split an extracted block that runs several page segments
together back at their boundaries.

trafilatura flattens block elements inside a list item or a quote into one line, with no space
where one block ended and the next began ("Publication dateOctober 16, 2018", "Bombadil
wrote:Here is..."). The page's segments are split at every block element and <br>, so a block
whose text is several consecutive segments run together is cut where they meet.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from dataclasses import replace

from ..model.block import CODE, TABLE_ROW, Block
from ..model.segment import Segment

# Roles whose text is not the page's text run together: rows are cells joined by " | ", code
# keeps its own layout.
UNSPLIT_ROLES = frozenset({TABLE_ROW, CODE})


def split_at_page_breaks(blocks: list[Block], segments: list[Segment]) -> list[Block]:
    """The blocks with those that run page segments together split where the segments meet."""
    page = _PageText(segments)
    out: list[Block] = []
    for block in blocks:
        pieces = None if block.role in UNSPLIT_ROLES or block.text in page.texts else page.pieces(block.text)
        if not pieces:
            out.append(block)
            continue
        for k, piece in enumerate(pieces):
            out.append(replace(block, text=piece, group_start=block.group_start and k == 0))
    return out


class _PageText:
    """The page's segments without whitespace, one string, with the offsets where each ends."""

    def __init__(self, segments: list[Segment]) -> None:
        self.texts = {s.text for s in segments}
        compact = ["".join(s.text.split()) for s in segments]
        self.string = "".join(compact)
        self.ends: list[int] = []
        offset = 0
        for part in compact:
            if part:
                offset += len(part)
                self.ends.append(offset)
        self.cursor = 0  # blocks come in page order: search on from the last one found

    def pieces(self, text: str) -> list[str] | None:
        """The text cut at the segment boundaries it spans, when it is two or more whole
        consecutive segments; else None."""
        positions = [k for k, char in enumerate(text) if not char.isspace()]
        compact = "".join(text[k] for k in positions)
        if not compact:
            return None
        at = self.string.find(compact, self.cursor)
        if at < 0:
            at = self.string.find(compact)
        if at < 0:
            return None
        end = at + len(compact)
        first = bisect_left(self.ends, at + 1)  # the segment the text starts in
        starts_whole = at == 0 or (first > 0 and self.ends[first - 1] == at)
        last = bisect_left(self.ends, end)
        if not starts_whole or last >= len(self.ends) or self.ends[last] != end or last == first:
            return None
        self.cursor = end
        cuts = [positions[boundary - at] for boundary in self.ends[first:last]]
        bounds = [0, *cuts, len(text)]
        parts = [text[a:b].strip() for a, b in itertools.pairwise(bounds)]
        return [p for p in parts if p]
