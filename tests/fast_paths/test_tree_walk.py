"""Trees.predict's level walk gives, to the last bit, the sums of a plain walk of each row down
each tree, for float64 and float32 rows, values at and beside the thresholds, and NaN."""

from __future__ import annotations

import numpy as np

from cleaner.judge.learned.judge import shipped_model
from cleaner.judge.learned.trees import Trees


def plain_predict(trees: Trees, X: np.ndarray) -> np.ndarray:
    """Each row down each tree, one node at a time (NaN goes right, as `x <= t` is false)."""
    X = np.asarray(X, np.float64)
    scores = np.zeros(len(X))
    for r, x in enumerate(X):
        leaves = []
        for root in trees.root:
            node = int(root)
            while node >= 0:
                go_left = x[trees.feature[node]] <= trees.threshold[node]
                node = int(trees.left[node] if go_left else trees.right[node])
            leaves.append(trees.leaf[~node])
        scores[r] = np.asarray(leaves).sum()  # numpy's sum over the trees, as predict sums
    return scores


def random_trees(rng: np.random.Generator, n_trees: int, n_features: int) -> Trees:
    """Unbalanced random trees, some a single leaf, with thresholds float32 cannot hold."""
    feature, threshold, left, right, leaf, roots = [], [], [], [], [], []

    def grow(depth: int) -> int:
        if depth > 6 or rng.random() < 0.3:
            leaf.append(rng.normal())
            return ~(len(leaf) - 1)
        k = len(feature)
        feature.append(int(rng.integers(n_features)))
        threshold.append(float(rng.normal()) + 1e-12)
        left.append(0)
        right.append(0)
        left[k], right[k] = grow(depth + 1), grow(depth + 1)
        return k

    roots = [grow(0) for _ in range(n_trees)]
    return Trees(
        np.asarray(feature, np.int32),
        np.asarray(threshold, np.float64),
        np.asarray(left, np.int32),
        np.asarray(right, np.int32),
        np.asarray(leaf, np.float64),
        np.asarray(roots, np.int32),
        np.zeros(len(feature)),
        tuple(f"f{i}" for i in range(n_features)),
    )


def edge_rows(rng: np.random.Generator, trees: Trees, rows: int) -> np.ndarray:
    """Values drawn from the thresholds, the floats beside them, NaN and the infinities."""
    t = trees.threshold
    pool = np.concatenate([t, np.nextafter(t, np.inf), np.nextafter(t, -np.inf), [np.nan, np.inf, -np.inf, 0.0]])
    return rng.choice(pool, size=(rows, len(trees.names)))


def test_the_walk_sums_what_a_plain_walk_sums():
    rng = np.random.default_rng(7)
    trees = random_trees(rng, 40, 5)
    X = edge_rows(rng, trees, 300)
    assert np.array_equal(trees.predict(X), plain_predict(trees, X))
    X32 = X.astype(np.float32)
    assert np.array_equal(trees.predict(X32), plain_predict(trees, X32))


def test_the_shipped_model_on_float32_rows_as_on_float64():
    model = shipped_model()
    assert model is not None
    rng = np.random.default_rng(3)
    X32 = edge_rows(rng, model, 200).astype(np.float32)
    assert np.array_equal(model.predict(X32), model.predict(X32.astype(np.float64)))
    assert np.array_equal(model.predict(X32[:5]), plain_predict(model, X32[:5]))
    assert model.predict(np.zeros((0, len(model.names)))).shape == (0,)
