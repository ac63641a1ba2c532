"""Page metadata (title, author, date, site name, url) from the parsed tree.

trafilatura's full metadata pass also searches the body for author bylines, categories, tags
and licences with many XPath queries: a fifth of the time of a whole clean(). The parts kept
here read the head (meta tags, OpenGraph, JSON-LD, <title>/<h1>) and ask htmldate for the date
without its extensive search.
"""

from __future__ import annotations

import logging
import re
from contextlib import suppress
from typing import Any
from urllib.parse import urlsplit

from htmldate import find_date
from lxml import etree
from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title

# Result.metadata keys and the trafilatura Document fields they come from.
FIELDS = {
    "author": "author",
    "date": "date",
    "sitename": "site_name",
    "url": "url",
    "hostname": "hostname",
    "description": "description",
    "categories": "categories",
    "tags": "tags",
}
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def page_metadata(tree: etree._Element, url: str | None) -> tuple[str | None, dict[str, Any]]:
    """The page's title and its other metadata, found fields only."""
    document = examine_meta(tree)
    if document.author and " " not in document.author:
        document.author = None  # a single token is a handle or a site, not a person's name
    with suppress(Exception):  # malformed JSON-LD must not cost the page its text
        document = extract_meta_json(tree, document)
    title = (document.title or extract_title(tree) or "").strip() or None
    document.url = document.url or url
    if document.url:
        document.hostname = urlsplit(document.url).hostname
    try:
        document.date = find_date(tree, url=document.url, original_date=True, extensive_search=False)
    except Exception:  # noqa: BLE001 -- a date parser failure loses the date, not the page
        document.date = None
    document.sitename = (document.sitename or extract_sitename(tree) or "").lstrip("@") or None
    if not document.sitename and document.hostname:
        document.sitename = document.hostname.removeprefix("www.")
    metadata = {name: getattr(document, source) for source, name in FIELDS.items() if getattr(document, source, None)}
    if url and "url" not in metadata:
        metadata["url"] = url
    return title, metadata


_PAGE_URL = etree.XPath(
    "//head/link[@rel='canonical']/@href | //head/meta[@property='og:url']/@content"
)


def declared_url(tree: etree._Element) -> str | None:
    """The URL the page gives itself (canonical link or og:url), for telling its site."""
    for value in _PAGE_URL(tree):
        value = str(value).strip()
        if value.startswith(("http://", "https://", "//")):
            return value
    return None


_BYLINE = re.compile(
    r"^(?:by|written by|posted by|words by|story by|reported by|von|par|por)\s*:?\s+"
    r"(?P<name>[^|·•,–—\-]{3,80}?)\s*(?:[|·•,–—\-].*)?$",
    re.IGNORECASE,
)


# Bylines sit near the top: the first lines of the page are searched, not all of it.
MAX_BYLINE_SEARCH = 80
MAX_BYLINE_WORDS = 16


def author_from_bylines(lines: list[str]) -> str | None:
    """The author a byline names ("By Jane Doe | 5 May 2024"), from the first such line."""
    for line in lines[:MAX_BYLINE_SEARCH]:
        if len(line.split()) > MAX_BYLINE_WORDS:
            continue
        match = _BYLINE.match(line.strip())
        if match and _looks_like_a_name(match.group("name").split()):
            return match.group("name").strip()
    return None


def _looks_like_a_name(words: list[str]) -> bool:
    """Two to five words, first and last capitalised: "Jane Doe", "Matt De La O", not "Role"."""
    return 2 <= len(words) <= 5 and words[0][:1].isupper() and words[-1][:1].isupper()
