"""Result.metadata for pages: what the head says, and the author from a removed byline."""

from __future__ import annotations

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
