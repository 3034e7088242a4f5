"""Add corpus files (PubMed XML or JSONL) to a corpus home: readers → store."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import chain
from pathlib import Path

from factcheck.config import Config


def add_paths(config: Config, paths: Iterable[str | Path], progress: bool = True,
              on_skip: Callable | None = None):
    """Stream every record of `paths` into the corpus at config.home (created if needed).

    All paths are checked before anything is written, so a typo does not leave half a build."""
    from factcheck.corpus.readers import read_documents
    from factcheck.corpus.store import Corpus
    from factcheck.retrieve.embed import Embedder

    streams = [read_documents(p) for p in paths]  # checks each file's format before anything is written
    embedder = Embedder(config.embedding_model)
    with Corpus.open(config.home, create=True) as corpus:
        return corpus.add(chain.from_iterable(streams), embedder, on_skip=on_skip, progress=progress)
