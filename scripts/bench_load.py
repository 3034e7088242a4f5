#!/usr/bin/env python
"""Load and soak `factcheck serve` on 127.0.0.1 (issue #20); print the figures, write JSON.

    python scripts/bench_load.py --home .factcheck                     # 32 clients x 60 s, then 1,000 in a row
    python scripts/bench_load.py --home H --clients 4 --seconds 8 --sequential 20   # the short run CI makes

Requests carry real stories from ../shared/data/news (FakeHealth), cut to --max-chars, each made
unique by trailing spaces so the server's answer cache never answers for the pipeline. Phases:
1. concurrent: N clients post for S seconds; a 503 must carry Retry-After, and its client waits
   0.5 s before trying again;
2. disconnect: a client gives up 0.3 s into a check; seconds until the server's pools are idle
   again (a check already running finishes first; it is never left holding a slot);
3. sequential: M requests one after another; the server's RSS before and after.
Reported: requests/s, p50/p95/p99 latency, the count of each status, RSS and its growth.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared/data/news/fakehealth_news_content.jsonl.gz"


def stories(path: Path, n: int, max_chars: int) -> list[str]:
    from train_source import (
        news_texts,  # the FakeHealth stories the source model is trained on
    )

    return [text[:max_chars] for _, text in news_texts(path, n)]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextmanager
def serving(home: Path, *args: str):
    """`factcheck serve --home HOME` on a free loopback port, until it answers /v1/health:
    (base URL, process, seconds to ready)."""
    import os
    import socket
    import subprocess
    import sys
    import tempfile

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tempfile.TemporaryFile("w+")  # the server logs every request: a pipe nobody reads would fill and stall it
    server = subprocess.Popen([sys.executable, "-m", "factcheck.cli", "serve", "--home", str(home), "--port", str(port),
                               *args], stdout=subprocess.DEVNULL, stderr=log, text=True,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    try:
        while True:
            if server.poll() is not None:
                log.seek(0)
                raise SystemExit(f"factcheck serve exited: {log.read().strip()[-2000:]}")
            try:
                if httpx.get(f"{base}/v1/health", timeout=1).json().get("ready"):
                    break
            except (httpx.HTTPError, ValueError):
                pass
            time.sleep(0.2)
        yield base, server, time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


class Requests:
    """Unique request bodies cycling through the stories."""

    def __init__(self, texts: list[str]):
        self.texts, self.n = texts, 0

    def next(self) -> dict:
        self.n += 1
        return {"text": self.texts[self.n % len(self.texts)] + " " * (self.n // len(self.texts) + 1)}


def figures(results: list[tuple[int, float, bool]], seconds: float) -> dict:
    latencies = np.array([t for status, t, _ in results if status == 200] or [np.nan])
    return {"requests": len(results), "requests_per_s": round(len(results) / seconds, 2),
            "status": dict(sorted(Counter(str(s) for s, _, _ in results).items())),
            "p50_s": round(float(np.nanpercentile(latencies, 50)), 3),
            "p95_s": round(float(np.nanpercentile(latencies, 95)), 3),
            "p99_s": round(float(np.nanpercentile(latencies, 99)), 3),
            "503_without_retry_after": sum(1 for s, _, retry in results if s == 503 and not retry)}


async def concurrent(base: str, requests: Requests, clients: int, seconds: float) -> dict:
    import httpx

    results: list[tuple[int, float, bool]] = []
    deadline = time.perf_counter() + seconds

    async def client(http):
        while time.perf_counter() < deadline:
            t = time.perf_counter()
            try:
                r = await http.post("/v1/check", json=requests.next())
                status, retry = r.status_code, "retry-after" in r.headers
            except httpx.HTTPError:
                status, retry = 0, False  # no answer at all: counted as status 0
            results.append((status, time.perf_counter() - t, retry))
            if status == 503:
                await asyncio.sleep(0.5)

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=300, limits=httpx.Limits(max_connections=clients)) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    return figures(results, time.perf_counter() - started)


def idle_after_disconnect(base: str, requests: Requests, limit_s: float = 120) -> float:
    """Seconds from a client giving up mid-check until no check is busy or queued."""
    import httpx

    try:
        httpx.post(f"{base}/v1/check", json=requests.next(), timeout=0.3)
    except httpx.TimeoutException:
        pass
    gave_up = time.perf_counter()
    while time.perf_counter() - gave_up < limit_s:
        try:
            pools = httpx.get(f"{base}/v1/health", timeout=limit_s).json()["pools"]
        except httpx.TimeoutException:
            continue  # a server busy with the burst's last checks may answer health slowly
        if all(p["busy"] == 0 and p["queued"] == 0 for p in pools.values()):
            return round(time.perf_counter() - gave_up, 2)
        time.sleep(0.1)
    return float("inf")


def sequential(base: str, requests: Requests, n: int, pid: int) -> dict:
    import httpx

    results = []
    with httpx.Client(base_url=base, timeout=300) as http:
        http.post("/v1/check", json=requests.next())  # warm: models and corpus pages loaded
        before = rss_mb(pid)
        started = time.perf_counter()
        for _ in range(n):
            t = time.perf_counter()
            r = http.post("/v1/check", json=requests.next())
            results.append((r.status_code, time.perf_counter() - t, "retry-after" in r.headers))
        seconds = time.perf_counter() - started
    after = rss_mb(pid)
    return {**figures(results, seconds), "rss_start_mb": round(before, 1), "rss_end_mb": round(after, 1),
            "rss_growth": round(after / before - 1, 4)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, required=True, help="corpus home the server answers from")
    ap.add_argument("--news", type=Path, default=NEWS)
    ap.add_argument("--stories", type=int, default=64)
    ap.add_argument("--max-chars", type=int, default=3000, help="cut each story to this many characters")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--sequential", type=int, default=1000)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    requests = Requests(stories(args.news, args.stories, args.max_chars))
    with serving(args.home) as (base, server, ready_s):
        out = {"home": str(args.home), "stories": len(requests.texts), "max_chars": args.max_chars,
               "ready_s": round(ready_s, 2), "rss_ready_mb": round(rss_mb(server.pid), 1)}
        out["concurrent"] = {"clients": args.clients, "seconds": args.seconds,
                             **asyncio.run(concurrent(base, requests, args.clients, args.seconds))}
        print(json.dumps(out["concurrent"]), flush=True)
        out["disconnect_idle_s"] = idle_after_disconnect(base, requests)
        out["sequential"] = sequential(base, requests, args.sequential, server.pid)
    print(json.dumps(out, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
