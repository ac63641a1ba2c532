"""Result.metadata for pages: what the head says, and the author from a removed byline."""

from __future__ import annotations

import pytest

import cleaner

BODY = "".join(
    f"<p>Paragraph {n}: the river authority said the new flood barrier held through the night and that "
    f"the water level fell by morning, so the roads would reopen.</p>"
    for n in range(1, 6)
)


def page(head: str = "", before: str = "") -> str:
    return (
        f"<html><head><title>Barrier holds | River News</title>{head}</head><body><article>"
        f"<h1>Barrier holds</h1>{before}{BODY}</article></body></html>"
    )


def test_head_metadata_is_read():
    head = (
        '<meta name="author" content="Jane Doe">'
        '<meta property="og:site_name" content="River News">'
        '<meta property="article:published_time" content="2024-05-05T08:00:00Z">'
    )
    result = cleaner.clean(page(head), url="https://www.rivernews.example/barrier")
    assert result.title == "Barrier holds"
    assert result.metadata["author"] == "Jane Doe"
    assert result.metadata["site_name"] == "River News"
    assert result.metadata["date"] == "2024-05-05"
    assert result.metadata["url"] == "https://www.rivernews.example/barrier"


def test_author_comes_from_the_removed_byline_when_the_head_has_none():
    result = cleaner.clean(page(before="<p>By Jane Doe | 5 May 2024</p>"))
    assert "By Jane Doe" not in result.text
    assert result.metadata["author"] == "Jane Doe"


def test_site_name_falls_back_to_the_host():
    result = cleaner.clean(page(), url="https://www.rivernews.example/barrier")
    assert result.metadata["site_name"] == "rivernews.example"


def titled_page(title: str, *, h1: str | None = None, head: str = "") -> str:
    """A page whose head gives `title` as its og:title and <title>, with an optional <h1>."""
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return (
        f"<html><head><title>{title}</title><meta property='og:title' content='{title}'>{head}</head>"
        f"<body><article>{heading}{BODY}</article></body></html>"
    )


SITE = "<meta property='og:site_name' content='River News'>"


@pytest.mark.parametrize("separator", [" - ", " | ", " – ", " — ", " · ", " : ", " • ", " » "])
def test_the_site_name_after_a_separator_leaves_the_title(separator):
    result = cleaner.clean(titled_page(f"Barrier holds through the night{separator}River News", head=SITE))
    assert result.title == "Barrier holds through the night"
    assert result.metadata["site_name"] == "River News"


@pytest.mark.parametrize(
    "title", ["River News | Barrier holds through the night", "River News: Barrier holds through the night"]
)
def test_the_site_name_before_the_headline_leaves_the_title(title):
    assert cleaner.clean(titled_page(title, head=SITE)).title == "Barrier holds through the night"


def test_a_suffix_naming_the_host_goes_to_the_site_name_when_the_page_declares_none():
    title = "Meditation is not just for the soul! It helps heal the brain - The Times of India"
    url = "https://timesofindia.indiatimes.com/life-style/health-fitness/meditation/articleshow/1.cms"
    result = cleaner.clean(titled_page(title), url=url)
    assert result.title == "Meditation is not just for the soul! It helps heal the brain"
    assert result.metadata["site_name"] == "The Times of India"


def test_site_name_and_section_go_where_the_h1_shows_the_headline():
    # Discourse: "topic - category - site"; the category is cut because the <h1> shows the rest.
    result = cleaner.clean(
        titled_page(
            "Update 2024-09-05 Broken - Bugs - Example Developer Community", h1="Update 2024-09-05 Broken"
        ),
        url="https://forum.example.com/t/update-broken/1",
    )
    assert result.title == "Update 2024-09-05 Broken"
    assert result.metadata["site_name"] == "Example Developer Community"


@pytest.mark.parametrize(
    ("title", "h1", "url"),
    [
        # A colon or a dash inside the headline: the part is not the site.
        ("Python: a guide to the standard library", None, "https://www.python.org/guide"),
        ("Council approves plan - and residents cheer the decision", None, "https://news.example.com/a"),
        # The page shows the whole title as its headline.
        ("grep(1) — Linux manual page", "grep(1) — Linux manual page", "https://man7.org/grep.1.html"),
        # A masthead <h1> naming the site's book or section is not the headline: nothing is cut.
        (
            "Plan and intended audience | Introduction to Quantum Science",
            "Introduction to Quantum Science",
            "https://qubit.example/plan",
        ),
        # After a colon comes a subtitle, not a site: the <h1> showing the part before it cuts nothing.
        (
            "AI Consulting Services: Strategy, Integration & Development",
            "AI Consulting Services",
            "https://leverx.example/ai",
        ),
    ],
)
def test_a_title_part_that_is_not_the_site_stays(title, h1, url):
    assert cleaner.clean(titled_page(title, h1=h1), url=url).title == title


def test_a_declared_site_name_is_kept_over_the_suffix():
    page = titled_page(
        "Barrier holds | Rivers",
        head="<meta property='og:site_name' content='Rivers'><meta name='publisher' content='x'>",
    )
    result = cleaner.clean(page, url="https://rivers.example/barrier")
    assert result.title == "Barrier holds"
    assert result.metadata["site_name"] == "Rivers"


def test_the_headline_in_the_body_is_reported_as_the_title_once_the_site_name_is_cut():
    result = cleaner.clean(titled_page("Barrier holds - River News", h1="Barrier holds", head=SITE))
    assert ("Barrier holds", "metadata.title") in [(r.text, r.rule) for r in result.removed]
    assert "Barrier holds" not in result.text
