"""Is an evidence sentence about the claim's subject? A learned gate before support.

The verifier answers "does this sentence entail the claim", and on news wording it also says
yes to sentences that share only the claim's shape ("5 achieved remission" for "she went into
remission within weeks"). Only a sentence about the claim's subject may back it. The gate is a
logistic regression over the sentence's cosine to the claim and the share of the claim's
content words found in the sentence and in its abstract's title, trained on SciFact train
claims: their rationale sentences against the closest sentences of abstracts they do not cite
(scripts/train_relevance.py). Its probability is `Evidence.relevance`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from factcheck.corpus.store import STOPWORDS
from factcheck.linear import LogisticModel
from factcheck.schema import Evidence

FEATURES = ("cosine", "word_overlap", "title_overlap")
RETRAIN = "python scripts/train_relevance.py"
STEM = 6  # characters: "remission"/"remissions", "treated"/"treatment" share a stem
_WORD = re.compile(r"[a-z0-9][a-z0-9-]+")


def content_stems(text: str) -> set[str]:
    """The content words of a text, crudely stemmed: what "the same subject" is counted in."""
    return {w[:STEM] for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2}


def overlap(claim: set[str], text: str) -> float:
    """The share of the claim's content stems found in `text`."""
    return len(claim & content_stems(text)) / len(claim) if claim else 0.0


def features(claim: str, evidence: Evidence) -> list[float]:
    stems = content_stems(claim)
    return [evidence.score, overlap(stems, evidence.sentence), overlap(stems, evidence.title)]


class Relevance:
    """P(about the claim's subject) for judged evidence; `threshold` decides."""

    threshold = 0.5

    def __init__(self, model: LogisticModel):
        self.model = model

    @classmethod
    def from_file(cls, path: Path | str) -> "Relevance | None":
        """The gate at `path`, or None when its file is absent (every sentence may back)."""
        path = Path(path)
        return cls(LogisticModel.load(path, FEATURES, RETRAIN)) if path.is_file() else None

    def score(self, claims: Sequence[str], evidence: Sequence[Sequence[Evidence]]) -> None:
        """Set `relevance` on every evidence sentence of every claim."""
        rows = [(e, features(c, e)) for c, ev in zip(claims, evidence) for e in ev]
        if not rows:
            return
        for (e, _), p in zip(rows, self.model.probability(np.array([x for _, x in rows])), strict=True):
            e.relevance = round(float(p), 4)
