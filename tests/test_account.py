"""The account of an HTML page: every piece of visible text is either kept or listed as removed."""

from __future__ import annotations

import re
from collections import Counter

import pytest

import cleaner
from cleaner.golden import REPO_GOLDEN
from cleaner.html_parse import parse_html
from cleaner.segments import page_segments

HTML_CASES = sorted(p for p in REPO_GOLDEN.glob("*/input.html"))


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


@pytest.mark.parametrize("path", HTML_CASES, ids=[p.parent.name for p in HTML_CASES])
def test_every_visible_word_is_kept_or_accounted_for(path):
    data = path.read_bytes()
    result = cleaner.clean(data)
    visible = words(" ".join(s.text for s in page_segments(parse_html(data.decode("utf-8")))))
    texts = [result.text, result.title or ""] + [removal.text for removal in result.removed]
    accounted = words(" ".join(texts))
    # Inline elements without space between them read as one word on the page ("WirtschaftSchlagwörter").
    glued = re.sub(r"\W+", "", " ".join(texts).lower())
    missing = [w for w in visible - accounted if w not in glued]
    assert not missing, f"words neither kept nor in .removed: {sorted(missing)[:20]}"


@pytest.mark.parametrize("path", HTML_CASES, ids=[p.parent.name for p in HTML_CASES])
def test_removals_name_a_rule_and_a_reason(path):
    result = cleaner.clean(path.read_bytes())
    assert result.removed
    for removal in result.removed:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", removal.rule), removal.rule
        assert removal.reason and "\n" not in removal.reason
        assert removal.text.strip()


def test_removals_follow_document_order():
    page = (
        "<html><body><nav><a href='/'>Home</a> | <a href='/w'>World</a> | <a href='/s'>Sport</a></nav>"
        "<article><h1>Harbour reopens after storm</h1>"
        + "".join(
            f"<p>The harbour master said on Monday that boats could return to berth {n} once the divers "
            f"had checked the moorings and the channel was clear of debris.</p>"
            for n in range(1, 6)
        )
        + "<p>Source link</p></article>"
        "<div id='respond' class='comment-respond'><h3>Leave a Reply</h3>"
        "<p>Your email address will not be published.</p></div>"
        "<footer>Copyright © 2024 Harbour News</footer></body></html>"
    )
    result = cleaner.clean(page)
    texts = [r.text for r in result.removed]
    order = [
        next(i for i, t in enumerate(texts) if needle in t)
        for needle in ("Sport", "Source link", "Leave a Reply", "Copyright")
    ]
    assert order == sorted(order), texts
    assert "berth 5" in result.text and "Source link" not in result.text
