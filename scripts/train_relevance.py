#!/usr/bin/env python
"""Train the relevance gate (models/relevance/relevance.json): is a sentence about the claim?

    python scripts/train_relevance.py --home .factcheck          # the home scripts/demo builds

For each SciFact train claim with evidence, the sentences dense retrieval ranks closest to it
are read: its rationale sentences among them are the positives, and those of abstracts it
does not cite are the negatives (the kind of sentence that fooled the verifier). The features are those of
factcheck/verify/relevance.py; a balanced L2 logistic regression is fitted with scikit-learn.
Claims are split 80/20 by claim (seed 13) for a held-out figure, then the model is refitted
on all of them. SciFact dev is not read.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import numpy as np

from factcheck.config import REPO_ROOT, Config
from factcheck.eval.datasets import read_scifact_claims
from factcheck.linear import LogisticModel
from factcheck.pipeline import Checker
from factcheck.schema import Evidence
from factcheck.verify.relevance import FEATURES, features

HITS = 100  # dense sentence hits read per claim


def examples(checker: Checker, claims) -> tuple[list[list[float]], list[int], list[int]]:
    """Feature rows, labels (1 = rationale sentence) and the claim index of each row: every
    sentence among a claim's top dense hits that is a rationale of a cited abstract (1) or
    belongs to an abstract it does not cite (0). Taking both from the same hits keeps their
    similarities comparable, as they are when the gate runs."""
    corpus = checker.corpus
    x, y, group = [], [], []
    vectors, hits = checker.retriever.search([c.claim for c in claims])
    for n, (c, h) in enumerate(zip(claims, hits)):
        rationale = {(d, i) for d, sets in c.evidence.items() for s in sets for i in s.sentences}
        where = corpus.locate(rid for rid, _ in h[:HITS])
        docs = corpus.documents(d for d, _ in where.values())
        for rid, cos in h[:HITS]:
            doc_id, i = where.get(rid, (None, -1))
            if doc_id is None or i < 0 or doc_id not in docs or (doc_id in c.evidence and (doc_id, i) not in rationale):
                continue  # titles, and cited abstracts' other sentences: neither side
            e = Evidence(doc_id, docs[doc_id].title, docs[doc_id].sentences[i], i, score=cos)
            x.append(features(c.claim, e)), y.append(int((doc_id, i) in rationale)), group.append(n)
    return x, y, group


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, required=True, help="a corpus home holding the SciFact abstracts")
    ap.add_argument("--claims", type=Path, default=REPO_ROOT.parent / "shared/data/claims/scifact/claims_train.jsonl")
    ap.add_argument("--out", type=Path, default=REPO_ROOT / "models/relevance/relevance.json")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    from sklearn.metrics import f1_score, roc_auc_score

    claims = [c for c in read_scifact_claims(args.claims) if c.evidence]
    checker = Checker(Config(home=args.home))
    x, y, group = (np.array(v) for v in examples(checker, claims))
    held = set(random.Random(args.seed).sample(range(len(claims)), len(claims) // 5))
    test = np.array([g in held for g in group])
    model = LogisticModel.fit(FEATURES, x[~test], y[~test])
    p = model.probability(x[test])
    held_out = {"auc": round(float(roc_auc_score(y[test], p)), 4),
                "f1_at_0.5": round(float(f1_score(y[test], p >= 0.5)), 4),
                "positives": int(y[test].sum()), "negatives": int((1 - y[test]).sum())}
    print(f"{len(claims)} claims, {int(y.sum())} rationale sentences, {int((1 - y).sum())} negatives")
    print("held-out 20% of claims:", held_out)
    final = LogisticModel.fit(FEATURES, x, y, meta={
        "trained_on": str(args.claims.name), "claims": len(claims), "hits_per_claim": HITS,
        "held_out_20pct": held_out, "seed": args.seed, "command": "python scripts/train_relevance.py --home HOME"})
    final.save(args.out)
    print("coefficients (standardised):", dict(zip(FEATURES, np.round(final.coef, 3).tolist())))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
