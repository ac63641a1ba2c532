"""Decoding raw input: gzip, binary formats, byte order marks, declared and detected charsets."""

from __future__ import annotations

import base64
import codecs
import gzip
import random

import pytest

import cleaner
from cleaner import InputError
from cleaner.read.decode import decode_bytes

FRENCH = (
    "Le conseil municipal a voté mardi un programme de plantation de douze mille arbres dans les "
    "quartiers de l'est, où la canopée est la plus faible. Ça coûte cher, mais la façade des écoles "
    "sera à l'ombre l'été prochain, a déclaré la maire."
)
GERMAN = "Der Bürgermeister sagte, die Straße würde im Frühjahr für größere Fahrzeuge gesperrt."


def page(body: str, charset: str | None = None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>Arbres</title></head>"
        f"<body><article><p>{body}</p><p>{body}</p></article></body></html>"
    )


def test_gzip_bytes_are_decompressed():
    result = cleaner.clean(gzip.compress(FRENCH.encode("utf-8")))
    assert result.text == FRENCH
    assert result.kind == "text"


def test_gzipped_html_is_decompressed():
    result = cleaner.clean(gzip.compress(page(FRENCH).encode("utf-8")))
    assert result.kind == "html"
    assert FRENCH in result.text


@pytest.mark.parametrize("cut", [10, 40, -8])
def test_truncated_gzip_is_an_input_error(cut):
    data = gzip.compress((FRENCH * 30).encode("utf-8"))[:cut]
    with pytest.raises(InputError, match="gzip"):
        cleaner.clean(data)


def test_corrupt_gzip_is_an_input_error():
    data = bytearray(gzip.compress((FRENCH * 30).encode("utf-8")))
    data[20:40] = b"\xff" * 20
    with pytest.raises(InputError, match="gzip"):
        cleaner.clean(bytes(data))


@pytest.mark.parametrize(
    "data,name",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(200)), "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(100), "zip"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(50), "JPEG"),
        (b"GIF89a\x01\x00\x01\x00" + bytes(20), "GIF"),
    ],
)
def test_binary_formats_are_input_errors_that_say_why(data, name):
    with pytest.raises(InputError) as caught:
        cleaner.clean(data)
    message = str(caught.value)
    assert name in message
    assert "binary" in message


def test_binary_inside_gzip_is_named_too():
    with pytest.raises(InputError, match="PNG"):
        cleaner.clean(gzip.compress(b"\x89PNG\r\n\x1a\n" + bytes(100)))


def test_mostly_nul_bytes_are_an_input_error():
    with pytest.raises(InputError, match="NUL|control"):
        cleaner.clean(b"\x00\x01" * 200)


def test_input_error_is_a_value_error():
    assert issubclass(InputError, ValueError)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_byte_order_marks(encoding):
    data = FRENCH.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    result = cleaner.clean(data)
    assert result.text == FRENCH
    assert "\ufeff" not in result.text


def test_bom_in_front_of_html():
    result = cleaner.clean(codecs.BOM_UTF8 + page(FRENCH).encode("utf-8"))
    assert result.kind == "html"
    assert FRENCH in result.text


@pytest.mark.parametrize("charset", ["iso-8859-1", "windows-1252", "iso-8859-15"])
def test_meta_charset_is_used(charset):
    result = cleaner.clean(page(FRENCH, charset).encode(charset))
    assert FRENCH in result.text
    assert result.metadata["encoding"] == codecs.lookup(charset).name


def test_meta_charset_for_cyrillic():
    russian = "Городской совет во вторник проголосовал за программу посадки деревьев в восточных районах."
    result = cleaner.clean(page(russian, "windows-1251").encode("cp1251"))
    assert russian in result.text


def test_lying_meta_charset_that_cannot_decode_the_bytes_is_ignored():
    # Declared UTF-8, written in cp1252: the é bytes are invalid UTF-8.
    result = cleaner.clean(page(FRENCH, "utf-8").encode("cp1252"))
    assert FRENCH in result.text


def test_lying_meta_charset_on_a_utf8_page_is_ignored():
    # Declared windows-1251, written in UTF-8: decoding as declared would give "votГ©".
    result = cleaner.clean(page(FRENCH, "windows-1251").encode("utf-8"))
    assert FRENCH in result.text
    assert result.metadata["encoding"] == "utf-8"


def test_unknown_meta_charset_is_ignored():
    result = cleaner.clean(page(FRENCH, "x-no-such-charset").encode("utf-8"))
    assert FRENCH in result.text


@pytest.mark.parametrize("text", [FRENCH, GERMAN, "Ça coûte 5 € — « naïve » façade. " + FRENCH])
def test_cp1252_bytes_without_declaration(text):
    result = cleaner.clean(text.encode("cp1252"), kind="text")
    assert result.text == text


# Undeclared Western text with a few accents or curly quotes: browsers read it as windows-1252
# (the WHATWG fallback); detection from so few bytes guessed DOS, Mac, Baltic or Chinese code
# pages ("cafķ na’ve" in cp775, "Zürich" as UTF-16).
ENGLISH_BEFORE = "The council met on Tuesday to discuss the plan for the new bridge, and residents"
ENGLISH_AFTER = "The first trees will go into the ground this autumn, the mayor told reporters."
ACCENTED_WORDS = [
    "café naïve",
    "la façade",
    "déjà vu",
    "crème brûlée",
    "über alles",
    "Bürgermeister Müller",
    "größere Häuser",
    "Zürich",
    "piñata del niño",
    "jalapeños y señor Muñoz",
]
# Bytes 0x91-0x97 in windows-1252: ‘ ’ “ ” • – —.
CURLY_QUOTES_AND_DASHES = [
    "it’s",
    "don’t",
    "a – b",
    "“fine” — said",
    "• one – two — three",
    "the so-called “green” plan",
    "a “new” deal – maybe",
]


def western_sentence(words: str) -> str:
    return f"{ENGLISH_BEFORE} called it {words}. {ENGLISH_AFTER}"


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
@pytest.mark.parametrize("words", ACCENTED_WORDS)
def test_short_undeclared_western_text_reads_as_browsers_read_it(words, codec):
    sentence = western_sentence(words)
    assert cleaner.clean(sentence.encode(codec), kind="text").text == sentence
    assert sentence in cleaner.clean(page(sentence).encode(codec)).text


@pytest.mark.parametrize("words", CURLY_QUOTES_AND_DASHES)
def test_undeclared_curly_quotes_and_dashes_read_as_windows_1252(words):
    sentence = western_sentence(words)
    assert cleaner.clean(sentence.encode("cp1252"), kind="text").text == sentence
    assert sentence in cleaner.clean(page(sentence).encode("cp1252")).text


@pytest.mark.parametrize("text", ["It’s a test.", "Don’t.", "“Yes.”", "‘Hi’"])
def test_a_few_words_in_curly_quotes_read_as_windows_1252(text):
    # Read as Big5 ("It𠐔 a test") or Cyrillic ("УYes.Ф") from two bytes.
    assert cleaner.clean(text.encode("cp1252"), kind="text").text == text


def test_the_issue_page_cafe_naive_and_nothing_else_non_ascii():
    result = cleaner.clean(page(western_sentence("café naïve")).encode("cp1252"))
    assert "café naïve" in result.text
    assert result.metadata["encoding"] == "cp1252"


SHORT_NON_LATIN = [
    ("Городской совет проголосовал за программу.", "cp1251"),
    ("Городской совет проголосовал за программу.", "koi8-r"),
    ("Καλημέρα κόσμε", "cp1253"),
    ("Το δημοτικό συμβούλιο ψήφισε το πρόγραμμα.", "iso-8859-7"),
    ("こんにちは、世界。", "shift_jis"),
    ("你好世界", "gb2312"),
    ("市议会周二投票通过了一项计划。", "gb2312"),
    ("市議會週二投票通過了一項計劃。", "big5"),
    ("시의회는 화요일 계획을 승인했다.", "euc-kr"),
    ("وافق المجلس على الخطة يوم الثلاثاء.", "cp1256"),
]


@pytest.mark.parametrize(("text", "codec"), SHORT_NON_LATIN)
def test_short_undeclared_non_latin_text_is_still_detected(text, codec):
    # Eight bytes or more of Cyrillic, Greek, CJK or Arabic read as windows-1252 are mojibake:
    # the evidence is strong enough for detection to win.
    assert cleaner.clean(text.encode(codec), kind="text").text == text
    result = cleaner.clean(page(text).encode(codec))
    assert text in result.text and result.metadata["encoding"] == "detected"


def test_detection_sees_the_text_after_a_long_ascii_head():
    # The first 200 KB of a page were detection's sample: all-ASCII script there left it guessing,
    # and the article after it came out as "�".
    script = "<script>" + "var settings = {a: 1};\n" * 12_000 + "</script>"
    chinese = "市议会周二投票通过了一项为期十年的计划，将在东部地区种植一万二千棵行道树。"
    html = f"<html><head><title>T</title>{script}</head><body><p>{chinese}</p></body></html>"
    assert len(html) > 250_000
    assert chinese in cleaner.clean(html.encode("gb18030")).text


def test_symbols_on_an_english_page_are_not_read_as_cyrillic():
    # Detection read this page as DOS Cyrillic: "Crusherо", "18 ╫ 16", "CircleЩ", "shippingТs",
    # letters standing alone among ASCII, which no Cyrillic text has.
    product = [
        "The Crusher® ANC 2 headphones fold flat and measure 18 × 16 × 8 cm.",
        "Target Circle™ members save 5% — and shipping’s free over 35 dollars.",
        "Battery: 40 hours · Charging: USB-C · Weight: 310 g",
        "Returns within 30 days under § 4 of our terms; see “Returns” below.",
        "© 2025 Skullcandy Inc. All rights reserved.",
        "Rated 4½ stars by 2,000 reviewers.",
    ]
    body = "".join(f"<p>{line}</p>" for line in product)
    html = f"<html><head><title>Crusher ANC 2</title></head><body>{body}</body></html>"
    assert decode_bytes(html.encode("cp1252")) == (html, "cp1252")


def test_a_page_labelled_iso_8859_1_uses_windows_1252_quotes():
    # WHATWG: the label iso-8859-1 means windows-1252; ISO-8859-1 reads 0x92 as a control (a space).
    sentence = "The council’s plan won’t cover private land — it’s “a start”, the mayor said."
    result = cleaner.clean(page(sentence, "iso-8859-1").encode("cp1252"))
    assert sentence in result.text
    assert result.metadata["encoding"] == "cp1252"


@pytest.mark.parametrize("data", [b"", "", "   \n\n\t  ", b"\n\n"])
def test_empty_input_is_empty_text_not_an_error(data):
    result = cleaner.clean(data)
    assert result.text == ""
    assert result.removed == []
    assert result.notes


@pytest.mark.parametrize("kind", ["html", "text"])
def test_empty_input_of_either_kind(kind):
    result = cleaner.clean(b"", kind=kind)
    assert result.text == ""
    assert result.kind == kind


def test_stray_control_characters_become_spaces():
    result = cleaner.clean(
        "The council\x08voted on Tuesday to fund a programme of street trees.", kind="text"
    )
    assert result.text == "The council voted on Tuesday to fund a programme of street trees."


def test_soft_hyphens_and_zero_width_characters():
    text = "Die Stadt\u00adverwaltung plant\u200beinen neuen Park am\ufeff Fluss."
    result = cleaner.clean(text, kind="text")
    assert result.text == "Die Stadtverwaltung plant einen neuen Park am Fluss."


def test_lone_surrogates_do_not_escape():
    result = cleaner.clean("Trees\ud800 for every street in the city, the council said.", kind="text")
    result.text.encode("utf-8")  # would raise on a lone surrogate


def test_str_and_utf8_bytes_agree():
    assert cleaner.clean(FRENCH).text == cleaner.clean(FRENCH.encode("utf-8")).text


def test_bad_kind_is_a_value_error_not_input_error():
    with pytest.raises(ValueError) as caught:
        cleaner.clean("text", kind="pdf")
    assert not isinstance(caught.value, InputError)


def test_non_document_types_are_input_errors():
    with pytest.raises(InputError):
        cleaner.clean(12345)  # type: ignore[arg-type]


def test_base64_junk_given_as_text_is_an_input_error_that_says_so():
    junk = base64.b64encode(random.Random(2).randbytes(30_000))
    for kind in ("auto", "text"):
        with pytest.raises(InputError, match="encoded data"):
            cleaner.clean(junk, kind=kind)


def test_text_without_spaces_in_a_script_without_them_is_not_encoded_data():
    chinese = "這是一個很長的中文句子，沒有空格。" * 2000
    assert cleaner.clean(chinese, kind="text").text


def test_a_text_with_one_encoded_blob_is_still_a_text():
    prose = "The council met on Monday to discuss the plan for the new bridge. " * 100
    blob = base64.b64encode(random.Random(3).randbytes(2_000)).decode()
    assert "The council met" in cleaner.clean(prose + "\n\n" + blob, kind="text").text


def test_a_page_made_mostly_of_inline_images_is_still_a_page():
    image = base64.b64encode(random.Random(4).randbytes(200_000)).decode()
    page = (
        f'<html><body><img src="data:image/png;base64,{image}">'
        "<p>The council met on Monday to discuss the plan for the new bridge over the river.</p></body></html>"
    )
    assert "The council met" in cleaner.clean(page).text


def test_base64_junk_given_as_a_page_without_markup_is_an_input_error():
    junk = base64.b64encode(random.Random(5).randbytes(30_000))
    with pytest.raises(InputError, match="encoded data"):
        cleaner.clean(junk, kind="html")


LYING_FRENCH = (
    "Le conseil a voté mardi pour financer un programme d’arbres. Les résidents réclamaient de "
    "l’ombre depuis des années, a déclaré la maire à la réunion."
)
LYING_RUSSIAN = (
    "Городской совет во вторник проголосовал за финансирование программы посадки деревьев вдоль "
    "проспекта. Жители давно просили тени."
)


@pytest.mark.parametrize(
    ("text", "written_in", "declared"),
    [
        (LYING_FRENCH, "cp1252", "koi8-r"),
        (LYING_RUSSIAN, "koi8-r", "windows-1252"),
        (LYING_RUSSIAN, "koi8-r", "windows-1251"),
        (LYING_RUSSIAN, "windows-1251", "koi8-r"),
    ],
)
def test_a_meta_charset_naming_the_wrong_legacy_charset_is_overruled(text, written_in, declared):
    # Any single-byte charset decodes the bytes: the lie shows only as mojibake.
    page = f'<html><head><meta charset="{declared}"></head><body><p>{text}</p><p>{text}</p></body></html>'
    result = cleaner.clean(page.encode(written_in))
    assert text in result.text
    assert result.metadata["encoding"] == "detected"


def test_a_right_legacy_meta_charset_is_kept():
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{LYING_FRENCH}</p></body></html>'
    result = cleaner.clean(page.encode("cp1252"))
    assert LYING_FRENCH in result.text and result.metadata["encoding"] == "cp1252"
