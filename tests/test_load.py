"""A short run of the load and soak benchmark (scripts/bench_load.py) against `factcheck serve`
on the mini corpus: the server sheds load only with 503 + Retry-After and frees its slots."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_under_load_only_503_with_retry_after_and_a_disconnect_frees_its_slot(mini_home, shared_data, tmp_path):
    news = shared_data / "news/fakehealth_news_content.jsonl.gz"
    out = tmp_path / "load.json"
    run = subprocess.run([sys.executable, str(REPO / "scripts/bench_load.py"), "--home", str(mini_home), "--news",
                          str(news), "--stories", "12", "--max-chars", "1200", "--clients", "12", "--seconds", "8",
                          "--sequential", "10", "--json", str(out)], capture_output=True, text=True, timeout=600,
                         check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(out.read_text())
    burst = figures["concurrent"]
    assert set(burst["status"]) <= {"200", "503"} and burst["status"].get("200", 0) > 0, burst
    assert burst["503_without_retry_after"] == 0
    assert figures["disconnect_idle_s"] < 60  # the abandoned check finished and gave its slot back
    assert figures["sequential"]["status"] == {"200": 10}
