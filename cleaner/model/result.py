"""The result of cleaning one document: the article, its metadata and what was removed, and why."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from .block import PARAGRAPH


@dataclass(frozen=True)
class Removal:
    """One removed segment: its text, the rule that removed it and a one-line reason."""

    text: str
    rule: str
    reason: str


@dataclass(frozen=True)
class PageBlock:
    """One block of the page, in page order: its text and role (heading, paragraph, list_item,
    ...), and the Removal that took it out, or None where it was kept."""

    text: str
    removal: Removal | None = None
    role: str = PARAGRAPH

    @property
    def kept(self) -> bool:
        return self.removal is None


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
    # The whole page in page order, kept and removed blocks alike: what an explain report shows.
    # Each removal is the one in `removed`; the text of the kept blocks is what `text` holds.
    page: list[PageBlock] = field(default_factory=list, repr=False)

    def to_dict(
        self, *, with_removed: bool = True, with_markdown: bool = False, with_page: bool = False
    ) -> dict[str, Any]:
        # The page is left out before asdict: it would copy the page twice over for nothing.
        data = asdict(self if with_page else replace(self, page=[]))
        if not with_page:
            data.pop("page")
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
