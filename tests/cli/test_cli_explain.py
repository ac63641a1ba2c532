"""`cleaner explain` and `cleaner clean --report`: the report of a run, from the inputs `cleaner
clean` takes, and nothing else changed or written."""

from __future__ import annotations

import gzip
import json
import os

import lxml.html
import pytest
from helpers import ARTICLE, html_page, text_doc

from cleaner.cli import main as cli

COMMENT_FORM = (
    "<h3>Leave a Reply</h3><p>Your email address will not be published. Required fields are marked *</p>"
)
# One job and no time limit: cleaned in this process (the worker processes are tested apart).
IN_PROCESS = ["-j", "1", "--timeout", "0"]


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.fixture
def pages(tmp_path):
    root = tmp_path / "in"
    write(root / "a.html", html_page(after=COMMENT_FORM))
    write(root / "sub" / "b.txt", text_doc(before="Home | World | Sport | Business"))
    return root


def sections(path):
    return lxml.html.parse(str(path)).getroot().find_class("doc")


def rules_shown(section) -> list[str]:
    return [mark.text for mark in section.find_class("rule")]


def test_explain_writes_one_report_with_a_section_per_document(pages, tmp_path, capsys):
    report = tmp_path / "out" / "report.html"
    assert cli.main(["explain", str(pages), "-o", str(report), *IN_PROCESS]) == 0
    assert os.listdir(tmp_path / "out") == ["report.html"]
    a, b = sections(report)
    assert "a.html" in a.find_class("doc-head")[0].text_content()
    assert "comment_form" in " ".join(rules_shown(a))
    assert any(block.text_content() == ARTICLE[0] for block in a.find_class("k"))
    assert "sub/b.txt" in b.find_class("doc-head")[0].text_content() and rules_shown(b)
    assert "2 documents explained (0 failed)" in capsys.readouterr().err


def test_explain_in_worker_processes_shows_the_same(pages, tmp_path):
    # The Result crosses from the worker to the report whole, page and all.
    alone, pooled = tmp_path / "alone.html", tmp_path / "pooled.html"
    assert cli.main(["explain", str(pages), "-o", str(alone), *IN_PROCESS]) == 0
    assert cli.main(["explain", str(pages), "-o", str(pooled), "-j", "2"]) == 0
    assert alone.read_text(encoding="utf-8") == pooled.read_text(encoding="utf-8")


def test_explain_reads_jsonl_and_names_each_record_by_its_id(tmp_path):
    rows = [{"id": "doc-1", "html": html_page(after=COMMENT_FORM), "url": "https://example.org/1"}, {"id": "doc-2"}]
    source = write(tmp_path / "crawl.jsonl.gz", gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode()))
    report = tmp_path / "report.html"
    assert cli.main(["explain", str(source), "-o", str(report), *IN_PROCESS, "-q"]) == 1  # doc-2 has no page
    first, second = sections(report)
    head = first.find_class("doc-head")[0]
    assert "doc-1" in head.text_content() and [a.get("href") for a in head.iter("a")] == ["https://example.org/1"]
    assert "not cleaned: invalid record" in second.text_content() and not second.find_class("b")


def test_clean_with_report_writes_the_same_outputs_and_the_report(pages, tmp_path):
    plain, reported = tmp_path / "plain", tmp_path / "reported"
    assert cli.main(["clean", str(pages), "-o", str(plain), "--explain", *IN_PROCESS]) == 0
    report = tmp_path / "report.html"
    assert cli.main(["clean", str(pages), "-o", str(reported), "--explain", "--report", str(report), *IN_PROCESS]) == 0
    names = sorted(os.listdir(plain))
    assert sorted(os.listdir(reported)) == names and not (reported / "report.html").exists()
    for name in ["a.txt", "a.explain.txt", "sub/b.txt"]:
        assert (reported / name).read_bytes() == (plain / name).read_bytes()
    assert len(sections(report)) == 2


def test_clean_with_report_to_stdout_changes_nothing_on_stdout(pages, tmp_path, capsys):
    assert cli.main(["clean", str(pages / "a.html"), "--format", "json", *IN_PROCESS]) == 0
    plain = capsys.readouterr().out
    report = tmp_path / "r.html"
    assert cli.main(["clean", str(pages / "a.html"), "--format", "json", "--report", str(report), *IN_PROCESS]) == 0
    assert capsys.readouterr().out == plain
    assert "page" not in json.loads(plain)
    assert rules_shown(sections(report)[0])


def test_past_fifty_documents_explain_writes_an_index_and_a_page_each(tmp_path, capsys):
    for k in range(51):
        write(tmp_path / "in" / f"p{k:02d}.txt", text_doc(before=f"Home | World | Sport {k}"))
    report = tmp_path / "report.html"
    assert cli.main(["explain", str(tmp_path / "in"), "-o", str(report), *IN_PROCESS]) == 0
    assert len(os.listdir(tmp_path / "report_files")) == 51
    assert not sections(report)
    assert "a page per document in" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["explain", "{page}", "-o", "{tmp}/"], "the report is one HTML file"),
        (["explain", "{page}", "-o", "{tmp}"], "the report is one HTML file"),
        (["clean", "{page}", "--report", "{tmp}"], "a folder of that name is there"),
        (["clean", "{page}", "--report", "{tmp}/r.html", "--engine", "ray"], "--report needs the local engine"),
    ],
)
def test_a_report_that_cannot_be_one_file_is_refused(tmp_path, capsys, args, message):
    page = write(tmp_path / "p.html", html_page())
    with pytest.raises(SystemExit) as exit_:
        cli.main([arg.format(page=page, tmp=tmp_path) for arg in args])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
    assert os.listdir(tmp_path) == ["p.html"]


def test_explain_needs_an_output(tmp_path, capsys):
    page = write(tmp_path / "p.html", html_page())
    with pytest.raises(SystemExit):
        cli.main(["explain", str(page)])
    assert "-o/--output" in capsys.readouterr().err
