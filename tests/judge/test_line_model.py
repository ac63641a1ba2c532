"""The line model of the text path: one row of named features per line, the rules' removals kept
under their names, the model's removals named with a score, the article never lost, and
`cleaner train --lines` building a model that loads and judges a text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import cleaner
from cleaner.cli.main import main
from cleaner.judge.learned import line_judge
from cleaner.judge.learned.line_features import LINE_FEATURE_NAMES, line_features
from cleaner.judge.learned.trees import Trees
from cleaner.judge.passes import judge_text
from cleaner.read.text_blocks import text_blocks

DATASET = Path(__file__).resolve().parents[3] / "shared" / "data" / "wcxb-dev"
SAMPLES = Path(cleaner.__file__).parent / "samples"


def dump() -> str:
    return (SAMPLES / "text-dump.txt").read_text(encoding="utf-8")


def constant(value: float) -> Trees:
    """A model of one leaf: every line scores `value`."""
    empty = np.zeros(0)
    return Trees(
        empty.astype(np.int32),
        empty,
        empty.astype(np.int32),
        empty.astype(np.int32),
        np.array([value]),
        np.array([~0], np.int32),
        empty,
        LINE_FEATURE_NAMES,
    )


def test_every_line_gets_one_row_of_the_named_features():
    blocks = text_blocks(dump())
    X = line_features(blocks, judge_text(blocks))
    assert X.shape == (len(blocks), len(LINE_FEATURE_NAMES))
    assert np.isfinite(X).all()
    assert line_features([], {}).shape == (0, len(LINE_FEATURE_NAMES))


def test_character_counts_are_per_line_even_with_empty_and_non_ascii_lines():
    blocks = text_blocks("Ünïcode line with 2 digits.\n\nPlain line, here!\n\n| a | b |")
    X = line_features(blocks, {})
    column = LINE_FEATURE_NAMES.index
    assert list(X[:, column("log_chars")]) == pytest.approx(np.log1p([len(b.text) for b in blocks]))
    assert X[0, column("digits")] == pytest.approx(1 / len(blocks[0].text))
    assert X[2, column("separators")] == 3


def test_a_model_that_keeps_everything_keeps_the_phrase_rules_removals():
    blocks = text_blocks(dump())
    decisions = judge_text(blocks)
    judged = line_judge.judge_lines(blocks, decisions, constant(1.0))
    assert judged == {k: d for k, d in decisions.items() if not d.rule.startswith(line_judge.RESTORABLE)}


def test_the_model_names_its_removals_with_a_score_and_keeps_the_rules_names():
    blocks = text_blocks(dump())
    decisions = judge_text(blocks)
    scores = np.ones(len(blocks))
    kept = [k for k in range(len(blocks)) if k not in decisions]
    scores[kept[-1]] = 0.05
    judged = line_judge.decide_lines(scores, decisions, line_judge._named, 0.2, 1.01)
    assert judged[kept[-1]].rule == line_judge.MODEL_RULE
    assert "0.05" in judged[kept[-1]].reason
    assert all(judged[k] == d for k, d in decisions.items())


def test_a_model_that_removes_everything_does_not_lose_the_article():
    blocks = text_blocks(dump())
    decisions = judge_text(blocks)
    assert line_judge.judge_lines(blocks, decisions, constant(0.0)) == decisions


def test_clean_uses_the_shipped_line_model_on_text_only(monkeypatch):
    monkeypatch.setattr(line_judge, "shipped_line_model", lambda: constant(1.0))
    text = dump()
    assert cleaner.clean(text, kind="text").text
    html = (SAMPLES / "news-article.html").read_bytes()
    before = cleaner.clean(html).text
    monkeypatch.setattr(line_judge, "shipped_line_model", lambda: constant(0.0))
    assert cleaner.clean(html).text == before


@pytest.mark.skipif(not (DATASET / "html").is_dir(), reason=f"no dataset at {DATASET}")
def test_train_lines_builds_a_model_that_loads_and_judges_a_text(tmp_path: Path, monkeypatch, capsys):
    # Training needs the dev extras (LightGBM, and html-text for the page-text rendering).
    pytest.importorskip("lightgbm")
    pytest.importorskip("html_text")
    model = tmp_path / "lines.npz"
    argv = ["train", str(DATASET), "--lines", "-o", str(model), "--limit", "8", "--folds", "2"]
    argv += ["--rounds", "10", "-j", "1", "--text-cache", str(tmp_path / "texts")]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "loose-text" in printed and "page-text" in printed and "C4 line filter" in printed
    trees = Trees.load(model)
    assert len(trees.root) == 10 and trees.names == LINE_FEATURE_NAMES
    monkeypatch.setattr(line_judge, "shipped_line_model", lambda: trees)
    assert cleaner.clean(dump(), kind="text").text


def test_only_the_rules_that_judge_by_place_can_be_overruled():
    decisions = {
        0: line_judge.Decision("navigation.outside_main_text", "outside the main text"),
        1: line_judge.Decision("watermark.agency_credit", "a wire wrapper"),
    }
    scores = np.array([0.9, 0.9, 0.9])
    judged = line_judge.decide_lines(scores, decisions, line_judge._named, 0.35, 0.5)
    assert judged == {1: decisions[1]}  # the menu line comes back, the wrapper stays out
    judged = line_judge.decide_lines(np.array([0.4, 0.9, 0.9]), decisions, line_judge._named, 0.35, 0.5)
    assert judged == decisions


def test_the_headline_before_the_first_prose_stays():
    text = (
        "Home\nNews\nSport\n\nRiver Wend Flood Warning Issued\n\nBy A. Writer\n\n"
        "The river rose by a metre overnight and the council has opened two rest centres for the "
        "families who had to leave their homes before the water reached the main road.\n"
    )
    blocks = text_blocks(text)
    headline = next(k for k, b in enumerate(blocks) if b.text.startswith("River Wend"))
    judged = line_judge.settle(blocks, {}, {headline: line_judge._named(0.1), 0: line_judge._named(0.1)})
    assert headline not in judged and 0 in judged
