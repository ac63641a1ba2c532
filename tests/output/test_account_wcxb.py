"""The account's promise on real pages (the WCXB dev split, when it is there): every word of the
page's text is in Result.text, in Result.title or in a removed segment, counted as a multiset,
so that a word the text keeps once cannot stand for a second copy the page lost.

"The page's text" is what the cleaner reads of it: the text segments of the page's body
(cleaner/segments.py: outside script, style, noscript, template, svg...), with the marks of the
markup rules, read from the page as the pipeline decodes it. Words are the benchmark's: runs of
word characters, lowercased (lexicon.normalise's words).

CI checks every CLEANER_WCXB_STEP-th page (15 by default: 100 pages, every page type);
CLEANER_WCXB_STEP=1 checks all 1,497. The folder is ../shared/data/wcxb-dev beside the
repository, or CLEANER_WCXB_DEV; without it the tests are skipped.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest

import cleaner
from cleaner.read.document import decode_document
from cleaner.read.html_parse import parse_page
from cleaner.read.segments import marked_page_segments

WCXB = Path(
    os.environ.get("CLEANER_WCXB_DEV") or Path(__file__).resolve().parents[3] / "shared" / "data" / "wcxb-dev"
)
STEP = int(os.environ.get("CLEANER_WCXB_STEP") or 15)
PAGES = sorted((WCXB / "html").glob("*.html.gz"))[::STEP] if (WCXB / "html").is_dir() else []
PAGE_TYPES = {"article", "forum", "product", "collection", "category", "listing", "documentation", "service"}
MISSING = pytest.mark.skipif(not PAGES, reason=f"no WCXB dev pages in {WCXB}")


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


def truth(path: Path) -> dict:
    stem = path.name.split(".")[0]
    return json.loads((WCXB / "ground-truth" / f"{stem}.json").read_text(encoding="utf-8"))


@MISSING
def test_the_sample_covers_every_page_type():
    types = {truth(path).get("_internal", {}).get("page_type", {}).get("primary") for path in PAGES}
    assert types >= PAGE_TYPES - {"category"}, types


@MISSING
@pytest.mark.parametrize("path", PAGES, ids=[p.name.split(".")[0] for p in PAGES])
def test_every_word_of_the_page_is_kept_or_reported(path: Path):
    data = gzip.decompress(path.read_bytes())
    result = cleaner.clean(data, url=truth(path).get("url"), kind="html")
    tree, _ = parse_page(decode_document(data, "html").text)
    page = words(" ".join(s.text for s in marked_page_segments(tree))) if tree is not None else Counter()
    accounted = (
        words(result.text) + words(result.title or "") + words(" ".join(r.text for r in result.removed))
    )
    missing = page - accounted
    assert not missing, f"{sum(missing.values())} words neither kept nor reported: {sorted(missing)[:20]}"
    for removal in result.removed:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", removal.rule), removal.rule
        assert removal.reason and removal.text.strip()
