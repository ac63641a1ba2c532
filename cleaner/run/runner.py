"""Run the cleaner over a stream of Records: in worker processes with a time limit per document,
with or without site profiles, one output record per input record, whatever happens.

Three ways to use site profiles (see batch.py):
- "none": each document alone;
- "batch": a first pass observes every document (in the workers), the parent adds the
  observations up, and a second pass cleans with the whole batch's profiles; the input is read
  twice, so it must be files, not a pipe;
- "stream": the parent learns each document as it is read and holds it until its site has
  warmed up, then a worker cleans it; a worker is sent a site's profile when it has none or
  when the site's page count has grown by a quarter since it was sent.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from ..batch import LOOKAHEAD_DOCUMENTS, WARMUP_DOCUMENTS, Cleaner, Document
from ..model.result import Result
from ..sites.profiles import Observation, SiteProfile, site_for
from .pool import Failure, Pool, default_jobs
from .records import DEFAULT_TIMEOUT, Record, clean_record_and_result, error_record

PROFILE_MODES = ("none", "batch", "stream")
# The summary's kind for a document cleaned but whose output could not be written.
NOT_WRITTEN = "not_written"
# A worker gets a site's profile again once the site has this many times the pages it had.
PROFILE_REFRESH = 1.25


@dataclass
class RunOptions:
    jobs: int = 0  # 0: all cores
    timeout: float | None = DEFAULT_TIMEOUT  # seconds per document; None or 0: no limit (and no workers for jobs 1)
    ordered: bool = True
    with_removed: bool = False
    with_markdown: bool = False
    profiles: str = "none"  # one of PROFILE_MODES
    warmup: int = WARMUP_DOCUMENTS
    lookahead: int = LOOKAHEAD_DOCUMENTS
    chunk_size: int = 4
    # Keep every site learned in the Cleaner's profiles (to save them), not only those the
    # rules can act on.
    keep_profiles: bool = True
    # Give each Outcome the Result itself (with its page), for an explain report.
    with_result: bool = False


@dataclass
class Outcome:
    """One input record's output record, with its word counts for the summary."""

    record: Record
    output: dict[str, Any]
    words_kept: int = 0
    words_removed: int = 0
    result: Result | None = None  # with RunOptions.with_result, for a cleaned document


@dataclass
class Summary:
    documents: int = 0
    cleaned: int = 0
    empty: int = 0  # cleaned, but no article text found
    errors: Counter[str] = field(default_factory=Counter)
    words_kept: int = 0
    words_removed: int = 0
    skipped: int = 0  # not documents (WARC requests, images), or already done (--skip-existing)
    workers_replaced: int = 0
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    def add(self, outcome: Outcome) -> None:
        self.add_output(outcome.output, outcome.words_kept, outcome.words_removed)

    def add_output(self, output: dict[str, Any], words_kept: int = 0, words_removed: int = 0) -> None:
        """Count one output record (the Ray engine counts its records so, without word counts)."""
        self.documents += 1
        error = output.get("error")
        if error:
            self.errors[error] += 1
        else:
            self._count_cleaned(output, words_kept, words_removed, 1)

    def not_written(self, outcome: Outcome) -> None:
        """An outcome whose output could not be written: a failure, not a cleaned document (an
        error record that could not be written is counted once, as its error)."""
        if not outcome.output.get("error"):
            self._count_cleaned(outcome.output, outcome.words_kept, outcome.words_removed, -1)
            self.errors[NOT_WRITTEN] += 1

    def _count_cleaned(self, output: dict[str, Any], words_kept: int, words_removed: int, sign: int) -> None:
        self.cleaned += sign
        if not output.get("text"):
            self.empty += sign
        self.words_kept += sign * words_kept
        self.words_removed += sign * words_removed

    @property
    def failed(self) -> int:
        return sum(self.errors.values())

    @property
    def seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    def lines(self) -> list[str]:
        rate = self.documents / self.seconds if self.seconds > 0 else 0.0
        total_words = self.words_kept + self.words_removed
        share = f" ({100 * self.words_removed / total_words:.1f}% removed)" if total_words else ""
        out = [
            f"documents: {self.documents} in {self.seconds:.1f} s ({rate:.1f} docs/s)",
            f"cleaned: {self.cleaned}" + (f" ({self.empty} with no article text)" if self.empty else ""),
            f"words: {self.words_kept} kept, {self.words_removed} removed{share}",
        ]
        if self.errors:
            detail = ", ".join(f"{kind} {n}" for kind, n in sorted(self.errors.items(), key=lambda kv: (-kv[1], kv[0])))
            out.append(f"errors: {sum(self.errors.values())} ({detail})")
        else:
            out.append("errors: 0")
        if self.skipped:
            out.append(f"skipped: {self.skipped}")
        if self.workers_replaced:
            out.append(f"worker processes replaced: {self.workers_replaced}")
        return out


# ---------------------------------------------------------------------------------------------
# Work done in the worker processes (module level, so that spawn can import them)


def clean_work(record: Record, state: dict) -> tuple[dict[str, Any], int, int, Result | None]:
    output, result = clean_record_and_result(record, state["cleaner"], with_removed=True, with_markdown=state["markdown"])
    kept = len(output["text"].split())
    removed = sum(len(r["text"].split()) for r in output["removed"])
    if not state["removed"]:
        del output["removed"]
    return output, kept, removed, result if state.get("result") else None


def observe_work(item: tuple[int, Record], state: dict) -> Observation | None:
    _, record = item
    if record.error or record.data is None:
        return None
    return state["cleaner"].observe(record.data, url=record.url, site=record.site, kind=record.kind)


def update_profiles(state: dict, changes: dict[str, SiteProfile]) -> None:
    state["cleaner"].profiles.sites.update(changes)


# ---------------------------------------------------------------------------------------------
# Running


class _InProcess:
    """The Pool's interface without processes: for one job with no time limit."""

    def __init__(self, work: Callable[[Any, dict], Any], state: dict) -> None:
        self.work, self.state = work, state
        self.replaced: dict[str, int] = {}

    def imap(self, items: Iterable[Any], *, ordered: bool = True) -> Iterator[tuple[Any, Any]]:
        for item in items:
            yield item, self.work(item, self.state)

    def __enter__(self) -> _InProcess:  # noqa: PYI034 -- typing.Self is 3.11+
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def _pool(work: Callable, state: dict, options: RunOptions, **extra: Any) -> Pool | _InProcess:
    jobs = options.jobs or default_jobs()
    if jobs == 1 and not options.timeout:
        return _InProcess(work, state)
    return Pool(
        work, jobs=jobs, timeout=options.timeout, state=state, chunk_size=options.chunk_size, size_of=_size, **extra
    )


def _size(item: Any) -> int:
    """The bytes of a document the pool holds (a Record, numbered in the learning pass, or one
    that failed before)."""
    if isinstance(item, tuple):
        item = item[1]
    if isinstance(item, _FailedBefore):
        item = item.record
    data = getattr(item, "data", None)
    return len(data) if data else 0


def run_records(
    read: Callable[[], Iterable[Record]],
    cleaner: Cleaner,
    options: RunOptions,
    summary: Summary | None = None,
    on_phase: Callable[[str], None] | None = None,
    on_learned: Callable[[], None] | None = None,
) -> Generator[Outcome, None, None]:
    """Clean every record `read()` gives; one Outcome per record, in input order unless
    options.ordered is False. With profiles "batch", `read` is called twice."""
    summary = summary if summary is not None else Summary()
    state = {
        "cleaner": cleaner,
        "markdown": options.with_markdown,
        "removed": options.with_removed,
        "result": options.with_result,
    }
    failed_first: dict[int, Failure] = {}
    records: Iterable[Record]
    extra: dict[str, Any] = {}
    if options.profiles == "batch":
        if on_phase:
            on_phase("learning")
        failed_first = _learn_batch(read(), cleaner, options, summary, on_learned)
        # The workers need only the sites the rules can act on; the rest stay here only when
        # they are to be saved (so that the workers are not forked with them).
        acting = Cleaner(cleaner.profiles.acting(), site=cleaner.site)
        if not options.keep_profiles:
            cleaner.profiles = acting.profiles
        state["cleaner"] = acting
        if on_phase:
            on_phase("cleaning")
        records = read()
    elif options.profiles == "stream":
        learned = cleaner.learn_stream(read(), _document_of, warmup=options.warmup, lookahead=options.lookahead)
        # The site it was learned for (a page's canonical link may have told it) goes with it.
        records = (replace(record, site=site) if site and not record.site else record for record, site in learned)
        extra = {"update": update_profiles, "changes_for": _ProfileSender(cleaner)}
    else:
        records = read()

    def numbered() -> Iterator[Record | _FailedBefore]:
        for position, record in enumerate(records):
            failure = failed_first.get(position)
            # A document that hung or killed its worker while being learned is not tried again.
            yield _FailedBefore(record, failure) if failure is not None else record

    with _pool(_clean_or_pass, state, options, **extra) as pool:
        for record, answer in pool.imap(numbered(), ordered=options.ordered):
            outcome = _outcome(record, answer, options)
            summary.add(outcome)
            yield outcome
        summary.workers_replaced += sum(pool.replaced.values())


@dataclass(frozen=True)
class _FailedBefore:
    record: Record
    failure: Failure


def _clean_or_pass(item: Record | _FailedBefore, state: dict) -> Any:
    if isinstance(item, _FailedBefore):
        return item.failure
    return clean_work(item, state)


def _outcome(item: Record | _FailedBefore, answer: Any, options: RunOptions) -> Outcome:
    record = item.record if isinstance(item, _FailedBefore) else item
    if isinstance(answer, Failure):
        return Outcome(record, error_record(record, answer.kind, answer.detail, with_removed=options.with_removed))
    output, kept, removed, result = answer
    return Outcome(record, output, kept, removed, result)


def _learn_batch(
    records: Iterable[Record],
    cleaner: Cleaner,
    options: RunOptions,
    summary: Summary,
    on_learned: Callable[[], None] | None = None,
) -> dict[int, Failure]:
    """The batch's first pass: observe every record in the workers, add them up here.
    Returns the failures (timeouts, dead workers) by record position."""
    failures: dict[int, Failure] = {}
    with _pool(observe_work, {"cleaner": cleaner}, options) as pool:
        for (position, _), answer in pool.imap(enumerate(records), ordered=False):
            if isinstance(answer, Failure):
                failures[position] = answer
            elif answer is not None:
                cleaner.profiles.add(answer)
            if on_learned:
                on_learned()
        summary.workers_replaced += sum(pool.replaced.values())
    return failures


def _document_of(record: Record) -> Document | None:
    if record.error or record.data is None:
        return None
    return Document(record.data, url=record.url, site=record.site, kind=record.kind)


class _ProfileSender:
    """changes_for of a stream run: the site profiles a worker lacks, or has grown stale."""

    def __init__(self, cleaner: Cleaner) -> None:
        self.cleaner = cleaner
        self.sent: dict[int, dict[str, int]] = {}  # worker -> site -> page count it has

    def __call__(self, worker: int, records: list[Record]) -> dict[str, SiteProfile] | None:
        has = self.sent.setdefault(worker, {})
        changes: dict[str, SiteProfile] = {}
        for record in records:
            site = site_for(record.site or self.cleaner.site, record.url)
            profile = self.cleaner.profiles.get(site)
            if profile is None or site is None or site in changes:
                continue
            if site not in has or profile.documents >= has[site] * PROFILE_REFRESH:
                changes[site] = profile
                has[site] = profile.documents
        return changes or None



def clean_records(
    records: Iterable[Record] | Callable[[], Iterable[Record]],
    *,
    cleaner: Cleaner | None = None,
    jobs: int = 0,
    timeout: float | None = DEFAULT_TIMEOUT,
    ordered: bool = True,
    profiles: str = "none",
    with_removed: bool = False,
    with_markdown: bool = False,
) -> Iterator[dict[str, Any]]:
    """The library's way to run over many documents: one output record (records.py) per Record,
    cleaned in `jobs` worker processes (0: all cores) with `timeout` seconds per document.

    `profiles` is "none", "batch" (learn all, then clean: give a list, or a function that reads
    the records afresh, since they are read twice) or "stream".
    """
    if profiles not in PROFILE_MODES:
        raise ValueError(f"profiles must be one of {', '.join(PROFILE_MODES)}, not {profiles!r}")
    if callable(records):
        read = records
    elif profiles != "batch" or isinstance(records, (list, tuple)):
        read = lambda: records  # read once (a list may be read twice)
    else:
        raise ValueError("profiles='batch' reads the records twice: give a list, or a function that reads them")
    options = RunOptions(
        jobs=jobs,
        timeout=timeout,
        ordered=ordered,
        with_removed=with_removed,
        with_markdown=with_markdown,
        profiles=profiles,
    )
    for outcome in run_records(read, cleaner or Cleaner(), options):
        yield outcome.output
