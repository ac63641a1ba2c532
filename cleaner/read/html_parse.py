"""Parse HTML once, safely: no network, no entity expansion, comments and scripts out of the way."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from .decode import printable

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# A DOCTYPE with an internal subset (entity declarations, XHTML served as XML): the HTML parser
# ends it at the first ">", and the rest of the declarations would read as page text. Nothing
# declared there is expanded or fetched.
_DOCTYPE_SUBSET = re.compile(r"^\s*<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
# End tags of the document: a browser ignores them when more content follows (HTML5 "after
# body"), libxml2 drops everything after </html> and puts what follows </body> outside the body.
_DOCUMENT_END_TAG = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
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


def make_parser(encoding: str | None = None, *, huge: bool = False) -> lxml.html.HTMLParser:
    parser = lxml.html.HTMLParser(
        encoding=encoding,
        huge_tree=huge,
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
    return parse_page(text)[0]


def parse_page(text: str) -> tuple[lxml.html.HtmlElement | None, list[str]]:
    """The document tree (None when there is nothing to parse) and notes on what parsing it took.

    libxml2 stops at its resource limits and returns only what it read before: text after
    markup nested more than 256 levels deep, or after a text, script or attribute of over
    10 MB, was lost. Such a page is read again, without the limit that stopped it."""
    text = _XML_DECLARATION.sub("", text, count=1)
    text = _DOCTYPE_SUBSET.sub("", text, count=1)
    text = _without_early_document_ends(text)
    if not text.strip():
        return None, []
    notes: list[str] = []
    try:
        tree, limit = document_of(text)
        huge = limit == TOO_LONG
        if huge:
            # No limit on a text's length; the nesting, which the huge parse no longer bounds,
            # is measured (deep trees overflow recursive code downstream).
            tree, _ = document_of(text, huge=True)
            notes.append("a text or attribute of the page is over 10 MB: it was read without libxml2's size limit")
            if tree_depth(tree) > MAX_DEPTH:
                limit = TOO_DEEP
        if limit == TOO_DEEP:
            tree = _flat_document(text, huge=huge)
            notes.append(f"the markup nests deeper than {MAX_DEPTH} levels: it was read without its nesting")
    except (etree.ParserError, ValueError):
        return None, notes
    separate_blocks(tree)
    unwrap_broken_pre(tree)
    if _INVISIBLE_ENTITY.search(text):
        make_printable(tree)
    return tree, notes


def _without_early_document_ends(text: str) -> str:
    """The text without </body> and </html> tags that have more than whitespace after them."""
    first = _DOCUMENT_END_TAG.search(text)
    if first is None or not text[first.end() :].strip():
        return text
    return _DOCUMENT_END_TAG.sub("", text)


# libxml2's nesting limit without XML_PARSE_HUGE.
MAX_DEPTH = 256
TOO_DEEP = "depth"
TOO_LONG = "length"
# Inline tags go first, so that a page of unclosed <font> or <b> keeps its blocks; past that,
# every tag that can nest becomes a paragraph break.
# HTML's inline (phrasing) elements: they never start a block.
INLINE_TAGS = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
        "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
        "time", "tt", "u", "var",
    }
)
_INLINE_TAG = re.compile(rf"</?(?:{'|'.join(sorted(INLINE_TAGS))})\b[^>]*>", re.IGNORECASE)
_NESTING_TAG = re.compile(
    r"</?(?!(?:html|head|body|title|meta|link|base|p|br|hr|img|h[1-6]|pre|script|style|noscript|template)\b)"
    r"[a-zA-Z][^\s/>]*[^>]*>"
)

_EMPTY_PARAGRAPHS = re.compile(r"<p>(?:\s*<p>)+")


def _flat_document(text: str, *, huge: bool) -> lxml.html.HtmlElement:
    """The page parsed without its inline tags, or, when it still nests too deep, flat."""
    text = _INLINE_TAG.sub("", text)
    tree, limit = document_of(text, huge=huge)
    if limit == TOO_DEEP or (huge and tree_depth(tree) > MAX_DEPTH):
        flat = _EMPTY_PARAGRAPHS.sub("<p>", _NESTING_TAG.sub("<p>", text))
        tree, _ = document_of(flat, huge=huge)
    return tree


def tree_depth(tree: etree._Element) -> int:
    """The deepest nesting of the tree, in one walk."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def document_of(text: str, *, huge: bool = False) -> tuple[lxml.html.HtmlElement, str | None]:
    """The parsed page, and the libxml2 resource limit that cut it short (TOO_DEEP, TOO_LONG), if any.

    UTF-8 bytes go in: libxml2 reads them about twice as fast as a Python str, which lxml
    hands over in its internal width (often UCS-4) for libxml2 to convert; the tree is the same."""
    try:
        data: str | bytes = text.encode("utf-8")
        parser = make_parser("utf-8", huge=huge)
    except UnicodeEncodeError:  # a lone surrogate has no UTF-8 form: let lxml take the str
        data, parser = text, make_parser(huge=huge)
    tree = lxml.html.document_fromstring(data, parser=parser)
    return tree, _limit_hit(parser)


def _limit_hit(parser: lxml.html.HTMLParser) -> str | None:
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            return TOO_DEEP if "depth" in entry.message.lower() else TOO_LONG
    return None


# Elements whose end is a word break however the page is written.
BLOCK_ENDS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
        # A title in the body (an SVG's, a stray one) is no inline text: two ran into one word.
        "title",
    }
)


_BLOCKS_IN_PRE = BLOCK_ENDS - {"pre"}


# Entities that decode to control or invisible characters, which the decoder has already taken
# out of the page's own characters: numeric ones, and the named invisibles.
_INVISIBLE_ENTITY = re.compile(r"&(?:#|shy;|zwn?j;|lrm;|rlm;|ZeroWidthSpace;|Negative\w+Space;|Invisible\w+;|i[ct];|af;)")
_NOT_PLAIN = re.compile(r"[^\x20-\x7e\t\n\r]")


def make_printable(tree: etree._Element) -> None:
    """Text the parser decoded from entities, printable as the decoder makes the page's own:
    control characters become spaces, invisible ones go. Otherwise "&#19;" put a control
    character in the output, which cleaning the output again (as text) would change."""
    for element in tree.iter():
        text, tail = element.text, element.tail
        if text and _NOT_PLAIN.search(text):
            element.text = printable(text)
        if tail and _NOT_PLAIN.search(tail):
            element.tail = printable(tail)


def unwrap_broken_pre(tree: etree._Element) -> None:
    """A <pre> holding block elements (an unclosed <pre> swallowing the page) becomes a <div>.

    A <pre> holds only phrasing content. trafilatura reads one as a single block of code: the
    blocks inside it came out twice (once on their own, once in the <pre>), out of order, and
    with their texts run together ("TheSkip to content")."""
    for pre in tree.iter("pre"):
        if next(pre.iter(*_BLOCKS_IN_PRE), None) is not None:
            pre.tag = "div"


def separate_blocks(tree: etree._Element) -> None:
    """Give each block element a whitespace tail, as pretty-printed markup has.

    In minified markup ("<li>The</li><li>End</li>") nothing separates the text of one block
    from the next, and the extractor, which joins stray text, makes one word ("TheEnd") of two.
    """
    for element in tree.iter(*BLOCK_ENDS):
        tail = element.tail
        if tail is None:
            element.tail = "\n"
        elif not tail[:1].isspace():
            element.tail = "\n" + tail
