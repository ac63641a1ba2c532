"""Golden output: every case in golden/ must give its hand-checked expected text (and title)."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.golden import REPO_GOLDEN, find_cases, run_case

CASES = find_cases(REPO_GOLDEN)


def test_there_are_golden_cases():
    assert len(CASES) >= 20


def _param(case):
    """A case; one with a known_failure.txt is a strict expected failure (it must not pass unseen)."""
    if case.known_failure:
        return pytest.param(
            case, id=case.name, marks=pytest.mark.xfail(reason=case.known_failure, strict=True)
        )
    return pytest.param(case, id=case.name)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_golden_case(case):
    result = run_case(case)
    assert result.error is None, result.error
    assert result.ok, f"output differs from the expected files:\n{result.diff}"


def test_partly_cleaned_seed_gives_the_same_text():
    full = (REPO_GOLDEN / "seed-000" / "input.txt").read_bytes()
    partial = (REPO_GOLDEN / "seed-001" / "input.txt").read_bytes()
    assert cleaner.clean(full).text == cleaner.clean(partial).text
