"""Turn raw input (bytes or str, maybe gzipped) into text, or say why it is not a document."""

from __future__ import annotations

import codecs
import re
import unicodedata
import zlib
from typing import TYPE_CHECKING

from ..model.errors import InputError

if TYPE_CHECKING:
    from charset_normalizer import CharsetMatch

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

# What browsers read a page in when nothing declares its encoding and the evidence for another is
# thin: the WHATWG fallback for most locales (HTML standard, "determining the character encoding").
BROWSER_DEFAULT = "cp1252"

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""")

# Share of control characters above which decoded text is judged binary.
MAX_CONTROL_SHARE = 0.05
ZERO_WIDTH_SPACE = "\u200b"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


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
    """The encoding a meta tag or XML declaration names, if Python knows it, read as browsers read it."""
    head = data[:8192]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        encoding = codecs.lookup(name).name
    except LookupError:
        return None
    return _as_browsers_read(encoding, data)


# The WHATWG Encoding Standard makes the labels iso-8859-1, latin1 and us-ascii mean windows-1252:
# pages so labelled were mostly written on Windows, with its curly quotes and dashes in bytes
# 0x80-0x9f, which ISO-8859-1 reads as invisible control characters ("It s" for "It’s").
_WINDOWS_1252_LABELS = frozenset({"iso8859-1", "ascii"})
_C1_BYTES = re.compile(rb"[\x80-\x9f]")


def _as_browsers_read(encoding: str, data: bytes) -> str:
    """windows-1252 for a page labelled ISO-8859-1 or ASCII that uses its extra characters; the
    label's own name otherwise (the two read every other byte alike)."""
    if encoding in _WINDOWS_1252_LABELS and _C1_BYTES.search(data):
        return BROWSER_DEFAULT
    return encoding


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


# The legacy encodings a browser's detector chooses among: the WHATWG Encoding Standard's, less
# those that were never a browser locale's default (macintosh, x-mac-cyrillic, ISO-8859-3, -10,
# -14, -15, -16). Left to try every code page Python has, charset_normalizer picks DOS and Mac ones
# for Western text ("cafķ" in cp775, "gťnťrť" in mac_latin2, Finnish in macintosh). windows-1258
# is left out too: Python reads its Vietnamese tone marks as combining characters, which
# charset_normalizer scores as coherent Italian or Catalan ("può" as "pụ", "còpia" as "c̣pia"),
# and Vietnamese pages were written in VNI or TCVN3 fonts, then UTF-8, rarely in it. WHATWG's
# Shift_JIS, EUC-KR, GBK and Big5 are these supersets: cp932, cp949, gb18030, big5hkscs.
# Commonest on the web first: when several read the bytes equally well (French reads the same in
# cp1250 and cp1252 but for a few letters), the first wins.
DETECTABLE_ENCODINGS = (
    "cp1252", "cp1251", "cp1250", "gb18030", "cp932", "cp949", "euc_jp", "big5hkscs", "iso8859_2",
    "cp1256", "cp1254", "cp1253", "cp1255", "cp1257", "cp874", "koi8_r", "koi8_u", "iso8859_7",
    "iso8859_5", "iso8859_6", "iso8859_8", "iso8859_4", "iso8859_13", "cp866",
)  # fmt: skip
_TIE = 0.01


def _detected(data: bytes) -> str | None:
    """charset_normalizer's reading of the bytes, among the encodings browsers detect."""
    from charset_normalizer import from_bytes

    matches = from_bytes(_detection_sample(data), cp_isolation=list(DETECTABLE_ENCODINGS))
    best = matches.best()
    if best is None:
        return None
    tied = [m for m in matches if _tied(m, best)]
    rank = {name: k for k, name in enumerate(DETECTABLE_ENCODINGS)}
    encoding = min(tied or [best], key=lambda m: rank.get(m.encoding, len(rank))).encoding
    return _strict(data, encoding) or data.decode(encoding, errors="replace")


# Detection reads at most about this many bytes. A longer page is sampled by the stretches of it
# between two tags that hold non-ASCII bytes (a paragraph's text, a title): the first 200 KB of a
# modern page are often all-ASCII scripts and styles, and detection shown only those guessed from
# nothing (and read the text after them as "�").
DETECTION_SAMPLE_BYTES = 200_000
# "<" (0x3c) is never part of a character in the detectable encodings (their bytes after the first
# are digits or 0x40 and above), so stretches split there hold whole characters.
_BETWEEN_TAGS = re.compile(rb"[^<]+")


def _detection_sample(data: bytes) -> bytes:
    """The bytes detection reads: all of a short page, the non-ASCII stretches of a long one."""
    if len(data) <= DETECTION_SAMPLE_BYTES:
        return data
    stretches: list[bytes] = []
    size = 0
    for match in _BETWEEN_TAGS.finditer(data):
        stretch = match.group()
        if stretch.isascii():
            continue
        if stretches and size + len(stretch) > DETECTION_SAMPLE_BYTES:
            break
        stretches.append(stretch)
        size += len(stretch) + 1
    return b"<".join(stretches)


def _tied(match: CharsetMatch, best: CharsetMatch) -> bool:
    """Two readings as good as each other, by charset_normalizer's measures. Readings that use the
    bytes differently (one pairs them into Chinese characters, the other reads them one by one) are
    never tied: charset_normalizer already prefers the one that pairs more, and rightly."""
    return (
        abs(match.chaos - best.chaos) <= _TIE
        and abs(match.coherence - best.coherence) <= _TIE
        and abs(match.multi_byte_usage - best.multi_byte_usage) <= _TIE
    )


# Below this many non-ASCII bytes, detection picks a code page from a handful of letters. On real
# sentences in 28 languages (the machine's gettext catalogs, undeclared, 5,760 samples), it misread
# 30 of the 778 Western samples with 1-5 such bytes, windows-1252 none; from 6 bytes on detection
# reads 1,275 of 1,302 Western samples right. Other Latin-script languages (Polish, Czech,
# Turkish...) lose with the default (91 against 142 of 298 right), and Cyrillic, Greek and CJK
# samples that short lose 1 of 12: the trade browsers make, most legacy pages being Western.
MIN_DETECTION_EVIDENCE = 6
_ASCII_BYTES = bytes(range(128))


def _thin_evidence(data: bytes) -> bool:
    """Too few non-ASCII bytes for detection to tell code pages apart."""
    return len(data.translate(None, _ASCII_BYTES)) < MIN_DETECTION_EVIDENCE


# The windows-1252 reading reads well up to this mess ratio (charset_normalizer's), and is then
# kept for thin evidence. Western text scores up to 0.2 (a ™ or ® glued to a word counts as mess);
# Cyrillic, Greek, Thai or CJK bytes read as windows-1252 ("Ïðèâåò" for "Привет") score 0.4 to
# 1.5, and Polish ones often more than 0.3 ("Za¿ó³æ"): those go to detection.
MAX_DEFAULT_MESS = 0.3


# Detection may take a Western page's curly quotes, accents and symbols for letters of another
# script, which then stand alone among ASCII: "you’ve" as "you𠐔e", "© 2025" as "ฉ 2025", a close
# button's "×" as "Ч". Real Cyrillic, Greek, Thai or CJK text has its letters in runs. Of the
# characters detection reads differently from windows-1252, at most 17% are such lone letters in
# its right readings of 2,614 samples in 28 languages (short Korean and Chinese messages among
# English words), and up to all in wrong ones; past this share the reading is a misreading.
MAX_SHARE_OF_LONE_FOREIGN_LETTERS = 0.3
_NON_ASCII_CHAR = re.compile(r"[^\x00-\x7f]")
# Characters no right reading of a legacy encoding gives: C1 controls (ISO-8859-x reading
# windows-1252's quotes and dashes), private-use characters (Shift_JIS reading a no-break space),
# and the replacement character (charset_normalizer judges from parts of the bytes, and its pick
# may fail on a byte elsewhere: "—" read as big5 "�").
_IMPOSSIBLE_CHARS = re.compile("[\x80-\x9f\ue000-\uf8ff\ufffd]")


def _misread(detected: str, default: str) -> bool:
    """Signs that detection's reading is wrong and windows-1252's better: letters of another script
    standing alone among ASCII, or characters no right reading gives where windows-1252 reads well."""
    if _IMPOSSIBLE_CHARS.search(_unusual_chars(detected)) and _mess(default) <= MAX_DEFAULT_MESS:
        return True
    changed = _changed_positions(detected, default)
    lone = sum(1 for i in changed if _lone_foreign_letter(detected, i))
    return lone > MAX_SHARE_OF_LONE_FOREIGN_LETTERS * len(changed)


def _changed_positions(detected: str, default: str) -> list[int]:
    """Where detection's reading differs from windows-1252's: compared character by character for
    a single-byte encoding (one character per byte in both), all its non-ASCII characters else."""
    if len(detected) == len(default):
        return [m.start() for m in _NON_ASCII_CHAR.finditer(default) if detected[m.start()] != m.group()]
    return [m.start() for m in _NON_ASCII_CHAR.finditer(detected)]


def _lone_foreign_letter(text: str, i: int) -> bool:
    """The character at i is a letter of a non-Latin script with ASCII (or nothing) on both sides."""
    char = text[i]
    return (
        char.isalpha()
        and not unicodedata.name(char, "").startswith("LATIN")
        and (i == 0 or text[i - 1].isascii())
        and (i + 1 == len(text) or text[i + 1].isascii())
    )


def _undeclared(data: bytes) -> tuple[str, str]:
    """What browsers do with bytes no label fits: windows-1252 when the evidence for anything else
    is thin and it reads well, or when detection's reading is a misreading; detection's reading
    otherwise. Returns the text and the encoding."""
    default = _strict(data, BROWSER_DEFAULT)
    if default is not None and _thin_evidence(data) and _mess(default) <= MAX_DEFAULT_MESS:
        return default, BROWSER_DEFAULT
    detected = _detected(data)
    if detected is not None and not (default is not None and _misread(detected, default)):
        return detected, "detected"
    if default is not None:
        return default, BROWSER_DEFAULT
    raise InputError("undecodable bytes: no text encoding fits this input")


# A single-byte charset decodes any bytes, so a meta charset naming the wrong one (a KOI8-R page
# that says windows-1251) is not caught by failing: its text reads as mojibake ("votИ",
# "çÏÒÏÄ"). Past this mess ratio (charset_normalizer's measure: 0.4 and 2.7 for those two, 0 for
# a right reading) detection is asked, and its reading wins when it is less than half as messy.
MAX_DECLARED_MESS = 0.1
MESS_SAMPLE_CHARS = 50_000


def _mess(text: str) -> float:
    """charset_normalizer's mess ratio of the text's start: 0 for a right reading, more for mojibake."""
    from charset_normalizer.md import mess_ratio

    return mess_ratio(text[:MESS_SAMPLE_CHARS], 1.0)


def _better_than_declared(data: bytes, text: str) -> str | None:
    """Detection's reading of the bytes, when the declared charset's reading is mojibake."""
    if not _unusual_chars(text[:MESS_SAMPLE_CHARS]):
        return None  # ASCII reads the same in every charset
    declared_mess = _mess(text)
    if declared_mess <= MAX_DECLARED_MESS:
        return None
    detected = _detected(data)
    if detected is None or _mess(detected) >= declared_mess / 2:
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
    """Decode bytes to text as browsers do: BOM, then UTF-8, then the declared charset, then
    windows-1252 or, when the bytes give enough evidence, detection.

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
    for charset in ("utf-8", declared):
        if charset:
            text = _strict(data, charset)
            if text is not None:
                if charset != "utf-8" and (better := _better_than_declared(data, text)) is not None:
                    return check_text(better), "detected"
                return check_text(text), charset
    text = _mostly_utf8(data)
    if text is not None:
        return check_text(text), "utf-8"
    text, encoding = _undeclared(data)
    return check_text(text), encoding


# Runs of base64 or hex characters this long, with no space, are encoded data: no word is that long.
ENCODED_RUN_CHARS = 1000
_RUN = re.compile(r"[A-Za-z0-9+/=_-]*")
# A text made of more than this share of such runs is data, not a document.
MAX_ENCODED_SHARE = 0.5


def check_not_encoded(text: str) -> None:
    """Refuse a text that is mostly encoded data (base64, hex). Only for text: a web page can be
    mostly inline images in data: URLs and still hold an article."""
    if len(text) < ENCODED_RUN_CHARS:
        return
    encoded = sum(end - start for start, end in encoded_runs(text))
    if encoded > len(text) * MAX_ENCODED_SHARE:
        raise InputError(f"encoded data, not text: {encoded:,} of {len(text):,} characters are base64 or hex runs")


def encoded_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each longest run of ENCODED_RUN_CHARS or more base64 or hex characters.

    Such a run covers one of the probes, every ENCODED_RUN_CHARS characters: it is looked for
    around them only. A regex scan for the runs tried again at every character of every word.
    """
    n = ENCODED_RUN_CHARS
    runs: list[tuple[int, int]] = []
    for probe in range(n - 1, len(text), n):
        if runs and probe < runs[-1][1]:
            continue  # inside the run just found
        end = _match_end(text, probe, len(text))
        low = end - n  # a run long enough holds [low, end)
        if end == probe or low < 0 or (low < probe and _match_end(text, low, probe) < probe):
            continue
        # It starts after the probe before (which would have found it), at most at low.
        floor = max(probe - n + 1, 0)
        back = _match_end(text[floor:low][::-1], 0, low - floor)
        runs.append((low - back, end))
    return runs


def _match_end(text: str, start: int, stop: int) -> int:
    """Where the run of base64 or hex characters from start (and before stop) ends."""
    return _RUN.match(text, start, stop).end()  # type: ignore[union-attr]  # * always matches


def check_text(text: str) -> str:
    """Refuse text that is mostly control characters; turn stray ones in the rest into spaces.

    A space, not nothing: "ab", a backspace, "cd" stays two words, and no control character reaches the
    output, where a short result made of one would read as binary when cleaned again.
    """
    unusual = _unusual_chars(text)
    if CONTROL.search(unusual):  # most pages have none: skip counting and replacing them
        sample = text[:100_000]
        if sample and len(CONTROL.findall(sample)) > len(sample) * MAX_CONTROL_SHARE:
            raise InputError("binary input: too many control characters for text")
        text = CONTROL.sub(" ", text)
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
    return drop_invisible(CONTROL.sub(" ", text))


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
