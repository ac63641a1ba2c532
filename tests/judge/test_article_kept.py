"""Never lose the article: a container or a rule that would take the page's main text does not.

On held-out news pages the article vanished where trafilatura alone found it: a <form> around the
whole body (ASP.NET) was read as a comment form, and a class name can say "newsletter" on the
article's own container. These pages keep their article, and a guard keeps what trafilatura
extracted when the cleaning would leave a small fraction of it, with a note saying so.
"""

from __future__ import annotations

import html

import pytest
from helpers import ARTICLE, TITLE, assert_article_kept, assert_removed, clean_html, html_page

NAV = "".join(f"<li><a href='/s{i}'>Section number {i} of the site</a></li>" for i in range(60))
PARAGRAPHS = "".join(f"<p>{html.escape(p)}</p>" for p in ARTICLE)


def page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>{html.escape(TITLE)}</title></head><body>{body}</body></html>"


def test_a_form_around_the_whole_page_is_not_a_comment_form() -> None:
    # ASP.NET WebForms: one <form> holds the page, with a feedback box somewhere in it.
    result = clean_html(
        page(
            '<form method="post" action="./story.aspx" id="aspnetForm">'
            '<input type="hidden" name="__VIEWSTATE" value="abc">'
            f"<div class='header'><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></div>"
            f"<div id='content'><h1>{html.escape(TITLE)}</h1>{PARAGRAPHS}</div>"
            "<div class='search'><textarea name='feedback'></textarea><input type='submit' value='Send'></div>"
            "</form>"
        )
    )
    assert_article_kept(result)
    assert not any(r.rule.startswith("comment_form") for r in result.removed), result.removed


def test_a_comment_form_after_the_article_still_goes() -> None:
    form = (
        "<form id='commentform' class='comment-form'><h3>Leave a Reply</h3>"
        "<p>Your email address will not be published.</p><textarea name='comment'></textarea>"
        "<input type='submit' value='Post Comment'></form>"
    )
    result = clean_html(html_page(after=form))
    assert_article_kept(result)
    assert_removed(result, "Your email address will not be published", "comment_form.markup")


def test_a_marked_container_holding_the_article_is_kept_with_a_note() -> None:
    # The class says "newsletter", but the container holds the page's only prose.
    result = clean_html(
        page(
            f"<nav><ul>{NAV}</ul></nav><main><h1>{html.escape(TITLE)}</h1>"
            f"<div class='newsletter-issue-body'><p>{html.escape(ARTICLE[0])}</p></div></main>"
            f"<footer><ul>{NAV}</ul><p>Copyright 2024 The Town Weekly.</p></footer>"
        )
    )
    assert ARTICLE[0] in result.text
    assert any("held most of the article" in note for note in result.notes), result.notes


@pytest.fixture
def wrong_page_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page-level choice gone wrong: the page's own text is taken over trafilatura's, and it
    reads as one menu line."""
    from cleaner.extract import html as html_extract
    from cleaner.extract.page_text import segment_block

    def menu_only(segments):
        return [segment_block(s) for s in segments if s.text.startswith("Section number")][:1]

    monkeypatch.setattr(html_extract, "took_one_section", lambda blocks, own: True)
    monkeypatch.setattr(html_extract, "page_text_blocks", menu_only)


@pytest.mark.usefixtures("wrong_page_choice")
def test_when_a_page_level_choice_loses_the_article_the_extracted_text_is_kept() -> None:
    result = clean_html(html_page(before=f"<nav><ul>{NAV}</ul></nav>"))
    assert_article_kept(result)
    assert any("words trafilatura extracted" in note for note in result.notes), result.notes
    # What the guard puts back is not also reported as removed.
    assert not any(ARTICLE[0] in r.text for r in result.removed)


@pytest.mark.usefixtures("wrong_page_choice")
def test_the_guard_leaves_a_page_that_is_all_boilerplate_alone() -> None:
    # trafilatura extracts the menus of a page with no article; the rules take them all.
    menus = "".join("<p>Home | World | Sport | Business | Culture | Travel</p>" for _ in range(12))
    result = clean_html(page(f"<article>{menus}</article>"))
    assert result.text == ""
    assert not any("words trafilatura extracted" in note for note in result.notes)
