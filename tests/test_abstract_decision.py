"""The abstract-level decision (factcheck/verify/abstracts.py): features, the threshold,
rationale choice, its file, and the shipped trained file on clear cases."""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.config import Config
from factcheck.errors import ModelError
from factcheck.schema import Evidence
from factcheck.verify.abstracts import FEATURES, AbstractDecision, by_abstract, features


def ev(doc, sup, ref, score=0.6, i=0):
    return Evidence(doc_id=doc, title="", sentence=f"s{i}", sentence_index=i, score=score,
                    probs={"nei": round(1 - sup - ref, 4), "support": sup, "refute": ref})


def test_features_of_an_abstract():
    x = features([ev("d", 0.7, 0.1, 0.5, 0), ev("d", 0.2, 0.6, 0.8, 1)], rank=2)
    got = dict(zip(FEATURES, x))
    assert got["max_support"] == 0.7 and got["max_refute"] == 0.6
    assert got["min_nei"] == pytest.approx(0.2) and got["best_similarity"] == 0.8
    assert got["inverse_rank"] == 0.5 and got["top_rank"] == 0.0 and got["sentences"] == 2.0


def test_evidence_grouped_in_retrieval_order():
    groups = by_abstract([ev("b", 0.1, 0.1), ev("a", 0.1, 0.1), ev("b", 0.1, 0.1, i=1)])
    assert [(d, len(e)) for d, e in groups] == [("b", 2), ("a", 1)]


def test_decide_threshold_and_rationale(toy_decision):
    decision = toy_decision()
    stance, conf, rationale = decision.decide([ev("d", 0.1, 0.0, i=0), ev("d", 0.95, 0.0, i=1)], rank=1)
    assert stance == "support" and conf > 0.5 and rationale == [1]
    stance, conf, rationale = decision.decide([ev("d", 0.0, 0.9)], rank=1)
    assert stance == "refute" and rationale == [0]
    stance, _, rationale = decision.decide([ev("d", 0.3, 0.2)], rank=1)
    assert stance == "nei" and rationale == []
    assert toy_decision(threshold=0.99).decide([ev("d", 0.95, 0.0)], 1)[0] == "nei"


def test_file_round_trip_and_bad_files(tmp_path, toy_decision):
    path = tmp_path / "decision.json"
    toy_decision().save(path)
    again = AbstractDecision.load(path)
    x = features([ev("d", 0.8, 0.1)], 1)
    assert np.allclose(again.probabilities(x), toy_decision().probabilities(x)) and again.meta == {"toy": True}
    assert not list(tmp_path.glob("*.tmp"))
    path.write_text("{not json")
    with pytest.raises(ModelError, match="not an abstract-decision file"):
        AbstractDecision.load(path)


SHIPPED = Config().abstract_decision


@pytest.mark.skipif(not SHIPPED.is_file(), reason="no trained models/abstract-decision/decision.json")
def test_shipped_decision_separates_clear_cases():
    decision = AbstractDecision.load(SHIPPED)
    assert decision.meta["trained_on"]
    strong = [ev("d", 0.97, 0.01, score=0.8)]
    assert decision.decide(strong, rank=1)[0] == "support"
    assert decision.decide([ev("d", 0.01, 0.97, score=0.8)], rank=1)[0] == "refute"
    # an abstract the verifier is unsure of, far down the ranking and barely similar: not evidence
    assert decision.decide([ev("d", 0.2, 0.1, score=0.3)], rank=5)[0] == "nei"
    # the same sentence scores count for less further down the ranking
    top = decision.probabilities(features(strong, 1))[0][decision.classes.index("support")]
    low = decision.probabilities(features(strong, 5))[0][decision.classes.index("support")]
    assert top >= low


@pytest.mark.skipif(not SHIPPED.is_file(), reason="no trained models/abstract-decision/decision.json")
def test_shipped_probabilities_are_scikit_learns():
    """The file holds a scikit-learn multinomial logistic regression; reading it back gives
    the probabilities scikit-learn itself would."""
    from sklearn.linear_model import LogisticRegression

    decision = AbstractDecision.load(SHIPPED)
    model = LogisticRegression()
    model.classes_, model.coef_, model.intercept_ = np.array(decision.classes), decision.coef, decision.intercept
    x = np.random.default_rng(0).random((20, len(FEATURES)))
    assert np.allclose(decision.probabilities(x), model.predict_proba((x - decision.mean) / decision.scale))
