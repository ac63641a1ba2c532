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

from cleaner.rules import Rule

NAV = "".join(f"<li><a href='/s{i}'>Section number {i} of the site</a></li>" for i in range(60))
PARAGRAPHS = "".join(f"<p>{html.escape(p)}</p>" for p in ARTICLE)


def page(body: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{html.escape(TITLE)}</title></head>"
        f"<body>{body}</body></html>"
    )


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


def _takes_everything(context) -> object:
    for i in range(len(context.blocks)):
        yield i, "a rule gone wrong"


@pytest.fixture
def rogue_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule that removes every block, as a rule tuned on other pages might on this one."""
    from cleaner import pipeline

    monkeypatch.setattr(pipeline, "ALL_RULES", [*pipeline.ALL_RULES, Rule("test.everything", _takes_everything)])


@pytest.mark.usefixtures("rogue_rule")
def test_when_the_rules_take_the_article_the_extracted_text_is_kept() -> None:
    result = clean_html(html_page(before=f"<nav><ul>{NAV}</ul></nav>"))
    assert_article_kept(result)
    assert any("words trafilatura extracted" in note for note in result.notes), result.notes
    # What the guard puts back is not also reported as removed.
    assert not any(ARTICLE[0] in r.text for r in result.removed)


@pytest.mark.usefixtures("rogue_rule")
def test_the_guard_leaves_a_page_without_an_article_alone() -> None:
    # Under MIN_EXTRACTED_WORDS extracted: nothing to protect, the rules have their way.
    result = clean_html(page("<main><p>Subscribe to our newsletter today.</p></main>"))
    assert result.text == ""
    assert not any("words trafilatura extracted" in note for note in result.notes)

