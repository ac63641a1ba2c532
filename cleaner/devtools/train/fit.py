"""Fit the block model (LightGBM, fixed seeds), cross-validated by site, exported to arrays."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...judge.learned.features import FEATURE_NAMES
from ...judge.learned.trees import Trees, from_lightgbm_dump
from .dataset import PageData

SEED = 7
FOLDS = 5
ROUNDS = 300
# Pages whose segments hold less than this share of their truth's words align badly (the truth
# comes from text the page does not show as such): left out of training, still scored.
MIN_ALIGNED = 0.5
PARAMS = {
    "objective": "regression",
    "learning_rate": 0.05,
    "num_leaves": 63,
    "min_data_in_leaf": 40,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "verbose": -1,
    "seed": SEED,
    "deterministic": True,
    "num_threads": 1,
}


@dataclass
class CrossValidation:
    folds: np.ndarray  # each page's fold
    scores: list[np.ndarray]  # each page's segment scores, from the model that did not see its site


def fit(pages: list[PageData], rounds: int = ROUNDS, threads: int = 1) -> Trees:
    import lightgbm

    usable = [p for p in pages if p.aligned >= MIN_ALIGNED and len(p.X)]
    X = np.vstack([p.X for p in usable])
    y = np.concatenate([p.y for p in usable])
    # Long segments weigh more, but not in proportion: a page is more than its longest paragraph.
    weight = np.concatenate([np.sqrt(p.words) + 0.1 for p in usable])
    params = {**PARAMS, "num_threads": threads}
    booster = lightgbm.train(params, lightgbm.Dataset(X, y, weight=weight, free_raw_data=True), rounds)
    return from_lightgbm_dump(booster.dump_model(), FEATURE_NAMES)


def site_folds(pages: list[PageData], folds: int = FOLDS) -> np.ndarray:
    """Each page's fold: whole sites, shuffled with the fixed seed."""
    return folds_of_sites([p.site for p in pages], folds)


def folds_of_sites(sites: list[str], folds: int = FOLDS) -> np.ndarray:
    """The fold of each item of a site: a site's items all in one fold, sites shuffled with the
    fixed seed (pages here, the text renderings of pages for the line model)."""
    names = sorted(set(sites))
    order = np.random.RandomState(SEED).permutation(len(names))
    fold_of = {names[i]: k % folds for k, i in enumerate(order)}
    return np.array([fold_of[site] for site in sites])


def cross_validate(
    pages: list[PageData], folds: int = FOLDS, rounds: int = ROUNDS, threads: int = 1
) -> CrossValidation:
    fold = site_folds(pages, folds)
    scores: list[np.ndarray] = [np.zeros(0)] * len(pages)
    for k in range(folds):
        model = fit([p for p, f in zip(pages, fold) if f != k], rounds, threads)
        for i, page in enumerate(pages):
            if fold[i] == k:
                scores[i] = model.predict(page.X)
    return CrossValidation(fold, scores)


def save_model(model: Trees, path: Path, what: str, started: float) -> None:
    """Write the model and say so: its trees, file, size and the time the command took."""
    model.save(path)
    size = path.stat().st_size / 1e6
    print(f"{what}: {len(model.root)} trees, {path} ({size:.2f} MB), {time.perf_counter() - started:.0f} s")
