"""A text dump's title line (the headline with the site's name) and an entry's meta line go."""

from __future__ import annotations

import pytest
from helpers import ARTICLE, TITLE, assert_article_kept, clean_text, rules_for, text_doc


@pytest.mark.parametrize(
    "title_line",
    [
        f"{TITLE} | The Daily Planet",
        f"{TITLE} - Trail & Tent",
        f"The Daily Planet » {TITLE}",
        f"{TITLE} · Byte Workshop",
    ],
)
def test_the_title_line_goes_and_the_headline_stays(title_line):
    result = clean_text(text_doc(before=f"{title_line}\n\n{TITLE}"))
    assert rules_for(result, title_line) == ["navigation.page_title"]
    assert result.text.startswith(TITLE + "\n\n")
    assert_article_kept(result)


def test_a_line_with_a_separator_that_is_not_the_headline_stays():
    line = "Council approves plan - and residents cheer the decision at last"
    result = clean_text(text_doc(before=f"{line}\n\n{TITLE}"))
    assert line in result.text


def test_without_the_headline_on_the_page_the_title_line_stays():
    line = f"{TITLE} | The Daily Planet"
    result = clean_text(text_doc(before=line))
    assert line in result.text


@pytest.mark.parametrize(
    "meta",
    [
        "3 March 2026 Jane Doe Gear 2,608 views",
        "March 3, 2026 · News · 14 comments",
        "2026-03-03 by admin 12 replies",
    ],
)
def test_an_entry_meta_line_goes(meta):
    result = clean_text(text_doc(before=f"{TITLE}\n\n{meta}"))
    assert meta not in result.text
    assert_article_kept(result)


def test_a_sentence_with_a_date_and_a_count_stays():
    sentence = "On 3 March 2026 the museum said the exhibition had drawn 2,608 views."
    result = clean_text(text_doc(middle=sentence))
    assert sentence in result.text
    assert ARTICLE[2] in result.text
