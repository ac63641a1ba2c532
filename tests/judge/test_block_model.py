"""The block model: trained by `cleaner train`, exported to arrays that numpy predicts exactly as
LightGBM does, loaded once, and judging each segment of a page with its removals named."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from helpers import constant_model, html_page

import cleaner
from cleaner.cli.main import main
from cleaner.extract.html import extract_html
from cleaner.judge.learned import judge as learned
from cleaner.judge.learned.features import FEATURE_NAMES, page_features
from cleaner.judge.learned.trees import Trees, from_lightgbm_dump
from cleaner.judge.page import judge_html_page

lightgbm = pytest.importorskip("lightgbm")

DATASET = Path(__file__).resolve().parents[3] / "shared" / "data" / "wcxb-dev"
SAMPLES = Path(cleaner.__file__).parent / "samples"


def test_exported_trees_predict_what_lightgbm_predicts():
    rng = np.random.RandomState(0)
    X = rng.rand(500, 6)
    y = (X[:, 0] > 0.5) * 0.7 + X[:, 3] * 0.3
    booster = lightgbm.train(
        {"objective": "regression", "verbose": -1, "num_leaves": 7, "seed": 1}, lightgbm.Dataset(X, y), 25
    )
    trees = from_lightgbm_dump(booster.dump_model(), tuple(f"f{i}" for i in range(6)))
    assert np.allclose(trees.predict(X), booster.predict(X), atol=1e-9)
    # The contributions along a row's paths add up to its score less the trees' root values.
    row = X[0]
    assert trees.contributions(row).sum() == pytest.approx(
        trees.predict(row[None])[0] - trees.value[trees.root].sum()
    )


def test_a_saved_model_loads_the_same(tmp_path: Path):
    trees = Trees(
        np.array([0], np.int32),
        np.array([0.5]),
        np.array([~0], np.int32),
        np.array([~1], np.int32),
        np.array([0.1, 0.9]),
        np.array([0], np.int32),
        np.array([0.5]),
        ("a",),
    )
    trees.save(tmp_path / "m.npz")
    loaded = Trees.load(tmp_path / "m.npz")
    assert loaded.names == ("a",)
    assert list(loaded.predict(np.array([[0.2], [0.8]]))) == [0.1, 0.9]


def constant(value: float) -> Trees:
    """A model of one leaf: every row scores `value`."""
    return constant_model(value, FEATURE_NAMES)


def test_every_segment_gets_one_row_of_the_named_features():
    extraction = extract_html((SAMPLES / "news-article.html").read_text(encoding="utf-8"))
    blocks, decisions, _ = judge_html_page(extraction, None, None)
    X = page_features(
        extraction.segments, extraction.extracted, blocks, decisions, extraction.title, extraction.kind
    )
    assert X.shape == (len(extraction.segments), len(FEATURE_NAMES))
    assert np.isfinite(X).all()


def test_a_model_that_keeps_everything_keeps_what_the_rules_kept_and_their_removals():
    extraction = extract_html((SAMPLES / "news-article.html").read_text(encoding="utf-8"))
    blocks, decisions, _ = judge_html_page(extraction, None, None)
    judged = learned.judge_blocks(extraction, blocks, decisions, constant(1.0))
    kept = [b for i, b in enumerate(judged.blocks) if i not in judged.decisions]
    assert all(b in kept for i, b in enumerate(blocks) if i not in decisions)
    # What a named rule or a mark removed stays removed, under the same name.
    removed_by_rules = {(blocks[i].text, d.rule) for i, d in decisions.items()}
    assert removed_by_rules <= {(judged.blocks[i].text, d.rule) for i, d in judged.decisions.items()}
    assert all(d.rule != learned.MODEL_RULE for d in judged.decisions.values())
    assert judged.confidence == 1.0


def test_a_model_that_removes_everything_does_not_lose_the_article():
    extraction = extract_html((SAMPLES / "news-article.html").read_text(encoding="utf-8"))
    blocks, decisions, _ = judge_html_page(extraction, None, None)
    n = len(extraction.segments)
    # Even where neither trafilatura nor the rules are counted as keeping anything:
    page = learned.ScoredPage(extraction.segments, np.zeros(n), np.zeros((n, 2)), unnamed)
    judged, removed, notes = learned.decide(page, blocks, decisions, extraction.title)
    assert (judged, removed) == (blocks, decisions)  # the rules' text stands
    assert "the rules' text was used" in notes[0]


def unnamed(k: int) -> learned.Decision:
    return learned.Decision(learned.MODEL_RULE, f"segment {k}")


def test_what_trafilatura_and_the_rules_both_kept_stays():
    extraction = extract_html((SAMPLES / "news-article.html").read_text(encoding="utf-8"))
    blocks, decisions, _ = judge_html_page(extraction, None, None)
    n = len(extraction.segments)
    judged, removed = learned.assemble(learned.ScoredPage(extraction.segments, np.zeros(n), np.ones((n, 2)), unnamed), blocks, decisions)
    assert (judged, removed) == (blocks, decisions)
    # Where only the rules kept them, the model's verdict holds.
    kept_by_rules = np.tile([0.0, 1.0], (n, 1))
    judged, removed = learned.assemble(learned.ScoredPage(extraction.segments, np.zeros(n), kept_by_rules, unnamed), blocks, decisions)
    assert any(d.rule == learned.MODEL_RULE for d in removed.values())


def test_a_sentence_kept_without_the_date_inside_it_is_not_put_back_whole(monkeypatch):
    sentence = "The committee met on <time>5 May 2024</time> and the chair said the report was due within the month."
    monkeypatch.setattr(learned, "shipped_model", lambda: constant(1.0))
    result = cleaner.clean(html_page(middle=f"<p>{sentence}</p>"))
    assert "met on and the chair" in result.text  # trafilatura's sentence, without the <time>
    assert "met on 5 May 2024" not in result.text


def test_pages_unlike_those_the_model_learned_from_keep_the_rules_text(monkeypatch):
    extraction = extract_html((SAMPLES / "news-article.html").read_text(encoding="utf-8"))
    blocks, decisions, _ = judge_html_page(extraction, None, None)
    monkeypatch.setattr(learned, "MAX_MODEL_CHARS", 100)
    judged = learned.judge_blocks(extraction, blocks, decisions, constant(0.0))
    assert (judged.blocks, judged.decisions, judged.confidence) == (blocks, decisions, None)
    assert "far larger than the pages the block model learned from" in judged.notes[0]
    monkeypatch.undo()
    extraction.extractor_ran = False
    judged = learned.judge_blocks(extraction, blocks, decisions, constant(0.0))
    assert (judged.blocks, judged.decisions, judged.confidence) == (blocks, decisions, None)
    assert "needs trafilatura's choice" in judged.notes[0]


@pytest.mark.skipif(not (DATASET / "html").is_dir(), reason=f"no dataset at {DATASET}")
def test_train_builds_a_model_that_loads_and_judges_a_page(tmp_path: Path, monkeypatch, capsys):
    model = tmp_path / "model.npz"
    assert (
        main(
            [
                "train",
                str(DATASET),
                "-o",
                str(model),
                "--limit",
                "12",
                "--folds",
                "2",
                "--rounds",
                "20",
                "-j",
                "1",
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "model (oof)" in printed and "rank correlation" in printed
    trees = Trees.load(model)
    assert len(trees.root) == 20 and trees.names == FEATURE_NAMES
    monkeypatch.setattr(learned, "shipped_model", lambda: trees)
    result = cleaner.clean((SAMPLES / "news-article.html").read_bytes())
    assert result.text and 0.0 <= result.confidence <= 1.0
    for removal in result.removed:
        if removal.rule == learned.MODEL_RULE:
            assert removal.reason.startswith("score ")


def test_text_input_has_no_confidence():
    assert cleaner.clean("Just a line of text.\n\nAnd another one here.", kind="text").confidence is None


def test_blocks_keep_their_form_and_the_model_names_what_it_removes():
    extraction = extract_html((SAMPLES / "news-article.html").read_text(encoding="utf-8"))
    blocks, decisions, _ = judge_html_page(extraction, None, None)
    kept = [i for i in range(len(blocks)) if i not in decisions]
    scores = np.ones(len(extraction.segments))
    owner = [k for k, s in enumerate(extraction.segments) if s.text == blocks[kept[-1]].text]
    scores[owner] = 0.0  # the model removes the last block the rules kept
    # As if neither trafilatura nor the rules had kept anything:
    page = learned.ScoredPage(extraction.segments, scores, np.zeros((len(scores), 2)), unnamed)
    judged, removed = learned.assemble(page, blocks, decisions)
    assert all(blocks[i] in judged for i in kept)  # the same Block objects: roles, lines, groups
    named = [judged[i] for i, d in removed.items() if d.rule == learned.MODEL_RULE]
    assert named == [blocks[kept[-1]]]
