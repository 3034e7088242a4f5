"""Shared fixtures: the fixture files, the shared data folder, one embedder and one small
corpus home, both built once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
NO_SHARED_DATA = "../shared/data not present (it is in CI)"
MINI_CORPUS = TESTS / "fixtures" / "mini_corpus.jsonl"

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # tests prove that nothing is downloaded
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return TESTS / "fixtures"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """/work/shared/data (the project's ../shared/data); tests that need it skip without it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(NO_SHARED_DATA)
    return SHARED_DATA


@pytest.fixture(scope="session")
def embedder():
    """The product's embedder (fp32 MiniLM in ONNX Runtime). One thread: on a CPU shared with other
    jobs that is many times faster than fighting for every core, and barely slower alone."""
    from factcheck.config import default_embedding_model
    from factcheck.retrieve.embed import Embedder

    return Embedder(default_embedding_model(), num_threads=1)


@pytest.fixture(scope="session")
def mini_home(tmp_path_factory, embedder) -> Path:
    """A corpus home holding tests/fixtures/mini_corpus.jsonl (15 abstracts: CAR-T in lupus,
    fasting, vitamin D, statins, coffee, aspirin, curcumin, HPV, ...). Treat it as read-only;
    build your own home for tests that write."""
    from factcheck.corpus.readers import read_documents
    from factcheck.corpus.store import Corpus

    home = tmp_path_factory.mktemp("mini_home")
    with Corpus.open(home, create=True) as corpus:
        corpus.add(read_documents(MINI_CORPUS), embedder, progress=False)
    return home


@pytest.fixture(scope="session")
def checker(mini_home):
    """The real pipeline (real models) over the mini corpus, loaded once per session."""
    from factcheck.config import Config
    from factcheck.pipeline import Checker

    c = Checker(Config(home=mini_home))
    yield c
    c.close()


@pytest.fixture(scope="session")
def ray_cluster():
    """One local Ray cluster for the session (starting one costs seconds); the engines
    leave a cluster they did not start running."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="session")
def toy_decision():
    """A factory of hand-set abstract-level decisions: support grows with the abstract's
    strongest support probability, refute with its strongest refute one; nothing else counts."""
    import numpy as np

    from factcheck.verify.abstracts import FEATURES, AbstractDecision

    def make(threshold: float = 0.5) -> AbstractDecision:
        coef = np.zeros((3, len(FEATURES)))
        coef[1, FEATURES.index("max_support")] = 8.0
        coef[2, FEATURES.index("max_refute")] = 8.0
        return AbstractDecision(("nei", "support", "refute"), coef, np.array([0.0, -4.0, -4.0]),
                                np.zeros(len(FEATURES)), np.ones(len(FEATURES)), threshold, {"toy": True})

    return make
