"""The models at check time: ONNX Runtime sessions and the `tokenizers` library, no torch.

Importing torch and transformers cost a cold `factcheck check` about 3 of its 5 seconds
(issue #21). Every model therefore runs as an ONNX graph exported once from its committed
weights (factcheck/export.py, the one module here that imports torch) and saved under
~/.cache/factcheck/onnx/, keyed by the weights file, what the graph computes and the export
version. int8 is ONNX Runtime's dynamic quantisation of the weight matrices, one scale per
output channel, activations quantised on the fly: the same recipe as the torch int8 models
it replaces (`python scripts/verifier_tradeoff.py` prints the agreement on the dev pairs).
Text is tokenized from tokenizer.json by `tokenizers`, the engine under transformers' fast
tokenizers, so the ids are the same.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from factcheck.config import cache_dir
from factcheck.errors import ModelError

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
KINDS = ("embed", "pair-logits", "text-logits")  # last hidden states; logits of pairs; of single texts
PRECISIONS = ("int8", "fp32")
EXPORT_VERSION = 2  # part of every exported file's key: raise it when what an export computes changes


def model_config(model_dir: Path) -> SimpleNamespace:
    """num_labels and id2label (int keys) from config.json, without importing transformers."""
    try:
        config = json.loads((Path(model_dir) / "config.json").read_text())
    except (OSError, ValueError) as exc:
        raise ModelError(f"{model_dir}: no readable config.json ({exc})") from None
    id2label = {int(k): v for k, v in config.get("id2label", {}).items()}
    return SimpleNamespace(num_labels=len(id2label) or 2, id2label=id2label)


def require_weights(model_dir: Path, what: str, script: str) -> None:
    """A one-line ModelError naming the training script when the weights are missing."""
    if not (Path(model_dir) / "model.safetensors").is_file():
        raise ModelError(f"no {what} weights at {model_dir}; train them with `python scripts/{script}`")


def exported_path(model_dir: Path, kind: str, precision: str) -> Path:
    """Where the ONNX graph of these weights, computing `kind` at `precision`, is kept."""
    if kind not in KINDS or precision not in PRECISIONS:
        raise ValueError(f"no export of kind {kind!r} at {precision!r}")
    weights = Path(model_dir) / "model.safetensors"
    try:
        stat = weights.stat()
        with open(weights, "rb") as f:
            head = f.read(1 << 20)
    except OSError:
        raise ModelError(f"{model_dir}: no model.safetensors") from None
    h = hashlib.sha256(f"{kind}|{precision}|{EXPORT_VERSION}|{stat.st_size}|{stat.st_mtime_ns}|".encode())
    h.update(head)
    return cache_dir("onnx") / f"{Path(model_dir).name}-{kind}-{precision}-{h.hexdigest()[:16]}.onnx"


def session(model_dir: Path, kind: str, precision: str, threads: int | None = None):
    """An ONNX Runtime session of the model in `model_dir`; the graph is exported on first use
    (that one call imports torch). `threads`: intra-op threads (default: the cores this process
    may use; one claim × 20 sentences took 147 ms on 2, 242 ms on 1). They do not spin, so that
    sessions share the CPU with the server's other work."""
    import onnxruntime as ort

    path = exported_path(model_dir, kind, precision)
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or default_threads()
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3  # ONNX Runtime's notices about the graph are not the user's business
    if not path.is_file():
        _export(model_dir, kind, precision, path)
    try:
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception:  # noqa: BLE001 - a truncated or foreign file: exported again, once
        _export(model_dir, kind, precision, path)
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _export(model_dir: Path, kind: str, precision: str, path: Path) -> None:
    from factcheck.export import export  # torch: only here, once per model and machine

    export(Path(model_dir), kind, precision, path)


class Tokenizer:
    """transformers' fast-tokenizer call from tokenizer.json alone: special tokens added,
    truncation longest first to `max_length` tokens, no padding (`padded` pads a batch)."""

    def __init__(self, model_dir: Path, max_length: int = 512):
        from tokenizers import Tokenizer as Backend

        path = Path(model_dir) / "tokenizer.json"
        if not path.is_file():
            raise ModelError(f"{model_dir}: no tokenizer.json")
        self._backend = Backend.from_file(str(path))
        self._backend.no_padding()
        self._backend.enable_truncation(max_length, strategy="longest_first")  # set once: calls share it
        self.pad_token_id = next((i for t in ("[PAD]", "<pad>") if (i := self._backend.token_to_id(t)) is not None), 0)

    def __call__(self, texts: list[str], pairs: list[str] | None = None) -> dict[str, list[list[int]]]:
        encodings = self._backend.encode_batch(list(zip(texts, pairs)) if pairs is not None else list(texts))
        return {"input_ids": [e.ids for e in encodings], "attention_mask": [e.attention_mask for e in encodings],
                "token_type_ids": [e.type_ids for e in encodings]}

    def padded(self, tokens: dict[str, list[list[int]]], idx) -> dict[str, np.ndarray]:
        """int64 arrays of the inputs `idx`, right-padded to the longest (pad id, zero mask)."""
        width = max(len(tokens["input_ids"][i]) for i in idx)
        out = {}
        for key, rows in tokens.items():
            array = np.full((len(idx), width), self.pad_token_id if key == "input_ids" else 0, dtype=np.int64)
            for r, i in enumerate(idx):
                array[r, :len(rows[i])] = rows[i]
            out[key] = array
        return out


class Graph:
    """One exported model: run on padded inputs, feeding only the inputs the graph takes
    (MPNet has no token types)."""

    def __init__(self, model_dir: Path, kind: str, precision: str, threads: int | None = None):
        self.session = session(model_dir, kind, precision, threads)
        self.inputs = [i.name for i in self.session.get_inputs()]

    def __call__(self, batch: dict[str, np.ndarray]) -> np.ndarray:
        return self.session.run(None, {k: batch[k] for k in self.inputs})[0]


def default_threads() -> int:
    """The cores this process may use (the affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
