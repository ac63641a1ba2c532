"""Turn raw input (bytes or str, maybe gzipped) into text, or say why it is not a document."""

from __future__ import annotations

import codecs
import re
import unicodedata
import zlib

from .errors import InputError

# A decompressed page larger than this is refused rather than exhausting memory.
MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024

# Magic numbers of formats that are certainly not web pages or text.
BINARY_SIGNATURES: dict[bytes, str] = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"%PDF-": "PDF document",
    b"PK\x03\x04": "zip archive",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"RIFF": "RIFF media file",
    b"\x7fELF": "ELF executable",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ\x00": "xz archive",
    b"7z\xbc\xaf\x27\x1c": "7z archive",
    b"\x00\x00\x01\x00": "icon file",
    b"OggS": "Ogg media file",
    b"wOFF": "web font",
    b"wOF2": "web font",
}

BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""")

# Share of control characters above which decoded text is judged binary.
MAX_CONTROL_SHARE = 0.05
ZERO_WIDTH_SPACE = "\u200b"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def gunzip(data: bytes) -> bytes:
    """Decompress gzip data, bounded in size; corrupt or truncated data is an InputError."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, MAX_DECOMPRESSED_BYTES + 1)
    except zlib.error as exc:
        raise InputError(f"corrupt gzip data: {exc}") from None
    if len(out) > MAX_DECOMPRESSED_BYTES:
        raise InputError(f"gzip data expands beyond {MAX_DECOMPRESSED_BYTES} bytes")
    if not decompressor.eof:
        raise InputError("truncated gzip data (the stream ends before its end marker)")
    return out


def binary_kind(data: bytes) -> str | None:
    """Name the binary format when the data starts with a known signature."""
    for magic, name in BINARY_SIGNATURES.items():
        if data.startswith(magic):
            return name
    return None


def declared_encoding(data: bytes) -> str | None:
    """The encoding a meta tag or XML declaration names, if Python knows it."""
    head = data[:8192]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


# When detection finds several encodings that read the bytes equally well (French text reads
# the same in cp1250 and cp1252 but for a few letters), the one most used on the web wins.
WEB_ENCODINGS = ("utf_8", "cp1252", "iso8859_15", "iso8859_1", "cp1251", "cp1250", "gb18030", "shift_jis", "euc_kr")
_TIE = 0.01


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is None:
        return None
    tied = [
        m for m in matches if abs(m.chaos - best.chaos) <= _TIE and abs(m.coherence - best.coherence) <= _TIE
    ]
    rank = {name: k for k, name in enumerate(WEB_ENCODINGS)}
    encoding = min(tied or [best], key=lambda m: rank.get(m.encoding, len(rank))).encoding
    return _strict(data, encoding) or data.decode(encoding, errors="replace")


# A single-byte charset decodes any bytes, so a meta charset naming the wrong one (a KOI8-R page
# that says windows-1251) is not caught by failing: its text reads as mojibake ("votИ",
# "çÏÒÏÄ"). Past this mess ratio (charset_normalizer's measure: 0.4 and 2.7 for those two, 0 for
# a right reading) detection is asked, and its reading wins when it is less than half as messy.
MAX_DECLARED_MESS = 0.1
MESS_SAMPLE_CHARS = 50_000


def _better_than_declared(data: bytes, text: str) -> str | None:
    """Detection's reading of the bytes, when the declared charset's reading is mojibake."""
    from charset_normalizer.md import mess_ratio

    if not _unusual_chars(text[:MESS_SAMPLE_CHARS]):
        return None  # ASCII reads the same in every charset
    declared_mess = mess_ratio(text[:MESS_SAMPLE_CHARS], 1.0)
    if declared_mess <= MAX_DECLARED_MESS:
        return None
    detected = _detected(data)
    if detected is None or mess_ratio(detected[:MESS_SAMPLE_CHARS], 1.0) >= declared_mess / 2:
        return None
    return detected


# A page is read as UTF-8 with its few bad bytes replaced when at least this many of its
# non-ASCII characters are valid UTF-8 for each bad byte sequence.
UTF8_GOOD_PER_BAD = 3


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (a page cut and pasted together, a truncated last character):
    read as UTF-8 with those replaced. Detection would pick a legacy charset that decodes every
    byte, turning each of the page's accented letters into two wrong ones."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = len(_unusual_chars(text)) - text.count("\ufffd")
    if bad and good >= UTF8_GOOD_PER_BAD * bad:
        return text
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes to text: BOM, then UTF-8, then the declared charset, then detection.

    Returns the text and the name of the encoding used. Valid UTF-8 wins over a declared
    charset; a declared charset that does not decode the bytes is treated as a lie and skipped.
    """
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data)
    kind = binary_kind(data)
    if kind:
        raise InputError(f"binary input: looks like a {kind}, not a web page or text")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], encoding)
            if text is not None:
                return check_text(text), encoding
    if b"\x00" in data[:4096] and data.count(b"\x00") > len(data) * MAX_CONTROL_SHARE:
        raise InputError("binary input: too many NUL bytes for text")
    # UTF-8 first: bytes with non-ASCII letters that are valid UTF-8 are almost never anything
    # else, and pages that declare a legacy charset but are written in UTF-8 are common. A
    # declared charset that does not decode the bytes either is taken as a lie and skipped.
    declared = declared_encoding(data)
    for encoding in ("utf-8", declared):
        if encoding:
            text = _strict(data, encoding)
            if text is not None:
                if encoding != "utf-8" and (better := _better_than_declared(data, text)) is not None:
                    return check_text(better), "detected"
                return check_text(text), encoding
    text = _mostly_utf8(data)
    if text is not None:
        return check_text(text), "utf-8"
    text = _detected(data)
    if text is None:
        raise InputError("undecodable bytes: no text encoding fits this input")
    return check_text(text), "detected"


# Runs of base64 or hex characters this long, with no space, are encoded data: no word is that long.
_ENCODED_RUN = re.compile(r"[A-Za-z0-9+/=_-]{1000,}")
# A text made of more than this share of such runs is data, not a document.
MAX_ENCODED_SHARE = 0.5


def check_not_encoded(text: str) -> None:
    """Refuse a text that is mostly encoded data (base64, hex). Only for text: a web page can be
    mostly inline images in data: URLs and still hold an article."""
    if len(text) < 1000:
        return
    encoded = sum(len(run) for run in _ENCODED_RUN.findall(text))
    if encoded > len(text) * MAX_ENCODED_SHARE:
        raise InputError(f"encoded data, not text: {encoded:,} of {len(text):,} characters are base64 or hex runs")


def check_text(text: str) -> str:
    """Refuse text that is mostly control characters; turn stray ones in the rest into spaces.

    A space, not nothing: "ab", a backspace, "cd" stays two words, and no control character reaches the
    output, where a short result made of one would read as binary when cleaned again.
    """
    unusual = _unusual_chars(text)
    if _CONTROL.search(unusual):  # most pages have none: skip counting and replacing them
        sample = text[:100_000]
        if sample and len(_CONTROL.findall(sample)) > len(sample) * MAX_CONTROL_SHARE:
            raise InputError("binary input: too many control characters for text")
        text = _CONTROL.sub(" ", text)
        unusual = _unusual_chars(text)
    if "\x0c" in unusual:
        # A form feed (a page break in text dumps) is a line break; XML, and so lxml, refuses it.
        text = text.replace("\x0c", "\n")
        unusual = _unusual_chars(text)
    return _drop_invisible(text, unusual)


# Printable ASCII, tab and newlines: characters drop_invisible always keeps, most of a page.
_PLAIN_ASCII = re.compile(r"[\x20-\x7e\t\n\r]+")


def _unusual_chars(text: str) -> str:
    """The text without its plain ASCII: a few characters, to be looked at one by one."""
    return _PLAIN_ASCII.sub("", text)


def printable(text: str) -> str:
    """Control characters as spaces, then drop_invisible: what check_text does to a page's own
    characters, for text decoded later (entities)."""
    return drop_invisible(_CONTROL.sub(" ", text))


def drop_invisible(text: str) -> str:
    """Make every character printable or a space, the same way on the HTML and the text path.

    Format characters (soft hyphen, zero-width joiner, bidi marks, BOM) are invisible parts of
    a word and are dropped; a zero-width space separates words and becomes a space, and so do
    unassigned, private-use and surrogate code points. The HTML extractor drops all of these;
    dropping a separator between two words there would merge them into one.
    """
    return _drop_invisible(text, _unusual_chars(text))


def _drop_invisible(text: str, unusual: str) -> str:
    """drop_invisible, given the characters of the text outside plain ASCII."""
    dropped: list[str] = []
    spaced: list[str] = []
    for char in set(unusual):
        if char.isprintable() or char.isspace():
            continue
        if unicodedata.category(char) == "Cf" and char != ZERO_WIDTH_SPACE:
            dropped.append(char)
        else:
            spaced.append(char)
    # A character class substitution is many times faster than str.translate with a dict.
    if dropped:
        text = re.sub("[" + "".join(re.escape(c) for c in dropped) + "]", "", text)
    if spaced:
        text = re.sub("[" + "".join(re.escape(c) for c in spaced) + "]", " ", text)
    return text


def to_text(data: str | bytes) -> tuple[str, str | None]:
    """Text of the input and the encoding it was decoded with (None for str input)."""
    if isinstance(data, str):
        return check_text(data), None
    if isinstance(data, (bytes, bytearray, memoryview)):
        return decode_bytes(bytes(data))
    raise InputError(f"expected str or bytes, got {type(data).__name__}")
