"""The optional relevance reranker (factcheck/retrieve/rerank.py): how the retriever uses one when
models/reranker holds weights, and how scripts/train_reranker.py builds its training groups.
No reranker ships (README, "Retrieval tuning"), so these tests build one from the bundled
MiniLM with a seeded one-output head: its scores are arbitrary, its plumbing is the product's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from factcheck.config import Config, default_models_dir
from factcheck.corpus.store import Corpus
from factcheck.errors import ModelError
from factcheck.retrieve.hybrid import HybridRetriever, reciprocal_rank_fusion
from factcheck.retrieve.rerank import Reranker, abstract_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))


@pytest.fixture(scope="module")
def untrained_reranker(tmp_path_factory) -> Path:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from factcheck.config import bundled_minilm

    out = tmp_path_factory.mktemp("reranker")
    torch.manual_seed(0)
    model = AutoModelForSequenceClassification.from_pretrained(bundled_minilm(), num_labels=1)
    model.save_pretrained(out, safe_serialization=True)
    AutoTokenizer.from_pretrained(bundled_minilm()).save_pretrained(out)
    return out


def test_reranking_reorders_the_hybrid_candidates_by_the_fusion_of_both_orders(mini_home, embedder,
                                                                              untrained_reranker):
    claim = "CAR T cells put lupus into remission"
    config = Config(home=mini_home, rerank_depth=8)
    with Corpus.open(mini_home) as corpus:
        plain = HybridRetriever(corpus, embedder, config).rank_documents(claim, 8)
        reranker = Reranker(untrained_reranker, max_length=config.rerank_max_length)
        reranking = HybridRetriever(corpus, embedder, config, reranker)
        docs = corpus.documents([d for d, _ in plain])
        scores = reranker.scores(claim, [abstract_text(docs[d].title, docs[d].sentences) for d, _ in plain])
        assert scores == reranking.rerank_scores(claim, [d for d, _ in plain])
        by_score = [plain[j][0] for j in sorted(range(len(plain)), key=lambda j: (-scores[j], j))]
        expected = reciprocal_rank_fusion([[d for d, _ in plain], by_score], config.rerank_rrf_k)
        assert reranking.rank_documents(claim, 3) == expected[:3]  # top_docs < depth: depth candidates reranked
        [evidence] = reranking.retrieve([claim], max_evidence=0)
        assert list(dict.fromkeys(e.doc_id for e in evidence)) == [d for d, _ in expected[: config.top_docs]]


def test_the_checker_reranks_only_when_models_hold_a_reranker(mini_home, untrained_reranker, tmp_path):
    from factcheck.pipeline import Checker

    without = Checker(Config(home=mini_home, reranker_model=tmp_path / "none"))
    assert without.retriever.reranker is None and "reranker" not in without.identity()
    with_one = Checker(Config(home=mini_home, reranker_model=untrained_reranker))
    assert with_one.retriever.reranker is not None and with_one.identity()["reranker"].startswith("reranker")
    without.close(), with_one.close()


def test_a_stance_model_is_not_taken_for_a_reranker():
    with pytest.raises(ModelError, match="where a reranker model has 1"):
        Reranker(default_models_dir() / "verifier").scores("a claim", ["an abstract"])


def test_training_groups_put_the_evidence_abstract_first_and_never_a_cited_one_among_negatives():
    import random

    from factcheck.eval.datasets import ClaimRecord
    from train_reranker import groups

    claims = [ClaimRecord("1", "claim one", {"A": [], "B": []}, ["A", "B", "C"]),
              ClaimRecord("2", "claim two", {"Z": []}, ["Z"])]
    candidates = {"1": ["A", "C", "D", "E", "F", "B", "G"], "2": ["Z"]}  # claim 2: nothing but its own abstract
    out = groups(claims, candidates, {"A", "B", "Z"}, 3, random.Random(0))
    assert [(c, docs[0]) for c, docs in out] == [("claim one", "A"), ("claim one", "B")]
    assert all(len(docs) == 4 and not set(docs[1:]) & {"A", "B", "C"} for _, docs in out)


def test_the_listwise_loss_is_each_groups_cross_entropy_with_the_evidence_first():
    import torch

    from train_reranker import listwise_loss

    logits = torch.tensor([2.0, 1.0, 0.0, 3.0, 3.0])
    by_hand = [torch.nn.functional.cross_entropy(g[None], torch.tensor([0])) for g in (logits[:3], logits[3:])]
    assert torch.isclose(listwise_loss(logits, [3, 2]), torch.stack(by_hand).mean())
    assert listwise_loss(torch.tensor([5.0, 0.0]), [2]) < listwise_loss(torch.tensor([0.0, 5.0]), [2])
