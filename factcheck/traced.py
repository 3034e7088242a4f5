"""The int8 models as saved TorchScript traces, so that a cold start skips transformers.

Building a fine-tuned MiniLM through transformers, quantising it and tracing it cost a cold
`factcheck check` about 3 s of its 7.5 (importing transformers, building four models). The
trace of each int8 model is therefore saved once under ~/.cache/factcheck/traced/, keyed by
its weights file, the torch version and what it computes, and loaded directly afterwards. Text
is tokenized from tokenizer.json by the `tokenizers` library, the engine under transformers'
fast tokenizers, so the ids are the same. A trace gives the eager model's numbers for one
unpadded input (tests/test_traced.py), which is how every int8 model is called.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

from factcheck.config import cache_dir
from factcheck.errors import ModelError
from factcheck.files import replacing

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
TRACE_VERSION = 1  # part of every trace's key: raise it when what a trace computes changes


def model_config(model_dir: Path) -> SimpleNamespace:
    """num_labels and id2label (int keys) from config.json, without importing transformers."""
    try:
        config = json.loads((Path(model_dir) / "config.json").read_text())
    except (OSError, ValueError) as exc:
        raise ModelError(f"{model_dir}: no readable config.json ({exc})") from None
    id2label = {int(k): v for k, v in config.get("id2label", {}).items()}
    return SimpleNamespace(num_labels=len(id2label) or 2, id2label=id2label)


def load_or_trace(model_dir: Path, kind: str, make: Callable[[], object]):
    """The saved trace of the model in `model_dir` that `make()` traces; made and saved on
    the first call. `kind` names what the trace computes (it is part of the key)."""
    import torch

    weights = Path(model_dir) / "model.safetensors"
    stat = weights.stat()
    h = hashlib.sha256(f"{kind}|{TRACE_VERSION}|{torch.__version__}|{stat.st_size}|{stat.st_mtime_ns}|".encode())
    with open(weights, "rb") as f:
        h.update(f.read(1 << 20))
    path = cache_dir("traced") / f"{Path(model_dir).name}-{kind}-{h.hexdigest()[:16]}.pt"
    if path.is_file():
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "torch.jit is deprecated": still the fastest load here
                return torch.jit.load(str(path))
        except Exception:  # noqa: BLE001 - a truncated or foreign file: made again below
            pass
    module = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(path) as tmp, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.jit.save(module, str(tmp))
        for old in path.parent.glob(f"{Path(model_dir).name}-{kind}-*.pt"):
            if old != path:
                old.unlink(missing_ok=True)  # one trace per model name and kind (about 60 MB each)
    except OSError:
        pass  # an unwritable cache costs the next start time, not this one its result
    return module


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

    def padded(self, tokens: dict[str, list[list[int]]], idx) -> dict:
        """Tensors of the inputs `idx`, right-padded to the longest (pad id, zero mask)."""
        import torch

        width = max(len(tokens["input_ids"][i]) for i in idx)
        pad = {"input_ids": self.pad_token_id}
        return {k: torch.tensor([v[i] + [pad.get(k, 0)] * (width - len(v[i])) for i in idx]) for k, v in tokens.items()}


@contextmanager
def quiet_transformers():
    """transformers draws a 'Loading weights' bar on stderr while it builds a model; a
    library should not."""
    from transformers.utils import logging as hf_logging

    was = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was:
            hf_logging.enable_progress_bar()


def outputs_module(model, field: str | Callable):
    """A module mapping (input_ids, attention_mask, token_type_ids), positionally as a trace
    takes them, to one field of a transformers model's output ("logits", "last_hidden_state"),
    or to what `field(model, **inputs)` computes from them."""
    import inspect

    import torch

    takes_types = "token_type_ids" in inspect.signature(model.base_model.forward).parameters

    class Outputs(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            inputs = {"input_ids": input_ids, "attention_mask": attention_mask}
            if takes_types:  # BERT does; MPNet has no segment embeddings
                inputs["token_type_ids"] = token_type_ids
            return field(self.inner, **inputs) if callable(field) else getattr(self.inner(**inputs), field)

    return Outputs(model).eval()


def trace(module, tokenizer: Tokenizer, pair: bool):
    """A TorchScript trace of an `outputs_module`, made on a short example: the same numbers
    as the module for any one unpadded input, without the ~3 ms of Python around a pass."""
    import torch
    from transformers.utils import logging as hf_logging

    example = tokenizer.padded(tokenizer(["a claim"], ["an evidence sentence"] if pair else None), [0])
    verbosity = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()  # tracing touches config attributes that log notices
    try:
        with warnings.catch_warnings(), torch.inference_mode():
            warnings.simplefilter("ignore")  # shape branches traced as constants: none applies to unpadded input
            return torch.jit.trace(module, tuple(example[k] for k in INPUTS), check_trace=False)
    finally:
        hf_logging.set_verbosity(verbosity)
