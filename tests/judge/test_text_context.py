"""Context on the text path: listings keep their items, lists stay, islands of chrome go, and a
discussion keeps its thread while an article loses the comments under it."""

from __future__ import annotations

from helpers import ARTICLE, TITLE, assert_article_kept, assert_kept, assert_removed, clean_text

HEADER = "Glassworks Shop\n\nSign in\n\nCups\n\nBottles\n\nStraws\n\nGift cards"
FOOTER = "Our Stores\n\nMelbourne\n\nSydney\n\nPrivacy Policy\n\nTerms of Use"
COLOURS = ["Amber", "Bluestone", "Flaxen", "Lilac", "Meadowlark", "Sandstone", "Violet", "Ruby Wine"]


def listing() -> tuple[str, list[str]]:
    """A catalogue page as text: a short intro, then many product lines, no article prose."""
    items = [f"Glass Cup {size}oz {colour}" for size in (4, 6, 8, 12, 16, 20, 24, 32) for colour in COLOURS]
    intro = "Our reusable glass cups are made by hand in small batches and last for years of daily use."
    return "\n\n".join([HEADER, "Reusable Cups", intro, *items, FOOTER]) + "\n", items


def test_a_listing_keeps_its_items_between_header_and_footer():
    text, items = listing()
    result = clean_text(text)
    for item in (items[0], items[len(items) // 2], items[-1]):
        assert_kept(result, item)
    assert_removed(result, "Privacy Policy")


def test_an_article_with_chrome_around_it_still_loses_the_zones():
    # The same header and footer around an article: the prose is the page, the zones go.
    text = "\n\n".join([HEADER, TITLE, *ARTICLE, FOOTER]) + "\n"
    result = clean_text(text)
    assert_article_kept(result)
    assert_removed(result, "Melbourne", "navigation.outside_main_text")


def test_bulleted_items_after_the_article_stay():
    # An extractor writes a list with bullets; a page dump's menus have none.
    bullets = ["- organic cotton", "- recycled wool", "- linen"]
    text = "\n".join([TITLE, "", *ARTICLE, "", *bullets, "", "Privacy Policy", "", "Terms of Use", ""])
    result = clean_text(text)
    for bullet in bullets:
        assert_kept(result, bullet)


def test_a_short_line_between_removed_lines_goes():
    middle = "Share on Facebook\n\nTrees\n\nShare on X"
    result = clean_text("\n\n".join([TITLE, ARTICLE[0], ARTICLE[1], middle, ARTICLE[2]]) + "\n")
    assert_article_kept(result)
    assert_removed(result, "Trees", "navigation.island")


def test_a_headline_between_a_menu_and_a_dateline_stays():
    text = "\n\n".join(["Sign in", "Subscribe", TITLE, "Published 3 June 2024", *ARTICLE]) + "\n"
    result = clean_text(text)
    assert_kept(result, TITLE)


COMMENTS = [
    "Maria Lopez says:",
    "June 4, 2024 at 9:12 am",
    "About time. Our street lost four old oaks to the storm and nobody replaced them.",
    "Reply",
    "Tom Baker says:",
    "June 4, 2024 at 11:40 am",
    "Who waters them in the first summer? That is where these programmes usually fail.",
    "Reply",
]


def test_comments_under_an_article_go():
    text = "\n\n".join([TITLE, *ARTICLE, "2 Comments", *COMMENTS]) + "\n"
    result = clean_text(text)
    assert_article_kept(result)
    assert_removed(result, "Who waters them", "comment_form.thread")


def test_a_discussion_keeps_its_thread():
    # A forum thread: the opening post and the replies before the heading are signed and dated
    # like the ones after it, so the thread is the page's content.
    posts = []
    for name, day, body in (
        ("Ann Reed", 1, ARTICLE[0]),
        ("Joe Park", 2, ARTICLE[1]),
        ("Lena Ito", 3, ARTICLE[2]),
    ):
        posts += [f"{name} says:", f"June {day}, 2024 at 8:00 am", body]
    text = "\n\n".join([TITLE, *posts, "2 Replies", *COMMENTS]) + "\n"
    result = clean_text(text)
    assert_article_kept(result)
    assert_kept(result, "Who waters them in the first summer?")


def test_signed_comments_without_a_heading_go():
    signed = [
        "by mjones ( 1311177 ) writes: on Friday June 7, 2024 @08:08PM",
        "Who pays for the watering? Nobody budgets for the first three summers.",
        "by treehugger ( 5754788 ) writes: on Friday June 7, 2024 @09:12PM",
        "Twelve thousand sounds like a lot until you count the streets.",
        "by oakfan ( 596061 ) writes: on Saturday June 8, 2024 @07:30AM",
        "Our block got two saplings last year and both are already dead.",
    ]
    result = clean_text("\n\n".join([TITLE, *ARTICLE, *signed]) + "\n")
    assert_article_kept(result)
    assert_removed(result, "Nobody budgets for the first three summers", "comment_form.thread")
    assert_removed(result, "both are already dead", "comment_form.thread")


def test_a_count_of_comments_on_the_title_opens_the_thread():
    heading = f"2 Comments on “{TITLE}”"
    result = clean_text("\n\n".join([TITLE, *ARTICLE, heading, *COMMENTS]) + "\n")
    assert_article_kept(result)
    assert_removed(result, heading, "comment_form.")
    assert_removed(result, "Who waters them", "comment_form.thread")


def test_a_share_bar_run_into_one_line_goes():
    bar = (
        "Click to share on Facebook (Opens in new window) Facebook Click to share on X (Opens in new window) X "
        "Click to share on LinkedIn (Opens in new window) LinkedIn Click to share on Reddit (Opens in new window) "
        "Reddit Click to share on Tumblr (Opens in new window) Tumblr Click to share on Telegram (Opens in new "
        "window) Telegram"
    )
    result = clean_text("\n\n".join([TITLE, ARTICLE[0], ARTICLE[1], bar, ARTICLE[2]]) + "\n")
    assert_article_kept(result)
    assert_removed(result, bar, "navigation.menu")


def test_a_sentence_about_sharing_stays():
    sentence = (
        "Residents can share on the city's map where they want a tree, share via the council's form, which "
        "opens in a new window, and the council will read every request before the autumn planting begins."
    )
    result = clean_text("\n\n".join([TITLE, *ARTICLE, sentence]) + "\n")
    assert_kept(result, sentence)


def test_carousel_controls_go():
    result = clean_text("\n\n".join([TITLE, ARTICLE[0], "Previous Next", ARTICLE[1], ARTICLE[2]]) + "\n")
    assert_removed(result, "Previous Next", "navigation.link")


def test_the_answers_to_a_question_stay():
    question = [*ARTICLE, "asked June 3, 2024 at 9:00", "Add a comment", "2 Answers"]
    answers = [
        "June 4, 2024 at 9:12 am",
        "About time. Our street lost four old oaks to the storm and nobody replaced them.",
        "June 4, 2024 at 11:40 am",
        "Who waters them in the first summer? That is where these programmes usually fail.",
    ]
    result = clean_text("\n\n".join([TITLE, *question, *answers]) + "\n")
    assert_kept(result, "Who waters them in the first summer?")


def test_a_table_written_out_by_an_extractor_is_not_a_menu():
    rows = ["| District | Trees | Cost |", "| Eastbank | 4,200 | $9.1m |", "| Hillford | 3,100 | $7.4m |"]
    text = "\n\n".join([TITLE, *ARTICLE, "\n".join(rows), "Share", "Print", "Privacy Policy", "Terms of Use"])
    result = clean_text(text + "\n")
    assert_article_kept(result)
    for row in rows:
        assert_kept(result, row)
    assert_removed(result, "Privacy Policy")
