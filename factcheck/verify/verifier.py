"""The cross-encoder that reads a claim and an evidence sentence together.

Fine-tuned from all-MiniLM-L6-v2 by scripts/train_verifier.py; outputs probabilities for
not-enough-info / support / refute (schema.STANCES order).

On the CPU it runs int8 by default through ONNX Runtime (factcheck/runtime.py): dynamic
quantisation of the weight matrices with one scale per output channel, ~2x faster than fp32 on
2 cores and within a point of fp32's macro-F1 on the dev pairs (`python
scripts/verifier_tradeoff.py` prints the table). At int8 each pair is scored alone, because the
activation scales are set per call. The reranker and the strength models are `TextClassifier`s too.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import numpy as np

from factcheck.errors import ModelError
from factcheck.runtime import PRECISIONS, Graph, Tokenizer, model_config, require_weights
from factcheck.schema import STANCES


class TextClassifier:
    """A fine-tuned MiniLM over (text, text) pairs, or over single texts when `pair` is False;
    loads on first use and stays loaded. The verifier, the retriever's reranker
    (factcheck/retrieve/rerank.py) and the strength models (strength_model.py) are such."""

    what = "classifier"
    script = "train_verifier.py"  # what trains the weights, named when they are missing
    pair = True  # reads (claim, evidence) pairs; False: single sentences
    outputs: int | None = None  # the number of outputs the weights must have (None: any)

    def __init__(self, model_dir: Path | str, batch_size: int = 32, max_length: int = 160, precision: str = "int8"):
        if precision not in PRECISIONS:
            raise ValueError(f"{self.what} precision {precision!r} is not one of {', '.join(PRECISIONS)}")
        self.model_dir = Path(model_dir)
        self.precision = precision
        self.batch_size = batch_size
        self.max_length = max_length
        self._model: Graph | None = None
        self._tokenizer = None
        self._lock = threading.Lock()  # one load, however many threads ask at once

    def _load(self) -> None:
        """The ONNX graph of the weights (exported on first use, factcheck/runtime.py)."""
        if self._model is not None:
            return
        with self._lock:
            if self._model is not None:
                return
            require_weights(self.model_dir, self.what, self.script)
            config = model_config(self.model_dir)
            self._check(config)
            self._outputs = config.num_labels
            self._tokenizer = Tokenizer(self.model_dir, self.max_length)
            self._model = Graph(self.model_dir, f"{'pair' if self.pair else 'text'}-logits", self.precision)

    def _check(self, config) -> None:
        """Raise ModelError when the weights are not this kind of model."""
        if self.outputs is not None and config.num_labels != self.outputs:
            raise ModelError(f"{self.model_dir}: {config.num_labels} outputs, "
                             f"where a {self.what} model has {self.outputs}")

    @property
    def available(self) -> bool:
        return (self.model_dir / "model.safetensors").is_file()

    @property
    def identity(self) -> str:
        weights = self.model_dir / "model.safetensors"
        if not weights.is_file():
            return f"{self.model_dir.name}:missing"
        h = hashlib.sha256()
        with open(weights, "rb") as f:
            h.update(f.read(1 << 20))  # the first MiB identifies the file well enough
        return f"{self.model_dir.name}:{h.hexdigest()[:12]}:{self.precision}"

    def logits(self, inputs: list) -> np.ndarray:
        """Raw logits, shape (n, outputs), of pairs (or texts, when not `pair`). Inputs are
        tokenized once and sorted by length, so each batch pads little. int8 scores each input
        alone: its activation scales are set per call, so a batch would let one input's score
        depend on its neighbours."""
        self._load()
        out = np.zeros((len(inputs), self._outputs), dtype=np.float32)
        if not len(inputs):
            return out
        tokens = self._tokens(inputs)
        order = sorted(range(len(inputs)), key=lambda i: len(tokens["input_ids"][i]))
        size = 1 if self.precision == "int8" else self.batch_size
        for s in range(0, len(order), size):
            idx = order[s : s + size]
            out[idx] = self._model(self._tokenizer.padded(tokens, idx))
        return out

    def tokenize_lengths(self, inputs: list) -> list[int]:
        """Tokens the model reads per input (what the benchmark counts FLOPs by)."""
        self._load()
        return [len(ids) for ids in self._tokens(inputs)["input_ids"]]

    def _tokens(self, inputs: list) -> dict[str, list[list[int]]]:
        if not self.pair:
            return self._tokenizer(list(inputs))
        return self._tokenizer([c for c, _ in inputs], [e for _, e in inputs])


class Verifier(TextClassifier):
    """Scores (claim, evidence) pairs: probabilities of not-enough-info / support / refute."""

    what = "verifier"
    script = "train_verifier.py"

    def __init__(self, model_dir: Path | str, batch_size: int = 32, max_length: int = 160,
                 temperature: float | None = None, precision: str = "int8"):
        super().__init__(model_dir, batch_size, max_length, precision)
        self._temperature = temperature

    def _check(self, config) -> None:
        labels = [config.id2label[i] for i in range(config.num_labels)]
        if labels != list(STANCES):
            raise ModelError(f"{self.model_dir}: verifier labels {labels} are not {list(STANCES)}")

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
