#!/usr/bin/env python
"""Cross-validate the verifier on HealthVer dev: train on k-1 topic-grouped folds, score the kth.

HealthVer has no training split here, only dev (1,917 pairs). Issue #4 allows it as training
data only in a cross-validation that keeps each pair out of its own evaluation. For each fold
this script continues training --base (the shipped verifier) on the other folds' HealthVer
pairs plus a capped replay of the health-claim sources (so that it does not forget them), then
scores the held-out fold with the product's int8 verifier. The base model is scored on the same
folds, and the pooled out-of-fold predictions give the CV macro-F1. Folds already trained are
reused, so an interrupted run continues.

    python scripts/healthver_cv.py --home ~/.cache/factcheck/corpora/<index of the shared corpus>
    python scripts/healthver_cv.py --home ... --final models/verifier   # then train on every fold

`--final` trains the same recipe on all of HealthVer dev; its own HealthVer figure would be in
sample, so the CV figure is the one to quote.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from training import default_data_dir  # noqa: E402
from verifier_pairs import healthver_folds  # noqa: E402

from factcheck.eval import tasks as T  # noqa: E402
from factcheck.verify.verifier import Verifier  # noqa: E402

SOURCES = "scifact,citation-integrity,check-covid,hard-negatives,healthver"


def train(args, fold: str, out: Path, checkpoints: Path) -> None:
    cmd = [sys.executable, str(Path(__file__).with_name("train_verifier.py")), "--base", str(args.base),
           "--sources", SOURCES if args.home else SOURCES.replace(",hard-negatives", ""),
           "--healthver-fold", fold, "--cap", str(args.cap), "--epochs", str(args.epochs), "--lr", str(args.lr),
           "--seed", str(args.seed), "--data", str(args.data), "--out", str(out), "--checkpoints", str(checkpoints)]
    if args.home:
        cmd += ["--home", str(args.home)]
    subprocess.run(cmd, check=True)


def scored(verifier: Verifier, pairs) -> list[dict]:
    return T.run_pairs(SimpleNamespace(verifier=verifier), pairs)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--base", type=Path, default=Path("models/verifier"))
    ap.add_argument("--home", type=Path, default=None, help="index of the shared corpus, to mine hard negatives")
    ap.add_argument("--work", type=Path, default=Path("checkpoints/healthver-cv"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--cap", type=int, default=600, help="pairs replayed from each other source")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--final", type=Path, default=None, help="then train on every fold into this folder")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    folds = healthver_folds(args.data, args.folds)
    base, cv, rows = [], [], []
    base_verifier = Verifier(args.base)  # loaded once, scored on every fold
    for i, fold in enumerate(folds):
        out = args.work / f"fold-{i}"
        if not (out / "model.safetensors").is_file():
            train(args, f"{i}/{args.folds}", out, args.work / f"checkpoints-{i}")
        b, c = scored(base_verifier, fold), scored(Verifier(out), fold)
        base += b
        cv += c
        rows.append({"fold": i, "n": len(fold), "base": T.score_pairs(b)["macro_f1"],
                     "cv": T.score_pairs(c)["macro_f1"]})
        print(f"fold {i}: n {len(fold)}  base {rows[-1]['base']:.3f}  trained on the other folds {rows[-1]['cv']:.3f}",
              flush=True)
    result = {"folds": rows, "base": T.score_pairs(base), "cv": T.score_pairs(cv),
              "recipe": {k: str(v) for k, v in vars(args).items()}}
    print(f"pooled out-of-fold macro-F1: base {result['base']['macro_f1']:.3f}  cv {result['cv']['macro_f1']:.3f}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    if args.final:
        train(args, "all", args.final, args.work / "checkpoints-final")


if __name__ == "__main__":
    main()
