"""Sentence embeddings with all-MiniLM-L6-v2, fp32 on the CPU.

The model runs as an ONNX graph in ONNX Runtime (factcheck/runtime.py), mean pooling and L2
normalisation in numpy, the steps of the sentence-transformers pipeline. fp32, not int8: on
this CPU (AVX2, no VNNI) ONNX Runtime's int8 kernels embed no faster than fp32 (125 sentences/s
either way on 2 cores, batches of 32), and fp32 vectors do not depend on the batch a text is
encoded in, where int8's activation scales did. Precision, runtime and sequence length are part
of the identity a corpus records, because they change the vectors: a corpus built by another
embedder is re-embedded (`factcheck corpus reembed`), not mixed.

Indexing is bounded by arithmetic (`python scripts/bench.py --only demo` prints the encoder's
FLOPs for the corpus against this CPU's measured FLOP/s): texts are encoded longest first in
batches of similar length, on all cores (intra-op threads; two batches at once on one core
each measured the same).
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import numpy as np

from factcheck.errors import ModelError
from factcheck.runtime import Graph, Tokenizer


class Embedder:
    """Encodes texts to L2-normalised float32 vectors. The model loads on first use.

    `num_threads`: ONNX Runtime's threads (default: the cores this process may use).
    `quantize`: int8 instead of fp32 (another identity, other vectors)."""

    def __init__(self, model_path: str | Path, quantize: bool = False, batch_size: int = 32,
                 max_seq_length: int = 128, num_threads: int | None = None):
        self.model_path = Path(model_path)
        self.quantize = quantize
        self.batch_size = batch_size
        self.max_seq_length = max_seq_length
        self.num_threads = num_threads
        self._graph: Graph | None = None
        self._tokenizer: Tokenizer | None = None
        self._identity: str | None = None
        self._lock = threading.Lock()  # one load, however many threads ask at once

    @property
    def options(self) -> dict:
        """The constructor's settings: what another process needs to build the same embedder."""
        return {"quantize": self.quantize, "batch_size": self.batch_size,
                "max_seq_length": self.max_seq_length, "num_threads": self.num_threads}

    @property
    def precision(self) -> str:
        return "int8" if self.quantize else "fp32"

    # ------------------------------------------------------------------ identity
    @property
    def identity(self) -> str:
        """name:weights-hash:precision-runtime:max_seq_length — a corpus is only queried with the same."""
        if self._identity is None:
            weights = self.model_path / "model.safetensors"
            if not weights.is_file():
                raise ModelError(f"embedding model not found: no model.safetensors in {self.model_path}")
            h = hashlib.sha256()
            with open(weights, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
            name = "all-MiniLM-L6-v2" if "minilm" in str(self.model_path).lower() else self.model_path.name
            self._identity = f"{name}:{h.hexdigest()[:12]}:{self.precision}-onnx:{self.max_seq_length}"
        return self._identity

    @property
    def dim(self) -> int:
        """Vector size, read from the model's config without loading the weights."""
        try:
            return int(json.loads((self.model_path / "config.json").read_text())["hidden_size"])
        except (OSError, ValueError, KeyError):
            return 384

    # ------------------------------------------------------------------ encoding
    def _model(self) -> Graph:
        if self._graph is None:
            with self._lock:
                if self._graph is None:
                    self.tokenizer  # noqa: B018 - a missing model is named before anything is exported
                    self._graph = Graph(self.model_path, "embed", self.precision, self.num_threads)
        return self._graph

    @property
    def tokenizer(self) -> Tokenizer:
        if self._tokenizer is None:
            if not (self.model_path / "config.json").is_file():
                raise ModelError(f"embedding model not found: {self.model_path}")
            self._tokenizer = Tokenizer(self.model_path, self.max_seq_length)
        return self._tokenizer

    def encode(self, texts: list[str], batch_size: int | None = None) -> np.ndarray:
        """(len(texts), dim) float32, unit length: inner product is cosine. Longest texts
        first, in batches of `batch_size` (default: the embedder's), so that batches pad little.
        At fp32 a text's vector does not depend on its batch (to float rounding); at int8 the
        activation scales are set per batch, so queries are encoded with batch_size=1."""
        batch_size = batch_size or self.batch_size
        texts = list(texts)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        graph = self._model()
        order = np.argsort([-len(t) for t in texts], kind="stable")
        tokens = self.tokenizer([texts[i] for i in order])
        for s in range(0, len(order), batch_size):
            at = list(range(s, min(s + batch_size, len(order))))
            batch = self.tokenizer.padded(tokens, at)
            hidden = graph(batch)
            mask = batch["attention_mask"][..., None].astype(np.float32)
            mean = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
            out[order[at]] = mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12)
        return out
