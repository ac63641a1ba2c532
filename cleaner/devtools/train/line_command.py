"""`cleaner train --lines DATASET -o MODEL`: label the lines of the dataset's pages in both text
renderings, cross-validate by site, print the out-of-fold table next to no cleaning, the C4 line
filter and the rules in the same run, fit on every page, save."""

from __future__ import annotations

import argparse
import pickle
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...judge.learned.line_features import LINE_FEATURE_NAMES
from ...judge.learned.line_judge import (
    DUMP,
    EXTRACTED,
    MODEL_RULE,
    decide_lines,
    judge_lines,
    settle,
    text_kind,
)
from ...judge.learned.trees import Trees, from_lightgbm_dump
from ...model.decision import Decision
from ...output.results import render_kept
from ..bench.metrics import mean, snippet_rate, word_f1
from ..bench.text_inputs import MODES, c4_line_filter, default_cache_dir
from ..bench.wcxb import PAGE_TYPES
from .dataset import labelled
from .fit import FOLDS, MIN_ALIGNED, PARAMS, folds_of_sites, save_model
from .line_dataset import TextData, load_text_dataset

LINE_ROUNDS = 200
LINE_PARAMS = {**PARAMS, "num_leaves": 31, "min_data_in_leaf": 50}
REMOVE_GRID = (0.2, 0.3, 0.35, 0.4, 0.5)
RESTORE_GRID = (0.3, 0.4, 0.5, 0.7, 1.01)


def run_train_lines(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    texts = _texts(args)
    print(f"{len(texts)} texts, {sum(len(t.X) for t in texts)} lines")
    if args.folds > 1:
        cv = cross_validate_lines(texts, args.folds, args.rounds, args.jobs)
        if args.cache:  # the out-of-fold scores and fold models, to study thresholds without fitting again
            with args.cache.with_suffix(".oof.pkl").open("wb") as handle:
                pickle.dump(cv, handle)
        report_lines(texts, cv)
    save_model(fit_lines(texts, args.rounds, args.jobs), args.output, "line model", started)
    return 0


def _texts(args: argparse.Namespace) -> list[TextData]:
    cache_dir = getattr(args, "text_cache", None) or default_cache_dir()
    return labelled(args.cache, lambda: load_text_dataset(args.dataset, cache_dir, args.jobs, args.limit))


def fit_lines(texts: list[TextData], rounds: int = LINE_ROUNDS, threads: int = 1) -> Trees:
    import lightgbm

    usable = [t for t in texts if t.aligned >= MIN_ALIGNED and len(t.X)]
    X = np.vstack([t.X for t in usable])
    y = np.concatenate([t.y for t in usable])
    # Each text weighs about the same whatever its number of lines (F1 is a mean over pages); in
    # it, a line weighs by its words, less than in proportion.
    weight = np.concatenate([_line_weights(t) for t in usable])
    params = {**LINE_PARAMS, "num_threads": threads}
    booster = lightgbm.train(params, lightgbm.Dataset(X, y, weight=weight, free_raw_data=True), rounds)
    return from_lightgbm_dump(booster.dump_model(), LINE_FEATURE_NAMES)


def _line_weights(text: TextData) -> np.ndarray:
    weight = np.sqrt(text.words) + 0.1
    return weight * (len(weight) / weight.sum()) / np.sqrt(len(weight))


def text_folds(texts: list[TextData], folds: int = FOLDS) -> np.ndarray:
    """Each text's fold: whole sites (both renderings of a page with them), shuffled with the seed."""
    return folds_of_sites([t.site for t in texts], folds)


@dataclass
class LineCrossValidation:
    folds: np.ndarray  # each text's fold
    scores: list[np.ndarray]  # each text's line scores, from the model that did not see its site
    models: list[Trees]  # the model of each fold, fitted on the other folds


def cross_validate_lines(
    texts: list[TextData], folds: int = FOLDS, rounds: int = LINE_ROUNDS, threads: int = 1
) -> LineCrossValidation:
    """Each text's line scores and each fold's model, fitted without the fold's sites."""
    fold = text_folds(texts, folds)
    scores: list[np.ndarray] = [np.zeros(0)] * len(texts)
    models = []
    for k in range(folds):
        model = fit_lines([t for t, f in zip(texts, fold) if f != k], rounds, threads)
        models.append(model)
        for i, text in enumerate(texts):
            if fold[i] == k:
                scores[i] = model.predict(text.X)
    return LineCrossValidation(fold, scores, models)


def first_round_text(text: TextData, scores: np.ndarray, remove_at: float, restore_at: float) -> str:
    """The text the model's first round gives with these scores and thresholds (for the grid)."""
    if not len(text.X):
        return render_kept(text.blocks, text.decisions, None)[0]
    decisions = decide_lines(scores, text.decisions, _unnamed, remove_at, restore_at)
    return render_kept(text.blocks, settle(text.blocks, text.decisions, decisions), None)[0]


def model_text(text: TextData, model: Trees) -> str:
    """The text as clean_text gives it with this model: its rounds, thresholds and guards."""
    return render_kept(text.blocks, judge_lines(text.blocks, text.decisions, model), None)[0]


def _unnamed(_: float) -> Decision:
    return Decision(MODEL_RULE, "")


def report_lines(texts: list[TextData], cv: LineCrossValidation) -> None:
    """The thresholds per kind of text (the first round on the out-of-fold scores), then per
    rendering: F1 per page type and the "without" snippets kept, for no cleaning, C4, the rules
    and the model out of fold (each text cleaned as clean_text cleans it, by its fold's model)."""
    report_thresholds(texts, cv.scores)
    report_renderings(texts, cv)


def report_thresholds(texts: list[TextData], scores: list[np.ndarray]) -> None:
    for kind in (DUMP, EXTRACTED):
        chosen = [i for i, t in enumerate(texts) if len(t.X) and text_kind(t.blocks) == kind]
        print(f"\n{kind}s ({len(chosen)} texts, out of fold by site): F1 and without% by threshold")
        rules = [render_kept(texts[i].blocks, texts[i].decisions, None)[0] for i in chosen]
        print(f"  rules {_f1(rules, [texts[i] for i in chosen])}")
        for remove_at in REMOVE_GRID:
            cells = []
            for restore_at in RESTORE_GRID:
                outputs = [first_round_text(texts[i], scores[i], remove_at, restore_at) for i in chosen]
                cells.append(f"back>={restore_at}: {_f1(outputs, [texts[i] for i in chosen])}")
            print(f"  r<{remove_at:<5}" + "  ".join(cells))


def report_renderings(texts: list[TextData], cv: LineCrossValidation) -> None:
    for mode in MODES:
        chosen = [i for i, t in enumerate(texts) if t.mode == mode]
        subset = [texts[i] for i in chosen]
        print(f"\n{mode} ({len(subset)} texts, out of fold by site)")
        print(f"{'system':26s} {'all':>6s} " + " ".join(f"{t[:8]:>8s}" for t in PAGE_TYPES) + "  without")
        _row("no cleaning", subset, [t.text for t in subset])
        _row("C4 line filter", subset, [c4_line_filter(t.text) for t in subset])
        _row("rules", subset, [render_kept(t.blocks, t.decisions, None)[0] for t in subset])
        _row("line model (oof)", subset, [model_text(texts[i], cv.models[cv.folds[i]]) for i in chosen])


def _f1(outputs: list[str], texts: list[TextData]) -> str:
    f1 = mean([word_f1(o, t.truth)[2] for o, t in zip(outputs, texts)])
    rates = [r for o, t in zip(outputs, texts) if (r := snippet_rate(o, t.without)) is not None]
    return f"{f1:.4f} {100 * mean(rates):4.1f}%"


def _row(name: str, texts: list[TextData], outputs: list[str]) -> None:
    f1 = np.array([word_f1(o, t.truth)[2] for o, t in zip(outputs, texts)])
    by_type = [mean([f for f, t in zip(f1, texts) if t.page_type == p]) for p in PAGE_TYPES]
    rates = [r for o, t in zip(outputs, texts) if (r := snippet_rate(o, t.without)) is not None]
    print(f"{name:26s} {f1.mean():6.4f} " + " ".join(f"{v:8.4f}" for v in by_type) + f"  {100 * mean(rates):6.1f}%")


def load_model(path: Path) -> Trees:
    return Trees.load(path)
