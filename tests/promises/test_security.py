"""Security: the library opens no network connection, no input chooses where output is written,
and the parsers read no external entity or DTD.

Already covered elsewhere: safe_join refusing ../, absolute and empty names
(test_cli.py test_output_names_never_leave_the_output_dir), a symlink out of the output folder
(test_output_through_a_symlink_out_of_the_output_dir_is_refused), JSONL ids like ../../escape
(test_streams.py test_records_named_after_ids_stay_in_the_output_folder).
"""

from __future__ import annotations

import io
import json
import os
import socket
from pathlib import Path

import pytest
from helpers import ARTICLE, TITLE, html_page

import cleaner
from cleaner import Cleaner, Record, clean_records
from cleaner.cli import main as cli
from cleaner.run.sinks import name_from_id

SECRET = "root:x:0:0"  # what /etc/passwd starts with; we also plant our own secret file


@pytest.fixture
def no_network(monkeypatch):
    """Every way to open a connection or resolve a name is recorded and refused."""
    attempts: list[str] = []

    def refuse(name):
        def refused(*args, **kwargs):
            attempts.append(f"{name}{args[1:] if name == 'connect' else args}")
            raise OSError(f"network disabled in tests ({name})")

        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("TOPSECRET-7f3a9 the contents of a local file\n", encoding="utf-8")
    return path


def external_pages(secret: Path) -> dict[str, str]:
    body = "".join(f"<p>{p}</p>" for p in ARTICLE)
    xhtml = '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title></head>'
    return {
        "resources": (
            '<html><head><link rel="stylesheet" href="http://127.0.0.1:9/s.css">'
            '<script src="https://127.0.0.1:9/a.js"></script><base href="http://127.0.0.1:9/">'
            '<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/r"></head><body>'
            f'<img src="http://127.0.0.1:9/i.png"><iframe src="http://127.0.0.1:9/f"></iframe>{body}'
            '<object data="http://127.0.0.1:9/o"></object></body></html>'
        ),
        "external dtd": (
            '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
            f"{xhtml}<body>{body}<p>&nbsp;&eacute;</p></body></html>"
        ),
        "external entities": (
            f'<?xml version="1.0"?>\n<!DOCTYPE html [\n<!ENTITY file SYSTEM "file://{secret}">\n'
            '<!ENTITY net SYSTEM "http://127.0.0.1:9/x">\n'
            f'<!ENTITY % pe SYSTEM "file://{secret}"> %pe;\n<!ENTITY % pn SYSTEM "http://127.0.0.1:9/p.dtd"> %pn;\n]>\n'
            f"{xhtml}<body>{body}<p>File: &file; net: &net;</p></body></html>"
        ),
        "xinclude and svg": (
            '<html xmlns:xi="http://www.w3.org/2001/XInclude"><body>'
            f'{body}<xi:include href="file://{secret}" parse="text"/>'
            f'<svg><image href="file://{secret}"/><use href="http://127.0.0.1:9/x#a"/></svg></body></html>'
        ),
    }


def _no_secret(text: str) -> None:
    assert "TOPSECRET" not in text and SECRET not in text


@pytest.mark.parametrize("kind", ["auto", "html"])
@pytest.mark.parametrize("name", ["resources", "external dtd", "external entities", "xinclude and svg"])
def test_clean_opens_no_connection_and_reads_no_external_entity(no_network, secret_file, name, kind):
    page = external_pages(secret_file)[name]
    for data in (page, page.encode("utf-8")):
        result = cleaner.clean(data, url="http://127.0.0.1:9/page", kind=kind)
        assert ARTICLE[0] in result.text
        _no_secret(result.text)
        _no_secret(json.dumps(result.metadata))
    assert no_network == []


def test_batches_open_no_connection(no_network, secret_file):
    pages = external_pages(secret_file)
    records = [Record(f"r{k}", page, url=f"http://127.0.0.1:9/{k}") for k, page in enumerate(pages.values())]
    records += [Record(f"more{k}", html_page(), url=f"http://127.0.0.1:9/m{k}") for k in range(4)]
    batch = Cleaner()
    batch.learn([cleaner.Document(r.data, url=r.url) for r in records])
    for record in records:
        _no_secret(batch.clean(record.data, url=record.url).text)
    # In-process (jobs=1, no time limit): the patched socket functions see every attempt.
    for profiles in ("none", "batch", "stream"):
        out = list(clean_records(records, jobs=1, timeout=None, profiles=profiles))
        assert [r["error"] for r in out] == [None] * len(records)
        if profiles == "none":  # with profiles, the same article on every page is the site's template
            assert all(ARTICLE[0] in r["text"] for r in out)
        for r in out:
            _no_secret(json.dumps(r))
    assert no_network == []


def test_trafilatura_and_the_parsers_we_create_resolve_no_entities(secret_file):
    """Behavioural: the HTML parser of html_parse and trafilatura's own parsing, given a page with
    a local-file entity, give no trace of the file."""
    import trafilatura

    from cleaner.read.html_parse import parse_html

    page = external_pages(secret_file)["external entities"]
    tree = parse_html(page)
    _no_secret(tree.text_content())
    for data in (page, page.encode()):
        _no_secret(trafilatura.extract(data, output_format="xml", include_comments=True) or "")
        _no_secret(trafilatura.extract(data, fast=True) or "")
    _no_secret(cleaner.clean(page, kind="html").markdown)


# ---------------------------------------------------------------------------------------------
# No input chooses a path

HOSTILE_IDS = [
    "../../escape",
    "..\\..\\escape",
    "/etc/passwd",
    "C:\\Windows\\system32\\evil",
    "\\\\server\\share\\evil",
    "a/../../b",
    "..",
    ".",
    "...",
    "....//....//x",
    "bad\x00name",
    "x" * 10_000,
    "/" * 300,
    "CON",
    "nul.txt",
    "COM1",
    "aux",
    "~/.bashrc",
    "$HOME/x",
    "ok-name",
    "OK-NAME",  # differs only by case from the one before
    "%2e%2e%2fescape",
    "\u202eexe.txt",
    "",
]


def _written(folder: Path) -> list[Path]:
    return [Path(root) / name for root, _, names in os.walk(folder) for name in names]


def _assert_inside(out: Path, tmp_path: Path, expected: int) -> None:
    files = _written(out)
    assert len(files) == expected
    root = out.resolve()
    for path in files:
        assert path.resolve().is_relative_to(root)
        assert len(path.name.encode()) < 255
        assert path.parent.resolve() == root  # ids never make folders
    outside = {p for p in _written(tmp_path) if not p.resolve().is_relative_to(root)}
    assert all(p.name in ("in.jsonl", "crawl.warc.gz") for p in outside)


def test_name_from_id_gives_plain_distinct_names():
    names = [name_from_id(i) for i in HOSTILE_IDS if i]
    assert len(set(names)) == len(names)  # (the CLI makes them unique regardless of case)
    for name in names:
        assert name and "/" not in name and "\\" not in name and "\x00" not in name
        assert name.strip(".") and len(name) <= 140


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_jsonl_ids_cannot_choose_where_output_goes(tmp_path, fmt):
    rows = [{"id": record_id, "html": html_page()} for record_id in HOSTILE_IDS]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["clean", str(source), "--format", fmt, "-o", str(out), "-q", "--no-profiles"]) == 0
    _assert_inside(out, tmp_path, len(rows))
    texts = [p.read_text(encoding="utf-8") for p in _written(out)]
    assert all(ARTICLE[0] in t for t in texts)


def test_warc_target_uris_cannot_choose_where_output_goes(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    targets = [
        "file:///etc/passwd",
        "http://a.example.com/../../../../escape",
        "../../escape",
        "http://a.example.com/%2e%2e/%2e%2e/x",
        "urn:x:" + "y" * 10_000,
        "http://a.example.com/C:\\Windows\\evil",
        "..",
    ]
    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for k, target in enumerate(targets):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            record = writer.create_warc_record(target, "response", payload=io.BytesIO(html_page().encode()), http_headers=headers)
            # A hostile record id too: ids name the outputs.
            record.rec_headers.replace_header("WARC-Record-ID", f"<../../id{k}/" + "..\\" * k + ">")
            writer.write_record(record)
    out = tmp_path / "out"
    assert cli.main(["clean", str(path), "--format", "json", "-o", str(out), "-q", "--no-profiles"]) == 0
    _assert_inside(out, tmp_path, len(targets))
    urls = sorted(json.loads(p.read_text(encoding="utf-8"))["url"] for p in _written(out))
    assert urls == sorted(targets)


def test_file_inputs_with_hostile_names_stay_inside(tmp_path):
    folder = tmp_path / "in"
    (folder / "..." ).mkdir(parents=True)
    names = ["..a.html", "...html", ".hidden.html", "con.html", "x" * 200 + ".html", "...".join("ab") + ".htm"]
    for name in names:
        (folder / name).write_text(html_page(), encoding="utf-8")
    (folder / "..." / "deep.html").write_text(html_page(), encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["clean", str(folder), "-o", str(out), "-q"]) == 0
    files = _written(out)
    assert len(files) == len(names) + 1
    assert all(p.resolve().is_relative_to(out.resolve()) for p in files)
    assert all(TITLE in p.read_text(encoding="utf-8") for p in files)
