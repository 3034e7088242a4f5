"""`factcheck eval DATASET --data PATH ...` and `factcheck eval compare RUN_A RUN_B`.

A thin face: it reads the dataset, finds or builds the corpus the dataset needs, hands
the items to the engine with the family's runner, and writes what the scorer returns.
Registered in factcheck/cli.py with `main.add_command(eval_group, "eval")`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
import time
from itertools import islice
from pathlib import Path

import click

from factcheck.clikit import friendly_errors, make_config
from factcheck.config import cache_dir
from factcheck.errors import CorpusError, DatasetError
from factcheck.eval import datasets as D
from factcheck.eval import engine as E
from factcheck.eval import tasks as T

CLAIM_DATASETS = ("scifact", "citation-integrity", "check-covid")


@click.group("eval", context_settings={"help_option_names": ["-h", "--help"]})
def eval_group():
    """Score factcheck on a labelled dataset, or compare two runs.

    \b
    scifact, citation-integrity, check-covid   claim verification (oracle and open retrieval)
    healthver, covidfact                       claim/evidence pair classification
    exaggeration, causal-strength              claim strength (trained model; rule baseline without it)
    certainty                                  how certainly a finding is stated (trained model)
    newsroom                                   whole articles, end to end
    """


def _common(fn):
    options = [
        click.option("--data", required=True, type=click.Path(exists=True), help="Dataset file (newsroom: folder)."),
        click.option("--out", type=click.Path(file_okay=False), default=None,
                     help="Output folder (default: runs/DATASET)."),
        click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N items."),
        click.option("--engine", type=click.Choice(E.ENGINES), default="local", show_default=True,
                     help="Run in this process, or as Ray tasks (RAY_ADDRESS, else a local 2-CPU cluster)."),
        click.option("--seed", type=int, default=0, show_default=True),
        click.option("--shard-size", type=click.IntRange(min=1), default=E.SHARD_SIZE, show_default=True,
                     help="Items per shard (the unit of work of both engines)."),
        click.option("--progress/--no-progress", default=True, help="Show progress bars."),
    ]
    for opt in reversed(options):
        fn = opt(fn)
    return fn


def _corpus_options(fn):
    fn = click.option("--home", type=click.Path(file_okay=False), default=None,
                      help="Reuse an already-built corpus home instead of indexing --corpus.")(fn)
    fn = click.option("--corpus", "corpus_file", type=click.Path(exists=True, dir_okay=False), default=None,
                      help="Corpus jsonl (default: <data root>/corpus/abstracts.jsonl.gz).")(fn)
    return fn


# ---------------------------------------------------------------- claim verification
def _claim_command(name: str, reader):
    @eval_group.command(name, help=f"{name} claims (SciFact schema): oracle label macro-F1, open abstract-level "
                        "label-only F1 (the headline), retrieval recall@k and nDCG@10.")
    @_common
    @_corpus_options
    @click.option("--mode", type=click.Choice(["both", "oracle", "open"]), default="both", show_default=True,
                  help="oracle: the gold cited abstracts; open: retrieve from the whole corpus.")
    @friendly_errors
    def command(data, out, limit, engine, seed, shard_size, progress, home, corpus_file, mode):

        config = make_config(home)
        records_in = list(islice(reader(data), limit))
        modes = ("oracle", "open") if mode == "both" else (mode,)
        corpus_file = Path(corpus_file) if corpus_file else default_corpus(Path(data))
        docs, missing = {}, 0
        if "oracle" in modes:
            wanted = {d for r in records_in for d in r.cited_doc_ids}
            if corpus_file is not None and corpus_file.is_file():
                docs = {d: v for d, v in D.read_corpus_sentences(corpus_file).items() if d in wanted}
            elif home:
                from factcheck.corpus.store import Corpus

                with Corpus.open(home) as corpus:
                    docs = {d: (doc.title, doc.sentences) for d, doc in corpus.documents(sorted(wanted)).items()}
            else:
                raise DatasetError(f"{data}: oracle mode needs the cited abstracts; give --corpus or --home")
            missing = sum(d not in docs for r in records_in for d in r.cited_doc_ids)
        if "open" in modes and not home:
            if corpus_file is None or not corpus_file.is_file():
                raise DatasetError(f"{data}: open retrieval needs a corpus; give --home or --corpus")
            config = config.with_(home=cached_home(config, corpus_file, progress))
        items = [T.ClaimItem(r, {d: docs[d] for d in r.cited_doc_ids if d in docs}) for r in records_in]
        runner = functools.partial(T.run_claims, modes=modes)
        _finish(name, data, out, config, items, runner, lambda recs: T.score_claims(recs, len(items), missing),
                engine, seed, shard_size, progress, limit)

    return command


for _name, _reader in (("scifact", D.read_scifact_claims), ("citation-integrity", D.read_scifact_claims),
                       ("check-covid", D.read_check_covid)):
    _claim_command(_name, _reader)


# ---------------------------------------------------------------- pairs and strength
def _simple_command(name: str, reader, runner, scorer, help_text: str, reader_options=(), scorer_for=None):
    """An eval command over a file of self-contained items; `reader_options` are click options
    whose values go to the reader as keyword arguments. `scorer_for(data, config)`, when given,
    makes the scorer from what is being scored."""
    @eval_group.command(name, help=help_text)
    @_common
    @friendly_errors
    def command(data, out, limit, engine, seed, shard_size, progress, **reader_kwargs):
        config = make_config(None)
        items = list(islice(reader(data, **reader_kwargs), limit))
        _finish(name, data, out, config, items, runner, scorer_for(data, config) if scorer_for else scorer,
                engine, seed, shard_size, progress, limit)

    for option in reader_options:
        command = option(command)
    return command


COVIDFACT_LABELS = ("support", "refute")
_simple_command("healthver", D.read_healthver, T.run_pairs, T.score_pairs,
                "HealthVer claim/evidence pairs: 3-way label macro-F1.")
_simple_command("covidfact", D.read_covidfact, functools.partial(T.run_pairs, labels=COVIDFACT_LABELS),
                functools.partial(T.score_pairs, labels=COVIDFACT_LABELS),
                "COVID-Fact claim/evidence pairs: 2-way (support vs refute) macro-F1 and accuracy.")
_simple_command("exaggeration", D.read_insciout, T.run_exaggeration, T.score_exaggeration,
                "InSciOut press release vs abstract: same/exaggerates/downplays macro-F1, strength accuracy.")
_simple_command("causal-strength", D.read_causal_strength, T.run_causal_strength, T.score_causal_strength,
                "Causal-language sentences (0-3): 4-way macro-F1; on the model's own training file, its "
                "training run's cross-validation.",
                scorer_for=lambda data, config: functools.partial(
                    T.score_causal_strength, data=data, training=_training_record(config.strength_model)))
_simple_command("certainty", D.read_certainty, T.run_certainty, T.score_certainty,
                "Sentence-level certainty (1-6, Pei & Jurgens 2021): Pearson r, Spearman r and mean absolute error.",
                [click.option("--split", "splits", multiple=True, default=("val",), show_default=True,
                              type=click.Choice(["train", "val", "test", "ext"]),
                              help="The file's splits to score (repeatable). The model trains on train.")])


# ---------------------------------------------------------------- newsroom
@eval_group.command("newsroom")
@_common
@click.option("--distractors", type=click.IntRange(min=0), default=0, show_default=True,
              help="Also index N abstracts sampled (seed 0) from --corpus, so that the evidence must be found "
                   "among unrelated studies; then check every article again with its evidence records left "
                   "out (the false-support rate).")
@click.option("--corpus", "corpus_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Where distractors come from (default: ../shared/data/corpus/abstracts.jsonl.gz beside the repo).")
@friendly_errors
def newsroom(data, out, limit, engine, seed, shard_size, progress, distractors, corpus_file):
    """Whole articles end to end (the code path of `factcheck check`), scored by span."""
    from factcheck.corpus.ingest import add_paths

    articles_file, evidence_file = D.newsroom_paths(data)
    items = list(islice(D.read_newsroom_articles(articles_file), limit))
    config = make_config(None)
    base = None
    if distractors:
        source = Path(corpus_file) if corpus_file else shared_corpus()
        base = cached_home(config, distractor_sample(source, distractors), progress)
    with tempfile.TemporaryDirectory(prefix="factcheck-newsroom-") as tmp:
        home = Path(tmp) / "home"
        if base is not None:
            shutil.copytree(base, home)
        config = config.with_(home=home)
        add_paths(config, [evidence_file], progress=False, on_skip=_warn_skip)
        runner = T.run_newsroom
        if base is not None:
            runner = functools.partial(run_newsroom_twice, without=config.with_(home=base))
        _finish("newsroom", data, out, config, items, runner, T.score_newsroom, engine, seed, shard_size,
                progress, limit)


def run_newsroom_twice(checker, items, without) -> list[dict]:
    """The articles against the corpus with their evidence, then against `without` it (the
    distractors alone), the second pass's records marked with tasks.REMOVED."""
    records = T.run_newsroom(checker, items)
    other = checker.with_config(without)
    try:
        return records + [{**r, "task": T.REMOVED + r["task"]} for r in T.run_newsroom(other, items)]
    finally:
        other.close()


def shared_corpus() -> Path:
    from factcheck.config import REPO_ROOT

    path = REPO_ROOT.parent / "shared" / "data" / "corpus" / "abstracts.jsonl.gz"
    if not path.is_file():
        raise DatasetError(f"{path}: no development corpus to draw distractors from; give --corpus")
    return path


def distractor_sample(corpus_file: Path, n: int) -> Path:
    """A file of `n` records of `corpus_file` drawn with seed 0, made once (atomically) in the cache."""
    import gzip
    import random

    from factcheck.files import write_atomic

    path = cache_dir("corpora") / f"distractors-{file_digest(corpus_file)}-{n}.jsonl"
    if path.is_file():
        return path
    opener = gzip.open if corpus_file.suffix == ".gz" else open
    with opener(corpus_file, "rt", encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    if n > len(lines):
        raise DatasetError(f"{corpus_file}: holds {len(lines)} records, fewer than --distractors {n}")
    picked = sorted(random.Random(0).sample(range(len(lines)), n))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, "".join(lines[i] if lines[i].endswith("\n") else lines[i] + "\n" for i in picked))
    return path


# ---------------------------------------------------------------- compare
@eval_group.command("compare")
@click.argument("run_a", type=click.Path(exists=True))
@click.argument("run_b", type=click.Path(exists=True))
@click.option("--limit", type=int, default=10, show_default=True, help="Changed items to list.")
@friendly_errors
def compare(run_a, run_b, limit):
    """Print the metrics and predictions that differ between two runs."""
    from factcheck.eval.report import compare as compare_runs

    click.echo(compare_runs(run_a, run_b, limit))


# ---------------------------------------------------------------- helpers
def _training_record(model_dir: Path) -> dict:
    """What a trained model's training.json says of its data and cross-validation ({} if none)."""
    try:
        return json.loads((Path(model_dir) / "training.json").read_text())
    except (OSError, ValueError):
        return {}


def _finish(name, data, out, config, items, runner, scorer, engine, seed, shard_size, progress, limit) -> None:
    """Run, score, write, print: the same tail for every dataset."""
    from factcheck.eval.report import summary, write_run
    from factcheck.retrieve.rerank import Reranker

    if not items:
        raise DatasetError(f"{data}: no items to evaluate")
    t = time.perf_counter()
    records = E.run(runner, items, config, engine=engine, seed=seed, shard_size=shard_size, progress=progress,
                    desc=name)
    total = time.perf_counter() - t
    metrics = scorer(records)
    metrics.update(dataset=name, engine=engine,
                   timing={"total_s": total, "items": len(items), "items_per_s": len(items) / total if total else 0.0},
                   run={"data": str(data), "limit": limit, "seed": seed, "shard_size": shard_size,
                        "home": str(config.home), "top_docs": config.top_docs,
                        "support_threshold": config.support_threshold, "refute_threshold": config.refute_threshold,
                        "abstract_support_threshold": config.abstract_support_threshold,
                        "abstract_refute_threshold": config.abstract_refute_threshold,
                        "abstract_decision": str(config.abstract_decision) if Path(config.abstract_decision).is_file()
                        else None,
                        "reranker": str(config.reranker_model) if Reranker(config.reranker_model).available else None})
    out = Path(out or Path("runs") / name)
    write_run(out, metrics, records)
    click.echo(summary(metrics))
    click.echo(f"wrote {out}/metrics.json, predictions.jsonl, report.md, report.html")


def _warn_skip(s) -> None:
    click.echo(f"{s.path}:{s.line}: skipped: {s.reason}", err=True)


def default_corpus(data: Path) -> Path | None:
    """<data root>/corpus/abstracts.jsonl.gz, the data root being the folder holding claims/."""
    for p in [data.resolve(), *data.resolve().parents]:
        if p.name == "claims":
            return p.parent / "corpus" / "abstracts.jsonl.gz"
    return None


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:12]


def cached_home(config, corpus_file: Path, progress: bool = True) -> Path:
    """The corpus home indexed from `corpus_file`, built once per file content and embedder
    (one folder each, so that models can be compared without rebuilding; the store schema is
    kept in the .complete marker): built beside its final place and renamed in, so an
    interrupted build is never reused."""
    from factcheck.corpus.ingest import add_paths
    from factcheck.corpus.store import SCHEMA_VERSION
    from factcheck.retrieve.embed import Embedder

    identity = Embedder(config.embedding_model).identity
    home = cache_dir("corpora") / f"{file_digest(corpus_file)}-{hashlib.sha256(identity.encode()).hexdigest()[:8]}"
    stamp = json.dumps({"schema_version": SCHEMA_VERSION, "embedding_model": identity})
    marker = home / ".complete"
    if marker.is_file() and marker.read_text().strip() == stamp:
        return home
    home.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=home.parent, prefix=".build-"))
    try:
        click.echo(f"indexing {corpus_file} into {home} (once; later runs reuse it)", err=True)
        add_paths(config.with_(home=tmp), [corpus_file], progress=progress, on_skip=_warn_skip)
        (tmp / ".complete").write_text(stamp + "\n")
        if home.exists():
            shutil.rmtree(home)  # an interrupted build, or one for another store schema or embedder
        try:
            os.replace(tmp, home)
        except OSError as e:
            if not marker.is_file():  # not a concurrent build that finished first
                raise CorpusError(f"cannot move the built index into {home}: {e}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return home
