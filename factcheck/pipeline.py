"""article → claims → evidence → verdict: the one code path behind the CLI, server and eval.

A `Checker` holds the loaded models and the open corpus, so a server or an evaluation run
loads them once and checks many texts.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path

from factcheck.config import Config
from factcheck.schema import STANCES, Article, CheckResult, Claim, Evidence, Verdict
from factcheck.verdict import decide


class Checker:
    """Checks articles against one corpus. Components load lazily, on first use."""

    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        self._corpus = self._embedder = self._retriever = self._verifier = self._extractor = None
        self._strength = self._certainty = None
        self._abstract_decision = False  # False: not looked for yet; None: no file

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
        return other

    def load(self) -> "Checker":
        """Load every model and open the corpus now (a server does this at start-up)."""
        self.corpus, self.retriever, self.extractor  # noqa: B018
        self.verifier._load()
        if self.retriever.reranker is not None:
            self.retriever.reranker.scores("warm up", ["warm up"])
        for model in (self.strength, self.certainty):
            if model.available:
                model.predict(["warm up"])
        self.embedder.encode(["warm up"])
        self.extractor.extract(_as_article("Aspirin reduces pain."))
        return self

    def identity(self) -> dict:
        models = {"embedding": self.embedder.identity, "verifier": self.verifier.identity}
        if self.retriever.reranker is not None:
            models["reranker"] = self.retriever.reranker.identity
        return models

    def close(self) -> None:
        if self._corpus is not None:
            self._corpus.close()
            self._corpus = self._retriever = None

    # ------------------------------------------------------------------ the pipeline
    def check_file(self, path: str | Path, stdin=None, fetch_max: int | None = None) -> CheckResult:
        from factcheck.article import read_article

        return self.check_article(read_article(path, self.config.max_input_bytes, stdin=stdin), fetch_max)

    def check_text(self, text: str, source: str = "<text>", format: str = "text",
                   fetch_max: int | None = None) -> CheckResult:
        from factcheck.article import parse_article

        return self.check_article(parse_article(text, format, source), fetch_max)

    def check_article(self, article: Article, fetch_max: int | None = None) -> CheckResult:
        """With `fetch_max`, first fetch up to that many PubMed abstracts per claim into the
        corpus (see `fetch_evidence`)."""
        timings: dict[str, float] = {}
        with _timed(timings, "claims"):
            claims = self.extractor.extract(article)
        if fetch_max is not None:
            with _timed(timings, "fetch"):
                self.fetch_evidence(claims, fetch_max)
        verdicts = self.check_claims(claims, timings)
        return CheckResult(article.source, verdicts, models=self.identity(), corpus=self.corpus_summary(),
                           timings=timings, text=article.original)

    def check_claims(self, claims: list[Claim], timings: dict[str, float] | None = None) -> list[Verdict]:
        """Retrieve evidence for each claim, judge it, and decide a verdict."""
        timings = {} if timings is None else timings
        if not claims:
            return []
        with _timed(timings, "retrieval"):
            evidence = self.retriever.retrieve([c.text for c in claims])
        with _timed(timings, "verification"):
            self.judge([c.text for c in claims], evidence)
        with _timed(timings, "verdict"):
            scorers = self.scorers()
            return [decide(c, ev, self.config, reverify=self._reverify, scorers=scorers)
                    for c, ev in zip(claims, evidence)]

    def fetch_evidence(self, claims: list[Claim], max_per_claim: int = 20):
        """Download PubMed abstracts on each claim's key terms into the corpus home (created
        if missing) before checking: for users who do not hold all of PubMed. Returns FetchStats."""
        from factcheck.corpus.fetch import EutilsClient, FetchStats, claim_query, fetch
        from factcheck.corpus.store import Corpus

        if self._corpus is None:
            self._corpus = Corpus.open(self.config.home, create=True)
        queries = list(dict.fromkeys(q for q in (claim_query(c.text, self.extractor.nlp) for c in claims) if q))
        if not queries:
            return FetchStats()
        with EutilsClient.from_config(self.config) as client:
            return fetch(self.corpus, self.embedder, client, queries, max_per_claim, broaden=True)

    def judge(self, claims: list[str], evidence: list[list[Evidence]]) -> None:
        """Fill `probs` and `stance` of every evidence sentence, in one batched model call."""
        pairs = [(c, e.sentence) for c, ev in zip(claims, evidence) for e in ev]
        probs = self.verifier.predict(pairs)
        for e, p in zip((e for ev in evidence for e in ev), probs):
            e.probs = {s: round(float(x), 4) for s, x in zip(STANCES, p)}
            e.stance = STANCES[int(p.argmax())]

    def _reverify(self, text: str) -> list[Evidence]:
        """Evidence for a reworded claim, retrieved and judged like any claim's."""
        [evidence] = self.retriever.retrieve([text])
        self.judge([text], [evidence])
        return evidence

    def corpus_summary(self) -> dict:
        info = self.corpus.info()
        return {k: info[k] for k in ("home", "documents", "sentences") if k in info}


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
