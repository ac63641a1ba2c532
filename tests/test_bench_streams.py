"""The streams benchmark's machinery (no timings asserted): its input builders write JSONL and
WARC that the clean command reads back whole, and its fault batch comes back one record per line
with each fault marked with its error kind."""

from __future__ import annotations

import json
from pathlib import Path

from cleaner.devtools.bench.streams import (
    Doc,
    clean_command,
    fault_batch,
    faults,
    faults_table,
    jsonl_line,
    process_tree,
    rss_kib,
    run_clean,
    synthetic_page,
    write_jsonl,
    write_warc,
)


def _docs(n: int) -> list[Doc]:
    docs = [synthetic_page(k) for k in range(n)]
    docs[0] = Doc("no-url", None, docs[0].html)  # a page without a URL is carried too
    return docs


def test_jsonl_and_warc_builders_are_read_back_with_one_record_each(tmp_path: Path):
    docs = _docs(6)
    out = tmp_path / "out.jsonl"
    jsonl = write_jsonl((jsonl_line(d) for d in docs), tmp_path / "pages.jsonl")
    run = run_clean(clean_command([jsonl], out, jobs=1, extra=["--no-profiles"]), out)
    assert run.returncode == 0, run.stderr
    assert (run.records, run.ids, run.errors[""]) == (6, 6, 6)
    assert "page-3" in out.read_text()

    warc = write_warc(docs, tmp_path / "pages.warc.gz")
    run = run_clean(clean_command([warc], out, jobs=2), out)
    assert run.returncode == 0, run.stderr
    assert (run.records, run.ids, run.errors[""]) == (6, 6, 6)
    urls = {json.loads(line)["url"] for line in out.read_text().splitlines()}
    assert "https://site3.example/story/3" in urls


def test_fault_batch_holds_each_fault_and_the_total():
    plan = fault_batch(80, paragraphs=10)
    assert len(plan.lines) == 80
    assert sum(plan.expected.values()) == 80
    assert plan.expected["timeout"] == 1
    assert plan.expected["invalid_record"] == 10 and plan.expected["not_a_document"] == 6


def test_faults_give_one_record_per_line_each_marked(tmp_path: Path):
    # 100,000 tiny paragraphs take seconds to clean, well past the 1 s limit (about 7 s here).
    [result] = faults(tmp_path, ["profiles"], total=60, timeout=1.0, paragraphs=100_000, kill=False, log=lambda _: None)
    run = result.run
    assert (run.records, run.ids) == (60, 60)
    assert +run.errors == +result.expected
    assert "| 1 / 1 |" in faults_table([result])  # the slow page: one injected, one timed out


def test_process_tree_and_memory_of_this_process():
    import os

    assert process_tree(os.getpid())[0] == os.getpid()
    assert rss_kib(os.getpid()) > 0
