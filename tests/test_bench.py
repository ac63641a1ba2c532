"""The benchmark harness: the WCXB metric as its README defines it, and the bench command."""

from __future__ import annotations

import gzip
import json

import pytest

from cleaner.cli.main import main
from cleaner.devtools.bench.metrics import snippet_rate, word_f1


def test_word_f1_is_bag_of_words_overlap():
    precision, recall, f1 = word_f1("the cat the dog", "The cat sat")
    assert precision == pytest.approx(2 / 4)
    assert recall == pytest.approx(2 / 3)
    assert f1 == pytest.approx(2 * (0.5 * 2 / 3) / (0.5 + 2 / 3))


def test_empty_reference_scores_one_only_against_empty_prediction():
    assert word_f1("", "")[2] == 1.0
    assert word_f1("anything", "")[2] == 0.0
    assert word_f1("", "some words")[2] == 0.0


def test_snippet_rate_is_case_insensitive_substring_share():
    assert snippet_rate("Hello World, again", ["hello world", "missing one"]) == 0.5
    assert snippet_rate("text", []) is None


ARTICLE = " ".join(
    f"<p>Paragraph {n}: the river authority said the new flood barrier held through the night "
    f"and that the water level fell by morning, so the roads would reopen.</p>"
    for n in range(1, 6)
)


def _write_page(folder, page_id, html, truth, page_type="article"):
    (folder / "html").mkdir(exist_ok=True)
    (folder / "ground-truth").mkdir(exist_ok=True)
    (folder / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
    record = {
        "url": f"https://example.org/{page_id}",
        "_internal": {"page_type": {"primary": page_type}},
        "ground_truth": {"title": "Barrier holds", "main_content": truth, "with": ["flood barrier held"],
                         "without": ["Leave a Reply"]},
    }
    (folder / "ground-truth" / f"{page_id}.json").write_text(json.dumps(record), encoding="utf-8")


def test_bench_prints_a_table_with_both_systems(tmp_path, capsys):
    truth = "\n\n".join(
        f"Paragraph {n}: the river authority said the new flood barrier held through the night and that "
        f"the water level fell by morning, so the roads would reopen."
        for n in range(1, 6)
    )
    page = (
        "<html><head><title>Barrier holds</title></head><body><article><h1>Barrier holds</h1>"
        f"{ARTICLE}</article><div id='respond'><h3>Leave a Reply</h3></div></body></html>"
    )
    _write_page(tmp_path, "0001", page, truth)
    _write_page(tmp_path, "0002", page, truth, page_type="forum")
    assert main(["bench", str(tmp_path), "--worst", "1"]) == 0
    out = capsys.readouterr().out
    rows = {line.split("|")[1].strip(): line for line in out.splitlines() if line.startswith("| ")}
    assert "cleaner" in rows and "trafilatura" in rows
    cells = [c.strip() for c in rows["cleaner"].split("|")[1:-1]]
    assert float(cells[1]) > 0.9  # the article is found: F1 over all pages
    assert "## 000" in out  # the worst-pages listing


def test_c4_line_filter_keeps_sentences_and_drops_short_lines_and_policies():
    from cleaner.devtools.bench.text_inputs import c4_line_filter

    text = (
        "Home | News | Sport\n"
        "The river authority said the flood barrier held through the night.\n"
        "Please enable JavaScript to view the comments powered by Disqus.\n"
        "Read our privacy policy before you sign up for the newsletter.\n"
        "Short line.\n"
        "A line of five words without an end"
    )
    assert c4_line_filter(text) == "The river authority said the flood barrier held through the night."


def test_bench_as_page_text_scores_the_text_path_and_caches_the_inputs(tmp_path, capsys):
    truth = "\n\n".join(
        f"Paragraph {n}: the river authority said the new flood barrier held through the night and that "
        f"the water level fell by morning, so the roads would reopen."
        for n in range(1, 6)
    )
    page = (
        "<html><head><title>Barrier holds</title></head><body><nav><a href='/'>Home</a> | <a href='/n'>News</a>"
        f"</nav><article><h1>Barrier holds</h1>{ARTICLE}</article><div id='respond'><h3>Leave a Reply</h3>"
        "<p>Your email address will not be published.</p></div></body></html>"
    )
    data, cache = tmp_path / "data", tmp_path / "cache"
    data.mkdir()
    _write_page(data, "0001", page, truth)
    assert main(["bench", str(data), "--as", "page-text", "--cache", str(cache)]) == 0
    out = capsys.readouterr().out
    rows = {line.split("|")[1].strip(): line for line in out.splitlines() if line.startswith("| ")}
    assert {"cleaner", "no cleaning", "C4 line filter"} <= set(rows)
    assert "MB/s" in out
    cached = cache / "page-text" / "0001.txt"
    assert "Leave a Reply" in cached.read_text(encoding="utf-8")  # the whole page, as a dump has it
    cleaned_without = float(rows["cleaner"].split("|")[-4])
    raw_without = float(rows["no cleaning"].split("|")[-4])
    assert cleaned_without < raw_without  # the comment form is gone from the cleaned text
