"""Index types by size, sharded index builds, and `corpus add --engine ray` equal to the
in-process build."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest
from click.testing import CliRunner

from factcheck.corpus import store as store_module
from factcheck.corpus.readers import read_documents
from factcheck.corpus.store import Corpus
from factcheck.retrieve import index as I
from factcheck.schema import Document

from conftest import MINI_CORPUS


def unit_vectors(n: int, dim: int = 384, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.fixture
def small_flat_limit(monkeypatch):
    """Approximate indexes from 1,000 vectors on, so tests can afford them."""
    monkeypatch.setattr(I, "FLAT_MAX_VECTORS", 1000)


def test_index_type_follows_corpus_size(small_flat_limit):
    small = I.SentenceIndex.build(np.arange(500), unit_vectors(500))
    assert small.kind == "IndexFlatIP" and small.exact
    vectors = unit_vectors(3000)
    large = I.SentenceIndex.build(np.arange(3000) * 7, vectors)
    assert large.kind == "IndexIVFPQ" and not large.exact
    assert large.index.code_size == I.PQ_BYTES  # 48 bytes a vector instead of 1,536
    _, ids = large.search(vectors[:20], 10)
    found = np.mean([7 * i in row for i, row in enumerate(ids)])
    assert found >= 0.9  # a stored vector finds itself


def test_sharded_build_is_the_single_process_build(small_flat_limit):
    vectors, ids = unit_vectors(3000, seed=1), np.arange(3000) + 10
    whole = I.SentenceIndex.build(ids, vectors).index
    empty = I.empty_index(384, 3000, lambda k: vectors[np.linspace(0, 2999, k).astype(np.int64)])
    merged = I.from_bytes(I.to_bytes(empty))
    for s in range(0, 3000, 700):  # shards built from copies of the empty index, merged in order
        shard = I.add_chunk(I.from_bytes(I.to_bytes(empty)), (ids[s:s + 700], vectors[s:s + 700]))
        I.merge_into(merged, shard)
    assert bytes(I.to_bytes(merged)) == bytes(I.to_bytes(whole))


def _many_docs(n: int) -> list[Document]:
    topics = ["statins", "vitamin D", "coffee", "aspirin", "sleep", "exercise", "fasting", "lupus"]
    return [Document(f"D{i}", f"Study {i} of {topics[i % 8]}",
                     [f"Trial {i} measured the effect of {topics[i % 8]} on outcome {j} in {10 + i} adults."
                      for j in range(8)]) for i in range(n)]


def test_approximate_hits_are_rescored_exactly(tmp_path, embedder, monkeypatch):
    monkeypatch.setattr(I, "FLAT_MAX_VECTORS", 100)
    with Corpus.open(tmp_path, create=True) as corpus:
        corpus.add(_many_docs(40), embedder, progress=False)  # 360 vectors: IVF-PQ
        assert corpus.refresh_index().kind == "IndexIVFPQ"
        assert "IndexIVFPQ" in corpus.info()["index"]
        query = embedder.encode(["Trial 7 measured the effect of lupus on outcome 3 in 17 adults."])[0]
        hits = corpus.dense(query, 20)
        rows = dict(corpus.db.execute("SELECT id, embedding FROM sentences").fetchall())
        exact = {rid: float(I.from_codes(np.frombuffer(rows[rid], np.int8)) @ query) for rid, _ in hits}
        assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
        assert all(abs(s - exact[rid]) < 1e-5 for rid, s in hits)
        assert corpus.locate([hits[0][0]])[hits[0][0]] == ("D7", 3)


def _snapshot(home) -> dict:
    db = sqlite3.connect(home / "corpus.sqlite")
    try:
        return {
            "documents": db.execute("SELECT id, doc_id, title, content_hash FROM documents ORDER BY id").fetchall(),
            "sentences": db.execute("SELECT id, doc_id, idx, text, embedding FROM sentences ORDER BY id").fetchall(),
            "generation": db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone(),
            "index": (home / "sentences.faiss").read_bytes(),
        }
    finally:
        db.close()


def test_ray_add_equals_the_in_process_add(tmp_path, embedder, ray_cluster, monkeypatch):
    """Same input, small batches (several in flight) and small index chunks (several shards):
    the same rows, the same vectors bit for bit, the same FAISS file, the same counts."""
    from factcheck.distributed import RayEngine

    monkeypatch.setattr(store_module, "INDEX_CHUNK", 20)
    records = list(read_documents(MINI_CORPUS))
    changed = [Document(d.doc_id, d.title + " (revised)", d.sentences) for d in records[:3]]
    stats = {}
    for name, engine in (("local", None), ("ray", RayEngine(workers=2))):
        home = tmp_path / name
        with Corpus.open(home, create=True) as corpus:
            first = corpus.add(records, embedder, progress=False, batch_docs=4, engine=engine)
            second = corpus.add(records[:5] + changed, embedder, progress=False, batch_docs=3, engine=engine)
        stats[name] = (first, second)
    assert stats["ray"] == stats["local"]
    assert (stats["local"][1].unchanged, stats["local"][1].replaced) == (5, 3)
    local, remote = _snapshot(tmp_path / "local"), _snapshot(tmp_path / "ray")
    assert len(local["sentences"]) == 15 + 62
    for key in local:
        assert remote[key] == local[key], key


def test_ray_builds_ivfpq_shards_like_one_process(ray_cluster, small_flat_limit):
    from factcheck.distributed import RayEngine

    vectors, ids = unit_vectors(3000, seed=2), np.arange(3000)
    whole = I.SentenceIndex.build(ids, vectors).index
    empty = I.empty_index(384, 3000, lambda k: vectors[np.linspace(0, 2999, k).astype(np.int64)])
    chunks = [(ids[s:s + 1000], vectors[s:s + 1000]) for s in range(0, 3000, 1000)]
    merged = empty
    for shard in RayEngine(workers=2).map_chunks(empty, chunks):
        I.merge_into(merged, shard)
    assert bytes(I.to_bytes(merged)) == bytes(I.to_bytes(whole))


def test_cli_corpus_add_engine_ray(tmp_path, ray_cluster):
    from factcheck.cli import main

    result = CliRunner().invoke(main, ["corpus", "add", str(MINI_CORPUS), "--engine", "ray", "--no-progress",
                                       "--home", str(tmp_path / "home")])
    assert result.exit_code == 0, result.output
    assert "added 15, replaced 0, unchanged 0" in result.output
    with Corpus.open(tmp_path / "home") as corpus:
        assert corpus.info()["sentences"] == 62
        assert corpus.bm25("CAR T cells lupus", 1)[0][0] == "LUPUS-01"
