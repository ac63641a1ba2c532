"""A gradient-boosted tree ensemble as arrays, predicted with numpy: no learning library at run
time. Trained with LightGBM (cleaner.devtools.train) and exported by its `export`."""

from __future__ import annotations

from dataclasses import dataclass
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
        """The ensemble's raw score of each row: the sum of the leaves the row reaches."""
        n = len(X)
        if not n:
            return np.zeros(0)
        X = np.asarray(X, np.float64)
        flat = np.tile(self.root, n)
        rows = np.repeat(np.arange(n), len(self.root))
        active = np.nonzero(flat >= 0)[0]
        while active.size:
            node = flat[active]
            go_left = X[rows[active], self.feature[node]] <= self.threshold[node]
            flat[active] = np.where(go_left, self.left[node], self.right[node])
            active = active[flat[active] >= 0]
        return self.leaf[~flat].reshape(n, -1).sum(axis=1)

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
