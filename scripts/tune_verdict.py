#!/usr/bin/env python
"""Tune the verdict's thresholds on the newsroom dev set and print the whole grid.

    python scripts/tune_verdict.py                         # eval/newsroom, the grid below
    python scripts/tune_verdict.py --json runs/tune_verdict.json
    python scripts/tune_verdict.py --distractors ~/.cache/factcheck/corpora/<digest> --defaults
    python scripts/tune_verdict.py --grid support_threshold=0.3,0.4,0.5   # one axis, the rest at the defaults

Every row is `factcheck eval newsroom --data eval/newsroom` under one variant of `Config`
(support_threshold, refute_threshold and the per-axis tolerances), run in one process with
the models loaded once. `--distractors HOME` adds the articles' evidence to a copy of an
existing corpus home (the 10.9k-abstract dev corpus, say), so that retrieval must find it
among unrelated abstracts, as it must for a user. The best row, by claim-label macro-F1 and then overstated F1, is
what factcheck/config.py should hold; the script also prints how often its weaker-evidence
verdicts are right, which is `weaker_evidence_confidence`. This is a DEV set: figures after
tuning are tuned-on figures; the independent newsroom set judges the result.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from factcheck.config import Config
from factcheck.corpus.ingest import add_paths
from factcheck.eval import datasets as D
from factcheck.eval import engine as E
from factcheck.eval import tasks as T
from factcheck.pipeline import Checker

GRID = {"support_threshold": (0.3, 0.4, 0.5), "refute_threshold": (0.8, 0.9, 0.95), "relevance_threshold": (0.3, 0.5),
        "tolerances.certainty_gap": (0.75, 1.0, 1.5), "tolerances.number_ratio": (1.25, 1.5)}
from factcheck.verdict import WEAKER as WEAKER_MARK  # noqa: E402


def configured(base: Config, variant: dict) -> Config:
    """`base` with the variant's fields; "tolerances.x" sets a field of Config.tolerances."""
    top = {k: v for k, v in variant.items() if "." not in k}
    nested = {k.split(".", 1)[1]: v for k, v in variant.items() if k.startswith("tolerances.")}
    return base.with_(**top, tolerances=replace(base.tolerances, **nested))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("eval/newsroom"))
    ap.add_argument("--json", type=Path, default=None, help="write every row here")
    ap.add_argument("--distractors", type=Path, default=None, help="a corpus home to add the evidence to (copied)")
    ap.add_argument("--defaults", action="store_true", help="score only the current Config defaults, no grid")
    ap.add_argument("--grid", action="append", default=[], metavar="KEY=V1,V2",
                    help="search only these keys over these values (repeatable; others keep their defaults), "
                         "e.g. --grid support_threshold=0.3,0.4,0.5")
    args = ap.parse_args()
    try:
        chosen = {k: tuple(float(v) for v in vs.split(",")) for k, _, vs in (g.partition("=") for g in args.grid)}
    except ValueError:
        ap.error("--grid takes KEY=V1,V2,... with numeric values")
    if unknown := set(chosen) - set(GRID):
        ap.error(f"--grid keys must be among {', '.join(GRID)}; not {', '.join(sorted(unknown))}")

    articles_file, corpus_file = D.newsroom_paths(args.data)
    items = list(D.read_newsroom_articles(articles_file))
    rows = []
    with tempfile.TemporaryDirectory(prefix="factcheck-tune-") as tmp:
        home = Path(tmp) / "home"
        if args.distractors:
            shutil.copytree(args.distractors, home)
        base = Config(home=home)
        add_paths(base, [corpus_file], progress=False)
        loaded = Checker(base).load()
        grid = {} if args.defaults else chosen or GRID
        for values in itertools.product(*grid.values()):
            variant = dict(zip(grid, values))
            checker = loaded.with_config(configured(base, variant))
            records = E.run(T.run_newsroom, items, checker.config, progress=False, checker=checker)
            checker.close()
            m = T.score_newsroom(records)
            weaker = [r for r in records if r["task"] == "newsroom" and any(WEAKER_MARK in x for x in r["reasons"])]
            rows.append({**variant, "macro_f1": round(m["macro_f1"], 4),
                         **{f"{k}_f1": round(v["f1"], 4) for k, v in m["per_label"].items()},
                         "false_flag_rate": round(m["false_flags"]["rate"], 4),
                         "weaker_n": len(weaker),
                         "weaker_accuracy": round(sum(r["gold"] == r["pred"] for r in weaker) / len(weaker), 4)
                         if weaker else None})
            print(json.dumps(rows[-1]), flush=True)
    best = max(rows, key=lambda r: (r["macro_f1"], r["overstated_f1"]))
    print("best:", json.dumps(best))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"grid": grid, "rows": rows, "best": best}, indent=2))


if __name__ == "__main__":
    main()
