"""Properties that hold for any input: only InputError escapes, output words come from the input
in order, cleaning is idempotent on text and deterministic."""

from __future__ import annotations

import codecs
import html

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from promises import is_subsequence, words  # fuzz/promises.py: the fuzzer's own checks

import cleaner
from cleaner import InputError

SETTINGS = settings(
    max_examples=int(__import__("os").environ.get("PROP_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Lines the rules know, so that generated documents exercise them and not only their absence.
BOILERPLATE = [
    "Home | World | Sport | Business",
    "Home › News › Local",
    "Skip to content",
    "Read more",
    "Share this article",
    "Source link",
    "(With inputs from agencies)",
    "Jonathan Ernst/AP",
    "Photo: Getty Images",
    "By Jane Smith",
    "About the author",
    "Jane Smith is a staff writer who covers science and health for the paper.",
    "Leave a Reply",
    "Leave a Comment",
    "Your email address will not be published. Required fields are marked *",
    "Name *",
    "Email *",
    "Comment",
    "Post Comment",
    "Schreibe einen Kommentar",
    "Deine E-Mail-Adresse wird nicht veröffentlicht.",
    "Laisser un commentaire",
    "Deja una respuesta",
    "Related Posts",
    "You may also like",
    "Recent Posts",
    "Also read: Ten things to know about the budget",
    "March 3, 2024",
    "3 hours ago",
    "The mayor said the plan would go ahead… Read more",
    "We use cookies to improve your experience. By continuing to use this site you agree.",
    "Accept all",
    "Diese Website verwendet Cookies.",
    "Nous utilisons des cookies.",
    "Sign up for our newsletter",
    "Follow us on Twitter",
    "Watch: the moment the bridge opened",
    "Copyright © 2024 Example Media. All rights reserved.",
    "- first item of a list",
    "* second item",
    "1. numbered item",
    "Tags",
    "Comments",
    "12 Comments",
]
WORDS = [
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "city",
    "council",
    "said",
    "plan",
    "trees",
    "water",
    "study",
    "team",
    "new",
    "year",
    "report",
    "people",
    "would",
    "could",
    "more",
    "read",
    "comment",
    "share",
    "source",
    "home",
    "news",
    "photo",
    "image",
    "credit",
    "cookies",
    "email",
    "name",
]


def sentence() -> st.SearchStrategy[str]:
    words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join)
    ending = st.sampled_from(["", ".", ".", "!", "?", ":", "…"])
    return st.builds(lambda w, e: w[:1].upper() + w[1:] + e, words, ending)


LINE = st.one_of(
    st.sampled_from(BOILERPLATE),
    sentence(),
    st.text(max_size=80),
    st.text(alphabet=st.characters(codec="ascii"), max_size=120),
)
SEPARATOR = st.sampled_from(["\n", "\n\n", "\n\n", "\r\n", "\n \n", "\n\n\n"])


@st.composite
def documents(draw) -> str:
    lines = draw(st.lists(LINE, max_size=25))
    out = []
    for line in lines:
        out.append(line)
        out.append(draw(SEPARATOR))
    return "".join(out)


TEXTS = st.one_of(documents(), st.text(max_size=400))


def clean_or_none(data, **kwargs):
    """clean(), with InputError (the one allowed exception) turned into None."""
    try:
        return cleaner.clean(data, **kwargs)
    except InputError:
        return None


def test_is_subsequence_helper():
    assert is_subsequence(["a", "c"], ["a", "b", "c"])
    assert not is_subsequence(["c", "a"], ["a", "b", "c"])
    assert not is_subsequence(["a", "a"], ["a", "b"])


@SETTINGS
@given(TEXTS)
def test_text_raises_only_input_error_and_keeps_words_in_order(text):
    result = clean_or_none(text, kind="text")
    if result is None:
        return
    assert isinstance(result.text, str)
    assert is_subsequence(words(result.text), words(text)), (words(result.text), words(text))


@SETTINGS
@given(TEXTS)
def test_auto_kind_raises_only_input_error(text):
    result = clean_or_none(text)
    if result is not None:
        assert result.kind in ("html", "text")
        assert isinstance(result.text, str)


@SETTINGS
@given(TEXTS)
def test_text_cleaning_is_idempotent(text):
    first = clean_or_none(text, kind="text")
    if first is None:
        return
    second = cleaner.clean(first.text, kind="text")
    assert second.text == first.text, [(r.rule, r.text) for r in second.removed]


@SETTINGS
@given(TEXTS, st.sampled_from(["text", "auto"]))
def test_deterministic(text, kind):
    first = clean_or_none(text, kind=kind)
    second = clean_or_none(text, kind=kind)
    if first is None:
        assert second is None
    else:
        assert second is not None
        assert first.to_dict() == second.to_dict()


@SETTINGS
@given(st.binary(max_size=600))
def test_arbitrary_bytes_raise_only_input_error(data):
    result = clean_or_none(data)
    if result is not None:
        assert isinstance(result.text, str)


@SETTINGS
@given(
    st.binary(max_size=300), st.sampled_from([b"\x1f\x8b", b"\xef\xbb\xbf", b"\xff\xfe", b"<html>", b"%PDF"])
)
def test_bytes_with_tricky_prefixes_raise_only_input_error(data, prefix):
    result = clean_or_none(prefix + data)
    if result is not None:
        assert isinstance(result.text, str)


@SETTINGS
@given(TEXTS, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_encoded_text_keeps_words_in_order(text, encoding):
    data = text.encode(encoding, errors="surrogatepass" if "utf" in encoding else "strict")
    if encoding == "utf-8" and data.startswith(codecs.BOM_UTF8):
        return  # the text itself starts with U+FEFF: read as a BOM, which is right
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return  # lone surrogates: not a text any encoder would write
    result = clean_or_none(data, kind="text")
    if result is not None:
        assert is_subsequence(words(result.text), words(text.lstrip("\ufeff")))


# Generated pages: random paragraphs in simple markup, some with boilerplate containers.
PARAGRAPH = st.one_of(sentence(), st.sampled_from(BOILERPLATE), st.text(max_size=120))
WRAPPERS = [
    "<p>{}</p>",
    "<h2>{}</h2>",
    "<li>{}</li>",
    "<div>{}</div>",
    "<blockquote>{}</blockquote>",
    "<figure><figcaption>{}</figcaption></figure>",
    '<div class="related-posts"><p>{}</p></div>',
    '<div id="comments"><p>{}</p></div>',
    '<nav><a href="/">{}</a></nav>',
    "<td>{}</td>",
]


@st.composite
def pages(draw) -> tuple[str, list[str]]:
    paragraphs = draw(st.lists(PARAGRAPH, max_size=15))
    body = []
    for text in paragraphs:
        wrapper = draw(st.sampled_from(WRAPPERS))
        body.append(wrapper.format(html.escape(text)))
    title = draw(st.one_of(st.none(), sentence()))
    head = f"<head><title>{html.escape(title)}</title></head>" if title else ""
    page = f"<!DOCTYPE html><html>{head}<body><article>{''.join(body)}</article></body></html>"
    return page, paragraphs


@SETTINGS
@given(pages())
def test_generated_html_keeps_words_in_order(page_and_texts):
    page, paragraphs = page_and_texts
    result = clean_or_none(page, kind="html")
    if result is None:
        return
    body_words = [w for p in paragraphs for w in words(p)]
    assert is_subsequence(words(result.text), body_words), (result.text, paragraphs)


@SETTINGS
@given(pages())
def test_generated_html_as_bytes_raises_only_input_error(page_and_texts):
    page, _ = page_and_texts
    result = clean_or_none(page.encode("utf-8"))
    if result is not None:
        assert result.kind == "html"


# Messy markup: random tags opened and closed out of order or never, stray </html> and </body>,
# entities (known, unknown, out of range), comments, scripts, CDATA, processing instructions and
# a DOCTYPE with entity declarations.
TAGS = ["div", "p", "span", "b", "i", "a", "li", "ul", "table", "td", "tr", "section", "article",
        "nav", "footer", "aside", "form", "h1", "h2", "pre", "blockquote", "font", "x-widget", "svg", "math"]
ATTRIBUTES = ["", ' class="nav"', ' class="comments"', ' id="footer"', ' class="related"', ' class="content"',
              ' style="display:none"', ' hidden', ' href="http://127.0.0.1:9/x"', ' onclick="alert(1)"']
MARKUP = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS), st.sampled_from(ATTRIBUTES)),
    st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
    st.sampled_from(
        ["</html>", "</body>", "<br>", "<br/>", "<hr>", "<html>", "<body>", "<!-- a comment -->", "<!--",
         "<script>var x = 1;</script>", "<style>p { color: red }</style>", "<![CDATA[ x ]]>", "<?php echo 1; ?>",
         "<", ">", "</", "<p", '<img src="http://127.0.0.1:9/i.png">', "<title>t</title>", "<noscript>"]
    ),
)
ENTITIES = ["&amp;", "&lt;", "&gt;", "&nbsp;", "&#x110000;", "&#0;", "&#xD800;", "&#65;", "&bogus;", "&amp", "&#"]
DOCTYPES = [
    "<!DOCTYPE html>",
    "",
    (
        '<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://127.0.0.1:9/xhtml1-strict.dtd">'
    ),
    (
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">'
        '<!ENTITY ext SYSTEM "file:///etc/passwd">]>'
    ),
]


@st.composite
def messy_pages(draw) -> str:
    """A page of messy markup. Partial tags ("</ ", "<p") turn what follows into markup and
    markup into text, as browsers do, so the words a page may give are those of its source."""
    parts = [draw(st.sampled_from(DOCTYPES))]
    for _ in range(draw(st.integers(0, 40))):
        choice = draw(st.integers(0, 9))
        if choice < 4:
            parts.append(draw(MARKUP))
        elif choice < 5:
            parts.append(f" {draw(st.sampled_from(ENTITIES))} ")
        else:
            parts.append(f" {html.escape(draw(st.one_of(sentence(), st.sampled_from(BOILERPLATE))))} ")
    return "".join(parts)


@SETTINGS
@given(messy_pages(), st.booleans())
# Titles in the body are not shown; read as inline text, two of them ran into one invented word.
@example("<!DOCTYPE html><footer><title>t</title><title>t</title>", False)
def test_messy_html_raises_only_input_error_and_keeps_words_in_order(page, as_bytes):
    result = clean_or_none(page.encode("utf-8") if as_bytes else page, kind="html")
    if result is None:
        return
    assert is_subsequence(words(result.text), words(html.unescape(page))), (result.text, page)


@SETTINGS
@given(st.one_of(pages().map(lambda page_and_texts: page_and_texts[0]), messy_pages()))
def test_html_cleaning_is_deterministic_and_its_text_is_already_clean(page):
    first = clean_or_none(page, kind="html")
    second = clean_or_none(page, kind="html")
    assert (first is None) == (second is None)
    if first is None:
        return
    assert (second.text, second.title, second.removed) == (first.text, first.title, first.removed)
    # Idempotent: the article text read back as a text document loses nothing more (its tables
    # and lists may come back in other lines).
    assert words(cleaner.clean(first.text, kind="text").text) == words(first.text)
