"""Whole evaluation runs: the CLI's outputs, and Ray giving the same records as in-process."""

from __future__ import annotations

import importlib.util
import json
from itertools import islice
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.config import REPO_ROOT, Config
from factcheck.eval import datasets as D
from factcheck.eval import engine as E
from factcheck.eval import tasks as T
from factcheck.eval.cli import default_corpus, eval_group

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
VERIFIER = REPO_ROOT / "models" / "verifier" / "model.safetensors"
OUTPUTS = ("metrics.json", "predictions.jsonl", "report.md", "report.html")


def need_shared():
    if not SHARED.is_dir():
        pytest.skip("../shared/data not present (it is in CI)")


def need_verifier():
    if not VERIFIER.is_file():
        pytest.skip("models/verifier is not trained yet")


def _without_latency(records):
    return [{k: v for k, v in r.items() if k != "latency_s"} for r in records]


def test_cli_strength_run_and_compare(tmp_path):
    need_shared()
    data = SHARED / "strength/causal-language/annotated_pubmed.csv"
    runner = CliRunner()
    for name, limit in (("a", "20"), ("b", "30")):
        r = runner.invoke(eval_group, ["causal-strength", "--data", str(data), "--limit", limit,
                                       "--out", str(tmp_path / name), "--no-progress"])
        assert r.exit_code == 0, r.output
        assert "4-way strength macro-F1" in r.output
        assert all((tmp_path / name / f).is_file() for f in OUTPUTS)
    metrics = json.loads((tmp_path / "a/metrics.json").read_text())
    assert metrics["n"] == 20 and 0 <= metrics["headline"]["value"] <= 1
    assert len((tmp_path / "a/predictions.jsonl").read_text().splitlines()) == 20
    r = runner.invoke(eval_group, ["compare", str(tmp_path / "a"), str(tmp_path / "b")])
    assert r.exit_code == 0 and "n" in r.output


def test_scoring_the_causal_models_own_training_file_headlines_its_cross_validation(tmp_path):
    """The shipped causal model trained on annotated_pubmed.csv: scoring that file only measures
    fit, so the headline is the training run's cross-validation (training.json), and a file of
    any other name is scored plainly."""
    training = json.loads((REPO_ROOT / "models/causal-strength/training.json").read_text())
    folds = [f["seed0"]["macro_f1"] for f in training["cv_folds"]]
    rows = "sentence,label\nAspirin reduces the risk of colorectal cancer.,3\n" \
           "Higher coffee intake was associated with lower mortality.,1\n"
    for name in ("annotated_pubmed.csv", "new_sentences.csv"):
        (tmp_path / name).write_text(rows)
        r = CliRunner().invoke(eval_group, ["causal-strength", "--data", str(tmp_path / name), "--no-progress",
                                            "--out", str(tmp_path / name.removesuffix(".csv"))])
        assert r.exit_code == 0, r.output
    own = json.loads((tmp_path / "annotated_pubmed/metrics.json").read_text())
    assert own["trained_on_this_file"] and own["headline"]["value"] == pytest.approx(sum(folds) / len(folds), abs=1e-4)
    assert "cross-validation" in own["headline"]["name"] and own["accuracy"] == 1.0  # in-sample, kept beside it
    other = json.loads((tmp_path / "new_sentences/metrics.json").read_text())
    assert "trained_on_this_file" not in other and other["headline"]["value"] == other["macro_f1"]
    assert other["accuracy"] == 1.0


def test_cli_certainty_scores_the_chosen_split(tmp_path):
    if not (REPO_ROOT / "models" / "certainty" / "model.safetensors").is_file():
        pytest.skip("models/certainty is not trained yet")
    data = tmp_path / "certainty.jsonl"
    rows = [("Smoking causes lung cancer.", 6.0, "val"), ("Coffee might perhaps lower the risk slightly.", 2.0, "val"),
            ("These results suggest a possible benefit.", 3.0, "val"), ("Aspirin lowers fever.", 5.5, "train")]
    data.write_text("".join(json.dumps({"id": i, "finding": f, "sentence-level-certainty": c, "split": s}) + "\n"
                            for i, (f, c, s) in enumerate(rows)))
    r = CliRunner().invoke(eval_group, ["certainty", "--data", str(data), "--out", str(tmp_path / "o"),
                                        "--no-progress"])
    assert r.exit_code == 0, r.output
    assert "certainty Pearson r" in r.output and "splits val" in r.output
    metrics = json.loads((tmp_path / "o/metrics.json").read_text())
    assert metrics["n"] == 3 and metrics["pearson_r"] > 0.5  # certain above hedged, on three clear sentences
    assert (tmp_path / "o/scores.png").is_file()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"finding": "x", "sentence-level-certainty": 9, "split": "val"}\n')
    r = CliRunner().invoke(eval_group, ["certainty", "--data", str(bad), "--out", str(tmp_path / "b")])
    assert r.exit_code == 2 and f"{bad}:1: certainty 9.0 is outside 1–6" in r.output


def test_cli_broken_file_is_one_line_with_file_and_line(tmp_path):
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"original_file_id": "1"}\n')
    r = CliRunner().invoke(eval_group, ["exaggeration", "--data", str(bad), "--out", str(tmp_path / "o")])
    assert r.exit_code == 2
    assert f"{bad}:1: missing key" in r.output


def test_default_corpus_from_data_root():
    assert default_corpus(Path("/d/claims/scifact/claims_dev.jsonl")) == Path("/d/corpus/abstracts.jsonl.gz")
    assert default_corpus(Path("/elsewhere/x.jsonl")) is None


def test_ray_engine_equals_local_on_strength(ray_cluster):
    need_shared()
    items = list(islice(D.read_causal_strength(SHARED / "strength/causal-language/annotated_pubmed.csv"), 40))
    config = Config(home="/nonexistent", embedding_model="unused")
    local = E.run(T.run_causal_strength, items, config, "local", shard_size=7, progress=False)
    remote = E.run(T.run_causal_strength, items, config, "ray", shard_size=7, progress=False)
    assert _without_latency(remote) == _without_latency(local)
    assert [r["id"] for r in remote] == [i.id for i in items]  # order kept


def test_ray_engine_equals_local_on_healthver(ray_cluster):
    need_shared()
    need_verifier()
    items = list(islice(D.read_healthver(SHARED / "claims/healthver/healthver_dev.csv"), 20))
    config = Config()
    local = E.run(T.run_pairs, items, config, "local", shard_size=8, progress=False)
    remote = E.run(T.run_pairs, items, config, "ray", shard_size=8, progress=False)
    assert len(local) == 20
    assert _without_latency(remote) == _without_latency(local)
    assert T.score_pairs(remote)["macro_f1"] == T.score_pairs(local)["macro_f1"]


def test_cli_newsroom_end_to_end(tmp_path):
    need_shared()
    need_verifier()
    for module in ("factcheck.corpus.store", "factcheck.retrieve.hybrid"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} not written yet")
    out = tmp_path / "run"
    r = CliRunner().invoke(eval_group, ["newsroom", "--data", str(SHARED / "newsroom"), "--out", str(out),
                                        "--no-progress"])
    assert r.exit_code == 0, r.output
    assert all((out / f).is_file() for f in OUTPUTS)
    m = json.loads((out / "metrics.json").read_text())
    assert m["dataset"] == "newsroom" and m["n"] == 3
    assert 0 <= m["claim_recall"] <= 1 and "false_flags" in m and "latency" in m
    gold = [json.loads(x) for x in (out / "predictions.jsonl").read_text().splitlines()]
    assert sum(g["task"] == "newsroom" for g in gold) == 3


def test_cached_home_is_built_once(tmp_path, monkeypatch):
    need_shared()
    from factcheck.eval.cli import cached_home

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    corpus = SHARED / "newsroom/corpus.jsonl"
    home = cached_home(Config(home=tmp_path / "unused"), corpus, progress=False)
    assert home.parent == tmp_path / "factcheck" / "corpora" and (home / ".complete").is_file()
    built = (home / ".complete").stat().st_mtime_ns
    assert cached_home(Config(home=tmp_path / "unused"), corpus, progress=False) == home
    assert (home / ".complete").stat().st_mtime_ns == built  # reused, not rebuilt
    assert not [p for p in home.parent.iterdir() if p.name.startswith(".build-")]


def test_cli_newsroom_with_distractors_finds_the_source_and_measures_false_support(tmp_path, monkeypatch):
    """Two articles of eval/newsroom among 40 abstracts drawn from the development corpus, then
    again with their evidence records left out."""
    need_shared()
    need_verifier()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    out = tmp_path / "run"
    r = CliRunner().invoke(eval_group, ["newsroom", "--data", str(REPO_ROOT / "eval/newsroom"), "--out", str(out),
                                        "--limit", "2", "--distractors", "40", "--no-progress"])
    assert r.exit_code == 0, r.output
    assert "source study at rank 1" in r.output and "false-support rate" in r.output
    m = json.loads((out / "metrics.json").read_text())
    assert m["source_study"]["articles"] == 2 and m["source_study"]["rank1_accuracy"] == 1.0
    assert m["false_support"]["source_accepted"]["accepted_when_absent"] == 0  # no study accepted once removed
    records = [json.loads(x) for x in (out / "predictions.jsonl").read_text().splitlines()]
    assert {r["task"] for r in records} >= {"newsroom", "newsroom-source", T.REMOVED + "newsroom"}
    sample = next((tmp_path / "cache/factcheck/corpora").glob("distractors-*-40.jsonl"))
    assert len(sample.read_text().splitlines()) == 40
    bad = CliRunner().invoke(eval_group, ["newsroom", "--data", str(REPO_ROOT / "eval/newsroom"), "--distractors",
                                          "100", "--corpus", str(REPO_ROOT / "eval/newsroom/corpus.jsonl")])
    assert bad.exit_code == 2 and "fewer than --distractors 100" in bad.output
