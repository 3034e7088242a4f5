#!/usr/bin/env python
"""Train the source-study decision (models/source-study/source.json): which candidate
abstracts are the studies an article reports, or none.

    python scripts/train_source.py                    # eval/newsroom + 1,500 distractors + 100 FakeHealth stories

Every article of the newsroom dev set is read three ways, and each candidate abstract
(factcheck/source.py) becomes one example:
- with its evidence records among 1,500 distractor abstracts (the corpus of
  `factcheck eval newsroom --distractors 1500`): candidates among its `sources` are positives;
- with its evidence records left out (the distractors alone): every candidate is a negative;
- FakeHealth stories and press releases (../shared/data/news) against the distractors plus
  the newsroom records: every candidate is a negative (the development corpus holds none of
  the studies those stories report, as far as we know: a small, noisy source of negatives).

Leave-one-article-out cross-validation gives the dev figures (rank-1 accuracy, decision
accuracy) and chooses the acceptance threshold (a wrong source costs more than none: the
threshold maximises the mean accuracy over the three kinds of read); the shipped model is
then fitted on everything. This is the DEV newsroom set.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import tempfile
from itertools import islice
from pathlib import Path

import numpy as np

from factcheck.article import parse_article
from factcheck.config import REPO_ROOT, Config
from factcheck.context import make_standalone
from factcheck.corpus.ingest import add_paths
from factcheck.eval import datasets as D
from factcheck.eval.cli import cached_home, distractor_sample, shared_corpus
from factcheck.linear import LogisticModel
from factcheck.pipeline import Checker
from factcheck.source import FEATURES


def candidate_rows(checker: Checker, text: str) -> tuple[list[str], np.ndarray]:
    """The candidates of one article and their feature rows, as `factcheck check` computes them."""
    article = parse_article(text, "text", "<train>")
    claims = make_standalone(article, checker.extractor.extract(article), checker.extractor.nlp)
    if not claims:
        return [], np.zeros((0, len(FEATURES)))
    vectors, hits = checker.retriever.search([c.standalone for c in claims])
    doc_ids, x, _, _ = checker.source_finder.candidates(article.plain, vectors, hits)
    return doc_ids, x


def news_texts(path: Path, n: int) -> list[tuple[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = (json.loads(line) for line in f)
        return [(r["news_id"], f"{r['title']}\n\n{r['text']}"[:20_000])
                for r in islice((r for r in rows if len(r.get("text") or "") > 500), n)]


KINDS = ("study in corpus", "study left out", "fakehealth")


def cross_validated(groups: list[dict], c: float) -> list[tuple[str, float, bool]]:
    """Leave-one-article-out: for every read of every group, (kind, the top candidate's
    probability under a model fitted on all other groups, whether it is a gold source)."""
    out = []
    for k, g in enumerate(groups):
        train = [h for j, h in enumerate(groups) if j != k and len(h["x"])]
        model = LogisticModel.fit(FEATURES, np.vstack([h["x"] for h in train]), np.concatenate([h["y"] for h in train]),
                                  c=c, balanced=False)
        for x, y, gold in g["reads"]:
            kind = KINDS[2] if g["id"].startswith("news_") else KINDS[0] if gold else KINDS[1]
            if not len(x):
                out.append((kind, 0.0, False))
                continue
            p = model.probability(x)
            top = int(np.argmax(p))
            out.append((kind, float(p[top]), bool(y[top])))
    return out


def decisions(scored: list[tuple[str, float, bool]], threshold: float) -> dict[str, float]:
    """Per kind, the share of reads decided right: a gold source accepted at rank 1 where the
    study is in the corpus, nothing accepted where it is not."""
    right = {k: [] for k in KINDS}
    for kind, p, is_gold in scored:
        right[kind].append(is_gold and p >= threshold if kind == KINDS[0] else p < threshold)
    return {k: round(float(np.mean(v)), 4) for k, v in right.items() if v}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO_ROOT / "eval/newsroom")
    ap.add_argument("--distractors", type=int, default=1500)
    ap.add_argument("--news", type=int, default=100, help="FakeHealth stories used as negatives")
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    ap.add_argument("--out", type=Path, default=REPO_ROOT / "models/source-study/source.json")
    args = ap.parse_args()

    articles_file, evidence_file = D.newsroom_paths(args.data)
    articles = list(D.read_newsroom_articles(articles_file))
    config = Config()
    base = cached_home(config, distractor_sample(shared_corpus(), args.distractors))
    groups: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="factcheck-source-") as tmp:
        home = Path(tmp) / "home"
        shutil.copytree(base, home)
        add_paths(config.with_(home=home), [evidence_file], progress=False)
        with_evidence, without = Checker(config.with_(home=home)), Checker(config.with_(home=base))
        without._embedder = with_evidence.embedder
        without._extractor = with_evidence.extractor
        for a in articles:
            reads = []
            for checker, gold in ((with_evidence, set(a.sources)), (without, set())):
                doc_ids, x = candidate_rows(checker, a.text)
                reads.append((x, np.array([d in gold for d in doc_ids], dtype=int), bool(gold)))
            groups.append({"id": a.id, "reads": reads})
            print(a.id, [(int(r[1].sum()), len(r[1])) for r in reads], flush=True)
        news = news_texts(REPO_ROOT.parent / "shared/data/news/fakehealth_news_content.jsonl.gz", args.news)
        for news_id, text in news:
            doc_ids, x = candidate_rows(with_evidence, text)
            groups.append({"id": news_id, "reads": [(x, np.zeros(len(doc_ids), dtype=int), False)]})
        with_evidence.close(), without.close()
    for g in groups:
        g["x"] = np.vstack([x for x, _, _ in g["reads"] if len(x)] or [np.zeros((0, len(FEATURES)))])
        g["y"] = np.concatenate([y for _, y, _ in g["reads"]] or [np.zeros(0, int)])
    scored = cross_validated(groups, args.c)
    rank1 = [is_gold for kind, _, is_gold in scored if kind == KINDS[0]]
    # a wrong source is worse than none: the threshold maximises the mean of the per-kind accuracies
    grid = [round(float(t), 2) for t in np.arange(0.05, 1.0, 0.05)]
    threshold = max(grid, key=lambda t: (np.mean(list(decisions(scored, t).values())), t))  # ties: the cautious one
    cv = {"rank1_accuracy": round(float(np.mean(rank1)), 4), "rank1_n": len(rank1), "threshold": threshold,
          "decision_accuracy": decisions(scored, threshold), "decision_accuracy_at_0.5": decisions(scored, 0.5),
          "by_threshold": {t: decisions(scored, t) for t in grid},
          "reads": {k: sum(kind == k for kind, _, _ in scored) for k in KINDS}}
    print("leave-one-article-out:", cv)
    x = np.vstack([g["x"] for g in groups if len(g["x"])])
    y = np.concatenate([g["y"] for g in groups if len(g["x"])])
    model = LogisticModel.fit(FEATURES, x, y, c=args.c, balanced=False, meta={
        "data": {"newsroom_articles": len(articles), "distractors": args.distractors, "fakehealth_stories": len(news),
                 "examples": int(len(y)), "positives": int(y.sum())},
        "threshold": threshold, "leave_one_article_out": cv, "c": args.c, "command": "python scripts/train_source.py"})
    model.save(args.out)
    print("coefficients (standardised):", dict(zip(FEATURES, np.round(model.coef, 3).tolist())))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
