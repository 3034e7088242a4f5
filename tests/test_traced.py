"""The int8 models load from saved TorchScript traces (factcheck/traced.py): the same numbers
as the models built through transformers, a bad cache file made again, and a warm start that
never imports transformers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from factcheck.config import cache_dir, default_embedding_model, default_models_dir
from factcheck.retrieve.embed import Embedder
from factcheck.traced import INPUTS
from factcheck.verify.verifier import Verifier, load_classifier, logits_module

PAIRS = [("CAR T cells put a patient with severe lupus into drug-free remission.",
          "All five patients reached drug-free remission of lupus within three months."),
         ("Coffee lowers mortality.", "No.")]


def _traces(name: str) -> list[Path]:
    return sorted(cache_dir("traced").glob(f"{name}-*.pt"))


def test_a_saved_trace_gives_the_numbers_of_the_model_built_through_transformers(tmp_path, monkeypatch):
    import torch

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    weights = default_models_dir() / "verifier"
    first = Verifier(weights).logits(PAIRS)  # traces and saves
    [saved] = _traces("verifier")
    assert saved.is_relative_to(tmp_path)
    again = Verifier(weights).logits(PAIRS)  # loads the file
    assert _traces("verifier") == [saved] and np.array_equal(first, again)

    tokenizer, model = load_classifier(weights, "int8", "verifier", "train_verifier.py")
    eager = logits_module(model, tokenizer, "fp32", pair=True)  # the quantised model, not traced
    with torch.inference_mode():
        for (claim, sentence), row in zip(PAIRS, again):
            enc = tokenizer.padded(tokenizer([claim], [sentence]), [0])
            assert np.array_equal(eager(*(enc[k] for k in INPUTS)).numpy()[0], row)


def test_a_damaged_trace_file_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    weights = default_models_dir() / "causal-strength"
    from factcheck.verify.strength_model import StrengthModel

    expected = StrengthModel(weights).probabilities(["Statins reduce mortality."])
    [saved] = _traces("causal-strength")
    saved.write_bytes(saved.read_bytes()[:1000])  # a write cut short
    assert np.array_equal(StrengthModel(weights).probabilities(["Statins reduce mortality."]), expected)
    assert saved.stat().st_size > 1000


def test_the_embedders_traced_query_vector_is_its_eager_vector(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    texts = ["CAR T cells put a lupus patient into remission.", "x",
             "Coffee drinking was associated with lower mortality in 400,000 adults over 13 years."]
    traced = Embedder(default_embedding_model()).encode(texts, batch_size=1)
    eager = Embedder(default_embedding_model())
    model = eager._load()
    eager._single = lambda: lambda *inputs: model(**dict(zip(INPUTS, inputs))).last_hidden_state
    assert _traces(Path(default_embedding_model()).name) and np.array_equal(traced, eager.encode(texts, batch_size=1))


def test_a_warm_start_checks_an_article_without_importing_transformers(mini_home, tmp_path):
    script = (f"import sys\nfrom factcheck import Checker, Config\n"
              f"checker = Checker(Config(home={str(mini_home)!r}))\n"
              "result = checker.check_text('CAR T cells cured a woman of lupus. Statins reduce heart attacks.')\n"
              "print(len(result.verdicts), 'transformers' in sys.modules)\n")
    env = {**__import__("os").environ, "XDG_CACHE_HOME": str(tmp_path)}
    cold = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=600)
    warm = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=600)
    assert cold.returncode == 0 and warm.returncode == 0, cold.stderr[-2000:] + warm.stderr[-2000:]
    assert cold.stdout.split()[0] == warm.stdout.split()[0] != "0"
    assert cold.stdout.split()[1] == "True" and warm.stdout.split()[1] == "False"


def test_retrained_weights_get_a_new_trace_that_replaces_the_old(tmp_path, monkeypatch):
    import os
    import shutil

    from factcheck.verify.strength_model import CertaintyModel

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    weights = tmp_path / "certainty"
    shutil.copytree(default_models_dir() / "certainty", weights)
    CertaintyModel(weights).predict(["It may help."])
    [before] = _traces("certainty")
    stat = (weights / "model.safetensors").stat()
    os.utime(weights / "model.safetensors", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # written again
    CertaintyModel(weights).predict(["It may help."])
    [after] = _traces("certainty")
    assert after != before and not before.exists()


def test_a_model_without_token_types_traces_like_its_eager_self():
    """MPNet (the accurate verifier's backbone) has no segment embeddings: the trace must not
    pass token_type_ids to it, and still give its eager logits."""
    import torch
    from transformers import MPNetConfig, MPNetForSequenceClassification

    from factcheck.traced import outputs_module, trace

    torch.manual_seed(0)
    config = MPNetConfig(vocab_size=100, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                         intermediate_size=64, num_labels=3)
    model = MPNetForSequenceClassification(config).eval()

    class Ids:  # a tokenizer stand-in: the trace only needs padded example tensors
        def __call__(self, texts, pairs=None):
            return {"input_ids": [[0, 5, 6, 2, 2, 7, 2]], "attention_mask": [[1] * 7], "token_type_ids": [[0] * 7]}

        def padded(self, tokens, idx):
            return {k: torch.tensor(v) for k, v in tokens.items()}

    module = outputs_module(model, "logits")
    traced = trace(module, Ids(), pair=True)
    ids = torch.tensor([[0, 9, 8, 7, 2, 2, 4, 2]])
    inputs = (ids, torch.ones_like(ids), torch.zeros_like(ids))
    with torch.inference_mode():
        assert torch.allclose(traced(*inputs), model(input_ids=ids, attention_mask=torch.ones_like(ids)).logits)
