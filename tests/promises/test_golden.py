"""Golden output: every case in golden/ must give its hand-checked expected text (and title)."""

from __future__ import annotations

import functools
import random

import pytest

import cleaner
from cleaner import Cleaner, Document
from cleaner.devtools.bench.sites import score_case
from cleaner.devtools.golden.cases import REPO_GOLDEN, find_cases, run_case
from cleaner.devtools.golden.sites import find_site_cases, run_site_case

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


# Site cases (golden/sites/): each site's pages are cleaned together, as a batch with profiles.
SITE_CASES = find_site_cases(REPO_GOLDEN)


def test_there_are_site_cases_of_twenty_pages_or_more():
    assert len(SITE_CASES) >= 6  # three sites, in HTML and as text
    assert all(len(case.pages) >= 20 for case in SITE_CASES)


@functools.cache
def _site_results(name: str) -> dict[str, object]:
    case = next(c for c in SITE_CASES if c.name == name)
    return {r.name: r for r in run_site_case(case)}


def _site_param(case, page):
    if page.known_failure:
        return pytest.param(case.name, page.name, id=page.name, marks=pytest.mark.xfail(reason=page.known_failure, strict=True))
    return pytest.param(case.name, page.name, id=page.name)


@pytest.mark.parametrize(("case_name", "page_name"), [_site_param(c, p) for c in SITE_CASES for p in c.page_cases()])
def test_site_page(case_name, page_name):
    result = _site_results(case_name)[page_name]
    assert result.error is None, result.error
    assert result.ok, f"output differs from the expected files:\n{result.diff}"


@pytest.mark.parametrize("case", SITE_CASES, ids=lambda c: c.name)
def test_shuffling_a_site_batch_changes_nothing(case):
    documents = [Document(p.read_bytes(), kind="html" if p.suffix == ".html" else "text") for p in case.pages]
    in_order = [r.text for r in Cleaner(site=case.site).clean_batch(documents)]
    order = list(range(len(documents)))
    random.Random(case.name).shuffle(order)
    shuffled = Cleaner(site=case.site).clean_batch([documents[k] for k in order])
    assert [shuffled[order.index(k)].text for k in range(len(documents))] == in_order


@pytest.mark.parametrize("case", SITE_CASES, ids=lambda c: c.name)
def test_profiles_leave_less_template_than_the_rules_alone(case):
    alone, batch = score_case(case, with_trafilatura=False)
    assert batch.left < alone.left / 10
    assert batch.lost <= alone.lost
