"""The trained claim-strength models: how strongly one sentence states its finding.

    StrengthModel   causal strength, on the scale of the causal-language corpus (Yu et al.
                    2019): 0 no relation, 1 correlational, 2 conditional causal (a hedged
                    cause), 3 direct causal. models/causal-strength/.
    CertaintyModel  certainty, 1 (very uncertain) to 6 (certain), on the scale of Pei &
                    Jurgens (2021). models/certainty/.

Both are all-MiniLM-L6-v2 fine-tuned by scripts/train_strength.py, run int8 like the verifier
and one sentence per forward pass, so that no sentence's score depends on another's.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from factcheck.verify.verifier import TextClassifier, softmax

LABELS = ("none", "correlational", "conditional causal", "direct causal")
CERTAINTY_RANGE = (1.0, 6.0)  # the sentence-level certainty scale of Pei & Jurgens (2021)


class SentenceModel(TextClassifier):
    """A fine-tuned head over single sentences. The model loads on first use."""

    what = "sentence model"
    script = "train_strength.py"
    pair = False

    def __init__(self, model_dir: Path | str, max_length: int = 96, precision: str = "int8"):
        super().__init__(model_dir, max_length=max_length, precision=precision)


class StrengthModel(SentenceModel):
    """Causal strength 0–3 of sentences."""

    what = "causal-strength"
    outputs = len(LABELS)

    def probabilities(self, sentences: list[str]) -> np.ndarray:
        """(n, 4) probabilities over LABELS."""
        return softmax(self.logits(sentences))

    def predict(self, sentences: list[str]) -> list[int]:
        return [int(i) for i in self.probabilities(sentences).argmax(1)] if sentences else []


class CertaintyModel(SentenceModel):
    """Certainty 1–6 of sentences (trained as a 0–1 regression)."""

    what = "certainty"
    outputs = 1

    def predict(self, sentences: list[str]) -> list[float]:
        if not sentences:
            return []
        lo, hi = CERTAINTY_RANGE
        return [float(x) for x in np.clip(lo + (hi - lo) * self.logits(sentences)[:, 0], lo, hi)]
