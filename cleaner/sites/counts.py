"""Document counts per 64-bit fingerprint, compact and bounded: what a site profile is made of.

A page adds a thousand or so fingerprints (its blocks and their near-duplicate bands), nearly
all of them its own. Held in a Python Counter they cost ~100 bytes each, and a crawl's profile
grew with every page. Here they live in sorted numpy arrays (16 bytes an entry: key, count,
delta), with the last few documents' additions in a small dict merged in now and then, and
the counts are kept by lossy counting (Manku & Motwani, 2002): the documents are cut into
buckets of BUCKET_WIDTH; at the end of each bucket an entry whose count plus delta (how many
documents it may have missed before it was first kept) is no more than the bucket number is
dropped. What stays is every fingerprint on more than 1 / BUCKET_WIDTH of the documents, each
counted short by at most documents / BUCKET_WIDTH, which the profile's thresholds (3 pages and
10% of the site at the least) can afford; a site of up to BUCKET_WIDTH pages is counted exactly.
The memory a site takes then depends on its template and on BUCKET_WIDTH, not on its size.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

# Documents per lossy-counting bucket: counts are exact up to this many documents of a site.
BUCKET_WIDTH = 50
# Additions wait in a dict until they are this many, or an eighth of the arrays.
MIN_STAGED = 256

_KEY = np.uint64
_COUNT = np.uint32


class FingerprintCounts:
    """In how many documents each fingerprint occurs (a lower bound, exact for small sites)."""

    __slots__ = ("counts", "deltas", "documents", "keys", "staged")

    def __init__(self) -> None:
        self.keys = np.empty(0, _KEY)
        self.counts = np.empty(0, _COUNT)
        self.deltas = np.empty(0, _COUNT)
        self.staged: dict[int, int] = {}
        self.documents = 0

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FingerprintCounts):
            return NotImplemented
        return self.documents == other.documents and self.items() == other.items()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"FingerprintCounts({len(self)} fingerprints over {self.documents} documents)"

    def __len__(self) -> int:
        self._merge()
        return len(self.keys)

    def add_document(self, fingerprints: Iterable[int]) -> None:
        """Count one document's distinct fingerprints."""
        staged = self.staged
        for key in fingerprints:
            staged[key] = staged.get(key, 0) + 1
        self.documents += 1
        if self.documents % BUCKET_WIDTH == 0:
            self._merge()
            self._prune()
        elif len(staged) >= max(MIN_STAGED, len(self.keys) // 8):
            self._merge()

    def get(self, key: int) -> int:
        return self.get_many([key])[0]

    def get_many(self, keys: list[int]) -> list[int]:
        """The counts of several fingerprints at once (one search over the arrays)."""
        if not keys:
            return []
        found = [0] * len(keys)
        if len(self.keys):
            wanted = np.fromiter(keys, _KEY, len(keys))
            at = np.searchsorted(self.keys, wanted)
            at[at == len(self.keys)] = 0
            hit = self.keys[at] == wanted
            found = np.where(hit, self.counts[at], 0).tolist()
        if self.staged:
            staged = self.staged
            found = [count + staged.get(key, 0) for count, key in zip(found, keys)]
        return found

    def items(self) -> list[tuple[int, int, int]]:
        """(fingerprint, count, delta) of every entry, in key order."""
        self._merge()
        return list(zip(self.keys.tolist(), self.counts.tolist(), self.deltas.tolist()))

    def merge(self, other: FingerprintCounts) -> None:
        """Add another's counts (a shard of the same site learned elsewhere): counts and deltas
        add up, so the bounds still hold."""
        self._merge()
        other._merge()
        keys = np.concatenate([self.keys, other.keys])
        unique, inverse = np.unique(keys, return_inverse=True)
        counts = np.zeros(len(unique), np.uint64)
        deltas = np.zeros(len(unique), np.uint64)
        np.add.at(counts, inverse, np.concatenate([self.counts, other.counts]).astype(np.uint64))
        np.add.at(deltas, inverse, np.concatenate([self.deltas, other.deltas]).astype(np.uint64))
        self.keys, self.counts, self.deltas = unique, _clip(counts), _clip(deltas)
        self.documents += other.documents

    @classmethod
    def from_items(cls, documents: int, items: Iterable[tuple[int, int, int]]) -> FingerprintCounts:
        entries = sorted(items)
        counts = cls()
        counts.documents = documents
        counts.keys = np.fromiter((k for k, _, _ in entries), _KEY, len(entries))
        counts.counts = np.fromiter((c for _, c, _ in entries), _COUNT, len(entries))
        counts.deltas = np.fromiter((d for _, _, d in entries), _COUNT, len(entries))
        return counts

    # -- the arrays --------------------------------------------------------------------------

    def _merge(self) -> None:
        """Fold the staged additions into the sorted arrays."""
        if not self.staged:
            return
        n = len(self.staged)
        keys = np.fromiter(self.staged.keys(), _KEY, n)
        adds = np.fromiter(self.staged.values(), _COUNT, n)
        self.staged = {}
        at = np.searchsorted(self.keys, keys)
        clipped = np.minimum(at, max(len(self.keys) - 1, 0))
        known = (at < len(self.keys)) & (self.keys[clipped] == keys) if len(self.keys) else np.zeros(n, bool)
        self.counts[at[known]] += adds[known]
        new = ~known
        if new.any():
            # First kept in this bucket: it may have been on every document of the earlier ones.
            delta = max((self.documents - 1) // BUCKET_WIDTH, 0)
            new_keys = keys[new]
            order = np.argsort(new_keys)
            new_keys, new_adds = new_keys[order], adds[new][order]
            where = np.searchsorted(self.keys, new_keys)
            self.keys = np.insert(self.keys, where, new_keys)
            self.counts = np.insert(self.counts, where, new_adds)
            self.deltas = np.insert(self.deltas, where, np.full(len(new_keys), delta, _COUNT))

    def _prune(self) -> None:
        """The end of a bucket: drop what cannot be on more than 1 / BUCKET_WIDTH of the documents."""
        bucket = self.documents // BUCKET_WIDTH
        keep = self.counts.astype(np.int64) + self.deltas > bucket
        if not keep.all():
            self.keys, self.counts, self.deltas = self.keys[keep], self.counts[keep], self.deltas[keep]


def _clip(values: np.ndarray) -> np.ndarray:
    return np.minimum(values, np.iinfo(_COUNT).max).astype(_COUNT)
