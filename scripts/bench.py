#!/usr/bin/env python
"""Time the checker as its users meet it; print medians and tails, and write JSON.

    python scripts/bench.py                          # everything, corpus in $FACTCHECK_HOME
    python scripts/bench.py --only warm,retrieval    # some sections
    python scripts/bench.py --json runs/bench/bench.json --home .factcheck

Sections (issues #7 and #21; each figure is set beside its target and the physical bound it
could approach):
- machine   measured fp32 matmul peak (GFLOP/s) and memory bandwidth (GB/s): the bounds;
- demo      `scripts/demo` as on a fresh clone (empty home, empty model cache): seconds to the
            first verdict line, to the whole development corpus embedded, and the home it
            leaves, by part; the encoder's FLOPs for the corpus against the measured peak;
- cold      a cold CLI `factcheck check` of a ~600-word article (fresh process each run; the
            first, with an empty trace cache, reported apart as first_run_s);
- server    a warm `factcheck serve` answering POST /v1/check for the same article (the
            text varies by trailing spaces each run, so the server's answer cache never hits);
- warm      the in-process check with its per-stage breakdown, and the report rendering;
- batch     claims per second when many claims are checked together (eval's shape);
- verifier  one claim against 20 candidate sentences (issue #4 asks <= 150 ms), with the
            FLOP rate achieved against the measured peak;
- ingest    PubMed XML parsing and storage (embedding excluded: a zero-vector embedder), then
            embedding throughput with the real model;
- retrieval dense-index query latency at 10k, 100k and 1M sentences. The sentences beyond the
            real corpus are synthetic: real stored vectors plus Gaussian noise, renormalised
            (said in the output). Index type as the product picks it, bytes on disk, recall@10
            of approximate indexes against exact search, and the flat scan's bandwidth bound.
Peak RSS of the process is reported at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "eval/bench/health-roundup-600w.md"
SECTIONS = ("machine", "demo", "cold", "server", "warm", "batch", "verifier", "ingest", "retrieval")
VERDICT_LINE = re.compile(r":\d+:\d+: (supported|overstated|unsupported): ")
VERIFIER_PAIRS = 20
QUERY_K = 200  # what the retriever asks the dense index for: 50 candidates x 4 sentences


# ---------------------------------------------------------------- helpers
def summary(seconds: list[float], **extra) -> dict:
    a = np.asarray(seconds, dtype=float)
    out = {"runs": len(a), "median_s": float(np.median(a)), "p95_s": float(np.percentile(a, 95)),
           "p99_s": float(np.percentile(a, 99)), "min_s": float(a.min())}
    return {**{k: round(v, 5) if isinstance(v, float) else v for k, v in out.items()}, **extra}


def timed(fn, runs: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def model_flops_per_token(config: dict) -> float:
    """2 x weights touched per token by a BERT encoder (embeddings excluded): the dense-layer
    bound; attention adds 4 x seq x hidden per layer, counted separately."""
    h, ff, layers = config["hidden_size"], config["intermediate_size"], config["num_hidden_layers"]
    return 2.0 * layers * (4 * h * h + 2 * h * ff)


# ---------------------------------------------------------------- sections
def bench_machine(_ctx) -> dict:
    """The bounds: sustained fp32 matmul rate (numpy/BLAS on all cores) and copy bandwidth."""
    a = np.random.default_rng(0).standard_normal((2048, 2048), dtype=np.float32)
    t = min(timed(lambda: a @ a, 5))
    big = np.ones(256 * 1024 * 1024 // 4, dtype=np.float32)  # 256 MiB
    dst = np.empty_like(big)
    copy = min(timed(lambda: np.copyto(dst, big), 5))
    return {"cpus": os.cpu_count(), "platform": platform.platform(), "processor": platform.processor(),
            "python": platform.python_version(), "fp32_matmul_gflops": round(2 * 2048 ** 3 / t / 1e9, 1),
            "memory_copy_gb_s": round(2 * big.nbytes / copy / 1e9, 2)}  # read + write


def bench_demo(ctx) -> dict:
    """`scripts/demo` on a fresh home and model cache, `ctx.demo_runs` times (medians): each to its
    first verdict line, the last `ctx.demo_full_runs` on until the whole corpus is embedded."""
    first, whole, homes, bound = [], [], [], {}
    for run in range(ctx.demo_runs):
        full = run >= ctx.demo_runs - ctx.demo_full_runs  # the last ones embed the whole corpus
        with tempfile.TemporaryDirectory(prefix="factcheck-bench-demo-") as tmp:
            home = Path(ctx.keep_demo_home) if ctx.keep_demo_home and run == ctx.demo_runs - 1 else Path(tmp) / "home"
            if home.exists():
                raise SystemExit(f"{home} exists: the demo must start from an empty home")
            env = {**os.environ, "FACTCHECK_HOME": str(home), "XDG_CACHE_HOME": f"{tmp}/cache"}
            t = time.perf_counter()
            proc = subprocess.Popen([str(REPO / "scripts/demo")], env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, text=True, start_new_session=True)
            seen = None
            for line in proc.stdout:
                if seen is None and VERDICT_LINE.search(line):
                    seen = time.perf_counter() - t
                    if not full:  # a killed demo leaves a usable corpus; the rest is another run's figure
                        os.killpg(proc.pid, signal.SIGTERM)
                        break
            proc.wait()
            if seen is None or (full and proc.returncode != 0):
                raise SystemExit(f"scripts/demo failed ({proc.returncode}) or printed no verdict")
            first.append(seen)
            if full:
                whole.append(time.perf_counter() - t)
                homes.append(home_parts(home))
                bound = encoder_bound(ctx, home)
    return {"first_verdict_s": round(float(np.median(first)), 1), "first_verdict_target_s": 90,
            "runs_first_verdict_s": [round(x, 1) for x in first],
            "until_corpus_embedded_s": round(float(np.median(whole)), 1) if whole else None,
            "full_runs": len(whole), "index_target_s": 240,
            "home": homes[-1] if homes else None, "home_target_mb": 150, **bound}


def home_parts(home: Path) -> dict:
    """MB of a corpus home: its files, and the SQLite tables and indexes inside (dbstat)."""
    import sqlite3

    files = {f.name: round(f.stat().st_size / 1e6, 1) for f in sorted(home.iterdir()) if f.is_file()}
    db = sqlite3.connect(home / "corpus.sqlite")
    try:
        tables = {name: round(size / 1e6, 1) for name, size in db.execute(
            "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC") if size >= 100_000}
    finally:
        db.close()
    return {"total_mb": round(sum(files.values()), 1), "files_mb": files, "sqlite_mb": tables}


def encoder_bound(ctx, home: Path) -> dict:
    """The embedder's arithmetic for the whole corpus home against this CPU's measured peak:
    the least time any fp32 implementation could embed it in (int8 kernels may beat it where
    the CPU multiplies int8 faster; without VNNI this one barely does)."""
    from factcheck.corpus.store import Corpus

    embedder = ctx.checker.embedder
    with Corpus.open(home) as c:
        texts = [t for (t,) in c.db.execute("SELECT text FROM sentences")]
    tokens = sum(len(ids) for ids in embedder.tokenizer(texts)["input_ids"])
    config = json.loads((Path(embedder.model_path) / "config.json").read_text())
    per_token = model_flops_per_token(config)
    flops = per_token * tokens
    out = {"texts_embedded": len(texts), "tokens": tokens, "encoder_gflops_per_sentence":
           round(per_token * tokens / len(texts) / 1e9, 3), "corpus_tflops": round(flops / 1e12, 1)}
    if ctx.machine:
        out["fp32_peak_bound_s"] = round(flops / (ctx.machine["fp32_matmul_gflops"] * 1e9), 1)
    return out


def bench_cold(ctx) -> dict:
    """`factcheck check` in a new process, as a journalist runs it. The first run starts with
    an empty model cache, as after installing or retraining a model (the ONNX graphs are
    exported then); the timed runs after it load the graphs it saved."""
    times, claims, first = [], None, None
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-cache-") as cache:
        env = {**os.environ, "FACTCHECK_HOME": str(ctx.home), "XDG_CACHE_HOME": cache}
        for _ in range(ctx.cold_runs + 1):
            t = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "factcheck.cli", "check", str(ctx.article), "-f", "json"],
                                  env=env, capture_output=True, text=True)
            if first is None:
                first = time.perf_counter() - t
            else:
                times.append(time.perf_counter() - t)
            if proc.returncode not in (0, 1):
                raise SystemExit(f"factcheck check failed ({proc.returncode}): {proc.stderr.strip()}")
            result = json.loads(proc.stdout)
            claims = len(result["claims"])
            stages = result.get("timings", {})
    return summary(times, claims=claims, last_run_stages_s=stages, first_run_s=round(first, 3), target_median_s=2.0)


def bench_server(ctx) -> dict:
    import httpx
    from bench_load import serving

    with serving(ctx.home) as (base, _, ready_s):
        text = ctx.article.read_text()
        times, stages = [], []
        with httpx.Client(base_url=base, timeout=120) as client:
            for i in range(ctx.runs + 1):  # the first is a warm-up
                t = time.perf_counter()
                r = client.post("/v1/check", json={"text": text + " " * i, "format": "markdown"})
                if i:
                    times.append(time.perf_counter() - t)
                r.raise_for_status()
                body = r.json()
                stages.append(body.get("timings", {}))
        return summary(times, claims=len(body["claims"]), start_to_ready_s=round(ready_s, 2),
                       stages_median_s=_median_stages(stages[1:]), target_median_s=1.0)


def bench_warm(ctx) -> dict:
    from factcheck.article import read_article
    from factcheck.report import render

    doc = read_article(ctx.article, ctx.checker.config.max_input_bytes)
    results = []
    times = timed(lambda: results.append(ctx.checker.check_article(doc)), ctx.runs)
    result = results[-1]
    report = timed(lambda: render(result, "text", color=False), ctx.runs)
    stages = _median_stages([r.timings for r in results[1:]])
    stages["report"] = round(float(np.median(report)), 5)
    return summary(times, claims=len(result.verdicts), words=len(doc.plain.split()), stages_median_s=stages)


def bench_batch(ctx) -> dict:
    """Claims from the newsroom dev articles, checked as one batch (what eval does)."""
    from factcheck.article import read_article

    texts = [p for p in sorted((REPO / "eval").rglob("*.md")) if p.name != "README.md"]
    claims = [c for p in texts for c in ctx.checker.extractor.extract(read_article(p, 10 ** 7))]
    claims = (claims * (1 + 100 // max(len(claims), 1)))[:100]
    times = timed(lambda: ctx.checker.check_claims(claims), max(1, ctx.runs // 2))
    med = float(np.median(times))
    return {**summary(times), "claims": len(claims), "claims_per_s": round(len(claims) / med, 2)}


def bench_verifier(ctx) -> dict:
    checker = ctx.checker
    claim = "CAR T cells put a patient with severe lupus into drug-free remission."
    [evidence] = checker.retriever.retrieve([claim])
    pool = [e.sentence for e in evidence] or [claim]
    pairs = [(claim, pool[i % len(pool)]) for i in range(VERIFIER_PAIRS)]
    times = timed(lambda: checker.verifier.predict(pairs), ctx.runs * 4)
    verifier = checker.verifier
    tokens = verifier.tokenize_lengths(pairs)
    config = json.loads((verifier.model_dir / "config.json").read_text())
    flops = sum(model_flops_per_token(config) * n + 4 * n * n * config["hidden_size"] * config["num_hidden_layers"]
                for n in tokens)
    med = float(np.median(times))
    out = summary(times, pairs=VERIFIER_PAIRS, precision=verifier.precision, tokens=int(sum(tokens)),
                  target_median_s=0.150, achieved_gflops=round(flops / med / 1e9, 1))
    if ctx.machine:
        out["fraction_of_fp32_peak"] = round(flops / med / 1e9 / ctx.machine["fp32_matmul_gflops"], 3)
    return out


class _ZeroEmbedder:
    """Stands in for the model so that ingestion is timed without embedding."""

    identity, dim = "zero-vectors:bench", 384

    def encode(self, texts):
        return np.zeros((len(texts), self.dim), np.float32)


def _pubmed_xml(docs: list, path: Path) -> None:
    from xml.sax.saxutils import escape

    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0"?>\n<PubmedArticleSet>\n')
        for i, (title, sentences) in enumerate(docs):
            body = "".join(f"<AbstractText>{escape(s)}</AbstractText>" for s in sentences)
            f.write(f'<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">{90_000_000 + i}</PMID>'
                    f"<Article><Journal><Title>Bench Journal</Title><JournalIssue><PubDate><Year>2020</Year>"
                    f"</PubDate></JournalIssue></Journal><ArticleTitle>{escape(title)}</ArticleTitle>"
                    f"<Abstract>{body}</Abstract><PublicationTypeList><PublicationType>Journal Article"
                    f"</PublicationType></PublicationTypeList></Article></MedlineCitation></PubmedArticle>\n")
        f.write("</PubmedArticleSet>\n")


def bench_ingest(ctx) -> dict:
    """PubMed XML built from the corpus's own abstracts (real text, so sentence splitting
    and storage cost what they cost on PubMed)."""
    from factcheck.corpus.readers import read_documents
    from factcheck.corpus.store import Corpus

    with Corpus.open(ctx.home) as corpus:
        rows = corpus.db.execute("SELECT doc_id, title FROM documents ORDER BY id LIMIT ?", (ctx.ingest_docs,))
        ids_titles = rows.fetchall()
        docs = corpus.documents(d for d, _ in ids_titles)
    source = [(t, docs[d].sentences) for d, t in ids_titles if d in docs]
    with tempfile.TemporaryDirectory() as tmp:
        xml = Path(tmp) / "bench.xml"
        _pubmed_xml(source, xml)
        xml_bytes = xml.stat().st_size
        t = time.perf_counter()
        parsed = sum(1 for _ in read_documents(xml))
        parse_s = time.perf_counter() - t
        with Corpus.open(Path(tmp) / "home", create=True) as store:
            t = time.perf_counter()
            store.add(read_documents(xml), _ZeroEmbedder(), progress=False)
            store_s = time.perf_counter() - t
        sentences = [s for _, ss in source[:200] for s in ss]
        embedder = ctx.checker.embedder
        embed_s = min(timed(lambda: embedder.encode(sentences), 1))
    n_sent = sum(len(s) for _, s in source)
    tokens = sum(len(t) for t in embedder.tokenizer(sentences)["input_ids"])
    config = json.loads((Path(embedder.model_path) / "config.json").read_text())
    gflops = model_flops_per_token(config) * tokens / embed_s / 1e9  # dense layers, padding not counted
    out = {"abstracts": parsed, "sentences": n_sent, "xml_mb": round(xml_bytes / 1e6, 1),
           "parse_abstracts_per_s": round(parsed / parse_s, 1),
           "parse_and_store_abstracts_per_s": round(parsed / store_s, 1), "target_abstracts_per_s": 2000,
           "embed_sentences_per_s": round(len(sentences) / embed_s, 1),
           "embed_abstracts_per_s": round(len(sentences) / embed_s / (n_sent / max(parsed, 1)), 2),
           "embed_achieved_gflops": round(gflops, 1)}
    if ctx.machine:
        out["embed_fraction_of_fp32_peak"] = round(gflops / ctx.machine["fp32_matmul_gflops"], 3)
    return out


def _real_vectors(home: Path, limit: int) -> np.ndarray:
    from factcheck.corpus.store import Corpus

    with Corpus.open(home) as corpus:
        blobs = [b for (b,) in corpus.db.execute("SELECT embedding FROM sentences LIMIT ?", (limit,))]
    return np.frombuffer(b"".join(blobs), np.float16).reshape(len(blobs), -1).astype(np.float32)


def synthetic(real: np.ndarray, n: int, noise: float = 0.35, seed: int = 0) -> np.ndarray:
    """n unit vectors: the real ones first, then noisy copies of them (a corpus of more
    sentences like the real ones; noise is relative to a unit vector's norm)."""
    rng = np.random.default_rng(seed)
    out = np.empty((n, real.shape[1]), np.float32)
    k = min(n, len(real))
    out[:k] = real[:k]
    for s in range(k, n, 100_000):
        e = min(n, s + 100_000)
        base = real[np.arange(s, e) % len(real)]
        x = base + rng.standard_normal(base.shape, dtype=np.float32) * (noise / np.sqrt(real.shape[1]))
        out[s:e] = x / np.linalg.norm(x, axis=1, keepdims=True)
    return out


def bench_retrieval(ctx) -> dict:
    import faiss

    from factcheck.article import read_article
    from factcheck.retrieve.index import SentenceIndex, to_bytes

    real = _real_vectors(ctx.home, 1_000_000)
    claims = ctx.checker.extractor.extract(read_article(ctx.article, 10 ** 7))
    queries = ctx.checker.embedder.encode([c.text for c in claims] * 5)[:100]
    out = {"note": f"the first {len(real)} vectors are the corpus's real sentence embeddings; the rest are "
                   "noisy copies (Gaussian noise 0.35/sqrt(dim), renormalised). Queries: the article's claims.",
           "k": QUERY_K, "sizes": {}}
    faiss.omp_set_num_threads(1)  # a server answers one query per thread; time one core's work
    for n in ctx.retrieval_sizes:
        vectors = synthetic(real, n)
        t = time.perf_counter()
        index = SentenceIndex.build(np.arange(n), vectors)
        build_s = time.perf_counter() - t
        lat = [min(timed(lambda q=q, index=index: index.search(q, QUERY_K), 1, warmup=0)) for q in queries]
        size = len(to_bytes(index.index))
        row = {**summary(lat), "index": index.kind, "build_s": round(build_s, 1), "index_mb": round(size / 1e6, 1),
               "target_p95_s": 0.020 if n >= 1_000_000 else None}
        flat_bytes = n * vectors.shape[1] * 4
        if ctx.machine:
            # a flat scan reads every vector once: bytes / bandwidth (below it only when cached)
            row["flat_scan_bound_s"] = round(flat_bytes / (ctx.machine["memory_copy_gb_s"] * 1e9), 5)
        if not index.exact:
            exact = SentenceIndex(faiss.IndexFlatIP(vectors.shape[1]))
            exact.index.add(vectors)
            _, truth = exact.search(queries, 10)
            _, got = index.search(queries, QUERY_K)
            row["recall@10_within_k"] = round(float(np.mean([len(set(t) & set(g)) / 10 for t, g in zip(truth, got)])),
                                              3)
            del exact
        out["sizes"][str(n)] = row
        del index, vectors
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    return out


def _median_stages(stage_dicts: list[dict]) -> dict:
    keys = {k for d in stage_dicts for k in d}
    return {k: round(float(np.median([d.get(k, 0.0) for d in stage_dicts])), 5) for k in sorted(keys)}


# ---------------------------------------------------------------- main
class Context:
    def __init__(self, args, checker):
        self.home, self.article, self.checker = args.home, args.article, checker
        self.runs, self.cold_runs = args.runs, args.cold_runs
        self.ingest_docs, self.retrieval_sizes = args.ingest_docs, args.retrieval_sizes
        self.demo_runs, self.keep_demo_home = args.demo_runs, args.keep_demo_home
        self.demo_full_runs = min(args.demo_full_runs, args.demo_runs)
        self.machine: dict | None = None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("article", nargs="?", type=Path, default=ARTICLE)
    ap.add_argument("--home", type=Path, default=None, help="corpus home (default: $FACTCHECK_HOME, else per-user)")
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections of {', '.join(SECTIONS)}")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--cold-runs", type=int, default=3)
    ap.add_argument("--demo-runs", type=int, default=3, help="fresh-clone demo runs (each embeds the whole corpus)")
    ap.add_argument("--demo-full-runs", type=int, default=1,
                    help="of the demo runs, how many also embed the whole corpus (the others stop at the first verdict)")
    ap.add_argument("--keep-demo-home", type=Path, default=None, help="leave the last demo run's home here")
    ap.add_argument("--ingest-docs", type=int, default=10_000)
    ap.add_argument("--retrieval-sizes", type=lambda s: [int(x) for x in s.split(",")],
                    default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    if unknown := set(wanted) - set(SECTIONS):
        ap.error(f"unknown sections: {', '.join(sorted(unknown))}")

    from factcheck.clikit import quiet_libraries
    from factcheck.config import Config
    from factcheck.pipeline import Checker

    quiet_libraries()
    config = Config().with_(home=args.home)
    args.home = Path(config.home)
    checker = Checker(config)
    t = time.perf_counter()
    checker.load()
    figures: dict = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "article": str(args.article),
                     "corpus": checker.corpus_summary(), "model_load_s": round(time.perf_counter() - t, 2)}
    ctx = Context(args, checker)
    ctx.machine = figures["machine"] = bench_machine(ctx)  # always: the bounds everything is set beside
    for name in wanted:
        if name == "machine":
            continue
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        figures[name] = globals()[f"bench_{name}"](ctx)
    figures["peak_rss_mb"] = round(peak_rss_mb(), 1)
    checker.close()
    text = json.dumps(figures, indent=2, default=str)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        from factcheck.files import write_atomic

        write_atomic(args.json, text)


if __name__ == "__main__":
    main()
