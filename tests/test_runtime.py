"""The models run in ONNX Runtime (factcheck/runtime.py) from graphs exported once from the
committed weights (factcheck/export.py): the fp32 graph gives torch's numbers, int8 gives torch
int8's labels, a damaged export is made again, and a check never imports torch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from factcheck.config import cache_dir, default_embedding_model, default_models_dir
from factcheck.retrieve.embed import Embedder
from factcheck.runtime import INPUTS, exported_path
from factcheck.verify.strength_model import StrengthModel
from factcheck.verify.verifier import Verifier

PAIRS = [("CAR T cells put a patient with severe lupus into drug-free remission.",
          "All five patients reached drug-free remission of lupus within three months."),
         ("Coffee lowers mortality.", "No."),
         ("Aspirin prevents colorectal cancer in older adults with a long history of daily use.",
          "In 400,000 adults, aspirin use was associated with lower colorectal cancer incidence.")]


def _exports(name: str) -> list[Path]:
    return sorted(cache_dir("onnx").glob(f"{name}-*.onnx"))


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def test_the_fp32_graph_gives_torchs_numbers_on_a_padded_batch(own_cache):
    import torch

    from factcheck.export import classifier_logits, load_classifier

    weights = default_models_dir() / "verifier"
    onnx = Verifier(weights, precision="fp32", temperature=1.0).logits(PAIRS)  # one padded batch
    tokenizer, model = load_classifier(weights, "fp32")
    with torch.inference_mode():
        for (claim, sentence), row in zip(PAIRS, onnx):
            enc = tokenizer.padded(tokenizer([claim], [sentence]), [0])
            eager = classifier_logits(model, **{k: torch.from_numpy(enc[k]) for k in INPUTS}).numpy()[0]
            assert np.allclose(row, eager, atol=1e-4)
    [saved] = _exports("verifier")
    assert saved.is_relative_to(own_cache) and saved == exported_path(weights, "pair-logits", "fp32")


def test_int8_is_near_torch_int8_and_is_loaded_again_not_exported(own_cache):
    """ONNX Runtime's int8 logits follow torch int8's (the runtimes quantise activations
    differently, so a pair's logit can move by ~0.7 and a borderline pair change label:
    scripts/verifier_tradeoff.py measures the labels over the dev pairs)."""
    import torch

    from factcheck.export import load_classifier

    weights = default_models_dir() / "verifier"
    first = Verifier(weights, temperature=1.0).logits(PAIRS)
    [saved] = _exports("verifier")
    stamp = saved.stat().st_mtime_ns
    again = Verifier(weights, temperature=1.0).logits(PAIRS)
    assert np.array_equal(first, again) and saved.stat().st_mtime_ns == stamp  # the file, not a new export
    tokenizer, model = load_classifier(weights, "int8")
    before = []
    with torch.inference_mode():
        for claim, sentence in PAIRS:
            enc = tokenizer.padded(tokenizer([claim], [sentence]), [0])
            before.append(model(**{k: torch.from_numpy(enc[k]) for k in INPUTS}).logits.numpy()[0])
    assert np.corrcoef(first.ravel(), np.ravel(before))[0, 1] > 0.9
    assert np.array_equal(Verifier(weights, temperature=1.0).logits(PAIRS[1:2]), first[1:2])  # a pair alone


def test_a_damaged_export_is_made_again(own_cache):
    weights = default_models_dir() / "causal-strength"
    expected = StrengthModel(weights).probabilities(["Statins reduce mortality."])
    [saved] = _exports("causal-strength")
    saved.write_bytes(saved.read_bytes()[:1000])  # a write cut short
    assert np.array_equal(StrengthModel(weights).probabilities(["Statins reduce mortality."]), expected)
    assert saved.stat().st_size > 1000


def test_the_embedders_vectors_do_not_depend_on_the_batch(own_cache):
    texts = ["CAR T cells put a lupus patient into remission.", "x",
             "In this prospective cohort of 12,000 adults followed for ten years, higher coffee intake was "
             "associated with a lower risk of death from cardiovascular disease."]
    embedder = Embedder(default_embedding_model())
    assert embedder.identity.split(":")[2] == "fp32-onnx"
    alone = np.concatenate([embedder.encode([t]) for t in texts])
    assert np.allclose(embedder.encode(texts), alone, atol=1e-5)  # padded together: the same vectors
    assert np.allclose(np.linalg.norm(alone, axis=1), 1, atol=1e-5)
    int8 = Embedder(default_embedding_model(), quantize=True)
    assert int8.identity != embedder.identity and (int8.encode(texts, batch_size=1) * alone).sum(1).min() > 0.97


def test_a_check_and_the_server_import_neither_torch_nor_transformers(mini_home, own_cache):
    """The check path runs on ONNX Runtime alone (issue #21); the exports already exist here."""
    from factcheck.config import Config
    from factcheck.pipeline import Checker

    Checker(Config(home=mini_home)).load().close()  # the exports are made here, not in the child
    code = (
        "import sys\n"
        "from factcheck.cli import main\n"
        "from factcheck.server.app import create_app\n"
        f"from factcheck.pipeline import Checker\nfrom factcheck.config import Config\n"
        f"c = Checker(Config(home={str(mini_home)!r})).load()\n"
        "r = c.check_text('CAR T cells put a 20-year-old woman with lupus into remission.')\n"
        "assert r.verdicts, r\n"
        "create_app\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers', "
        "'sentence_transformers')))\n")
    env = {**__import__("os").environ, "XDG_CACHE_HOME": str(own_cache)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_export_script_builds_the_graphs_a_check_finds(own_cache):
    script = Path(__file__).resolve().parents[1] / "scripts" / "export_onnx.py"
    env = {**__import__("os").environ, "XDG_CACHE_HOME": str(own_cache)}
    out = subprocess.run([sys.executable, str(script), "--only", "causal-strength"], capture_output=True, text=True,
                         env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    [saved] = _exports("causal-strength")
    assert out.stdout.startswith(f"causal-strength: {saved} (")
    assert saved == exported_path(default_models_dir() / "causal-strength", "text-logits", "int8")
    bad = subprocess.run([sys.executable, str(script), "--only", "nonsense"], capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and "unknown models: nonsense" in bad.stderr
