#!/usr/bin/env python
"""Cross-validate press-release-vs-abstract comparators on the 100 InSciOut training pairs.

    python scripts/exaggeration_cv.py            # comparators over the shipped strength models
    python scripts/exaggeration_cv.py --adapt    # also: fine-tune the causal model on each training fold

Issue #5 asks to cross-validate the same / exaggerates / downplays task on the 100 training
pairs. The shipped comparison has no parameters: each sentence's causal strength (0-3) from
models/causal-strength, and the press release exaggerates when its strength is higher. This
script asks whether anything learned from the pairs beats it, on the same folds (stratified
5-fold, repeated, seeded):

- `compare`: the shipped, parameter-free comparison (what `factcheck eval exaggeration` runs);
- `lr-diff`: logistic regression on the difference of expected strengths (class-balanced);
- `lr-all`: logistic regression on both sentences' strength probabilities and certainty scores;
- `--adapt`: the causal model fine-tuned further on the training folds' 160 sentences (their
  gold 0-3 strengths) plus as many causal-language sentences replayed, then compared as in
  `compare` (one 5-fold split, beside `compare_5_folds`; about 2 minutes a fold on 2 cores).

The held-out InSciOut test pairs are never read.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import RepeatedStratifiedKFold, StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from training import default_data_dir  # noqa: E402

from factcheck.eval import datasets as ds  # noqa: E402
from factcheck.eval.strength_baseline import exaggeration  # noqa: E402
from factcheck.pipeline import Checker  # noqa: E402

INSCIOUT = "strength/exaggeration/insciout_train.jsonl"
LABELS = list(ds.EXAGGERATION_LABELS)


def compared(press: np.ndarray, abstract: np.ndarray) -> np.ndarray:
    """Label ids from two arrays of 0-3 strengths."""
    return np.array([LABELS.index(exaggeration(int(p), int(a))) for p, a in zip(press, abstract)])


def learned(features: np.ndarray, y: np.ndarray, folds) -> list[float]:
    scores = []
    for tr, te in folds:
        model = LogisticRegression(class_weight="balanced", max_iter=2000).fit(features[tr], y[tr])
        scores.append(f1_score(y[te], model.predict(features[te]), average="macro"))
    return scores


def adapted(records, y: np.ndarray, data: Path, seed: int) -> list[float]:
    """Fold by fold: the shipped causal model, fine-tuned on the training pairs' sentences."""
    from train_strength import predict, train

    pool = [r for f in ("annotated_pubmed.csv", "annotated_eureka.csv")
            for r in ds.read_causal_strength(data / "strength/causal-language" / f)]
    args = argparse.Namespace(init=Path("models/causal-strength"), epochs=3, batch_size=16, lr=3e-5,
                              max_length=96, label_smoothing=0.05)
    rng, scores = random.Random(seed), []
    for k, (tr, te) in enumerate(StratifiedKFold(5, shuffle=True, random_state=seed).split(records, y)):
        texts = [s for i in tr for s in (records[i].press_release, records[i].abstract)]
        strengths = [s for i in tr for s in (records[i].press_strength, records[i].abstract_strength)]
        replay = rng.sample(pool, len(texts))
        model, tokenizer, _ = train(texts + [r.sentence for r in replay], strengths + [r.label for r in replay],
                                    args, seed + k)
        press = predict(model, tokenizer, [records[i].press_release for i in te], args.max_length)
        abstract = predict(model, tokenizer, [records[i].abstract for i in te], args.max_length)
        scores.append(f1_score(y[te], compared(press, abstract), average="macro"))
        print(f"adapt fold {k}: {scores[-1]:.3f}", file=sys.stderr)
    return scores


def summary(scores: list[float]) -> dict:
    return {"macro_f1_mean": round(float(np.mean(scores)), 3), "macro_f1_std": round(float(np.std(scores)), 3),
            "folds": len(scores)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--adapt", action="store_true", help="also fine-tune the causal model per fold (slow)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    records = list(ds.read_insciout(args.data / INSCIOUT))
    y = np.array([LABELS.index(r.label) for r in records])
    checker = Checker()
    press_p = checker.strength.probabilities([r.press_release for r in records])
    abstract_p = checker.strength.probabilities([r.abstract for r in records])
    press_c = np.array(checker.certainty.predict([r.press_release for r in records]))
    abstract_c = np.array(checker.certainty.predict([r.abstract for r in records]))
    levels = np.arange(press_p.shape[1])

    folds = list(RepeatedStratifiedKFold(n_splits=5, n_repeats=args.repeats, random_state=args.seed).split(y, y))
    shipped = compared(press_p.argmax(1), abstract_p.argmax(1))
    result = {
        "pairs": len(records),
        "compare": summary([f1_score(y[te], shipped[te], average="macro") for _, te in folds]),
        "compare_all_pairs": round(float(f1_score(y, shipped, average="macro")), 3),
        # the single 5-fold split that --adapt uses, for a like-for-like comparison
        "compare_5_folds": summary([f1_score(y[te], shipped[te], average="macro") for _, te in
                                    StratifiedKFold(5, shuffle=True, random_state=args.seed).split(y, y)]),
        "lr-diff": summary(learned((press_p @ levels - abstract_p @ levels)[:, None], y, folds)),
        "lr-all": summary(learned(np.c_[press_p, abstract_p, press_p @ levels - abstract_p @ levels,
                                        press_c, abstract_c, press_c - abstract_c], y, folds)),
    }
    if args.adapt:
        result["adapt"] = summary(adapted(records, y, args.data, args.seed))
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
