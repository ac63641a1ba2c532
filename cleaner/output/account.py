"""The account of removed segments for an HTML page, in document order.

Three sources: containers our markup rules removed, page text the extractor left out, and
extracted blocks our text rules removed. The page's words are matched one by one to the
extracted blocks' words (alignment.match_words), so that every word of the page's text is
either in a kept block, in a removed block, in a marked container, or in a piece the extractor
left out: nothing is lost from the account when the extractor reshaped the text (joined
segments, split them, dropped a date from inside a paragraph).

The kept blocks are placed on the page the same way, so that html_account also gives the whole
page in order (Result.page): kept blocks and removals, each where its first word is.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..extract.alignment import match_words, word_spans
from ..extract.page_text import segment_role
from ..model.block import HEADING, PARAGRAPH, Block
from ..model.decision import TITLE_REASON, TITLE_RULE, Decision
from ..model.result import PageBlock, Removal
from ..model.segment import Segment
from ..model.words import normalise

EXTRACTOR_RULE = "extractor.outside_main_content"
EXTRACTOR_REASON = "outside the main content found by the extractor"

# Where a removal goes in the account: page segment, word in it, then the order of blocks
# placed at the same spot (a block none of whose words is on the page follows the one before).
Place = tuple[int, int, int]


def html_removals(
    segments: list[Segment],
    blocks: list[Block],
    removed: dict[int, Decision],
    title: str | None,
) -> list[Removal]:
    return html_account(segments, blocks, removed, title)[0]


def html_account(
    segments: list[Segment],
    blocks: list[Block],
    removed: dict[int, Decision],
    title: str | None,
) -> tuple[list[Removal], list[PageBlock]]:
    """The removals in document order, and the whole page in order: the kept blocks with them."""
    page = [s.norm if s.mark is None else "" for s in segments]
    # A block removed by a markup rule is a copy of a marked container, listed with it.
    output = ["" if i in removed and removed[i].by_markup else b.norm for i, b in enumerate(blocks)]
    owners = match_words(page, output)
    placed = [
        *_placed_blocks(blocks, removed, owners),
        *_marked_containers(segments),
        *_left_out(segments, owners, title),
    ]
    placed.sort(key=lambda item: item[0])  # stable: the kept blocks change no removal's place
    in_order = [block for _, block in placed]
    return [block.removal for block in in_order if block.removal is not None], in_order


def _placed_blocks(
    blocks: list[Block], removed: dict[int, Decision], owners: list[list[int | None]]
) -> list[tuple[Place, PageBlock]]:
    """The blocks kept and those our text rules removed, each where its first word is on the page."""
    first: dict[int, Place] = {}
    for k, part in enumerate(owners):
        for i in dict.fromkeys(part):  # most segments have one owner, or none
            if i is not None and i not in first:
                first[i] = (k, part.index(i), 0)
    placed = []
    where: Place = (-1, 0, 0)
    for i, block in enumerate(blocks):
        where = first[i] if i in first else (where[0], where[1], where[2] + 1)
        decision = removed.get(i)
        if decision is None:
            placed.append((where, PageBlock(block.text, None, block.role)))
        elif not decision.by_markup:
            removal = Removal(block.text, decision.rule, decision.reason)
            placed.append((where, PageBlock(block.text, removal, block.role)))
    return placed


def _marked_containers(segments: list[Segment]) -> list[tuple[Place, PageBlock]]:
    """Each container a markup rule marked, once, with the text of all its segments."""
    texts: dict[int, list[str]] = {}
    starts: dict[int, int] = {}
    for k, segment in enumerate(segments):
        if segment.mark is not None:
            texts.setdefault(segment.mark_id, []).append(segment.text)
            starts.setdefault(segment.mark_id, k)
    placed = []
    for mark_id, k in starts.items():
        rule, _, reason = (segments[k].mark or "").partition("|")
        text = "\n".join(texts[mark_id])
        role = segment_role(segments[k].tag) if len(texts[mark_id]) == 1 else PARAGRAPH
        placed.append(((k, 0, 0), PageBlock(text, Removal(text, rule, reason), role)))
    return placed


@dataclass
class _Run:
    """Consecutive page words the output does not hold: pieces of segments, in page order."""

    start: Place
    role: str  # of its first segment (the run's, when it is the only one)
    pieces: list[str]
    ends_segment: bool  # the last piece reaches the end of its segment, so the run may go on


def _left_out(
    segments: list[Segment], owners: list[list[int | None]], title: str | None
) -> list[tuple[Place, PageBlock]]:
    """The page's words that are in no block, as runs of segment text: the headline once
    (it is Result.title), the rest as left out by the extractor."""
    title_norm = normalise(title) if title else ""
    placed: list[tuple[Place, PageBlock]] = []
    run: _Run | None = None

    def close() -> None:
        nonlocal run
        if run is not None:
            text = "\n".join(run.pieces)
            role = run.role if len(run.pieces) == 1 else PARAGRAPH
            placed.append((run.start, PageBlock(text, Removal(text, EXTRACTOR_RULE, EXTRACTOR_REASON), role)))
            run = None

    for k, segment in enumerate(segments):
        if segment.mark is not None:
            close()
            continue
        part = owners[k]
        if not part:
            continue  # no words ("|", "•"): neither kept nor lost, and no break in a run
        stretches = _unmatched_stretches(part)
        if title_norm and stretches == [(0, len(part))] and segment.norm == title_norm:
            close()
            removal = Removal(segment.text, TITLE_RULE, TITLE_REASON)
            placed.append(((k, 0, 0), PageBlock(segment.text, removal, HEADING)))
            title_norm = ""
            continue
        for j0, j1 in stretches:
            if run is None or not run.ends_segment or j0 > 0:
                close()
                run = _Run((k, j0, 0), segment_role(segment.tag), [], False)
            run.pieces.append(_piece(segment.text, j0, j1, len(part)))
            run.ends_segment = j1 == len(part)
        if part[-1] is not None:
            close()
    close()
    return placed


def _piece(text: str, j0: int, j1: int, n_words: int) -> str:
    """The text of words j0 to j1 (excluded) of a segment of n_words words; a stretch that
    reaches an end of the segment takes the punctuation there too."""
    if (j0, j1) == (0, n_words):
        return text
    spans = word_spans(text)
    if len(spans) != n_words:  # lowercasing changed the words ("İ" to "i" and a dot): all of it
        return text
    start = 0 if j0 == 0 else spans[j0].start()
    end = len(text) if j1 == n_words else spans[j1 - 1].end()
    return text[start:end]


def _unmatched_stretches(part: list[int | None]) -> list[tuple[int, int]]:
    """[start, end) word ranges of a segment that no block holds."""
    unmatched = part.count(None)
    if unmatched in (0, len(part)):  # the common cases: a segment kept whole, or left out whole
        return [(0, len(part))] if unmatched else []
    stretches = []
    start = None
    for j, owner in enumerate(part):
        if owner is None and start is None:
            start = j
        elif owner is not None and start is not None:
            stretches.append((start, j))
            start = None
    if start is not None:
        stretches.append((start, len(part)))
    return stretches
