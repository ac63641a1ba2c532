"""Related posts: lists of other stories under a heading, inline "Also read:" teasers, teaser runs."""

from __future__ import annotations

import pytest
from helpers import (
    ARTICLE,
    assert_article_kept,
    assert_kept,
    assert_removed,
    clean_html,
    clean_text,
    html_page,
    text_doc,
)

RELATED_LIST = """Related Posts

Mars rover finds new evidence of ancient lakes

March 3, 2024

Why the Moon is slowly drifting away

February 21, 2024"""

HEADINGS = [
    "Related Posts",
    "You may also like",
    "Recommended for you",
    "Ähnliche Beiträge",
    "Articles similaires",
    "Artículos relacionados",
]

INLINE = [
    "Also read: Ten things to know about the new budget",
    "READ MORE: Council approves plan for new bridge",
    "Lesen Sie auch: Was die neue Regierung plant",
    "À lire aussi : Les arbres, nouvel enjeu des villes",
    "Lee también: Las ciudades que más árboles plantan",
]

PROSE = [
    (
        "Related research published last year suggested that the effect was smaller than previously "
        "thought, the authors said."
    ),
    (
        "Recommended doses vary with age, and the agency said parents should check the label before "
        "giving the syrup to children."
    ),
    "Read more about the study's methods, which the authors published in full last year.",
]


def test_related_list_goes_with_its_items_in_text():
    result = clean_text(text_doc(after=RELATED_LIST))
    for line in RELATED_LIST.split("\n\n"):
        assert_removed(result, line, "related_posts.list")
    assert_article_kept(result)


@pytest.mark.parametrize("heading", HEADINGS)
def test_related_headings_in_any_language_take_their_list(heading):
    items = "Ten best hikes in the Alps\n\nMay 2, 2024\n\nHow to pack for a week in one bag\n\nApril 28, 2024"
    result = clean_text(text_doc(after=f"{heading}\n\n{items}"))
    assert_removed(result, heading, "related_posts.list")
    assert_removed(result, "Ten best hikes in the Alps", "related_posts.list")
    assert_removed(result, "How to pack for a week in one bag", "related_posts.list")
    assert_article_kept(result)


@pytest.mark.parametrize("teaser", INLINE)
def test_inline_teasers_go(teaser):
    result = clean_text(text_doc(middle=teaser))
    assert_removed(result, teaser, "related_posts.inline_teaser")
    assert_article_kept(result)


def test_teaser_series_without_heading_goes():
    series = (
        "Harbour bridge to close for three weekends\n\n"
        "The bridge will shut so that engineers can replace the expansion joints… Read more\n\n"
        "May 12, 2024\n\n"
        "New library branch opens in Eastgate\n\n"
        "The branch has a maker space and a café on the ground floor… Read more\n\n"
        "May 10, 2024"
    )
    result = clean_text(text_doc(after=series))
    assert_removed(result, "replace the expansion joints", "related_posts.teaser_series")
    assert_removed(result, "maker space", "related_posts.teaser_series")
    assert_removed(result, "New library branch opens in Eastgate", "related_posts.teaser_series")
    assert_article_kept(result)


@pytest.mark.parametrize("prose", PROSE)
def test_prose_starting_like_a_related_heading_stays(prose):
    result = clean_text(text_doc(middle=prose))
    assert_kept(result, prose)
    assert_article_kept(result)


def test_section_heading_followed_by_prose_stays():
    # "More on ..." opens a related list only when a list follows, not the article's next section.
    heading = "More on the budget"
    section = "The finance committee will publish its own estimate of the cost before the summer recess."
    result = clean_text(text_doc(middle=f"{heading}\n\n{section}"))
    assert_kept(result, heading)
    assert_kept(result, section)


def test_comment_heading_after_related_list_belongs_to_the_comment_form():
    form = "Leave a Reply\n\nYour email address will not be published. Required fields are marked *"
    result = clean_text(text_doc(after=f"{RELATED_LIST}\n\n{form}"))
    assert_removed(result, "Why the Moon is slowly drifting away", "related_posts.list")
    assert_removed(result, "Leave a Reply", "comment_form.")
    assert_article_kept(result)


def test_related_widget_by_class_goes_in_html():
    widget = (
        '<div class="jp-relatedposts"><h3>Related</h3>'
        '<p><a href="/a">A Dense, Happy Rye Loaf</a></p><p><a href="/b">Do You Really Need a Banneton?</a></p></div>'
    )
    result = clean_html(html_page(after=widget))
    assert_removed(result, "A Dense, Happy Rye Loaf", "related_posts.markup")
    assert_article_kept(result)


def test_related_list_inside_article_goes_in_html():
    related = (
        "<h2>You may also like</h2><ul>"
        '<li><a href="/a">Harbour bridge to close for three weekends in June</a></li>'
        '<li><a href="/b">New library branch opens in Eastgate</a></li>'
        '<li><a href="/c">Night buses return to six routes</a></li></ul>'
    )
    result = clean_html(html_page(after=related))
    for title in ("You may also like", "Harbour bridge to close", "Night buses return to six routes"):
        assert_removed(result, title)
    assert_article_kept(result)


def test_article_subheadings_stay_in_html():
    middle = "<h2>Where the trees will go</h2><p>" + ARTICLE[0].replace("council", "committee") + "</p>"
    result = clean_html(html_page(middle=middle))
    assert_kept(result, "Where the trees will go")
    assert_article_kept(result)


def test_a_list_heading_left_without_its_list_goes():
    # The extractor dropped the list; the heading sits between two paragraphs of the article.
    result = clean_text(text_doc(middle="You Might Also Like"))
    assert "You Might Also Like" not in result.text
    assert [r.rule for r in result.removed if r.text == "You Might Also Like"] == ["related_posts.list"]
    assert_article_kept(result)


CITATIONS = [
    "Smith PJ, Merwin RM. The role of exercise in management of mental health disorders. Annu Rev Med. 2021;72:45-62.",
    "Schuch FB, Vancampfort D, Richards J. Physical activity and incident depression. Am J Psychiatry. 2018;175(7):631-648.",
    "Jones A, et al. Street trees and summer heat in dense districts. Urban Forestry. doi:10.1016/j.ufug.2020.126",
]


def test_reference_list_of_citations_goes_in_html():
    entries = "".join(f"<li>{c}</li>" for c in CITATIONS)
    result = clean_html(html_page(after=f"<h2>References</h2><ol>{entries}</ol>"))
    for citation in CITATIONS:
        assert_removed(result, citation[:40], "related_posts.reference_list")
    assert_article_kept(result)


def test_sources_section_of_prose_stays():
    prose = [
        "We spoke to twelve residents of the eastern districts and to three members of the council for this story.",
        "The budget figures come from the council's published spending plan for the next ten years.",
    ]
    page = html_page(after="<h2>Sources</h2>" + "".join(f"<p>{p}</p>" for p in prose))
    result = clean_html(page)
    for paragraph in prose:
        assert_kept(result, paragraph)


def test_footnotes_of_the_author_stay():
    # Footnotes are the author's own text (asides, caveats), unlike a list of cited works.
    notes = "<ol><li>The figure counts street trees only. ↩</li><li>Planting starts in October. ↩</li></ol>"
    result = clean_html(html_page(after=notes))
    assert_kept(result, "The figure counts street trees only.")
    assert_article_kept(result)


def test_second_copy_of_a_paragraph_goes_and_the_first_stays():
    copy = "<p>" + ARTICLE[0] + "</p>"
    result = clean_html(html_page(outside=f"<section><h2>Next story</h2>{copy}</section>", after=""))
    doc = clean_text(text_doc(after=ARTICLE[0]))
    assert doc.text.count(ARTICLE[0]) == 1
    assert "related_posts.repeated" in [r.rule for r in doc.removed]
    assert result.text.count(ARTICLE[0]) == 1
    assert_article_kept(doc)


def test_short_repeated_lines_stay():
    # A short line twice ("Step 1" in two tutorials, a repeated table label) is not a copy of a story.
    doc = clean_text(text_doc(middle="Keep watering young trees.", after="Keep watering young trees."))
    assert doc.text.count("Keep watering young trees.") == 2


def test_a_list_with_no_article_around_it_is_the_page():
    # A listing page: the "Recent posts" list is what the page is, not residue around a story.
    result = clean_text(RELATED_LIST + "\n")
    assert_kept(result, "Mars rover finds new evidence of ancient lakes")
    assert_kept(result, "Why the Moon is slowly drifting away")
