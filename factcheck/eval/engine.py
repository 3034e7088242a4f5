"""Where an evaluation runs: in this process, or as Ray tasks on a local Ray cluster.

Both engines cut the items into the same fixed-size shards and run every shard through
the same function with the same seed, then merge in shard order, so the records are
identical whichever engine ran them (only latencies differ).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Sequence

from tqdm import tqdm

from factcheck.config import Config

Runner = Callable  # (checker, items) -> list[dict]
SHARD_SIZE = 16
ENGINES = ("local", "ray")


def shards(items: Sequence, size: int = SHARD_SIZE) -> list[list]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def seed_everything(seed: int) -> None:
    """Seed the generators a shard might touch (the models run in eval mode; this is belt
    and braces for any sampling a later runner adds)."""
    random.seed(seed)
    try:
        import numpy as np

        np.random.seed(seed)
    except ImportError:  # pragma: no cover
        pass
    if "torch" in sys.modules:  # seeded where something already uses it; never imported for this
        sys.modules["torch"].manual_seed(seed)


def run_shard(runner: Runner, checker, shard: list, seed: int, index: int) -> list[dict]:
    """One shard, seeded by its index so the result does not depend on who runs it."""
    seed_everything(seed + index)
    return runner(checker, shard)


def _ray_shard(runner: Runner, config: Config, shard: list, seed: int, index: int) -> list[dict]:
    """A Ray task: its own Checker (models load in the worker), closed when done."""
    from factcheck.pipeline import Checker

    checker = Checker(config)
    try:
        return run_shard(runner, checker, shard, seed, index)
    finally:
        checker.close()


def run(runner: Runner, items: Sequence, config: Config, engine: str = "local", seed: int = 0,
        shard_size: int = SHARD_SIZE, progress: bool = True, checker=None, desc: str = "eval") -> list[dict]:
    """Records for all items, in item order."""
    parts = shards(items, shard_size)
    if engine == "local":
        from factcheck.pipeline import Checker

        own = checker is None
        checker = checker or Checker(config)
        out: list[dict] = []
        try:
            with tqdm(total=len(items), desc=desc, unit="item", disable=not progress) as bar:
                for i, part in enumerate(parts):
                    out += run_shard(runner, checker, part, seed, i)
                    bar.update(len(part))
        finally:
            if own:
                checker.close()
        return out
    if engine == "ray":
        return _run_ray(runner, parts, config, seed, progress, desc, len(items))
    raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")


def _run_ray(runner, parts, config, seed, progress, desc, total) -> list[dict]:
    from factcheck.distributed import ordered_map, ray_session

    with ray_session(config.ray_address) as ray:
        task = ray.remote(num_cpus=1)(_ray_shard)
        config_ref = ray.put(config)
        jobs = ordered_map(lambda i: task.remote(runner, config_ref, parts[i], seed, i), range(len(parts)),
                           in_flight=max(2, int(ray.cluster_resources().get("CPU", 2))) * 2)
        out: list[dict] = []
        with tqdm(total=total, desc=f"{desc} (ray)", unit="item", disable=not progress) as bar:
            for i, records in jobs:
                out += records
                bar.update(len(parts[i]))
        return out
