"""Streams on the command line: JSONL and WARC in, JSONL / Markdown / trees out, parallel jobs,
time limits, resuming, and one output record per input record whatever happens."""

from __future__ import annotations

import gzip
import io
import json
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ARTICLE, TITLE, html_page, text_doc

import cleaner
from cleaner import pipeline
from cleaner.cli import main as cli

ROOT = Path(__file__).resolve().parents[2]
COURIER = ROOT / "golden" / "sites" / "courier-html" / "pages"
COMMENT_FORM = "<h3>Leave a Reply</h3><p>Your email address will not be published. Required fields are marked *</p>"
HANG = "PLEASE-HANG-HERE"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(100)


def write_jsonl(path: Path, rows: list) -> Path:
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def good_rows(n: int) -> list[dict]:
    return [
        {"id": f"doc-{k}", "url": f"https://news{k % 3}.example.com/{k}", "html": html_page(after=COMMENT_FORM)}
        for k in range(n)
    ]


@pytest.fixture
def faulty_jsonl(tmp_path):
    rows = [
        *good_rows(3),
        "this line is not JSON",
        {"id": "no-page", "url": "https://x.example.com/"},
        {"id": "binary", "html": "\x00\x01\x02\x03" * 200},
        ["an", "array"],
        {"id": "as-text", "text": text_doc(after="Source link")},
        {"id": 42, "html": 7},
    ]
    return write_jsonl(tmp_path / "crawl.jsonl", rows)


def test_jsonl_in_jsonl_out_one_record_per_line(faulty_jsonl, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert cli.main(["clean", str(faulty_jsonl), "--jsonl", "-o", str(out), "-j", "2"]) == 1
    records = read_jsonl(out)
    assert [r["id"] for r in records] == [
        "doc-0", "doc-1", "doc-2", "crawl.jsonl:4", "no-page", "binary", "crawl.jsonl:7", "as-text", "42",
    ]
    good = records[0]
    assert good["error"] is None and good["title"] == TITLE and good["kind"] == "html"
    assert ARTICLE[0] in good["text"] and "Leave a Reply" not in good["text"]
    assert good["url"] == "https://news0.example.com/0" and good["metadata"]["site"] == "news0.example.com"
    assert "removed" not in good
    assert [r["error"] for r in records[3:]] == [
        "invalid_record", "invalid_record", "not_a_document", "invalid_record", None, "invalid_record",
    ]
    assert "not JSON" in records[3]["error_detail"]
    assert "'html' or 'text'" in records[4]["error_detail"]
    assert records[7]["kind"] == "text" and "Source link" not in records[7]["text"]
    assert all(set(r) >= {"id", "url", "title", "text", "metadata", "error"} for r in records)
    err = capsys.readouterr().err
    assert "binary: not a document:" in err and "crawl.jsonl:4: invalid record: line 4 is not JSON" in err


def test_jsonl_output_matches_clean(tmp_path):
    rows = good_rows(4)
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    assert cli.main(["clean", str(source), "-o", str(out), "--no-profiles", "--removed", "-j", "2"]) == 0
    for row, record in zip(rows, read_jsonl(out)):
        expected = cleaner.clean(row["html"], url=row["url"])
        assert record["text"] == expected.text
        assert record["title"] == expected.title
        assert [r["rule"] for r in record["removed"]] == [r.rule for r in expected.removed]


def test_custom_field_names_and_gzipped_jsonl(tmp_path):
    rows = [{"key": f"k{k}", "link": f"https://a.example.com/{k}", "body": html_page()} for k in range(3)]
    rows.append({"key": "t", "plain": text_doc(before="Home | World | Sport | Business")})
    data = "\n".join(json.dumps(r) for r in rows).encode()
    source = tmp_path / "in.jsonl.gz"
    source.write_bytes(gzip.compress(data))
    out = tmp_path / "out.jsonl"
    args = ["--html-field", "body", "--text-field", "plain", "--url-field", "link", "--id-field", "key"]
    assert cli.main(["clean", str(source), "--jsonl", *args, "-o", str(out)]) == 0
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ["k0", "k1", "k2", "t"]
    assert records[1]["url"] == "https://a.example.com/1"
    assert "Home | World" not in records[3]["text"] and ARTICLE[2] in records[3]["text"]


def test_jsonl_from_stdin_to_stdout(monkeypatch, capsys):
    data = "\n".join(json.dumps(r) for r in good_rows(2)) + "\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode()), encoding="utf-8"))
    assert cli.main(["clean", "-", "--jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["doc-0", "doc-1"]


def make_warc(path: Path, pages: list[tuple[str, str, bytes]]) -> Path:
    """A gzipped WARC with a request and a response per page, and an image response."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, content_type, body in pages:
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
        conversion = writer.create_warc_record(
            "https://b.example.com/text",
            "conversion",
            payload=io.BytesIO(text_doc(before="Home | World | Sport | Business").encode()),
            warc_content_type="text/plain",
        )
        writer.write_record(conversion)
    return path


def test_warc_in_jsonl_out(tmp_path):
    page = html_page(after=COMMENT_FORM).encode()
    warc = make_warc(
        tmp_path / "crawl.warc.gz",
        [
            ("https://a.example.com/1", "text/html; charset=utf-8", page),
            ("https://a.example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100)),
            ("https://a.example.com/2", "text/html", page),
        ],
    )
    out = tmp_path / "out.jsonl"
    assert cli.main(["clean", str(warc), "-o", str(out), "--progress"]) == 0
    records = read_jsonl(out)
    assert [r["url"] for r in records] == ["https://a.example.com/1", "https://a.example.com/2", "https://b.example.com/text"]
    assert all(r["id"].startswith("urn:uuid:") for r in records)
    assert records[0]["metadata"]["http_status"] == 200 and records[0]["metadata"]["warc_date"]
    assert ARTICLE[1] in records[1]["text"] and "Leave a Reply" not in records[1]["text"]
    assert records[2]["kind"] == "text" and "Home | World" not in records[2]["text"]


def test_a_broken_warc_record_is_one_error_record(tmp_path, capsys):
    good = make_warc(tmp_path / "good.warc.gz", [("https://a.example.com/1", "text/html", html_page().encode())])
    broken = tmp_path / "broken.warc"
    broken.write_bytes(b"WARC/9.9\r\nnonsense: yes\r\n\r\n" + b"x" * 100)
    out = tmp_path / "out.jsonl"
    assert cli.main(["clean", str(good), str(broken), "--warc", "-o", str(out)]) == 1
    records = read_jsonl(out)
    assert len(records) == 3
    assert records[-1]["error"] == "invalid_record" and "broken WARC record" in records[-1]["error_detail"]
    assert "broken WARC record" in capsys.readouterr().err


def test_markdown_output(tmp_path, capsys):
    page = tmp_path / "p.html"
    body = "<h2>Where the trees go</h2><ul><li>Eastern districts first</li><li>Then the schools</li></ul>"
    page.write_text(html_page(middle=body), encoding="utf-8")
    assert cli.main(["clean", str(page), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# {TITLE}\n\n{ARTICLE[0]}")
    assert "## Where the trees go\n\n- Eastern districts first\n- Then the schools" in out
    folder = tmp_path / "md"
    assert cli.main(["clean", str(page), "--format", "markdown", "-o", str(folder)]) == 0
    assert (folder / "p.md").read_text(encoding="utf-8") == out


def test_jobs_and_order_do_not_change_the_records(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", good_rows(12))
    outs = {}
    for name, flags in {"j1": ["-j", "1"], "j2": ["-j", "2"], "unordered": ["-j", "2", "--unordered"]}.items():
        outs[name] = tmp_path / f"{name}.jsonl"
        assert cli.main(["clean", str(source), "-o", str(outs[name]), *flags]) == 0
    ordered = read_jsonl(outs["j1"])
    assert read_jsonl(outs["j2"]) == ordered
    unordered = read_jsonl(outs["unordered"])
    assert sorted(unordered, key=lambda r: r["id"]) == sorted(ordered, key=lambda r: r["id"])


@pytest.fixture
def hanging_pages(monkeypatch):
    """Cleaning hangs on any page containing HANG (a stand-in for a pathological page); the
    worker processes are forked from this one and inherit the patch."""
    extract = pipeline.extract_html

    def extract_or_hang(text, url=None):
        if HANG in text:
            while True:
                pass
        return extract(text, url)

    monkeypatch.setattr(pipeline, "extract_html", extract_or_hang)


@pytest.mark.parametrize("mode", [["--no-profiles"], [], ["--stream", "--warmup", "5"]])
def test_a_hanging_page_times_out_and_the_run_goes_on(hanging_pages, tmp_path, capsys, mode):
    rows = good_rows(6)
    rows.insert(2, {"id": "hangs", "url": "https://news0.example.com/h", "html": html_page(after=f"<p>{HANG}</p>")})
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    assert cli.main(["clean", str(source), "-o", str(out), "--timeout", "2", "-j", "2", *mode]) == 1
    assert time.monotonic() - started < 60
    records = read_jsonl(out)
    assert [r["id"] for r in records] == [row["id"] for row in rows]
    assert records[2]["error"] == "timeout" and records[2]["text"] == ""
    assert all(r["error"] is None and ARTICLE[0] in r["text"] for k, r in enumerate(records) if k != 2)
    assert "hangs: timeout" in capsys.readouterr().err


def test_skip_existing_resumes_a_jsonl_run(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", good_rows(6))
    out = tmp_path / "out.jsonl"
    assert cli.main(["clean", str(source), "-o", str(out), "--no-profiles"]) == 0
    complete = out.read_text(encoding="utf-8")
    lines = complete.splitlines(keepends=True)
    out.write_text("".join(lines[:3]) + lines[3][:40], encoding="utf-8")  # interrupted mid-line
    assert cli.main(["clean", str(source), "-o", str(out), "--no-profiles", "--skip-existing"]) == 0
    assert read_jsonl(out) == [json.loads(line) for line in lines]


def test_skip_existing_leaves_finished_files_alone(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(3):
        (folder / f"p{k}.html").write_text(html_page(), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "p1.txt").write_text("done before\n", encoding="utf-8")
    assert cli.main(["clean", str(folder), "-o", str(out), "--skip-existing"]) == 0
    assert (out / "p1.txt").read_text(encoding="utf-8") == "done before\n"
    assert ARTICLE[0] in (out / "p0.txt").read_text(encoding="utf-8")
    assert ARTICLE[0] in (out / "p2.txt").read_text(encoding="utf-8")


def test_records_named_after_ids_stay_in_the_output_folder(tmp_path):
    rows = [{"id": name, "html": html_page()} for name in ("../../escape", "/etc/passwd", "a/b", "a_b", "..")]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "tree"
    assert cli.main(["clean", str(source), "--format", "text", "-o", str(out)]) == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert len(written) == 5 and all("/" not in name for name in written)
    assert not (tmp_path / "escape.txt").exists()


def test_stream_profiles_in_workers_match_one_process(tmp_path):
    pages = sorted(COURIER.glob("*.html"))
    rows = [{"id": p.name, "url": f"https://courier.example.com/{p.stem}", "html": p.read_text(encoding="utf-8")} for p in pages]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    outs = {}
    for name, flags in {
        "batch": [],
        "stream1": ["--stream", "--warmup", "8", "-j", "1", "--timeout", "0"],
        "stream2": ["--stream", "--warmup", "8", "-j", "2"],
        "alone": ["--no-profiles"],
    }.items():
        outs[name] = tmp_path / f"{name}.jsonl"
        assert cli.main(["clean", str(source), "-o", str(outs[name]), *flags]) == 0
    texts = {name: [r["text"] for r in read_jsonl(path)] for name, path in outs.items()}
    # Workers get the profiles the parent learns: from the warm-up on, a stream cleans as the
    # batch does, whether one process cleans or two workers do (the first pages of a stream are
    # cleaned with what the first pages showed, so they may keep more).
    for stream in ("stream1", "stream2"):
        assert texts[stream][10:] == texts["batch"][10:]
        assert all(len(a) < len(b) for a, b in zip(texts[stream], texts["alone"]))


def test_summary_with_progress(faulty_jsonl, tmp_path, capsys):
    assert cli.main(["clean", str(faulty_jsonl), "-o", str(tmp_path / "o.jsonl"), "--progress"]) == 1
    err = capsys.readouterr().err
    assert "documents: 9 in" in err
    assert "cleaned: 4" in err
    assert "errors: 5 (invalid_record 4, not_a_document 1)" in err
    assert "words:" in err and "removed" in err


def test_quiet_when_not_a_terminal(tmp_path, capsys):
    source = write_jsonl(tmp_path / "in.jsonl", good_rows(2))
    assert cli.main(["clean", str(source), "-o", str(tmp_path / "o.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "documents:" not in err and "\r" not in err


def test_the_library_runs_records_in_workers_with_a_time_limit(hanging_pages, tmp_path):
    from cleaner import Record, clean_records, jsonl_records

    records = [Record(f"r{k}", html_page(after=COMMENT_FORM), url=f"https://a.example.com/{k}") for k in range(5)]
    records.append(Record("hangs", html_page(after=f"<p>{HANG}</p>")))
    records.append(Record("png", b"\x89PNG\r\n\x1a\n" + bytes(64)))
    out = list(clean_records(records, jobs=2, timeout=2, profiles="batch"))
    assert [r["id"] for r in out] == [r.id for r in records]
    assert [r["error"] for r in out] == [None] * 5 + ["timeout", "not_a_document"]
    assert all(ARTICLE[0] in r["text"] and "Leave a Reply" not in r["text"] for r in out[:5])

    source = write_jsonl(tmp_path / "in.jsonl", good_rows(3))
    again = list(clean_records(lambda: jsonl_records(str(source), cleaner.Fields()), profiles="batch"))
    assert [r["id"] for r in again] == ["doc-0", "doc-1", "doc-2"]
    with pytest.raises(ValueError, match="reads the records twice"):
        list(clean_records(iter(records), profiles="batch"))


def test_a_warc_response_whose_target_is_not_http_is_still_a_document(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from cleaner.run.sources import WarcCounts, warc_records

    path = tmp_path / "urn.warc.gz"
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        page = io.BytesIO(html_page().encode())
        writer.write_record(writer.create_warc_record("urn:page:1", "response", payload=page, http_headers=headers))
    counts = WarcCounts()
    (record,) = warc_records(str(path), counts)
    assert counts.skipped == 0
    assert record.url == "urn:page:1" and record.kind == "html" and record.source["http_status"] == 404
    assert ARTICLE[0] in cleaner.clean(record.data).text


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """The real command, as `python -m cleaner ARGS`."""
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args], capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.mark.parametrize(
    ("name", "data", "flags"),
    [
        ("page.txt", text_doc().encode(), ["--warc"]),
        ("x.warc", html_page().encode(), []),
        ("x.warc.gz", gzip.compress(html_page().encode()), []),
    ],
)
def test_a_file_that_is_not_a_warc_is_one_invalid_record(tmp_path, name, data, flags):
    # Fixed: warcio read the file as an ARC record with made-up headers and an EOFError ended
    # the run with a traceback and no record written.
    path = tmp_path / name
    path.write_bytes(data)
    done = run_cli("clean", str(path), *flags)
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    (record,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert record["error"] == "invalid_record" and "not a WARC" in record["error_detail"]
    assert "not a WARC" in done.stderr

    from cleaner import clean_records, warc_records

    (output,) = clean_records(warc_records(str(path)), jobs=1, timeout=None)
    assert output["error"] == "invalid_record" and "not a WARC" in output["error_detail"]


def test_a_warc_response_with_an_empty_http_block_is_skipped(tmp_path):
    # Fixed: an application/http response with no bytes raised EOFError out of the reader.
    from cleaner.run.sources import WarcCounts, warc_records

    empty = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: urn:page:empty\r\n"
        b"WARC-Record-ID: <urn:uuid:empty>\r\nContent-Type: application/http; msgtype=response\r\n"
        b"Content-Length: 0\r\n\r\n\r\n\r\n"
    )
    page = make_warc(tmp_path / "one.warc.gz", [("https://a.example.com/1", "text/html", html_page().encode())])
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(empty) + page.read_bytes())  # one gzip member per record
    counts = WarcCounts()
    records = list(warc_records(str(path), counts))
    assert [r.url for r in records] == ["https://a.example.com/1", "https://b.example.com/text"]
    assert all(r.error is None for r in records)
    assert counts.skipped == 2  # the empty response and the page's request


def test_every_record_that_is_not_a_document_is_counted_as_skipped(tmp_path):
    # Fixed: request records were passed over without being counted (an image was counted).
    from cleaner.run.sources import WarcCounts, warc_records

    page = html_page().encode()
    pages = [("https://a.example.com/1", "text/html", page), ("https://a.example.com/logo.png", "image/png", PNG)]
    warc = make_warc(tmp_path / "crawl.warc.gz", pages)
    counts = WarcCounts()
    assert len(list(warc_records(str(warc), counts))) == 2  # the page and the conversion
    assert counts.skipped == 3  # two requests and the image
    done = run_cli("clean", str(warc), "-o", str(tmp_path / "out.jsonl"), "--progress")
    assert done.returncode == 0, done.stderr
    assert "skipped: 3" in done.stderr


def test_a_file_that_is_not_jsonl_is_one_clear_error(tmp_path):
    # Fixed: --jsonl on a page printed one "not JSON" error per line of markup.
    page = tmp_path / "page.html"
    page.write_text(html_page().replace("><", ">\n<"), encoding="utf-8")
    assert page.read_text(encoding="utf-8").count("\n") > 10
    done = run_cli("clean", str(page), "--jsonl")
    assert done.returncode == 1
    (record,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert record["id"] == "page.html:0" and record["error"] == "invalid_record"
    assert "not a JSONL file" in record["error_detail"] and "lines are not documents" in record["error_detail"]
    errors = [line for line in done.stderr.splitlines() if "invalid record" in line]
    assert len(errors) == 1 and "not a JSONL file" in errors[0]


def test_a_page_with_json_lines_of_its_own_is_still_one_clear_error(tmp_path):
    # Fixed: a WordPress page carries its speculation rules as a JSON object on a line of its own;
    # that line made the page look like JSONL, and --jsonl printed a "not JSON" error per line.
    rules = '{"prefetch": [{"source": "document", "where": {"href_matches": "/*"}}]}'
    page = tmp_path / "page.html"
    page.write_text(html_page().replace("><", ">\n<").replace("</body>", f"<script>\n{rules}\n</script>\n</body>"))
    done = run_cli("clean", str(page), "--jsonl")
    assert done.returncode == 1
    (record,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert record["id"] == "page.html:0" and record["error"] == "invalid_record"
    assert "not a JSONL file" in record["error_detail"] and "begins with markup" in record["error_detail"]


def test_a_jsonl_file_with_a_bad_first_line_keeps_a_record_per_line(tmp_path):
    rows = ['{"id": "cut", "html": "<p>a line cut sh', *good_rows(2), "not JSON either"]
    source = write_jsonl(tmp_path / "crawl.jsonl", rows)
    out = tmp_path / "out.jsonl"
    assert cli.main(["clean", str(source), "-o", str(out)]) == 1
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ["crawl.jsonl:1", "doc-0", "doc-1", "crawl.jsonl:4"]
    assert [r["error"] for r in records] == ["invalid_record", None, None, "invalid_record"]
    assert "line 1 is not JSON" in records[0]["error_detail"]


def into_head(*args: str) -> subprocess.CompletedProcess:
    """`python -m cleaner ARGS | head -n 1` in a shell; the exit status is cleaner's."""
    command = " ".join(shlex.quote(a) for a in (sys.executable, "-m", "cleaner", *args))
    pipeline = f'{command} | head -n 1 > /dev/null; exit "${{PIPESTATUS[0]}}"'
    return subprocess.run(["bash", "-c", pipeline], capture_output=True, text=True, timeout=300, check=False)


def test_a_closed_output_pipe_ends_the_run_quietly(tmp_path):
    # Fixed: `cleaner clean crawl.jsonl | head -n 1` said "cannot write output: Broken pipe"
    # once per record, counted each as failed, cleaned everything and exited 1.
    rows = [{"id": f"doc-{k}", "url": f"https://a.example.com/{k}", "html": html_page() * 3} for k in range(400)]
    source = write_jsonl(tmp_path / "crawl.jsonl", rows)
    done = into_head("clean", str(source), "-j", "2", "--no-profiles", "--progress")
    assert done.returncode in (0, 141)
    for noise in ("Broken pipe", "cannot write", "Traceback", "failed", "errors:"):
        assert noise not in done.stderr
    # The progress bar's last count: the run stopped at the closed pipe, not after every record.
    counts = [int(n) for n in re.findall(r"cleaning: (\d+) docs", done.stderr)]
    assert counts and counts[-1] < 200


def test_skip_existing_resumes_a_gzipped_jsonl_run_cut_short(tmp_path):
    rows = good_rows(6)
    out = tmp_path / "out.jsonl.gz"
    assert cli.main(["clean", str(write_jsonl(tmp_path / "first.jsonl", rows[:4])), "-o", str(out)]) == 0
    data = out.read_bytes()
    out.write_bytes(data[: len(data) - 30])  # interrupted: the gzip stream has no end
    source = write_jsonl(tmp_path / "all.jsonl", rows)
    assert cli.main(["clean", str(source), "-o", str(out), "--skip-existing"]) == 0
    with gzip.open(out, "rt", encoding="utf-8") as handle:  # reads to the end: a whole gzip file
        ids = [json.loads(line)["id"] for line in handle]
    assert sorted(ids) == sorted(r["id"] for r in rows)
    assert ids[:2] == ["doc-0", "doc-1"]  # the complete records of the first run were kept
