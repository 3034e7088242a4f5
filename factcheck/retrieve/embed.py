"""Sentence embeddings with all-MiniLM-L6-v2, int8 on the CPU by default.

Dynamic int8 quantisation of the Linear layers makes corpus indexing ~4× faster on a
2-core CPU (≈480 vs ≈112 sentences/s, mean cosine to fp32 0.94); queries are encoded the
same way, so the index and its queries stay consistent. Precision and sequence length are
part of the identity a corpus records, because both change the vectors.

The model runs through transformers directly (mean pooling, then L2 normalisation) rather
than through sentence-transformers, whose import alone costs a cold `factcheck check` 2-4 s.
The steps are those of the sentence-transformers pipeline the corpora were first built
with, batch order included, so the vectors are bit-identical to its output
(tests/test_retrieval.py checks this when sentence-transformers is installed). One text at a
time, as queries are encoded, runs on a saved trace of the same int8 model
(factcheck/traced.py): the same vector, without importing transformers on a cold start.
"""

from __future__ import annotations

import hashlib
import json
import threading
import warnings
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from factcheck.errors import ModelError
from factcheck.traced import INPUTS, Tokenizer, load_or_trace, outputs_module, quiet_transformers, trace


class Embedder:
    """Encodes texts to L2-normalised float32 vectors. The model loads on first use.

    `num_threads` pins torch's intra-op threads during `encode` (restored afterwards):
    on a CPU shared with another busy process, 1 thread can be >10× faster than the
    default (spinning OpenMP workers fight over the cores)."""

    def __init__(self, model_path: str | Path, quantize: bool = True, batch_size: int = 16,
                 max_seq_length: int = 128, num_threads: int | None = None):
        self.model_path = Path(model_path)
        self.quantize = quantize
        self.batch_size = batch_size
        self.max_seq_length = max_seq_length
        self.num_threads = num_threads
        self._model = self._trace = None
        self._tokenizer: Tokenizer | None = None
        self._identity: str | None = None
        self._lock = threading.Lock()  # one load, and one encode at a time on a shared model

    @property
    def options(self) -> dict:
        """The constructor's settings: what another process needs to build the same embedder."""
        return {"quantize": self.quantize, "batch_size": self.batch_size,
                "max_seq_length": self.max_seq_length, "num_threads": self.num_threads}

    # ------------------------------------------------------------------ identity
    @property
    def identity(self) -> str:
        """name:weights-hash:precision:max_seq_length — a corpus is only queried with the same."""
        if self._identity is None:
            weights = self.model_path / "model.safetensors"
            if not weights.is_file():
                raise ModelError(f"embedding model not found: no model.safetensors in {self.model_path}")
            h = hashlib.sha256()
            with open(weights, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
            name = "all-MiniLM-L6-v2" if "minilm" in str(self.model_path).lower() else self.model_path.name
            precision = "int8" if self.quantize else "fp32"
            self._identity = f"{name}:{h.hexdigest()[:12]}:{precision}:{self.max_seq_length}"
        return self._identity

    @property
    def dim(self) -> int:
        """Vector size, read from the model's config without loading the weights."""
        try:
            return int(json.loads((self.model_path / "config.json").read_text())["hidden_size"])
        except (OSError, ValueError, KeyError):
            return 384

    # ------------------------------------------------------------------ encoding
    def _load(self):
        """The eager model, through transformers: what batches of texts (indexing) run on."""
        if self._model is not None:
            return self._model
        import torch
        from transformers import AutoModel

        if not (self.model_path / "config.json").is_file():
            raise ModelError(f"embedding model not found: {self.model_path}")
        with quiet_transformers():
            model = AutoModel.from_pretrained(self.model_path, local_files_only=True, dtype=torch.float32).eval()
        if self.quantize:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # torch.quantization is deprecated but still the fastest here
                model = torch.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        self._model = model
        return self._model

    def _single(self):
        """What one text at a time (a query) runs on at int8: the saved trace of the eager
        model (factcheck/traced.py), the same numbers without importing transformers."""
        if self._trace is None:
            self._trace = load_or_trace(self.model_path, "embed-int8", lambda: trace(
                outputs_module(self._load(), "last_hidden_state"), self.tokenizer, pair=False))
        return self._trace

    @property
    def tokenizer(self) -> Tokenizer:
        if self._tokenizer is None:
            if not (self.model_path / "config.json").is_file():
                raise ModelError(f"embedding model not found: {self.model_path}")
            self._tokenizer = Tokenizer(self.model_path, self.max_seq_length)
        return self._tokenizer

    def encode(self, texts: list[str], batch_size: int | None = None) -> np.ndarray:
        """(len(texts), dim) float32, unit length: inner product is cosine. Longest texts
        first, in batches of `batch_size` (default: the embedder's): int8 activation scales are
        set per batch, so this order is part of what makes the vectors reproducible, and a
        text's vector depends on its batch (cosine ~0.97 to itself encoded alone). Queries are
        therefore encoded with batch_size=1: a claim's vector is then its own."""
        batch_size = batch_size or self.batch_size
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        import torch
        from torch.nn.functional import normalize

        out = np.empty((len(texts), self.dim), dtype=np.float32)
        order = np.argsort([-len(t) for t in texts])
        with self._lock:
            tokens = self.tokenizer([texts[i] for i in order])
            with torch.inference_mode(), warnings.catch_warnings(), _threads(self.num_threads):
                warnings.simplefilter("ignore")
                for s in range(0, len(order), batch_size):
                    at = list(range(s, min(s + batch_size, len(order))))
                    batch = self.tokenizer.padded(tokens, at)
                    if len(at) == 1 and self.quantize:
                        hidden = self._single()(*(batch[k] for k in INPUTS))
                    else:
                        hidden = self._load()(**batch).last_hidden_state
                    mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                    mean = (hidden * mask).sum(dim=1, dtype=torch.float32) / torch.clamp(
                        mask.sum(dim=1, dtype=torch.float32), min=1e-9)
                    # normalised twice, as the sentence-transformers pipeline does (its Normalize
                    # module, then encode's normalize_embeddings): the last bit of every vector agrees
                    out[order[at]] = normalize(normalize(mean, p=2, dim=1), p=2, dim=1).numpy()
        return out


@contextmanager
def _threads(n: int | None):
    import torch

    if not n:
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)
