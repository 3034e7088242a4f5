"""The cross-encoder that reads a claim and an evidence sentence together.

Fine-tuned from all-MiniLM-L6-v2 by scripts/train_verifier.py; outputs probabilities for
not-enough-info / support / refute (schema.STANCES order).

On the CPU it runs int8 by default: dynamic quantisation of the Linear layers with one
scale per output channel. That is ~2x faster than fp32 on 2 cores and stays within a point
of fp32's macro-F1 on the dev pairs, where one scale per tensor loses ~3 points on
HealthVer (`python scripts/verifier_tradeoff.py` prints the table). At int8 each pair is
scored alone through a TorchScript trace of the model (`logits_module`), which gives the
same numbers without the Python overhead that dominates a one-pair forward pass. The trace is
saved once and loaded from then on (factcheck/traced.py), so a cold start does not build the
model through transformers. The reranker and the strength models are `TextClassifier`s too.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from factcheck.errors import ModelError
from factcheck.schema import STANCES
from factcheck.traced import INPUTS, Tokenizer, load_or_trace, model_config, outputs_module, quiet_transformers, trace


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
        self._model = None
        self._tokenizer = None

    def _load(self):
        """int8 loads the saved trace (factcheck/traced.py), made on first use; fp32 builds the
        model through transformers."""
        if self._model is not None:
            return
        require_weights(self.model_dir, self.what, self.script)
        config = model_config(self.model_dir)
        self._check(config)
        self._outputs = config.num_labels
        self._tokenizer = Tokenizer(self.model_dir, self.max_length)
        kind = f"{'pair' if self.pair else 'text'}-logits-{self.precision}"
        self._model = load_or_trace(self.model_dir, kind, self._built) if self.precision == "int8" else self._built()

    def _built(self):
        """The model built through transformers: traced at int8, eager at fp32."""
        _, model = load_classifier(self.model_dir, self.precision, self.what, self.script)
        return logits_module(model, self._tokenizer, self.precision, pair=self.pair)

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
        import torch

        out = np.zeros((len(inputs), self._outputs), dtype=np.float32)
        tokens = self._tokens(inputs)
        order = sorted(range(len(inputs)), key=lambda i: len(tokens["input_ids"][i]))
        size = 1 if self.precision == "int8" else self.batch_size
        with torch.inference_mode():
            for s in range(0, len(order), size):
                idx = order[s : s + size]
                batch = self._tokenizer.padded(tokens, idx)
                out[idx] = self._model(*(batch[k] for k in INPUTS)).float().numpy()
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


PRECISIONS = ("int8", "fp32")


def require_weights(model_dir: Path, what: str, script: str) -> None:
    """A one-line ModelError naming the training script when the weights are missing."""
    if not (model_dir / "model.safetensors").is_file():
        raise ModelError(f"no {what} weights at {model_dir}; train them with `python scripts/{script}`")


def load_classifier(model_dir: Path, precision: str, what: str, script: str):
    """(tokenizer, model) of a fine-tuned sequence classifier, built through transformers, in
    eval mode at `precision`."""
    require_weights(model_dir, what, script)
    import torch
    from transformers import AutoModelForSequenceClassification

    tokenizer = Tokenizer(model_dir)
    with quiet_transformers():
        model = AutoModelForSequenceClassification.from_pretrained(model_dir, dtype=torch.float32)
    return tokenizer, quantize(model.eval(), precision)


def logits_module(model, tokenizer: Tokenizer, precision: str, pair: bool):
    """A module mapping (input_ids, attention_mask, token_type_ids) to logits. At int8, where
    every input is scored alone, it is a TorchScript trace: the same numbers (exact on the dev
    sentences and pairs) without the ~3 ms of Python that dominate a one-sentence pass."""
    module = outputs_module(model, classifier_logits)
    return trace(module, tokenizer, pair) if precision == "int8" else module  # fp32: batched and padded, eager


def classifier_logits(model, **inputs):
    """A fine-tuned classifier's logits: transformers' own head, which reads the [CLS] token
    through the pooler, or, where the config says `"pooling": "mean"` (scripts/train_strength.py
    --pooling mean), the same classifier layer over the mean of the token vectors, the pooling
    all-MiniLM-L6-v2 was trained with as a sentence embedder. Training and inference both call this."""
    if not _mean_pooled(model):
        return model(**inputs).logits
    return model.classifier(model.dropout(pooled_output(model, **inputs)))


def pooled_output(model, **inputs):
    """The sentence vector a classifier's head reads (see classifier_logits): the [CLS] pooler
    output, or the mean of the token vectors, padding left out."""
    out = model.base_model(**inputs)
    if not _mean_pooled(model):
        return out.pooler_output
    mask = inputs["attention_mask"].unsqueeze(-1).to(out.last_hidden_state.dtype)
    return (out.last_hidden_state * mask).sum(1) / mask.sum(1)


def _mean_pooled(model) -> bool:
    return getattr(model.config, "pooling", "cls") == "mean"


def quantize(model, precision: str):
    """int8: every Linear layer with per-channel weight scales, activations quantised on the fly."""
    if precision == "fp32":
        return model
    import warnings

    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization is deprecated but still the fastest here
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear: per_channel_dynamic_qconfig},
                                                      dtype=torch.qint8)


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Row-wise softmax of logits / temperature (the calibration script fits the temperature)."""
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)
