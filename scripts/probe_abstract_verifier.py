#!/usr/bin/env python
"""What a verifier that reads the whole abstract (scripts/train_abstract_verifier.py) would
add to the product, measured on dev data before anything is wired in:

1. SciFact dev, oracle: each cited abstract labelled by the abstract model (argmax) against
   the shipped rule over the sentence verifier's scores;
2. SciFact dev, open: the abstract model labelling the hybrid top k abstracts when its
   support or refute probability reaches t, against the shipped abstract decision;
3. newsroom dev, end to end: each evidence sentence's probabilities blended with its
   abstract's, (1 - w) * sentence + w * abstract, alone and among the distractor abstracts
   of `--home` (as scripts/tune_verdict.py --distractors).

All models run as the product runs them (int8, one pair at a time).

    python scripts/probe_abstract_verifier.py --home ~/.cache/factcheck/corpora/<digest> \
        --model runs/abstract-verifier                                 # about 4 min on 2 cores
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_abstract_verifier import cited_stances  # noqa: E402
from train_reranker import DEV_FILE  # noqa: E402
from training import default_data_dir  # noqa: E402

from factcheck.config import Config  # noqa: E402
from factcheck.corpus.ingest import add_paths  # noqa: E402
from factcheck.eval import datasets as ds  # noqa: E402
from factcheck.eval import engine, tasks  # noqa: E402
from factcheck.eval.metrics import scifact_abstract_f1  # noqa: E402
from factcheck.pipeline import Checker  # noqa: E402
from factcheck.retrieve.rerank import abstract_text  # noqa: E402
from factcheck.schema import NEI, STANCES  # noqa: E402
from factcheck.verify.abstracts import by_abstract, thresholded  # noqa: E402
from factcheck.verify.verifier import Verifier  # noqa: E402


class BlendedChecker(Checker):
    """The product's checker with each evidence sentence's stance probabilities blended with
    those of its whole abstract."""

    def __init__(self, config: Config, abstract_model: Verifier, weight: float):
        super().__init__(config)
        self.abstract_model, self.weight = abstract_model, weight

    def judge(self, claims, evidence) -> None:
        super().judge(claims, evidence)
        if not self.weight:
            return
        for claim, ev in zip(claims, evidence):
            ids = list(dict.fromkeys(e.doc_id for e in ev))
            docs = self.corpus.documents(ids)
            whole = dict(zip(ids, self.abstract_model.predict(
                [(claim, abstract_text(docs[d].title, list(docs[d].sentences))) for d in ids])))
            for e in ev:
                p = (1 - self.weight) * np.array([e.probs[s] for s in STANCES]) + self.weight * whole[e.doc_id]
                e.probs = {s: round(float(x), 4) for s, x in zip(STANCES, p)}


def scifact(checker: Checker, model: Verifier, data: Path) -> None:
    corpus = ds.read_corpus_sentences(data / "corpus/abstracts.jsonl.gz")
    read = lambda d: abstract_text(*corpus[d])  # noqa: E731
    gold, rule, whole, opened, gold_docs, seconds = [], [], [], {}, {}, []
    for c in ds.read_scifact_claims(data / DEV_FILE):
        cited = cited_stances(c, corpus)
        gold_docs[c.id] = {d: s for d, s in cited.items() if s != NEI}
        for d, s in cited.items():
            gold.append(s)
            rule.append(tasks.abstract_label(checker.verifier.predict([(c.claim, x) for x in corpus[d][1]]),
                                             checker.config)[0])
            t = time.perf_counter()
            whole.append(STANCES[int(model.predict([(c.claim, read(d))])[0].argmax())])
            seconds.append(time.perf_counter() - t)
        evidence = checker.retriever.retrieve([c.claim], max_evidence=0)[0]
        checker.judge([c.claim], [evidence])
        opened[c.id] = [(rank, d, checker.abstract_decision.decide(evs, rank)[0],
                         dict(zip(STANCES, model.predict([(c.claim, read(d))])[0])))
                        for rank, (d, evs) in enumerate(by_abstract(evidence), 1)]
    print(f"abstract model: {1000 * float(np.median(seconds[1:])):.1f} ms an abstract (median, int8, one at a time)")
    for name, pred in (("sentence verifier, shipped rule", rule), ("abstract model, argmax", whole)):
        print(f"SciFact dev oracle, {name}: macro-F1 {f1_score(gold, pred, labels=STANCES, average='macro'):.3f}"
              f" ({len(gold)} cited abstracts)")

    def open_f1(label) -> str:
        m = scifact_abstract_f1({cid: {d: label(rank, dec, p) for rank, d, dec, p in rows}
                                 for cid, rows in opened.items()}, gold_docs)
        return f"{m['f1']:.3f} (P {m['precision']:.3f}, R {m['recall']:.3f})"

    print("SciFact dev open, shipped abstract decision:", open_f1(lambda rank, dec, p: dec))
    for k in (1, 2, 3):
        for t in (0.4, 0.5, 0.6):
            print(f"SciFact dev open, abstract model over the top {k}, threshold {t}:",
                  open_f1(lambda rank, dec, p: thresholded(p, t) if rank <= k else NEI))


def newsroom(model: Verifier, distractors: Path | None, weights: list[float]) -> None:
    articles_file, corpus_file = ds.newsroom_paths(Path("eval/newsroom"))
    items = list(ds.read_newsroom_articles(articles_file))
    with tempfile.TemporaryDirectory(prefix="factcheck-probe-") as tmp:
        home = Path(tmp) / "home"
        if distractors:
            shutil.copytree(distractors, home)
        config = Config(home=home)
        add_paths(config, [corpus_file], progress=False)
        for w in weights:
            checker = BlendedChecker(config, model, w)
            m = tasks.score_newsroom(engine.run(tasks.run_newsroom, items, config, progress=False, checker=checker))
            checker.close()
            where = "among the distractors" if distractors else "alone"
            print(f"newsroom {where}, blend weight {w}: macro-F1 {m['macro_f1']:.3f} "
                  + ", ".join(f"{k} {v['f1']:.3f}" for k, v in m["per_label"].items()))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, required=True, help="an indexed home of the shared corpus")
    ap.add_argument("--model", type=Path, default=Path("runs/abstract-verifier"))
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--max-length", type=int, default=256, help="as trained")
    ap.add_argument("--weights", default="0,0.25,0.5", help="newsroom blend weights")
    args = ap.parse_args()
    model = Verifier(args.model, max_length=args.max_length)
    checker = Checker(Config(home=args.home))
    scifact(checker, model, args.data)
    checker.close()
    weights = [float(w) for w in args.weights.split(",")]
    for distractors in (None, args.home):
        newsroom(model, distractors, weights)


if __name__ == "__main__":
    main()
