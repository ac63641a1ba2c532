"""Page metadata (title, author, date, site name, url) from the parsed tree.

trafilatura's full metadata pass also searches the body for author bylines, categories, tags
and licences with many XPath queries: a fifth of the time of a whole clean(). The parts kept
here read the head (meta tags, OpenGraph, JSON-LD, <title>/<h1>) and ask htmldate for the date
without its extensive search.

The title is the headline: the site's name a page title carries ("Headline - Site",
"Site | Headline") goes to the site name (split_title).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from htmldate import find_date
from lxml import etree
from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title

from ..model.words import STOPWORDS, normalise

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
    """The page's title (its headline) and its other metadata, found fields only."""
    document = examine_meta(tree)
    if document.author and " " not in document.author:
        document.author = None  # a single token is a handle or a site, not a person's name
    with suppress(Exception):  # malformed JSON-LD must not cost the page its text
        document = extract_meta_json(tree, document)
    full_title = (document.title or extract_title(tree) or "").strip() or None
    document.url = document.url or url
    if document.url:
        document.hostname = urlsplit(document.url).hostname
    try:
        document.date = find_date(tree, url=document.url, original_date=True, extensive_search=False)
    except Exception:  # noqa: BLE001 -- a date parser failure loses the date, not the page
        document.date = None
    declared = _declared_site_name(document.sitename, full_title)
    title, named = page_headline(tree, full_title, declared, document.hostname)
    document.sitename = declared or named or (extract_sitename(tree) or "").lstrip("@") or None
    if not document.sitename and document.hostname:
        document.sitename = document.hostname.removeprefix("www.")
    metadata = {name: getattr(document, source) for source, name in FIELDS.items() if getattr(document, source, None)}
    if url and "url" not in metadata:
        metadata["url"] = url
    return title, metadata


def _declared_site_name(name: str | None, title: str | None) -> str | None:
    """The site name the page declares (og:site_name, publisher, JSON-LD), without a handle's
    "@"; None when it declares none, or only its title of several parts ("Headline | Site"
    as og:site_name names no site; "Bombas" on Bombas' home page does)."""
    name = (name or "").strip().lstrip("@").strip()
    if not name or (title and normalise(name) == normalise(title) and _SEPARATOR.search(title)):
        return None
    return name


_OG_TITLE = etree.XPath("//head/meta[@property='og:title']/@content")
_TITLE_ELEMENT = etree.XPath("//head//title")


def page_headline(
    tree: etree._Element, title: str | None, site_name: str | None, hostname: str | None
) -> tuple[str | None, str | None]:
    """The headline of the page's title, and the site's name cut from it (None when none was),
    on the evidence of the page: its site name and host, its <h1>s, its og:title and <title>."""
    if not title:
        return None, None
    h1s = [" ".join(" ".join(h1.itertext()).split()) for h1 in tree.iter("h1")]
    others = [str(value) for value in _OG_TITLE(tree)]
    others += [" ".join(element.text_content().split()) for element in _TITLE_ELEMENT(tree)[:1]]
    return split_title(title, SiteEvidence.of([site_name], hostname), h1s, others)


# Separators between a headline and the site's name: a dash, bar, colon, dot or guillemet with
# space on both sides ("Headline - Site", "Site | Headline"), or a colon after a word ("Site:
# Headline"), which also starts a headline's subtitle ("Python: a guide").
_SEPARATOR = re.compile(r"\s+[-|–—·•»:]\s+|(?<=\w):\s+")
SUBTITLE_COLON = ":"
# Host labels that name no site: "www." and the domain endings.
_GENERIC_LABELS = frozenset(
    {"www", "m", "amp", "com", "org", "net", "co", "uk", "edu", "gov", "io", "info", "biz"}
)
# Names shorter than this (squashed) match a host or a title part by chance ("ai", "tv").
MIN_SITE_CHARS = 3
# A title of more parts is not a headline with a site's name (a keyword list, a breadcrumb
# trail): it is kept as it is, and the runs of its parts are not searched (their number grows
# with the square of the parts). WCXB dev titles have at most 8 parts, all but two at most 4.
MAX_TITLE_PARTS = 8


@dataclass(frozen=True)
class SiteEvidence:
    """What names the page's site: the names it declares and the labels of its host."""

    names: tuple[str, ...]
    host_labels: tuple[str, ...]

    @classmethod
    def of(cls, names: Iterable[str | None], hostname: str | None) -> SiteEvidence:
        labels = tuple(label for label in (hostname or "").lower().split(".") if label)
        return cls(tuple(name for name in names if name and name.strip()), labels)

    def names_site(self, text: str, *, loosely: bool = True) -> bool:
        """Whether the text is the site's name: a declared name, written alike ("TP Link" for
        "TP-Link"); loosely also its first or last words ("Britannica" for "Encyclopedia
        Britannica") or its host's labels ("Times of India" on timesofindia.indiatimes.com,
        "LMSYS Org" on lmsys.org)."""
        squashed = _squash(text)
        if len(squashed) < MIN_SITE_CHARS:
            return False
        if any(_same_name(squashed, _squash(name)) for name in self.names):
            return True
        if not loosely:
            return False
        words = normalise(text).split()
        if any(_leading_or_trailing(words, normalise(name).split()) for name in self.names):
            return True
        return any(_same_name(squashed, host) for host in self._host_names())

    def shares_a_word(self, text: str) -> bool:
        """Whether a word of the text (not a stopword) is a word of a declared name or part of a
        host label: "Garnix Blog" on garnix.io."""
        labels = [label for label in self.host_labels if label not in _GENERIC_LABELS]
        named = {word for name in self.names for word in normalise(name).split()}
        return any(
            word in named or any(word in label for label in labels)
            for word in normalise(text).split()
            if len(word) >= MIN_SITE_CHARS and word not in STOPWORDS
        )

    def _host_names(self) -> set[str]:
        """Runs of consecutive host labels, joined, that are not all generic ("lmsysorg", "lmsys")."""
        labels = self.host_labels
        return {
            "".join(labels[i:j])
            for i in range(len(labels))
            for j in range(i + 1, len(labels) + 1)
            if any(label not in _GENERIC_LABELS for label in labels[i:j])
        }


def _squash(text: str) -> str:
    """Letters and digits only, lowercase: "TP-Link" and "tplink" are one name."""
    return "".join(normalise(text).split())


def _same_name(a: str, b: str) -> bool:
    """Two squashed names are one, with or without a leading "the" ("The Times of India" and
    timesofindia, "The Verge" and theverge)."""
    return a == b or _without_the(a) == _without_the(b)


def _without_the(squashed: str) -> str:
    if squashed.startswith("the") and len(squashed) >= len("the") + MIN_SITE_CHARS:
        return squashed[len("the") :]
    return squashed


def _leading_or_trailing(words: list[str], name_words: list[str]) -> bool:
    """The words are the name's first or last words, and fewer than all of them."""
    n = len(words)
    return 0 < n < len(name_words) and (name_words[:n] == words or name_words[-n:] == words)


@dataclass(frozen=True)
class _Part:
    """A stretch of the title between separators: where it is, and the separator before it."""

    start: int
    end: int
    separator: str  # as written before it, without the space after ("" for the first part)


def _title_parts(title: str) -> list[_Part]:
    parts = []
    start, separator = 0, ""
    for match in _SEPARATOR.finditer(title):
        parts.append(_Part(start, match.start(), separator))
        start, separator = match.end(), match.group().rstrip()  # ":" after a word, " :" spaced
    parts.append(_Part(start, len(title), separator))
    return parts


def split_title(
    title: str, site: SiteEvidence, h1s: Iterable[str], other_titles: Iterable[str] = ()
) -> tuple[str, str | None]:
    """The headline of a page title, and the site's name cut from it (None when none was cut,
    or what was cut does not name the site).

    Only what is the site is cut: an outer part that names it (SiteEvidence.names_site), then,
    when the page shows a run of the remaining parts as a headline (an <h1>, the og:title or
    <title> text), the parts around that run (see _shown_run). A title the page shows whole in
    an <h1> stays whole: a headline may hold " - " or ":" ("Python: a guide")."""
    parts = _title_parts(title)
    if not 1 < len(parts) <= MAX_TITLE_PARTS:
        return title, None
    headings = {normalise(h1) for h1 in h1s}
    if normalise(title) in headings:
        return title, None
    lo, hi = 0, len(parts)
    named: str | None = None
    while hi - lo > 1:
        # At a subtitle's colon only a declared name is cut: "Python: a guide" on python.org
        # stays whole.
        first, last = title[parts[lo].start : parts[lo].end], title[parts[hi - 1].start : parts[hi - 1].end]
        if site.names_site(last, loosely=parts[hi - 1].separator != SUBTITLE_COLON):
            hi -= 1
            named = named or last
        elif site.names_site(first, loosely=parts[lo + 1].separator != SUBTITLE_COLON):
            lo += 1
            named = named or first
        else:
            break
    shown = (headings | {normalise(text) for text in other_titles}) - {""}
    lo, hi, cut = _shown_run(title, parts, lo, hi, shown, site)
    headline = title[parts[lo].start : parts[hi - 1].end].strip()
    if not headline:
        return title, None
    # A part cut because the rest is the headline names the site when it shares a word with it
    # ("mostly-adequate-guide" on mostly-adequate.gitbook.io), not a tagline or a section.
    return headline, named or next((text for text in cut if site.shares_a_word(text)), None)


def _shown_run(
    title: str, parts: list[_Part], lo: int, hi: int, shown: set[str], site: SiteEvidence
) -> tuple[int, int, list[str]]:
    """The longest run of the parts lo..hi that the page shows as a headline, and the outermost
    parts cut around it (the last, then the first); lo, hi and [] when there is none.

    Titles put the site last, and a masthead <h1> often names the site or a section: parts after
    the run are cut, but not a subtitle after a colon; parts before it only when they share a
    word with the site's names and the run does not ("Garnix Blog: Hardware-Attested Nix
    Builds" on garnix.io; not "Xfinity TV and Streaming - Xfinity Entertainment")."""
    for size in range(hi - lo - 1, 0, -1):
        for a in range(lo, hi - size + 1):
            b = a + size
            run = title[parts[a].start : parts[b - 1].end]
            if normalise(run) not in shown or site.names_site(run):
                continue
            if b < hi and parts[b].separator == SUBTITLE_COLON:
                continue
            before = title[parts[lo].start : parts[a - 1].end] if a > lo else ""
            if before and (not site.shares_a_word(before) or site.shares_a_word(run)):
                continue
            outer = [(parts[hi - 1], b < hi), (parts[lo], a > lo)]
            return a, b, [title[part.start : part.end] for part, is_cut in outer if is_cut]
    return lo, hi, []


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
