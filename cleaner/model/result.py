"""The result of cleaning one document: the article, its metadata and what was removed, and why."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Removal:
    """One removed segment: its text, the rule that removed it and a one-line reason."""

    text: str
    rule: str
    reason: str


@dataclass
class Result:
    text: str
    title: str | None = None
    kind: str = "text"
    metadata: dict[str, Any] = field(default_factory=dict)
    removed: list[Removal] = field(default_factory=list)
    # Notes on how the result was made (fallback used, limits hit, why it is empty).
    notes: list[str] = field(default_factory=list)
    # The article as Markdown (title, headings, lists, tables, quotes, code marked up).
    markdown: str = field(default="", repr=False)
    # The block model's estimate of how good this page's extraction is, from 0 to 1 (None where no
    # model judged it: text input, or no model shipped). Send the least confident pages to a
    # heavier extractor.
    confidence: float | None = None

    def to_dict(self, *, with_removed: bool = True, with_markdown: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not with_removed:
            data.pop("removed")
        if not with_markdown:
            data.pop("markdown")
        return data

    def rule_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for removal in self.removed:
            counts[removal.rule] = counts.get(removal.rule, 0) + 1
        return counts
