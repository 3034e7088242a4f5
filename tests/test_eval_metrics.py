"""Evaluation metrics against small cases worked out by hand (no models, no data files)."""

from __future__ import annotations

import json
import math
from types import SimpleNamespace

import numpy as np
import pytest

from factcheck.config import Config
from factcheck.eval import metrics as M
from factcheck.eval import tasks as T
from factcheck.eval.datasets import ClaimRecord, PairRecord, RationaleSet
from factcheck.eval.report import compare, load_run, summary, write_run
from factcheck.schema import Evidence


def test_classification_by_hand():
    gold = ["a", "a", "b", "b", "c"]
    pred = ["a", "b", "b", "b", "a"]
    m = M.classification(gold, pred, ["a", "b", "c"])
    # a: TP 1, FP 1, FN 1 -> P .5 R .5 F1 .5;  b: TP 2, FP 1 -> P 2/3 R 1 F1 .8;  c: nothing right -> 0
    assert m["per_label"]["a"] == pytest.approx({"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2})
    assert m["per_label"]["b"]["precision"] == pytest.approx(2 / 3)
    assert m["per_label"]["b"]["f1"] == pytest.approx(0.8)
    assert m["per_label"]["c"]["f1"] == 0.0
    assert m["macro_f1"] == pytest.approx((0.5 + 0.8 + 0.0) / 3)
    assert m["accuracy"] == pytest.approx(3 / 5)
    assert m["confusion"] == {"labels": ["a", "b", "c"], "matrix": [[1, 1, 0], [0, 2, 0], [1, 0, 0]]}
    assert m["n"] == 5


def test_classification_extra_prediction_counts_against_recall():
    m = M.classification(["a", "b"], ["a", "missed"], ["a", "b"], extra_pred=["missed"])
    assert m["per_label"]["a"]["f1"] == 1.0
    assert m["per_label"]["b"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert m["macro_f1"] == pytest.approx(0.5)
    assert m["confusion"]["labels"] == ["a", "b", "missed"]
    assert m["confusion"]["matrix"][1] == [0, 0, 1]


def test_scifact_abstract_label_only_f1_by_hand():
    gold = {"1": {"d1": "support", "d2": "refute"}, "2": {}, "3": {"d5": "support"}}
    predicted = {"1": {"d1": "support", "d2": "support", "d3": "refute"},  # right, wrong label, not evidence
                 "2": {"d4": "support"},  # a claim with no evidence: a false positive
                 "3": {"d5": "nei"}}  # NEI is not retrieved, so it only costs recall
    m = M.scifact_abstract_f1(predicted, gold)
    assert m["counts"] == {"relevant": 3, "retrieved": 4, "correct": 1}
    assert m["precision"] == pytest.approx(1 / 4)
    assert m["recall"] == pytest.approx(1 / 3)
    assert m["f1"] == pytest.approx(2 / 7)  # 2·(1/4)(1/3) / (1/4 + 1/3)
    assert M.scifact_abstract_f1({}, {})["f1"] == 0.0


def test_recall_and_ndcg_by_hand():
    ranked, relevant = ["a", "b", "c", "d"], {"b", "d", "e"}
    assert M.recall_at_k(ranked, relevant, 1) == 0.0
    assert M.recall_at_k(ranked, relevant, 3) == pytest.approx(1 / 3)
    assert M.recall_at_k(ranked, relevant, 10) == pytest.approx(2 / 3)
    dcg = 1 / math.log2(3) + 1 / math.log2(5)  # hits at ranks 2 and 4
    ideal = 1 + 1 / math.log2(3) + 1 / math.log2(4)  # three relevant docs at the top
    assert M.ndcg_at_k(ranked, relevant, 10) == pytest.approx(dcg / ideal)
    assert M.ndcg_at_k(["x", "b"], {"b"}, 10) == pytest.approx(1 / math.log2(3))
    r = M.retrieval([(ranked, relevant), (["b"], {"b"}), (["z"], set())], ks=(1, 3))
    assert r["n"] == 2  # the claim with no gold docs is left out
    assert r["recall@1"] == pytest.approx((0 + 1) / 2)


def test_ece_by_hand():
    conf = [0.95, 0.85, 0.75, 0.72, 0.15]
    correct = [True, False, True, True, False]
    # bins (.9,1]: acc 1 conf .95 -> .05·1/5;  (.8,.9]: acc 0 conf .85 -> .85·1/5
    # (.7,.8]: acc 1 conf .735 -> .265·2/5;  (.1,.2]: acc 0 conf .15 -> .15·1/5
    assert M.ece(conf, correct) == pytest.approx(0.01 + 0.17 + 0.106 + 0.03)
    rel = M.reliability([0.0, 0.3, 1.0], [True, True, False])
    assert [b["count"] for b in rel["bins"]] == [1, 0, 1, 0, 0, 0, 0, 0, 0, 1]  # 0 in the first, .3 in (.2,.3]
    assert M.ece([1.0, 1.0], [True, True]) == 0.0


def test_span_matching_half_overlap_rule():
    gold = (10, 30)  # 20 characters
    assert M.match_gold(gold, [(0, 15), (12, 25), (25, 60)]) == 1  # the largest overlap (13) wins
    assert M.match_gold(gold, [(0, 20)]) == 0  # exactly half: matched
    assert M.match_gold(gold, [(0, 19)]) is None  # 9 of 20: not matched
    assert M.match_gold(gold, [(5, 20), (25, 35)]) == 0  # a tie goes to the first
    assert M.match_gold(gold, []) is None
    assert M.overlap((0, 5), (5, 9)) == 0


def test_false_flags():
    predicted = [((0, 10), "overstated"),  # on a gold claim: not a false flag
                 ((40, 50), "unsupported"),  # on a non-claim
                 ((70, 80), "overstated"),  # on no gold span
                 ((90, 95), "supported")]  # not a flag at all
    assert M.false_flags(predicted, claims=[(0, 20)], non_claims=[(45, 60)]) == [1, 2]


def test_score_newsroom_by_hand():
    def rec(task, gold, pred, flag=False, cited=None, gold_evidence=("A-01",)):
        return {"task": task, "gold": gold, "pred": pred, "confidence": 0.9, "false_flag": flag, "latency_s": 0.1,
                "evidence": [{"doc_id": cited}] if cited else [], "gold_evidence": list(gold_evidence)}

    def source(article, gold, *candidates):
        return {"task": "newsroom-source", "article": article, "gold_sources": list(gold),
                "candidates": [{"doc_id": d, "accepted": a} for d, a in candidates]}

    records = [rec("newsroom", "supported", "supported", cited="A-01"), rec("newsroom", "overstated", T.MISSED),
               rec("newsroom", "unsupported", "overstated", cited="X-99"),
               rec("newsroom-extra", None, "overstated", flag=True), rec("newsroom-extra", None, "supported"),
               source("a", ["A-01"], ("A-01", True), ("X-99", False)),  # right, and accepted
               source("b", ["B-01"], ("X-98", False), ("B-01", False)),  # wrong at rank 1, nothing accepted
               source("c", [], ("X-97", True))]  # study absent, yet one accepted
    removed = [{**rec("newsroom", "supported", p), "task": T.REMOVED + "newsroom"}
               for p in ("supported", "unsupported", "unsupported", T.MISSED)]
    removed.append({**source("a", [], ("X-99", False)), "task": T.REMOVED + "newsroom-source"})
    m = T.score_newsroom(records + removed)
    assert m["cited_evidence_precision"] == {"value": 0.5, "verdicts": 2}
    assert m["source_study"]["rank1_accuracy"] == 0.5 and m["source_study"]["with_study_in_corpus"] == 2
    assert m["source_study"]["decision_accuracy"] == pytest.approx(1 / 3)  # a right; b missed; c accepted wrongly
    assert m["source_study"]["accepted_when_absent"] == 1
    assert m["false_support"]["rate"] == pytest.approx(1 / 3) and m["false_support"]["checked_claims"] == 3
    assert m["false_support"]["source_accepted"]["accepted_when_absent"] == 0
    # supported F1 1; overstated: one false positive, one miss -> 0; unsupported never predicted -> 0
    assert m["macro_f1"] == pytest.approx(1 / 3)
    assert m["n"] == 3
    assert m["claim_recall"] == pytest.approx(2 / 3)
    assert m["false_flags"] == {"count": 1, "flagged": 2, "rate": 0.5}
    assert m["confusion"]["labels"][-1] == T.MISSED


CONFIG = Config(home="/nonexistent", embedding_model="unused")


def test_abstract_label_rule():
    assert T.abstract_label([[0.8, 0.1, 0.1], [0.2, 0.7, 0.1]], CONFIG) == ("support", pytest.approx(0.7), [1])
    assert T.abstract_label([[0.1, 0.3, 0.6], [0.1, 0.55, 0.35]], CONFIG)[0] == "refute"  # strongest wins
    label, conf, why = T.abstract_label([[0.6, 0.3, 0.1], [0.5, 0.1, 0.4]], CONFIG)
    assert (label, why) == ("nei", []) and conf == pytest.approx(0.6)
    assert T.abstract_label(np.zeros((0, 3)), CONFIG)[0] == "nei"
    strict = CONFIG.with_(abstract_support_threshold=0.8)
    assert T.abstract_label([[0.2, 0.7, 0.1]], strict)[0] == "nei"


class FakeVerifier:
    """Fixed probabilities by claim text: enough to test the runners' bookkeeping."""

    def __init__(self, table):
        self.table = table

    def predict(self, pairs):
        return np.array([self.table[c] for c, _ in pairs], dtype=float)


def test_pair_runner_two_way_renormalises():
    checker = SimpleNamespace(verifier=FakeVerifier({"x": [0.5, 0.2, 0.3], "y": [0.1, 0.6, 0.3]}))
    items = [PairRecord("1", "x", "ev", "refute"), PairRecord("2", "y", "ev", "refute")]
    recs = T.run_pairs(checker, items, labels=("support", "refute"))
    assert [r["pred"] for r in recs] == ["refute", "support"]
    assert recs[0]["confidence"] == pytest.approx(0.6)  # .3 / (.2 + .3)
    m = T.score_pairs(recs, ("support", "refute"))
    assert m["accuracy"] == 0.5 and m["headline"]["value"] == m["macro_f1"]
    three = T.run_pairs(checker, items)
    assert [r["pred"] for r in three] == ["nei", "support"]


def test_report_files_and_compare(tmp_path):
    checker = SimpleNamespace(verifier=FakeVerifier({"x": [0.5, 0.2, 0.3], "y": [0.1, 0.6, 0.3]}))
    items = [PairRecord("1", "x", "ev", "nei"), PairRecord("2", "y", "ev", "refute")]
    recs = T.run_pairs(checker, items)
    m = T.score_pairs(recs) | {"dataset": "toy"}
    paths = write_run(tmp_path / "a", m, recs)
    for name in ("metrics", "predictions", "markdown", "html", "confusion", "reliability", "latency"):
        assert paths[name].is_file(), name
    html = paths["html"].read_text()
    assert "data:image/png;base64," in html and "Worst errors" in html
    saved = json.loads(paths["metrics"].read_text())
    assert {"headline", "macro_f1", "per_label", "accuracy", "confusion", "n", "calibration"} <= set(saved)
    assert "toy" in summary(saved)
    recs_b = [dict(r, pred="refute") for r in recs]
    write_run(tmp_path / "b", T.score_pairs(recs_b) | {"dataset": "toy"}, recs_b)
    text = compare(tmp_path / "a", tmp_path / "b")
    assert "macro_f1" in text and "2 of 2 shared items changed" in text
    assert "broke   1: nei -> refute" in text and "fixed   2: support -> refute" in text
    assert load_run(tmp_path / "a")[1] == json.loads(json.dumps(recs))


class SentenceVerifier:
    """Probabilities by evidence sentence."""

    def __init__(self, table):
        self.table = table

    def predict(self, pairs):
        return np.array([self.table[s] for _, s in pairs], dtype=float).reshape(-1, 3)


class FakeRetriever:
    def __init__(self, ranked, evidence):
        self.ranked, self.evidence = ranked, evidence

    def rank_documents(self, claim, k):
        return self.ranked[:k]

    def retrieve(self, claims, max_evidence=None):
        self.budget = max_evidence
        return [[Evidence(**e) for e in self.evidence] for _ in claims]


def test_claim_runner_oracle_and_open_with_fakes():
    from factcheck.pipeline import Checker

    checker = Checker(CONFIG.with_(abstract_decision="/nonexistent/decision.json"))  # the hand-set rule
    checker._verifier = SentenceVerifier({"s0": [0.9, 0.05, 0.05], "s1": [0.1, 0.8, 0.1], "t0": [0.2, 0.1, 0.7],
                                          "u0": [0.1, 0.2, 0.7]})
    checker._retriever = FakeRetriever([("d3", 0.9), ("d1", 0.8)],
                                       [dict(doc_id="d3", title="", sentence="u0", sentence_index=0),
                                        dict(doc_id="d1", title="", sentence="s1", sentence_index=1)])
    rec = ClaimRecord("7", "a claim", {"d1": [RationaleSet([1], "support")]}, ["d1", "d2"])
    item = T.ClaimItem(rec, {"d1": ("T1", ["s0", "s1"]), "d2": ("T2", ["t0"])})
    recs = T.run_claims(checker, [item])
    oracle = [r for r in recs if r["task"] == "oracle"]
    assert [(r["doc_id"], r["gold"], r["pred"]) for r in oracle] == [("d1", "support", "support"),
                                                                      ("d2", "nei", "refute")]
    assert oracle[0]["evidence"][0]["sentence_index"] == 1  # the strongest sentence first
    (open_,) = [r for r in recs if r["task"] == "open"]
    assert open_["ranked"] == ["d3", "d1"]
    assert open_["predicted_docs"] == {"d3": {"label": "refute", "confidence": 0.7},
                                       "d1": {"label": "support", "confidence": 0.8}}
    m = T.score_claims(recs, n_claims=1)
    assert m["macro_f1"] == pytest.approx((1 + 0 + 0) / 3)  # support right; d2 nei predicted refute
    assert m["open"]["counts"] == {"relevant": 1, "retrieved": 2, "correct": 1}
    assert m["headline"]["value"] == pytest.approx(2 / 3)  # P 1/2, R 1
    # calibration over the retrieved abstracts: d3 refute at 0.7 is wrong, d1 support at 0.8 right
    assert m["open"]["calibration"]["ece"] == pytest.approx(0.5 * 0.7 + 0.5 * 0.2)
    assert m["retrieval"]["recall@1"] == 0.0 and m["retrieval"]["recall@3"] == 1.0


def test_open_mode_uses_the_learned_decision_over_every_evidence_sentence(toy_decision):
    from factcheck.pipeline import Checker

    checker = Checker(CONFIG)
    checker._abstract_decision = toy_decision()  # support with max_support, refute with max_refute
    checker._verifier = SentenceVerifier({"u0": [0.1, 0.05, 0.85], "s1": [0.1, 0.85, 0.05], "s2": [0.6, 0.3, 0.1]})
    checker._retriever = FakeRetriever([("d3", 0.9), ("d1", 0.8)],
                                       [dict(doc_id="d3", title="", sentence="u0", sentence_index=0),
                                        dict(doc_id="d1", title="", sentence="s2", sentence_index=2),
                                        dict(doc_id="d1", title="", sentence="s1", sentence_index=1)])
    rec = ClaimRecord("7", "a claim", {"d1": [RationaleSet([1], "support")]}, ["d1"])
    (open_,) = T.run_claims(checker, [T.ClaimItem(rec)], modes=("open",))
    assert checker._retriever.budget == 0  # every evidence sentence, not the product's budget
    assert {d: p["label"] for d, p in open_["predicted_docs"].items()} == {"d3": "refute", "d1": "support"}
    p_support = toy_decision().probabilities(features_of(checker, "d1"))[0][1]
    assert open_["predicted_docs"]["d1"]["confidence"] == pytest.approx(p_support, abs=1e-4)


def features_of(checker, doc_id):
    from factcheck.verify.abstracts import features

    [evidence] = checker._retriever.retrieve(["a claim"])
    evs = [e for e in evidence if e.doc_id == doc_id]
    checker.judge(["a claim"], [evs])
    return features(evs, rank=2)
