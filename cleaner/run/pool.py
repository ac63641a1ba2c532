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

Item = TypeVar("Item")

TIMEOUT = "timeout"
WORKER_DIED = "worker_died"
INTERNAL_ERROR = "internal_error"

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
        self.context = multiprocessing.get_context(_start_method())
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
        source = iter(items)
        exhausted = False
        held: dict[int, Item] = {}  # read, not yet given back
        sizes: dict[int, int] = {}  # bytes of the held items, when size_of tells
        answers: dict[int, Any] = {}
        retry: deque[int] = deque()  # sent to a worker that was lost before it got to them
        unsent: deque[int] = deque()
        next_index = 0
        next_out = 0
        if not self.workers:
            self.workers = [self._start_worker() for _ in range(self.jobs)]

        held_bytes = 0

        def read_more(limit: int) -> None:
            nonlocal exhausted, next_index, held_bytes
            while not exhausted and len(unsent) < limit and len(held) < self.window:
                if held and held_bytes >= self.window_bytes:
                    return
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    return
                held[next_index] = item
                if self.size_of is not None:
                    sizes[next_index] = self.size_of(item)
                    held_bytes += sizes[next_index]
                unsent.append(next_index)
                next_index += 1

        def give_back(k: int) -> tuple[Item, Any]:
            nonlocal held_bytes
            held_bytes -= sizes.pop(k, 0)
            return held.pop(k), answers.pop(k)

        def lose(worker: _Worker, kind: str, detail: str) -> None:
            """The worker is gone: its current item gets the failure, the rest go elsewhere."""
            self._stop_worker(worker, kill=True)
            if worker.pending:
                answers[worker.pending.popleft()] = Failure(kind, detail)
                retry.extendleft(reversed(worker.pending))
            self.replaced[kind] = self.replaced.get(kind, 0) + 1
            self.workers[self.workers.index(worker)] = self._start_worker()

        while True:
            # Feed every idle worker a chunk (a worker that has done its share is replaced first).
            for k, worker in enumerate(self.workers):
                if not worker.ready or worker.pending:
                    continue
                if self.items_per_worker and worker.done >= self.items_per_worker and (retry or unsent or not exhausted):
                    self._stop_worker(worker, kill=False)
                    self.workers[k] = self._start_worker()
                    continue
                read_more(self.chunk_size)
                chunk: list[int] = []
                while len(chunk) < self.chunk_size and (retry or unsent):
                    chunk.append(retry.popleft() if retry else unsent.popleft())
                if not chunk:
                    break
                tasks = [(k, held[k]) for k in chunk]
                changes = self.changes_for(worker.number, [held[k] for k in chunk]) if self.changes_for else None
                try:
                    worker.conn.send((changes, tasks))
                except OSError:
                    retry.extendleft(reversed(chunk))
                    lose(worker, WORKER_DIED, "the worker process could not take work")
                    continue
                worker.pending.extend(chunk)
                worker.started = time.monotonic()

            # Give back what is answered.
            if ordered:
                while next_out in answers:
                    yield give_back(next_out)
                    next_out += 1
            else:
                for k in list(answers):
                    yield give_back(k)
            if exhausted and not held:
                return
            if not any(w.pending for w in self.workers) and not retry and not unsent:
                read_more(self.chunk_size)
                if exhausted and not held and not unsent:
                    return
                if not unsent and held:
                    raise RuntimeError("pool window full with nothing in flight")  # cannot happen

            # Wait for answers, at most until the next deadline.
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
                    index, answer = conn.recv()
                except (EOFError, OSError):
                    lose(worker, WORKER_DIED, _death(worker))
                    continue
                if index == "ready":
                    worker.ready = True
                    continue
                if worker.pending and worker.pending[0] == index:
                    worker.pending.popleft()
                worker.done += 1
                answers[index] = answer
                worker.started = time.monotonic()

            # Workers past their time.
            now = time.monotonic()
            for worker in list(self.workers):
                if self.timeout is not None and worker.pending and now - worker.started > self.timeout:
                    lose(worker, TIMEOUT, f"took longer than {self.timeout:g} s")
                elif not worker.ready and now - worker.born > START_TIMEOUT:
                    lose(worker, WORKER_DIED, "the worker process did not start")
                elif not worker.process.is_alive() and worker.pending:
                    # Died without closing its pipe cleanly (the pipe is read first when it did).
                    lose(worker, WORKER_DIED, _death(worker))


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
