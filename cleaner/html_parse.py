"""Parse HTML once, safely: no network, no entity expansion, comments and scripts out of the way."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_HTML_MARKERS = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|table|span|a|br|h[1-6]|ul|li|img|script|link)\b",
    re.IGNORECASE,
)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
# Tags per 1,000 characters above which text with a few tags is still taken as HTML.
MIN_TAGS = 3


def looks_like_html(text: str) -> bool:
    """Tell a web page from plain text that happens to contain a '<'."""
    head = text[:20_000]
    stripped = head.lstrip()
    if stripped[:1] == "<" and _HTML_MARKERS.match(stripped):
        return True
    if not _HTML_MARKERS.search(head):
        return False
    return len(_TAG.findall(head)) >= MIN_TAGS


def make_parser(encoding: str | None = None) -> lxml.html.HTMLParser:
    parser = lxml.html.HTMLParser(
        encoding=encoding,
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        collect_ids=False,
        default_doctype=False,
    )
    # lxml.html picks each element's class in Python (form and input elements get their own),
    # once per element proxy: trafilatura creates millions of proxies, and that lookup was a
    # tenth of a page's time. Every element is a plain HtmlElement here, chosen in C; nothing
    # downstream uses the form classes, and the parser drops comments and PIs, whose classes
    # would differ too.
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=lxml.html.HtmlElement))
    return parser


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    """The document tree, or None when there is nothing to parse."""
    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        return None
    try:
        tree = _document(text)
    except (etree.ParserError, ValueError):
        return None
    separate_blocks(tree)
    return tree


def _document(text: str) -> lxml.html.HtmlElement:
    """Parse UTF-8 bytes: libxml2 reads them about twice as fast as a Python str, which lxml
    hands over in its internal width (often UCS-4) for libxml2 to convert; the tree is the same."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate has no UTF-8 form: let lxml take the str
        return lxml.html.document_fromstring(text, parser=make_parser())
    return lxml.html.document_fromstring(data, parser=make_parser("utf-8"))


# Elements whose end is a word break however the page is written.
_BLOCK_ENDS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
    }
)


def separate_blocks(tree: etree._Element) -> None:
    """Give each block element a whitespace tail, as pretty-printed markup has.

    In minified markup ("<li>The</li><li>End</li>") nothing separates the text of one block
    from the next, and the extractor, which joins stray text, makes one word ("TheEnd") of two.
    """
    for element in tree.iter(*_BLOCK_ENDS):
        tail = element.tail
        if tail is None:
            element.tail = "\n"
        elif not tail[:1].isspace():
            element.tail = "\n" + tail
