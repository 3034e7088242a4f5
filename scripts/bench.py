#!/usr/bin/env python
"""Time the checker as a journalist meets it, and print medians and tails.

    python scripts/bench.py                       # the lupus story, corpus in $FACTCHECK_HOME
    python scripts/bench.py draft.md --home DIR --runs 10 --json runs/bench.json

Measures, on whatever corpus home it is given:
- cold CLI `factcheck check` (a fresh process: imports, model loading, the check);
- warm check of the same article with the models loaded (what the server does), with the
  claim count and the per-stage breakdown the pipeline records;
- the verifier alone: one claim against 20 candidate sentences (issue #4 asks <= 150 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]


def summary(seconds: list[float]) -> dict:
    a = np.asarray(seconds, dtype=float)
    return {"runs": len(a), "median_s": round(float(np.median(a)), 4), "p95_s": round(float(np.percentile(a, 95)), 4),
            "min_s": round(float(a.min()), 4), "max_s": round(float(a.max()), 4)}


def bench_cold_cli(article: Path, home: Path, runs: int) -> dict:
    env = {**os.environ, "FACTCHECK_HOME": str(home)}
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "factcheck.cli", "check", str(article), "-f", "json"],
                              env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - t)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"factcheck check failed ({proc.returncode}): {proc.stderr.strip()}")
    return summary(times)


def bench_warm(checker, article: Path, runs: int) -> dict:
    from factcheck.article import read_article

    doc = read_article(article, checker.config.max_input_bytes)
    checker.check_article(doc)  # first call pays for lazy loading
    times, stages = [], []
    for _ in range(runs):
        t = time.perf_counter()
        result = checker.check_article(doc)
        times.append(time.perf_counter() - t)
        stages.append(result.timings)
    breakdown = {k: round(float(np.median([s.get(k, 0.0) for s in stages])), 4) for k in stages[0]}
    return {**summary(times), "claims": len(result.verdicts), "words": len(doc.plain.split()),
            "stages_median_s": breakdown}


def bench_verifier(checker, runs: int, sentences: int = 20) -> dict:
    """One claim against `sentences` retrieved sentences: the unit of work per claim."""
    claim = "CAR T cells put a patient with severe lupus into drug-free remission."
    [evidence] = checker.retriever.retrieve([claim])
    pool = [e.sentence for e in evidence] or [claim]
    pairs = [(claim, pool[i % len(pool)]) for i in range(sentences)]
    checker.verifier.predict(pairs)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        checker.verifier.predict(pairs)
        times.append(time.perf_counter() - t)
    return {**summary(times), "pairs": sentences, "target_s": 0.150}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("article", nargs="?", type=Path, default=REPO / "eval/newsroom/lupus-car-t.md")
    ap.add_argument("--home", type=Path, default=None, help="corpus home (default: $FACTCHECK_HOME, else per-user)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cold-runs", type=int, default=3)
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()

    from factcheck.clikit import quiet_libraries
    from factcheck.config import Config
    from factcheck.pipeline import Checker

    quiet_libraries()
    config = Config().with_(home=args.home)
    checker = Checker(config)
    t = time.perf_counter()
    checker.load()
    load_s = time.perf_counter() - t
    figures = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "corpus": checker.corpus_summary(),
        "article": str(args.article),
        "model_load_s": round(load_s, 3),
        "warm_check": bench_warm(checker, args.article, args.runs),
        "verifier_one_claim_20_sentences": bench_verifier(checker, args.runs * 4),
        "cold_cli_check": bench_cold_cli(args.article, Path(config.home), args.cold_runs),
    }
    checker.close()
    text = json.dumps(figures, indent=2, default=str)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.json.with_suffix(".tmp")
        tmp.write_text(text)
        tmp.replace(args.json)


if __name__ == "__main__":
    main()
