#!/usr/bin/env python
"""Accuracy against speed for the verifier's CPU precisions and runtimes (issue #4: int8 only
where it keeps macro-F1 within a point of fp32; issue #21: ONNX Runtime within half a point of
the torch int8 it replaced).

    python scripts/verifier_tradeoff.py                  # models/verifier, ../shared/data
    python scripts/verifier_tradeoff.py --json runs/verifier_tradeoff.json
    python scripts/verifier_tradeoff.py --model runs/verifier-mpnet --variants "onnx int8 (shipped)"
    python scripts/verifier_tradeoff.py --model runs/mpnet-untrained-head --variants "onnx int8 (shipped)" --latency-only

Rows: ONNX Runtime int8 (what ships), ONNX Runtime fp32, and torch's dynamic int8 with one scale
per output channel (what shipped before, as TorchScript traces of this model). Columns: macro-F1
on the SciFact dev sentence pairs and on all HealthVer dev pairs (never trained on), the share of
pairs given torch int8's label, and the median time to score one claim against 20 sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from training import LABEL_ID, default_data_dir  # noqa: E402
from verifier_pairs import dev_pairs  # noqa: E402

from factcheck.eval import metrics as M  # noqa: E402
from factcheck.verify.verifier import Verifier  # noqa: E402


class TorchInt8:
    """The torch int8 verifier of before issue #21: each pair scored alone, like the shipped model."""

    def __init__(self, model_dir: Path):
        from factcheck.export import load_classifier
        from factcheck.runtime import Tokenizer

        _, self.model = load_classifier(model_dir, "int8")
        self.tokenizer = Tokenizer(model_dir, 160)  # the verifier's max_length, as Verifier reads pairs

    def logits(self, pairs: list) -> np.ndarray:
        import torch

        out = []
        with torch.inference_mode():
            for claim, evidence in pairs:
                enc = self.tokenizer.padded(self.tokenizer([claim], [evidence]), [0])
                out.append(self.model(**{k: torch.from_numpy(v) for k, v in enc.items()}).logits.numpy()[0])
        return np.array(out)

    predict = logits


VARIANTS = {"onnx int8 (shipped)": lambda m: Verifier(m, temperature=1.0, precision="int8"),
            "onnx fp32": lambda m: Verifier(m, temperature=1.0, precision="fp32"),
            "torch int8 per-channel (before #21)": TorchInt8}
BEFORE = "torch int8 per-channel (before #21)"


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
    ap.add_argument("--latency-only", action="store_true",
                    help="time it without scoring the dev pairs (the time does not depend on the weights)")
    args = ap.parse_args()

    sample = dev_pairs(args.data, healthver_max=None)
    sets = {"scifact-dev-pairs": sample["scifact-dev-pairs"], "healthver-dev-pairs": sample["healthver-dev-all"]}
    claim = "CAR T cells put a patient with severe lupus into drug-free remission."
    timing_pairs = [(claim, e) for _, e, _ in sets["scifact-dev-pairs"][:20]]
    rows = []
    chosen = [v.strip() for v in args.variants.split(",")]
    if set(chosen) - set(VARIANTS):
        ap.error(f"unknown --variants {sorted(set(chosen) - set(VARIANTS))}; choose from {', '.join(VARIANTS)}")
    predictions = {}
    for name in sorted(chosen, key=lambda n: n != BEFORE):  # the reference first
        verifier = VARIANTS[name](args.model)
        row = {"variant": name}
        for set_name, pairs in ({} if args.latency_only else sets).items():
            pred = [int(p) for p in verifier.logits([(c, e) for c, e, _ in pairs]).argmax(1)]
            gold = [LABEL_ID[s] for _, _, s in pairs]
            scores = M.classification(gold, pred, labels=[0, 1, 2])
            row[f"{set_name} macro-F1"] = round(scores["macro_f1"], 4)
            predictions[name, set_name] = pred
            if (BEFORE, set_name) in predictions:
                same = np.mean(np.array(pred) == np.array(predictions[BEFORE, set_name]))
                row[f"{set_name} same label as torch int8"] = round(float(same), 4)
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
