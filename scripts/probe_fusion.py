#!/usr/bin/env python
"""Would a learned fusion of the hybrid retriever's signals beat reciprocal rank fusion? (issue #4)

    python scripts/probe_fusion.py --home ~/.cache/factcheck/corpora/<digest>

For each claim the candidates are the union of BM25's and the dense search's top 50 abstracts
(what the product fuses). Each (claim, abstract) gets features from the two retrievers: BM25
score relative to the claim's best and its reciprocal rank; the dense reciprocal rank; the
abstract's best, second and mean-of-top-3 sentence cosines (exact, over all its sentences).
A logistic regression trained on the **train** claims (abstracts with evidence = 1) ranks the
SciFact dev claims' candidates, scored with nDCG@10 and recall@k like the hybrid ranking.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_embedder import TRAIN_FILES  # noqa: E402
from training import default_data_dir  # noqa: E402

from factcheck.config import Config  # noqa: E402
from factcheck.eval import datasets as ds  # noqa: E402
from factcheck.eval.metrics import retrieval  # noqa: E402
from factcheck.pipeline import Checker  # noqa: E402
from factcheck.retrieve.hybrid import HybridRetriever, by_score  # noqa: E402

FEATURES = ("bm25 relative", "bm25 rr", "dense rr", "best cosine", "second cosine", "top-3 cosine", "hybrid rr")


def candidates(retriever, claim: str, query: np.ndarray, hits, n: int = 50):
    """(doc ids, features (docs x FEATURES)) of a claim: BM25's and dense search's top n."""
    corpus = retriever.corpus
    lexical = corpus.bm25(claim, n)
    dense = retriever.documents_by_sentence(hits, n)
    hybrid = [d for d, _ in retriever._rank(claim, hits, 2 * n)]
    docs = list(dict.fromkeys([d for d, _ in lexical] + dense))
    top_bm25 = lexical[0][1] if lexical else 1.0
    bm25 = {d: (s / top_bm25, 1 / (60 + r)) for r, (d, s) in enumerate(lexical, 1)}
    dense_rr = {d: 1 / (60 + r) for r, d in enumerate(dense, 1)}
    hybrid_rr = {d: 1 / (10 + r) for r, d in enumerate(hybrid, 1)}
    rows = []
    for d in docs:
        _, vectors = corpus.sentence_vectors(d)
        sims = np.sort(vectors @ query)[::-1] if len(vectors) else np.zeros(1)
        sims = np.pad(sims, (0, max(0, 3 - len(sims))), constant_values=sims[-1])
        rows.append([*bm25.get(d, (0.0, 0.0)), dense_rr.get(d, 0.0), sims[0], sims[1], sims[:3].mean(),
                     hybrid_rr.get(d, 0.0)])
    return docs, np.array(rows, dtype=np.float32)


def featurize(checker, claims):
    retriever = HybridRetriever(checker.corpus, checker.embedder, checker.config)  # never reranked
    queries = [checker.embedder.encode([c.claim])[0] for c in claims]  # one at a time, as rank_documents does
    hits = checker.corpus.dense_many(queries, retriever._dense_k)
    return [(c, *candidates(retriever, c.claim, q, h)) for c, q, h in zip(claims, queries, hits)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, required=True)
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--sources", default="scifact,citation-integrity,check-covid")
    args = ap.parse_args()

    checker = Checker(Config(home=args.home))
    dev = featurize(checker, [c for c in ds.read_scifact_claims(args.data / "claims/scifact/claims_dev.jsonl")
                              if c.evidence])
    print(f"{len(dev)} SciFact dev claims with evidence")
    hybrid = [(by_score(docs, f[:, -1]), set(c.evidence)) for c, docs, f in dev]  # the hybrid rr feature
    show = lambda name, m: print(f"{name:<40} nDCG@10 {m['ndcg@10']:.3f}  R@1 {m['recall@1']:.3f}  "  # noqa: E731
                                 f"R@3 {m['recall@3']:.3f}  R@10 {m['recall@10']:.3f}")
    show("hybrid (shipped)", retrieval(hybrid))
    train = {}
    for source in args.sources.split(","):
        path, reader = TRAIN_FILES[source]
        train[source] = featurize(checker, [c for c in reader(args.data / path) if c.evidence])

    def fit(rows, cols):
        X = np.vstack([f[:, cols] for _, _, f in rows])
        y = np.concatenate([[d in c.evidence for d in docs] for c, docs, _ in rows])
        return make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000, class_weight="balanced")).fit(X, y)

    def ranked(model, cols):
        return [(by_score(docs, model.decision_function(f[:, cols])), set(c.evidence)) for c, docs, f in dev]

    all_cols = list(range(len(FEATURES)))
    for name, rows in [("scifact", train["scifact"]), ("all sources", [r for v in train.values() for r in v])]:
        for cols_name, cols in [("all features", all_cols), ("without hybrid rr", all_cols[:-1])]:
            model = fit(rows, cols)
            show(f"LR on {name}, {cols_name}", retrieval(ranked(model, cols)))
            print("   weights", {FEATURES[c]: round(float(w), 2) for c, w in zip(cols, model[-1].coef_[0])})


if __name__ == "__main__":
    main()
