"""The verifier's (claim, evidence, stance) pairs: health claims with their cited abstracts'
sentences, mined hard negatives, general NLI pairs, HealthVer's topic-grouped folds, the fixed
dev pairs every run is scored on, and unlabelled news pairs for a teacher to label.
"""

from __future__ import annotations

import logging
import random
from collections import Counter
from pathlib import Path

from factcheck.eval import datasets as ds

log = logging.getLogger("verifier_pairs")


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


def easy_negative_pairs(claims, corpus, rng: random.Random, per_claim: int = 1):
    """(claim, sentence, nei) with a sentence of a random abstract the claim does not cite: the
    unrelated evidence the verifier meets most often, and the first thing a new classification
    head can learn (a backbone trained for embeddings has never compared two sentences)."""
    ids = sorted(d for d, (_, sents) in corpus.items() if sents)
    for c in claims:
        cited = set(c.cited_doc_ids)
        for doc_id in [d for d in rng.sample(ids, per_claim + len(cited)) if d not in cited][:per_claim]:
            yield c.claim, rng.choice(corpus[doc_id][1]), "nei"


ALL_SOURCES = ("scifact", "citation-integrity", "check-covid", "covidfact", "sick", "fever", "hard-negatives",
               "easy-negatives", "healthver")
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
    cited_claims = [c for f in ("scifact/claims_train.jsonl", "citation-integrity/claims_train.jsonl")
                    for c in ds.read_scifact_claims(data / "claims" / f)]
    if "hard-negatives" in sources:
        if hard_negative_home is None:
            raise SystemExit("the hard-negatives source needs --home, a corpus home of the shared corpus")
        pairs["hard-negatives"] = list(hard_negative_pairs(cited_claims, hard_negative_home))
    if "easy-negatives" in sources:
        covid = ds.read_check_covid(data / "claims/check-covid/covidCheck_train_composed+extracted.json")
        pairs["easy-negatives"] = list(easy_negative_pairs([*cited_claims, *covid], corpus, rng))
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


def dev_pairs(data: Path, healthver_max: int | None = 400, healthver_fold: tuple[int, int] | None = None):
    """Fixed dev sets for per-epoch figures: SciFact dev (oracle abstracts, sentence pairs)
    and HealthVer: a fixed sample (all of it with `healthver_max` None) when it is not trained
    on, else the held-out fold (none when every fold is trained on)."""
    rng = random.Random(0)
    corpus = ds.read_corpus_sentences(data / "corpus" / "abstracts.jsonl.gz")
    scifact = list(rationale_pairs(ds.read_scifact_claims(data / "claims/scifact/claims_dev.jsonl"), corpus, rng))
    if healthver_fold is None:
        hv = [(p.claim, p.evidence, p.stance) for p in ds.read_healthver(data / HEALTHVER)]
        rng.shuffle(hv)
        if healthver_max is None or healthver_max >= len(hv):
            return {"scifact-dev-pairs": scifact, "healthver-dev-all": hv}
        return {"scifact-dev-pairs": scifact, "healthver-dev-sample": hv[:healthver_max]}
    held, k = healthver_fold
    if held < 0:
        return {"scifact-dev-pairs": scifact}
    fold = healthver_folds(data, k)[held]
    return {"scifact-dev-pairs": scifact,
            f"healthver-fold-{held}-of-{k}": [(p.claim, p.evidence, p.stance) for p in fold]}


def cap_nei(pairs: list, nei_max: int, rng: random.Random) -> list:
    """All support and refute pairs, and at most `nei_max` not-enough-info ones."""
    if not nei_max:
        return pairs
    nei = [p for p in pairs if p[2] == "nei"]
    kept = set(map(id, rng.sample(nei, min(nei_max, len(nei)))))
    return [p for p in pairs if p[2] != "nei" or id(p) in kept]


def news_pairs(path: Path, stories: int, home: Path, per_claim: int = 2) -> list[tuple[str, str, None]]:
    """(claim, sentence, None): the claims of the first `stories` FakeHealth stories, each with
    the sentences our retriever finds closest in `home`. Unlabelled: the teacher labels them,
    on the claims and corpus the product meets."""
    from train_source import news_texts

    from factcheck.article import parse_article
    from factcheck.config import Config
    from factcheck.pipeline import Checker

    checker = Checker(Config(home=home))
    claims = [c.text for _, text in news_texts(path, stories) for c in checker.extractor.extract(parse_article(text, "text"))]
    pairs = [(claim, sentence, None) for claim, evidence in zip(claims, checker.retriever.retrieve(claims))
             for sentence in list(dict.fromkeys(e.sentence for e in evidence))[:per_claim]]
    checker.close()
    log.info("news pairs: %d from %d claims of %d stories", len(pairs), len(claims), stories)
    return pairs
