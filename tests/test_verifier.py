"""The trained verifier loads offline from models/verifier and separates obvious cases."""

import os

import numpy as np
import pytest

from factcheck.config import default_models_dir
from factcheck.errors import ModelError
from factcheck.schema import STANCES
from factcheck.verify.verifier import Verifier

WEIGHTS = default_models_dir() / "verifier"


@pytest.fixture(scope="module")
def verifier():
    if not (WEIGHTS / "model.safetensors").is_file():
        pytest.fail(f"{WEIGHTS} has no weights: the verifier must ship with the repo")
    os.environ["HF_HUB_OFFLINE"] = "1"  # prove nothing is fetched
    return Verifier(WEIGHTS)


def test_separates_support_refute_and_unrelated(verifier):
    pairs = [
        ("Aspirin reduces the risk of colorectal cancer.",
         "Long-term daily aspirin use reduced the incidence of colorectal cancer by a quarter."),
        ("Vitamin D supplements reduce the severity of COVID-19.",
         "Vitamin D supplementation had no effect on the severity of COVID-19."),
        ("Statins lower LDL cholesterol.",
         "The museum opened a new wing for medieval tapestries in 1998."),
    ]
    p = verifier.predict(pairs)
    assert p.shape == (3, 3) and np.allclose(p.sum(1), 1, atol=1e-5)
    assert [STANCES[i] for i in p.argmax(1)] == ["support", "refute", "nei"]


@pytest.mark.xfail(strict=True, reason="known weakness (issue #4): a plain 'did not' negation of the claim "
                   "still reads as support to this small model")
def test_plain_negation_refutes(verifier):
    p = verifier.predict([("Vitamin D supplements reduce the severity of COVID-19.",
                           "Vitamin D supplementation did not reduce the severity of COVID-19 compared with placebo.")])
    assert STANCES[int(p.argmax())] == "refute"


def test_batching_does_not_change_scores(verifier):
    pairs = [("Coffee is linked to lower mortality.", "Coffee drinkers had lower mortality in a cohort."),
             ("Smoking causes lung cancer.", "x " * 400)]  # long input is truncated, not an error
    one = np.vstack([verifier.predict([q]) for q in pairs])
    assert np.allclose(verifier.predict(pairs), one, atol=1e-4)


def test_missing_weights_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="no verifier weights"):
        Verifier(tmp_path).predict([("a", "b")])


def test_weights_are_fp16_safetensors():
    from safetensors import safe_open

    with safe_open(str(WEIGHTS / "model.safetensors"), "np") as f:
        dtypes = {f.get_tensor(k).dtype for k in list(f.keys())[:20]}
    assert dtypes == {np.dtype("float16")}
    assert (WEIGHTS / "MODEL_CARD.md").is_file()
