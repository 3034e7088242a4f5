#!/usr/bin/env python
"""Accuracy against speed for the verifier's CPU precisions (issue #4: int8 only where it
keeps macro-F1 within a point of fp32).

    python scripts/verifier_tradeoff.py                  # models/verifier, ../shared/data
    python scripts/verifier_tradeoff.py --json runs/verifier_tradeoff.json
    python scripts/verifier_tradeoff.py --model runs/verifier-mpnet --variants "int8 per-channel (default)"

Rows: fp32; int8 with one weight scale per output channel (what ships); int8 with one scale
per tensor (torch's default, for comparison). Columns: macro-F1 on the SciFact dev sentence
pairs and on all HealthVer dev pairs (never trained on), and the median time to score one
claim against 20 sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_verifier import LABEL_ID, default_data_dir, dev_pairs  # noqa: E402

from factcheck.eval import metrics as M  # noqa: E402
from factcheck.verify.verifier import Verifier  # noqa: E402


def per_tensor_int8(verifier: Verifier) -> None:
    import torch

    from factcheck.verify.verifier import logits_module

    inner = torch.ao.quantization.quantize_dynamic(verifier._model.inner, {torch.nn.Linear}, dtype=torch.qint8)
    verifier._model = logits_module(inner, verifier._tokenizer, "int8", pair=True)  # traced, like the shipped int8
    verifier.precision = "int8"  # scored a pair at a time, like the shipped int8


VARIANTS = {"fp32": ("fp32", None), "int8 per-channel (default)": ("int8", None),
            "int8 per-tensor": ("fp32", per_tensor_int8)}


def latency(verifier: Verifier, pairs: list, runs: int = 30) -> float:
    verifier.predict(pairs)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        verifier.predict(pairs)
        times.append(time.perf_counter() - t)
    return float(np.median(times))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=Path("models/verifier"))
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated rows to run (of the above)")
    args = ap.parse_args()

    sample = dev_pairs(args.data, healthver_max=10 ** 6)
    sets = {"scifact-dev-pairs": sample["scifact-dev-pairs"], "healthver-dev-pairs": sample["healthver-dev-sample"]}
    claim = "CAR T cells put a patient with severe lupus into drug-free remission."
    timing_pairs = [(claim, e) for _, e, _ in sets["scifact-dev-pairs"][:20]]
    rows = []
    chosen = [v.strip() for v in args.variants.split(",")]
    if set(chosen) - set(VARIANTS):
        ap.error(f"unknown --variants {sorted(set(chosen) - set(VARIANTS))}; choose from {', '.join(VARIANTS)}")
    for name in chosen:
        precision, convert = VARIANTS[name]
        verifier = Verifier(args.model, temperature=1.0, precision=precision)
        verifier._load()
        if convert:
            convert(verifier)
        row = {"variant": name}
        for set_name, pairs in sets.items():
            pred = verifier.logits([(c, e) for c, e, _ in pairs]).argmax(1)
            gold = [LABEL_ID[s] for _, _, s in pairs]
            scores = M.classification(gold, [int(p) for p in pred], labels=[0, 1, 2])
            row[f"{set_name} macro-F1"] = round(scores["macro_f1"], 4)
        row["one claim x 20 sentences, median ms"] = round(latency(verifier, timing_pairs) * 1000, 1)
        rows.append(row)
        print(json.dumps(row), flush=True)
    cols = list(rows[0])
    print("\n| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"pairs": {k: len(v) for k, v in sets.items()}, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
