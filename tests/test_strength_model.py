"""The trained causal-strength classifier (models/causal-strength) and its place in the verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.schema import Evidence
from factcheck.verify.strength import compare
from factcheck.verify.strength_model import LABELS, StrengthModel

WEIGHTS = Path(__file__).resolve().parents[1] / "models" / "causal-strength"


@pytest.fixture(scope="module")
def model():
    m = StrengthModel(WEIGHTS)
    if not m.available:
        pytest.skip("models/causal-strength is not trained yet (scripts/train_strength.py)")
    return m


def ev(sentence: str, **meta) -> Evidence:
    return Evidence(doc_id="D", title="A study", sentence=sentence, sentence_index=0, score=0.8, **meta)


def test_loads_offline_and_reads_the_four_strengths(model):
    sentences = ["The mean age of the participants was 54 years.",
                 "Higher coffee intake was associated with lower mortality.",
                 "Vitamin D supplementation may reduce the risk of falls.",
                 "Aspirin reduces the risk of colorectal cancer."]
    assert model.predict(sentences) == [0, 1, 2, 3]
    probs = model.probabilities(sentences)
    assert probs.shape == (4, len(LABELS)) and abs(float(probs.sum(1).mean()) - 1) < 1e-5
    assert model.predict(sentences[1:2]) == model.predict(sentences)[1:2]  # a sentence alone scores the same


def test_causal_axis_uses_the_model(model):
    cohort = [ev("Coffee drinking was associated with lower mortality.", publication_types=["Cohort Studies"])]
    findings = compare("Coffee prevents early death", cohort, model.predict)
    assert [f.axis for f in findings] == ["causal"] and findings[0].evidence_words == "associated"
    assert compare("Coffee is linked to a lower risk of early death", cohort, model.predict) == []
    causal_evidence = [ev("In this cohort, coffee drinking reduced mortality.")]
    assert compare("Coffee prevents early death", causal_evidence, model.predict) == []
