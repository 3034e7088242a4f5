#!/usr/bin/env python
"""Mine sensational wording from HealthNewsReview's verdicts, and measure the product's list.

    python scripts/mine_sensational.py                  # candidates, then the detection figures
    python scripts/mine_sensational.py --folds 5 --seed 13

Data: `news/healthnewsreview_release_criteria.jsonl.gz`, 597 press releases that
HealthNewsReview.org reviewers judged on "Does the news release include unjustifiable,
sensational language?" (224 Not Satisfactory, 373 Satisfactory). Their explanations quote the
offending words ("breakthrough", "game changer", "holy grail").

A candidate is a word or word pair that reviewers quoted in at least `--min-quoted`
explanations and that appears `--min-ratio` times more often (by document frequency, add-½
smoothed) in the releases they marked Not Satisfactory than in the others. The product's
`MINED_SENSATIONAL` rule (factcheck/verify/strength.py) holds the candidates a person kept:
words that are sensational anywhere, not topics ("cancer drug", "bladder") that happen to be
frequent.

Figures: a release counts as flagged when any ABSOLUTES pattern matches its text;
precision / recall / F1 of "Not Satisfactory" are printed for the shipped list, and for the
list before mining plus auto-mined candidates, mined on the other folds only (k-fold), so the
gain of mining is measured out of sample.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections import Counter
from pathlib import Path

from factcheck.verify.strength import ABSOLUTES, FIRST_SUGGESTION, MINED_SENSATIONAL

QUESTION = "sensational"
NOVELTY = "novelty"  # "Does the news release establish the true novelty of the approach?"
QUOTE = re.compile(r"[“\"]([^”\"]{2,80})[”\"]")
WORD = re.compile(r"[a-z][a-z'-]+")
STOP = set("the a an of to in and for is are be can may could with on that this by as at from it its was were has "
           "have will would our we or not".split())


def read(path: Path, question: str = QUESTION) -> list[tuple[str, bool, list[str]]]:
    """(release text, judged Not Satisfactory on `question`, the reviewers' quoted phrases) per release."""
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            for c in r["criteria"]:
                if question in c["question"].lower() and c["answer"] in ("Satisfactory", "Not Satisfactory"):
                    out.append((r["release_text"].lower(), c["answer"] == "Not Satisfactory",
                                QUOTE.findall(c.get("explanation") or "")))
    return out


def mine(releases, min_quoted: int, min_ratio: float) -> list[tuple[float, int, str]]:
    """(ratio, times quoted, term) for every candidate, most discriminative first."""
    quoted = Counter()
    for _, sensational, quotes in releases:
        if sensational:
            for q in quotes:
                toks = WORD.findall(q.lower())
                terms = {t for t in toks if t not in STOP}
                terms |= {f"{a} {b}" for a, b in zip(toks, toks[1:]) if a not in STOP or b not in STOP}
                quoted.update(terms)
    bad = [text for text, s, _ in releases if s]
    good = [text for text, s, _ in releases if not s]
    out = []
    for term, n in quoted.items():
        if n < min_quoted:
            continue
        pat = re.compile(rf"\b{re.escape(term)}\b")
        a, b = sum(bool(pat.search(t)) for t in bad), sum(bool(pat.search(t)) for t in good)
        ratio = ((a + 0.5) / len(bad)) / ((b + 0.5) / len(good))
        if ratio >= min_ratio:
            out.append((round(ratio, 2), n, term))
    return sorted(out, reverse=True)


def detection(releases, patterns: list[str]) -> dict:
    compiled = [re.compile(p, re.I) for p in patterns]
    tp = fp = fn = 0
    for text, sensational, _ in releases:
        flagged = any(p.search(text) for p in compiled)
        tp += flagged and sensational
        fp += flagged and not sensational
        fn += sensational and not flagged
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    ap.add_argument("--min-quoted", type=int, default=2)
    ap.add_argument("--min-ratio", type=float, default=2.0)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()

    releases = read(args.data / "news/healthnewsreview_release_criteria.jsonl.gz")
    print(f"{len(releases)} releases, {sum(s for _, s, _ in releases)} judged sensational\n")
    print("candidates (all releases): ratio, times quoted, term")
    for ratio, n, term in mine(releases, args.min_quoted, args.min_ratio):
        print(f"  {ratio:6.2f} {n:3d}  {term}")

    shipped = [a.pattern for a in ABSOLUTES]
    before = [a.pattern for a in ABSOLUTES if a is not MINED_SENSATIONAL]  # what mining adds to
    order = list(range(len(releases)))
    random.Random(args.seed).shuffle(order)
    folds = [order[k :: args.folds] for k in range(args.folds)]
    mined_hits = {"tp": 0, "fp": 0, "fn": 0}
    for k, held in enumerate(folds):
        held_set = set(held)
        train = [releases[i] for i in order if i not in held_set]
        terms = [t for _, _, t in mine(train, args.min_quoted, args.min_ratio)]
        patterns = before + [rf"\b{re.escape(t)}\b" for t in terms]
        compiled = [re.compile(p, re.I) for p in patterns]
        for i in held:
            text, sensational, _ = releases[i]
            flagged = any(p.search(text) for p in compiled)
            mined_hits["tp"] += flagged and sensational
            mined_hits["fp"] += flagged and not sensational
            mined_hits["fn"] += sensational and not flagged
    tp, fp, fn = mined_hits["tp"], mined_hits["fp"], mined_hits["fn"]
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    rows = {"the list before mining": detection(releases, before),
            f"before + auto-mined ({args.folds}-fold, out of fold)": {
                "precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0, 3)},
            "shipped ABSOLUTES (mined from all releases, curated)": detection(releases, shipped)}
    print("\nrelease flagged when any pattern matches; scored against 'Not Satisfactory':")
    for name, m in rows.items():
        print(f"  {name:<55} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")

    # The "first ... in the world / ever" rule against the reviewers' "true novelty" verdicts: those
    # mostly fault a release for not saying what is new, which no wording rule can see.
    novelty = read(args.data / "news/healthnewsreview_release_criteria.jsonl.gz", NOVELTY)
    first = [a.pattern for a in ABSOLUTES if a.suggestion == FIRST_SUGGESTION]
    m = detection(novelty, first)
    print(f"\n{len(novelty)} releases judged on true novelty, {sum(s for _, s, _ in novelty)} Not Satisfactory "
          f"(base rate {sum(s for _, s, _ in novelty) / len(novelty):.3f}); the novelty rule flags "
          f"{sum(any(re.search(p, t, re.I) for p in first) for t, _, _ in novelty)}:")
    print(f"  {'novelty rule (first ... in the world / ever)':<55} P {m['precision']:.3f}  R {m['recall']:.3f}  "
          f"F1 {m['f1']:.3f}")


if __name__ == "__main__":
    main()
