"""The corpus store when things go wrong (issue #20): a write that fails part-way, corrupt files,
two writers at once. The corpus a user had must survive, and they are told in one line."""

from __future__ import annotations

import errno
import sqlite3
import subprocess
import sys

import pytest

from factcheck.corpus.readers import read_documents
from factcheck.corpus.store import Corpus
from factcheck.errors import CorpusError
from factcheck.schema import Document


class FailingAt:
    """An embedder that raises `error` on its `at`-th call (a disk filling up mid-way)."""

    def __init__(self, inner, at: int, error: Exception):
        self.inner, self.at, self.error, self.calls = inner, at, error, 0
        self.identity, self.dim = inner.identity, inner.dim

    def encode(self, texts):
        self.calls += 1
        if self.calls == self.at:
            raise self.error
        return self.inner.encode(texts)


@pytest.fixture
def home_with_one(tmp_path, embedder):
    with Corpus.open(tmp_path / "home", create=True) as c:
        c.add([Document("first", "Aspirin and bleeding", ["Aspirin raised the risk of major bleeding."])], embedder,
              progress=False)
    return tmp_path / "home"


@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space left on device"),
                                   sqlite3.OperationalError("database or disk is full")])
def test_a_write_failing_part_way_keeps_the_corpus_usable_and_says_so(home_with_one, embedder, fixtures_dir, error):
    with Corpus.open(home_with_one) as c, pytest.raises(CorpusError) as failed:
        c.add(read_documents(fixtures_dir / "mini_corpus.jsonl"), FailingAt(embedder, 4, error), progress=False,
              batch_docs=1)
    message = str(failed.value)
    assert "\n" not in message and ("No space left" in message or "disk is full" in message)
    assert "run the same command again" in message
    with Corpus.open(home_with_one) as c:
        documents = c.info()["documents"]
        assert documents == 4  # the first, and the three batches written before the failure
        assert c.bm25("aspirin bleeding", 1)[0][0] in {"first", "ASPIRIN-2018"}
        assert c.refresh_index().size == c.info()["sentences"] + documents
        c.add(read_documents(fixtures_dir / "mini_corpus.jsonl"), embedder, progress=False)
        assert c.info()["documents"] == 16  # the same command again finishes the job


def run_cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "factcheck.cli", *args], capture_output=True, text=True, timeout=300,
                          **kw)


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_a_corrupt_corpus_file_is_a_one_line_error(home_with_one, damage):
    db = home_with_one / "corpus.sqlite"
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3] if damage == "truncated" else b"\x00garbage" * 2000)
    for leftover in home_with_one.glob("corpus.sqlite-*"):
        leftover.unlink()
    out = run_cli("corpus", "info", "--home", str(home_with_one))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "corpus.sqlite" in out.stderr, out.stderr


def test_two_adds_at_once_leave_one_consistent_corpus(home_with_one, fixtures_dir, tmp_path):
    lines = (fixtures_dir / "mini_corpus.jsonl").read_text().splitlines()
    halves = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    halves[0].write_text("\n".join(lines[::2]) + "\n")
    halves[1].write_text("\n".join(lines[1::2]) + "\n")
    procs = [subprocess.Popen([sys.executable, "-m", "factcheck.cli", "corpus", "add", str(h), "--home",
                               str(home_with_one), "--no-progress"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for h in halves]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    with Corpus.open(home_with_one) as c:
        assert c.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        info = c.info()
        assert info["documents"] == 1 + len(lines)
        assert c.refresh_index().size == info["sentences"] + info["documents"]
