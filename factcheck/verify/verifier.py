"""The cross-encoder that reads a claim and an evidence sentence together.

Fine-tuned from all-MiniLM-L6-v2 by scripts/train_verifier.py; outputs probabilities for
not-enough-info / support / refute (schema.STANCES order).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from factcheck.errors import ModelError
from factcheck.schema import STANCES


class Verifier:
    """Scores (claim, evidence) pairs. The model loads on first use and stays loaded."""

    def __init__(self, model_dir: Path | str, batch_size: int = 32, max_length: int = 160,
                 temperature: float | None = None):
        self.model_dir = Path(model_dir)
        self.batch_size = batch_size
        self.max_length = max_length
        self._temperature = temperature
        self._model = None
        self._tokenizer = None

    def _load(self):
        if self._model is not None:
            return
        weights = self.model_dir / "model.safetensors"
        if not weights.is_file():
            raise ModelError(f"no verifier weights at {self.model_dir}; "
                             "train them with `python scripts/train_verifier.py`")
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self._tokenizer = AutoTokenizer.from_pretrained(self.model_dir)
        model = AutoModelForSequenceClassification.from_pretrained(self.model_dir, dtype=torch.float32)
        labels = [model.config.id2label[i] for i in range(model.config.num_labels)]
        if labels != list(STANCES):
            raise ModelError(f"{self.model_dir}: verifier labels {labels} are not {list(STANCES)}")
        self._model = model.eval()

    @property
    def temperature(self) -> float:
        """Calibration temperature, stored beside the weights when one was fitted on dev."""
        if self._temperature is None:
            calib = self.model_dir / "calibration.json"
            if calib.is_file():
                import json

                self._temperature = float(json.loads(calib.read_text()).get("temperature", 1.0))
            else:
                self._temperature = 1.0
        return self._temperature

    @property
    def identity(self) -> str:
        weights = self.model_dir / "model.safetensors"
        if not weights.is_file():
            return f"{self.model_dir.name}:missing"
        h = hashlib.sha256()
        with open(weights, "rb") as f:
            h.update(f.read(1 << 20))  # the first MiB identifies the file well enough
        return f"{self.model_dir.name}:{h.hexdigest()[:12]}"

    def logits(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Raw logits, shape (n, 3). Pairs are sorted by length so each batch pads little."""
        self._load()
        import torch

        out = np.zeros((len(pairs), len(STANCES)), dtype=np.float32)
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        with torch.inference_mode():
            for s in range(0, len(order), self.batch_size):
                idx = order[s : s + self.batch_size]
                enc = self._tokenizer([pairs[i][0] for i in idx], [pairs[i][1] for i in idx],
                                      truncation="longest_first", max_length=self.max_length,
                                      padding=True, return_tensors="pt")
                out[idx] = self._model(**enc).logits.float().numpy()
        return out

    def predict(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Calibrated probabilities, shape (n, 3), columns in STANCES order."""
        if not pairs:
            return np.zeros((0, len(STANCES)), dtype=np.float32)
        return softmax(self.logits(pairs), self.temperature)


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Row-wise softmax of logits / temperature (the calibration script fits the temperature)."""
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)
