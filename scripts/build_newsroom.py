#!/usr/bin/env python
"""Build the newsroom dev set (eval/newsroom/articles.jsonl + corpus.jsonl).

The articles and evidence records live in scripts/newsroom/ as readable Python data; running
this regenerates both JSONL files completely (atomically: temp file + os.replace).

    python scripts/build_newsroom.py            # writes eval/newsroom/*.jsonl
    python scripts/build_newsroom.py --check    # validates only, writes nothing

Articles are given as text plus claims (exact substring, label, evidence ids, reason) and
non-claims (exact substrings). Offsets are computed with str.index; each substring must
occur exactly once in its article unless an occurrence index is given as a fifth claim
field / a (text, occurrence) tuple for non-claims. Every evidence id must exist in the
corpus, and no two spans of an article may overlap. An article's `sources` are the records of
the studies it reports: given explicitly (`[]` when its study is deliberately left out of the
corpus), else every record its claims cite.

Evidence records are summaries in our own words of real, published studies (named in
`journal`); the articles are invented. See eval/newsroom/README.md.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import tempfile
from collections import Counter
from pathlib import Path

import importlib
import sys

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "eval" / "newsroom"
LABELS = ("supported", "overstated", "unsupported")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from newsroom import PARTS  # noqa: E402
from newsroom.common import U  # noqa: E402

_parts = [importlib.import_module(f"newsroom.{name}") for name in PARTS
          if (Path(__file__).parent / "newsroom" / f"{name}.py").is_file()]
CORPUS = [r for part in _parts for r in part.CORPUS]
ARTICLES = [a for part in _parts for a in part.ARTICLES]

# --------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------

def locate(text: str, sub: str, occurrence: int | None, where: str) -> tuple[int, int]:
    """Offsets of `sub` in `text`: the only occurrence, or the given 0-based occurrence."""
    count = text.count(sub)
    if occurrence is None:
        assert count == 1, f"{where}: {sub!r} occurs {count} times (give an occurrence index)"
        start = text.index(sub)
    else:
        assert 0 <= occurrence < count, f"{where}: {sub!r} occurrence {occurrence} of {count}"
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(sub, start + 1)
    assert sub == sub.strip(), f"{where}: span has surrounding whitespace: {sub!r}"
    return start, start + len(sub)


def build_article(a: dict, corpus_ids: set[str]) -> dict:
    text = a["text"]
    aid = a["id"]
    title = text.split("\n", 1)[0]
    claims, non_claims, spans = [], [], []
    for c in a["claims"]:
        sub, label, evidence, reason = c[:4]
        occ = c[4] if len(c) > 4 else None
        assert label in LABELS, f"{aid}: bad label {label!r}"
        for e in evidence:
            assert e in corpus_ids, f"{aid}: unknown evidence id {e}"
        assert label == U or evidence, f"{aid}: {label} claim needs evidence: {sub!r}"
        assert reason.strip(), f"{aid}: empty reason for {sub!r}"
        start, end = locate(text, sub, occ, aid)
        claims.append({"text": sub, "start": start, "end": end, "label": label,
                       "evidence": list(evidence), "reason": reason})
        spans.append((start, end, sub))
    for n in a["non_claims"]:
        sub, occ = (n if isinstance(n, tuple) else (n, None))
        start, end = locate(text, sub, occ, aid)
        non_claims.append({"text": sub, "start": start, "end": end})
        spans.append((start, end, sub))
    # the studies the story reports: given, or every record its claims cite; [] = not in the corpus
    sources = a["sources"] if "sources" in a else list(dict.fromkeys(e for c in claims for e in c["evidence"]))
    for e in sources:
        assert e in corpus_ids, f"{aid}: unknown source id {e}"
    spans.sort()
    for (s1, e1, t1), (s2, e2, t2) in itertools.pairwise(spans):
        assert e1 <= s2, f"{aid}: overlapping spans {t1!r} / {t2!r}"
    return {"id": aid, "title": title, "text": text, "sources": sources, "claims": claims,
            "non_claims": non_claims}


def build() -> tuple[list[dict], list[dict]]:
    ids = [r["id"] for r in CORPUS]
    assert len(ids) == len(set(ids)), "duplicate corpus ids"
    for r in CORPUS:
        assert set(r) == {"id", "title", "abstract", "year", "journal", "publication_types", "mesh"}
        assert all(k in r["abstract"] for k in ("Background:", "Methods:", "Results:", "Conclusions:")), r["id"]
    corpus_ids = set(ids)
    articles = [build_article(a, corpus_ids) for a in ARTICLES]
    aids = [a["id"] for a in articles]
    assert len(aids) == len(set(aids)), "duplicate article ids"
    return articles, CORPUS


def write_jsonl_atomic(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row) + "\n")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=OUT_DIR, help="output folder (default eval/newsroom)")
    p.add_argument("--check", action="store_true", help="validate only; write nothing")
    args = p.parse_args()
    articles, corpus = build()
    labels = Counter(c["label"] for a in articles for c in a["claims"])
    n_claims = sum(labels.values())
    n_non = sum(len(a["non_claims"]) for a in articles)
    print(f"{len(articles)} articles, {n_claims} claims, {n_non} non_claims, {len(corpus)} records")
    for lab in LABELS:
        print(f"  {lab:12s} {labels[lab]:4d}  ({labels[lab] / n_claims:.0%})")
    if not args.check:
        write_jsonl_atomic(args.out / "corpus.jsonl", corpus)
        write_jsonl_atomic(args.out / "articles.jsonl", articles)
        print(f"wrote {args.out / 'articles.jsonl'} and {args.out / 'corpus.jsonl'}")


if __name__ == "__main__":
    main()
