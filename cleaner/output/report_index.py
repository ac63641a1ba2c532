"""The index of a report written a page per document (a large batch): one row per document with
its title, site, kind, confidence, words kept and blocks removed per family, linked to its page."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .families import FAMILIES
from .report import ReportEntry, document_title, family_counts, kept_words


@dataclass(frozen=True)
class IndexRow:
    """What the index says of one document: its cells, already HTML."""

    cells: tuple[str, ...]


HEADERS = ("#", "document", "site", "kind", "confidence", "kept words", *(f.label for f in FAMILIES))
# The family columns' headers are in the family's colour.
_HEADER_CLASSES = ("", "", "", "", "", "", *(f' class="c-{f.key}"' for f in FAMILIES))


def index_row(number: int, entry: ReportEntry, href: str) -> IndexRow:
    """The row of document `number`, linked to its page at `href` (relative)."""
    link = f'<a href="{escape(href)}">{escape(document_title(entry))}</a>'
    label = f'<br><span class="facts">{escape(entry.label)}</span>'
    result = entry.result
    if result is None:
        error = f'<br><span class="error">not cleaned: {escape(entry.error or "")}</span>'
        return IndexRow((str(number), link + label + error, *[""] * (len(HEADERS) - 2)))
    counts = {family.key: n for family, n in family_counts(result).items()}
    confidence = "" if result.confidence is None else f"{result.confidence:.2f}"
    return IndexRow(
        (
            str(number),
            link + label,
            escape(str(result.metadata.get("site") or "")),
            escape(result.kind),
            confidence,
            str(kept_words(result)),
            *(str(counts.get(f.key, "")) for f in FAMILIES),
        )
    )


def index_table(rows: list[IndexRow]) -> str:
    """The rows as a table; the first column and the numbers right-aligned."""
    numeric = {0, *range(4, len(HEADERS))}
    head = "".join(f"<th{cls}>{escape(h)}</th>" for h, cls in zip(HEADERS, _HEADER_CLASSES))
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="n">{cell}</td>' if k in numeric else f"<td>{cell}</td>" for k, cell in enumerate(row.cells)
        )
        body.append(f"<tr>{cells}</tr>")
    return f'<table class="index"><thead><tr>{head}</tr></thead><tbody>\n' + "\n".join(body) + "\n</tbody></table>"
