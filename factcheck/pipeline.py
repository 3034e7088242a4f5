"""article → claims → evidence → verdict: the one code path behind the CLI, server and eval.

A `Checker` holds the loaded models and the open corpus, so a server or an evaluation run
loads them once and checks many texts.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from pathlib import Path

from factcheck.config import Config
from factcheck.schema import STANCES, Article, CheckResult, Claim, Evidence, SourceStudy, Verdict
from factcheck.verdict import decide


class Checker:
    """Checks articles against one corpus. Components load lazily, on first use."""

    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        self._corpus = self._embedder = self._retriever = self._verifier = self._extractor = None
        self._strength = self._certainty = None
        self._abstract_decision = self._relevance = self._source_finder = False  # False: not looked for yet

    # ------------------------------------------------------------------ components
    @property
    def corpus(self):
        if self._corpus is None:
            from factcheck.corpus.store import Corpus

            self._corpus = Corpus.open(self.config.home)
        return self._corpus

    @property
    def embedder(self):
        if self._embedder is None:
            from factcheck.retrieve.embed import Embedder

            self._embedder = Embedder(self.config.embedding_model)
        return self._embedder

    @property
    def retriever(self):
        if self._retriever is None:
            from factcheck.retrieve.hybrid import HybridRetriever
            from factcheck.retrieve.rerank import Reranker

            reranker = Reranker(self.config.reranker_model, max_length=self.config.rerank_max_length,
                                precision=self.config.verifier_precision)
            self._retriever = HybridRetriever(self.corpus, self.embedder, self.config,
                                              reranker if reranker.available else None)
        return self._retriever

    @property
    def verifier(self):
        if self._verifier is None:
            from factcheck.verify.verifier import Verifier

            self._verifier = Verifier(self.config.verifier_model, self.config.batch_size, self.config.max_length,
                                      precision=self.config.verifier_precision)
        return self._verifier

    @property
    def strength(self):
        """The causal-strength classifier (models/causal-strength); `.available` says whether
        its weights are there."""
        if self._strength is None:
            from factcheck.verify.strength_model import StrengthModel

            self._strength = StrengthModel(self.config.strength_model, precision=self.config.verifier_precision)
        return self._strength

    @property
    def certainty(self):
        """The certainty regressor (models/certainty); `.available` says whether its weights are there."""
        if self._certainty is None:
            from factcheck.verify.strength_model import CertaintyModel

            self._certainty = CertaintyModel(self.config.certainty_model, precision=self.config.verifier_precision)
        return self._certainty

    @property
    def abstract_decision(self):
        """The learned abstract-level decision (models/abstract-decision), or None without its file."""
        if self._abstract_decision is False:
            from factcheck.verify.abstracts import AbstractDecision

            path = Path(self.config.abstract_decision)
            self._abstract_decision = AbstractDecision.load(path) if path.is_file() else None
        return self._abstract_decision

    @property
    def relevance(self):
        """The learned "is this sentence about the claim" gate (models/relevance), or None without its file."""
        if self._relevance is False:
            from factcheck.verify.relevance import Relevance

            self._relevance = Relevance.from_file(self.config.relevance_model)
        return self._relevance

    @property
    def source_finder(self):
        """Finds the study an article reports (models/source-study; without it none is accepted)."""
        if self._source_finder is False:
            from factcheck.source import SourceFinder

            self._source_finder = SourceFinder.from_file(self.corpus, self.config.source_model,
                                                         self.config.max_sources)
        return self._source_finder

    def scorers(self):
        """The strength models whose weights are there, for the verdict's comparison; each
        sentence is scored once per call's lifetime (an article's claims share evidence)."""
        from factcheck.verify.strength import Scorers

        return Scorers(causal=_scored_once(self.strength.predict) if self.strength.available else None,
                       certainty=_scored_once(self.certainty.predict) if self.certainty.available else None)

    @property
    def extractor(self):
        if self._extractor is None:
            from factcheck.claims import ClaimExtractor

            self._extractor = ClaimExtractor()
        return self._extractor

    def with_config(self, config: Config) -> "Checker":
        """A checker under other thresholds that shares this one's loaded models, so a tuning
        sweep does not reload them. Model paths and precision must be the same."""
        other = Checker(config)
        other._embedder, other._verifier, other._extractor = self._embedder, self._verifier, self._extractor
        other._strength, other._certainty = self._strength, self._certainty
        other._relevance = self._relevance
        return other

    def load(self) -> "Checker":
        """Load every model and open the corpus now (a server does this at start-up)."""
        self._load_models()
        self.extractor.extract(_as_article("Aspirin reduces pain."))
        return self

    def _load_models(self) -> None:
        """Every model but spaCy's, each run once, and the corpus with its vector index."""
        self.verifier._load()
        if self.retriever.reranker is not None:
            self.retriever.reranker.scores("warm up", ["warm up"])
        for model in (self.strength, self.certainty):
            if model.available:
                model.predict(["warm up"])
        self.embedder.encode(["warm up"])
        self.corpus.refresh_index()

    def identity(self) -> dict:
        models = {"embedding": self.embedder.identity, "verifier": self.verifier.identity}
        if self.retriever.reranker is not None:
            models["reranker"] = self.retriever.reranker.identity
        return models

    def close(self) -> None:
        if self._corpus is not None:
            self._corpus.close()
            self._corpus = self._retriever = None
            self._source_finder = False

    # ------------------------------------------------------------------ the pipeline
    def check_file(self, path: str | Path, stdin=None, fetch_max: int | None = None) -> CheckResult:
        from factcheck.article import read_article

        return self.check_article(read_article(path, self.config.max_input_bytes, stdin=stdin), fetch_max)

    def check_text(self, text: str, source: str = "<text>", format: str = "text",
                   fetch_max: int | None = None) -> CheckResult:
        from factcheck.article import parse_article

        return self.check_article(parse_article(text, format, source), fetch_max)

    def check_article(self, article: Article, fetch_max: int | None = None) -> CheckResult:
        """Claims, then the study the article reports, then each claim against it and the corpus.
        With `fetch_max`, first fetch up to that many PubMed abstracts per claim into the
        corpus (see `fetch_evidence`)."""
        timings: dict[str, float] = {}
        loading = self._load_in_background() if fetch_max is None else None
        with _timed(timings, "claims"):
            claims = self.claims(article)
        if loading is not None:
            loading.join()
        if fetch_max is not None:
            with _timed(timings, "fetch"):
                self.fetch_evidence(claims, fetch_max, article=article)
        verdicts, sources = self.check_claims(claims, timings, article_text=article.plain)
        return CheckResult(article.source, verdicts, models=self.identity(), corpus=self.corpus_summary(),
                           timings=timings, text=article.original, sources=sources)

    def _load_in_background(self) -> threading.Thread:
        """`_load_models` on a thread while this one reads the claims: ONNX Runtime and FAISS
        load in C++ without the GIL, so on a cold start they overlap spaCy's import instead of
        following it. The components are made here, so that no two threads make one; a failure
        while loading is left for this thread to meet, as a one-line error, on first use."""
        self.corpus, self.retriever, self.verifier, self.strength, self.certainty  # noqa: B018

        def load() -> None:
            try:
                self._load_models()
            except Exception:  # noqa: BLE001 - raised again where the model or corpus is used
                pass

        thread = threading.Thread(target=load, name="factcheck-load", daemon=True)
        thread.start()
        return thread

    def claims(self, article: Article) -> list[Claim]:
        """The article's claims, each with its standalone form (pronouns resolved)."""
        from factcheck.context import make_standalone

        claims = self.extractor.extract(article)
        if self.config.standalone_claims:
            make_standalone(article, claims, self.extractor.nlp)
        return claims

    def lexical_candidates(self, article: Article) -> list[str]:
        """The abstracts BM25 finds for the article as a whole and for each claim, as many as a
        check reads: what `factcheck corpus embed --for` embeds, so that a corpus
        still being embedded answers this article from every abstract BM25 reaches."""
        from factcheck.source import BM25_CANDIDATES

        found = [d for d, _ in self.corpus.bm25(article.plain, BM25_CANDIDATES)]
        for claim in self.claims(article):
            found += [d for d, _ in self.corpus.bm25(claim.standalone, self.config.candidates)]
        return list(dict.fromkeys(found))

    def check_claims(self, claims: list[Claim], timings: dict[str, float] | None = None,
                     article_text: str | None = None) -> tuple[list[Verdict], list[SourceStudy]]:
        """Find the source study of the article (`article_text`; None: the claims are not one
        article), retrieve evidence for each claim, source first, judge it, and decide verdicts."""
        timings = {} if timings is None else timings
        if not claims:
            return [], []
        texts = [c.standalone for c in claims]
        with _timed(timings, "retrieval"):
            searched = self.retriever.search(texts)
            evidence = self.retriever.retrieve(texts, searched=searched)
        sources: list[SourceStudy] = []
        vectors: dict = {}
        with _timed(timings, "source"):
            if article_text is not None:
                sources, vectors = self.source_finder.find(article_text, *searched)
            evidence = self.with_sources(texts, searched[0], evidence, vectors)
        with _timed(timings, "verification"):
            self.judge(texts, evidence)
        with _timed(timings, "verdict"):
            scorers = self.scorers()
            verdicts = [decide(c, ev, self.config, reverify=self._reverifier(vectors), scorers=scorers)
                        for c, ev in zip(claims, evidence)]
        return verdicts, sources

    def fetch_evidence(self, claims: list[Claim], max_per_claim: int = 20, article: Article | None = None):
        """Download PubMed abstracts into the corpus home (created if missing) before checking,
        for users who do not hold all of PubMed: first on the article's own terms (its candidate
        source studies), then on each claim's. Returns FetchStats."""
        from factcheck.corpus.fetch import EutilsClient, FetchStats, article_query, claim_query, fetch
        from factcheck.corpus.store import Corpus

        if self._corpus is None:
            self._corpus = Corpus.open(self.config.home, create=True)
        nlp = self.extractor.nlp
        first = [article_query(article.plain, nlp)] if article is not None else []
        queries = list(dict.fromkeys(q for q in first + [claim_query(c.standalone, nlp) for c in claims] if q))
        if not queries:
            return FetchStats()
        with EutilsClient.from_config(self.config) as client:
            return fetch(self.corpus, self.embedder, client, queries, max_per_claim, broaden=True)

    def with_sources(self, claims: list[str], queries, evidence: list[list[Evidence]], sources: dict
                     ) -> list[list[Evidence]]:
        """Each claim's evidence, the source studies' sentences first (`sources`: doc id ->
        (indices, vectors), as SourceFinder.find gives them), with `relevance` set."""
        from factcheck.retrieve.hybrid import source_first, source_sentences

        if sources:
            docs = self.corpus.documents(sources)
            own = [source_sentences(q, sources, docs, self.config.source_sentences) for q in queries]
            self.gate(claims, own)
            self.gate(claims, evidence)
            return [source_first(o, ev) for o, ev in zip(own, evidence)]
        self.gate(claims, evidence)
        return evidence

    def gate(self, claims: list[str], evidence: list[list[Evidence]]) -> None:
        """Set `relevance` on every evidence sentence, where the gate's model is there."""
        if self.relevance is not None:
            self.relevance.score(claims, evidence)

    def judge(self, claims: list[str], evidence: list[list[Evidence]]) -> None:
        """Fill `probs` and `stance` of every evidence sentence, in one batched model call."""
        pairs = [(c, e.sentence) for c, ev in zip(claims, evidence) for e in ev]
        probs = self.verifier.predict(pairs)
        for e, p in zip((e for ev in evidence for e in ev), probs):
            e.probs = {s: round(float(x), 4) for s, x in zip(STANCES, p)}
            e.stance = STANCES[int(p.argmax())]

    def _reverifier(self, sources: dict):
        """How a reworded claim gets evidence: retrieved, source first, and judged like any claim's."""
        def reverify(text: str) -> list[Evidence]:
            searched = self.retriever.search([text])
            [evidence] = self.with_sources([text], searched[0], self.retriever.retrieve([text], searched=searched),
                                           sources)
            self.judge([text], [evidence])
            return evidence

        return reverify

    def corpus_summary(self) -> dict:
        info = self.corpus.info()
        return {k: info[k] for k in ("home", "documents", "embedded_documents", "sentences") if k in info}


@contextmanager
def _timed(timings: dict[str, float], stage: str):
    t = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - t


def _scored_once(predict):
    """`predict` with a memory: exact, as the strength models score each sentence alone."""
    seen: dict[str, object] = {}

    def scored(sentences: list[str]) -> list:
        new = [s for s in dict.fromkeys(sentences) if s not in seen]
        if new:
            seen.update(zip(new, predict(new)))
        return [seen[s] for s in sentences]

    return scored


def _as_article(text: str) -> Article:
    return Article(text, text, list(range(len(text))))
