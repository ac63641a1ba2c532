"""The line model of the text path: one row of named features per line, the rules' removals kept
under their names, the model's removals named with a score, the article never lost, and
`cleaner train --lines` building a model that loads and judges a text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from helpers import constant_model

import cleaner
from cleaner.cli.main import main
from cleaner.judge.learned import line_judge
from cleaner.judge.learned.line_features import LINE_FEATURE_NAMES, line_features
from cleaner.judge.learned.trees import Trees
from cleaner.judge.passes import judge_text
from cleaner.read.text_blocks import text_blocks

DATASET = Path(__file__).resolve().parents[3] / "shared" / "data" / "wcxb-dev"
SAMPLES = Path(cleaner.__file__).parent / "samples"
PROSE = (
    "The council will plant twelve thousand street trees over the next ten years, and the first "
    "of them go into the ground this autumn along the roads that lead to the schools."
)


def dump() -> str:
    """The sample text dump with a footer of links: a page dump (the model judges only those)."""
    footer = "\n".join(["About us", "Contact", "Careers", "Advertise", "Newsletters", "Podcasts", "Events"] * 2)
    text = (SAMPLES / "text-dump.txt").read_text(encoding="utf-8") + "\n" + footer + "\n"
    assert line_judge.text_kind(text_blocks(text)) == line_judge.DUMP
    return text


def constant(value: float) -> Trees:
    """A model of one leaf: every row scores `value`."""
    return constant_model(value, LINE_FEATURE_NAMES)


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


def short_lines_go(chars: int = 30) -> Trees:
    """A model of one split: lines of at most `chars` characters score 0, the others 1."""
    return Trees(
        np.array([LINE_FEATURE_NAMES.index("log_chars")], np.int32),
        np.array([np.log1p(chars)]),
        np.array([~0], np.int32),
        np.array([~1], np.int32),
        np.array([0.0, 1.0]),
        np.array([0], np.int32),
        np.array([0.5]),
        LINE_FEATURE_NAMES,
    )


def test_clean_uses_the_shipped_line_model(monkeypatch):
    monkeypatch.setattr(line_judge, "shipped_line_model", lambda: constant(1.0))
    text = dump()
    assert cleaner.clean(text, kind="text").text
    html = (SAMPLES / "news-article.html").read_bytes()
    before = cleaner.clean(html).text
    # A model that would take every line would lose the page's article: the rules' text stands.
    monkeypatch.setattr(line_judge, "shipped_line_model", lambda: constant(0.0))
    assert cleaner.clean(html).text == before


def test_a_text_the_model_cleaned_is_clean_already(monkeypatch):
    monkeypatch.setattr(line_judge, "shipped_line_model", lambda: short_lines_go())
    lines = ["Street trees for every school", PROSE, PROSE.upper().capitalize(), "Gift ideas", PROSE[:120] + "."]
    lines += ["Best of the year", "Our partners", "Shop", "Jobs", "Puzzles"]
    first = cleaner.clean("\n\n".join(lines) + "\n", kind="text")
    assert any(r.rule == line_judge.MODEL_RULE for r in first.removed)
    again = cleaner.clean(first.text, kind="text")
    assert again.text == first.text, [(r.rule, r.text) for r in again.removed]


def test_a_page_takes_the_models_removals_on_the_text_it_renders_to(monkeypatch):
    # A page whose kept text reads as a page dump: its article, then short lines of its own.
    short = "".join(f"<p>{w}</p>" for w in ("Gift ideas", "Best of the year", "Our partners", "Shop", "Jobs", "Puzzles"))
    prose = "".join(f"<p>{n} {PROSE}</p>" for n in ("First,", "Second,", "Third,"))
    html = f"<html><body><article><h1>Street trees</h1>{prose}{short}</article></body></html>"
    before = cleaner.clean(html)
    monkeypatch.setattr(line_judge, "shipped_line_model", lambda: short_lines_go(60))
    after = cleaner.clean(html)
    taken = [r.text for r in after.removed if r.rule == line_judge.MODEL_RULE]
    assert taken and all(t in before.text for t in taken)
    assert cleaner.clean(after.text, kind="text").text.split() == after.text.split()


def test_a_text_unlike_those_the_model_learned_from_is_left_to_the_rules():
    blocks = text_blocks("Home\n\nNews\n\nA short note on the weather today, which was fine and dry.\n")
    decisions = judge_text(blocks)
    assert sum(b.n_words for b in blocks) < line_judge.MIN_MODEL_WORDS
    assert line_judge.judge_lines(blocks, decisions, constant(0.0)) == decisions
    # One line of a million characters: the next would read as a footer.
    huge = text_blocks("\n\n".join([PROSE, "&" * line_judge.MAX_MODEL_CHARS, PROSE, "Home"]) + "\n")
    decisions = judge_text(huge)
    assert line_judge.judge_lines(huge, decisions, constant(0.0)) == decisions


def test_the_model_leaves_the_prose_of_a_discussion():
    # Posts signed and dated before the thread's heading: the thread is the page's content.
    posts = []
    for name, day in (("Ann Reed", 1), ("Joe Park", 2), ("Lena Ito", 3), ("Tom Baker", 4), ("Maria Lopez", 5)):
        posts += [f"{name} says:", f"June {day}, 2024 at 8:00 am", f"{PROSE} Posted by {name}.", "Reply"]
    blocks = text_blocks("\n\n".join(["Street trees", *posts[:12], "2 Replies", *posts[12:]]) + "\n")
    rules = judge_text(blocks)
    last = len(blocks) - 2  # the last post's text, above its "Reply"
    assert blocks[last].is_prose and last not in rules
    assert last not in line_judge.settle(blocks, rules, {**rules, last: line_judge._named(0.1)})
    # Without the posts before its heading, the same thread is comments under an article.
    article = text_blocks("\n\n".join(["Street trees", PROSE, PROSE, "2 Replies", *posts[12:]]) + "\n")
    last = len(article) - 2
    assert last in line_judge.settle(article, {}, {last: line_judge._named(0.1)})


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
