"""`cleaner bench --hostile`: each case in a child process on one core, measured and reported."""

from __future__ import annotations

from cleaner.devtools.bench.hostile import CASES, hostile_table, measure


def case_index(name: str) -> int:
    return next(k for k, case in enumerate(CASES) if name in case.name)


def test_a_case_is_cleaned_in_a_child_and_reported():
    outcome = measure(case_index("billion laughs"), "cleaner")
    assert outcome.cpu_seconds >= 0 and outcome.peak_mib > 0
    assert outcome.result.endswith("chars") and not outcome.result.startswith("0 chars")


def test_an_input_error_is_reported_as_such():
    outcome = measure(case_index("random bytes"), "cleaner")
    assert outcome.result.startswith("InputError: ")


def test_the_table_has_a_row_per_case_and_columns_per_system():
    table = hostile_table([case_index("billion laughs")], ("cleaner",), log=lambda _: None)
    rows = table.splitlines()
    assert len(rows) == 3 and rows[2].startswith("| billion laughs")
    assert rows[0].count("|") == rows[2].count("|")
