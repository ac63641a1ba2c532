"""Inputs that once broke a promise of clean() -- found by the fuzzer (fuzz/run) or by the
hypothesis properties -- kept in tests/data/fuzz/ and checked with the fuzzer's own promises."""

from __future__ import annotations

from pathlib import Path

import pytest
from promises import check_input  # fuzz/promises.py, on the path by conftest.py

CASES = sorted((Path(__file__).parent / "data" / "fuzz").iterdir())


def test_there_are_kept_inputs():
    assert CASES


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_a_kept_input_keeps_every_promise(path: Path):
    check_input(path.read_bytes())
