#!/usr/bin/env python
"""Fit the verifier's temperature on dev pairs, so its confidences mean what they say.

    python scripts/calibrate_verifier.py                 # models/verifier, SciFact dev pairs

Temperature scaling (Guo et al., 2017) divides the logits by one scalar T fitted to minimise
the negative log-likelihood; it changes confidences, never the arg-max label. The ECE after
calibration is measured with 2-fold cross-validation by claim (T fitted on one half, scored
on the other), so it is not flattered by fitting and scoring on the same pairs. The final T is
fitted on all pairs and written to `<model>/calibration.json`, which `Verifier` reads; the
reliability diagram goes beside it as `reliability.png`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize_scalar

sys.path.insert(0, str(Path(__file__).resolve().parent))
from training import LABEL_ID, default_data_dir  # noqa: E402
from verifier_pairs import dev_pairs  # noqa: E402

from factcheck.eval import metrics as M  # noqa: E402
from factcheck.files import replacing, write_atomic  # noqa: E402
from factcheck.verify.verifier import Verifier, softmax  # noqa: E402


def fit_temperature(logits: np.ndarray, gold: np.ndarray) -> float:
    def nll(log_t: float) -> float:
        p = softmax(logits, np.exp(log_t))
        return float(-np.log(p[np.arange(len(gold)), gold] + 1e-12).mean())

    return float(np.exp(minimize_scalar(nll, bounds=(-3, 3), method="bounded").x))


def expected_calibration_error(logits: np.ndarray, gold: np.ndarray, t: float = 1.0) -> float:
    p = softmax(logits, t)
    return M.ece(p.max(axis=1), p.argmax(axis=1) == gold)


def reliability_png(logits, gold, t: float, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.plot([0, 1], [0, 1], ls="--", c="grey", lw=1)
    for temp, name in ((1.0, "before"), (t, f"after (T={t:.2f})")):
        p = softmax(logits, temp)
        rel = M.reliability(p.max(axis=1), p.argmax(axis=1) == gold)
        xs = [b["confidence"] for b in rel["bins"] if b["count"]]
        ys = [b["accuracy"] for b in rel["bins"] if b["count"]]
        ax.plot(xs, ys, marker="o", label=f"{name}: ECE {expected_calibration_error(logits, gold, temp):.3f}")
    ax.set_xlabel("confidence"); ax.set_ylabel("accuracy"); ax.set_title("verifier reliability, SciFact dev pairs")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    with replacing(path) as tmp:
        fig.savefig(tmp, dpi=110)
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=Path("models/verifier"))
    ap.add_argument("--data", type=Path, default=default_data_dir())
    args = ap.parse_args()

    pairs = dev_pairs(args.data)["scifact-dev-pairs"]
    verifier = Verifier(args.model, temperature=1.0)
    logits = verifier.logits([(c, e) for c, e, _ in pairs])
    gold = np.array([LABEL_ID[s] for _, _, s in pairs])

    claims = sorted({c for c, _, _ in pairs})
    fold = {c: i % 2 for i, c in enumerate(claims)}
    in_a = np.array([fold[c] == 0 for c, _, _ in pairs])
    held_out = []
    for train, test in ((in_a, ~in_a), (~in_a, in_a)):
        t = fit_temperature(logits[train], gold[train])
        held_out.append((expected_calibration_error(logits[test], gold[test], t), test.sum()))
    ece_cv = sum(e * n for e, n in held_out) / sum(n for _, n in held_out)

    t = fit_temperature(logits, gold)
    result = {"temperature": round(t, 4), "fitted_on": "SciFact dev sentence pairs (scripts/verifier_pairs.py dev_pairs)",
              "pairs": len(pairs), "ece_before": round(expected_calibration_error(logits, gold), 4),
              "ece_after_2fold_cv": round(float(ece_cv), 4),
              "accuracy": round(float((logits.argmax(1) == gold).mean()), 4)}
    print(json.dumps(result, indent=2))
    if ece_cv >= result["ece_before"]:
        print("temperature scaling does not lower the held-out ECE: calibration.json not written")
        return
    write_atomic(args.model / "calibration.json", json.dumps(result, indent=2) + "\n")
    reliability_png(logits, gold, t, args.model / "reliability.png")


if __name__ == "__main__":
    main()
