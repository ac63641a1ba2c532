"""Comment forms and threads: headings, the form's fixed text, its field labels and buttons."""

from __future__ import annotations

import pytest
from helpers import (
    assert_article_kept,
    assert_kept,
    assert_removed,
    clean_html,
    clean_text,
    html_page,
    text_doc,
)

# (heading, the form's notice) per language.
FORMS = {
    "en": ("Leave a Reply", "Your email address will not be published. Required fields are marked *"),
    "de": (
        "Schreibe einen Kommentar",
        "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert",
    ),
    "fr": (
        "Laisser un commentaire",
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
    ),
    "es": (
        "Deja una respuesta",
        "Tu dirección de correo electrónico no será publicada. Los campos obligatorios están marcados con *",
    ),
}

FORM_LINES = [
    "Comments are closed.",
    "You must be logged in to post a comment.",
    "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Notify me of follow-up comments by email.",
    "Kommentare sind geschlossen.",
    "Les commentaires sont fermés.",
    "Los comentarios están cerrados.",
]

PROSE = [
    (
        "Comments from residents were mostly positive, and the council said it would publish all of "
        "them on its website next week."
    ),
    "The minister declined to comment on the report, her office said on Friday.",
    "Reply times at the agency have doubled since March, according to figures it released.",
    "She left a reply on the forum that was later quoted in court as evidence of the plan.",
]


@pytest.mark.parametrize("lang", sorted(FORMS))
def test_comment_form_heading_and_notice_go_in_text(lang):
    heading, notice = FORMS[lang]
    result = clean_text(text_doc(after=f"{heading}\n\n{notice}"))
    assert_removed(result, heading, "comment_form.")
    assert_removed(result, notice, "comment_form.")
    assert_article_kept(result)


def test_leave_a_reply_and_notice_go_with_their_rule_names():
    result = clean_text(
        text_doc(
            after="Leave a Reply\nYour email address will not be published. Required fields are marked *"
        )
    )
    assert_removed(result, "Leave a Reply", "comment_form.zone")
    assert_removed(result, "Your email address will not be published.", "comment_form.text")
    assert_article_kept(result)


def test_form_fields_under_the_heading_go():
    form = "Leave a Reply\nComment *\nName *\nEmail *\nWebsite\nPost Comment"
    result = clean_text(text_doc(after=form))
    for line in form.split("\n"):
        assert_removed(result, line)
    assert_removed(result, "Name *", "comment_form.zone")
    assert_article_kept(result)


@pytest.mark.parametrize("line", FORM_LINES)
def test_form_text_goes_on_its_own(line):
    result = clean_text(text_doc(after=line))
    assert_removed(result, line, "comment_form.text")
    assert_article_kept(result)


@pytest.mark.parametrize("prose", PROSE)
def test_prose_about_comments_stays(prose):
    result = clean_text(text_doc(middle=prose))
    assert_kept(result, prose)
    assert_article_kept(result)


@pytest.mark.parametrize("prose", PROSE)
def test_prose_about_comments_stays_in_html(prose):
    result = clean_html(html_page(middle=f"<p>{prose}</p>"))
    assert_kept(result, prose)
    assert_article_kept(result)


@pytest.mark.parametrize("lang", sorted(FORMS))
def test_comment_form_inside_article_goes_in_html(lang):
    heading, notice = FORMS[lang]
    result = clean_html(html_page(after=f"<h3>{heading}</h3><p>{notice}</p>"))
    assert_removed(result, heading, "comment_form.")
    assert_removed(result, notice, "comment_form.")
    assert_article_kept(result)


def test_wordpress_comment_area_goes_as_markup():
    area = (
        '<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on “Trees”</h2>'
        '<ol class="comment-list"><li class="comment"><p>Great news for our street, thank you!</p></li></ol>'
        '<div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply</h3>'
        '<form id="commentform" class="comment-form"><p>Your email address will not be published.</p>'
        '<label for="comment">Comment</label><textarea id="comment"></textarea>'
        '<input type="submit" value="Post Comment"></form></div></div>'
    )
    result = clean_html(html_page(outside=area))
    assert "Leave a Reply" not in result.text
    assert "Great news for our street" not in result.text
    assert_removed(result, "Leave a Reply", "comment_form.markup")
    assert_article_kept(result)


def test_form_with_textarea_goes_without_class_names():
    form = '<form action="/post"><p>Your comment</p><textarea name="c"></textarea><p>Your name</p><input name="n"></form>'
    result = clean_html(html_page(after=form))
    assert "Your name" not in result.text
    assert_article_kept(result)
