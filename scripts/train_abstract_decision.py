#!/usr/bin/env python
"""Train the abstract-level decision (issue #4, item 2): which retrieved abstracts back or
contradict a claim.

    python scripts/train_abstract_decision.py                       # train sets → models/abstract-decision/
    python scripts/train_abstract_decision.py --sets scifact        # SciFact train only

For every training claim the shipped retriever and verifier run as in `factcheck eval
scifact` (open mode), with every evidence sentence of the top abstracts judged. Each
retrieved abstract becomes one example: the features of factcheck/verify/abstracts.py,
labelled with the claim's gold stance for that abstract (NEI for an abstract it does not
cite as evidence). A multinomial logistic regression is fitted on them, and the support /
refute threshold is the one that maximises SciFact's abstract-level label-only F1 over
5-fold cross-validated predictions on the training examples, so no dev claim is used.
The dev claims are scored at the end, beside the hand-set rule, for the model card:
`factcheck eval scifact --data .../claims_dev.jsonl` re-measures them.

Features are cached in runs/abstract-decision/ per set and split, so refitting is quick.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

sys.path.insert(0, str(Path(__file__).resolve().parent))
from training import default_data_dir  # noqa: E402

from factcheck.config import Config  # noqa: E402
from factcheck.eval import datasets as ds  # noqa: E402
from factcheck.eval.cli import cached_home  # noqa: E402
from factcheck.eval.metrics import ece, scifact_abstract_f1  # noqa: E402
from factcheck.eval.tasks import abstract_label, gold_docs  # noqa: E402
from factcheck.files import write_atomic  # noqa: E402
from factcheck.pipeline import Checker  # noqa: E402
from factcheck.retrieve.hybrid import within_budget  # noqa: E402
from factcheck.schema import NEI, STANCES  # noqa: E402
from factcheck.verify.abstracts import FEATURES, AbstractDecision, by_abstract, features, thresholded  # noqa: E402

log = logging.getLogger("train_abstract_decision")

SETS = {
    "scifact": ("claims/scifact/claims_{split}.jsonl", ds.read_scifact_claims),
    "citation-integrity": ("claims/citation-integrity/claims_{split}.jsonl", ds.read_scifact_claims),
    "check-covid": ("claims/check-covid/covidCheck_{split}_composed+extracted.json", ds.read_check_covid),
}


def examples(checker: Checker, records, batch: int = 64) -> list[dict]:
    """One row per (claim, retrieved abstract): features, gold stance, and the hand-set
    rule's label for comparison."""
    rows = []
    for s in range(0, len(records), batch):
        chunk = records[s : s + batch]
        evidence = checker.retriever.retrieve([r.claim for r in chunk], max_evidence=0)
        checker.judge([r.claim for r in chunk], evidence)
        for rec, ev in zip(chunk, evidence):
            gold = gold_docs(rec)
            # the hand-set rule as shipped sees only the sentences within the product's budget
            closest = {id(e) for e in within_budget(ev, checker.config.max_evidence)}
            for rank, (doc_id, evs) in enumerate(by_abstract(ev), 1):
                probs = [[e.probs.get(st, 0.0) for st in STANCES] for e in evs if id(e) in closest]
                rule, rule_conf, _ = abstract_label(probs, checker.config) if probs else (NEI, None, [])
                rows.append({"claim": rec.id, "doc": doc_id, "gold": gold.get(doc_id, NEI),
                             "x": features(evs, rank).tolist(), "rule": rule, "rule_confidence": rule_conf})
        log.info("%d/%d claims", min(s + batch, len(records)), len(records))
    return rows


def cached_examples(checker, data: Path, name: str, split: str, cache: Path) -> tuple[list[dict], dict]:
    pattern, reader = SETS[name]
    records = list(reader(data / pattern.format(split=split)))
    gold = {r.id: gold_docs(r) for r in records}
    path = cache / f"{name}-{split}.json"
    if path.is_file():
        return json.loads(path.read_text()), gold
    rows = examples(checker, records)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(rows))  # a killed run leaves no half-written cache
    return rows, gold


def label_only_f1(rows: list[dict], labels, gold: dict) -> dict:
    predicted: dict = {c: {} for c in gold}
    for row, label in zip(rows, labels):
        predicted.setdefault(row["claim"], {})[row["doc"]] = label
    return scifact_abstract_f1(predicted, gold)


def labels(probs: np.ndarray, classes, threshold: float) -> list[str]:
    return [thresholded(dict(zip(classes, p)), threshold) for p in probs]


def fit(x: np.ndarray, y: list[str], c: float, seed: int):
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    model = LogisticRegression(C=c, max_iter=5000)
    cv_probs = cross_val_predict(model, z, y, cv=StratifiedKFold(5, shuffle=True, random_state=seed),
                                 method="predict_proba")
    model.fit(z, y)
    return model, mean, scale, cv_probs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--sets", default="scifact,citation-integrity,check-covid")
    ap.add_argument("--out", type=Path, default=Path("models/abstract-decision/decision.json"))
    ap.add_argument("--cache", type=Path, default=Path("runs/abstract-decision"))
    ap.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    config = Config()
    config = config.with_(home=cached_home(config, args.data / "corpus/abstracts.jsonl.gz"))
    checker = Checker(config)
    names = [s.strip() for s in args.sets.split(",") if s.strip()]
    train_rows, train_gold = [], {}
    for name in names:
        rows, gold = cached_examples(checker, args.data, name, "train", args.cache)
        train_rows += [{**r, "claim": f"{name}:{r['claim']}"} for r in rows]
        train_gold.update({f"{name}:{c}": g for c, g in gold.items()})
    x = np.array([r["x"] for r in train_rows])
    y = [r["gold"] for r in train_rows]
    model, mean, scale, cv_probs = fit(x, y, args.C, args.seed)
    classes = tuple(model.classes_)
    grid = [round(t, 2) for t in np.arange(0.05, 0.91, 0.01)]
    scores = {t: label_only_f1(train_rows, labels(cv_probs, classes, t), train_gold)["f1"] for t in grid}
    threshold = max(grid, key=lambda t: (scores[t], -abs(t - 0.5)))
    log.info("train (5-fold CV) label-only F1 %.3f at threshold %.2f; rule %.3f", scores[threshold], threshold,
             label_only_f1(train_rows, [r["rule"] for r in train_rows], train_gold)["f1"])

    decision = AbstractDecision(classes, model.coef_, model.intercept_, mean, scale, threshold, {})
    dev = {}
    for name in names:
        rows, gold = cached_examples(checker, args.data, name, "dev", args.cache)
        probs = decision.probabilities(np.array([r["x"] for r in rows]))
        predicted = labels(probs, classes, threshold)
        dev[name] = {"learned": label_only_f1(rows, predicted, gold),
                     "rule": label_only_f1(rows, [r["rule"] for r in rows], gold),
                     # calibration of the per-abstract label over every retrieved abstract
                     "ece_learned": ece([float(p[classes.index(lab)]) for p, lab in zip(probs, predicted)],
                                        [lab == r["gold"] for lab, r in zip(predicted, rows)]),
                     "ece_rule": ece([r["rule_confidence"] for r in rows if r["rule_confidence"] is not None],
                                     [r["rule"] == r["gold"] for r in rows if r["rule_confidence"] is not None])}
        log.info("%s dev: learned F1 %.3f (ECE %.3f), rule F1 %.3f (ECE %.3f)", name, dev[name]["learned"]["f1"],
                 dev[name]["ece_learned"], dev[name]["rule"]["f1"], dev[name]["ece_rule"])
    decision.meta = {
        "trained_on": [f"{n} train" for n in names], "examples": len(train_rows),
        "evidence": "every evidence sentence of the top abstracts (retrieve(..., max_evidence=0))",
        "C": args.C, "seed": args.seed, "threshold_cv_f1": round(scores[threshold], 4),
        "coefficients": {c: dict(zip(FEATURES, np.round(w, 3).tolist())) for c, w in zip(classes, model.coef_)},
        "dev": {n: {k: round(v["f1"] if isinstance(v, dict) else v, 4) for k, v in d.items()} for n, d in dev.items()},
        "command": " ".join(["python scripts/train_abstract_decision.py", *sys.argv[1:]]),
    }
    decision.save(args.out)
    print(json.dumps(decision.meta, indent=2))


if __name__ == "__main__":
    main()
