"""The models as torch builds them: for training, and to export the ONNX graphs the checks run.

This is the one library module that imports torch and transformers. `export` writes the ONNX
graph that factcheck/runtime.py runs, built from the committed weights on first use:
fp32 through torch's ONNX exporter, int8 by ONNX Runtime's dynamic quantisation of the
weight matrices (`MatMul` with constant weights, one scale per output channel), which is
what torch's dynamic quantisation of the Linear layers did before. The weights use 7 bits
(`reduce_range`), as torch's did: on CPUs without VNNI (this one) the 8-bit kernels can
saturate, and on the dev pairs 7 bits stayed closest to torch int8's macro-F1 (SciFact 0.529
against 0.529, HealthVer 0.363 against 0.372; 8 bits: 0.541 and 0.361).
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from factcheck.errors import ModelError
from factcheck.files import replacing
from factcheck.runtime import INPUTS, Tokenizer, require_weights

OPSET = 17


@contextmanager
def quiet_transformers():
    """transformers draws a 'Loading weights' bar and logs notices while it builds or traces a
    model; a library should not."""
    from transformers.utils import logging as hf_logging

    was, verbosity = hf_logging.is_progress_bar_enabled(), hf_logging.get_verbosity()
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    try:
        yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if was:
            hf_logging.enable_progress_bar()


def load_classifier(model_dir: Path, precision: str = "fp32", what: str = "classifier",
                    script: str = "train_verifier.py"):
    """(tokenizer, model) of a fine-tuned sequence classifier, built through transformers, in
    eval mode; at "int8", torch's dynamic quantisation (what shipped before ONNX Runtime)."""
    require_weights(model_dir, what, script)
    import torch
    from transformers import AutoModelForSequenceClassification

    with quiet_transformers():
        model = AutoModelForSequenceClassification.from_pretrained(model_dir, dtype=torch.float32,
                                                                   attn_implementation="eager")
    return Tokenizer(model_dir), quantize(model.eval(), precision)


def load_encoder(model_dir: Path):
    """The bare encoder (a sentence embedder's transformer), eval mode, fp32."""
    import torch
    from transformers import AutoModel

    if not (Path(model_dir) / "config.json").is_file():
        raise ModelError(f"embedding model not found: {model_dir}")
    with quiet_transformers():
        return AutoModel.from_pretrained(model_dir, local_files_only=True, dtype=torch.float32,
                                         attn_implementation="eager").eval()


def classifier_logits(model, **inputs):
    """A fine-tuned classifier's logits: transformers' own head, which reads the [CLS] token
    through the pooler, or, where the config says `"pooling": "mean"` (scripts/train_strength.py
    --pooling mean), the same classifier layer over the mean of the token vectors, the pooling
    all-MiniLM-L6-v2 was trained with as a sentence embedder. Training and export both call this."""
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
    """torch int8: every Linear layer with per-channel weight scales, activations quantised on
    the fly (training scripts' evaluation, and the comparison in verifier_tradeoff.py)."""
    if precision == "fp32":
        return model
    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization is deprecated but still the fastest here
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear: per_channel_dynamic_qconfig},
                                                      dtype=torch.qint8)


def takes_token_types(model) -> bool:
    return "token_type_ids" in inspect.signature(model.base_model.forward).parameters


def outputs_module(model, field: str | Callable):
    """A module mapping (input_ids, attention_mask[, token_type_ids]) to one field of a
    transformers model's output ("last_hidden_state"), or to what `field(model, **inputs)`
    computes from them."""
    import torch

    class Outputs(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *tensors):
            inputs = dict(zip(INPUTS, tensors))
            return field(self.inner, **inputs) if callable(field) else getattr(self.inner(**inputs), field)

    return Outputs(model).eval()


def export(model_dir: Path, kind: str, precision: str, path: Path) -> Path:
    """Write the ONNX graph of `kind` (runtime.KINDS) for the weights in `model_dir` to `path`,
    atomically; int8 is quantised from the fp32 graph."""
    import torch

    model_dir = Path(model_dir)
    if kind == "embed":
        model = load_encoder(model_dir)
        module = outputs_module(model, "last_hidden_state")
        outputs = ["last_hidden_state"]
    else:
        _, model = load_classifier(model_dir, "fp32")
        module = outputs_module(model, classifier_logits)
        outputs = ["logits"]
    names = list(INPUTS if takes_token_types(model) else INPUTS[:2])
    tokenizer = Tokenizer(model_dir)
    example = tokenizer.padded(tokenizer(["a claim", "a longer claim about lupus"],
                                         ["an evidence sentence", "x"] if kind == "pair-logits" else None), [0, 1])
    args = tuple(torch.from_numpy(example[k]) for k in names)
    axes = {k: {0: "batch", 1: "tokens"} for k in names}
    axes[outputs[0]] = {0: "batch", 1: "tokens"} if kind == "embed" else {0: "batch"}
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as tmp, warnings.catch_warnings(), quiet_transformers(), torch.inference_mode():
        warnings.simplefilter("ignore")  # the exporter's notes on traced shape branches and its deprecation
        fp32 = tmp.with_name(tmp.name + ".fp32") if precision == "int8" else tmp
        try:
            torch.onnx.export(module, args, str(fp32), input_names=names, output_names=outputs,
                              dynamic_axes=axes, opset_version=OPSET, dynamo=False)
            if precision == "int8":
                import logging

                from onnxruntime.quantization import QuantType, quantize_dynamic

                root, level = logging.getLogger(), logging.getLogger().level
                root.setLevel(logging.ERROR)  # it advises pre-processing on the root logger
                try:
                    quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8, per_channel=True,
                                     reduce_range=True, op_types_to_quantize=["MatMul"], extra_options={"MatMulConstBOnly": True})
                finally:
                    root.setLevel(level)
        finally:
            if fp32 != tmp:
                fp32.unlink(missing_ok=True)
    for old in path.parent.glob(f"{model_dir.name}-{kind}-{precision}-*.onnx"):
        if old != path:
            old.unlink(missing_ok=True)  # one graph per model name, kind and precision
    return path
