"""The trained causal-strength classifier: how strongly one sentence states a relation.

Scale of the causal-language corpus (Yu et al. 2019): 0 no relation, 1 correlational,
2 conditional causal (a hedged cause), 3 direct causal. Fine-tuned from all-MiniLM-L6-v2 by
scripts/train_strength.py; weights and model card in models/causal-strength/. Runs int8 like
the verifier, one sentence per forward pass so that no sentence's label depends on another's.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from factcheck.errors import ModelError

LABELS = ("none", "correlational", "conditional causal", "direct causal")


class StrengthModel:
    """Causal strength 0–3 of sentences. The model loads on first use."""

    def __init__(self, model_dir: Path | str, max_length: int = 96, precision: str = "int8"):
        self.model_dir = Path(model_dir)
        self.max_length = max_length
        self.precision = precision
        self._model = self._tokenizer = None

    @property
    def available(self) -> bool:
        return (self.model_dir / "model.safetensors").is_file()

    def _load(self):
        if self._model is not None:
            return
        from factcheck.verify.verifier import load_classifier

        self._tokenizer, model = load_classifier(self.model_dir, self.precision, "causal-strength",
                                                 "train_strength.py")
        if model.config.num_labels != len(LABELS):
            raise ModelError(f"{self.model_dir}: {model.config.num_labels} labels, not the 4 of causal strength")
        self._model = model

    def probabilities(self, sentences: list[str]) -> np.ndarray:
        """(n, 4) probabilities over LABELS."""
        self._load()
        import torch

        out = np.zeros((len(sentences), len(LABELS)), dtype=np.float32)
        with torch.inference_mode():
            for i, s in enumerate(sentences):
                enc = self._tokenizer([s], truncation=True, max_length=self.max_length, return_tensors="pt")
                out[i] = torch.softmax(self._model(**enc).logits.float(), -1)[0].numpy()
        return out

    def predict(self, sentences: list[str]) -> list[int]:
        return [int(i) for i in self.probabilities(sentences).argmax(1)] if sentences else []
