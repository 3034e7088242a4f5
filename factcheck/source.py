"""The study behind the story: which abstracts of the corpus a whole article reports, or none.

An editor reads the whole story before its sentences. The candidates are the abstracts that
the article as one BM25 query ranks highest, plus those its claims' embeddings land on. Each
is described by a few numbers (how closely its sentences match the claims, how often it is
the best match, its BM25 rank, how many of the story's figures it contains, its lead over the
next candidate), and a logistic regression trained on the newsroom dev set and on stories
whose study is absent (scripts/train_source.py) gives the probability that it is a study the
story reports. A candidate is accepted when that probability reaches the threshold the
training script chose by cross-validation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from factcheck.linear import LogisticModel
from factcheck.schema import SourceStudy

FEATURES = ("claim_cover", "claim_top", "best_share", "bm25_inverse_rank", "numbers", "cover_margin")
RETRAIN = "python scripts/train_source.py"
BM25_CANDIDATES = 20  # abstracts the whole-article query contributes
DOCS_PER_CLAIM = 5  # abstracts each claim's dense hits contribute
SHOWN = 3  # candidates a report lists
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")


def numbers_in(text: str) -> set[str]:
    """The figures of a text as written without thousands separators ("19,114" -> "19114"),
    single digits left out: they match anything."""
    return {n for n in (m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)) if len(n) > 1}


class SourceFinder:
    """Ranks an article's candidate source studies in one open corpus."""

    def __init__(self, corpus, model: LogisticModel | None, max_sources: int = 3):
        self.corpus = corpus
        self.model = model  # None: candidates are ranked, none is accepted
        self.max_sources = max_sources
        # chosen by the training script's cross-validation (a wrong source costs more than none)
        self.threshold = float(model.meta.get("threshold", 0.5)) if model is not None else 1.0

    @classmethod
    def from_file(cls, corpus, path: Path | str, max_sources: int = 3) -> "SourceFinder":
        path = Path(path)
        model = LogisticModel.load(path, FEATURES, RETRAIN) if path.is_file() else None
        return cls(corpus, model, max_sources)

    def candidates(self, article_text: str, claim_vectors: np.ndarray, claim_hits: Sequence[Sequence[tuple[int, float]]]
                   ) -> tuple[list[str], np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]], dict]:
        """(doc ids, their FEATURES rows, each one's (indices, vectors) with the title at -1,
        their Documents)."""
        lexical = [d for d, _ in self.corpus.bm25(article_text, BM25_CANDIDATES)]
        where = self.corpus.locate(rid for hits in claim_hits for rid, _ in hits)
        dense: list[str] = []
        for hits in claim_hits:
            mine: list[str] = []
            for rid, _ in hits:
                doc_id = where.get(rid, (None,))[0]
                if doc_id is not None and doc_id not in mine:
                    mine.append(doc_id)
                    if len(mine) == DOCS_PER_CLAIM:
                        break
            dense.extend(mine)
        doc_ids = list(dict.fromkeys(lexical + dense))
        if not doc_ids or not len(claim_vectors):
            return [], np.zeros((0, len(FEATURES))), {}, {}
        vectors = {d: self.corpus.sentence_vectors(d, title=True) for d in doc_ids}
        doc_ids = [d for d in doc_ids if len(vectors[d][0])]
        docs = self.corpus.documents(doc_ids)
        # best cosine of each claim (rows) with each candidate (columns)
        best = np.stack([(vectors[d][1] @ claim_vectors.T).max(axis=0) for d in doc_ids], axis=1)
        cover = best.mean(axis=0)
        top_n = max(1, len(claim_vectors) // 3)
        top = np.sort(best, axis=0)[-top_n:].mean(axis=0)
        share = np.bincount(best.argmax(axis=1), minlength=len(doc_ids)) / len(claim_vectors)
        rank = {d: r for r, d in enumerate(lexical, 1)}
        story_numbers = numbers_in(article_text)
        rows = []
        for j, d in enumerate(doc_ids):
            doc = docs[d]
            found = numbers_in(" ".join([doc.title, *doc.sentences])) & story_numbers
            others = np.delete(cover, j)
            rows.append([cover[j], top[j], share[j], 1.0 / rank[d] if d in rank else 0.0,
                         len(found) / len(story_numbers) if story_numbers else 0.0,
                         cover[j] - (others.max() if len(others) else 0.0)])
        return doc_ids, np.array(rows, dtype=float), vectors, docs

    def find(self, article_text: str, claim_vectors: np.ndarray, claim_hits) -> tuple[
            list[SourceStudy], dict[str, tuple[np.ndarray, np.ndarray]]]:
        """The top candidates, most probable first, with `accepted` set on the studies the story
        appears to report; and the accepted ones' sentence vectors, for verifying against them."""
        doc_ids, x, vectors, docs = self.candidates(article_text, claim_vectors, claim_hits)
        if not doc_ids:
            return [], {}
        # untrained: ordered by how well each abstract covers the claims, and none accepted
        p = self.model.probability(x) if self.model is not None else np.zeros(len(doc_ids))
        key = p if self.model is not None else x[:, FEATURES.index("claim_cover")]
        order = np.argsort(-key, kind="stable")[:SHOWN]
        studies = []
        for n, j in enumerate(order):
            doc = docs[doc_ids[j]]
            accepted = bool(self.model is not None and p[j] >= self.threshold and n < self.max_sources)
            studies.append(SourceStudy(doc.doc_id, doc.title, doc.pmid, doc.year, doc.journal,
                                       round(float(p[j]), 4), accepted,
                                       dict(zip(FEATURES, (round(float(v), 4) for v in x[j])))))
        return studies, {s.doc_id: vectors[s.doc_id] for s in studies if s.accepted}
