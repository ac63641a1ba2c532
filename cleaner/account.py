"""The account of removed segments for an HTML page, in document order.

Three sources: containers our markup rules removed, page text the extractor left out, and
extracted blocks our text rules removed. Each output block is placed at the page segment with
the same text, so the three merge into one ordered list.
"""

from __future__ import annotations

from .alignment import align, sort_keys
from .blocks import Block
from .lexicon import normalise
from .result import Removal
from .rules import Decision
from .segments import Segment

EXTRACTOR_RULE = "extractor.outside_main_content"
EXTRACTOR_REASON = "outside the main content found by the extractor (trafilatura)"
TITLE_RULE = "metadata.title"
TITLE_REASON = "the headline, returned as Result.title"


def html_removals(
    segments: list[Segment],
    blocks: list[Block],
    removed: dict[int, Decision],
    title: str | None,
) -> list[Removal]:
    norms = [s.norm for s in segments]
    where = align(blocks, norms, [s.mark is None for s in segments])
    covered = {k for k in where if k is not None}
    placed: list[tuple[float, int, Removal]] = []
    for i, key in enumerate(sort_keys(where)):
        if i in removed and not removed[i].by_markup:
            decision = removed[i]
            placed.append((key, 0, Removal(blocks[i].text, decision.rule, decision.reason)))

    # Text the extractor reshaped (joined several page segments into one block).
    output_text = " ".join(b.norm for b, k in zip(blocks, where) if k is None)
    span = (min(covered), max(covered)) if covered else (0, -1)
    title_norm = normalise(title) if title else ""
    run: list[str] = []
    run_start = 0

    def close_run() -> None:
        if run:
            placed.append((float(run_start), 1, Removal("\n".join(run), EXTRACTOR_RULE, EXTRACTOR_REASON)))
            run.clear()

    marked_texts: dict[int, list[str]] = {}
    for segment in segments:
        if segment.mark is not None:
            marked_texts.setdefault(segment.mark_id, []).append(segment.text)
    seen_marks: set[int] = set()
    for k, (segment, norm) in enumerate(zip(segments, norms)):
        if segment.mark is not None:
            close_run()
            if segment.mark_id not in seen_marks:
                seen_marks.add(segment.mark_id)
                rule, _, reason = segment.mark.partition("|")
                placed.append((float(k), 1, Removal("\n".join(marked_texts[segment.mark_id]), rule, reason)))
            continue
        if k in covered or not norm or _merged_into_output(k, norm, span, output_text):
            close_run()
            continue
        if title_norm and norm == title_norm:
            close_run()
            placed.append((float(k), 1, Removal(segment.text, TITLE_RULE, TITLE_REASON)))
            title_norm = ""
            continue
        if not run:
            run_start = k
        run.append(segment.text)
    close_run()
    placed.sort(key=lambda item: (item[0], item[1]))
    return [removal for _, _, removal in placed]


# A segment this short found inside the output may just share a word ("About") with it.
MIN_MERGED_WORDS = 4


def _merged_into_output(k: int, norm: str, span: tuple[int, int], output_text: str) -> bool:
    """The extractor joined this segment into a block: inside the extracted span, text found."""
    return span[0] <= k <= span[1] and norm.count(" ") + 1 >= MIN_MERGED_WORDS and norm in output_text
