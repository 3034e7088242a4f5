"""The trained strength models (models/causal-strength, models/certainty) and their place in the verdict."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from factcheck.schema import Evidence
from factcheck.runtime import INPUTS
from factcheck.verify.strength import Scorers, compare
from factcheck.verify.strength_model import LABELS, CertaintyModel, StrengthModel

MODELS = Path(__file__).resolve().parents[1] / "models"


def trained(model_class, name: str, command: str):
    m = model_class(MODELS / name)
    if not m.available:
        pytest.skip(f"models/{name} is not trained yet ({command})")
    return m


@pytest.fixture(scope="module")
def model():
    return trained(StrengthModel, "causal-strength", "scripts/train_strength.py")


@pytest.fixture(scope="module")
def certainty_model():
    return trained(CertaintyModel, "certainty", "scripts/train_strength.py --task certainty")


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
    scorers = Scorers(causal=model.predict)
    findings = compare("Coffee prevents early death", cohort, scorers)
    assert [f.axis for f in findings] == ["causal"] and findings[0].evidence_words == "associated"
    assert compare("Coffee is linked to a lower risk of early death", cohort, scorers) == []
    causal_evidence = [ev("In this cohort, coffee drinking reduced mortality.")]
    assert compare("Coffee prevents early death", causal_evidence, scorers) == []
    # "cures" is named once, as an absolute, though the model also reads it as direct causal
    remission = [ev("The patient remained in drug-free remission without further treatment for four months.")]
    assert [(f.axis, f.claim_words) for f in compare("The therapy cures lupus", remission, scorers)] == \
        [("absolute", "cures")]


def test_certainty_model_orders_hedged_below_certain(certainty_model):
    hedged, certain = certainty_model.predict([
        "These preliminary results suggest that the drug might possibly help some patients.",
        "The drug lowers blood pressure."])
    assert 1.0 <= hedged < certain <= 6.0 and certain - hedged > 1.0
    [alone] = certainty_model.predict(["The drug lowers blood pressure."])
    assert alone == pytest.approx(certain)  # one sentence per pass: no batch effects
    assert certainty_model.predict([]) == []


def test_certainty_axis_uses_the_model(certainty_model):
    scorers = Scorers(certainty=certainty_model.predict)
    tentative = [ev("These preliminary findings suggest that curcumin might slow tumour growth in some patients.")]
    [f] = compare("Curcumin stops tumour growth", tentative, scorers)
    assert f.axis == "certainty" and f.evidence_words == "preliminary" and "1–6 certainty scale" in f.explanation
    assert compare("Curcumin may slow tumour growth", tentative, scorers) == []  # hedged like its evidence
    firm = [ev("Curcumin halted tumour growth in all 40 patients.")]
    assert [x.axis for x in compare("Curcumin stops tumour growth", firm, scorers)] == []


def test_the_causal_head_reads_the_mean_of_the_token_vectors(model):
    """models/causal-strength is trained with `--pooling mean`: its classifier reads the mean of
    the token vectors, not transformers' [CLS] pooler, at fp32 (batched, padding left out of the
    mean) as at int8 (one sentence at a time, ONNX Runtime)."""
    assert json.loads((model.model_dir / "config.json").read_text())["pooling"] == "mean"
    sentences = ["Statins reduce mortality.",
                 "In this prospective cohort of 12,000 adults followed for ten years, higher coffee intake "
                 "was associated with a lower risk of death from cardiovascular disease."]
    fp32 = StrengthModel(model.model_dir, precision="fp32")
    batched = fp32.logits(sentences)  # one padded batch
    alone = np.concatenate([fp32.logits([s]) for s in sentences])
    assert np.allclose(batched, alone, atol=1e-4)

    from factcheck.export import load_classifier

    tokenizer, built = load_classifier(model.model_dir, "fp32", "causal-strength", "train_strength.py")
    with torch.inference_mode():
        enc = tokenizer.padded(tokenizer(sentences[:1]), [0])
        through_cls = built(**{k: torch.from_numpy(enc[k]) for k in INPUTS}).logits.numpy()
    assert not np.allclose(through_cls, alone[:1], atol=0.1)  # the [CLS] head would be another model
    assert model.predict(sentences) == [int(i) for i in alone.argmax(1)]  # int8 labels as fp32's
