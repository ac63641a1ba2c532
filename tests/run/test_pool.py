"""The worker pool: answers in order (or as they come), a time limit per item that replaces the
worker, a worker that dies, bounded reading ahead."""

from __future__ import annotations

import os
import signal
import time

import pytest

from cleaner.run.pool import TIMEOUT, WORKER_DIED, Failure, Pool


def square(item, state):
    return item * item


def sleepy(item, state):
    """Hangs on the item "hang", dies on "die", raises on "bug", otherwise answers at once."""
    if item == "hang":
        while True:  # a pure-Python hang that never gives the interpreter back
            pass
    if item == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    if item == "bug":
        raise ZeroDivisionError("a bug")
    if isinstance(item, float):
        time.sleep(item)
    return f"done {item}"


def with_state(item, state):
    return state["offset"] + item


def add_offset(state, changes):
    state["offset"] = changes


def test_answers_come_back_in_input_order():
    with Pool(square, jobs=2, timeout=10, chunk_size=3) as pool:
        assert list(pool.imap(range(50))) == [(k, k * k) for k in range(50)]


def test_unordered_gives_every_answer_once():
    items = [0.2, 0.0, 0.0, 0.0, 0.0, 0.0]
    with Pool(sleepy, jobs=2, timeout=10, chunk_size=1) as pool:
        out = list(pool.imap(items, ordered=False))
    assert sorted(item for item, _ in out) == sorted(items)
    assert out[-1][0] == 0.2  # the slow one is not waited for


def test_a_hanging_item_times_out_and_the_rest_go_on():
    items = [1, 2, "hang", 3, 4, 5, 6, 7]
    started = time.monotonic()
    with Pool(sleepy, jobs=2, timeout=1.0, chunk_size=4) as pool:
        out = list(pool.imap(items))
        replaced = pool.replaced[TIMEOUT]
    assert time.monotonic() - started < 20
    assert [item for item, _ in out] == items
    answers = {str(item): answer for item, answer in out}
    assert answers["hang"] == Failure(TIMEOUT, "took longer than 1 s")
    # The items that were in the hung worker's chunk after it are answered by another worker.
    assert [answers[str(k)] for k in (1, 2, 3, 4, 5, 6, 7)] == [f"done {k}" for k in (1, 2, 3, 4, 5, 6, 7)]
    assert replaced == 1


def test_a_worker_that_dies_is_replaced_and_only_its_item_fails():
    items = ["a", "die", "b", "c", "die", "d"]
    with Pool(sleepy, jobs=2, timeout=10, chunk_size=2) as pool:
        out = list(pool.imap(items))
    assert [item for item, _ in out] == items
    failures = [answer for _, answer in out if isinstance(answer, Failure)]
    assert len(failures) == 2
    assert all(f.kind == WORKER_DIED and "SIGKILL" in f.detail for f in failures)
    assert [answer for item, answer in out if item != "die"] == ["done a", "done b", "done c", "done d"]


def test_an_exception_in_the_work_is_an_internal_error_answer():
    with Pool(sleepy, jobs=1, timeout=10) as pool:
        out = dict(pool.imap(["x", "bug", "y"]))
    assert out["x"] == "done x" and out["y"] == "done y"
    assert out["bug"].kind == "internal_error" and "ZeroDivisionError" in out["bug"].detail


def test_reading_ahead_is_bounded_by_the_window():
    read = []

    def items():
        for k in range(1000):
            read.append(k)
            yield k

    with Pool(square, jobs=2, timeout=10, chunk_size=2, window=16) as pool:
        for k, (item, _) in enumerate(pool.imap(items())):
            # Never more than the window read beyond what was given back.
            assert len(read) - k <= 16 + 1
            assert item == k


def test_state_and_its_updates_reach_the_workers():
    sent = []

    def changes_for(worker, chunk):
        if worker not in sent:
            sent.append(worker)
            return 100
        return None

    with Pool(
        with_state, jobs=2, timeout=10, state={"offset": 0}, update=add_offset, changes_for=changes_for
    ) as pool:
        assert [answer for _, answer in pool.imap(range(20))] == [100 + k for k in range(20)]


def test_no_limit_means_a_slow_item_is_waited_for():
    with Pool(sleepy, jobs=1, timeout=None) as pool:
        assert dict(pool.imap([1.5])) == {1.5: "done 1.5"}


@pytest.mark.parametrize("jobs", [1, 3])
def test_empty_input(jobs):
    with Pool(square, jobs=jobs, timeout=5) as pool:
        assert list(pool.imap([])) == []


def test_spawned_workers_as_on_macos_and_windows(monkeypatch):
    from cleaner.run import pool as pool_module

    monkeypatch.setattr(pool_module, "_start_method", lambda: "spawn")
    with Pool(sleepy, jobs=2, timeout=2.0, chunk_size=2) as pool:
        out = dict(pool.imap(["a", "hang", "b"]))
    assert out["a"] == "done a" and out["b"] == "done b"
    assert out["hang"].kind == TIMEOUT


def test_reading_ahead_is_bounded_in_bytes_too():
    read = []

    def items():
        for k in range(40):
            read.append(k)
            yield "x" * 1000

    with Pool(len_work, jobs=2, timeout=10, chunk_size=2, window=1000, window_bytes=5000, size_of=len) as pool:
        for k, (item, answer) in enumerate(pool.imap(items())):
            assert len(read) - k <= 5 + 1  # five items of 1000 bytes, and the one being read
            assert answer == 1000


def len_work(item, state):
    return len(item)


def pid_work(item, state):
    return os.getpid()


def test_a_worker_is_replaced_after_its_share_of_items():
    with Pool(pid_work, jobs=1, timeout=10, chunk_size=5, items_per_worker=10) as pool:
        pids = [answer for _, answer in pool.imap(range(35))]
    assert len(set(pids)) == 4  # 10 + 10 + 10 + 5
    assert all(pids.count(pid) <= 10 for pid in set(pids))
