"""Reorders the hybrid retriever's top abstracts by how relevant a cross-encoder finds them.

BM25 and the bi-encoder each see the claim and an abstract apart; a cross-encoder reads them
together. models/reranker is all-MiniLM-L6-v2 trained by scripts/train_reranker.py to put the
abstract that holds a claim's evidence above the others the hybrid retriever ranks high (SciFact,
Citation-Integrity and Check-COVID train claims). Its ranking is fused with the hybrid one by
reciprocal rank, so the reranker reorders the hybrid's candidates but cannot bury its top hit
alone. No reranker ships: the one trained lifted SciFact dev nDCG@10 by 0.007 and newsroom by
a claim, at about 200 ms a claim (README, "Retrieval tuning"), so the retriever uses one only
when models/reranker (Config.reranker_model) holds weights.
"""

from __future__ import annotations

from factcheck.verify.verifier import TextClassifier


def abstract_text(title: str, sentences: list[str]) -> str:
    """What the reranker reads of an abstract (the training script reads it the same way)."""
    body = " ".join(sentences)
    return f"{title}. {body}" if title else body


class Reranker(TextClassifier):
    """Relevance of abstracts to a claim: one logit a pair, higher is more relevant."""

    what = "reranker"
    script = "train_reranker.py"
    outputs = 1

    def scores(self, claim: str, abstracts: list[str]) -> list[float]:
        """One relevance score per abstract text (see abstract_text)."""
        if not abstracts:
            return []
        return [float(x) for x in self.logits([(claim, a) for a in abstracts])[:, 0]]
