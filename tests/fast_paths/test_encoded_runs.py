"""decode.encoded_runs, which looks for long base64 or hex runs around probes, finds what a regex
scan of the whole text finds: each longest run of ENCODED_RUN_CHARS characters or more."""

from __future__ import annotations

import random
import re

from cleaner.read.decode import ENCODED_RUN_CHARS, encoded_runs

SCAN = re.compile(rf"[A-Za-z0-9+/=_-]{{{ENCODED_RUN_CHARS},}}")
N = ENCODED_RUN_CHARS


def test_the_runs_are_those_a_scan_finds():
    rng = random.Random(5)
    lengths = [1, 5, N - 2, N - 1, N, N + 1, 2 * N - 1, 2 * N, 2 * N + 1, 3 * N + 7]
    for _ in range(400):
        parts = [rng.choice(["", "x ", " " * rng.randint(0, 2 * N)])]
        for _ in range(rng.randint(1, 5)):
            parts.append("".join(rng.choice("Az09+/=_-") for _ in range(rng.choice(lengths))))
            parts.append(rng.choice(["", " ", "é", "\n", " x. "]))
        text = "".join(parts)
        assert encoded_runs(text) == [m.span() for m in SCAN.finditer(text)]


def test_prose_has_none():
    assert encoded_runs("Some words, and more words. " * 200) == []
