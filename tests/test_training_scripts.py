"""What keeps the training scripts' figures honest: HealthVer's cross-validation folds and the
bi-encoder's batches (scripts/ is not a package: imported from its folder)."""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from train_embedder import batches  # noqa: E402
from verifier_pairs import healthver_folds, parse_fold  # noqa: E402


def test_healthver_folds_put_each_topic_in_one_fold(shared_data):
    folds = healthver_folds(shared_data, 5)
    assert sum(map(len, folds)) == 1917 and all(370 < len(f) < 400 for f in folds)
    topics = [{p.group for p in fold} for fold in folds]
    assert all(not (a & b) for i, a in enumerate(topics) for b in topics[i + 1:])  # no topic scored and trained on
    assert [[p.id for p in f] for f in healthver_folds(shared_data, 5)] == [[p.id for p in f] for f in folds]
    assert parse_fold("2/5") == (2, 5) and parse_fold("all") == (-1, 1) and parse_fold(None) is None


def test_embedder_batches_never_hold_a_claim_twice_and_cover_every_pair():
    rng = random.Random(0)
    triplets = [(f"c{rng.randrange(40)}", "claim", "x" * rng.randrange(5, 300), "negative") for _ in range(500)]
    out = batches(triplets, 32, random.Random(1))
    assert all(len(b) <= 32 and len({t[0] for t in b}) == len(b) for b in out)
    assert Counter(map(id, (t for b in out for t in b))) == Counter(map(id, triplets))
    assert out == batches(triplets, 32, random.Random(1))  # the order depends only on the seed (resumable)


def test_a_checkpoint_restores_model_optimiser_schedule_and_step(tmp_path):
    import torch
    from transformers import get_linear_schedule_with_warmup

    from training import load_checkpoint, save_checkpoint

    def run():
        torch.manual_seed(0)
        model = torch.nn.Linear(4, 2)
        opt = torch.optim.AdamW(model.parameters(), lr=0.1)
        return model, opt, get_linear_schedule_with_warmup(opt, 1, 10)

    model, opt, sched = run()
    model(torch.ones(1, 4)).sum().backward()
    opt.step(); sched.step()  # noqa: E702
    save_checkpoint(tmp_path / "ck" / "last.pt", model, opt, sched, 7, [{"epoch": 0}])
    assert [p.name for p in (tmp_path / "ck").iterdir()] == ["last.pt"]  # no temporary file left
    again, opt2, sched2 = run()
    assert load_checkpoint(tmp_path / "ck" / "last.pt", again, opt2, sched2) == (7, [{"epoch": 0}])
    assert torch.equal(again.weight, model.weight) and sched2.last_epoch == sched.last_epoch == 1
    assert load_checkpoint(tmp_path / "none.pt", *run()) == (0, [])


def test_a_soup_averages_the_weights_and_seeds_one_reproduces_the_single_run():
    import argparse

    import torch

    from train_strength import fold_seeds, soup

    torch.manual_seed(0)
    a, b = torch.nn.Linear(3, 2), torch.nn.Linear(3, 2)
    expected = (a.weight.detach() + b.weight.detach()) / 2
    assert torch.allclose(soup([a, b]).weight, expected) and torch.allclose(a.weight, expected)
    args = argparse.Namespace(seed=13, seeds=1)
    assert fold_seeds(args, 2) == [15] and fold_seeds(args, None) == [13]  # the single-model run's seeds
    assert fold_seeds(argparse.Namespace(seed=13, seeds=3), 2) == [15, 1015, 2015]


def test_conclusion_sentences_read_as_one_auxiliary_head(shared_data):
    from train_strength import CONCLUSIONS, read_conclusions

    texts, targets = read_conclusions(shared_data / CONCLUSIONS)
    assert len(texts) == len(targets) == 1138 and {len(t) for t in targets} == {1}
    assert sum(t[0] for t in targets) == 145  # conclusions are the minority, as in the file


def test_abstract_examples_label_cited_abstracts_by_their_rationales_and_uncited_ones_nei():
    from factcheck.eval.datasets import ClaimRecord, RationaleSet
    from train_abstract_verifier import examples

    claims = [ClaimRecord("1", "claim one", {"A": [RationaleSet([0], "support")], "B": [RationaleSet([2], "refute")]},
                          ["A", "B", "C", "X"]),  # C: cited without a rationale; X: not in the corpus
              ClaimRecord("2", "claim two", {}, ["D"])]  # a not-enough-info claim, and no candidates
    texts = {d: f"text {d}" for d in "ABCDEFG"}
    candidates = {"1": ["A", "E", "C", "F", "B", "G", "X"]}
    out = examples(claims, candidates, texts, 2, random.Random(0))
    assert out[:3] == [("claim one", "text A", "support"), ("claim one", "text B", "refute"),
                       ("claim one", "text C", "nei")]
    negatives = out[3:5]
    assert {c for c, _, s in negatives} == {"claim one"} and {s for *_, s in negatives} == {"nei"}
    assert {t for _, t, _ in negatives} <= {"text E", "text F", "text G"}  # never a cited abstract
    assert out[5:] == [("claim two", "text D", "nei")]
    assert out == examples(claims, candidates, texts, 2, random.Random(0))  # an epoch depends only on its seed


def test_crossencoder_batches_are_of_similar_length_cover_every_pair_and_depend_on_seed_and_epoch():
    from datasets import Dataset

    from train_verifier import LengthBucketBatchSampler
    from verifier_pairs import cap_nei

    rng = random.Random(0)
    pairs = [("c" * rng.randrange(5, 80), "e" * rng.randrange(5, 400)) for _ in range(2000)]
    data = Dataset.from_dict({"claim": [a for a, _ in pairs], "evidence": [b for _, b in pairs]})
    sampler = LengthBucketBatchSampler(data, 16, False, seed=13)
    first = list(sampler)
    assert len(first) == len(sampler) == 125 and sorted(i for b in first for i in b) == list(range(2000))
    spread = lambda batches: sum(max(sampler.lengths[i] for i in b) - min(sampler.lengths[i] for i in b)  # noqa: E731
                                 for b in batches) / len(batches)
    shuffled = list(range(2000))
    rng.shuffle(shuffled)
    assert spread(first) < spread([shuffled[s:s + 16] for s in range(0, 2000, 16)]) / 5  # little padding
    assert list(LengthBucketBatchSampler(data, 16, False, seed=13)) == first  # a resumed run sees the same batches
    sampler.set_epoch(1)
    assert list(sampler) != first

    labelled = [(f"c{i}", "e", s) for i, s in enumerate(["nei"] * 50 + ["support"] * 7 + ["refute"] * 3)]
    kept = cap_nei(labelled, 10, random.Random(0))
    assert Counter(s for *_, s in kept) == {"nei": 10, "support": 7, "refute": 3}
    assert cap_nei(labelled, 0, random.Random(0)) == labelled


def test_train_verifier_trains_through_the_trainer_and_saves_fp16_weights_with_dev_figures(shared_data, tmp_path):
    """The one training loop end to end on a few SICK pairs: fp16 weights with the product's
    labels, the dev figures in training.json, and a checkpoint that a second run resumes from
    without losing the dev figures of the epoch before it."""
    import json
    import subprocess

    import gzip

    out, ck, pairs = tmp_path / "verifier", tmp_path / "checkpoints", tmp_path / "pairs.jsonl.gz"
    script = [sys.executable, str(Path(__file__).resolve().parents[1] / "scripts" / "train_verifier.py"),
              "--data", str(shared_data)]
    # the pairs are built where the data is and trained on elsewhere (a GPU machine)
    written = subprocess.run(script + ["--sources", "sick", "--cap", "24", "--write-pairs", str(pairs)],
                             capture_output=True, text=True, timeout=600)
    assert written.returncode == 0, written.stderr[-2000:]
    rows = [json.loads(line) for line in gzip.open(pairs, "rt")]
    assert len(rows) == 24 and {r[2] for r in rows} <= {"nei", "support", "refute"} and not out.exists()
    unlabelled = tmp_path / "unlabelled.jsonl.gz"
    with gzip.open(unlabelled, "wt") as f:
        f.writelines(json.dumps(r) + "\n" for r in [*rows, [rows[0][0], rows[0][1], None]])
    refused = subprocess.run(script + ["--pairs", str(unlabelled)], capture_output=True, text=True, timeout=600)
    assert refused.returncode == 2 and "unlabelled pairs: they need --teacher" in refused.stderr

    cmd = script + ["--pairs", str(pairs), "--batch-size", "8", "--epochs", "2",
                    "--save-every", "4", "--out", str(out), "--checkpoints", str(ck), "--device", "cpu"]
    first = subprocess.run(cmd + ["--max-steps", "4"], capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr[-2000:]
    meta = json.loads((out / "training.json").read_text())
    assert meta["n_train"] == 24 and [h["step"] for h in meta["history"]] == [3, 4]  # an epoch is 3 steps
    assert meta["dev"]["scifact-dev-pairs"]["n"] > 1000 and 0 <= meta["dev"]["scifact-dev-pairs"]["macro_f1"] <= 1
    from safetensors import safe_open

    with safe_open(str(out / "model.safetensors"), "pt") as f:
        assert {str(f.get_tensor(k).dtype) for k in f.keys()} == {"torch.float16"}
    assert json.loads((out / "config.json").read_text())["id2label"] == {"0": "nei", "1": "support", "2": "refute"}
    assert json.loads((ck / "checkpoint-4" / "trainer_state.json").read_text())["global_step"] == 4

    resumed = subprocess.run(cmd + ["--max-steps", "6"], capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert "checkpoint-4" in resumed.stderr
    assert [h["step"] for h in json.loads((out / "training.json").read_text())["history"]] == [3, 6]


def test_a_time_budget_stops_training_at_the_first_step_past_it():
    from types import SimpleNamespace

    from train_verifier import TimeBudget

    state = SimpleNamespace(global_step=7)
    unlimited, spent, ahead = SimpleNamespace(should_training_stop=False), SimpleNamespace(should_training_stop=False), \
        SimpleNamespace(should_training_stop=False)
    TimeBudget(0).on_step_end(None, state, unlimited)
    TimeBudget(-0.01).on_step_end(None, state, spent)
    TimeBudget(5).on_step_end(None, state, ahead)
    assert (unlimited.should_training_stop, spent.should_training_stop, ahead.should_training_stop) == (False, True, False)


def test_int8_transfer_packs_a_model_into_parts_and_unpacks_it_within_half_a_step(tmp_path):
    """The teacher's base travels to a GPU machine as int8 rows in parts under 64 MiB; what
    comes out must be the same model up to rounding: every weight within half a quantisation
    step of its row, the same tensors, config and tokenizer, and the same labels."""
    import subprocess

    import torch
    from safetensors.torch import load_file
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model = Path(__file__).resolve().parents[1] / "models" / "verifier"
    parts, out = [tmp_path / "a", tmp_path / "b"], tmp_path / "restored"
    script = [sys.executable, str(Path(__file__).resolve().parents[1] / "scripts" / "int8_transfer.py")]
    for action, target in (("pack", model), ("unpack", out)):
        run = subprocess.run(script + [action, str(target), *map(str, parts)], capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr[-2000:]
    sizes = [sum(f.stat().st_size for f in p.iterdir()) for p in parts]
    assert max(sizes) < 0.3 * (model / "model.safetensors").stat().st_size  # int8 halves fp16, split in two
    original, restored = load_file(model / "model.safetensors"), load_file(out / "model.safetensors")
    assert set(original) == set(restored)
    for name, w in original.items():
        step = w.float().abs().amax(dim=-1, keepdim=True) / 127 if w.dim() == 2 and w.numel() >= 65536 else 1e-3
        assert torch.all((restored[name].float() - w.float()).abs() <= step / 2 + 1e-3 * w.float().abs() + 1e-6), name
    assert (out / "config.json").read_text() == (model / "config.json").read_text() and (out / "tokenizer.json").is_file()
    pairs = [("Aspirin lowers the risk of a first stroke.", "Aspirin did not reduce stroke incidence in the trial."),
             ("CAR T cells put lupus into remission.", "The patient remained in drug-free remission at four months."),
             ("Coffee causes cancer.", "The study enrolled 450 children aged 5 to 17 months.")]
    enc = AutoTokenizer.from_pretrained(out)([a for a, _ in pairs], [b for _, b in pairs], padding=True, return_tensors="pt")
    with torch.inference_mode():
        a, b = (AutoModelForSequenceClassification.from_pretrained(m).eval()(**enc).logits.softmax(-1) for m in (model, out))
    assert torch.equal(a.argmax(-1), b.argmax(-1)) and torch.allclose(a, b, atol=0.05)  # rounding moves a pair by ~0.04


def test_the_trainer_path_takes_the_same_steps_as_a_plain_pytorch_loop(tmp_path):
    """train_verifier's trainer, sampler and class-weighted loss against the hand-written loop
    the shipped verifier was trained with (AdamW, linear schedule, clipping, the same
    length-bucketed batches): the same losses step for step, dropout off so both are exact."""
    import torch
    from datasets import Dataset
    from sentence_transformers.cross_encoder import CrossEncoder, CrossEncoderTrainer, CrossEncoderTrainingArguments
    from train_verifier import LengthBucketBatchSampler, SoftCrossEntropyLoss
    from training import LABEL_ID
    from training import batches as pair_batches
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    from factcheck.config import bundled_minilm
    from factcheck.schema import STANCES

    rng = random.Random(0)
    words = "aspirin reduces risk of stroke in adults trial showed no effect on mortality among patients".split()
    pairs = [(" ".join(rng.choices(words, k=rng.randrange(4, 12))), " ".join(rng.choices(words, k=rng.randrange(6, 30))),
              rng.choice(STANCES)) for _ in range(48)]
    weights = torch.tensor([len(pairs) / (3 * sum(p[2] == s for p in pairs)) for s in STANCES])
    no_dropout = {"hidden_dropout_prob": 0.0, "attention_probs_dropout_prob": 0.0}

    torch.manual_seed(13)
    model = AutoModelForSequenceClassification.from_pretrained(bundled_minilm(), num_labels=3, dtype=torch.float32, **no_dropout)
    start = {k: v.clone() for k, v in model.state_dict().items()}
    opt = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, 1, 6)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights, label_smoothing=0.05)
    plain = []
    for _, enc, labels in pair_batches(pairs, AutoTokenizer.from_pretrained(bundled_minilm()), 8, 128,
                                       random.Random(13 * 1000)):
        model.train()
        loss = loss_fn(model(**enc).logits, labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step(); sched.step(); opt.zero_grad()  # noqa: E702
        plain.append(loss.item())

    ce = CrossEncoder(bundled_minilm(), num_labels=3, max_length=128, device="cpu", config_kwargs=no_dropout)
    ce[0].auto_model.load_state_dict(start)
    seen = []

    class Recorded(SoftCrossEntropyLoss):
        def forward(self, inputs, labels, prompt=None, task=None):
            out = super().forward(inputs, labels, prompt=prompt, task=task)
            seen.append(out.item())
            return out

    train = Dataset.from_dict({"claim": [p[0] for p in pairs], "evidence": [p[1] for p in pairs],
                               "label": [LABEL_ID[p[2]] for p in pairs]})
    args = CrossEncoderTrainingArguments(
        output_dir=str(tmp_path), max_steps=6, per_device_train_batch_size=8, learning_rate=5e-5, warmup_steps=1,
        weight_decay=0.01, max_grad_norm=1.0, seed=13, data_seed=13, batch_sampler=LengthBucketBatchSampler,
        save_strategy="no", report_to="none", disable_tqdm=True, use_cpu=True)
    CrossEncoderTrainer(model=ce, args=args, train_dataset=train,
                        loss=Recorded(ce, weight=weights, label_smoothing=0.05)).train()
    assert len(seen) == len(plain) == 6 and plain[0] != plain[-1]
    assert max(abs(a - b) for a, b in zip(plain, seen)) < 1e-4


def test_teacher_labels_mix_gold_with_the_teachers_graph_and_sharpen_below_temperature_one(tmp_path):
    """Distillation targets: the teacher's own probabilities (through the product's int8
    graph) where a pair has no gold label, alpha of the gold label where it has one; a
    temperature below 1 makes the same preferences firmer, and the logits are read once."""
    import numpy as np
    from train_verifier import teacher_labels

    from factcheck.verify.verifier import Verifier

    teacher = Path(__file__).resolve().parents[1] / "models" / "verifier"
    pairs = [("Vitamin D supplements reduce fractures in older adults.",
              "Vitamin D supplementation did not reduce the rate of fractures.", None),
             ("Aspirin lowers the risk of colorectal cancer.",
              "Daily aspirin reduced colorectal cancer incidence by 24%.", "support")]
    own = Verifier(teacher, max_length=128, temperature=1.0).predict([(c, e) for c, e, _ in pairs])
    soft = np.array(teacher_labels(pairs, str(teacher), tmp_path, 128, alpha=0.5))
    assert np.allclose(soft[0], own[0], atol=1e-6)
    assert np.allclose(soft[1], 0.5 * np.eye(3)[1] + 0.5 * own[1], atol=1e-6)
    assert len(list(tmp_path.glob("teacher-*.npy"))) == 1

    firm = np.array(teacher_labels(pairs, str(teacher), tmp_path, 128, alpha=0.0, temperature=0.5))
    assert np.allclose(firm.sum(-1), 1) and (firm.argmax(-1) == own.argmax(-1)).all()
    assert (firm.max(-1) >= own.max(-1)).all()
    assert len(list(tmp_path.glob("teacher-*.npy"))) == 1  # the cached logits served the second call


def test_easy_negatives_pair_each_claim_with_a_sentence_of_an_abstract_it_does_not_cite():
    from verifier_pairs import easy_negative_pairs

    from factcheck.eval.datasets import ClaimRecord

    corpus = {d: (f"title {d}", [f"{d} sentence {i}" for i in range(3)]) for d in "ABCDEF"}
    corpus["Z"] = ("empty", [])
    claims = [ClaimRecord(str(i), f"claim {i}", {}, ["A", "B"]) for i in range(30)]
    out = list(easy_negative_pairs(claims, corpus, random.Random(0)))
    assert [c for c, _, _ in out] == [c.claim for c in claims] and {s for *_, s in out} == {"nei"}
    assert not any(e.startswith(("A ", "B ", "Z ")) for _, e, _ in out)  # never a cited (or empty) abstract
    assert len({e for _, e, _ in out}) > 5
    assert out == list(easy_negative_pairs(claims, corpus, random.Random(0)))
