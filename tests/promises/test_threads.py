"""clean() from many threads at once (the Scrapy pipeline cleans in Twisted's thread pool) gives
exactly what it gives from one thread, and nothing crashes: trafilatura is reported to break
under concurrent use in one process (its issues #840 and #925).

Real pages, many at once: the shared WCXB dev split (../shared/data/wcxb-dev from the repo
root), skipped when it is not there. And the state the threads share: the phrase gate's memory
of the words it has resolved.
"""

from __future__ import annotations

import gzip
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import cleaner
from cleaner.lexicon import gate as phrase_gate
from cleaner.lexicon.gate import ListNeeds, PhraseGate

DATASET = Path(__file__).resolve().parents[3] / "shared" / "data" / "wcxb-dev"
THREADS = 8
# A thread switch every 10 µs rather than every 5 ms while the threads run: many more
# interleavings of the same pages, for a race to show in (the pass takes about 7% longer).
SWITCH_INTERVAL = 1e-5
# Every STRIDE-th page of the 1,497 in file order: 250 pages of every page type, about 25 s a
# pass on one core.
STRIDE = 6


def sample_pages() -> list[tuple[str, bytes]]:
    paths = sorted((DATASET / "html").glob("*.html.gz"))[::STRIDE]
    return [(path.name.split(".")[0], gzip.decompress(path.read_bytes())) for path in paths]


def outcome(page: bytes) -> tuple[Any, ...]:
    """Everything clean() promises about a page, or the InputError it raised (any other error
    is a crash, and fails the test)."""
    try:
        result = cleaner.clean(page)
    except cleaner.InputError as error:
        return ("not a document", str(error))
    removed = [(r.text, r.rule, r.reason) for r in result.removed]
    return (result.text, result.title, result.kind, removed, result.notes, result.metadata, result.markdown)


@pytest.mark.skipif(not (DATASET / "html").is_dir(), reason=f"no dataset at {DATASET}")
def test_eight_threads_give_exactly_what_one_thread_gives():
    pages = sample_pages()
    # The threads run first, on cold caches, where concurrent fills are likeliest to collide.
    usual_interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            threaded = list(pool.map(outcome, [page for _, page in pages]))
    finally:
        sys.setswitchinterval(usual_interval)
    single = [outcome(page) for _, page in pages]
    differing = [name for (name, _), a, b in zip(pages, threaded, single) if a != b]
    assert not differing, f"{len(differing)} of {len(pages)} pages differ across threads: {differing[:20]}"


def word_mask(gate: PhraseGate, word: str) -> int:
    return gate.mask(word, [word], (word,), (word,))


def test_a_word_another_thread_is_resolving_still_lets_its_list_through():
    # The gate remembered a word as known before it had found the lists the word lets through:
    # a thread asking in between ruled the list out, and a rule missed its phrase.
    gate = PhraseGate()
    bit = gate.add(ListNeeds(words=["subscribe"]))
    resolving, asked = threading.Event(), threading.Event()
    lists_for = gate.word_conditions.lists_for

    def slow_lists_for(word: str) -> int:
        if not resolving.is_set():  # the first thread to resolve waits for the second to ask
            resolving.set()
            asked.wait(timeout=10)
        return lists_for(word)

    gate.word_conditions.lists_for = slow_lists_for  # type: ignore[method-assign]
    first: list[int] = []
    thread = threading.Thread(target=lambda: first.append(word_mask(gate, "subscribe")))
    thread.start()
    assert resolving.wait(timeout=10)
    second = word_mask(gate, "subscribe")
    asked.set()
    thread.join()
    assert first == [bit] and second == bit


def test_a_text_keeps_its_words_bits_when_the_word_memory_fills_on_it(monkeypatch):
    # When the memory filled while a text's words were being resolved, it was emptied, and the
    # words resolved before that lost their bits for this text.
    monkeypatch.setattr(phrase_gate, "MAX_CACHED_WORDS", 1)
    gate = PhraseGate()
    bit = gate.add(ListNeeds(words=["subscribe"]))
    words = ["subscribe", *(f"filler{k}" for k in range(200))]
    assert gate.mask("subscribe", words, ("subscribe",), ("subscribe",)) == bit
