#!/usr/bin/env python
"""Would reranking the hybrid retriever's abstracts with the verifier lift retrieval? (issue #4)

    python scripts/probe_rerank.py --home ~/.cache/factcheck/corpora/<digest>     # SciFact dev, about 11 min
    python scripts/probe_rerank.py --home … --top 10 --sentences 2 --limit 20

For every SciFact dev claim with evidence, the hybrid retriever's top `--top` abstracts are
each scored by the verifier on their `--sentences` sentences closest to the claim; an
abstract's relevance is its best sentence's 1 − P(not enough info). The script prints recall@k
and nDCG@10 of the hybrid ranking, of the verifier's ranking of those abstracts, and of their
reciprocal-rank fusion at several weights (`w / (k + verifier rank) + 1 / (k + hybrid rank)`).
The verifier's stance is not relevance: every reranking scored below the hybrid ranking
(README, "Retrieval tuning"), so the product does not rerank. `--home` is the index of the
shared corpus that `factcheck eval scifact` builds and caches.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_verifier import default_data_dir  # noqa: E402

from factcheck.config import Config  # noqa: E402
from factcheck.eval import datasets as ds  # noqa: E402
from factcheck.eval.metrics import retrieval  # noqa: E402
from factcheck.pipeline import Checker  # noqa: E402


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
    return [hybrid[j] for j in sorted(range(len(rel)), key=lambda j: (-score[j], j))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, required=True, help="an indexed corpus home holding the SciFact corpus")
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--top", type=int, default=20, help="abstracts reranked per claim")
    ap.add_argument("--sentences", type=int, default=2, help="sentences per abstract the verifier reads")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()

    checker = Checker(Config(home=args.home))
    records = [r for r in ds.read_scifact_claims(args.data / "claims/scifact/claims_dev.jsonl") if r.evidence]
    runs = []
    for rec in records[: args.limit]:
        hybrid = [d for d, _ in checker.retriever.rank_documents(rec.claim, args.top)]
        runs.append((hybrid, relevance(checker, rec.claim, hybrid, args.sentences), set(rec.evidence)))

    def show(name, rankings):
        m = retrieval(rankings)
        print(f"{name:<34} nDCG@10 {m['ndcg@10']:.3f}  recall@1 {m['recall@1']:.3f}  recall@3 {m['recall@3']:.3f}"
              f"  recall@10 {m['recall@10']:.3f}")

    print(f"{len(runs)} SciFact dev claims with evidence; top {args.top} abstracts, {args.sentences} sentences each")
    show("hybrid (shipped)", [(h, g) for h, _, g in runs])
    show("verifier only", [([h[j] for j in sorted(range(len(rel)), key=lambda j: (-rel[j], j))], g)
                           for h, rel, g in runs])
    for weight in (0.5, 1.0, 2.0):
        for k in (10, 60):
            show(f"fused, w {weight}, k {k}", [(fused(h, rel, weight, k), g) for h, rel, g in runs])


if __name__ == "__main__":
    main()
