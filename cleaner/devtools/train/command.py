"""`cleaner train DATASET -o MODEL`: label the dataset's pages, cross-validate by site, print the
out-of-fold table next to trafilatura and the rules in the same run, fit on every page, save."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from ...judge.learned.features import declared_kind
from ...judge.learned.judge import (
    KEEP_AT,
    KEPT_BY_COLUMNS,
    MODEL_RULE,
    ScoredPage,
    decide,
    page_confidence,
    segment_words,
)
from ...model.decision import Decision
from ...output.results import render_kept
from ..bench.metrics import mean, snippet_rate, word_f1
from ..bench.wcxb import PAGE_TYPES
from .dataset import PageData, labelled, load_dataset
from .fit import FOLDS, MIN_ALIGNED, ROUNDS, cross_validate, fit, save_model
from .line_command import LINE_ROUNDS

THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.35)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", type=Path, help="a WCXB-format folder (html/, ground-truth/)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the model file to write (.npz)")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="worker processes reading the pages")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--folds", type=int, default=FOLDS, help="cross-validation folds (0: none)")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="boosting rounds")
    parser.add_argument("--cache", type=Path, help="read the labelled pages from here, or save them here")
    parser.add_argument(
        "--lines",
        action="store_true",
        help="train the line model of the text path instead, on the pages' text renderings (page-text, loose-text)",
    )
    parser.add_argument(
        "--text-cache", type=Path, help="--lines: where the text renderings are cached (as `cleaner bench --cache`)"
    )


def run_train(args: argparse.Namespace) -> int:
    if args.lines:
        from .line_command import run_train_lines

        if args.rounds == ROUNDS:
            args.rounds = LINE_ROUNDS
        return run_train_lines(args)
    started = time.perf_counter()
    pages = _pages(args)
    bad = sum(p.aligned < MIN_ALIGNED for p in pages)
    print(
        f"{len(pages)} pages, {sum(len(p.X) for p in pages)} segments; {bad} align badly (under "
        f"{MIN_ALIGNED:.0%} of their truth's words in the page's segments), left out of training"
    )
    if args.folds > 1:
        cv = cross_validate(pages, args.folds, args.rounds, args.jobs)
        report(pages, cv.scores)
    save_model(fit(pages, args.rounds, args.jobs), args.output, "model", started)
    return 0


def _pages(args: argparse.Namespace) -> list[PageData]:
    return labelled(args.cache, lambda: load_dataset(args.dataset, args.jobs, args.limit))


def model_text(page: PageData, scores: np.ndarray, threshold: float) -> str:
    """The page's text as the pipeline would give it with these scores at this threshold."""
    if not len(page.X):
        return page.rules_text
    scored = ScoredPage(page.segments, scores, page.X[:, KEPT_BY_COLUMNS], _unnamed, declared_kind(page.X))
    # The rules judge what was put back without the title, which the cache does not hold.
    blocks, decisions, notes = decide(scored, page.blocks, page.decisions, None, threshold)
    return page.rules_text if notes else render_kept(blocks, decisions, None)[0]


def _unnamed(_: int) -> Decision:
    return Decision(MODEL_RULE, "")


def report(pages: list[PageData], scores: list[np.ndarray]) -> None:
    """The out-of-fold table: F1 per page type, snippets kept that should go, pages far below
    trafilatura, and how the confidence ranks the pages."""
    alone = [word_f1(p.trafilatura_text, p.truth)[2] for p in pages]
    chosen = np.zeros(len(pages))
    print(
        f"{'system':22s} {'all':>6s} " + " ".join(f"{t[:8]:>8s}" for t in PAGE_TYPES) + "  without  <traf-0.3"
    )
    _row("trafilatura", pages, [p.trafilatura_text for p in pages], alone)
    _row("rules", pages, [p.rules_text for p in pages], alone)
    for threshold in THRESHOLDS:
        f1 = _row(
            f"model (oof) t={threshold}",
            pages,
            [model_text(p, s, threshold) for p, s in zip(pages, scores)],
            alone,
        )
        if threshold == KEEP_AT:
            chosen = f1
    confidence = np.array([page_confidence(s, segment_words(p.segments)) for p, s in zip(pages, scores)])
    rank = _spearman(confidence, chosen)
    tenth = np.argsort(confidence)[: max(len(pages) // 10, 1)]
    print(
        f"confidence at t={KEEP_AT}: rank correlation with page F1 {rank:.3f}; mean F1 of the least "
        f"confident tenth {chosen[tenth].mean():.3f} (all: {chosen.mean():.3f})"
    )


def _row(name: str, pages: list[PageData], texts: list[str], alone: list[float]) -> np.ndarray:
    f1 = np.array([word_f1(text, p.truth)[2] for text, p in zip(texts, pages)])
    by_type = [mean([f for f, p in zip(f1, pages) if p.page_type == t]) for t in PAGE_TYPES]
    rates = [r for text, p in zip(texts, pages) if (r := snippet_rate(text, p.without)) is not None]
    below = int(np.sum(f1 < np.array(alone) - 0.3))
    print(
        f"{name:22s} {f1.mean():6.3f} "
        + " ".join(f"{v:8.3f}" for v in by_type)
        + f"  {100 * mean(rates):6.1f}%  {below:8d}"
    )
    return f1


def _spearman(a: np.ndarray, b: np.ndarray) -> float:
    ranks_a, ranks_b = np.argsort(np.argsort(a)), np.argsort(np.argsort(b))
    return float(np.corrcoef(ranks_a, ranks_b)[0, 1]) if len(a) > 1 else float("nan")
