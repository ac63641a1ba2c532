"""Navigation: menus flattened to a line, breadcrumbs, skip links and site controls."""

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

MENUS = [
    "Home | World | Sport | Business",
    "Home | World | Sport | Business | Culture | Travel",
    "News › World › Europe",
    "Home » Politics » Elections",
    "Startseite | Politik | Wirtschaft | Sport",
    "Accueil | Monde | Économie | Culture",
    "Inicio | Nacional | Internacional | Deportes",
]

LINKS = [
    "Skip to content",
    "Skip Navigation",
    "4 minute read time",
    "Out of stock",
    "Back to top",
    "Next article",
    "Previous post",
    "Toggle navigation",
    "Zum Inhalt springen",
    "Nach oben",
    "Aller au contenu",
    "Haut de page",
    "Ir al contenido",
    "Volver arriba",
]

# Article text that shares words with site controls and must stay.
PROSE = [
    "Read more about the study's methods, which the authors published in full last year.",
    "Home is where the heart is, the old saying goes, and for these families home is now a tent.",
    "Search teams found the missing hikers near the summit early on Sunday morning.",
    "Next year the council will revisit the plan and decide whether to extend it to the west.",
    "The vote split the chamber: left | right | centre, as one commentator put it, was no longer a useful map.",
    "Contact with the outside world was limited to a single satellite phone for three weeks.",
]


@pytest.mark.parametrize("menu", MENUS)
def test_menu_line_goes_in_text(menu):
    result = clean_text(text_doc(before=menu))
    assert_removed(result, menu, "navigation.menu")
    assert_article_kept(result)


@pytest.mark.parametrize("menu", MENUS[:3])
def test_menu_line_inside_article_goes_in_html(menu):
    result = clean_html(html_page(middle=f"<p>{menu}</p>"))
    assert_removed(result, menu, "navigation.menu")
    assert_article_kept(result)


@pytest.mark.parametrize("link", LINKS)
def test_site_controls_go_in_text(link):
    result = clean_text(text_doc(before=link, after=""))
    assert_removed(result, link, "navigation.link")
    assert_article_kept(result)


@pytest.mark.parametrize("prose", PROSE)
def test_prose_with_navigation_words_stays_in_text(prose):
    result = clean_text(text_doc(middle=prose))
    assert_kept(result, prose)
    assert_article_kept(result)


@pytest.mark.parametrize("prose", PROSE)
def test_prose_with_navigation_words_stays_in_html(prose):
    result = clean_html(html_page(middle=f"<p>{prose}</p>"))
    assert_kept(result, prose)
    assert_article_kept(result)


def test_menu_in_nav_element_goes():
    nav = (
        '<header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a>'
        ' | <a href="/business">Business</a></nav></header>'
    )
    result = clean_html(html_page(before=nav))
    assert "Sport" not in result.text
    assert any("Sport" in r.text for r in result.removed)
    assert_article_kept(result)


def test_breadcrumb_by_class_goes_as_markup():
    crumbs = '<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ol>'
    result = clean_html(html_page(middle=crumbs))
    assert "News" not in result.text.split()
    assert_removed(result, "News", "navigation.markup")
    assert_article_kept(result)


def test_share_bar_by_class_goes_as_markup():
    bar = '<div class="share-buttons"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>'
    result = clean_html(html_page(after=bar))
    assert_removed(result, "Facebook", "navigation.markup")
    assert_article_kept(result)


def test_table_rows_with_pipes_stay():
    table = (
        "<table><tr><th>Team</th><th>Won</th><th>Lost</th></tr>"
        "<tr><td>Rovers</td><td>12</td><td>3</td></tr><tr><td>United</td><td>9</td><td>6</td></tr></table>"
    )
    result = clean_html(html_page(middle=table))
    assert "Rovers" in result.text
    assert "United" in result.text
    assert not rules_with_prefix(result, "navigation.")


def rules_with_prefix(result, prefix):
    return [r.rule for r in result.removed if r.rule.startswith(prefix)]


@pytest.mark.parametrize(
    "control",
    ["Add to cart", "Quick View", "Free shipping on orders over $75", "Filter & Sort", "Regular price"],
)
def test_shop_controls_go(control):
    result = clean_text(text_doc(middle=control))
    assert_removed(result, control, "navigation.link")
    assert_article_kept(result)


@pytest.mark.parametrize(
    "line", ["1-4 Players • Ages 14+ • 90-120 minutes • $45", "Weight: 12 kg | Range: 40 km | Speed: 25 km/h"]
)
def test_lines_of_figures_are_not_menus(line):
    result = clean_text(text_doc(middle=line))
    assert_kept(result, line)


@pytest.mark.parametrize(
    "detail", ["Join Date: Aug 2008", "Posts: 1,077", "Reaction score", "New Member", "2+ Year Member"]
)
def test_forum_poster_details_go(detail):
    result = clean_text(text_doc(middle=detail))
    assert_removed(result, detail, "navigation.link")
    assert_article_kept(result)
