"""What every training script shares: where the data is, length-bucketed batches, resumable
checkpoints for the scripts that run their own loop, and fp16 weights written atomically.

scripts/ is not a package; the scripts import this from their own folder.
"""

from __future__ import annotations

import json
import logging
import random
import shutil
from pathlib import Path

import numpy as np
import torch

from factcheck.files import replacing
from factcheck.schema import STANCES

LABEL_ID = {s: i for i, s in enumerate(STANCES)}  # nei 0, support 1, refute 2


def default_data_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "shared" / "data"


def length_bucketed(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Random batches of indices of similar length (about twice as fast on a CPU as random
    batches: less padding): shuffled, sorted within chunks of 50 batches, then the batches
    shuffled. The order depends only on `rng`'s seed, so a resumed run sees the same batches."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * 50
    order = [i for s in range(0, len(order), chunk) for i in sorted(order[s : s + chunk], key=lengths.__getitem__)]
    index_batches = [order[s : s + batch_size] for s in range(0, len(order), batch_size)]
    rng.shuffle(index_batches)
    return index_batches


def batches(pairs, tokenizer, batch_size, max_length, shuffle_rng=None):
    """(indices, encoding, label ids) of (text, text, stance) pairs in batches of similar
    length: length-bucketed random batches with `shuffle_rng`, else sorted by length
    (inference: least padding). An unlabelled pair (stance None) gets -100, the id a loss
    ignores."""
    lengths = [len(a) + len(b) for a, b, _ in pairs]
    if shuffle_rng is not None:
        index_batches = length_bucketed(lengths, batch_size, shuffle_rng)
    else:
        order = sorted(range(len(pairs)), key=lengths.__getitem__)
        index_batches = [order[s : s + batch_size] for s in range(0, len(order), batch_size)]
    for idx in index_batches:
        enc = tokenizer([pairs[i][0] for i in idx], [pairs[i][1] for i in idx], truncation="longest_first",
                        max_length=max_length, padding=True, return_tensors="pt")
        yield idx, enc, torch.tensor([-100 if pairs[i][2] is None else LABEL_ID[pairs[i][2]] for i in idx])


@torch.inference_mode()
def pair_logits(model, tokenizer, pairs, max_length: int, batch_size: int = 64):
    """A classifier's logits (numpy, n × labels) for (text, text, ...) pairs, in eval mode on the
    model's device, batched by length: the one inference loop of the training scripts."""
    model.eval()
    device = next(model.parameters()).device
    logits = np.zeros((len(pairs), model.config.num_labels), dtype=np.float32)
    for idx, enc, _ in batches([(p[0], p[1], None) for p in pairs], tokenizer, batch_size, max_length):
        logits[idx] = model(**{k: v.to(device) for k, v in enc.items()}).logits.float().cpu().numpy()
    return logits


def load_checkpoint(path: Path, model, opt, sched) -> tuple[int, list]:
    """Restore a hand-written loop's model, optimiser and schedule from `path`: (steps done,
    history); (0, []) when there is none."""
    if not path.exists():
        return 0, []
    state = torch.load(path, weights_only=False)
    model.load_state_dict(state["model"]); opt.load_state_dict(state["opt"]); sched.load_state_dict(state["sched"])  # noqa: E702
    logging.getLogger("training").info("resumed from %s at step %d", path, state["step"])
    return state["step"], state["history"]


def save_checkpoint(path: Path, model, opt, sched, step: int, history: list) -> None:
    """Everything a resumed run needs, written beside `path` and renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as tmp:
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                    "step": step, "history": history}, tmp)


def save_fp16(model, tokenizer, out: Path, meta: dict, extra: dict[str, Path] | None = None):
    """Weights as fp16 safetensors, written to a temporary folder then renamed into place
    (labels are the model config's own). `extra` maps names in `out` to files or folders
    copied in beside the weights; a MODEL_CARD.md already in `out` is kept."""
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    sd = {k: v.detach().half().contiguous() for k, v in model.state_dict().items()}
    model.save_pretrained(tmp, state_dict=sd, safe_serialization=True)
    tokenizer.save_pretrained(tmp)
    for name, src in (extra or {}).items():
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp / name)
    (tmp / "training.json").write_text(json.dumps(meta, indent=2))
    card = out / "MODEL_CARD.md"
    if card.exists():
        (tmp / "MODEL_CARD.md").write_text(card.read_text())
    if out.exists():
        old = out.with_name(out.name + ".old")
        out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old)
    else:
        tmp.rename(out)
