"""Site profiles from the command line: batches by default, --stream, --profiles FILE, and
`cleaner profiles learn / merge / show`, on a site case of golden/sites."""

from __future__ import annotations

import io
import json
import shlex
import shutil
import subprocess
import sys

import pytest
from helpers import html_page

from cleaner import Cleaner
from cleaner.cli import main as cli
from cleaner.devtools.golden.cases import REPO_GOLDEN

SITE_CASE = REPO_GOLDEN / "sites" / "courier-text"
SITE = (SITE_CASE / "site.txt").read_text().strip()
# The sponsor line of the Courier's template: prose that no phrase rule knows.
SPONSOR = "This reporting is supported by the Valley Community Trust"


@pytest.fixture
def pages(tmp_path):
    folder = tmp_path / "pages"
    shutil.copytree(SITE_CASE / "pages", folder)
    return folder


def _outputs(folder):
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def test_a_folder_is_cleaned_as_a_batch_and_the_template_goes(pages, tmp_path):
    assert cli.main(["clean", str(pages), "--site", SITE, "-o", str(tmp_path / "out")]) == 0
    outputs = _outputs(tmp_path / "out")
    assert len(outputs) == 22
    assert not any(SPONSOR in text for text in outputs.values())
    expected = (SITE_CASE / "expected" / "01-mill-street-bridge-closure-extended.txt").read_text()
    assert outputs["01-mill-street-bridge-closure-extended.txt"] == expected


def test_no_profiles_cleans_each_page_alone(pages, tmp_path):
    assert cli.main(["clean", str(pages), "--site", SITE, "--no-profiles", "-o", str(tmp_path / "out")]) == 0
    assert all(SPONSOR in text for text in _outputs(tmp_path / "out").values())


def test_the_order_of_the_inputs_changes_nothing(pages, tmp_path):
    files = sorted(str(p) for p in pages.glob("*.txt"))
    cli.main(["clean", *files, "--site", SITE, "-o", str(tmp_path / "a")])
    cli.main(["clean", *reversed(files), "--site", SITE, "-o", str(tmp_path / "b")])
    assert _outputs(tmp_path / "a") == _outputs(tmp_path / "b")


def test_a_stream_learns_as_it_goes(pages, tmp_path):
    assert cli.main(["clean", str(pages), "--site", SITE, "--stream", "--warmup", "10", "-o", str(tmp_path / "out")]) == 0
    outputs = _outputs(tmp_path / "out")
    assert len(outputs) == 22
    assert not any(SPONSOR in text for text in outputs.values())


def test_profiles_saved_by_one_run_clean_a_single_page_of_the_next(pages, tmp_path):
    profiles = tmp_path / "profiles.json.gz"
    first = sorted(pages.glob("*.txt"))[:-1]
    assert cli.main(["clean", *map(str, first), "--site", SITE, "-o", str(tmp_path / "a"), "--profiles", str(profiles)]) == 0
    assert profiles.is_file()
    last = max(pages.glob("*.txt"))
    assert cli.main(["clean", str(last), "--site", SITE, "-o", str(tmp_path / "b"), "--profiles", str(profiles)]) == 0
    (output,) = _outputs(tmp_path / "b").values()
    assert SPONSOR not in output


def test_a_bad_profiles_file_stops_the_run_with_a_message(pages, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("not profiles")
    assert cli.main(["clean", str(pages), "--profiles", str(bad), "-o", str(tmp_path / "out")]) == 2
    assert "not a profiles file" in capsys.readouterr().err


def test_an_unreadable_input_is_reported_and_the_batch_goes_on(pages, tmp_path, capsys, monkeypatch):
    from cleaner.cli import inputs as cli_inputs

    files = sorted(str(p) for p in pages.glob("*.txt"))
    read = cli_inputs.read_input

    def failing_read(item, stdin):
        if item.path == files[3]:
            raise PermissionError(13, "Permission denied")
        return read(item, stdin)

    monkeypatch.setattr(cli_inputs, "read_input", failing_read)
    for mode in ([], ["--stream", "--warmup", "5"]):
        out = tmp_path / f"out{len(mode)}"
        assert cli.main(["clean", *files, "--site", SITE, "-o", str(out), *mode]) == 1
        assert len(_outputs(out)) == 21
        err = capsys.readouterr().err
        assert "Permission denied" in err and "21 cleaned, 1 failed" in err
        assert not any(SPONSOR in text for text in _outputs(out).values())


def test_profiles_learn_merge_and_show(pages, tmp_path, capsys):
    files = sorted(str(p) for p in pages.glob("*.txt"))
    a, b, merged = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "m.json"
    assert cli.main(["profiles", "learn", *files[:11], "--site", SITE, "-o", str(a)]) == 0
    assert cli.main(["profiles", "learn", *files[11:], "--site", SITE, "-o", str(b)]) == 0
    assert cli.main(["profiles", "merge", str(a), str(b), "-o", str(merged)]) == 0
    capsys.readouterr()
    assert cli.main(["profiles", "show", str(merged)]) == 0
    assert f"22  {SITE}" in capsys.readouterr().out
    assert cli.main(["clean", files[0], "--site", SITE, "--profiles", str(merged), "-o", str(tmp_path / "out")]) == 0
    (output,) = _outputs(tmp_path / "out").values()
    assert SPONSOR not in output


def test_profiles_learn_without_a_site_says_so(pages, tmp_path, capsys):
    # Learning nothing is a failure now (exit 1), no longer a success that says so.
    assert cli.main(["profiles", "learn", str(pages), "-o", str(tmp_path / "p.json")]) == 1
    err = capsys.readouterr().err
    assert "no site" in err and "learned nothing from 22 documents" in err
    assert not (tmp_path / "p.json").exists()


def test_profiles_show_into_a_closed_pipe_ends_quietly(tmp_path):
    # Fixed: `cleaner profiles show FILE | head` ended with "cleaner profiles: [Errno 32] Broken
    # pipe" and exit status 2.
    learner = Cleaner()
    for k in range(3000):  # a line per site: more than a pipe holds
        learner.learn(html_page(), url=f"https://site{k}.example.com/a")
    path = tmp_path / "many.json.gz"
    learner.profiles.save(str(path))
    command = f"{shlex.quote(sys.executable)} -m cleaner profiles show {shlex.quote(str(path))}"
    pipeline = f'{command} | head -n 1 > /dev/null; exit "${{PIPESTATUS[0]}}"'
    done = subprocess.run(["bash", "-c", pipeline], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode in (0, 141)
    assert done.stderr == ""


HTML_CASE = REPO_GOLDEN / "sites" / "courier-html" / "pages"
COURIER = "courier.example.com"


def courier_rows() -> list[dict]:
    """The Courier's HTML pages as crawl rows, under field names of their own."""
    return [
        {"key": p.stem, "link": f"https://{COURIER}/{p.stem}", "page": p.read_text(encoding="utf-8")}
        for p in sorted(HTML_CASE.glob("*.html"))
    ]


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args], input=stdin, capture_output=True, text=True, timeout=300, check=False
    )


def test_profiles_learn_reads_jsonl_as_clean_does(tmp_path):
    # Fixed: `profiles learn crawl.jsonl` read the file as one text page, learned 0 documents
    # and exited 0.
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text("".join(json.dumps(row) + "\n" for row in courier_rows()), encoding="utf-8")
    fields = ["--html-field", "page", "--url-field", "link", "--id-field", "key"]
    profiles = tmp_path / "p.json.gz"
    done = run_cli("profiles", "learn", str(crawl), *fields, "-o", str(profiles))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"learned 22 documents into {profiles}"
    shown = run_cli("profiles", "show", str(profiles))
    assert f"22  {COURIER}" in shown.stdout

    # The same from stdin, and what was learned cleans as a batch of the crawl would.
    again = tmp_path / "stdin.json.gz"
    done = run_cli("profiles", "learn", "-", "--jsonl", *fields, "-o", str(again), stdin=crawl.read_text(encoding="utf-8"))
    assert done.returncode == 0, done.stderr
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps(courier_rows()[0]) + "\n", encoding="utf-8")
    alone = cli.main(["clean", str(one), *fields, "-o", str(tmp_path / "alone.jsonl")])
    learned = cli.main(["clean", str(one), *fields, "--profiles", str(again), "-o", str(tmp_path / "learned.jsonl")])
    assert alone == learned == 0
    text_alone = json.loads((tmp_path / "alone.jsonl").read_text(encoding="utf-8"))["text"]
    text_learned = json.loads((tmp_path / "learned.jsonl").read_text(encoding="utf-8"))["text"]
    assert len(text_learned) < len(text_alone)  # the site's template is gone


def test_profiles_learn_reads_warc(tmp_path, capsys):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    warc = tmp_path / "crawl.warc.gz"
    with open(warc, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for row in courier_rows():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            body = io.BytesIO(row["page"].encode("utf-8"))
            writer.write_record(writer.create_warc_record(row["link"], "response", payload=body, http_headers=headers))
    assert cli.main(["profiles", "learn", str(warc), "-o", str(tmp_path / "p.json")]) == 0
    assert "learned 22 documents" in capsys.readouterr().out


def test_profiles_learn_of_nothing_learnable_fails(tmp_path):
    # Text pages with no URL field, and no --site: no document has a site to learn it for.
    rows = [{"text": p.read_text(encoding="utf-8")} for p in sorted((SITE_CASE / "pages").glob("*.txt"))]
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    done = run_cli("profiles", "learn", str(crawl), "-o", str(tmp_path / "p.json"))
    assert done.returncode == 1
    assert "learned nothing from 22 documents" in done.stderr and "no site" in done.stderr
    assert not (tmp_path / "p.json").exists()
