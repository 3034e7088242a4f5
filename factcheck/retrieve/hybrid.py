"""Hybrid retrieval: BM25 over abstracts and dense search over sentences, fused.

Documents are ranked twice — by BM25 (title + abstract, SQLite FTS5) and by their best
sentence or title under the embedder (FAISS) — and the two rankings are fused with
reciprocal rank fusion (Cormack et al., 2009), which needs no calibration between BM25
and cosine scores. Within each top abstract, the sentences closest to the claim become
the evidence. With a reranker (rerank.py), the fused top `rerank_depth` are reordered first.
"""

from __future__ import annotations

import numpy as np

from factcheck.config import Config
from factcheck.retrieve.rerank import abstract_text
from factcheck.schema import Evidence

DENSE_OVERFETCH = 4  # sentences fetched per wanted document: abstracts have several near hits


def reciprocal_rank_fusion(rankings: list[list[str]], k: int) -> list[tuple[str, float]]:
    """Sum of 1/(k + rank) over the rankings that hold an item; ties break by id."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, 1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def by_score(items: list[str], scores) -> list[str]:
    """`items` best score first; equal scores keep their order in `items`."""
    return [items[j] for j in sorted(range(len(items)), key=lambda j: (-scores[j], j))]


def fused_with_scores(ranked: list[str], scores, k: int) -> list[tuple[str, float]]:
    """`ranked` reordered by the reciprocal rank fusion of its order and the order of `scores`
    (how a reranker's scores reorder the hybrid top; the training and probe scripts call this too)."""
    return reciprocal_rank_fusion([ranked, by_score(ranked, scores)], k)


def within_budget(evidence: list[Evidence], budget: int | None) -> list[Evidence]:
    """The verifier's budget: the `budget` sentences closest to the claim, kept in retrieval
    order (None or 0: all of them)."""
    if not budget or len(evidence) <= budget:
        return evidence
    keep = set(sorted(range(len(evidence)), key=lambda i: -evidence[i].score)[:budget])
    return [e for i, e in enumerate(evidence) if i in keep]


class HybridRetriever:
    """Claims → ranked documents → evidence sentences, over one open Corpus."""

    def __init__(self, corpus, embedder, config: Config, reranker=None):
        corpus.check_embedder(embedder)  # fail at start-up, not on the first query
        self.corpus = corpus
        self.embedder = embedder
        self.config = config
        self.reranker = reranker  # a rerank.Reranker, or None to keep the fused ranking

    def rank_documents(self, claim: str, k: int) -> list[tuple[str, float]]:
        """The top k documents for a claim with fused scores (what retrieval metrics read)."""
        query = self.embedder.encode([claim])[0]
        return self._rank(claim, self.corpus.dense(query, self._dense_k), k)

    @property
    def _dense_k(self) -> int:
        return self.config.candidates * DENSE_OVERFETCH

    def documents_by_sentence(self, hits: list[tuple[int, float]], n: int) -> list[str]:
        """Documents ordered by their best sentence (or title) among dense hits."""
        where = self.corpus.locate(rid for rid, _ in hits)
        ranked: list[str] = []
        for rid, _ in hits:  # already in descending cosine order
            doc_id = where.get(rid, (None,))[0]
            if doc_id is not None and doc_id not in ranked:
                ranked.append(doc_id)
                if len(ranked) == n:
                    break
        return ranked

    def _rank(self, claim: str, hits: list[tuple[int, float]], k: int) -> list[tuple[str, float]]:
        n = self.config.candidates
        lexical = [doc_id for doc_id, _ in self.corpus.bm25(claim, n)]
        fused = reciprocal_rank_fusion([lexical, self.documents_by_sentence(hits, n)], self.config.rrf_k)
        if self.reranker is None:
            return fused[:k]
        top = [d for d, _ in fused[: max(k, self.config.rerank_depth)]]
        return fused_with_scores(top, self.rerank_scores(claim, top), self.config.rerank_rrf_k)[:k]

    def rerank_scores(self, claim: str, doc_ids: list[str]) -> list[float]:
        """The reranker's relevance of each abstract to the claim."""
        docs = self.corpus.documents(doc_ids)
        return self.reranker.scores(claim, [abstract_text(docs[d].title, docs[d].sentences) for d in doc_ids])

    def search(self, claims: list[str]) -> tuple[np.ndarray, list[list[tuple[int, float]]]]:
        """Each claim's query vector and dense sentence hits. All claims are encoded in one
        call, each alone, so that a claim's evidence does not depend on the claims checked with
        it to the last bit (padded together, fp32 vectors differ in float rounding; int8 ones
        more, see Embedder.encode), and searched in one index call."""
        queries = self.embedder.encode(list(claims), batch_size=1)
        return queries, self.corpus.dense_many(queries, self._dense_k)

    def retrieve(self, claims: list[str], max_evidence: int | None = None, searched=None) -> list[list[Evidence]]:
        """Evidence for each claim, ordered by document rank, then by sentence similarity.
        `searched` is what `search(claims)` returned, when the caller already has it.
        `max_evidence` overrides the config's budget (0: every evidence sentence of the top
        abstracts)."""
        if not claims:
            return []
        budget = self.config.max_evidence if max_evidence is None else max_evidence
        queries, hits = searched if searched is not None else self.search(claims)
        return [self._evidence(c, q, h, budget) for c, q, h in zip(claims, queries, hits)]

    def _evidence(self, claim: str, query: np.ndarray, hits: list[tuple[int, float]], budget: int | None
                  ) -> list[Evidence]:
        cfg = self.config
        ranked = self._rank(claim, hits, cfg.top_docs)
        docs = self.corpus.documents(d for d, _ in ranked)
        out: list[Evidence] = []
        for doc_id, _ in ranked:
            doc = docs.get(doc_id)
            idx, vectors = self.corpus.sentence_vectors(doc_id)
            if doc is None or not len(idx):
                continue  # a title-only record has no sentence to cite
            sims = vectors @ query
            order = np.argsort(-sims, kind="stable")[: cfg.sentences_per_doc]
            keep = [i for i in order if sims[i] >= cfg.min_relevance] or [order[0]]  # always the best one
            out.extend(evidence_from(doc, int(idx[i]), float(sims[i])) for i in keep)
        return within_budget(out, budget)


def evidence_from(doc, index: int, score: float, source_study: bool = False) -> Evidence:
    """Sentence `index` of a Document as evidence (-1: its title)."""
    return Evidence(doc_id=doc.doc_id, title=doc.title, sentence=doc.title if index < 0 else doc.sentences[index],
                    sentence_index=index, pmid=doc.pmid, score=round(score, 4), year=doc.year, journal=doc.journal,
                    publication_types=list(doc.publication_types), mesh=list(doc.mesh), source_study=source_study)


def source_sentences(claim_vector: np.ndarray, sources: dict, docs: dict, per_claim: int) -> list[Evidence]:
    """The `per_claim` sentences (or titles) of the article's source abstracts closest to a
    claim. `sources` maps doc id -> (indices, vectors) with the title at -1."""
    scored = [(float(s), doc_id, int(i)) for doc_id, (idx, vectors) in sources.items()
              for i, s in zip(idx, vectors @ claim_vector)]
    scored.sort(key=lambda t: -t[0])
    return [evidence_from(docs[d], i, s, source_study=True) for s, d, i in scored[:per_claim]]


def source_first(own: list[Evidence], retrieved: list[Evidence]) -> list[Evidence]:
    """A claim's evidence when the article's source studies are known: their sentences, then
    retrieved sentences of other abstracts only where they are more relevant to the claim than
    the source's best (by the relevance gate where it has judged them, else by similarity)."""
    def closeness(e: Evidence) -> float:
        return e.relevance if e.relevance is not None else e.score

    ids = {e.doc_id for e in own}
    best = max((closeness(e) for e in own), default=-1.0)
    return own + [e for e in retrieved if e.doc_id not in ids and closeness(e) > best]
