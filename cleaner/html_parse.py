"""Parse HTML once, safely: no network, no entity expansion, comments and scripts out of the way."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# A DOCTYPE with an internal subset (entity declarations, XHTML served as XML): the HTML parser
# ends it at the first ">", and the rest of the declarations would read as page text.
_DOCTYPE_SUBSET = re.compile(r"^\s*<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
# End tags of the document: a browser ignores them when more content follows (HTML5 "after
# body"), libxml2 drops everything after </html> and puts what follows </body> outside the body.
_DOCUMENT_END_TAG = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
# libxml2 stops parsing at this many open elements (256 without XML_PARSE_HUGE), dropping the
# rest of the page; deeper markup is flattened to below it and parsed again.
MAX_DEPTH = 200
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_ANY_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:\s[^<>]*)?(/?)>")
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
    text = _DOCTYPE_SUBSET.sub("", text, count=1)
    text = _without_early_document_ends(text)
    if not text.strip():
        return None
    try:
        tree, too_deep = _parsed(text)
        if too_deep:
            tree = _document(flatten_deep_markup(text))
    except (etree.ParserError, ValueError):
        return None
    separate_blocks(tree)
    return tree


def _without_early_document_ends(text: str) -> str:
    """The text without </body> and </html> tags that have more than whitespace after them."""
    first = _DOCUMENT_END_TAG.search(text)
    if first is None or not text[first.end() :].strip():
        return text
    return _DOCUMENT_END_TAG.sub("", text)


def _document(text: str) -> lxml.html.HtmlElement:
    return _parsed(text)[0]


def _parsed(text: str) -> tuple[lxml.html.HtmlElement, bool]:
    """The tree, and whether libxml2 stopped at its depth limit.

    Parse UTF-8 bytes: libxml2 reads them about twice as fast as a Python str, which lxml
    hands over in its internal width (often UCS-4) for libxml2 to convert; the tree is the same."""
    try:
        data: str | bytes = text.encode("utf-8")
        parser = make_parser("utf-8")
    except UnicodeEncodeError:  # a lone surrogate has no UTF-8 form: let lxml take the str
        data, parser = text, make_parser()
    tree = lxml.html.document_fromstring(data, parser=parser)
    too_deep = any("Excessive depth" in entry.message for entry in parser.error_log)
    return tree, too_deep


def flatten_deep_markup(text: str) -> str:
    """The markup without the start tags (and their end tags) that open deeper than MAX_DEPTH:
    their text stays, in the deepest element kept."""
    names: list[str] = []  # the open elements, outermost first
    kept: list[bool] = []  # whether each one's start tag is kept
    depth = 0  # how many of them are kept
    parts: list[str] = []
    last = 0
    for match in _ANY_TAG.finditer(text):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            k = _innermost(names, name)
            keep = k < 0 or kept[k]  # a stray end tag (k < 0): the parser ignores it
            if k >= 0:
                depth -= sum(kept[k:])
                del names[k:], kept[k:]
        elif self_closing or name in _VOID:
            keep = True
        else:
            keep = depth < MAX_DEPTH
            names.append(name)
            kept.append(keep)
            depth += keep
        if not keep:
            parts.append(text[last : match.start()])
            last = match.end()
    parts.append(text[last:])
    return "".join(parts)


def _innermost(names: list[str], name: str) -> int:
    """Index of the innermost open element of this name, -1 when none is open."""
    for k in range(len(names) - 1, -1, -1):
        if names[k] == name:
            return k
    return -1


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
