"""One small runner per dataset family, and the scorer that goes with it.

A runner turns a shard of dataset items into prediction records (plain JSON-able dicts)
through the `Checker`, timing each item; it never re-implements a pipeline step. A scorer
turns all records into the metrics dict. Runners are module-level functions of
(checker, items, ...) so the engine can run them in-process or ship them to Ray.

Every record has: id, task, claim, gold, pred, confidence (None when the method has none),
evidence (list of dicts), latency_s.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from factcheck.config import Config
from factcheck.eval import metrics as M
from factcheck.eval.datasets import (
    EXAGGERATION_LABELS,
    NEWSROOM_LABELS,
    CertaintyRecord,
    ClaimRecord,
    ExaggerationRecord,
    NewsroomArticle,
    PairRecord,
    StrengthRecord,
)
from factcheck.schema import NEI, OVERSTATED, REFUTE, STANCES, SUPPORT, SUPPORTED
from factcheck.verify.abstracts import by_abstract

MISSED = "missed"  # newsroom: no predicted claim matched the gold claim
FLAGS = ("overstated", "unsupported")
RETRIEVAL_KS = (1, 3, 5, 10)


def _probs(p) -> dict[str, float]:
    return {s: round(float(x), 4) for s, x in zip(STANCES, p)}


# ================================================================ claim verification
@dataclass
class ClaimItem:
    """A SciFact-schema claim with the sentences of its cited abstracts (for oracle mode),
    so a shard carries everything it needs to a Ray worker."""

    record: ClaimRecord
    docs: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # doc id → (title, sentences)


def abstract_label(probs, config: Config) -> tuple[str, float, list[int]]:
    """The abstract-level decision from sentence-level verifier probabilities (n, 3):
    the strongest support or refute sentence wins if it clears its threshold, else NEI.
    Returns (stance, confidence, rationale sentence indices). The oracle mode's decision, and
    open mode's when no learned one (factcheck/verify/abstracts.py) is there."""
    probs = np.asarray(probs, dtype=float).reshape(-1, len(STANCES))
    if not len(probs):
        return NEI, 1.0, []
    sup, ref = probs[:, STANCES.index(SUPPORT)], probs[:, STANCES.index(REFUTE)]
    i, j = int(sup.argmax()), int(ref.argmax())
    options = []
    if sup[i] >= config.abstract_support_threshold:
        options.append((sup[i], 1, SUPPORT, i))
    if ref[j] >= config.abstract_refute_threshold:
        options.append((ref[j], 0, REFUTE, j))  # support wins an exact tie
    if options:
        p, _, stance, k = max(options)
        return stance, float(p), [k]
    return NEI, float(1 - max(sup[i], ref[j])), []


def _doc_evidence(doc_id: str, title: str, sentences: Sequence[str], probs: np.ndarray, top: int = 3) -> list[dict]:
    """The `top` sentences that speak most strongly either way, for the error report."""
    strength = probs[:, 1:].max(axis=1) if len(probs) else np.zeros(0)
    order = sorted(range(len(sentences)), key=lambda i: (-strength[i], i))[:top]
    return [{"doc_id": doc_id, "title": title, "sentence_index": i, "sentence": sentences[i],
             "probs": _probs(probs[i])} for i in order]


def gold_docs(record: ClaimRecord) -> dict[str, str]:
    """doc id → stance for the claim's evidence documents (all rationale sets of a doc agree)."""
    return {d: sets[0].stance for d, sets in record.evidence.items() if sets}


def run_claims(checker, items: Sequence[ClaimItem], modes: Sequence[str] = ("oracle", "open"),
               k: int = max(RETRIEVAL_KS)) -> list[dict]:
    """Oracle: each cited abstract is judged against the claim. Open: the retriever ranks
    documents (for recall/nDCG) and its evidence for the top docs is judged the same way."""
    config, out = checker.config, []
    for item in items:
        rec, gold = item.record, gold_docs(item.record)
        if "oracle" in modes:
            for doc_id in rec.cited_doc_ids:
                if doc_id not in item.docs:
                    continue  # a cited abstract missing from the corpus: counted by the scorer
                t = time.perf_counter()
                title, sentences = item.docs[doc_id]
                probs = checker.verifier.predict([(rec.claim, s) for s in sentences]) if sentences else np.zeros((0, 3))
                stance, conf, _ = abstract_label(probs, config)
                out.append({"id": f"{rec.id}:{doc_id}", "task": "oracle", "claim": rec.claim, "doc_id": doc_id,
                            "gold": gold.get(doc_id, NEI), "pred": stance, "confidence": round(conf, 4),
                            "evidence": _doc_evidence(doc_id, title, sentences, probs),
                            "latency_s": time.perf_counter() - t})
        if "open" in modes:
            t = time.perf_counter()
            ranked = [d for d, _ in checker.retriever.rank_documents(rec.claim, k)]
            decision = checker.abstract_decision  # learned: it judges every evidence sentence of the top abstracts
            evidence = checker.retriever.retrieve([rec.claim], max_evidence=0 if decision else None)[0]
            checker.judge([rec.claim], [evidence])
            predicted, shown = {}, []
            for rank, (doc_id, evs) in enumerate(by_abstract(evidence), 1):
                if decision:
                    stance, conf, _ = decision.decide(evs, rank)
                else:
                    stance, conf, _ = abstract_label([[e.probs.get(s, 0.0) for s in STANCES] for e in evs], config)
                predicted[doc_id] = {"label": stance, "confidence": round(conf, 4)}
                shown += [{"doc_id": e.doc_id, "title": e.title, "sentence_index": e.sentence_index,
                           "sentence": e.sentence, "probs": e.probs} for e in evs]
            best = max((p for p in predicted.values() if p["label"] != NEI), key=lambda p: p["confidence"],
                       default={"label": NEI, "confidence": None})
            out.append({"id": rec.id, "task": "open", "claim": rec.claim,
                        "gold": next(iter(gold.values()), rec.label or NEI), "pred": best["label"],
                        "confidence": best["confidence"], "gold_docs": gold, "ranked": ranked,
                        "predicted_docs": predicted, "evidence": shown, "latency_s": time.perf_counter() - t})
    return out


def score_claims(records: list[dict], n_claims: int, missing_docs: int = 0) -> dict:
    """Oracle label macro-F1; open abstract-level label-only F1 (headline) and retrieval."""
    oracle = [r for r in records if r["task"] == "oracle"]
    open_ = [r for r in records if r["task"] == "open"]
    m = _classification(oracle, STANCES)
    m["n_claims"] = n_claims
    m["missing_docs"] = missing_docs
    if open_:
        predicted = {r["id"]: {d: p["label"] for d, p in r["predicted_docs"].items()} for r in open_}
        gold = {r["id"]: r["gold_docs"] for r in open_}
        m["open"] = M.scifact_abstract_f1(predicted, gold)
        # calibration of the label of every retrieved abstract (NEI included)
        docs = [(p, r["gold_docs"].get(d, NEI)) for r in open_ for d, p in r["predicted_docs"].items()]
        if docs:
            m["open"]["calibration"] = M.reliability([p["confidence"] for p, _ in docs],
                                                     [p["label"] == g for p, g in docs])
        m["retrieval"] = M.retrieval([(r["ranked"], set(r["gold_docs"])) for r in open_], RETRIEVAL_KS)
        m["open"]["latency"] = _latency(open_)  # retrieval + verification per claim, apart from oracle's
        m["headline"] = {"name": "open abstract-level label-only F1", "value": m["open"]["f1"]}
    else:
        m["headline"] = {"name": "oracle label macro-F1", "value": m["macro_f1"]}
    return m


# ================================================================ sentence pairs
def run_pairs(checker, items: Sequence[PairRecord], labels: Sequence[str] = STANCES) -> list[dict]:
    """Verifier on (claim, evidence); argmax over `labels` (2-way covidfact: support vs refute)."""
    idx = [STANCES.index(x) for x in labels]
    out = []
    for rec in items:
        t = time.perf_counter()
        p = checker.verifier.predict([(rec.claim, rec.evidence)])[0]
        sub = np.asarray(p, dtype=float)[idx]
        sub = sub / sub.sum() if sub.sum() > 0 else sub
        k = int(sub.argmax())
        out.append({"id": rec.id, "task": "pair", "claim": rec.claim, "gold": rec.stance, "pred": labels[k],
                    "confidence": round(float(sub[k]), 4),
                    "evidence": [{"sentence": rec.evidence, "probs": _probs(p)}],
                    "latency_s": time.perf_counter() - t})
    return out


def score_pairs(records: list[dict], labels: Sequence[str] = STANCES) -> dict:
    m = _classification(records, labels)
    m["headline"] = {"name": f"{len(labels)}-way label macro-F1", "value": m["macro_f1"]}
    return m


# ================================================================ newsroom (end to end)
def run_newsroom(checker, items: Sequence[NewsroomArticle]) -> list[dict]:
    """`factcheck check` on each article, then gold claims matched to predicted claims by span."""
    out = []
    for art in items:
        t = time.perf_counter()
        result = checker.check_text(art.text, source=art.id)
        elapsed = time.perf_counter() - t
        verdicts = result.verdicts
        per_claim = elapsed / max(1, len(verdicts))
        spans = [(v.claim.start, v.claim.end) for v in verdicts]
        flagged = set(M.false_flags([(s, v.label) for s, v in zip(spans, verdicts)],
                                    [(c.start, c.end) for c in art.claims],
                                    [(c.start, c.end) for c in art.non_claims], FLAGS))
        matched = set()
        for g, gold in enumerate(art.claims):
            i = M.match_gold((gold.start, gold.end), spans)
            v = verdicts[i] if i is not None else None
            matched.add(i)
            out.append({"id": f"{art.id}#{g}", "task": "newsroom", "article": art.id, "claim": gold.text,
                        "standalone": v.claim.standalone if v else None,
                        "start": gold.start, "end": gold.end, "gold": gold.label,
                        "pred": v.label if v else MISSED, "confidence": round(v.confidence, 4) if v else None,
                        "false_flag": i in flagged, "predicted_claim": v.claim.text if v else None,
                        "reasons": v.reasons if v else [], "gold_evidence": gold.evidence,
                        "gold_reason": gold.reason, "evidence": [e.to_dict() for e in v.evidence] if v else [],
                        "latency_s": per_claim})
        for i, v in enumerate(verdicts):
            if i not in matched:  # predicted claims that matched no gold claim
                out.append({"id": f"{art.id}@{v.claim.start}", "task": "newsroom-extra", "article": art.id,
                            "claim": v.claim.text, "start": v.claim.start, "end": v.claim.end, "gold": None,
                            "pred": v.label, "confidence": round(v.confidence, 4), "false_flag": i in flagged,
                            "reasons": v.reasons, "evidence": [e.to_dict() for e in v.evidence],
                            "latency_s": per_claim})
        out.append({"id": f"{art.id}/source", "task": "newsroom-source", "article": art.id,
                    "gold_sources": list(art.sources), "candidates": [s.to_dict() for s in result.sources]})
    return out


REMOVED = "removed:"  # task prefix of records checked with the articles' evidence left out of the corpus


def score_sources(records: list[dict]) -> dict:
    """Source study at rank 1 (articles whose study is in the corpus), and the decision:
    the top accepted candidate is a gold source, or nothing is accepted where none is."""
    arts = [r for r in records if r["task"] == "newsroom-source"]
    present = [r for r in arts if r["gold_sources"]]
    top = [r["candidates"][0]["doc_id"] if r["candidates"] else None for r in present]
    accepted = [[c["doc_id"] for c in r["candidates"] if c["accepted"]] for r in arts]
    right = [(acc[0] in r["gold_sources"]) if r["gold_sources"] and acc else (not r["gold_sources"] and not acc)
             for r, acc in zip(arts, accepted)]
    absent = [acc for r, acc in zip(arts, accepted) if not r["gold_sources"]]
    rank1 = sum(t in r["gold_sources"] for t, r in zip(top, present)) / len(present) if present else None
    return {"articles": len(arts), "with_study_in_corpus": len(present), "rank1_accuracy": rank1,
            "decision_accuracy": sum(right) / len(right) if right else None,
            "accepted_when_absent": sum(bool(a) for a in absent), "absent": len(absent)}


def score_newsroom(records: list[dict]) -> dict:
    gold = [r for r in records if r["task"] == "newsroom"]
    extra = [r for r in records if r["task"] == "newsroom-extra"]
    m = _classification(gold, NEWSROOM_LABELS, extra_pred=(MISSED,))
    flagged = [r for r in gold + extra if r["pred"] in FLAGS]
    n_false = sum(bool(r.get("false_flag")) for r in flagged)
    m["claim_recall"] = sum(r["pred"] != MISSED for r in gold) / len(gold) if gold else 0.0
    m["false_flags"] = {"count": n_false, "flagged": len(flagged),
                        "rate": n_false / len(flagged) if flagged else 0.0}
    m["predicted_claims"] = sum(r["pred"] != MISSED for r in gold) + len(extra)
    cited = [r for r in gold if r["pred"] in (SUPPORTED, OVERSTATED)]
    m["cited_evidence_precision"] = {
        "value": sum(bool(r["evidence"]) and r["evidence"][0]["doc_id"] in r["gold_evidence"] for r in cited)
        / len(cited) if cited else None, "verdicts": len(cited)}
    m["source_study"] = score_sources(records)
    removed = [r for r in records if r["task"] in (REMOVED + "newsroom", REMOVED + "newsroom-extra")]
    if removed:  # the share of checked claims called supported with no evidence record in the corpus
        checked = [r for r in removed if r["pred"] != MISSED]
        sources = [{**r, "task": "newsroom-source", "gold_sources": []}
                   for r in records if r["task"] == REMOVED + "newsroom-source"]
        m["false_support"] = {"rate": sum(r["pred"] == SUPPORTED for r in checked) / len(checked) if checked else 0.0,
                              "checked_claims": len(checked), "source_accepted": score_sources(sources)}
    m["headline"] = {"name": "claim label macro-F1 (end to end)", "value": m["macro_f1"]}
    return m


# ================================================================ claim strength
def strength_scorer(checker) -> tuple[str, "callable"]:
    """(name, sentences -> 0–3 strengths): the trained model when its weights are there,
    else the rule baseline."""
    if checker is not None and checker.strength.available:
        return "trained model", checker.strength.predict
    from factcheck.eval.strength_baseline import causal_strength

    return "rule baseline", lambda sentences: [causal_strength(s) for s in sentences]


def run_causal_strength(checker, items: Sequence[StrengthRecord]) -> list[dict]:
    predictor, score = strength_scorer(checker)
    out = []
    for rec in items:
        t = time.perf_counter()
        [pred] = score([rec.sentence])
        out.append({"id": rec.id, "task": "strength", "claim": rec.sentence, "gold": str(rec.label),
                    "pred": str(pred), "confidence": None, "evidence": [], "predictor": predictor,
                    "latency_s": time.perf_counter() - t})
    return out


def score_causal_strength(records: list[dict], data: Path | None = None, training: dict | None = None) -> dict:
    """4-way macro-F1. When `data` is a file the trained model learned from (its training.json,
    `training`, names it), that figure only measures fit: the headline is then the training
    run's cross-validation, and the in-sample figure stays beside it, named as such."""
    m = _classification(records, ("0", "1", "2", "3"))
    m["headline"] = {"name": f"4-way strength macro-F1 ({_predictor(records)})", "value": m["macro_f1"]}
    if data is None or _predictor(records) != "trained model" or Path(data).name not in (training or {}).get("data", ""):
        return m
    m["trained_on_this_file"] = True
    folds = [f["seed0"]["macro_f1"] for f in training.get("cv_folds", []) if "seed0" in f]
    if not folds:
        m["headline"]["name"] += ", in-sample: the model trained on this file"
        return m
    m["cross_validation"] = {"macro_f1_mean": round(float(np.mean(folds)), 4),
                             "macro_f1_std": round(float(np.std(folds)), 4), "folds": len(folds)}
    m["headline"] = {"name": f"4-way strength macro-F1, {len(folds)}-fold cross-validation of the training run "
                             f"(the model trained on this file: {m['macro_f1']:.3f} in-sample)",
                     "value": m["cross_validation"]["macro_f1_mean"]}
    return m


def run_certainty(checker, items: Sequence[CertaintyRecord]) -> list[dict]:
    """The certainty model's 1–6 score per sentence; it has no rule baseline, so a missing
    model is an error, not a silent fallback."""
    out = []
    for rec in items:
        t = time.perf_counter()
        [score] = checker.certainty.predict([rec.sentence])
        out.append({"id": rec.id, "task": "certainty", "claim": rec.sentence, "gold": rec.certainty,
                    "pred": round(score * 2) / 2, "score": round(score, 3), "error": round(abs(score - rec.certainty), 3),
                    "split": rec.split, "confidence": None, "evidence": [], "latency_s": time.perf_counter() - t})
    return out


def score_certainty(records: list[dict]) -> dict:
    from scipy.stats import pearsonr, spearmanr

    gold = np.array([r["gold"] for r in records], dtype=float)
    pred = np.array([r["score"] for r in records], dtype=float)
    pearson = float(pearsonr(pred, gold)[0]) if len(records) > 1 else 0.0
    m = {"n": len(records), "pearson_r": pearson,
         "spearman_r": float(spearmanr(pred, gold)[0]) if len(records) > 1 else 0.0,
         "mae": float(np.mean(np.abs(pred - gold))),
         "splits": sorted({r["split"] for r in records}),
         "headline": {"name": "certainty Pearson r (trained model)", "value": pearson}}
    if records:
        m["latency"] = _latency(records)
    return m


def run_exaggeration(checker, items: Sequence[ExaggerationRecord]) -> list[dict]:
    from factcheck.eval.strength_baseline import exaggeration

    predictor, score = strength_scorer(checker)
    out = []
    for rec in items:
        t = time.perf_counter()
        ps, ab = score([rec.press_release, rec.abstract])
        out.append({"id": rec.id, "task": "exaggeration", "claim": rec.press_release, "gold": rec.label,
                    "pred": exaggeration(ps, ab), "confidence": None, "predictor": predictor,
                    "strengths": {"press_gold": rec.press_strength, "press_pred": ps,
                                  "abstract_gold": rec.abstract_strength, "abstract_pred": ab},
                    "evidence": [{"sentence": rec.abstract}], "latency_s": time.perf_counter() - t})
    return out


def score_exaggeration(records: list[dict]) -> dict:
    m = _classification(records, EXAGGERATION_LABELS)
    pairs = [(s[f"{w}_gold"], s[f"{w}_pred"]) for r in records for s in [r["strengths"]] for w in ("press", "abstract")]
    m["strength_accuracy"] = float(np.mean([g == p for g, p in pairs])) if pairs else 0.0
    m["headline"] = {"name": f"same/exaggerates/downplays macro-F1 ({_predictor(records)})", "value": m["macro_f1"]}
    return m


def _predictor(records: list[dict]) -> str:
    return records[0].get("predictor", "rule baseline") if records else "rule baseline"


# ================================================================ shared
def _classification(records: list[dict], labels: Sequence[str], extra_pred: Sequence[str] = ()) -> dict:
    m = M.classification([r["gold"] for r in records], [r["pred"] for r in records], labels, extra_pred)
    scored = [r for r in records if r.get("confidence") is not None]
    if scored:
        m["calibration"] = M.reliability([r["confidence"] for r in scored], [r["gold"] == r["pred"] for r in scored])
    if any(r.get("latency_s") is not None for r in records):
        m["latency"] = _latency(records)
    return m


def _latency(records: list[dict]) -> dict:
    """Mean, median and p95 of the records' latencies (those that have one)."""
    lat = [r["latency_s"] for r in records if r.get("latency_s") is not None]
    return {"mean_s": float(np.mean(lat)), "p50_s": float(np.percentile(lat, 50)),
            "p95_s": float(np.percentile(lat, 95)), "n": len(lat)}

