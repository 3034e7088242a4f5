"""Where checks run: a worker pool with a bounded queue, and a cache of answers.

A check takes seconds of CPU, so a burst of requests must not pile up without limit:
once `workers` checks are running and `queue_size` more are waiting, further requests
are refused at once (the app answers 503 with Retry-After) instead of timing out later.
Both objects are used only from the event loop, so they need no locks.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import os
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable


class QueueFull(Exception):
    """Every worker is busy and the queue is full; `retry_after` is a guess in seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"busy, retry after {retry_after}s")
        self.retry_after = retry_after


class BoundedPool:
    """A thread pool that admits at most workers + queue_size jobs at a time."""

    def __init__(self, name: str, workers: int, queue_size: int, initializer: Callable[[], None] | None = None):
        self.name, self.workers, self.queue_size = name, max(1, workers), max(0, queue_size)
        self.executor = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix=f"factcheck-{name}",
                                           initializer=initializer)
        self.admitted = 0
        self.mean_seconds = 1.0  # running mean of job time, for Retry-After

    @property
    def capacity(self) -> int:
        return self.workers + self.queue_size

    async def run(self, fn: Callable[..., Any], *args) -> Any:
        if self.admitted >= self.capacity:
            waves = math.ceil((self.admitted - self.workers + 1) / self.workers)
            raise QueueFull(max(1, math.ceil(waves * self.mean_seconds)))
        self.admitted += 1
        started = time.perf_counter()
        try:
            return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)
        finally:
            self.admitted -= 1
            self.mean_seconds = 0.8 * self.mean_seconds + 0.2 * (time.perf_counter() - started)

    def stats(self) -> dict:
        return {"workers": self.workers, "queue_size": self.queue_size,
                "busy": min(self.admitted, self.workers), "queued": max(0, self.admitted - self.workers)}

    def shutdown(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


def default_workers() -> int:
    """One worker per core, at most 4."""
    return max(1, min(4, os.cpu_count() or 1))


class AnswerCache:
    """LRU of finished answers by content hash, plus the jobs in flight.

    A second identical request while the first is still running waits for the same job
    instead of starting another one (a page checked twice in a row costs one check)."""

    def __init__(self, size: int):
        self.size = max(0, size)
        self.done: OrderedDict[str, Any] = OrderedDict()
        self.running: dict[str, asyncio.Future] = {}

    @staticmethod
    def key(*parts: str) -> str:
        h = hashlib.sha256()
        for p in parts:
            h.update(p.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        return h.hexdigest()

    async def get_or_run(self, key: str, job: Callable[[], Any]) -> tuple[Any, bool]:
        """(answer, was_cached). Failures are not cached."""
        if key in self.done:
            self.done.move_to_end(key)
            return self.done[key], True
        if key in self.running:
            return await asyncio.shield(self.running[key]), True
        future = asyncio.get_running_loop().create_future()
        self.running[key] = future
        try:
            answer = await job()
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # mark retrieved: nobody else may be waiting
            raise
        finally:
            self.running.pop(key, None)
        future.set_result(answer)
        if self.size:
            self.done[key] = answer
            while len(self.done) > self.size:
                self.done.popitem(last=False)
        return answer, False
