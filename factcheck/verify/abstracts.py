"""Which retrieved abstracts back or contradict a claim: the abstract-level decision.

The verifier scores (claim, sentence) pairs; a SciFact-style label needs one call per
abstract. The hand-set rule (the strongest sentence wins if it clears 0.5) labels every
abstract the retriever brings, so its precision is poor. `AbstractDecision` is a
multinomial logistic regression over what the pipeline already knows about an abstract: its
sentences' verifier scores and its retrieval rank and similarity. It is trained on training
claims (SciFact, Citation-Integrity, Check-COVID train) by scripts/train_abstract_decision.py,
with the label threshold chosen there, and its probabilities are its confidence.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from factcheck.errors import ModelError
from factcheck.files import write_atomic
from factcheck.schema import NEI, REFUTE, STANCES, SUPPORT, Evidence
from factcheck.verify.verifier import softmax

FEATURES = ("max_support", "max_refute", "min_nei", "support_minus_refute", "best_similarity",
            "inverse_rank", "top_rank", "sentences")


def features(evidence: Sequence[Evidence], rank: int) -> np.ndarray:
    """The feature vector of one abstract: its judged evidence sentences, and its rank
    (1 = the retriever's best abstract for the claim)."""
    probs = np.array([[e.probs.get(s, 0.0) for s in STANCES] for e in evidence], dtype=float).reshape(-1, 3)
    sup = probs[:, STANCES.index(SUPPORT)].max(initial=0.0)
    ref = probs[:, STANCES.index(REFUTE)].max(initial=0.0)
    nei = probs[:, STANCES.index(NEI)].min(initial=1.0)
    best = max((e.score for e in evidence), default=0.0)
    return np.array([sup, ref, nei, sup - ref, best, 1.0 / rank, float(rank == 1), float(len(evidence))])


def by_abstract(evidence: Sequence[Evidence]) -> list[tuple[str, list[Evidence]]]:
    """A claim's evidence grouped per abstract, in retrieval order (evidence comes ordered
    by document rank)."""
    groups: dict[str, list[Evidence]] = {}
    for e in evidence:
        groups.setdefault(e.doc_id, []).append(e)
    return list(groups.items())


def thresholded(p: dict[str, float], threshold: float) -> str:
    """The more probable of support and refute if it reaches `threshold`, else NEI."""
    stance = max((SUPPORT, REFUTE), key=lambda s: p[s])
    return stance if p[stance] >= threshold else NEI


@dataclass
class AbstractDecision:
    """Logistic regression over FEATURES → P(nei, support, refute) for one abstract. A
    support or refute label needs its probability to reach `threshold`."""

    classes: tuple[str, ...]
    coef: np.ndarray  # (classes, features), on standardised features
    intercept: np.ndarray  # (classes,)
    mean: np.ndarray  # feature standardisation
    scale: np.ndarray
    threshold: float
    meta: dict

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """(n, classes) for (n, FEATURES) feature rows, or for one row."""
        return softmax(((np.atleast_2d(x) - self.mean) / self.scale) @ self.coef.T + self.intercept)

    def decide(self, evidence: Sequence[Evidence], rank: int) -> tuple[str, float, list[int]]:
        """(stance, confidence, positions in `evidence` of the rationale sentences)."""
        p = dict(zip(self.classes, self.probabilities(features(evidence, rank))[0]))
        stance = thresholded(p, self.threshold)
        if stance == NEI:
            return NEI, float(p[NEI]), []
        best = max(range(len(evidence)), key=lambda i: evidence[i].probs.get(stance, 0.0))
        return stance, float(p[stance]), [best]

    # ------------------------------------------------------------ files
    def to_dict(self) -> dict:
        return {"features": list(FEATURES), "classes": list(self.classes), "coef": self.coef.tolist(),
                "intercept": self.intercept.tolist(), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "threshold": self.threshold, "meta": self.meta}

    def save(self, path: Path | str) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(self.to_dict(), indent=2) + "\n")

    @classmethod
    def load(cls, path: Path | str) -> "AbstractDecision":
        path = Path(path)
        try:
            d = json.loads(path.read_text())
            if tuple(d["features"]) != FEATURES or set(d["classes"]) != set(STANCES):
                raise ModelError(f"{path}: features or classes differ from this version's; retrain it with "
                                 "scripts/train_abstract_decision.py")
            return cls(tuple(d["classes"]), np.array(d["coef"], dtype=float), np.array(d["intercept"], dtype=float),
                       np.array(d["mean"], dtype=float), np.array(d["scale"], dtype=float), float(d["threshold"]),
                       d.get("meta", {}))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"{path}: not an abstract-decision file ({exc})") from exc
