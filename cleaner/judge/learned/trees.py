"""A gradient-boosted tree ensemble as arrays, predicted with numpy: no learning library at run
time. Trained with LightGBM (cleaner.devtools.train) and exported by its `export`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Trees:
    """Every tree's inner nodes in one set of arrays: a child < 0 is the leaf ~child."""

    feature: np.ndarray  # int32, the column each inner node splits on
    threshold: np.ndarray  # float64: go left when the value is <= threshold
    left: np.ndarray  # int32
    right: np.ndarray  # int32
    leaf: np.ndarray  # float64, every leaf's value
    root: np.ndarray  # int32, each tree's root (a leaf when the tree is a single leaf)
    value: np.ndarray  # float64, each inner node's value (the mean of the leaves under it)
    names: tuple[str, ...]  # the feature columns, in order

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The ensemble's raw score of each row: the sum of the leaves the row reaches.

        Every (row, tree) pair walks down a level at a time; the pairs that reached a leaf drop
        out. The walk reads the flat layout (_Walk): one gather per array and level.
        """
        n = len(X)
        if not n:
            return np.zeros(0)
        walk = self._walk
        if isinstance(X, np.ndarray) and X.dtype == np.float32:
            X, threshold = np.ascontiguousarray(X), walk.threshold32  # half the bytes to gather
        else:
            X, threshold = np.ascontiguousarray(X, np.float64), walk.threshold
        width = X.shape[1]
        values = X.ravel()
        trees = len(walk.root)
        node = np.tile(walk.root, n)
        row_start = np.repeat(np.arange(0, n * width, width), trees)
        active = np.nonzero(node < walk.inner)[0]
        while active.size:
            at = node[active]
            right = ~(values[row_start[active] + walk.feature[at]] <= threshold[at])  # NaN goes right
            at = walk.children[2 * at + right]
            node[active] = at
            active = active[at < walk.inner]
        # The leaves of each row in tree order, summed as before: the same sums to the last bit.
        return walk.leaf[node].reshape(n, trees).sum(axis=1)

    @cached_property
    def _walk(self) -> _Walk:
        return _Walk.of(self)

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """How much each feature moved one row's score, along the paths it took (the change of
        node value at each split, credited to the split's feature), all trees a level at a time."""
        out = np.zeros(len(self.names))
        x = np.asarray(x, np.float64)
        node = self.root[self.root >= 0]
        while node.size:
            go_left = x[self.feature[node]] <= self.threshold[node]
            child = np.where(go_left, self.left[node], self.right[node])
            inner = child >= 0
            reached = np.where(
                inner, self.value[np.where(inner, child, 0)], self.leaf[np.where(inner, 0, ~child)]
            )
            np.add.at(out, self.feature[node], reached - self.value[node])
            node = child[inner]
        return out

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            feature=self.feature,
            threshold=self.threshold,
            left=self.left,
            right=self.right,
            leaf=self.leaf,
            root=self.root,
            value=self.value,
            names=np.asarray(self.names),
        )

    @classmethod
    def load(cls, path: Path) -> Trees:
        with np.load(path, allow_pickle=False) as data:
            return cls(
                data["feature"],
                data["threshold"],
                data["left"],
                data["right"],
                data["leaf"],
                data["root"],
                data["value"],
                tuple(str(name) for name in data["names"]),
            )


@dataclass(frozen=True)
class _Walk:
    """The trees laid out for predict: inner nodes first, then the leaves, in one numbering, so
    that a level of the walk is a gather from each array; a leaf's children are itself."""

    inner: int  # the number of inner nodes: node k is the leaf k - inner when k >= inner
    feature: np.ndarray  # intp, per node (0 for a leaf)
    threshold: np.ndarray  # float64, per node
    # float32, per node: the largest float32 at most the threshold, so that for a float32 value
    # x, x <= threshold32 exactly when x <= threshold.
    threshold32: np.ndarray
    children: np.ndarray  # intp, left and right child of node k at 2k and 2k + 1
    leaf: np.ndarray  # float64, per node (0 for an inner node)
    root: np.ndarray  # intp, each tree's root

    @classmethod
    def of(cls, trees: Trees) -> _Walk:
        inner, leaves = len(trees.feature), len(trees.leaf)

        def numbered(child: np.ndarray) -> np.ndarray:
            return np.where(child >= 0, child, inner + ~child).astype(np.intp)

        children = np.empty((inner + leaves, 2), np.intp)
        children[:inner, 0], children[:inner, 1] = numbered(trees.left), numbered(trees.right)
        children[inner:, 0] = children[inner:, 1] = np.arange(inner, inner + leaves)
        threshold = np.concatenate([np.asarray(trees.threshold, np.float64), np.full(leaves, np.inf)])
        threshold32 = threshold.astype(np.float32)
        above = threshold32.astype(np.float64) > threshold
        threshold32[above] = np.nextafter(threshold32[above], np.float32(-np.inf))
        return cls(
            inner,
            np.concatenate([trees.feature, np.zeros(leaves)]).astype(np.intp),
            threshold,
            threshold32,
            children.ravel(),
            np.concatenate([np.zeros(inner), trees.leaf]),
            numbered(trees.root),
        )


def from_lightgbm_dump(dump: dict[str, Any], names: tuple[str, ...]) -> Trees:
    """The arrays of a LightGBM model's `dump_model()` (numeric splits, "<=" decisions)."""
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    leaves: list[float] = []
    values: list[float] = []

    def add(node: dict[str, Any]) -> int:
        if "leaf_value" in node:
            leaves.append(node["leaf_value"])
            return ~(len(leaves) - 1)
        if node["decision_type"] != "<=":
            raise ValueError(f"cannot export a {node['decision_type']!r} split")
        k = len(feature)
        feature.append(node["split_feature"])
        threshold.append(node["threshold"])
        values.append(node["internal_value"])
        left.append(0)
        right.append(0)
        left[k] = add(node["left_child"])
        right[k] = add(node["right_child"])
        return k

    roots = [add(tree["tree_structure"]) for tree in dump["tree_info"]]
    return Trees(
        np.asarray(feature, np.int32),
        np.asarray(threshold, np.float64),
        np.asarray(left, np.int32),
        np.asarray(right, np.int32),
        np.asarray(leaves, np.float64),
        np.asarray(roots, np.int32),
        np.asarray(values, np.float64),
        names,
    )
