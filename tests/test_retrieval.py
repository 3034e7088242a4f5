"""Embedding, the FAISS wrapper and hybrid retrieval over the mini corpus (real model)."""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.config import Config
from factcheck.corpus.store import Corpus
from factcheck.errors import CorpusError
from factcheck.retrieve.hybrid import HybridRetriever, reciprocal_rank_fusion
from factcheck.retrieve.index import SentenceIndex

LUPUS_CASE = "LUPUS-01"


def test_embedder_gives_unit_vectors_and_a_stable_identity(embedder):
    v = embedder.encode(["Aspirin raises the risk of bleeding.", "Aspirin increases bleeding risk.", "Graphene."])
    assert v.shape == (3, 384) and v.dtype == np.float32 and embedder.dim == 384
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-3)
    assert v[0] @ v[1] > v[0] @ v[2]
    assert embedder.encode([]).shape == (0, 384)
    name, digest, precision, length = embedder.identity.split(":")
    assert (name, len(digest), precision, length) == ("all-MiniLM-L6-v2", 12, "fp32-onnx", "128")


def test_index_search_save_and_load(tmp_path):
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(20, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = np.arange(100, 120)
    index = SentenceIndex.build(ids, vectors)
    scores, found = index.search(vectors[[3, 7]], 2)
    assert found[:, 0].tolist() == [103, 107] and np.allclose(scores[:, 0], 1, atol=1e-5)
    index.save(tmp_path / "x.faiss")
    assert [p.name for p in tmp_path.iterdir()] == ["x.faiss"]  # no temp file left behind
    again = SentenceIndex.load(tmp_path / "x.faiss")
    assert again.size == 20 and again.search(vectors[:1], 50)[1].shape == (1, 20)
    assert SentenceIndex.build(np.zeros(0), np.zeros((0, 8))).search(vectors[:1], 5)[1].shape == (1, 0)


def test_reciprocal_rank_fusion_by_hand():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "c"]], k=60)
    assert [d for d, _ in fused] == ["b", "c", "a"]
    assert abs(dict(fused)["b"] - (1 / 62 + 1 / 61)) < 1e-12


def test_the_lupus_case_report_ranks_first(mini_home, embedder):
    with Corpus.open(mini_home) as c:
        r = HybridRetriever(c, embedder, Config(home=mini_home))
        ranked = r.rank_documents("CAR T cells put lupus into remission", 5)
        assert ranked[0][0] == LUPUS_CASE and ranked[1][0] == "LUPUS-02"
        assert [s for _, s in ranked] == sorted((s for _, s in ranked), reverse=True)
        assert r.rank_documents("Time-restricted eating does not help people lose weight", 1)[0][0] == "TRE-2020"
        assert r.rank_documents("HPV vaccine prevents cervical cancer", 1)[0][0] == "HPV-2020"


def test_retrieve_returns_best_sentences_with_metadata(mini_home, embedder):
    calls = []

    class Counting:
        identity, dim = embedder.identity, embedder.dim

        def encode(self, texts, batch_size=None):
            calls.append(list(texts))
            return embedder.encode(texts, batch_size)

    with Corpus.open(mini_home) as c:
        r = HybridRetriever(c, Counting(), Config(home=mini_home, top_docs=3, sentences_per_doc=2, max_evidence=None))
        lupus, statins = r.retrieve(["A woman with lupus went into drug-free remission after CAR T-cell therapy",
                                     "Statins cut heart attacks and strokes"])
    assert len(calls) == 1 and len(calls[0]) == 2  # all claims encoded in one call
    assert lupus[0].doc_id in (LUPUS_CASE, "LUPUS-02")  # the case report or the case series
    assert any("drug-free remission" in e.sentence for e in lupus if e.doc_id == LUPUS_CASE)
    case = next(e for e in lupus if e.doc_id == LUPUS_CASE)
    assert case.pmid == "11110013" and case.year == 2021 and case.journal
    assert "Case Reports" in case.publication_types and "Lupus Erythematosus, Systemic" in case.mesh
    assert statins[0].doc_id == "STATIN-MA-2010"
    for evidence in (lupus, statins):
        docs = list(dict.fromkeys(e.doc_id for e in evidence))
        assert len(docs) <= 3 and all(sum(e.doc_id == d for e in evidence) <= 2 for d in docs)
        for d in docs:  # within a document, best sentence first
            scores = [e.score for e in evidence if e.doc_id == d]
            assert scores == sorted(scores, reverse=True)
        assert all(e.sentence_index >= 0 and e.title and e.sentence for e in evidence)


def test_a_claims_evidence_does_not_depend_on_the_claims_checked_with_it(mini_home, embedder):
    """A claim's evidence is its own whatever it is checked with: each claim is encoded alone
    (padded among others, its fp32 vector differs in float rounding; the int8 embedder of
    before issue #21 gave cosine ~0.97)."""
    claim = "A woman with lupus went into drug-free remission after CAR T-cell therapy"
    others = ["Statins cut heart attacks and strokes",
              "Coffee drinkers lived longer in a cohort of half a million adults followed for ten years"]
    assert embedder.encode([claim] + others)[0] @ embedder.encode([claim])[0] > 0.99999
    with Corpus.open(mini_home) as c:
        r = HybridRetriever(c, embedder, Config(home=mini_home, max_evidence=None))
        [alone] = r.retrieve([claim])
        together = r.retrieve(others + [claim])[-1]
    assert together == alone and alone[0].doc_id in (LUPUS_CASE, "LUPUS-02")


def test_evidence_budget_keeps_the_closest_sentences_in_rank_order(mini_home, embedder):
    claim = "A woman with lupus went into drug-free remission after CAR T-cell therapy"
    with Corpus.open(mini_home) as c:
        [everything] = HybridRetriever(c, embedder, Config(home=mini_home, max_evidence=None)).retrieve([claim])
        [budget] = HybridRetriever(c, embedder, Config(home=mini_home, max_evidence=2)).retrieve([claim])
    assert len(everything) > 2 and len(budget) == 2
    closest = sorted(everything, key=lambda e: -e.score)[:2]
    assert {(e.doc_id, e.sentence_index) for e in budget} == {(e.doc_id, e.sentence_index) for e in closest}
    order = [(e.doc_id, e.sentence_index) for e in everything]
    assert [order.index((e.doc_id, e.sentence_index)) for e in budget] == sorted(
        order.index((e.doc_id, e.sentence_index)) for e in budget)  # document rank order kept


def test_a_call_can_lift_the_evidence_budget(mini_home, embedder):
    """The abstract-level decision judges every evidence sentence: retrieve(..., max_evidence=0)
    gives what a config without a budget gives, under the product's budget of 2."""
    claim = "A woman with lupus went into drug-free remission after CAR T-cell therapy"
    with Corpus.open(mini_home) as c:
        [everything] = HybridRetriever(c, embedder, Config(home=mini_home, max_evidence=None)).retrieve([claim])
        budgeted = HybridRetriever(c, embedder, Config(home=mini_home, max_evidence=2))
        [lifted] = budgeted.retrieve([claim], max_evidence=0)
        [default] = budgeted.retrieve([claim])
    key = [(e.doc_id, e.sentence_index) for e in everything]
    assert [(e.doc_id, e.sentence_index) for e in lifted] == key and len(default) == 2


def test_unrelated_claim_keeps_one_low_sentence_per_document(mini_home, embedder):
    with Corpus.open(mini_home) as c:
        r = HybridRetriever(c, embedder, Config(home=mini_home))
        [evidence] = r.retrieve(["The stock market rose three percent on Tuesday"])
        assert evidence and max(e.score for e in evidence) < 0.35
        assert len({e.doc_id for e in evidence}) == len(evidence)  # only the best sentence of each
        assert r.retrieve([]) == []


def test_retriever_refuses_a_corpus_built_with_another_model(mini_home, embedder):
    class Other:
        identity, dim = "another-model:abc:fp32:256", 384

    with Corpus.open(mini_home) as c, pytest.raises(CorpusError, match="new --home"):
        HybridRetriever(c, Other(), Config(home=mini_home))


def test_embeddings_are_those_of_the_sentence_transformers_pipeline(embedder):
    """The ONNX graph, pooling and normalisation give sentence-transformers' fp32 vectors
    (empty and truncated texts included)."""
    st = pytest.importorskip("sentence_transformers")
    texts = ["Statins lowered LDL cholesterol.", "", "CAR T cells in lupus " * 40,
             "A woman with lupus went into drug-free remission after CAR T-cell therapy"] * 6
    model = st.SentenceTransformer(str(embedder.model_path), device="cpu", local_files_only=True)
    model.max_seq_length = embedder.max_seq_length
    expected = model.encode(texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
    assert np.allclose(embedder.encode(texts), expected, atol=1e-5)


def test_a_trained_embedder_in_models_is_the_default_else_the_bundled_one(tmp_path, monkeypatch):
    from factcheck.config import bundled_minilm, default_embedding_model

    monkeypatch.setenv("FACTCHECK_MODELS", str(tmp_path))
    assert default_embedding_model() == bundled_minilm()
    (tmp_path / "embedder").mkdir()
    (tmp_path / "embedder" / "model.safetensors").write_bytes(b"")
    assert default_embedding_model() == str(tmp_path / "embedder")
