"""Ray Data integration: clean a crawl of records on a Ray cluster or a local Ray runtime.

Install with `pip install "cleaner[ray]"`. Two ways in:

From Python, map the records of a Dataset (`clean_batch`, or `CleanBatch` for an actor pool):

    import ray
    from cleaner.integrations.ray import clean_batch

    ds = ray.data.read_parquet("crawl.parquet")           # columns html (or text), url, id
    cleaned = ds.map_batches(clean_batch, batch_format="pyarrow")
    cleaned.write_parquet("cleaned/")

From the command line, `cleaner clean crawl.jsonl --jsonl --engine ray -o out.jsonl`, which
calls `run_from_args` (and so `run_ray`).

Rows in, rows out: every input row gives exactly one output row, in the output record schema of
cleaner.run.records (id, url, title, text, kind, metadata, notes, error, error_detail, plus removed
with `with_removed`). A row that is no record (no html or text field, not JSON, a binary page)
gives its row with `error` set instead of failing the job.

The batches that come out are Arrow tables with one fixed schema (`output_schema`), whatever the
rows held, so that batches concatenate and write to Parquet or JSON alike:

- `metadata` is a JSON-encoded string (its keys vary from page to page, which no Arrow struct
  holds); `json.loads` it back. The JSONL that `run_ray` writes has it decoded again, an object,
  exactly as the local engine writes it.
- `notes` is a list of strings; `removed` a list of {text, rule, reason} structs; `error`,
  `error_detail`, `title`, `kind` and `url` are nullable strings, typed so even in a batch
  where all are null.

The time limit per document (`timeout`) is enforced with SIGALRM, which only the main thread of
a process can receive: Ray runs tasks (a function like `clean_batch`) in its workers' main
thread, so there it holds, and a document that runs over it gives a row with error "timeout".
Ray runs actor methods (`CleanBatch` in an actor pool) in another thread: there no limit is
enforced (a warning says so once). The alarm interrupts Python code; a single call into C (a
parse by lxml) finishes before it can act.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import posixpath
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

from ..batch import Cleaner
from ..run.records import (
    DEFAULT_TIMEOUT,
    INVALID_RECORD,
    OUTPUT_FIELDS,
    TIMEOUT,
    Fields,
    Record,
    clean_record,
    error_record,
    record_from_mapping,
)
from ..run.runner import Summary
from ..run.sources import COMPRESSED_EXTENSIONS, is_jsonl_name, line_record, markup_start, not_jsonl_record

if TYPE_CHECKING:
    import pyarrow as pa
    import ray.data

log = logging.getLogger(__name__)

# The columns of the Dataset that `read_jsonl_lines` makes: one row per line of a JSONL file.
LINE, PATH, LINE_NUMBER = "line", "path", "line_number"
# The line number of a file's one row when the file is not JSONL (it begins with markup): the row
# holds its first line, and becomes the file's one invalid record, as the local engine gives it.
WHOLE_FILE = 0
# A block is the unit of a task: small blocks spread one big file over every worker.
LINES_PER_BLOCK = 256
BYTES_PER_BLOCK = 16 << 20
BATCH_SIZE = 32  # rows per call of clean_batch in run_ray
INSTALL_HINT = 'the ray engine needs Ray Data: pip install "cleaner[ray]"'


# -- the output schema ---------------------------------------------------------------------


def output_schema(*, with_removed: bool = False, with_markdown: bool = False) -> pa.Schema:
    """The Arrow schema of every batch that clean_batch returns (see the module's docstring)."""
    import pyarrow as pa

    types = {
        "id": pa.string(),
        "url": pa.string(),
        "title": pa.string(),
        "text": pa.string(),
        "kind": pa.string(),
        "metadata": pa.string(),  # JSON-encoded: its keys vary per page
        "notes": pa.list_(pa.string()),
        "error": pa.string(),
        "error_detail": pa.string(),
    }
    schema = [(name, types[name]) for name in OUTPUT_FIELDS]
    if with_removed:
        removal = pa.struct([("text", pa.string()), ("rule", pa.string()), ("reason", pa.string())])
        schema.append(("removed", pa.list_(removal)))
    if with_markdown:
        schema.append(("markdown", pa.string()))
    return pa.schema(schema)


def to_table(
    records: list[dict[str, Any]], *, with_removed: bool = False, with_markdown: bool = False
) -> pa.Table:
    """Output records (dicts from clean_record) as an Arrow table of the output schema."""
    import pyarrow as pa

    rows = [
        {**out, "metadata": json.dumps(out["metadata"], ensure_ascii=False, default=str)} for out in records
    ]
    return pa.Table.from_pylist(
        rows, schema=output_schema(with_removed=with_removed, with_markdown=with_markdown)
    )


def from_table(table: pa.Table) -> Iterator[dict[str, Any]]:
    """The output records of an output table, metadata decoded: the local engine's JSONL shape."""
    for row in table.to_pylist():
        row["metadata"] = json.loads(row["metadata"]) if row["metadata"] else {}
        yield row


# -- cleaning a batch ----------------------------------------------------------------------


def clean_batch(
    batch: Any,
    *,
    fields: Fields = Fields(),  # noqa: B008 -- frozen dataclass, safe as a default
    with_removed: bool = False,
    with_markdown: bool = False,
    site: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    jsonl_column: str | None = None,
    cleaner: Cleaner | None = None,
) -> pa.Table:
    """Clean a batch of records, for `Dataset.map_batches(clean_batch, batch_format="pyarrow")`.

    `batch` is a pyarrow.Table (batch_format="pyarrow", the cheapest), a pandas.DataFrame, or a
    dict of column arrays or lists ("numpy"). Each row is a record: `fields` names its columns
    (html, else text; url; id), as with --html-field etc. The page may be a string or bytes.

    With `jsonl_column`, each row instead holds one raw JSONL line (str or bytes) in that column,
    parsed here so that a line that is not JSON gives an "invalid_record" row instead of failing
    the read: the rows of `read_jsonl_lines` ("line"), or of `ray.data.read_text` ("text").

    Returns an Arrow table of `output_schema`: one row per input row, in order. A row without
    an id gets "FILE:LINE" (the file name, as the local engine gives it) when it came from read_jsonl_lines, else "sha1:" and a
    digest of the row, so that ids are the same however the rows were batched.
    """
    cleaner = cleaner if cleaner is not None else Cleaner(site=site)
    records = [_record(row, fields, jsonl_column) for row in _rows(batch)]
    out = []
    with _alarm_handler(timeout) as limit:
        for record in records:
            out.append(
                _clean_one(record, cleaner, limit, with_removed=with_removed, with_markdown=with_markdown)
            )
    return to_table(out, with_removed=with_removed, with_markdown=with_markdown)


class CleanBatch:
    """clean_batch as a callable class, for an actor pool: each actor builds its Cleaner once.

        ds.map_batches(CleanBatch, fn_constructor_kwargs={"with_removed": True},
                       batch_format="pyarrow", concurrency=4)

    `profiles` is a path to a site profiles file (cleaner's --profiles), loaded once per actor.
    Ray runs actor methods outside the main thread, where `timeout` cannot be enforced (see
    the module's docstring): prefer the function with tasks when the time limit matters.
    """

    def __init__(
        self,
        *,
        fields: Fields = Fields(),  # noqa: B008
        with_removed: bool = False,
        with_markdown: bool = False,
        site: str | None = None,
        profiles: str | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        jsonl_column: str | None = None,
    ) -> None:
        from ..sites.profiles import Profiles

        self.cleaner = Cleaner(Profiles.load(profiles) if profiles else None, site=site)
        self.options: dict[str, Any] = {
            "fields": fields,
            "with_removed": with_removed,
            "with_markdown": with_markdown,
            "timeout": timeout,
            "jsonl_column": jsonl_column,
        }

    def __call__(self, batch: Any) -> pa.Table:
        return clean_batch(batch, cleaner=self.cleaner, **self.options)


def _rows(batch: Any) -> list[dict[str, Any]]:
    """The rows of a batch in any of Ray's batch formats, as plain Python values."""
    if hasattr(batch, "to_pylist"):  # pyarrow.Table
        return batch.to_pylist()
    if hasattr(batch, "to_dict") and hasattr(batch, "columns"):  # pandas.DataFrame
        return [{key: _plain(value) for key, value in row.items()} for row in batch.to_dict("records")]
    if isinstance(batch, Mapping):  # {"column": numpy array or list}
        columns = {key: list(values) for key, values in batch.items()}
        count = len(next(iter(columns.values()), []))
        return [{key: _plain(values[i]) for key, values in columns.items()} for i in range(count)]
    raise TypeError(
        f"clean_batch: a batch is a pyarrow.Table, a pandas.DataFrame or a dict, not {type(batch).__name__}"
    )


def _plain(value: Any) -> Any:
    """numpy and pandas values as Python ones (np.int64 ids, NaN and NA for a missing value)."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(value, "tolist"):  # numpy scalar or array
        return value.tolist()
    return value


def _record(row: dict[str, Any], fields: Fields, jsonl_column: str | None) -> Record:
    if jsonl_column is None:
        return record_from_mapping(row, fields, _default_id(row, None))
    line = row.get(jsonl_column)
    default_id = _default_id(row, jsonl_column)
    if row.get(LINE_NUMBER) == WHOLE_FILE and isinstance(line, bytes) and (markup := markup_start(line)):
        path = str(row.get(PATH))
        return not_jsonl_record(path, posixpath.basename(path), markup)
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            return Record(default_id, None, error=INVALID_RECORD, error_detail=f"line is not UTF-8: {exc}")
    if not isinstance(line, str):
        return Record(
            default_id, None, error=INVALID_RECORD, error_detail=f"no {jsonl_column!r} column with a line"
        )
    return line_record(line, fields, default_id)[0]


def _default_id(row: dict[str, Any], jsonl_column: str | None) -> str:
    path, number = row.get(PATH), row.get(LINE_NUMBER)
    if jsonl_column is not None and isinstance(path, str) and isinstance(number, int):
        return f"{posixpath.basename(path)}:{number}"  # FILE:LINE, as the local engine names it
    # No position is known inside a batch: a digest of the row is the same however it is batched.
    digest = hashlib.sha1(repr(sorted(row.items())).encode("utf-8", "surrogatepass")).hexdigest()
    return "sha1:" + digest[:16]


class _Timeout(BaseException):
    """Raised by the alarm in the middle of a document. A BaseException so that clean_record's
    `except Exception` (which makes an internal_error of a bug) lets it through."""


_warned_no_alarm = False


@contextmanager
def _alarm_handler(timeout: float | None) -> Iterator[float | None]:
    """Install the SIGALRM handler for a batch; yields the per-document limit, or None when
    none can be enforced here (no limit asked, no SIGALRM, or not the main thread)."""
    global _warned_no_alarm
    if not timeout or timeout <= 0:
        yield None
        return
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        if not _warned_no_alarm:
            _warned_no_alarm = True
            log.warning("cleaner: no per-document time limit here (SIGALRM needs the main thread)")
        yield None
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        yield timeout
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _clean_one(
    record: Record, cleaner: Cleaner, limit: float | None, *, with_removed: bool, with_markdown: bool
) -> dict[str, Any]:
    if limit is None or record.error or record.data is None:  # nothing to time: no cleaning to do
        return clean_record(record, cleaner, with_removed=with_removed, with_markdown=with_markdown)
    try:
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            out = clean_record(record, cleaner, with_removed=with_removed, with_markdown=with_markdown)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Timeout:  # the alarm may also land just after the document: it did take that long
        out = error_record(
            record, TIMEOUT, f"cleaning took longer than {limit:g} s", with_removed=with_removed
        )
        if with_markdown:
            out["markdown"] = ""
    if with_markdown:
        out.setdefault("markdown", "")  # an error record has no markdown key
    return out


# -- reading JSONL -------------------------------------------------------------------------


def read_jsonl_lines(paths: str | list[str], *, base: str | None = None) -> ray.data.Dataset:
    """A Dataset of the lines of JSONL files: columns line (bytes), path, line_number (from 1).

    Unlike ray.data.read_json, a line that is not JSON does not fail the read: clean_batch
    with jsonl_column="line" makes it an invalid_record row. Lines are split at "\\n" only
    (a JSON string may hold U+2028, where str.splitlines would cut), blank lines are skipped,
    and .gz (or other compressed) files are read by their extension. Paths under `base` are
    named relative to it in the path column (and so in default ids).
    """
    import ray.data

    return ray.data.read_datasource(_jsonl_datasource()(paths, base=base))


def _jsonl_datasource() -> type:
    # Built on first use so that importing this module does not import Ray.
    from ray.data.datasource import FileBasedDatasource

    class JsonLinesDatasource(FileBasedDatasource):
        def __init__(self, paths: str | list[str], *, base: str | None = None, **kwargs: Any) -> None:
            super().__init__(paths, **kwargs)
            self.base = base.rstrip("/") + "/" if base else None

        def _read_stream(self, f: Any, path: str, **_: Any) -> Iterator[Any]:
            import pyarrow as pa

            name = path[len(self.base) :] if self.base and path.startswith(self.base) else path

            def block(lines: list[bytes], numbers: list[int]) -> Any:
                return pa.table(
                    {LINE: pa.array(lines, pa.binary()), PATH: [name] * len(lines), LINE_NUMBER: numbers}
                )

            lines: list[bytes] = []
            numbers: list[int] = []
            pending = b""
            number = size = 0
            while True:
                chunk = f.read(1 << 20)
                if not chunk:
                    break
                parts = (pending + chunk).split(b"\n")
                pending = parts.pop()
                if number == 0 and (first := next((x for x in parts if x.strip()), None)) and markup_start(first):
                    yield block([first.rstrip(b"\r")], [WHOLE_FILE])
                    return
                for line in parts:
                    number += 1
                    if line.strip():
                        lines.append(line.rstrip(b"\r"))
                        numbers.append(number)
                        size += len(line)
                    if len(lines) >= LINES_PER_BLOCK or size >= BYTES_PER_BLOCK:
                        yield block(lines, numbers)
                        lines, numbers, size = [], [], 0
            if pending.strip():
                lines.append(pending.rstrip(b"\r"))
                numbers.append(number + 1)
            if lines:
                yield block(lines, numbers)

    return JsonLinesDatasource


# -- a whole run: files in, one file out ---------------------------------------------------


# What a run_ray wrote: the local engine's run summary (documents, cleaned, errors by kind, ...).
RunSummary = Summary


def input_format(paths: list[str], jsonl: bool = False) -> str:
    """ "jsonl" or "parquet" for a run's inputs: --jsonl, else by their extensions (a folder
    is Parquet). Raises ValueError for other or mixed inputs."""
    if jsonl:
        return "jsonl"
    kinds = set()
    for path in paths:
        name = path.lower().rstrip("/")
        for suffix in COMPRESSED_EXTENSIONS:
            name = name.removesuffix(suffix)
        if is_jsonl_name(path):
            kinds.add("jsonl")
        elif name.endswith((".parquet", ".pq")) or os.path.isdir(path):
            kinds.add("parquet")
        else:
            raise ValueError(f"{path}: the ray engine reads JSONL (--jsonl) or Parquet files")
    if len(kinds) != 1:
        raise ValueError("give JSONL or Parquet inputs, not both" if kinds else "no input given")
    return kinds.pop()


def run_ray(
    inputs: list[str],
    output: str | None,
    *,
    jsonl: bool = False,
    address: str | None = None,
    fields: Fields = Fields(),  # noqa: B008
    with_removed: bool = False,
    with_markdown: bool = False,
    site: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    jobs: int | None = None,
    num_cpus: int | None = None,
    stdout: TextIO | None = None,
) -> Summary:
    """Clean JSONL or Parquet files with Ray Data into one JSONL or Parquet file.

    Inputs are JSONL with `jsonl` or by their extension (.jsonl, .ndjson, maybe .gz), else
    Parquet (.parquet files or folders of them), read by Ray's workers (on a cluster, give paths
    every node sees). Every non-blank JSONL line and Parquet row gives one output record, in order.

    The records come back to this process, which writes `output` as one file: Parquet when it
    ends with .parquet (metadata a JSON string, see output_schema), else JSONL in the local
    engine's shape (metadata an object); None or "-" writes JSONL to `stdout`. The file appears
    only when the job has finished.

    Ray: connects to `address` (e.g. "ray://head:10001" or "auto") when given, else starts a
    local runtime with `num_cpus` (default: all) and shuts it down after; a runtime that is
    already initialized is used as it is and left running. `jobs` caps the number of
    concurrent cleaning tasks.
    """
    ray = _import_ray()
    kind = input_format(inputs, jsonl)
    # Ray's workers have a working directory of their own: name local files absolutely.
    inputs = [path if "://" in path else os.path.abspath(path) for path in inputs]
    with _ray_runtime(ray, address, num_cpus):
        dataset = read_jsonl_lines(inputs, base=os.getcwd()) if kind == "jsonl" else ray.data.read_parquet(inputs)
        options = _task_pool(ray, jobs) if jobs else {}
        cleaned = dataset.map_batches(
            clean_batch,
            batch_format="pyarrow",
            batch_size=BATCH_SIZE,
            fn_kwargs={
                "fields": fields,
                "with_removed": with_removed,
                "with_markdown": with_markdown,
                "site": site,
                "timeout": timeout,
                "jsonl_column": LINE if kind == "jsonl" else None,
            },
            **options,
        )
        batches = cleaned.iter_batches(batch_format="pyarrow", batch_size=None)
        if output and output.endswith(".parquet"):
            schema = output_schema(with_removed=with_removed, with_markdown=with_markdown)
            return _write_parquet(batches, output, schema)
        return _write_jsonl(batches, output, stdout or sys.stdout)


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise ImportError(INSTALL_HINT) from exc
    return ray


@contextmanager
def _ray_runtime(ray: Any, address: str | None, num_cpus: int | None) -> Iterator[None]:
    """A Ray runtime that keeps the order of the input: the one already initialized, left
    running, or one started here (on `address`, or local) and shut down after."""
    started = False
    if not ray.is_initialized():
        if address:
            ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
        else:
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no phoning home from a local run
            ray.init(
                num_cpus=num_cpus, include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False
            )
        started = True
    context = ray.data.DataContext.get_current()
    preserve_order = context.execution_options.preserve_order
    context.execution_options.preserve_order = True  # the output in input order, as the local engine
    try:
        yield
    finally:
        context.execution_options.preserve_order = preserve_order
        if started:
            ray.shutdown()


def _task_pool(ray: Any, jobs: int) -> dict[str, Any]:
    """map_batches' arguments for at most `jobs` concurrent tasks: compute= since Ray 2.51
    deprecated concurrency=, which older releases need."""
    try:
        return {"compute": ray.data.TaskPoolStrategy(size=jobs)}
    except (AttributeError, TypeError):
        return {"concurrency": jobs}


def _count(summary: Summary, table: pa.Table) -> None:
    for output in table.select(["text", "error"]).to_pylist():
        summary.add_output(output)


def _write_jsonl(batches: Iterable[pa.Table], output: str | None, stdout: TextIO) -> Summary:
    """The records as JSONL lines: to stdout (output None or "-"), or to output.part, renamed
    to output when all is written."""
    if not output or output == "-":
        return _write_records(batches, stdout)
    part = output + ".part"
    try:
        with open(part, "w", encoding="utf-8") as target:
            summary = _write_records(batches, target)
    except BaseException:
        os.unlink(part)
        raise
    os.replace(part, output)
    return summary


def _write_records(batches: Iterable[pa.Table], target: TextIO) -> Summary:
    summary = Summary()
    for table in batches:
        _count(summary, table)
        target.writelines(json.dumps(record, ensure_ascii=False, default=str) + "\n" for record in from_table(table))
    summary.finished = time.monotonic()
    return summary


def _write_parquet(batches: Iterable[pa.Table], output: str, schema: pa.Schema) -> Summary:
    import pyarrow.parquet as pq

    summary = Summary()
    try:
        with pq.ParquetWriter(output + ".part", schema) as writer:
            for table in batches:
                _count(summary, table)
                writer.write_table(table.cast(schema))
    except BaseException:
        if os.path.exists(output + ".part"):
            os.unlink(output + ".part")
        raise
    os.replace(output + ".part", output)
    summary.finished = time.monotonic()
    return summary


def run_from_args(args: Any, stderr: TextIO) -> int:
    """`cleaner clean --engine ray`: run_ray with the CLI's options; the exit code.

    Reads args.paths, output, jsonl, html_field, text_field, url_field, id_field, removed,
    format ("markdown" adds a markdown column), address, jobs, timeout (and site, when the
    CLI has it). Prints a summary to stderr. Exit 0 when every record was cleaned, 1 when some
    carry an error (or the job failed), 2 for inputs the engine cannot read.
    """
    fields = Fields(
        html=getattr(args, "html_field", "html"),
        text=getattr(args, "text_field", "text"),
        url=getattr(args, "url_field", "url"),
        id=getattr(args, "id_field", "id"),
    )
    paths = list(getattr(args, "paths", None) or [])
    try:
        import ray.data  # noqa: F401 -- only to say how to install it when it is missing
    except ImportError:
        print(f"cleaner: {INSTALL_HINT}", file=stderr)
        return 2
    # A command prints its summary, not Ray Data's INFO lines (a terminal still gets the bars).
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    try:
        input_format(paths, bool(getattr(args, "jsonl", False)))
    except ValueError as exc:
        print(f"cleaner: {exc}", file=stderr)
        return 2
    try:
        summary = run_ray(
            paths,
            getattr(args, "output", None),
            jsonl=bool(getattr(args, "jsonl", False)),
            address=getattr(args, "address", None),
            fields=fields,
            with_removed=bool(getattr(args, "removed", False)),
            with_markdown=getattr(args, "format", None) == "markdown",
            site=getattr(args, "site", None),
            timeout=getattr(args, "timeout", DEFAULT_TIMEOUT),
            jobs=getattr(args, "jobs", None),
        )
    except Exception as exc:  # noqa: BLE001 -- a failed Ray job: say why and exit non-zero
        print(f"cleaner: the ray job failed: {type(exc).__name__}: {exc}", file=stderr)
        return 1
    kinds = ", ".join(f"{kind}: {count}" for kind, count in sorted(summary.errors.items()))
    print(
        f"cleaner: {summary.documents - summary.failed} cleaned, {summary.failed} failed"
        + (f" ({kinds})" if kinds else ""),
        file=stderr,
    )
    return 1 if summary.failed else 0
