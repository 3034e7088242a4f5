"""Add corpus files (PubMed XML or JSONL) to a corpus home: readers → store."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import chain
from pathlib import Path

from factcheck.config import Config


ENGINES = ("local", "ray")


def add_paths(config: Config, paths: Iterable[str | Path], progress: bool = True,
              on_skip: Callable | None = None, engine: str = "local", embedder=None, embed: bool = True):
    """Stream every record of `paths` into the corpus at config.home (created if needed).

    All paths are checked before anything is written, so a typo does not leave half a build.
    Locally, every document is stored first and then embedded (`Corpus.embed_pending`, whose bar
    knows the total and so the time left); with `embed=False` the embedding is left for later.
    engine="ray" embeds and indexes on the Ray cluster of `config.ray_address` (or a local
    one); the corpus it leaves is the one engine="local" leaves."""
    from factcheck.corpus.readers import read_documents
    from factcheck.corpus.store import Corpus
    from factcheck.retrieve.embed import Embedder

    streams = [read_documents(p) for p in paths]  # checks each file's format before anything is written
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    embedder = embedder or Embedder(config.embedding_model)
    records = chain.from_iterable(streams)
    with Corpus.open(config.home, create=True) as corpus:
        if engine == "local" or not embed:
            stats = corpus.add(records, embedder, on_skip=on_skip, progress=progress, embed=False)
            if embed:
                corpus.embed_pending(embedder, progress=progress)
            return stats
        from factcheck.distributed import RayEngine, ray_session

        with ray_session(config.ray_address):
            return corpus.add(records, embedder, on_skip=on_skip, progress=progress, engine=RayEngine())
