"""Work that outgrows one machine, on Ray: the cluster `RAY_ADDRESS` names, or a local one.

`RayEngine` is what `factcheck corpus add --engine ray` hands the store: embedding actors
(each loads the model once) take whole store batches, several in flight, and FAISS index
shards are built by tasks and merged in order. The driver still plans and writes every
batch itself, in input order, because SQLite has one writer and because the result must be
the in-process one: each actor embeds exactly the texts the local path embeds in one call,
so the vectors are the same bit for bit.

Ray Core actors rather than Ray Data: the store streams batches of unbounded input with a
bounded number in flight and needs them back in order, which a bounded ordered map over an
actor pool does directly, without materialising the input as a dataset.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import numpy as np


@contextmanager
def ray_session(address: str | None = None, local_cpus: int | None = None):
    """Connect to the cluster at `address`, or start a local one for the duration (an
    already initialised Ray is used as it is and left running)."""
    import ray

    if ray.is_initialized():
        yield ray
        return
    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        ray.init(num_cpus=local_cpus or os.cpu_count(), include_dashboard=False, log_to_driver=False)
    try:
        yield ray
    finally:
        ray.shutdown()


def ordered_map(submit: Callable, items: Iterable, in_flight: int) -> Iterator[tuple]:
    """(item, result) for every item, in input order, with at most `in_flight` submitted and
    unfinished: the input is consumed lazily, so it can be longer than memory."""
    import ray

    window: deque = deque()
    for item in items:
        window.append((item, submit(item)))
        if len(window) >= in_flight:
            item, ref = window.popleft()
            yield item, ray.get(ref)
    while window:
        item, ref = window.popleft()
        yield item, ray.get(ref)


class _EmbedActor:
    """One embedding model, loaded once per actor."""

    def __init__(self, model_path: str, options: dict):
        from factcheck.retrieve.embed import Embedder

        self.embedder = Embedder(model_path, **options)

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.embedder.encode(texts)


def _add_shard(empty: np.ndarray, ids: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    from factcheck.retrieve.index import add_chunk, from_bytes, to_bytes

    return to_bytes(add_chunk(from_bytes(empty), (ids, vectors)))


class RayEngine:
    """Embeds and indexes on a Ray cluster. Use inside `ray_session()`."""

    def __init__(self, workers: int | None = None, cpus_per_worker: float = 1.0):
        import ray

        self.workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1) // cpus_per_worker))
        self.cpus_per_worker = cpus_per_worker

    def embed(self, plans: Iterable, embedder) -> Iterator[tuple]:
        """(plan, vectors) for every plan, in order; each plan's texts embedded in one call."""
        import ray

        actor = ray.remote(num_cpus=self.cpus_per_worker)(_EmbedActor)
        pool = [actor.remote(str(embedder.model_path), embedder.options) for _ in range(self.workers)]
        turns = itertools.cycle(pool)

        def submit(plan):
            if not plan.texts:  # nothing new in this batch: no model call, as in process
                return ray.put(np.zeros((0, embedder.dim), np.float32))
            return next(turns).encode.remote(plan.texts)

        try:
            yield from ordered_map(submit, plans, in_flight=2 * len(pool))
        finally:
            for a in pool:
                ray.kill(a)

    def map_chunks(self, empty, chunks: Iterable) -> Iterator:
        """Index shards, one per chunk and in chunk order, each added by a Ray task to a copy
        of the same (trained) empty index."""
        import ray

        from factcheck.retrieve.index import from_bytes, to_bytes

        task = ray.remote(num_cpus=self.cpus_per_worker)(_add_shard)
        empty_ref = ray.put(to_bytes(empty))
        for _, shard in ordered_map(lambda c: task.remote(empty_ref, *c), chunks, in_flight=2 * self.workers):
            yield from_bytes(shard)
