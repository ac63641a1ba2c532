"""Where documents come from: files, JSONL and WARC archives, each read lazily as Records.

Every readable unit of input becomes exactly one Record: a file, a non-blank JSONL line, a
WARC response / resource / conversion record with an HTML or text payload. What cannot be
read (a missing file, a line that is not JSON, a WARC record with broken headers, a file
that is not a WARC at all) becomes a Record marked with its error, so the run still writes
one output record for it.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from .records import INVALID_RECORD, UNREADABLE, Fields, Record, record_from_mapping

STDIN = "-"
UTF8_BOM = b"\xef\xbb\xbf"
# The error of a JSONL file's first line that is markup: the file is not JSONL (never written out:
# the whole file becomes one invalid record).
MARKUP = "markup"
# The names of JSONL files, and the extensions of compressed files that may follow them.
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
COMPRESSED_EXTENSIONS = (".gz", ".bz2", ".zst", ".lz4")

# WARC record types that carry a document: a crawler's response, a stored resource, and a
# conversion (WET files: the page as text).
WARC_DOCUMENT_TYPES = ("response", "resource", "conversion")

# How an archive begins: a WARC record's version line, an ARC file's version block, or (an ARC
# without one) an ARC record's header line: URL, IP address, 14-digit date, content type, length.
ARCHIVE_STARTS = (b"WARC/", b"filedesc://")
ARC_RECORD_HEADER = re.compile(rb"\S+ \S+ \d{14} \S+ \d+")
# Bytes read from the start of a WARC input to tell whether it is one (gzipped or not).
ARCHIVE_HEAD_BYTES = 16 * 1024


@dataclass(frozen=True)
class Input:
    """One input file: where it is read from and the name it has under OUTDIR."""

    path: str  # a file path, or "-" for stdin
    relative: str  # path relative to the common base of all inputs, "/"-separated

    @property
    def label(self) -> str:
        return "<stdin>" if self.path == STDIN else self.path


def _open_binary(path: str) -> BinaryIO:
    """A file (gunzipped when it is gzip) or stdin, for reading line by line."""
    if path == STDIN:
        return sys.stdin.buffer
    handle = open(path, "rb")  # noqa: SIM115 -- closed by the caller
    if handle.peek(2)[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=handle)  # type: ignore[return-value]
    return handle


# ---------------------------------------------------------------------------------------------
# Files


def file_records(
    inputs: list[Input], read: Callable[[Input], bytes | str], kind_of: Callable[[Input], str]
) -> Iterator[Record]:
    """One Record per input file, id = its relative name, read when the record is reached; a
    file that cannot be read is an unreadable record."""
    for item in inputs:
        try:
            data = read(item)
        except OSError as exc:
            yield Record(item.relative, None, error=UNREADABLE, error_detail=exc.strerror or str(exc))
            continue
        yield Record(item.relative, data, kind=kind_of(item))


# ---------------------------------------------------------------------------------------------
# JSONL


def jsonl_records(path: str, fields: Fields) -> Iterator[Record]:
    """One Record per non-blank line of a JSONL file (gzipped or not, or stdin).

    A record's id is its id field, else "NAME:LINE". A line that is not JSON, or lacks the
    page, is an invalid record; a file that cannot be read is one unreadable record.

    A file that begins with markup, or none of whose lines is a JSON object, is not JSONL (a
    page given with --jsonl, say): its lines are not documents, so it is one invalid record
    ("NAME:0") saying so, not one per line of markup. (A page's lines may hold JSON objects of
    its own, WordPress's speculation rules for one: its first line tells it apart, as no JSONL
    line begins with "<".) Bad lines before the first object wait for it to show the file is
    JSONL (they are records with no data: they hold little).
    """
    name = "stdin" if path == STDIN else os.path.basename(path)
    held: list[Record] = []
    is_jsonl = False
    for record, is_object in _line_records(path, name, fields):
        if record.error == MARKUP:
            yield not_jsonl_record(path, name, record.error_detail or "")
            return
        if is_object and not is_jsonl:
            is_jsonl = True
            yield from held
            held.clear()
        if is_jsonl:
            yield record
        elif record.error == UNREADABLE:  # the file ends here, unread
            yield from _held_lines(held, path, name)
            held.clear()
            yield record
        else:
            held.append(record)
    yield from _held_lines(held, path, name)


def _held_lines(held: list[Record], path: str, name: str) -> Iterator[Record]:
    """The records of a file's lines when no line of it is a JSON object: one for the file."""
    if held:
        yield not_jsonl_record(path, name, f"no line is a JSON object ({held[0].error_detail})")


def not_jsonl_record(path: str, name: str, why: str) -> Record:
    """The one record of a file given as JSONL that is not (its lines are not documents)."""
    return Record(
        f"{name}:0", None, error=INVALID_RECORD,
        error_detail=(
            f"{path}: not a JSONL file: {why}, so its lines are not documents and the whole file is this one "
            "record (a page is cleaned as a file, without --jsonl)"
        ),
    )


def _line_records(path: str, name: str, fields: Fields) -> Iterator[tuple[Record, bool]]:
    """A Record for each non-blank line of a JSONL file, with whether the line is a JSON object."""
    try:
        handle = _open_binary(path)
    except OSError as exc:
        yield Record(f"{name}:0", None, error=UNREADABLE, error_detail=f"{path}: {exc.strerror or exc}"), False
        return
    number = 0
    first = True
    try:
        while True:
            try:
                line = handle.readline()
            except (OSError, EOFError) as exc:  # a truncated or corrupt gzip stream
                yield Record(f"{name}:{number + 1}", None, error=UNREADABLE, error_detail=f"{path}: {exc}"), False
                return
            if not line:
                return
            number += 1
            if not line.strip():
                continue
            if first and (markup := markup_start(line)):
                yield Record(f"{name}:0", None, error=MARKUP, error_detail=markup), False
                return
            first = False
            yield line_record(line, fields, f"{name}:{number}", f"line {number} is not JSON")
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


def markup_start(line: bytes) -> str | None:
    """What a JSONL file's first non-blank line says when it is markup (no JSONL line begins with
    "<"): the file is a page, not JSONL. None for any other line."""
    if not line.lstrip(UTF8_BOM + b" \t").startswith(b"<"):
        return None
    return f"it begins with markup ({line.strip()[:40].decode('utf-8', 'replace')!r})"


def line_record(line: bytes | str, fields: Fields, default_id: str, not_json: str = "not JSON") -> tuple[Record, bool]:
    """The Record of one JSONL line, with whether the line is a JSON object; a line that is not
    JSON is an invalid record whose detail begins with `not_json`. (The local reader and the
    Ray engine's both read lines with it.)"""
    try:
        obj = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        return Record(default_id, None, error=INVALID_RECORD, error_detail=f"{not_json}: {exc}"), False
    return record_from_mapping(obj, fields, default_id), isinstance(obj, Mapping)


def is_jsonl_name(name: str) -> bool:
    """Whether a file name says JSONL (.jsonl, .ndjson), compressed or not."""
    name = name.lower().rstrip("/")
    for suffix in COMPRESSED_EXTENSIONS:
        name = name.removesuffix(suffix)
    return name.endswith(JSONL_EXTENSIONS)


# ---------------------------------------------------------------------------------------------
# WARC


@dataclass
class WarcCounts:
    """What a WARC read skipped: records that are not documents (requests, metadata, images)."""

    skipped: int = 0


def warc_records(path: str, counts: WarcCounts | None = None) -> Iterator[Record]:
    """One Record per document record of a WARC / WARC.gz file (or stdin), read with warcio.

    Response records give their HTTP payload (chunked and content encodings undone), resource
    and conversion records theirs; only HTML and text payloads are documents: every other
    record (requests, metadata, images...) is counted in `counts.skipped`. A record whose
    headers cannot be parsed ends the file's reading with one invalid record saying where (a
    WARC cannot be resynchronised safely); a file that is not a WARC is one invalid record.
    """
    counts = counts if counts is not None else WarcCounts()
    name = "stdin" if path == STDIN else os.path.basename(path)
    try:
        handle = sys.stdin.buffer if path == STDIN else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        yield Record(f"{name}@0", None, error=UNREADABLE, error_detail=f"{path}: {exc.strerror or exc}")
        return
    try:
        head = handle.read(ARCHIVE_HEAD_BYTES)
        problem = not_an_archive(head)
        if problem is not None:
            # warcio would read such a file as records with made-up headers, or fail deep inside.
            yield Record(f"{name}@0", None, error=INVALID_RECORD, error_detail=f"{path}: {problem}")
        else:
            yield from _archive_records(_Replayed(head, handle), name, counts)
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


def not_an_archive(head: bytes) -> str | None:
    """Why a stream that begins with `head` is not a WARC or ARC archive (gzipped or not); None
    when it is one, or may be (an empty stream, a gzip stream too broken to tell: the reader
    says what is wrong with those)."""
    start = _gunzipped_start(head)
    if start is None or any(magic.startswith(start.strip()) for magic in ARCHIVE_STARTS):
        return None  # too broken to tell, empty, or cut inside its first word: the reader says so
    first_line = start.lstrip().split(b"\n", 1)[0].rstrip()
    if first_line.startswith(ARCHIVE_STARTS) or ARC_RECORD_HEADER.fullmatch(first_line):
        return None
    shown = first_line[:60].decode("utf-8", "replace") + ("…" if len(first_line) > 60 else "")
    return f"not a WARC or ARC archive: it begins {shown!r}, where a WARC begins 'WARC/'"


def _gunzipped_start(head: bytes) -> bytes | None:
    """The first bytes of the stream's content: gunzipped when it is gzip (None when that fails)."""
    if not head.startswith(b"\x1f\x8b"):
        return head
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, ARCHIVE_HEAD_BYTES)
    except zlib.error:
        return None


class _Replayed:
    """A stream whose first bytes were read to see what it is: they are read again, then the
    rest (stdin cannot seek back)."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self.head, self.rest = head, rest

    def read(self, size: int = -1) -> bytes:
        if not self.head:
            return self.rest.read(size)
        if size is None or size < 0:
            data, self.head = self.head + self.rest.read(), b""
        else:
            data, self.head = self.head[:size], self.head[size:]
        return data


def _archive_records(stream: _Replayed, name: str, counts: WarcCounts) -> Iterator[Record]:
    """The document records of an archive read with warcio (see warc_records)."""
    iterator = _archive_iterator(stream)
    records = iter(iterator)
    while True:
        offset = _offset(iterator)
        try:
            warc = next(records)
        except StopIteration:
            if iterator.cut:
                yield _cut_record(name, _offset(iterator))
            return
        except Exception as exc:  # noqa: BLE001 -- warcio fails in many ways on broken headers
            yield Record(
                f"{name}@{offset}", None, error=INVALID_RECORD,
                error_detail=f"broken WARC record at byte {offset}: {str(exc).strip() or type(exc).__name__}",
            )
            return
        record = _warc_document(warc, name, offset) if warc.rec_type in WARC_DOCUMENT_TYPES else None
        if record is None:  # a request, metadata, warcinfo, or a payload that is not a page
            counts.skipped += 1
            continue
        yield record
        if record.error == INVALID_RECORD and _ends_early(warc):
            return  # the archive was cut inside this record: nothing follows it


class _CutNoticingIterator(ArchiveIterator):
    """warcio's ArchiveIterator, noting whether a gzipped archive ends inside a gzip member.

    warcio reads a WARC.gz cut short as if it ended there, dropping the record that was cut
    without a word; the gzip stream's end marker is missing then, which this notes on close.
    """

    cut = False

    def close(self) -> None:
        decompressor = self.reader.decompressor if self.reader else None
        if decompressor is not None and getattr(decompressor, "eof", True) is False:
            self.cut = True
        super().close()


def _archive_iterator(handle) -> _CutNoticingIterator:
    return _CutNoticingIterator(handle, arc2warc=True)


def _cut_record(name: str, offset: int) -> Record:
    return Record(
        f"{name}@{offset}", None, error=INVALID_RECORD,
        error_detail=f"the archive is cut short: it ends inside the record at byte {offset} (truncated file)",
    )


def _ends_early(warc) -> bool:
    """Whether a record's block ends before its Content-Length: the archive was cut inside it."""
    raw = warc.raw_stream
    try:
        while raw.read(1 << 16):
            pass
    except Exception:  # noqa: BLE001 -- a stream that fails to read is cut too
        return True
    return getattr(raw, "limit", 0) > 0


def _offset(iterator) -> int:
    """Where the next record starts (only for messages)."""
    offset = getattr(iterator, "offset", -1)
    return offset if isinstance(offset, int) else -1


def _warc_document(warc, name: str, offset: int) -> Record | None:
    headers = warc.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or f"{name}@{offset}").strip("<>")
    url = headers.get_header("WARC-Target-URI") or None
    source: dict[str, object] = {}
    date = headers.get_header("WARC-Date")
    if date:
        source["warc_date"] = date
    http_headers = warc.http_headers
    if warc.rec_type == "response" and http_headers is None and _carries_http(headers):
        # warcio reads the HTTP headers of http(s) targets only; others (urn:, a made-up id)
        # still carry them in the block.
        http_headers = _read_http_headers(warc)
    if warc.rec_type == "response" and http_headers is not None:
        status = http_headers.get_statuscode()
        if status and status.isdigit():
            source["http_status"] = int(status)
        content_type = http_headers.get_header("Content-Type") or ""
    else:
        content_type = headers.get_header("Content-Type") or ""
    kind = _kind_of_content_type(content_type)
    if kind is None:
        return None
    try:
        data = warc.content_stream().read()
    except Exception as exc:  # noqa: BLE001 -- a broken payload (bad chunking, bad gzip) is one record's error
        return Record(record_id, None, url=url, error=INVALID_RECORD, error_detail=f"unreadable WARC payload: {exc}", source=source)
    if _ends_early(warc):
        # A payload cut short would be cleaned as if it were the whole page.
        detail = "the archive is cut short: it ends inside this record, whose payload is incomplete"
        return Record(record_id, None, url=url, error=INVALID_RECORD, error_detail=detail, source=source)
    return Record(record_id, data, url=url, kind=kind, source=source)


def _carries_http(headers) -> bool:
    return (headers.get_header("Content-Type") or "").lower().startswith("application/http")


def _read_http_headers(warc):
    from warcio.statusandheaders import StatusAndHeadersParser, StatusAndHeadersParserException

    try:
        return StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"], verify=False).parse(warc.raw_stream)
    except (StatusAndHeadersParserException, ValueError, OSError, EOFError):  # EOFError: an empty block
        return None


def _kind_of_content_type(content_type: str) -> str | None:
    """html / text / auto for the payloads that are documents; None for the rest (images, ...)."""
    media = content_type.split(";", 1)[0].strip().lower()
    if not media:
        return "auto"
    if "html" in media or media in ("application/xml", "text/xml"):
        return "html"
    if media == "text/plain":
        return "text"
    if media.startswith("text/"):
        return "auto"
    return None
