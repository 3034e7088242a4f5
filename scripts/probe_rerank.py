#!/usr/bin/env python
"""Does reranking the hybrid retriever's abstracts lift retrieval? (issue #4)

    python scripts/probe_rerank.py --home ~/.cache/factcheck/corpora/<digest> --scorer reranker \
        --reranker runs/reranker                                     # a trained reranker, about 1 min
    python scripts/probe_rerank.py --home ~/.cache/factcheck/corpora/<digest>     # the verifier, about 11 min
    python scripts/probe_rerank.py --home … --top 10 --sentences 2 --limit 20

For every SciFact dev claim with evidence, the hybrid retriever's top `--top` abstracts are
scored by one of two cross-encoders and reranked:
- `--scorer reranker`: a relevance model trained by scripts/train_reranker.py, through the
  product's own call (HybridRetriever.rerank_scores, int8 like the verifier). The script prints
  the product's fusion of the two orders at depths 10 and `--top` and fusion constants 10 and
  60 (what chose rerank_depth and rerank_rrf_k in factcheck/config.py), and the reranker's time
  a claim.
- `--scorer verifier`: each abstract's `--sentences` sentences closest to the claim are read by
  the verifier; an abstract's relevance is its best sentence's 1 − P(not enough info), fused
  with the hybrid order at several weights (`w / (k + verifier rank) + 1 / (k + hybrid rank)`).
  The verifier's stance is not relevance: every such ranking scored below the hybrid one.

README ("Retrieval tuning") has the figures. `--home` is the index of the shared corpus that
`factcheck eval scifact` builds and caches.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from training import default_data_dir  # noqa: E402

from factcheck.config import Config  # noqa: E402
from factcheck.eval import datasets as ds  # noqa: E402
from factcheck.eval.metrics import retrieval  # noqa: E402
from factcheck.pipeline import Checker  # noqa: E402
from factcheck.retrieve.hybrid import HybridRetriever, by_score, fused_with_scores  # noqa: E402


def relevance(checker: Checker, claim: str, doc_ids: list[str], sentences: int) -> list[float]:
    """Per abstract: the best 1 − P(nei) over its `sentences` sentences closest to the claim."""
    query = checker.embedder.encode([claim])[0]
    docs = checker.corpus.documents(doc_ids)
    pairs, owner = [], []
    for j, doc_id in enumerate(doc_ids):
        idx, vectors = checker.corpus.sentence_vectors(doc_id)
        if doc_id not in docs or not len(idx):
            continue
        for i in np.argsort(-(vectors @ query), kind="stable")[:sentences]:
            pairs.append((claim, docs[doc_id].sentences[int(idx[i])]))
            owner.append(j)
    best = [0.0] * len(doc_ids)
    for j, p in zip(owner, checker.verifier.predict(pairs)):
        best[j] = max(best[j], 1.0 - float(p[0]))  # column 0 is nei (STANCES)
    return best


def fused(hybrid: list[str], rel: list[float], weight: float, k: int) -> list[str]:
    by_verifier = {j: r for r, j in enumerate(sorted(range(len(rel)), key=lambda j: (-rel[j], j)), 1)}
    score = [weight / (k + by_verifier[j]) + 1 / (k + j + 1) for j in range(len(rel))]
    return by_score(hybrid, score)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, required=True, help="an indexed corpus home holding the SciFact corpus")
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--top", type=int, default=20, help="abstracts reranked per claim")
    ap.add_argument("--sentences", type=int, default=2, help="sentences per abstract the verifier reads")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--scorer", choices=("verifier", "reranker"), default="verifier")
    ap.add_argument("--reranker", type=Path, default=None,
                    help="with --scorer reranker: its weights (default models/reranker; e.g. train_reranker's --out)")
    args = ap.parse_args()

    checker = Checker(Config().with_(home=args.home, reranker_model=args.reranker))
    plain = HybridRetriever(checker.corpus, checker.embedder, checker.config)  # the ranking without models/reranker
    if args.scorer == "reranker" and checker.retriever.reranker is None:
        sys.exit(f"no reranker at {checker.config.reranker_model}; train one with scripts/train_reranker.py")
    records = [r for r in ds.read_scifact_claims(args.data / "claims/scifact/claims_dev.jsonl") if r.evidence]
    runs, seconds = [], 0.0
    for rec in records[: args.limit]:
        hybrid = [d for d, _ in plain.rank_documents(rec.claim, args.top)]
        t = time.perf_counter()
        if args.scorer == "reranker":
            rel = checker.retriever.rerank_scores(rec.claim, hybrid)
        else:
            rel = relevance(checker, rec.claim, hybrid, args.sentences)
        seconds += time.perf_counter() - t
        runs.append((hybrid, rel, set(rec.evidence)))

    def show(name, rankings):
        m = retrieval(rankings)
        print(f"{name:<34} nDCG@10 {m['ndcg@10']:.3f}  recall@1 {m['recall@1']:.3f}  recall@3 {m['recall@3']:.3f}"
              f"  recall@5 {m['recall@5']:.3f}  recall@10 {m['recall@10']:.3f}")

    print(f"{len(runs)} SciFact dev claims with evidence; top {args.top} abstracts scored by the {args.scorer}, "
          f"{1000 * seconds / max(1, len(runs)):.0f} ms a claim")
    show("hybrid", [(h, g) for h, _, g in runs])
    show(f"{args.scorer} only", [(by_score(h, rel), g) for h, rel, g in runs])
    if args.scorer == "reranker":  # the product's fusion (HybridRetriever) at each depth and k
        for depth in sorted({10, args.top}):
            for k in (10, 60):
                show(f"fused, depth {depth}, k {k}",
                     [([d for d, _ in fused_with_scores(h[:depth], rel[:depth], k)] + h[depth:], g)
                      for h, rel, g in runs])
        return
    for weight in (0.5, 1.0, 2.0):
        for k in (10, 60):
            show(f"fused, w {weight}, k {k}", [(fused(h, rel, weight, k), g) for h, rel, g in runs])


if __name__ == "__main__":
    main()
