"""Compact fingerprint counts: exact for small sites, lossy counting's bounds for large ones,
memory that follows the template, not the number of documents."""

from __future__ import annotations

import random
from collections import Counter

from cleaner.sites.counts import BUCKET_WIDTH, FingerprintCounts

BIG = 2**64 - 1  # fingerprints are unsigned 64-bit


def documents(n: int, seed: int = 1):
    """Pages of a site: a template on every page, a box on a fifth of them, a rare line on 3%
    of them, and 40 fingerprints of the page's own."""
    rng = random.Random(seed)
    for k in range(n):
        page = {1, 2, 3, BIG}
        if rng.random() < 0.2:
            page.add(10)
        if rng.random() < 0.03:
            page.add(20)
        page.update(rng.randrange(1000, BIG) for _ in range(40))
        yield page


def test_exact_up_to_a_bucket_of_documents():
    counts, truth = FingerprintCounts(), Counter()
    for page in documents(BUCKET_WIDTH - 1):
        counts.add_document(page)
        truth.update(page)
    keys = list(truth)
    assert counts.get_many(keys) == [truth[k] for k in keys]
    assert counts.get(12345) == 0
    assert len(counts) == len(truth)


def test_lossy_counts_are_close_lower_bounds_and_keep_what_is_frequent():
    n = 12 * BUCKET_WIDTH
    counts, truth = FingerprintCounts(), Counter()
    for page in documents(n):
        counts.add_document(page)
        truth.update(page)
    slack = n // BUCKET_WIDTH
    for key, true in truth.items():
        found = counts.get(key)
        assert true - slack <= found <= true
    # The template, the box (20%) and the rare line (3% > 1/BUCKET_WIDTH) are all still there.
    assert counts.get_many([1, 2, 3, BIG]) == [n] * 4
    assert counts.get(10) >= truth[10] - slack > 0
    assert counts.get(20) >= truth[20] - slack


def test_memory_follows_the_template_not_the_documents():
    sizes = []
    counts = FingerprintCounts()
    for k, page in enumerate(documents(20 * BUCKET_WIDTH), 1):
        counts.add_document(page)
        if k % (5 * BUCKET_WIDTH) == 0:
            sizes.append(len(counts))
    # Each page brings 40 new fingerprints; what is kept stays near two buckets' worth.
    assert max(sizes) < 2 * 40 * BUCKET_WIDTH + 10
    assert sizes[-1] <= sizes[0] * 1.2


def test_merging_shards_equals_counting_them_together():
    pages = list(documents(40, seed=3))
    whole, left, right = FingerprintCounts(), FingerprintCounts(), FingerprintCounts()
    for k, page in enumerate(pages):
        whole.add_document(page)
        (left if k % 2 else right).add_document(page)
    left.merge(right)
    assert left == whole
    assert left.documents == 40


def test_round_trip_through_items():
    counts = FingerprintCounts()
    for page in documents(3 * BUCKET_WIDTH):
        counts.add_document(page)
    again = FingerprintCounts.from_items(counts.documents, counts.items())
    assert again == counts
    assert any(delta for _, _, delta in counts.items())  # lossy counting gave some entries a delta
