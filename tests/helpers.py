"""Shared builders for the rule tests: an article with boilerplate placed around or inside it."""

from __future__ import annotations

import html

import numpy as np

import cleaner
from cleaner import Result
from cleaner.judge.learned.trees import Trees

# Three paragraphs of plain news prose that no rule should touch.
ARTICLE = [
    (
        "The city council voted on Tuesday to fund a ten-year programme that will plant twelve thousand "
        "street trees, most of them in the eastern districts where canopy cover is lowest."
    ),
    (
        "The plan, which will cost an estimated thirty-one million dollars, prioritises streets within "
        "walking distance of schools and bus stops, the council member who proposed it said."
    ),
    (
        "Residents can ask for a tree outside their home through the city's website from the first of June, "
        "and the first nine hundred trees will go into the ground this autumn."
    ),
]
TITLE = "Council approves plan to replant the city's streets"


def text_doc(*, before: str = "", middle: str = "", after: str = "") -> str:
    """The article as a text dump with boilerplate lines before, in the middle and after it."""
    parts = [before, ARTICLE[0], ARTICLE[1], middle, ARTICLE[2], after]
    return "\n\n".join(p for p in parts if p) + "\n"


def html_page(*, before: str = "", middle: str = "", after: str = "", outside: str = "") -> str:
    """A small page: markup before the article, inside it (middle, after) and after it (outside)."""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in ARTICLE[:2])
    paragraphs += middle + f"<p>{html.escape(ARTICLE[2])}</p>" + after
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(TITLE)}</title></head><body>{before}"
        f"<main><article><h1>{html.escape(TITLE)}</h1>{paragraphs}</article></main>{outside}"
        "</body></html>"
    )


def clean_text(text: str) -> Result:
    return cleaner.clean(text, kind="text")


def clean_html(page: str) -> Result:
    return cleaner.clean(page, kind="html")


def rules_for(result: Result, snippet: str) -> list[str]:
    """The rules of the removals whose text contains the snippet."""
    return [r.rule for r in result.removed if snippet in r.text]


def assert_article_kept(result: Result) -> None:
    for paragraph in ARTICLE:
        assert paragraph in result.text, f"article paragraph lost: {paragraph[:50]!r}\n{result.text}"


def assert_removed(result: Result, snippet: str, rule: str | None = None) -> None:
    """The snippet is gone from the text and the account names the rule that took it."""
    assert snippet not in result.text, f"{snippet!r} should be removed:\n{result.text}"
    rules = rules_for(result, snippet)
    assert rules, f"{snippet!r} is not in the removed list: {result.removed}"
    if rule is not None:
        matching = [r for r in rules if r == rule or (rule.endswith(".") and r.startswith(rule))]
        assert matching, f"{snippet!r} removed by {rules}, expected {rule}"


def assert_kept(result: Result, snippet: str) -> None:
    assert snippet in result.text, f"{snippet!r} should stay:\n{result.text}\nremoved: {result.removed}"
    assert not rules_for(result, snippet), f"{snippet!r} is listed as removed: {rules_for(result, snippet)}"


def constant_model(value: float, names: tuple[str, ...]) -> Trees:
    """A model of one leaf over these feature columns: every row scores `value`."""
    empty = np.zeros(0)
    return Trees(
        empty.astype(np.int32),
        empty,
        empty.astype(np.int32),
        empty.astype(np.int32),
        np.array([value]),
        np.array([~0], np.int32),
        empty,
        names,
    )
