"""The Ray Data integration: map_batches over records, run_ray on files, the CLI's entry point.

One local Ray runtime (2 CPUs, no dashboard, no usage stats) serves the module: Ray starts slowly.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import signal
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

import cleaner
from cleaner.integrations.ray import CleanBatch, clean_batch, output_schema, run_from_args, run_ray
from cleaner.run.records import OUTPUT_FIELDS, Fields, clean_record, record_from_mapping

SAMPLES = Path(cleaner.__file__).parent / "samples"
NEWS = (SAMPLES / "news-article.html").read_text(encoding="utf-8")
WORDPRESS = (SAMPLES / "wordpress-post.html").read_text(encoding="utf-8")
TEXT_DUMP = (SAMPLES / "text-dump.txt").read_text(encoding="utf-8")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


@pytest.fixture(scope="module")
def runtime():
    """One local Ray runtime for the module; run_ray must use it and leave it running."""
    saved = os.environ.get("RAY_USAGE_STATS_ENABLED")
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"  # no usage report over the network
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="WARNING")
    ray.data.DataContext.get_current().enable_progress_bars = False
    yield ray
    ray.shutdown()
    if saved is None:
        os.environ.pop("RAY_USAGE_STATS_ENABLED", None)
    else:
        os.environ["RAY_USAGE_STATS_ENABLED"] = saved


def expected(obj, default_id, **options):
    """What the local engine writes for a JSON object: clean_record's dict, through JSON."""
    record = record_from_mapping(obj, Fields(), default_id)
    return json.loads(json.dumps(clean_record(record, cleaner.Cleaner(), **options), ensure_ascii=False))


def read_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


# -- run_ray with a runtime of its own: first, before the module's runtime starts ------------------


def test_run_ray_starts_a_local_runtime_and_shuts_it_down(tmp_path, monkeypatch):
    if ray.is_initialized():
        pytest.skip("a Ray runtime is already running in this process")
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "html": NEWS}) + "\n", encoding="utf-8")
    summary = run_ray([str(source)], str(tmp_path / "out.jsonl"), num_cpus=1)
    assert not ray.is_initialized()
    assert summary.documents == 1 and summary.failed == 0
    assert read_jsonl(tmp_path / "out.jsonl") == [expected({"id": "a", "html": NEWS}, "unused")]


# -- map_batches over in-memory rows ------------------------------------------------------------


def test_map_batches_gives_the_text_of_clean_for_each_row(runtime):
    rows = [
        {"id": "news", "url": "https://news.example.com/a", "html": NEWS},
        {"id": "wp", "html": WORDPRESS},
        {"id": "dump", "text": TEXT_DUMP},
    ]
    ds = ray.data.from_items(rows).map_batches(clean_batch, batch_format="pyarrow", batch_size=2)
    out = {row["id"]: row for row in ds.take_all()}
    assert set(out) == {"news", "wp", "dump"}
    for row in rows:
        data = row.get("html") or row["text"]
        result = cleaner.clean(data, url=row.get("url"))
        got = out[row["id"]]
        assert result.text and got["text"] == result.text
        assert got["title"] == result.title and got["kind"] == result.kind
        assert got["error"] is None and got["error_detail"] is None
        # metadata travels as a JSON string column: the page's own metadata, url included
        metadata = json.loads(got["metadata"])
        assert metadata == json.loads(json.dumps(dict(result.metadata), default=str))
    assert out["news"]["url"] == "https://news.example.com/a"


def test_each_bad_row_gives_one_row_with_its_error_and_the_schema_holds(runtime, tmp_path):
    rows = [
        {"id": "good", "html": NEWS},
        {"id": "no-field", "url": "https://example.com/x", "html": None},
        {"id": "png", "html": PNG},
        {"id": "good2", "html": WORDPRESS.encode("utf-8")},  # a page as bytes is fine
    ]
    # batch_size=1: batches with and without errors, whose Arrow schemas must agree.
    ds = ray.data.from_items(rows).map_batches(
        clean_batch, batch_format="pyarrow", batch_size=1, fn_kwargs={"with_removed": True}
    )
    out = {row["id"]: row for row in ds.take_all()}
    assert len(out) == 4
    assert out["good"]["error"] is None and out["good2"]["error"] is None
    assert out["good2"]["text"] == cleaner.clean(WORDPRESS).text
    assert out["no-field"]["error"] == "invalid_record" and out["no-field"]["text"] == ""
    assert out["no-field"]["url"] == "https://example.com/x"
    assert out["png"]["error"] == "not_a_document" and "binary" in out["png"]["error_detail"]
    assert ds.schema().base_schema == output_schema(with_removed=True)
    ds.write_parquet(str(tmp_path / "cleaned"))
    assert pq.read_table(tmp_path / "cleaned").num_rows == 4

    # Raw JSONL lines, parsed in the batch: a line that is no JSON object is a bad row, not a crash.
    lines = [
        {"line": "not json {"},
        {"line": b"\xff\xfe not utf-8"},
        {"line": "[1, 2]"},
        {"line": json.dumps({"id": 5, "text": TEXT_DUMP})},
    ]
    ds = ray.data.from_items(lines).map_batches(
        clean_batch, batch_format="pyarrow", fn_kwargs={"jsonl_column": "line"}
    )
    got = ds.take_all()
    assert [row["error"] for row in got] == ["invalid_record"] * 3 + [None]
    assert "not JSON" in got[0]["error_detail"] and "UTF-8" in got[1]["error_detail"]
    assert "not a JSON object" in got[2]["error_detail"]
    assert got[3]["id"] == "5" and got[3]["text"] == cleaner.clean(TEXT_DUMP).text


def test_clean_batch_takes_every_batch_format_and_gives_the_same_rows():
    import numpy as np
    import pandas as pd

    columns = {"id": [1, 2], "html": [NEWS, None], "text": [None, TEXT_DUMP]}
    table = clean_batch(pa.table(columns))
    assert table.schema == output_schema()
    assert table.column("id").to_pylist() == ["1", "2"]
    assert table.column("text").to_pylist() == [cleaner.clean(NEWS).text, cleaner.clean(TEXT_DUMP).text]
    numpy_batch = {
        "id": np.array([1, 2]),
        "html": np.array([NEWS, None], dtype=object),
        "text": np.array([None, TEXT_DUMP], dtype=object),
    }
    assert clean_batch(numpy_batch).equals(table)
    assert clean_batch(pd.DataFrame(columns)).equals(table)


def test_rows_without_an_id_get_one_that_does_not_depend_on_the_batching():
    rows = {"html": [NEWS, WORDPRESS, NEWS]}
    whole = clean_batch(rows).column("id").to_pylist()
    alone = [clean_batch({"html": [page]}).column("id").to_pylist()[0] for page in rows["html"]]
    assert whole == alone and whole[0] == whole[2] != whole[1] and whole[0].startswith("sha1:")


def test_a_document_over_the_time_limit_gives_a_timeout_row():
    before = signal.getsignal(signal.SIGALRM)
    table = clean_batch({"id": ["slow", "bad"], "html": [NEWS * 20, None]}, timeout=1e-6)
    assert table.column("error").to_pylist() == ["timeout", "invalid_record"]
    assert "longer than" in table.column("error_detail").to_pylist()[0]
    assert signal.getsignal(signal.SIGALRM) is before  # the handler is put back
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # and no alarm left pending
    assert clean_batch({"html": [NEWS]}, timeout=30).column("error").to_pylist() == [None]


def test_the_time_limit_holds_in_ray_tasks(runtime):
    ds = ray.data.from_items([{"html": NEWS * 20}, {"html": WORDPRESS * 20}])
    got = ds.map_batches(clean_batch, batch_format="pyarrow", fn_kwargs={"timeout": 1e-6}).take_all()
    assert [row["error"] for row in got] == ["timeout", "timeout"]


def test_clean_batch_class_in_an_actor_pool(runtime):
    ds = ray.data.from_items([{"id": "a", "html": NEWS}, {"id": "b", "text": TEXT_DUMP}])
    got = ds.map_batches(
        CleanBatch,
        fn_constructor_kwargs={"with_removed": True, "with_markdown": True},
        batch_format="pyarrow",
        concurrency=1,
    ).take_all()
    got.sort(key=lambda row: row["id"])  # Ray Data does not keep the input order across actors
    assert [row["text"] for row in got] == [cleaner.clean(NEWS).text, cleaner.clean(TEXT_DUMP).text]
    news = cleaner.clean(NEWS)
    assert got[0]["markdown"] == news.markdown
    assert got[0]["removed"] == [{"text": r.text, "rule": r.rule, "reason": r.reason} for r in news.removed]


# -- run_ray on files ----------------------------------------------------------------------------


def test_run_ray_jsonl_gives_one_local_record_per_line_in_order(runtime, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    good = [
        {"id": "n1", "url": "https://news.example.com/1", "html": NEWS},
        {"text": TEXT_DUMP, "note": "a line separator\u2028inside a string"},
    ]
    lines = [
        json.dumps(good[0]),
        "{not json",
        "",  # blank: skipped
        json.dumps(good[1], ensure_ascii=False),  # U+2028 raw: must not split the line
        json.dumps({"url": "https://example.com/no-page"}),
    ]
    Path("crawl.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open("more.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "w", "html": WORDPRESS}) + "\n")

    summary = run_ray(["crawl.jsonl", "more.jsonl.gz"], "out.jsonl", with_removed=True)
    assert ray.is_initialized()  # the caller's runtime is left running
    assert summary.documents == 5 and dict(summary.errors) == {"invalid_record": 2}
    records = read_jsonl("out.jsonl")
    assert [r["id"] for r in records] == ["n1", "crawl.jsonl:2", "crawl.jsonl:4", "crawl.jsonl:5", "w"]
    assert records[0] == expected(good[0], "", with_removed=True)
    assert records[2] == expected(good[1], "crawl.jsonl:4", with_removed=True)
    assert records[4] == expected({"id": "w", "html": WORDPRESS}, "", with_removed=True)
    assert records[1]["error"] == "invalid_record" and "not JSON" in records[1]["error_detail"]
    assert records[3]["error"] == "invalid_record" and records[3]["url"] == "https://example.com/no-page"
    for record in records:
        assert list(record) == [*OUTPUT_FIELDS, "removed"]
        assert isinstance(record["metadata"], dict)


def test_run_ray_parquet_in_parquet_out(runtime, tmp_path):
    rows = {"id": ["a", "b", "c"], "html": [NEWS, None, PNG.decode("latin-1")], "url": [None, "u", None]}
    pq.write_table(pa.table(rows), tmp_path / "pages.parquet")
    summary = run_ray([str(tmp_path / "pages.parquet")], str(tmp_path / "out.parquet"))
    assert summary.documents == 3 and dict(summary.errors) == {"invalid_record": 1, "not_a_document": 1}
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.schema == output_schema()
    got = table.to_pylist()
    assert [r["id"] for r in got] == ["a", "b", "c"]
    assert got[0]["text"] == cleaner.clean(NEWS).text
    assert json.loads(got[0]["metadata"]) == expected({"html": NEWS}, "")["metadata"]
    assert [r["error"] for r in got] == [None, "invalid_record", "not_a_document"]
    assert not list(tmp_path.glob("*.part"))


def test_run_from_args_like_the_cli(runtime, tmp_path):
    source = tmp_path / "crawl.jsonl"
    source.write_text(
        json.dumps({"key": "p1", "body": NEWS, "link": "https://news.example.com/1"})
        + "\n"
        + json.dumps({"key": "p2", "plain": TEXT_DUMP})
        + "\n"
        + json.dumps({"key": "p3", "html": NEWS})  # not in the fields asked for
        + "\n",
        encoding="utf-8",
    )
    args = argparse.Namespace(
        paths=[str(source)],
        output=str(tmp_path / "out.jsonl"),
        format="text",
        jsonl=True,
        html_field="body",
        text_field="plain",
        url_field="link",
        id_field="key",
        removed=False,
        engine="ray",
        address=None,
        jobs=2,
        timeout=30.0,
    )
    stderr = io.StringIO()
    assert run_from_args(args, stderr) == 1  # one record failed
    assert stderr.getvalue().strip() == "cleaner: 2 cleaned, 1 failed (invalid_record: 1)"
    records = read_jsonl(tmp_path / "out.jsonl")
    assert [r["id"] for r in records] == ["p1", "p2", "p3"]
    assert records[0]["url"] == "https://news.example.com/1"
    assert records[0]["text"] == cleaner.clean(NEWS, url="https://news.example.com/1").text
    assert records[1]["text"] == cleaner.clean(TEXT_DUMP).text and "removed" not in records[1]
    assert records[2]["error"] == "invalid_record" and "'body' or 'plain'" in records[2]["error_detail"]

    stderr = io.StringIO()
    args.paths, args.jsonl = [str(tmp_path / "pages.txt")], False
    assert run_from_args(args, stderr) == 2
    assert "JSONL (--jsonl) or Parquet" in stderr.getvalue()


def test_the_cli_engine_ray_writes_what_the_local_engine_writes(runtime, tmp_path):
    from cleaner.cli import main as cli

    rows = [
        json.dumps({"id": "n1", "url": "https://news.example.com/1", "html": NEWS}),
        "{not json",
        json.dumps({"text": TEXT_DUMP}),
        json.dumps({"id": "w", "html": WORDPRESS}),
    ]
    source = tmp_path / "crawl.jsonl"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    outputs = {}
    for engine in ("local", "ray"):
        outputs[engine] = tmp_path / f"{engine}.jsonl"
        code = cli.main(["clean", str(source), "--jsonl", "--no-profiles", "--engine", engine, "-o", str(outputs[engine])])
        assert code == 1  # the line that is not JSON
    local, distributed = read_jsonl(outputs["local"]), read_jsonl(outputs["ray"])
    assert [r["id"] for r in distributed] == ["n1", "crawl.jsonl:2", "crawl.jsonl:3", "w"]
    for mine, theirs in zip(local, distributed):
        assert {k: v for k, v in mine.items() if k != "error_detail"} == {
            k: v for k, v in theirs.items() if k != "error_detail"
        }


def test_the_ray_engine_reads_a_page_given_as_jsonl_as_one_clear_error(runtime, tmp_path):
    # As the local engine does: a page (whose speculation rules are a JSON object on a line of its
    # own) given with --jsonl is one invalid record for the file, not an error per line of markup.
    from cleaner.cli import main as cli

    rules = '{"prefetch": [{"source": "document", "where": {"href_matches": "/*"}}]}'
    page = tmp_path / "page.html"
    page.write_text(NEWS.replace("><", ">\n<").replace("</body>", f"<script>\n{rules}\n</script>\n</body>"))
    assert page.read_text().count("\n") > 10
    outputs = {}
    for engine in ("local", "ray"):
        outputs[engine] = tmp_path / f"{engine}.jsonl"
        code = cli.main(["clean", str(page), "--jsonl", "--no-profiles", "--engine", engine, "-o", str(outputs[engine])])
        assert code == 1
    for engine, output in outputs.items():
        (record,) = read_jsonl(output)
        assert record["id"] == "page.html:0" and record["error"] == "invalid_record", engine
        assert "not a JSONL file: it begins with markup" in record["error_detail"], engine
