"""Hostile and broken input: every case gives a Result (maybe empty, with a note) or an InputError
that says what was wrong, and a batch gives exactly one output record per input, errors included.

Already covered elsewhere (not repeated here): truncated and corrupt gzip (test_decode.py
test_truncated_gzip_is_an_input_error, test_corrupt_gzip_is_an_input_error), binary formats with
kind auto (test_binary_formats_are_input_errors_that_say_why), empty input (test_empty_input_*),
JSONL lines that are not JSON, arrays, a missing page field and html a number
(test_streams.py test_jsonl_in_jsonl_out_one_record_per_line), a WARC with a broken version line
(test_a_broken_warc_record_is_one_error_record).

The inputs that once broke a promise of clean() (found by the fuzzer, fuzz/run, or by the
hypothesis properties) are kept in tests/data/fuzz/ and checked with the fuzzer's own promises."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import random
import resource
from pathlib import Path

import pytest
from helpers import ARTICLE, TITLE, html_page
from promises import check_input  # fuzz/promises.py, on the path by conftest.py

import cleaner
from cleaner import InputError, Record, clean_records
from cleaner.cli import main as cli
from cleaner.read import limits
from cleaner.run.sources import warc_records

PARAGRAPH = ARTICLE[0]


def article(*paragraphs: str, head: str = "", before: str = "<html><body>") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"{before}{head}<article>{body}</article></body></html>"


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# ---------------------------------------------------------------------------------------------
# Empty, whitespace, binary


@pytest.mark.parametrize("kind", ["auto", "html", "text"])
@pytest.mark.parametrize("data", [b" \t\r\n  \n", "\u00a0 \u2003\n\u3000", b"\xef\xbb\xbf  \n"])
def test_whitespace_only_is_empty_text_with_a_note(data, kind):
    result = cleaner.clean(data, kind=kind)
    assert result.text == ""
    assert "empty input" in result.notes


def test_empty_and_whitespace_files_in_a_folder_each_give_a_record(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.html").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"   \n\n\t")
    (folder / "good.html").write_text(html_page(), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli.main(["clean", str(folder), "--format", "jsonl", "-o", str(out)]) == 0
    records = {r["id"]: r for r in read_jsonl(out)}
    assert sorted(records) == ["blank.txt", "empty.html", "good.html"]
    assert records["empty.html"]["text"] == "" and records["empty.html"]["error"] is None
    assert "empty input" in records["blank.txt"]["notes"]
    assert "warning: " in capsys.readouterr().err


BINARIES = {
    "PNG": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "PDF": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + random.Random(7).randbytes(500),
}


@pytest.mark.parametrize("kind", ["html", "text"])
@pytest.mark.parametrize("name", sorted(BINARIES))
def test_binary_given_as_a_page_is_an_input_error_naming_the_format(name, kind):
    with pytest.raises(InputError) as caught:
        cleaner.clean(BINARIES[name], kind=kind)
    assert name in str(caught.value) and "binary" in str(caught.value)


@pytest.mark.parametrize("kind", ["auto", "html", "text"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_are_an_input_error(seed, kind):
    data = random.Random(seed).randbytes(4096)
    with pytest.raises(InputError, match="undecodable|binary|control"):
        cleaner.clean(data, kind=kind)


def test_binary_files_named_html_fail_alone_in_a_folder_run(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in BINARIES.items():
        (folder / f"{name}.html").write_bytes(data)
    (folder / "cut.html.gz").write_bytes(gzip.compress(html_page().encode())[:-12])
    (folder / "good.html").write_text(html_page(), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli.main(["clean", str(folder), "--format", "jsonl", "-o", str(out)]) == 1
    records = {r["id"]: r for r in read_jsonl(out)}
    assert len(records) == len(BINARIES) + 2
    assert records["good.html"]["error"] is None and PARAGRAPH in records["good.html"]["text"]
    for name in BINARIES:
        assert records[f"{name}.html"]["error"] == "not_a_document"
        assert name in records[f"{name}.html"]["error_detail"]
    assert records["cut.html.gz"]["error"] == "not_a_document"
    assert "truncated gzip" in records["cut.html.gz"]["error_detail"]
    capsys.readouterr()


# ---------------------------------------------------------------------------------------------
# Invalid UTF-8, legacy encodings, lying charsets

FRENCH = (
    "Le conseil municipal a voté mardi un programme de plantation de douze mille arbres dans les "
    "quartiers de l'est, où la canopée est la plus faible. Ça coûte cher, mais la façade des écoles "
    "sera à l'ombre l'été prochain, a déclaré la maire."
)
LANGUAGES = {
    "cp1252": ("windows-1252", FRENCH + " « Enfin », a-t-elle ajouté — 5 € par arbre."),
    "latin-1": (
        "iso-8859-1",
        ("Der Bürgermeister sagte am Dienstag, die Straße würde im Frühjahr für größere Fahrzeuge "
        "gesperrt, weil die Brücke über den Fluss erneuert werden müsse. Die Anwohner äußerten sich zufrieden."),
    ),
    "shift_jis": (
        "shift_jis",
        ("市議会は火曜日、東部地区に一万二千本の街路樹を植える十年計画を承認した。計画の費用は約三十億円と"
        "見込まれ、学校やバス停の近くの通りが優先される。住民は六月一日から市のウェブサイトで申し込める。"),
    ),
    "gb18030": (
        "gb18030",
        ("市议会周二投票通过了一项为期十年的计划，将在东部地区种植一万二千棵行道树。该计划预计耗资三千一百万"
        "美元，优先考虑学校和公交车站附近的街道。居民可以从六月一日起通过城市网站申请在自家门前种树。"),
    ),
    "koi8-r": (
        "koi8-r",
        ("Городской совет во вторник проголосовал за десятилетнюю программу посадки двенадцати тысяч "
        "деревьев в восточных районах города, где зелени меньше всего. Жители смогут подать заявку с июня."),
    ),
}


def legacy_page(text: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return article(text, text, head=f"<head>{meta}<title>Arbres</title></head><body>", before="<html>")


@pytest.mark.parametrize("codec", sorted(LANGUAGES))
@pytest.mark.parametrize("declared", ["correct", "none", "lie-utf-8"])
def test_legacy_encodings_come_out_right(codec, declared):
    charset, text = LANGUAGES[codec]
    meta = {"correct": charset, "none": None, "lie-utf-8": "utf-8"}[declared]
    result = cleaner.clean(legacy_page(text, meta).encode(codec))
    assert result.kind == "html"
    assert text in result.text
    if declared == "correct":
        assert result.metadata["encoding"] == codecs.lookup(charset).name


@pytest.mark.parametrize("codec", sorted(LANGUAGES))
def test_legacy_encoded_text_without_markup(codec):
    _, text = LANGUAGES[codec]
    assert cleaner.clean(text.encode(codec), kind="text").text == text


@pytest.mark.parametrize("codec", ["shift_jis", "gb18030", "koi8-r"])
def test_utf8_page_whose_meta_names_a_legacy_charset(codec):
    charset, text = LANGUAGES[codec]
    result = cleaner.clean(legacy_page(text, charset).encode("utf-8"))
    assert text in result.text and result.metadata["encoding"] == "utf-8"


@pytest.mark.parametrize("meta", ["", '<meta charset="utf-8">'])
def test_utf8_page_with_a_stray_invalid_byte_keeps_its_accents(meta):
    # Fixed: the page went to charset detection, which read every é of it as two wrong letters.
    data = legacy_page(FRENCH, None).replace("<title>", meta + "<title>").encode("utf-8")
    data = data.replace(b"quartiers", b"quart\xffiers", 1)
    result = cleaner.clean(data)
    assert FRENCH.replace("quartiers", "quart\ufffdiers") in result.text
    assert "Ã" not in result.text and result.metadata["encoding"] == "utf-8"


def test_bytes_that_are_invalid_utf8_everywhere_still_give_text():
    result = cleaner.clean(b"caf\xc3 au lait \xff\xfe: " + ARTICLE[1].encode(), kind="text")
    assert ARTICLE[1] in result.text


# ---------------------------------------------------------------------------------------------
# NUL bytes, entities, malformed markup


@pytest.mark.parametrize("as_bytes", [False, True])
def test_nul_bytes_inside_a_good_page(as_bytes):
    page = html_page().replace("programme", "pro\x00gramme").replace("<main>", "<main>\x00\x00")
    result = cleaner.clean(page.encode() if as_bytes else page)
    assert "\x00" not in result.text
    assert ARTICLE[1] in result.text and result.title == TITLE
    assert "pro gramme" in result.text or "programme" in result.text


def test_an_entity_storm_is_decoded_once_not_expanded():
    storm = "&amp;" * 1_000_000
    result = cleaner.clean(article(ARTICLE[0], storm, ARTICLE[1]))
    assert ARTICLE[0] in result.text and ARTICLE[1] in result.text
    assert len(result.text) < len(storm)  # each &amp; gives one character at most


def test_out_of_range_and_broken_numeric_entities():
    odd = "Out of range &#x110000; zero &#0; surrogate &#xD800; &#55296; huge &#99999999999; cut &# and &#x and &amp end."
    result = cleaner.clean(article(ARTICLE[0], odd, ARTICLE[1]))
    assert ARTICLE[0] in result.text and ARTICLE[1] in result.text
    result.text.encode("utf-8")  # no lone surrogate got through
    assert "\x00" not in result.text
    assert "Out of range" in result.text and "end." in result.text


def test_text_after_stray_body_and_html_end_tags_is_kept():
    # Fixed: libxml2 dropped everything after </html> (and put what follows </body> outside it).
    page = (
        f"<html><head><title>{TITLE}</title></head><body><article><p>{ARTICLE[0]}</p></body></html>"
        f"<p>{ARTICLE[1]}</p></body><p>{ARTICLE[2]}</p></article></body></html>"
    )
    result = cleaner.clean(page)
    for paragraph in ARTICLE:
        assert paragraph in result.text


def test_unclosed_tags():
    page = f"<html><body><article><p>{ARTICLE[0]} <b>bold <i>italic <p>{ARTICLE[1]} <div><span>{ARTICLE[2]}"
    result = cleaner.clean(page)
    assert ARTICLE[0] in result.text and ARTICLE[1] in result.text and ARTICLE[2] in result.text


def nested_page(tag: str, depth: int) -> str:
    return (
        f"<html><body>{f'<{tag}>' * depth}{ARTICLE[0]}{f'</{tag}>' * depth}"
        f"<p>{ARTICLE[1]}</p><p>{ARTICLE[2]}</p></body></html>"
    )


@pytest.mark.parametrize("tag", ["div", "b"])
@pytest.mark.parametrize("depth", [300, 100_000])
def test_text_after_deeply_nested_elements_is_kept(tag, depth):
    # Fixed: libxml2 stops at 256 open elements and dropped all the page's text after that point.
    result = cleaner.clean(nested_page(tag, depth))
    assert ARTICLE[1] in result.text and ARTICLE[2] in result.text


@pytest.mark.parametrize("depth", [300, 100_000])
def test_deeply_nested_markup_is_in_the_parsed_tree(depth):
    from cleaner.read.html_parse import parse_html

    assert ARTICLE[0] in parse_html(nested_page("div", depth)).text_content()


@pytest.mark.parametrize("depth", [150, 300, 100_000])
def test_paragraphs_inside_deeply_nested_divs_are_kept(depth):
    # A paragraph, not loose text: loose text in a <div> before the paragraphs is left out at any
    # depth, nested or not (the extractor's choice on such pages, not a matter of depth).
    page = (
        f"<html><body>{'<div>' * depth}<p>{ARTICLE[0]}</p>{'</div>' * depth}"
        f"<p>{ARTICLE[1]}</p><p>{ARTICLE[2]}</p></body></html>"
    )
    result = cleaner.clean(page)
    assert all(paragraph in result.text for paragraph in ARTICLE)


def test_unclosed_font_tags_on_every_paragraph_keep_the_whole_page():
    paragraphs = [f"Paragraph {k}: {ARTICLE[k % 3]}" for k in range(400)]
    page = "<html><body>" + "".join(f"<font size=2><p>{p}" for p in paragraphs) + "</body></html>"
    result = cleaner.clean(page)
    assert paragraphs[0] in result.text and paragraphs[-1] in result.text


def test_thousands_of_tiny_blocks():
    result = cleaner.clean("<html><body>" + "<p>a</p>" * 5000 + "</body></html>")
    assert isinstance(result.text, str)
    assert set(result.text.split()) <= {"a"}


# ---------------------------------------------------------------------------------------------
# Big inputs


def test_a_single_10_mb_line(tmp_path):
    sentence = "The council voted on Tuesday to fund a programme of street trees. "
    line = (sentence * (10_000_000 // len(sentence) + 1))[:10_000_000]
    for kind in ("text", "auto"):
        result = cleaner.clean(line, kind=kind)
        assert result.kind == "text"
        assert result.text.startswith(sentence) and len(result.text) > 9_000_000


def test_a_50_mb_page_is_cut_to_the_work_limit_and_says_so():
    paragraphs = [f"<p>Paragraph {k}: {ARTICLE[k % 3]}</p>" for k in range(260_000)]
    page = f"<html><head><title>{TITLE}</title></head><body><article>{''.join(paragraphs)}</article></body></html>"
    assert len(page) > 50_000_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = cleaner.clean(page)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    cut = [note for note in result.notes if note.startswith(limits.WORK_LIMIT + "the document was cut")]
    assert len(cut) == 1 and f"of its {len(page):,} characters" in cut[0]
    # Everything before the cut is there, in order; nothing after it.
    kept = result.text.count("Paragraph ")
    assert kept > 50_000 and "Paragraph 0:" in result.text and f"Paragraph {kept - 2}:" in result.text
    assert "Paragraph 259999:" not in result.text
    # Bounded memory: the page's cut is what bounds it (about 1.2 GB at 25 M characters).
    assert grown_kb < 2 * 1024 * 1024


def test_a_huge_page_in_a_batch_times_out_and_the_batch_goes_on(tmp_path):
    paragraphs = "".join(f"<p>Paragraph {k}: {ARTICLE[k % 3]}</p>" for k in range(40_000))
    rows = [
        json.dumps({"id": "small", "html": html_page()}),
        json.dumps({"id": "huge", "html": f"<html><body><article>{paragraphs}</article></body></html>"}),
        json.dumps({"id": "after", "html": html_page()}),
    ]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    cli.main(["clean", str(source), "-o", str(out), "--timeout", "1", "-j", "1", "--no-profiles", "-q"])
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ["small", "huge", "after"]
    assert records[0]["error"] is None and records[2]["error"] is None
    assert records[1]["error"] in (None, "timeout")


# ---------------------------------------------------------------------------------------------
# XML: DOCTYPEs, entity declarations

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "&lol;") * 10}">\n' for i in range(1, 10))
    + "]>\n"
)


@pytest.mark.parametrize("as_bytes", [False, True])
@pytest.mark.parametrize("kind", ["auto", "html"])
def test_billion_laughs_does_not_expand(kind, as_bytes):
    page = LAUGHS + article(ARTICLE[0], "&lol9; &lol9;", ARTICLE[1], before='<html xmlns="http://www.w3.org/1999/xhtml"><body>')
    result = cleaner.clean(page.encode() if as_bytes else page, kind=kind)
    assert ARTICLE[0] in result.text and ARTICLE[1] in result.text
    assert result.text.count("lol") < 100
    assert len(result.text) < 2 * len(page)
    assert "ENTITY" not in result.text  # the internal subset is not page text


def test_billion_laughs_in_plain_xml_does_not_expand():
    page = LAUGHS + f"<lolz><item>&lol9;</item><item>{ARTICLE[0]}</item></lolz>"
    result = cleaner.clean(page)
    assert ARTICLE[0] in result.text
    assert len(result.text) < 2 * len(page)  # the declarations are there as text, not expanded


XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE html [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
    '<!ENTITY % param SYSTEM "file:///etc/passwd"> %param;\n]>\n'
)


@pytest.mark.parametrize("kind", ["auto", "html", "text"])
def test_external_file_entity_is_not_read(kind):
    page = XXE + article(ARTICLE[0], "Secret: &xxe; end.", ARTICLE[1], before='<html xmlns="http://www.w3.org/1999/xhtml"><body>')
    result = cleaner.clean(page, kind=kind)
    assert ARTICLE[0] in result.text
    assert "root:" not in result.text and "/bin/" not in result.text


# ---------------------------------------------------------------------------------------------
# JSONL batches


def test_jsonl_wrong_types_and_shapes_each_give_one_invalid_record(tmp_path):
    lines = [
        json.dumps({"id": "good", "html": html_page()}),
        "{not json",
        "\x00\x01garbage",
        json.dumps("a string"),
        json.dumps(42),
        json.dumps(None),
        json.dumps({"id": "list", "html": ["<p>a</p>"]}),
        json.dumps({"id": "null", "html": None}),
        json.dumps({"id": "object", "html": {"p": 1}}),
        json.dumps({"id": "bool", "text": True}),
        json.dumps({"id": "nothing"}),
        json.dumps({"id": ["not", "an", "id"], "html": html_page()}),
        '{"id": "bad-utf8", "html": "\\udc80 lone surrogate"}',
        json.dumps({"id": "last", "text": ARTICLE[2]}),
    ]
    source = write_jsonl(tmp_path / "in.jsonl", lines)
    source.write_bytes(source.read_bytes().replace(b"garbage", b"garb\xff\xfeage"))
    out = tmp_path / "out.jsonl"
    assert cli.main(["clean", str(source), "-o", str(out), "-q"]) == 1
    records = read_jsonl(out)
    assert len(records) == len(lines)
    by_id = {r["id"]: r for r in records}
    assert by_id["good"]["error"] is None and by_id["last"]["error"] is None
    assert by_id["in.jsonl:12"]["error"] is None  # an unusable id falls back to FILE:LINE
    assert by_id["bad-utf8"]["error"] is None
    for key in ("in.jsonl:2", "in.jsonl:3"):
        assert by_id[key]["error"] == "invalid_record" and "not JSON" in by_id[key]["error_detail"]
    assert "not a JSON object but a string" in by_id["in.jsonl:4"]["error_detail"]
    assert "a number" in by_id["in.jsonl:5"]["error_detail"]
    assert "null" in by_id["in.jsonl:6"]["error_detail"]
    for key, what in (("list", "an array"), ("null", "null"), ("object", "an object"), ("bool", "a boolean")):
        assert by_id[key]["error"] == "invalid_record"
        assert what in by_id[key]["error_detail"] and "not a string" in by_id[key]["error_detail"]
    assert "no 'html' or 'text' field" in by_id["nothing"]["error_detail"]


def test_jsonl_gzip_cut_short_ends_with_one_unreadable_record(tmp_path):
    lines = [json.dumps({"id": f"d{k}", "html": html_page()}) for k in range(20)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    source = tmp_path / "cut.jsonl.gz"
    source.write_bytes(data[: len(data) // 2])
    records = list(clean_records(lambda: cleaner.jsonl_records(str(source), cleaner.Fields()), jobs=1, timeout=None))
    assert records and records[-1]["error"] == "unreadable"
    assert all(r["error"] is None for r in records[:-1])


# ---------------------------------------------------------------------------------------------
# WARC batches


def _response(writer, url: str, body: bytes, content_type: str = "text/html"):
    from warcio.statusandheaders import StatusAndHeaders

    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)


def make_warc(path: Path, n: int, *, gz: bool) -> bytes:
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for k in range(n):
            writer.write_record(_response(writer, f"https://a.example.com/{k}", html_page().encode()))
    return path.read_bytes()


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("share", [0.4, 0.7, 0.97])
def test_a_truncated_warc_ends_with_one_record_saying_it_was_cut(tmp_path, gz, share):
    # Fixed: a cut WARC.gz silently dropped the record that was cut, and a cut plain WARC gave
    # that record's partial payload as if it were the whole page.
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    data = make_warc(path, 4, gz=gz)
    path.write_bytes(data[: int(len(data) * share)])
    records = list(warc_records(str(path)))
    *complete, last = records
    assert last.error == "invalid_record" and "cut short" in last.error_detail
    assert all(r.error is None and ARTICLE[0].encode() in r.data for r in complete)
    assert len(complete) < 4


def test_a_complete_warc_has_no_cut_record(tmp_path):
    for gz in (True, False):
        path = tmp_path / f"whole{gz}.warc"
        make_warc(path, 3, gz=gz)
        assert [r.error for r in warc_records(str(path))] == [None] * 3


BROKEN_HEADERS = {
    "no target uri": b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\n"
    b"Content-Length: 20\r\n\r\nHTTP/1.1 200 OK\r\n\r\nab",
    "bad length": b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://b.example.com/\r\n"
    b"Content-Type: text/html\r\nContent-Length: banana\r\n\r\n<p>x</p>",
    "no colon": b"WARC/1.0\r\nthis header has no colon\r\nWARC-Type: resource\r\nContent-Length: 3\r\n\r\nabc",
    "header cut": b"WARC/1.0\r\nWARC-Type: respo",
    "binary": b"WARC/1.0\r\n\x00\xff\xfe\x00\r\n\r\n" + bytes(range(256)),
}


@pytest.mark.parametrize("name", sorted(BROKEN_HEADERS))
def test_a_warc_record_with_broken_headers_does_not_stop_the_reader(tmp_path, name):
    # Fixed: a response record without WARC-Target-URI raised AttributeError out of the reader.
    # warcio reads some broken records leniently (a bad Content-Length, a line without a colon)
    # and ends the archive quietly at a cut or binary header: at most one record for the rest.
    path = tmp_path / "broken.warc"
    good = make_warc(tmp_path / "good.warc", 1, gz=False)
    path.write_bytes(good + BROKEN_HEADERS[name])
    records = list(warc_records(str(path)))
    assert records[0].error is None and ARTICLE[0].encode() in records[0].data
    assert len(records) <= 2
    if name == "no target uri":
        assert records[1].error == "invalid_record" and "broken WARC record" in records[1].error_detail


def test_broken_and_cut_warcs_in_one_cli_run_give_a_record_each(tmp_path):
    good = tmp_path / "good.warc.gz"
    make_warc(good, 2, gz=True)
    cut = tmp_path / "cut.warc.gz"
    data = make_warc(cut, 3, gz=True)
    cut.write_bytes(data[: len(data) * 5 // 6])  # inside the third record
    broken = tmp_path / "broken.warc"
    broken.write_bytes(BROKEN_HEADERS["no target uri"])
    out = tmp_path / "out.jsonl"
    assert cli.main(["clean", str(good), str(cut), str(broken), "--warc", "-o", str(out), "-q"]) == 1
    records = read_jsonl(out)
    errors = [r["error"] for r in records]
    assert errors[:2] == [None, None]
    assert errors.count("invalid_record") == 2 and errors[-1] == "invalid_record"
    assert any("cut short" in (r["error_detail"] or "") for r in records)


def test_clean_records_gives_one_record_per_hostile_record():
    records = [
        Record("good", html_page()),
        Record("png", BINARIES["PNG"], kind="html"),
        Record("none", None),
        Record("empty", b""),
        Record("nested", "<div>" * 50_000 + ARTICLE[0]),
        Record("laughs", LAUGHS + "<html><body><p>&lol9;</p></body></html>"),
    ]
    out = list(clean_records(records, jobs=1, timeout=None))
    assert [r["id"] for r in out] == [r.id for r in records]
    assert [r["error"] for r in out] == [None, "not_a_document", "invalid_record", None, None, None]
    assert ARTICLE[0] in out[4]["text"]


FUZZ_CASES = sorted((Path(__file__).resolve().parents[1] / "data" / "fuzz").iterdir())


def test_there_are_kept_inputs():
    assert FUZZ_CASES


@pytest.mark.parametrize("path", FUZZ_CASES, ids=[p.name for p in FUZZ_CASES])
def test_a_kept_input_keeps_every_promise(path: Path):
    check_input(path.read_bytes())
