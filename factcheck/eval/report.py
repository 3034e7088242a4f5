"""What an evaluation run leaves behind: metrics.json, predictions.jsonl, report.md,
report.html (figures inline as data URIs, so the one file can be mailed) and the PNGs,
plus the one-screen summary and the comparison of two runs.

Every file is written atomically (temp file, then os.replace) so an interrupted run
never leaves a half-written metrics.json that `compare` would trust.
"""

from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path

from factcheck.files import write_atomic

WORST = 10  # errors shown in the report


# ---------------------------------------------------------------- files
def write_run(out: Path | str, metrics: dict, records: list[dict]) -> dict[str, Path]:
    """Write every output of a run into `out` (created); returns name → path."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    figures = {name: fig for name, fig in (("confusion", confusion_png(metrics)),
                                           ("reliability", reliability_png(metrics.get("calibration"))),
                                           ("reliability-open", reliability_png(
                                               metrics.get("open", {}).get("calibration"), "retrieved abstracts")),
                                           ("scores", scores_png(records)),
                                           ("latency", latency_png(records))) if fig}
    paths = {"metrics": out / "metrics.json", "predictions": out / "predictions.jsonl",
             "markdown": out / "report.md", "html": out / "report.html"}
    write_atomic(paths["metrics"], (json.dumps(metrics, indent=2, sort_keys=True, default=str) + "\n").encode())
    write_atomic(paths["predictions"], "".join(json.dumps(r, sort_keys=True, default=str) + "\n"
                                               for r in records).encode())
    for name, png in figures.items():
        paths[name] = out / f"{name}.png"
        write_atomic(paths[name], png)
    write_atomic(paths["markdown"], markdown(metrics, records, figures).encode())
    write_atomic(paths["html"], html_report(metrics, records, figures).encode())
    return paths


def load_run(run: Path | str) -> tuple[dict, list[dict]]:
    from factcheck.errors import DatasetError

    run = Path(run)
    path = run / "metrics.json" if run.is_dir() else run
    if not path.is_file():
        raise DatasetError(f"{path}: no metrics.json (is {run} an eval output folder?)")
    metrics = json.loads(path.read_text())
    preds = path.parent / "predictions.jsonl"
    records = [json.loads(x) for x in preds.read_text().splitlines() if x.strip()] if preds.is_file() else []
    return metrics, records


# ---------------------------------------------------------------- figures (matplotlib, no pyplot state)
def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return buf.getvalue()


def confusion_png(metrics: dict) -> bytes | None:
    conf = metrics.get("confusion") or {}
    labels, matrix = conf.get("labels"), conf.get("matrix")
    if not labels or not matrix:
        return None
    from matplotlib.figure import Figure

    fig = Figure(figsize=(1.2 + 0.9 * len(labels), 1 + 0.8 * len(labels)))
    ax = fig.add_subplot()
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    top = max(max(row) for row in matrix) or 1
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            ax.text(j, i, str(v), ha="center", va="center", color="white" if v > top / 2 else "black")
    ax.set_title("confusion (rows gold)")
    return _png(fig)


def reliability_png(cal: dict | None, what: str = "") -> bytes | None:
    if not cal:
        return None
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 4))
    ax = fig.add_subplot()
    bins = [b for b in cal["bins"] if b["count"]]
    width = cal["bins"][0]["upper"] - cal["bins"][0]["lower"]
    ax.bar([b["lower"] for b in bins], [b["accuracy"] for b in bins], width=width, align="edge",
           edgecolor="black", alpha=0.7, label="accuracy")
    ax.plot([0, 1], [0, 1], "--", color="grey", label="perfect")
    ax.plot([b["confidence"] for b in bins], [b["accuracy"] for b in bins], "o", color="darkred", label="bin mean")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("confidence")
    ax.set_ylabel("accuracy")
    ax.set_title(f"reliability{', ' + what if what else ''} (ECE {cal['ece']:.3f})")
    ax.legend(loc="upper left", fontsize=8)
    return _png(fig)


def scores_png(records: list[dict]) -> bytes | None:
    """Gold against predicted, for tasks that predict a score (certainty)."""
    pairs = [(r["gold"], r["score"]) for r in records if isinstance(r.get("score"), (int, float))]
    if not pairs:
        return None
    from matplotlib.figure import Figure

    gold, pred = zip(*pairs)
    lo, hi = min(min(gold), min(pred)), max(max(gold), max(pred))
    fig = Figure(figsize=(4, 4))
    ax = fig.add_subplot()
    ax.scatter(gold, pred, s=10, alpha=0.5, color="steelblue")
    ax.plot([lo, hi], [lo, hi], "--", color="grey")
    ax.set_xlabel("gold")
    ax.set_ylabel("predicted")
    ax.set_title("predicted against gold")
    return _png(fig)


def latency_png(records: list[dict]) -> bytes | None:
    lat = [r["latency_s"] * 1000 for r in records if r.get("latency_s") is not None]
    if not lat:
        return None
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5, 3))
    ax = fig.add_subplot()
    ax.hist(lat, bins=30, color="steelblue")
    ax.set_xlabel("latency per claim (ms)")
    ax.set_ylabel("items")
    return _png(fig)


# ---------------------------------------------------------------- text
def _pct(v) -> str:
    return f"{v:.3f}" if isinstance(v, (int, float)) else str(v)


def summary(metrics: dict) -> str:
    """The one-screen summary printed at the end of a run."""
    h = metrics["headline"]
    lines = [f"{metrics.get('dataset', '?')}: {h['name']} = {_pct(h['value'])}   (n={metrics.get('n')})"]
    if "macro_f1" in metrics:
        lines.append(f"macro-F1 {_pct(metrics.get('macro_f1'))}   accuracy {_pct(metrics.get('accuracy'))}")
    if "pearson_r" in metrics:
        lines.append(f"Pearson r {metrics['pearson_r']:.3f}   Spearman r {metrics['spearman_r']:.3f}   "
                     f"MAE {metrics['mae']:.3f}   splits {', '.join(metrics['splits'])}")
    per = metrics.get("per_label") or {}
    if per:
        lines.append(f"{'label':<14}{'P':>7}{'R':>7}{'F1':>7}{'n':>6}")
        lines += [f"{lab:<14}{v['precision']:>7.3f}{v['recall']:>7.3f}{v['f1']:>7.3f}{v['support']:>6}"
                  for lab, v in per.items()]
    if "open" in metrics:
        o = metrics["open"]
        lines.append(f"open abstract-level label-only  P {o['precision']:.3f}  R {o['recall']:.3f}  F1 {o['f1']:.3f}")
        if "calibration" in o:
            lines.append(f"open: ECE of the retrieved abstracts' labels {o['calibration']['ece']:.3f}")
        if "latency" in o:
            lines.append(f"open retrieval+verification per claim  mean {o['latency']['mean_s'] * 1000:.1f} ms")
    if metrics.get("retrieval", {}).get("n"):
        r = metrics["retrieval"]
        lines.append("retrieval  " + "  ".join(f"{k} {v:.3f}" for k, v in r.items() if k != "n") + f"  (n={r['n']})")
    for key in ("claim_recall", "strength_accuracy"):
        if key in metrics:
            lines.append(f"{key.replace('_', ' ')} {metrics[key]:.3f}")
    if "false_flags" in metrics:
        f = metrics["false_flags"]
        lines.append(f"false flags {f['count']} of {f['flagged']} flagged ({f['rate']:.3f})")
    if (c := metrics.get("cited_evidence_precision")) and c["value"] is not None:
        lines.append(f"cited-evidence precision {c['value']:.3f} (first cited abstract is gold, "
                     f"{c['verdicts']} supported/overstated)")
    if s := metrics.get("source_study"):
        if s["rank1_accuracy"] is not None:
            lines.append(f"source study at rank 1 {s['rank1_accuracy']:.3f} ({s['with_study_in_corpus']} articles "
                         f"with their study in the corpus)")
        if s["decision_accuracy"] is not None:
            lines.append(f"source decision {s['decision_accuracy']:.3f} of {s['articles']} articles "
                         f"(accepted a study for {s['accepted_when_absent']} of {s['absent']} whose study is absent)")
    if fs := metrics.get("false_support"):
        src = fs["source_accepted"]
        lines.append(f"false-support rate {fs['rate']:.3f} of {fs['checked_claims']} claims with the evidence "
                     f"records removed (a source accepted for {src['accepted_when_absent']} of {src['absent']} articles)")
    if "calibration" in metrics:
        lines.append(f"ECE {metrics['calibration']['ece']:.3f}")
    if "latency" in metrics:
        la = metrics["latency"]
        lines.append(f"latency per item  mean {la['mean_s'] * 1000:.1f} ms  p50 {la['p50_s'] * 1000:.1f} ms  "
                     f"p95 {la['p95_s'] * 1000:.1f} ms")
    if "timing" in metrics:
        lines.append(f"wall time {metrics['timing'].get('total_s', 0):.1f} s ({metrics.get('engine', 'local')})")
    return "\n".join(lines)


def worst_errors(records: list[dict], n: int = WORST) -> list[dict]:
    """Wrong predictions, the most confident (or, for a score, the furthest off) first: they
    are the ones that mislead."""
    wrong = [r for r in records if r.get("gold") is not None and r["gold"] != r["pred"]]
    return sorted(wrong, key=lambda r: (-(r.get("error") or r.get("confidence") or 0.0), str(r["id"])))[:n]


def _evidence_lines(r: dict, limit: int = 3) -> list[str]:
    """What a person needs to see why an item failed: the evidence, with the verifier's
    probabilities, and the verdict's reasons or strengths where the task has them."""
    out = []
    if r.get("strengths"):
        s = r["strengths"]
        out.append(f"strength press release: gold {s['press_gold']}, predicted {s['press_pred']}; "
                   f"abstract: gold {s['abstract_gold']}, predicted {s['abstract_pred']}")
    if r.get("predicted_claim") and r["predicted_claim"] != r.get("claim"):
        out.append(f"matched predicted claim: {r['predicted_claim']}")
    out += [f"reason: {x}" for x in r.get("reasons") or []]
    if r.get("gold_reason"):
        out.append(f"gold reason: {r['gold_reason']}")
    for e in (r.get("evidence") or [])[:limit]:
        where = f"{e.get('doc_id')}[{e.get('sentence_index')}] " if e.get("doc_id") else ""
        probs = " ".join(f"{k}={v:.2f}" for k, v in (e.get("probs") or {}).items())
        text = f"{where}{e.get('sentence', '')[:300]}"
        out.append(f"{text} ({probs})" if probs else text)
    return out


def markdown(metrics: dict, records: list[dict], figures: dict[str, bytes]) -> str:
    parts = [f"# factcheck eval: {metrics.get('dataset', '?')}", "", "```", summary(metrics), "```", ""]
    for name in figures:
        parts += [f"![{name}]({name}.png)", ""]
    parts += ["## Worst errors", ""]
    for r in worst_errors(records):
        parts.append(f"- **{r['id']}** gold `{r['gold']}`, predicted `{r['pred']}` "
                     f"(confidence {_pct(r.get('confidence'))}): {r.get('claim', '')}")
        parts += [f"  - {x}" for x in _evidence_lines(r)]
    return "\n".join(parts) + "\n"


def html_report(metrics: dict, records: list[dict], figures: dict[str, bytes]) -> str:
    esc = html.escape
    imgs = "".join(f'<figure><img alt="{name}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'
                   f"<figcaption>{name}</figcaption></figure>" for name, png in figures.items())
    rows = []
    for r in worst_errors(records):
        ev = "".join(f"<li>{esc(x)}</li>" for x in _evidence_lines(r)) or "<li>(no evidence)</li>"
        rows.append(f"<tr><td>{esc(str(r['id']))}</td><td>{esc(str(r.get('claim', '')))}</td>"
                    f"<td>{esc(str(r['gold']))}</td><td>{esc(str(r['pred']))}</td>"
                    f"<td>{esc(_pct(r.get('confidence')))}</td><td><ul>{ev}</ul></td></tr>")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>factcheck eval: {esc(str(metrics.get('dataset')))}</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto}} figure{{display:inline-block;margin:0 1em}}
table{{border-collapse:collapse}} td,th{{border:1px solid #ccc;padding:4px;vertical-align:top;font-size:90%}}</style>
</head><body>
<h1>factcheck eval: {esc(str(metrics.get('dataset')))}</h1>
<pre>{esc(summary(metrics))}</pre>
{imgs}
<h2>Worst errors (most confident first)</h2>
<table><tr><th>id</th><th>claim</th><th>gold</th><th>predicted</th><th>confidence</th><th>evidence</th></tr>
{''.join(rows)}</table>
</body></html>
"""


# ---------------------------------------------------------------- compare
def _flatten(d, prefix="") -> dict[str, float]:
    out = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flatten(v, key + "."))
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            out[key] = v
    return out


SKIP_IN_COMPARE = ("calibration.bins", "open.calibration.bins", "confusion", "timing", "latency")


def compare(run_a: Path | str, run_b: Path | str, limit: int = 10) -> str:
    """Metrics that differ between two runs, and the items whose prediction changed."""
    (ma, ra), (mb, rb) = load_run(run_a), load_run(run_b)
    fa, fb = _flatten(ma), _flatten(mb)
    lines = [f"A = {run_a} ({ma.get('dataset')}, n={ma.get('n')})",
             f"B = {run_b} ({mb.get('dataset')}, n={mb.get('n')})",
             f"{'metric':<40}{'A':>10}{'B':>10}{'B-A':>10}"]
    for key in sorted(set(fa) | set(fb)):
        a, b = fa.get(key), fb.get(key)
        if a == b:
            continue
        timing = key.startswith(("timing", "latency"))
        if key.startswith(SKIP_IN_COMPARE) and not timing:
            continue
        delta = f"{b - a:+10.4f}" if a is not None and b is not None else f"{'':>10}"
        lines.append(f"{key:<40}{_pct(a) if a is not None else '-':>10}{_pct(b) if b is not None else '-':>10}{delta}")
    if len(lines) == 3:
        lines.append("(no metric differs)")
    pa = {r["id"]: r for r in ra}
    changed = [(pa[r["id"]], r) for r in rb if r["id"] in pa and pa[r["id"]].get("pred") != r.get("pred")]
    lines.append(f"\n{len(changed)} of {len(set(pa) & {r['id'] for r in rb})} shared items changed prediction")
    for a, b in changed[:limit]:
        mark = "fixed" if b.get("pred") == b.get("gold") else "broke" if a.get("pred") == a.get("gold") else "changed"
        lines.append(f"  {mark:<8}{b['id']}: {a.get('pred')} -> {b.get('pred')} (gold {b.get('gold')})")
    return "\n".join(lines)
