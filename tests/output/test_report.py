"""The explain report: every block of the page in order, removed ones with their rule and reason,
kept ones unmarked; all page text escaped; one file up to 50 documents, an index past that."""

from __future__ import annotations

import re

import lxml.html
import pytest
from helpers import ARTICLE, html_page

import cleaner
from cleaner.devtools.golden.cases import REPO_GOLDEN, find_cases
from cleaner.model.result import PageBlock, Removal, Result
from cleaner.output.families import FAMILIES, OTHER, TITLE, family_of
from cleaner.output.report import ReportEntry, section
from cleaner.output.report_page import SCRIPT, report_page
from cleaner.run.report import ReportWriter, pages_folder

CASES = find_cases(REPO_GOLDEN)


def report_of(*entries: ReportEntry) -> str:
    return report_page("test", "\n".join(section(entry, f"doc-{k}") for k, entry in enumerate(entries, 1)))


def shown_blocks(report: str) -> list[lxml.html.HtmlElement]:
    return lxml.html.fromstring(report).find_class("b")


def shown_text(block: lxml.html.HtmlElement) -> str:
    """A block's text as a reader gets it: without its rule mark, a removed block's lines (each
    a span the style runs on) one per line."""
    lines = block.find_class("ln")
    if lines:
        return "\n".join(line.text_content() for line in lines)
    return "".join(block.itertext()) if not block.find_class("rule") else block[0].tail or ""


def check_report_shows_the_page(result: Result, report: str) -> None:
    blocks = shown_blocks(report)
    assert len(blocks) == len(result.page)
    for shown, block in zip(blocks, result.page):
        lines = [line for line in block.text.splitlines() if line.strip()] or [block.text]
        assert shown_text(shown) == ("\n".join(lines) if block.removal else block.text)
        classes = shown.get("class").split()
        if block.removal is None:  # kept: as it is, with nothing on it
            assert "k" in classes and shown.get("data-family") == "kept"
            assert not shown.find_class("rule") and shown.find(".//del") is None and shown.get("title") is None
        else:
            family = family_of(block.removal.rule)
            assert [mark.text for mark in shown.find_class("rule")] == [block.removal.rule]
            assert block.removal.rule in shown.get("title") and block.removal.reason in shown.get("title")
            assert shown.get("data-family") == family.key
            # Struck through, but for the headline, which is not boilerplate (it is Result.title).
            assert (shown.find(".//del") is None) == (family is TITLE)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_report_of_a_golden_case_shows_every_block_in_page_order(case):
    result = cleaner.clean(case.input_path.read_bytes(), url=case.url, kind=case.kind)
    report = report_of(ReportEntry(case.name, case.url, result))
    check_report_shows_the_page(result, report)
    # Every removed segment is there with its rule, in the order of Result.removed.
    shown = [(b.find_class("rule")[0].text, shown_text(b)) for b in shown_blocks(report) if b.find_class("rule")]
    assert [rule for rule, _ in shown] == [r.rule for r in result.removed]
    # The kept blocks are the text: their words, in order, are Result.text's.
    kept = [shown_text(b) for b in shown_blocks(report) if b.get("data-family") == "kept"]
    assert " ".join(kept).split() == result.text.split()


def test_the_page_holds_the_removals_and_the_kept_text_in_page_order():
    page = html_page(before="<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>")
    result = cleaner.clean(page, kind="html")
    assert [b.removal for b in result.page if b.removal] == result.removed
    kept = [b.text for b in result.page if b.kept]
    assert kept == ARTICLE
    assert result.page.index(next(b for b in result.page if b.kept)) > 0  # the menu came first


def test_the_page_is_left_out_of_to_dict_unless_asked_for():
    result = cleaner.clean(html_page(), kind="html")
    assert result.page
    assert "page" not in result.to_dict()
    assert result.to_dict(with_page=True)["page"][1] == {"text": ARTICLE[0], "removal": None, "role": "paragraph"}


HOSTILE = [
    "<script>document.body.dataset.pwned = 1</script>",
    "</div></section><img src=x onerror=alert(1)> & &amp; &lt;b&gt; \"quoted\" 'single'",
    "x" * 10_000,
    "]]><!-- --><style>body{display:none}</style>",
]


def hostile_result() -> Result:
    removed = [Removal(text, f"navigation.<b>{k}", f"because <i>{text[:40]}") for k, text in enumerate(HOSTILE)]
    page = [PageBlock(text, None, "paragraph") for text in HOSTILE] + [
        PageBlock(r.text, r, "<em>role") for r in removed
    ]
    return Result(
        "\n\n".join(HOSTILE),
        title="<script>alert('title')</script>",
        kind="html",
        metadata={"site": "<b>site</b>", "url": "javascript:alert(1)"},
        removed=removed,
        notes=["<script>alert('note')</script>"],
        confidence=0.5,
        page=page,
    )


def test_hostile_page_text_is_escaped_everywhere():
    result = hostile_result()
    report = report_of(ReportEntry("<label>&", "javascript:alert(2)", result, "<b>error</b>"))
    tree = lxml.html.fromstring(report)
    # One script, the report's own; no element came from the page's text.
    assert [s.text for s in tree.iter("script")] == [SCRIPT]
    assert not list(tree.iter("img", "em", "label")) and len(list(tree.iter("style"))) == 1
    assert not tree.xpath("//@*[starts-with(name(), 'on')]")  # no event handler attribute
    assert "<script>alert" not in report
    check_report_shows_the_page(result, report)
    texts = [shown_text(b) for b in shown_blocks(report)]
    assert texts[: len(HOSTILE)] == HOSTILE  # the 10,000 characters too, whole
    assert tree.findtext(".//h2") == result.title
    # A javascript: URL is shown, never a link.
    assert not [a for a in tree.iter("a") if "javascript" in a.get("href", "")]
    assert "javascript:alert(2)" in tree.text_content()


def test_the_report_is_self_contained_and_its_script_alone_may_run():
    report = report_of(ReportEntry("doc", "https://example.org/a", cleaner.clean(html_page(), kind="html")))
    tree = lxml.html.fromstring(report)
    assert not list(tree.iter("link", "img", "iframe")) and all(s.get("src") is None for s in tree.iter("script"))
    policy = tree.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    assert "default-src 'none'" in policy and "script-src 'sha256-" in policy
    assert [a.get("href") for a in tree.iter("a")] == ["https://example.org/a"]


def test_each_document_says_what_it_is_and_counts_removals_per_family():
    form = "<h3>Leave a Reply</h3><p>Your email address will not be published. Required fields are marked *</p>"
    page = html_page(before="<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>", after=form)
    result = cleaner.clean(page, url="https://example.org/story", kind="html")
    tree = lxml.html.fromstring(report_of(ReportEntry("page.html", None, result)))
    head = tree.find_class("doc-head")[0].text_content()
    assert result.title in head and "https://example.org/story" in head and "example.org" in head
    assert f"confidence {result.confidence:.2f}" in head
    counts = [c.text_content() for c in tree.find_class("count")]
    assert counts[0] == f"kept {len(ARTICLE)} blocks, {sum(len(p.split()) for p in ARTICLE)} words"
    families = [family_of(r.rule) for r in result.removed]
    assert counts[1:] == [f"{f.label} {families.count(f)}" for f in FAMILIES if f in families]
    assert family_of("comment_form.zone") in families and len(counts) > 2


def test_a_text_document_has_no_confidence_and_a_failed_one_says_why():
    result = cleaner.clean("Home | World | Sport\n\n" + "\n\n".join(ARTICLE), kind="text")
    report = report_of(ReportEntry("a.txt", None, result), ReportEntry("b.html", None, None, "not a document: PNG"))
    check_report_shows_the_page(result, report_page("t", section(ReportEntry("a.txt", None, result), "d")))
    tree = lxml.html.fromstring(report)
    assert "confidence" not in tree.find_class("doc-head")[0].text_content()
    assert "not cleaned: not a document: PNG" in tree.find_class("doc-head")[1].text_content()


def test_every_rule_has_one_family():
    assert family_of("navigation.menu").key == "navigation"
    assert family_of("related_posts.list").key == "related"
    assert family_of("comment_form.thread").key == family_of("extractor.product_reviews").key == "comments"
    assert family_of("watermark.source_link").key == "wrapper"
    assert family_of("model.boilerplate").key == "model"
    assert family_of("extractor.outside_main_content") is family_of("site.template") is OTHER
    assert family_of("metadata.title") is TITLE
    assert len({f.key for f in FAMILIES}) == len(FAMILIES)
    assert all(re.fullmatch("[a-z]+", f.key) for f in FAMILIES)


def entries(n: int) -> list[ReportEntry]:
    result = cleaner.clean(html_page(), kind="html")
    return [ReportEntry(f"page-{k}.html", None, result) for k in range(1, n + 1)]


def write_report(path, n: int):
    """A report of n documents written at path; the path."""
    writer = ReportWriter(str(path))
    for entry in entries(n):
        writer.add(entry)
    writer.close()
    return path


def test_up_to_fifty_documents_are_one_file_and_nothing_else_is_written(tmp_path):
    path = write_report(tmp_path / "report.html", 50)
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    tree = lxml.html.parse(str(path)).getroot()
    assert len(tree.find_class("doc")) == 50
    # The table at the top links each section.
    assert [a.get("href") for a in tree.find_class("index")[0].iter("a")] == [f"#doc-{k}" for k in range(1, 51)]


def test_past_fifty_documents_the_file_is_an_index_with_a_page_each(tmp_path):
    path = write_report(tmp_path / "report.html", 51)
    folder = tmp_path / "report_files"
    assert pages_folder(str(path)) == str(folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report_files"]
    assert sorted(p.name for p in folder.iterdir()) == [f"{k:04d}.html" for k in range(1, 52)]
    index = lxml.html.parse(str(path)).getroot()
    assert not index.find_class("doc")
    links = [a.get("href") for a in index.find_class("index")[0].iter("a")]
    assert links == [f"report_files/{k:04d}.html" for k in range(1, 52)]
    first, last = (lxml.html.parse(str(folder / name)).getroot() for name in ("0001.html", "0051.html"))
    assert [a.text for a in first.find(".//nav").iter("a")] == ["index", "next"]
    assert [a.text for a in last.find(".//nav").iter("a")] == ["index", "previous"]
    assert len(first.find_class("doc")) == 1 and "page-1.html" in first.find_class("doc-head")[0].text_content()
