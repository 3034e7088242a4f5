"""A binary logistic regression kept as a small JSON file: the learned decisions that need
no neural network (is this abstract the story's source study; is this sentence about the
claim). Trained with scikit-learn by a script in scripts/, read here without it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from factcheck.errors import ModelError
from factcheck.files import write_atomic


@dataclass
class LogisticModel:
    """P(yes) = sigmoid(((x - mean) / scale) · coef + intercept) over named features."""

    features: tuple[str, ...]
    coef: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray
    meta: dict = field(default_factory=dict)

    def probability(self, x) -> np.ndarray:
        """P(yes) for each row of x, shaped (n, features); a single row gives shape (1,)."""
        z = ((np.atleast_2d(np.asarray(x, dtype=float)) - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    @classmethod
    def fit(cls, features: tuple[str, ...], x, y, c: float = 1.0, balanced: bool = True,
            meta: dict | None = None) -> "LogisticModel":
        """Standardise, then fit scikit-learn's L2 logistic regression (classes weighted
        equally when `balanced`)."""
        from sklearn.linear_model import LogisticRegression

        x = np.asarray(x, dtype=float)
        mean, scale = x.mean(0), x.std(0)
        scale[scale == 0] = 1.0
        lr = LogisticRegression(C=c, class_weight="balanced" if balanced else None, max_iter=1000)
        lr.fit((x - mean) / scale, y)
        return cls(tuple(features), lr.coef_[0], float(lr.intercept_[0]), mean, scale, dict(meta or {}))

    def save(self, path: Path | str) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps({"features": list(self.features), "coef": self.coef.tolist(),
                                       "intercept": self.intercept, "mean": self.mean.tolist(),
                                       "scale": self.scale.tolist(), "meta": self.meta}, indent=2) + "\n")

    @classmethod
    def load(cls, path: Path | str, features: tuple[str, ...], retrain: str) -> "LogisticModel":
        """The model at `path`, which must use exactly `features` (else: retrain with `retrain`)."""
        path = Path(path)
        try:
            d = json.loads(path.read_text())
            if tuple(d["features"]) != tuple(features):
                raise ModelError(f"{path}: its features differ from this version's; retrain it with {retrain}")
            return cls(tuple(d["features"]), np.array(d["coef"], float), float(d["intercept"]),
                       np.array(d["mean"], float), np.array(d["scale"], float), d.get("meta", {}))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"{path}: not a logistic-model file ({exc})") from exc
