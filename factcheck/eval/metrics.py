"""Scores, as pure functions of gold and predicted labels (no models, no files).

Classification figures come from scikit-learn so they match what anyone else computes;
the SciFact abstract-level F1 follows the official evaluator (allenai/scifact,
verisci/evaluate/lib/metrics.py); the newsroom span matching is defined here because the
article-level gold format is this project's own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

NONE_STANCE = "nei"


# ---------------------------------------------------------------- classification
def classification(gold: Sequence, pred: Sequence, labels: Sequence, extra_pred: Sequence = ()) -> dict:
    """Macro-F1 over `labels`, per-label P/R/F1, accuracy and the confusion matrix.

    `extra_pred` names prediction values outside `labels` (e.g. "missed" for a gold claim
    no predicted claim matched): they count against recall and show as confusion columns."""
    from sklearn.metrics import (
        accuracy_score,
        confusion_matrix,
        precision_recall_fscore_support,
    )

    gold, pred, labels = [str(g) for g in gold], [str(p) for p in pred], [str(x) for x in labels]
    if not gold:
        return {"macro_f1": 0.0, "accuracy": 0.0, "per_label": {}, "confusion": {"labels": labels, "matrix": []},
                "n": 0}
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    all_labels = labels + [x for x in extra_pred if x not in labels]
    matrix = confusion_matrix(gold, pred, labels=all_labels)
    return {
        "macro_f1": float(np.mean(f)),
        "accuracy": float(accuracy_score(gold, pred)),
        "per_label": {lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
                      for i, lab in enumerate(labels)},
        # rows are gold, columns predicted; gold rows of extra values are always zero
        "confusion": {"labels": all_labels, "matrix": matrix.tolist()},
        "n": len(gold),
    }


# ---------------------------------------------------------------- SciFact abstract level
def scifact_abstract_f1(predicted: Mapping[str, Mapping[str, str]], gold: Mapping[str, Mapping[str, str]]) -> dict:
    """Abstract-level label-only P/R/F1 of the SciFact evaluator.

    predicted: claim id → {doc id → label}; gold: claim id → {doc id → label} for the
    claim's evidence documents only. relevant = all gold (claim, doc) pairs; retrieved =
    predicted pairs whose label is not NEI; correct = retrieved pairs that are gold
    evidence docs with the same label. Rationales are ignored (label-only)."""
    relevant = sum(len(docs) for docs in gold.values())
    retrieved = correct = 0
    for claim_id, docs in predicted.items():
        gold_docs = gold.get(claim_id, {})
        for doc_id, label in docs.items():
            if label == NONE_STANCE:
                continue
            retrieved += 1
            correct += int(gold_docs.get(doc_id) == label)
    precision = correct / retrieved if retrieved else 0.0
    recall = correct / relevant if relevant else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "counts": {"relevant": relevant, "retrieved": retrieved, "correct": correct}}


# ---------------------------------------------------------------- retrieval
def recall_at_k(ranked: Sequence[str], relevant: set, k: int) -> float:
    """Share of the relevant docs found in the first k."""
    return len(set(ranked[:k]) & relevant) / len(relevant) if relevant else 0.0


def ndcg_at_k(ranked: Sequence[str], relevant: set, k: int = 10) -> float:
    """Binary-relevance nDCG: DCG of the ranking over the DCG of an ideal one."""
    if not relevant:
        return 0.0
    dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(ranked[:k]) if d in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return dcg / ideal


def retrieval(rankings: Sequence[tuple[Sequence[str], set]], ks: Sequence[int] = (1, 3, 5, 10)) -> dict:
    """Mean recall@k and nDCG@10 over the claims that have relevant docs."""
    rankings = [(r, g) for r, g in rankings if g]
    if not rankings:
        return {"n": 0}
    out = {f"recall@{k}": float(np.mean([recall_at_k(r, g, k) for r, g in rankings])) for k in ks}
    out["ndcg@10"] = float(np.mean([ndcg_at_k(r, g, 10) for r, g in rankings]))
    out["n"] = len(rankings)
    return out


# ---------------------------------------------------------------- calibration
def reliability(confidence: Sequence[float], correct: Sequence[bool], bins: int = 10) -> dict:
    """Equal-width confidence bins and the expected calibration error (Guo et al. 2017):
    ECE = Σ_b |B_b|/n · |accuracy(B_b) − mean confidence(B_b)|. A confidence of exactly
    1.0 falls in the last bin; bin b holds (b/bins, (b+1)/bins], 0 in the first."""
    conf = np.asarray(confidence, dtype=float)
    ok = np.asarray(correct, dtype=float)
    idx = np.clip(np.ceil(np.round(conf * bins, 9)).astype(int) - 1, 0, bins - 1)  # round: 0.3*10 is 3.0000000000000004
    rows, ece = [], 0.0
    for b in range(bins):
        m = idx == b
        count = int(m.sum())
        acc = float(ok[m].mean()) if count else 0.0
        mean_conf = float(conf[m].mean()) if count else 0.0
        if count:
            ece += count / len(conf) * abs(acc - mean_conf)
        rows.append({"lower": b / bins, "upper": (b + 1) / bins, "count": count, "accuracy": acc,
                     "confidence": mean_conf})
    return {"ece": float(ece) if len(conf) else 0.0, "bins": rows}


def ece(confidence: Sequence[float], correct: Sequence[bool], bins: int = 10) -> float:
    return reliability(confidence, correct, bins)["ece"]


# ---------------------------------------------------------------- newsroom span matching
def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by two [start, end) spans."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_gold(gold: tuple[int, int], predicted: Sequence[tuple[int, int]]) -> int | None:
    """Index of the predicted span that overlaps `gold` most (the first on a tie), if that
    overlap covers at least half of the gold span; else None."""
    best, best_overlap = None, 0
    for i, p in enumerate(predicted):
        o = overlap(gold, p)
        if o > best_overlap:
            best, best_overlap = i, o
    length = gold[1] - gold[0]
    return best if best is not None and 2 * best_overlap >= length else None


def false_flags(predicted: Sequence[tuple[tuple[int, int], str]], claims: Sequence[tuple[int, int]],
                non_claims: Sequence[tuple[int, int]], flag_labels: Sequence[str] = ("overstated", "unsupported")
                ) -> list[int]:
    """Indices of flagged predictions that overlap a gold non-claim, or no gold span at all."""
    out = []
    for i, (span, label) in enumerate(predicted):
        if label not in flag_labels:
            continue
        on_non_claim = any(overlap(span, n) for n in non_claims)
        on_claim = any(overlap(span, c) for c in claims)
        if on_non_claim or not on_claim:
            out.append(i)
    return out
