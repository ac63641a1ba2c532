"""The labelled lines of every page of a WCXB-format dataset, in both text renderings (page-text
and loose-text, as `cleaner bench --as` builds and caches them), read as clean_text reads them."""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from ...model.block import Block
from ...model.decision import Decision
from ..bench.text_inputs import MODES
from ..bench.wcxb import Page, TextMode, load_pages
from .dataset import _domains, site_of


@dataclass
class TextData:
    id: str
    mode: str  # the rendering (page-text or loose-text): for the report, never a feature
    site: str  # the group for cross-validation (never a feature)
    page_type: str
    truth: str
    without: list[str]
    text: str  # the rendering itself
    X: np.ndarray
    y: np.ndarray
    words: np.ndarray
    aligned: float  # share of the truth's words the lines hold
    blocks: list[Block]
    decisions: dict[int, Decision]  # the rules'


def load_text_dataset(folder: Path, cache_dir: Path, jobs: int, limit: int | None = None) -> list[TextData]:
    pages = load_pages(folder, limit)
    domains = _domains(folder)
    tasks = [(page, domains.get(page.id, ""), TextMode(mode, cache_dir)) for mode in MODES for page in pages]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(_text_data, tasks, chunksize=8))


def _text_data(task: tuple[Page, str, TextMode]) -> TextData:
    from ...judge.learned.line_features import line_features
    from ...judge.passes import judge_text
    from ...read.text_blocks import text_blocks
    from .labels import word_labels

    page, domain, mode = task
    text = mode.input_for(page)
    blocks = text_blocks(text)
    decisions = judge_text(blocks)
    X = line_features(blocks, decisions)
    # The text path keeps a text's headline (it has no Result.title): the labels count the page's
    # title as article, though the benchmark's main content leaves it out.
    y, words, aligned = word_labels([b.text for b in blocks], f"{_title(page)}\n\n{page.reference}")
    site = site_of(domain or urlparse(page.url or "").hostname or page.id)
    return TextData(
        page.id,
        mode.name,
        site,
        page.page_type,
        page.reference,
        page.without_snippets,
        text,
        X,
        y,
        words,
        aligned,
        blocks,
        decisions,
    )


def _title(page: Page) -> str:
    truth = page.path.parent.parent / "ground-truth" / f"{page.id}.json"
    data = json.loads(truth.read_text(encoding="utf-8"))
    return str(data.get("ground_truth", {}).get("title") or "")
