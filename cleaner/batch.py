"""The Cleaner object: options and site profiles held across documents.

`cleaner.clean()` cleans one document alone. A pipeline sees hundreds of pages of each site,
and what repeats across them is template (profiles.py). A Cleaner learns that:

- batch: `clean_batch(documents)` learns every document first, then cleans each with what the
  whole batch showed, so no document's result depends on the order of the batch;
- stream: `clean_stream(documents)` learns as it goes and yields results in input order,
  holding a document back (at most `lookahead` of them) until its site has `warmup` pages;
- by hand: `learn()` / `fit()` then `clean()`; `profiles` saves, loads and merges.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .model.errors import InputError
from .model.result import Result
from .pipeline import clean_document
from .read.document import decode_document
from .read.html_parse import parse_html
from .read.metadata import declared_url
from .read.segments import page_segments
from .read.text_blocks import text_blocks
from .sites.fingerprint import document_fingerprint
from .sites.profiles import (
    LOOKAHEAD_DOCUMENTS,
    MIN_SITE_DOCUMENTS,
    WARMUP_DOCUMENTS,
    Observation,
    Profiles,
    observe_blocks,
    site_for,
)


@dataclass(frozen=True)
class Document:
    """One input of a batch: the page (bytes or str), and what tells its site."""

    data: str | bytes
    url: str | None = None
    site: str | None = None
    kind: str = "auto"


DocumentLike = Document | str | bytes
Item = TypeVar("Item")


def as_document(item: DocumentLike) -> Document:
    return item if isinstance(item, Document) else Document(item)


class Cleaner:
    """Cleans documents with the site profiles it has learned.

    `site` names the site of every document (a crawl of one site); otherwise a document's site
    is its own `site`, or the host of its url (for HTML, of the url the page declares).
    """

    def __init__(self, profiles: Profiles | None = None, *, site: str | None = None) -> None:
        self.profiles = profiles if profiles is not None else Profiles()
        self.site = site

    # -- learning ----------------------------------------------------------------------------

    def learn(
        self, data: str | bytes, *, url: str | None = None, site: str | None = None, kind: str = "auto"
    ) -> str | None:
        """Add one document to its site's profile; returns the site, or None when the document
        has no site or is not a document (clean() will say why)."""
        observation = self.observe(data, url=url, site=site, kind=kind)
        if observation is None:
            return None
        self.profiles.add(observation)
        return observation.site

    def observe(
        self, data: str | bytes, *, url: str | None = None, site: str | None = None, kind: str = "auto"
    ) -> Observation | None:
        """What learning the document would add to its site's profile, without adding it (worker
        processes observe; the process that holds the profiles adds). None when the document
        has no site or is not a document."""
        try:
            text, kind, _, _ = decode_document(data, kind)
        except InputError:
            return None
        if not text.strip():
            return None  # an empty document is not a page of its site
        if kind == "html":
            tree = parse_html(text)
            if tree is None:
                return None
            site = site_for(site or self.site, url, declared_url(tree))
            if not site:
                return None
            texts = [segment.text for segment in page_segments(tree)]
        else:
            site = site_for(site or self.site, url)
            if not site:
                return None
            texts = [block.text for block in text_blocks(text)]
        return observe_blocks(texts, document_fingerprint(text), site)

    def fit(self, documents: Iterable[DocumentLike]) -> Cleaner:
        """Learn every document of a batch; returns the Cleaner, ready to clean them."""
        for item in documents:
            document = as_document(item)
            self.learn(document.data, url=document.url, site=document.site, kind=document.kind)
        return self

    # -- cleaning ----------------------------------------------------------------------------

    def clean(
        self, data: str | bytes, *, url: str | None = None, site: str | None = None, kind: str = "auto"
    ) -> Result:
        """clean() with what the profiles know of the document's site."""
        return clean_document(data, url=url, kind=kind, site=site or self.site, profiles=self.profiles)

    def clean_batch(self, documents: Sequence[DocumentLike]) -> list[Result | InputError]:
        """Learn the whole batch, then clean each document: one result per document, in order;
        a document that is not one gives its InputError in its place."""
        items = [as_document(item) for item in documents]
        self.fit(items)
        return [self._clean_or_error(item) for item in items]

    def clean_stream(
        self,
        documents: Iterable[DocumentLike],
        *,
        warmup: int = WARMUP_DOCUMENTS,
        lookahead: int = LOOKAHEAD_DOCUMENTS,
    ) -> Iterator[Result | InputError]:
        """Learn as documents arrive and yield one result per document, in input order.

        A document waits until its site has `warmup` pages in the profile (so the first pages of
        a site are cleaned with its template known too), until `lookahead` documents wait, or
        until the input ends; the profile then holds every document read so far.
        """
        stream = self.learn_stream(map(as_document, documents), as_document, warmup=warmup, lookahead=lookahead)
        for document, _ in stream:
            yield self._clean_or_error(document)

    def learn_stream(
        self,
        items: Iterable[Item],
        describe: Callable[[Item], Document | None],
        *,
        warmup: int = WARMUP_DOCUMENTS,
        lookahead: int = LOOKAHEAD_DOCUMENTS,
    ) -> Iterator[tuple[Item, str | None]]:
        """Learn each item's document as it arrives and give the items back in input order,
        each once its site is warm (see clean_stream), with the site it was learned for: the
        stream runner's learning half, for items that carry more than a Document (`describe`
        gives it, or None for one that has none to learn)."""
        warmup = max(warmup, MIN_SITE_DOCUMENTS)
        waiting: deque[tuple[Item, str | None]] = deque()
        for item in items:
            document = describe(item)
            site = None
            if document is not None:
                site = self.learn(document.data, url=document.url, site=document.site, kind=document.kind)
            waiting.append((item, site))
            while waiting and (len(waiting) > lookahead or self._warm(waiting[0][1], warmup)):
                yield waiting.popleft()
        while waiting:
            yield waiting.popleft()

    def _warm(self, site: str | None, warmup: int) -> bool:
        profile = self.profiles.get(site)
        return site is None or (profile is not None and profile.documents >= warmup)

    def _clean_or_error(self, document: Document) -> Result | InputError:
        try:
            return self.clean(document.data, url=document.url, site=document.site, kind=document.kind)
        except InputError as exc:
            return exc
