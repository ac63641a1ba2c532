"""The main text region of a page dumped to text: lines that are not prose, before or after it, go."""

from __future__ import annotations

from helpers import (
    ARTICLE,
    TITLE,
    assert_article_kept,
    assert_kept,
    assert_removed,
    clean_html,
    clean_text,
    html_page,
)

RULE = "navigation.outside_main_text"

# A header zone: site controls the phrase lists know, among menu entries they do not.
HEADER = "Riverside Gazette\nSign in\nLocal\nSchools\nWeather\nObituaries\nEvents\nContact us"
# A footer zone: site sections and a slogan, with legal links the phrase lists know.
FOOTER = (
    "Our Newsrooms\nRiverside\nEastbank\nHillford\nIndependent local journalism\nPrivacy Policy\nTerms of Use"
)


def page(before: str = HEADER, after: str = FOOTER, lead: str = TITLE) -> str:
    return "\n\n".join([before, lead, *ARTICLE, after]) + "\n"


def test_header_and_footer_zones_go():
    result = clean_text(page())
    assert_article_kept(result)
    for line in ("Hillford", "Our Newsrooms", "Independent local journalism"):
        assert_removed(result, line, RULE)
    # Once the menu lines go, later passes may name the header zone's rest as chrome above the headline.
    for line in ("Riverside Gazette", "Obituaries", "Weather"):
        assert_removed(result, line, "navigation.")


def test_headline_and_standfirst_above_the_prose_stay():
    standfirst = "Twelve thousand trees for the eastern districts"
    result = clean_text(page(lead=f"{TITLE}\n\n{standfirst}"))
    assert_kept(result, TITLE)
    assert_kept(result, standfirst)


def test_closing_line_below_the_prose_stays():
    result = clean_text(page(after="Planting starts in October.\n\n" + FOOTER))
    assert_kept(result, "Planting starts in October.")
    assert_removed(result, "Hillford", RULE)


def test_subheadings_and_short_lines_inside_the_article_stay():
    middle = "\n\n".join([ARTICLE[0], "Where the trees go", "Costs", ARTICLE[1], ARTICLE[2]])
    result = clean_text(f"{HEADER}\n\n{TITLE}\n\n{middle}\n\n{FOOTER}\n")
    assert_kept(result, "Where the trees go")
    assert_kept(result, "Costs")


def test_prose_outside_the_main_run_stays():
    # A lead paragraph set apart from the rest by a few menu lines is still prose: it stays.
    lead = "The vote followed two years of consultation in which more than four thousand residents took part."
    text = "\n\n".join([HEADER, lead, "Share", "Weather", *ARTICLE]) + "\n"
    assert_kept(clean_text(text), lead)


def test_prose_above_the_header_boilerplate_goes():
    # A site's blurb or a promo above its menus is not the article's lead.
    blurb = "Riverside Gazette has covered the valley since 1921 and is owned by its readers through a trust."
    result = clean_text("\n\n".join([blurb, HEADER, TITLE, *ARTICLE]) + "\n")
    assert_article_kept(result)
    assert_removed(result, blurb, RULE)


def test_short_lines_after_the_prose_stay_without_boilerplate_among_them():
    # An extractor's output: the steps after the prose are the article's, nothing marks them as a footer.
    steps = "What to bring\nA spade\nGloves\nA watering can"
    result = clean_text(page(before="", after=steps))
    for line in steps.splitlines():
        assert_kept(result, line)


def test_a_text_without_prose_is_left_alone():
    text = "Opening hours\n\nMonday to Friday\n\n9 to 5\n\nSaturday\n\n10 to 2\n"
    assert clean_text(text).text.split() == text.split()


def test_html_path_is_not_judged_by_it():
    result = clean_html(html_page(outside="<p>Hillford</p>"))
    assert RULE not in [r.rule for r in result.removed]


def test_prose_beyond_the_footer_boilerplate_goes():
    # A comment or an "about us" box below the footer's links is not the article's.
    about = "Riverside Gazette has covered the valley since 1921 and is owned by its readers through a trust."
    result = clean_text(page(after=f"{FOOTER}\n\n{about}"))
    assert_article_kept(result)
    assert_removed(result, about, RULE)


def test_code_lines_after_the_prose_stay():
    # Documentation: the example after the explanation is content, even with a site link beside it.
    code = "def plant(street):\nreturn [tree(street) for _ in range(12)]"
    result = clean_text(page(before="", after=f"{code}\n\nPrivacy Policy\n\nTerms of Use"))
    for line in code.splitlines():
        assert_kept(result, line)


def test_a_teaser_across_a_few_menu_lines_is_outside_the_main_text_of_a_page_dump():
    # In a whole page dumped to text, a short paragraph past a few menu lines is a teaser, not the
    # article's: the main run does not stretch over menus to take it in.
    teaser = "Ten more streets will close to cars this summer as the council extends its pilot scheme."
    menus = ["Share", "Print", "Local", "Schools", "Around the valley"]
    after = "\n\n".join([*menus, teaser, FOOTER])
    result = clean_text(page(after=after))
    assert_article_kept(result)
    assert_removed(result, teaser, RULE)
