#!/usr/bin/env python
"""Train a verifier that reads a claim with a whole abstract (issue #4: evidence windows).

The sentence verifier (scripts/train_verifier.py) judges one sentence at a time, and the
abstract label is pieced together from those scores afterwards; a result often needs the
methods sentence beside it ("in mice", "no significant difference"). This model reads
"title. abstract" (abstract_text, cut at `--max-length` tokens) after the claim, as MultiVerS
does with a far larger model, and outputs not-enough-info / support / refute for the abstract.

Training examples, from **train** claims (SciFact, Citation-Integrity, Check-COVID):
- each abstract a claim cites, labelled with the stance of its rationale sets, NEI when it has
  none;
- `--negatives` abstracts the hybrid retriever ranks in its top 20 for the claim but the
  claim does not cite, labelled NEI (drawn afresh each epoch).

It starts from the sentence verifier (`--base`), whose head already has the three stances.
Each epoch logs SciFact dev figures: the oracle 3-way macro-F1 over the cited abstracts
(what `factcheck eval scifact` calls oracle) and the abstract-level label-only F1 of
labelling the hybrid top `--dev-top` abstracts (an open-retrieval figure without the
abstract decision). Seeded and resumable (rerun the same command to continue).

    python scripts/train_abstract_verifier.py --home ~/.cache/factcheck/corpora/<digest> --epochs 2
                                                                   # 38 min on 2 CPU cores

Measured 2026-12-02 with that command (weights in runs/abstract-verifier, not committed): SciFact
dev oracle macro-F1 0.582 fp32 (0.591 int8) against the sentence verifier's 0.576, and no gain
in open retrieval or among distractor abstracts (scripts/probe_abstract_verifier.py), so the
product does not use it (verifier MODEL_CARD.md, "Evidence windows").
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from sklearn.metrics import f1_score
from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_reranker import DEV_FILE, abstract_texts, cached_candidates, parse_sources, read_claims  # noqa: E402
from training import LABEL_ID, batches, default_data_dir, load_checkpoint, pair_logits, save_checkpoint, save_fp16  # noqa: E402

from factcheck.eval import datasets as ds  # noqa: E402
from factcheck.eval.metrics import scifact_abstract_f1  # noqa: E402
from factcheck.schema import NEI, STANCES  # noqa: E402

log = logging.getLogger("train_abstract_verifier")


def cited_stances(claim, corpus_ids) -> dict[str, str]:
    """doc id → the claim's stance on each abstract it cites (NEI where it gives no rationale)."""
    docs = dict.fromkeys(list(claim.cited_doc_ids) + list(claim.evidence), NEI)
    for doc_id, sets in claim.evidence.items():
        if sets:
            docs[doc_id] = sets[0].stance
    return {d: s for d, s in docs.items() if d in corpus_ids}


def examples(claims, candidates, texts, negatives: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(claim, abstract text, stance): every cited abstract, and `negatives` uncited abstracts
    from the claim's hybrid candidates as NEI."""
    out = []
    for c in claims:
        cited = cited_stances(c, texts)
        out += [(c.claim, texts[d], s) for d, s in cited.items()]
        pool = [d for d in candidates.get(c.id, []) if d not in cited and d in texts]
        out += [(c.claim, texts[d], NEI) for d in rng.sample(pool, min(negatives, len(pool)))]
    return out


def dev_figures(model, tokenizer, dev, candidates, texts, max_length, top: int) -> dict:
    """SciFact dev: oracle macro-F1 over cited abstracts; label-only F1 over the hybrid top `top`."""
    oracle = [(c.claim, texts[d], s) for c in dev for d, s in cited_stances(c, texts).items()]
    opened = [(c, d) for c in dev for d in candidates[c.id][:top]]
    preds = pair_logits(model, tokenizer, oracle + [(c.claim, texts[d]) for c, d in opened], max_length).argmax(1)
    gold = np.array([LABEL_ID[s] for _, _, s in oracle])
    ours, rest = preds[: len(oracle)], preds[len(oracle):]
    predicted: dict[str, dict[str, str]] = {c.id: {} for c in dev}
    for (c, d), p in zip(opened, rest):
        predicted[c.id][d] = STANCES[p]
    gold_docs = {c.id: {d: s for d, s in cited_stances(c, texts).items() if s != NEI} for c in dev}
    return {"oracle_macro_f1": float(f1_score(gold, ours, labels=[0, 1, 2], average="macro")),
            "oracle_accuracy": float((gold == ours).mean()), "oracle_n": len(oracle),
            f"top{top}": scifact_abstract_f1(predicted, gold_docs)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, required=True, help="an indexed home of the shared corpus")
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--base", type=Path, default=Path("models/verifier"), help="weights to start from (3 stances)")
    ap.add_argument("--out", type=Path, default=Path("runs/abstract-verifier"))
    ap.add_argument("--checkpoints", type=Path, default=Path("checkpoints/abstract-verifier"))
    ap.add_argument("--sources", default="scifact,citation-integrity,check-covid")
    ap.add_argument("--negatives", type=int, default=1, help="uncited hybrid candidates per claim, as NEI")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--max-length", type=int, default=256)
    ap.add_argument("--label-smoothing", type=float, default=0.05)
    ap.add_argument("--dev-top", type=int, default=3)
    ap.add_argument("--save-every", type=int, default=100)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    random.seed(args.seed); np.random.seed(args.seed); torch.manual_seed(args.seed)

    texts = abstract_texts(args.data)
    train = read_claims(args.data, parse_sources(ap, args.sources), keep=lambda c: c.cited_doc_ids or c.evidence)
    dev = list(ds.read_scifact_claims(args.data / DEV_FILE))
    candidates = cached_candidates(train + dev, args.home, args.checkpoints / "candidates-top20.json", 20)

    tokenizer = AutoTokenizer.from_pretrained(args.base)
    model = AutoModelForSequenceClassification.from_pretrained(args.base, dtype=torch.float32).to(args.device)
    labels = [model.config.id2label[i] for i in range(model.config.num_labels)]
    if labels != list(STANCES):
        ap.error(f"--base {args.base} has labels {labels}, not {list(STANCES)}")

    first = examples(train, candidates, texts, args.negatives, random.Random(args.seed * 1000))
    counts = Counter(s for _, _, s in first)
    steps_per_epoch = math.ceil(len(first) / args.batch_size)
    total = steps_per_epoch * args.epochs
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.06 * total), total)
    weights = torch.tensor([len(first) / (3 * counts[s]) for s in STANCES], dtype=torch.float).to(args.device)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights, label_smoothing=args.label_smoothing)
    ckpt = args.checkpoints / "last.pt"
    step, history = load_checkpoint(ckpt, model, opt, sched)
    log.info("%d train claims, %d examples an epoch %s; %d steps", len(train), len(first), dict(counts), total)
    figures = lambda: dev_figures(model, tokenizer, dev, candidates, texts, args.max_length, args.dev_top)  # noqa: E731
    if not history:
        history.append({"epoch": -1, "dev": figures()})
        log.info("before training: %s", json.dumps(history[-1]["dev"]))

    t0 = time.time()
    for epoch in range(args.epochs):
        rng = random.Random(args.seed * 1000 + epoch)  # an epoch depends only on seed and epoch: resumable
        epoch_examples = examples(train, candidates, texts, args.negatives, rng)
        for b, (_, enc, gold) in enumerate(batches(epoch_examples, tokenizer, args.batch_size, args.max_length, rng)):
            if epoch * steps_per_epoch + b < step:
                continue
            model.train()
            loss = loss_fn(model(**{k: v.to(args.device) for k, v in enc.items()}).logits, gold.to(args.device))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step(); sched.step(); opt.zero_grad()
            step += 1
            if step % 25 == 0:
                log.info("epoch %d step %d/%d loss %.4f  %.1f ex/s", epoch, step, total, loss.item(),
                         25 * args.batch_size / (time.time() - t0))
                t0 = time.time()
            if step % args.save_every == 0:
                save_checkpoint(ckpt, model, opt, sched, step, history)
        if not any(h["epoch"] == epoch for h in history):
            history.append({"epoch": epoch, "step": step, "dev": figures()})
            log.info("epoch %d: %s", epoch, json.dumps(history[-1]["dev"]))
            save_checkpoint(ckpt, model, opt, sched, step, history)

    meta = {"base": f"{args.base} (the sentence verifier, from all-MiniLM-L6-v2)",
            "args": {k: str(v) for k, v in vars(args).items()}, "train_counts": dict(counts), "history": history}
    save_fp16(model.cpu(), tokenizer, args.out, meta)
    log.info("saved %s", args.out)


if __name__ == "__main__":
    main()
