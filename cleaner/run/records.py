"""Records: one input document of a stream, and the one output record every input gets.

Every reader (files, JSONL, WARC), every runner (one process, a process pool, Ray) and every
writer speaks these, so that whatever happens to a document (cleaned, not a document, a bad
record, a timeout, a killed worker) it comes out as exactly one output record in one schema:

    {"id", "url", "title", "text", "kind", "metadata", "notes", "error", "error_detail"}
    (+ "removed": [{"text", "rule", "reason"}, ...] when asked for)

`error` is null for a cleaned document, else one of the ERROR_KINDS; `error_detail` says what
was wrong in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model.errors import InputError
from ..model.result import Result

if TYPE_CHECKING:
    from ..batch import Cleaner

# The error kinds an output record can carry.
NOT_A_DOCUMENT = "not_a_document"  # binary, undecodable or corrupt (InputError)
INVALID_RECORD = "invalid_record"  # a JSONL line that is not JSON or lacks its fields, a broken WARC record
UNREADABLE = "unreadable"  # a file that cannot be read
TIMEOUT = "timeout"  # cleaning took longer than the time limit
WORKER_DIED = "worker_died"  # the process cleaning it died (killed, out of memory, crashed)
INTERNAL_ERROR = "internal_error"  # a bug: the cleaner raised something it should not
ERROR_KINDS = (NOT_A_DOCUMENT, INVALID_RECORD, UNREADABLE, TIMEOUT, WORKER_DIED, INTERNAL_ERROR)

# The time limit per document, in seconds, of every runner (processes, Ray) and the command line.
DEFAULT_TIMEOUT = 30.0

OUTPUT_FIELDS = ("id", "url", "title", "text", "kind", "metadata", "notes", "error", "error_detail")


@dataclass(frozen=True)
class Record:
    """One input document: its id, the page (bytes or str), and what tells its kind and site.

    A record that could not be read carries `error` (one of ERROR_KINDS) and no data: it still
    yields its output record, marked with the error.
    """

    id: str
    data: str | bytes | None
    url: str | None = None
    kind: str = "auto"
    site: str | None = None
    error: str | None = None
    error_detail: str | None = None
    # Facts about the record from its container (a WARC record's date, HTTP status), copied
    # into the output metadata.
    source: dict[str, Any] = field(default_factory=dict)
    # Its output file's name under the output folder, when there is one (set by the CLI).
    name: str = ""


@dataclass(frozen=True)
class Fields:
    """Which fields of a JSON object hold the page, its URL and its id (--html-field etc.)."""

    html: str | None = "html"
    text: str | None = "text"
    url: str | None = "url"
    id: str | None = "id"


def record_from_mapping(obj: Any, fields: Fields, default_id: str) -> Record:
    """A Record from a JSON object (a JSONL line, a Ray row): the HTML field, else the text field.

    A value that is not an object, or has neither field as a string (or bytes: a binary
    column of a Parquet or Arrow row), gives an invalid record that says what was missing.
    """
    if not isinstance(obj, Mapping):
        return Record(default_id, None, error=INVALID_RECORD, error_detail=f"not a JSON object but {_kind_of(obj)}")
    raw_id = obj.get(fields.id) if fields.id else None
    record_id = str(raw_id) if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) else default_id
    url = obj.get(fields.url) if fields.url else None
    url = url if isinstance(url, str) and url else None
    for name, kind in ((fields.html, "html"), (fields.text, "text")):
        if name and isinstance(obj.get(name), (str, bytes)):
            return Record(record_id, obj[name], url=url, kind=kind)
    wanted = " or ".join(repr(name) for name in (fields.html, fields.text) if name)
    present = [name for name in (fields.html, fields.text) if name and name in obj]
    detail = (
        f"field {present[0]!r} is {_kind_of(obj[present[0]])}, not a string"
        if present
        else f"no {wanted} field"
    )
    return Record(record_id, None, url=url, error=INVALID_RECORD, error_detail=detail)


def _kind_of(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__
    )


def result_record(record: Record, result: Result, *, with_removed: bool = False) -> dict[str, Any]:
    """The output record of a cleaned document."""
    metadata = dict(result.metadata)
    for key, value in record.source.items():
        metadata.setdefault(key, value)
    out: dict[str, Any] = {
        "id": record.id,
        "url": record.url or metadata.get("url"),
        "title": result.title,
        "text": result.text,
        "kind": result.kind,
        "metadata": metadata,
        "notes": list(result.notes),
        "error": None,
        "error_detail": None,
    }
    if with_removed:
        out["removed"] = [{"text": r.text, "rule": r.rule, "reason": r.reason} for r in result.removed]
    return out


def error_record(record: Record, error: str, detail: str, *, with_removed: bool = False) -> dict[str, Any]:
    """The output record of a document that could not be cleaned: empty text, the error said."""
    out: dict[str, Any] = {
        "id": record.id,
        "url": record.url,
        "title": None,
        "text": "",
        "kind": None,
        "metadata": dict(record.source),
        "notes": [],
        "error": error,
        "error_detail": detail,
    }
    if with_removed:
        out["removed"] = []
    return out


def failed_record(record: Record, exc: BaseException, *, with_removed: bool = False) -> dict[str, Any]:
    """The output record for an exception raised while cleaning a record."""
    if isinstance(exc, InputError):
        return error_record(record, NOT_A_DOCUMENT, str(exc), with_removed=with_removed)
    if isinstance(exc, OSError):
        return error_record(record, UNREADABLE, exc.strerror or str(exc), with_removed=with_removed)
    return error_record(record, INTERNAL_ERROR, f"{type(exc).__name__}: {exc}", with_removed=with_removed)


def clean_record(
    record: Record, cleaner: Cleaner, *, with_removed: bool = False, with_markdown: bool = False
) -> dict[str, Any]:
    """Clean one record into its output record; never raises for a bad document."""
    return clean_record_and_result(record, cleaner, with_removed=with_removed, with_markdown=with_markdown)[0]


def clean_record_and_result(
    record: Record, cleaner: Cleaner, *, with_removed: bool = False, with_markdown: bool = False
) -> tuple[dict[str, Any], Result | None]:
    """clean_record(), with the Result it was made from (None for a record that failed)."""
    if record.error or record.data is None:
        output = error_record(
            record, record.error or INVALID_RECORD, record.error_detail or "no data", with_removed=with_removed
        )
        return output, None
    try:
        result = cleaner.clean(record.data, url=record.url, site=record.site, kind=record.kind)
    except Exception as exc:  # noqa: BLE001 -- one bad document must not cost the batch
        return failed_record(record, exc, with_removed=with_removed), None
    out = result_record(record, result, with_removed=with_removed)
    if with_markdown:
        out["markdown"] = result.markdown
    return out, result
