"""A pool of worker processes with a time limit per item, for runs over many documents.

concurrent.futures and multiprocessing.Pool cannot stop one task that hangs: a page that sends
the parser into a pathological case holds its worker forever, and a worker that dies takes the
pool down. Here each worker is a process of its own with a pipe. The pool

- sends a worker a chunk of items only when it is idle (so neither side ever blocks writing to
  a full pipe), and knows which item a worker is on: the one after its last answer;
- kills a worker whose current item has run longer than the time limit, answers that item
  with a Failure("timeout"), starts a new worker and sends the rest of the chunk elsewhere;
- answers with Failure("worker_died") the item a worker was on when it died (killed, out of
  memory, crashed), and goes on likewise;
- reads items lazily, at most `window` ahead of the oldest one not yet given back, so memory is
  bounded by the window, not by the input; and gives answers back in input order, or as they
  come with ordered=False.

Work functions are module-level functions `work(item, state) -> answer`; `state` is a dict each
worker holds (the site profiles, say), given at start and updated with `update(state, changes)`
when the pool's `changes_for` has something for a chunk.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from .records import INTERNAL_ERROR, TIMEOUT, WORKER_DIED

Item = TypeVar("Item")


# How long a new worker may take to start (spawn imports the package) before it counts as dead.
START_TIMEOUT = 120.0
# Answers the pool waits for at most this long between checks of the workers' clocks.
POLL_SECONDS = 0.5


@dataclass(frozen=True)
class Failure:
    """The answer for an item the work could not finish: a kind (timeout, worker_died,
    internal_error) and what happened, in words."""

    kind: str
    detail: str


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _start_method() -> str:
    # fork shares what the parent has imported and learned (the profiles) for free; macOS and
    # Windows need spawn (fork is unsafe with the system frameworks on macOS).
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _serve(conn: Connection, work: Callable, update: Callable | None, state: dict) -> None:
    """A worker's loop: answer every item of each chunk, in order, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        changes, tasks = message
        if changes is not None and update is not None:
            update(state, changes)
        for index, item in tasks:
            try:
                answer = work(item, state)
            except Exception as exc:  # noqa: BLE001 -- a bug on one item must not end the run
                answer = Failure(INTERNAL_ERROR, f"{type(exc).__name__}: {exc}")
            conn.send((index, answer))


@dataclass
class _Worker:
    number: int
    process: Any
    conn: Connection
    ready: bool = False
    born: float = field(default_factory=time.monotonic)
    pending: deque[int] = field(default_factory=deque)  # items sent, not answered, in order
    done: int = 0  # items answered
    started: float = 0.0  # when the item at pending[0] started


class Pool(Generic[Item]):
    """Worker processes that run `work` over items with a time limit per item.

    Use as a context manager; `imap(items)` yields (item, answer) pairs, the answer being what
    `work` returned or a Failure. `timeout` None means no limit.
    """

    def __init__(
        self,
        work: Callable[[Any, dict], Any],
        *,
        jobs: int,
        timeout: float | None,
        state: dict | None = None,
        update: Callable[[dict, Any], None] | None = None,
        changes_for: Callable[[int, list[Item]], Any] | None = None,
        chunk_size: int = 4,
        window: int | None = None,
        window_bytes: int = 64 * 1024 * 1024,
        size_of: Callable[[Item], int] | None = None,
        items_per_worker: int | None = 100,
    ) -> None:
        self.work = work
        self.jobs = max(1, jobs)
        self.timeout = timeout if timeout and timeout > 0 else None
        self.state = state if state is not None else {}
        self.update = update
        self.changes_for = changes_for
        self.chunk_size = max(1, chunk_size)
        self.window = window or max(64, self.jobs * self.chunk_size * 8)
        # ...and at most this many bytes of them (a few huge pages must not fill the memory).
        self.window_bytes = window_bytes
        self.size_of = size_of
        # A worker is replaced after this many items: what parsers and caches keep (and the
        # heap's fragments) then cannot grow with the length of the run.
        self.items_per_worker = items_per_worker
        self.context: Any = multiprocessing.get_context(_start_method())
        self.workers: list[_Worker] = []
        self.started_workers = 0
        self.replaced = {TIMEOUT: 0, WORKER_DIED: 0}

    # -- workers -----------------------------------------------------------------------------

    def _start_worker(self) -> _Worker:
        parent, child = self.context.Pipe(duplex=True)
        process = self.context.Process(
            target=_serve, args=(child, self.work, self.update, self.state), daemon=True
        )
        process.start()
        child.close()
        self.started_workers += 1
        return _Worker(self.started_workers, process, parent)

    def _stop_worker(self, worker: _Worker, *, kill: bool) -> None:
        if kill:
            worker.process.kill()
        else:
            try:
                worker.conn.send(None)
            except OSError:
                worker.process.kill()
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(timeout=5)
        worker.conn.close()

    def close(self) -> None:
        for worker in self.workers:
            self._stop_worker(worker, kill=bool(worker.pending))
        self.workers = []

    def __enter__(self) -> Pool[Item]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- running -----------------------------------------------------------------------------

    def imap(self, items: Iterable[Item], *, ordered: bool = True) -> Iterator[tuple[Item, Any]]:
        feed = _Feed(iter(items), self)
        if not self.workers:
            self.workers = [self._start_worker() for _ in range(self.jobs)]
        while True:
            self._send_work(feed)
            yield from feed.answered(ordered)
            if feed.exhausted and not feed.held:
                return
            if not any(w.pending for w in self.workers) and not feed.retry and not feed.unsent:
                feed.read_more(self.chunk_size)
                if feed.exhausted and not feed.held and not feed.unsent:
                    return
                if not feed.unsent and feed.held:
                    raise RuntimeError("pool window full with nothing in flight")  # cannot happen
            self._collect_answers(feed)
            self._check_clocks(feed)

    def _send_work(self, feed: _Feed[Item]) -> None:
        """Feed every idle worker a chunk (a worker that has done its share is replaced first)."""
        for k, worker in enumerate(self.workers):
            if not worker.ready or worker.pending:
                continue
            more = feed.retry or feed.unsent or not feed.exhausted
            if self.items_per_worker and worker.done >= self.items_per_worker and more:
                self._stop_worker(worker, kill=False)
                self.workers[k] = self._start_worker()
                continue
            feed.read_more(self.chunk_size)
            chunk: list[int] = []
            while len(chunk) < self.chunk_size and (feed.retry or feed.unsent):
                chunk.append(feed.retry.popleft() if feed.retry else feed.unsent.popleft())
            if not chunk:
                break
            tasks = [(k, feed.held[k]) for k in chunk]
            changes = self.changes_for(worker.number, [feed.held[k] for k in chunk]) if self.changes_for else None
            try:
                worker.conn.send((changes, tasks))
            except OSError:
                feed.retry.extendleft(reversed(chunk))
                self._lose(feed, worker, WORKER_DIED, "the worker process could not take work")
                continue
            worker.pending.extend(chunk)
            worker.started = time.monotonic()

    def _collect_answers(self, feed: _Feed[Item]) -> None:
        """Wait for answers, at most until the next deadline, and take those that came."""
        now = time.monotonic()
        wake = now + POLL_SECONDS
        if self.timeout is not None:
            for worker in self.workers:
                if worker.pending:
                    wake = min(wake, worker.started + self.timeout)
        busy = [w.conn for w in self.workers if w.pending or not w.ready]
        ready = wait(busy, timeout=max(0.0, wake - now)) if busy else []
        for conn in ready:
            worker = next(w for w in self.workers if w.conn is conn)
            try:
                index, answer = worker.conn.recv()
            except (EOFError, OSError):
                self._lose(feed, worker, WORKER_DIED, _death(worker))
                continue
            if index == "ready":
                worker.ready = True
                continue
            if worker.pending and worker.pending[0] == index:
                worker.pending.popleft()
            worker.done += 1
            feed.answers[index] = answer
            worker.started = time.monotonic()

    def _check_clocks(self, feed: _Feed[Item]) -> None:
        """Replace the workers past their time, those that did not start and those that died."""
        now = time.monotonic()
        for worker in list(self.workers):
            if self.timeout is not None and worker.pending and now - worker.started > self.timeout:
                self._lose(feed, worker, TIMEOUT, f"took longer than {self.timeout:g} s")
            elif not worker.ready and now - worker.born > START_TIMEOUT:
                self._lose(feed, worker, WORKER_DIED, "the worker process did not start")
            elif not worker.process.is_alive() and worker.pending:
                # Died without closing its pipe cleanly (the pipe is read first when it did).
                self._lose(feed, worker, WORKER_DIED, _death(worker))

    def _lose(self, feed: _Feed[Item], worker: _Worker, kind: str, detail: str) -> None:
        """The worker is gone: its current item gets the failure, the rest go elsewhere."""
        self._stop_worker(worker, kill=True)
        if worker.pending:
            feed.answers[worker.pending.popleft()] = Failure(kind, detail)
            feed.retry.extendleft(reversed(worker.pending))
        self.replaced[kind] = self.replaced.get(kind, 0) + 1
        self.workers[self.workers.index(worker)] = self._start_worker()


class _Feed(Generic[Item]):
    """One imap's items: read lazily within the pool's window, held until given back with their
    answers, in input order or as they come."""

    def __init__(self, source: Iterator[Item], pool: Pool[Item]) -> None:
        self.source = source
        self.pool = pool
        self.exhausted = False
        self.held: dict[int, Item] = {}  # read, not yet given back
        self.sizes: dict[int, int] = {}  # bytes of the held items, when size_of tells
        self.held_bytes = 0
        self.answers: dict[int, Any] = {}
        self.retry: deque[int] = deque()  # sent to a worker that was lost before it got to them
        self.unsent: deque[int] = deque()
        self.next_index = 0
        self.next_out = 0

    def read_more(self, limit: int) -> None:
        pool = self.pool
        while not self.exhausted and len(self.unsent) < limit and len(self.held) < pool.window:
            if self.held and self.held_bytes >= pool.window_bytes:
                return
            try:
                item = next(self.source)
            except StopIteration:
                self.exhausted = True
                return
            self.held[self.next_index] = item
            if pool.size_of is not None:
                self.sizes[self.next_index] = pool.size_of(item)
                self.held_bytes += self.sizes[self.next_index]
            self.unsent.append(self.next_index)
            self.next_index += 1

    def answered(self, ordered: bool) -> Iterator[tuple[Item, Any]]:
        """Give back what is answered: in input order, or all of it."""
        if ordered:
            while self.next_out in self.answers:
                yield self._give_back(self.next_out)
                self.next_out += 1
        else:
            for k in list(self.answers):
                yield self._give_back(k)

    def _give_back(self, k: int) -> tuple[Item, Any]:
        self.held_bytes -= self.sizes.pop(k, 0)
        return self.held.pop(k), self.answers.pop(k)


def _death(worker: _Worker) -> str:
    worker.process.join(timeout=1)
    code = worker.process.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the worker process was killed ({name})"
    return f"the worker process exited (code {code})"
