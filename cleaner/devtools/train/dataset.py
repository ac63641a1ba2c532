"""The labelled segments of every page of a WCXB-format dataset, read as the pipeline reads them."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlparse

import numpy as np

from ...model.block import Block
from ...model.decision import Decision
from ...model.segment import Segment
from ..bench.wcxb import Page, load_pages

Item = TypeVar("Item")


def labelled(cache: Path | None, load: Callable[[], list[Item]]) -> list[Item]:
    """The labelled data: read from the cache file when there is one, else loaded (and saved to
    the cache file when one is given)."""
    if cache and cache.exists():
        with cache.open("rb") as handle:
            return pickle.load(handle)
    items = load()
    if cache:
        with cache.open("wb") as handle:
            pickle.dump(items, handle)
    return items


@dataclass
class PageData:
    id: str
    site: str  # the group for cross-validation (never a feature)
    page_type: str
    truth: str
    without: list[str]
    texts: list[str]  # the page's segments
    X: np.ndarray
    y: np.ndarray
    words: np.ndarray
    aligned: float  # share of the truth's words the segments hold
    rules_text: str  # the rules-only cleaner's text
    trafilatura_text: str  # trafilatura alone, with its defaults
    segments: list[Segment]
    blocks: list[Block]  # the rules' blocks and decisions, which the model's verdicts change
    decisions: dict[int, Decision]


def load_dataset(folder: Path, jobs: int, limit: int | None = None) -> list[PageData]:
    pages = load_pages(folder, limit)
    domains = _domains(folder)
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(_page_data, pages, [domains.get(p.id, "") for p in pages], chunksize=4))


def _page_data(page: Page, domain: str) -> PageData:
    import trafilatura

    from ...extract.html import extract_html
    from ...judge.learned.features import page_features
    from ...judge.page import judge_html_page
    from ...output.results import render_kept
    from ...read.decode import to_text
    from .labels import word_labels

    html = page.html()
    text, _ = to_text(html)
    extraction = extract_html(text, page.url)
    blocks, removed, _ = judge_html_page(extraction, None, None)
    segments = extraction.segments
    X = page_features(segments, extraction.extracted, blocks, removed, extraction.title, extraction.kind)
    texts = [s.text for s in segments]
    y, words, aligned = word_labels(texts, page.reference)
    rules_text = render_kept(blocks, removed, extraction.title)[0]
    alone = trafilatura.extract(html, url=page.url, include_comments=False, include_tables=True) or ""
    site = site_of(domain or urlparse(page.url or "").hostname or page.id)
    return PageData(
        page.id,
        site,
        page.page_type,
        page.reference,
        page.without_snippets,
        texts,
        X,
        y,
        words,
        aligned,
        rules_text,
        alone,
        segments,
        blocks,
        removed,
    )


def site_of(host: str) -> str:
    """The registrable part of a host ("news.bbc.co.uk" -> "bbc.co.uk"), to group a site's pages."""
    parts = host.lower().removeprefix("www.").split(".")
    if (
        len(parts) >= 3
        and len(parts[-1]) == 2
        and parts[-2] in ("co", "com", "org", "net", "ac", "gov", "edu")
    ):
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def _domains(folder: Path) -> dict[str, str]:
    path = folder / "metadata.json"
    if not path.exists():
        return {}
    files = json.loads(path.read_text(encoding="utf-8")).get("files", {})
    return {key: value.get("domain") or "" for key, value in files.items()}
