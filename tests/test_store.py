"""The corpus store: SQLite + FTS5 + FAISS, incremental, idempotent and crash-safe."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from itertools import islice

import numpy as np
import pytest

from factcheck.corpus.readers import Deleted, Skipped, read_documents
from factcheck.corpus.store import Corpus, fts_query
from factcheck.errors import CorpusError
from factcheck.schema import Document


def doc(doc_id, title, *sentences, **meta):
    return Document(doc_id, title, list(sentences), **meta)


class Counting:
    """Wraps an embedder and records how many texts each encode call got."""

    def __init__(self, inner, identity=None):
        self.inner, self.calls = inner, []
        self.identity, self.dim = identity or inner.identity, inner.dim

    def encode(self, texts):
        self.calls.append(len(texts))
        return self.inner.encode(texts)


def test_open_refuses_what_is_not_a_corpus(tmp_path):
    with pytest.raises(CorpusError, match=r"missing is not a factcheck corpus \(no corpus.sqlite\); build one"):
        Corpus.open(tmp_path / "missing")
    assert not (tmp_path / "missing").exists()  # opening never creates by accident
    (tmp_path / "file").write_text("x")
    with pytest.raises(CorpusError, match="not a factcheck corpus"):
        Corpus.open(tmp_path / "file")
    with pytest.raises(CorpusError, match="not a factcheck corpus"):
        Corpus.open(tmp_path / "file", create=True)
    bogus = tmp_path / "bogus"
    bogus.mkdir()
    (bogus / "corpus.sqlite").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(CorpusError, match="not a factcheck corpus") as err:
        Corpus.open(bogus)
    assert "\n" not in str(err.value)
    other = tmp_path / "other-sqlite"
    other.mkdir()
    sqlite3.connect(other / "corpus.sqlite").execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(CorpusError, match="not a factcheck corpus"):
        Corpus.open(other)


def test_wrong_schema_version_is_refused(tmp_path):
    Corpus.open(tmp_path, create=True).close()
    with sqlite3.connect(tmp_path / "corpus.sqlite") as db:
        db.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(CorpusError, match="schema version 999"):
        Corpus.open(tmp_path)


def test_add_counts_idempotence_replace_delete_and_skips(tmp_path, embedder):
    e = Counting(embedder)
    a = doc("a", "Aspirin and bleeding", "Aspirin raised the risk of major bleeding.", pmid="1", year=2018,
            publication_types=["Randomized Controlled Trial"], mesh=["Aspirin"])
    b = doc("b", "Coffee and mortality", "Coffee drinking was associated with lower mortality.", "It was a cohort.")
    skipped = []
    with Corpus.open(tmp_path, create=True) as c:
        s = c.add([a, Skipped("f.jsonl", 3, "not JSON"), b], e, on_skip=skipped.append, progress=False)
        assert (s.added, s.replaced, s.unchanged, s.deleted, s.skipped) == (2, 0, 0, 0, 1)
        assert skipped == [Skipped("f.jsonl", 3, "not JSON")]
        info = c.info()
        assert (info["documents"], info["sentences"], info["dim"], info["schema_version"]) == (2, 3, 384, "1")
        assert info["embedding_model"] == embedder.identity and info["size_bytes"] > 0
        assert c.documents(["a"])["a"] == a  # metadata round-trips

        e.calls.clear()
        generation, mtime = c.generation, (tmp_path / "sentences.faiss").stat().st_mtime_ns
        s = c.add([a, b], e, progress=False)  # same content: nothing re-embedded, nothing rewritten
        assert (s.unchanged, s.added, e.calls) == (2, 0, [])
        assert c.generation == generation
        assert (tmp_path / "sentences.faiss").stat().st_mtime_ns == mtime

        a2 = doc("a", "Aspirin and bleeding", "Aspirin doubled the risk of major bleeding.", "Second sentence.", pmid="1")
        s = c.add([a2], e, progress=False)
        assert (s.replaced, s.added) == (1, 0) and c.info()["sentences"] == 4
        assert c.documents(["a"])["a"].sentences == a2.sentences
        assert c.refresh_index().size == 4 + 2  # sentences + titles; the old vectors are gone

        s = c.add([Deleted("b"), Deleted("never-there")], e, progress=False)
        assert s.deleted == 1 and c.documents(["a", "b"]).keys() == {"a"}
        assert c.bm25("coffee mortality", 5) == []
        assert c.refresh_index().size == 2 + 1


def test_same_document_twice_in_one_batch(tmp_path, embedder):
    """Duplicates and delete-then-add within a batch keep vectors aligned with their sentences."""
    x = doc("x", "Statins", "Statins lowered LDL cholesterol.")
    y = doc("y", "Vitamin D", "Vitamin D did not shorten hospital stay.")
    with Corpus.open(tmp_path, create=True) as c:
        s = c.add([x, x, y, Deleted("x"), x], embedder, progress=False)
        assert (s.added, s.unchanged, s.deleted) == (3, 1, 1)
        assert c.documents(["x", "y"]).keys() == {"x", "y"}
        [(rid, _)] = c.dense(embedder.encode(["vitamin D hospital stay"])[0], 1)
        assert c.locate([rid])[rid][0] == "y"


def test_identity_mismatch_is_refused(tmp_path, embedder):
    with Corpus.open(tmp_path, create=True) as c:
        c.add([doc("a", "T", "A sentence about aspirin.")], embedder, progress=False)
        with pytest.raises(CorpusError, match="new --home"):
            c.add([doc("b", "T", "Another.")], Counting(embedder, identity="other-model:fp32"), progress=False)
        assert c.info()["documents"] == 1


def test_bm25_and_dense_find_the_obvious_document(mini_home, embedder):
    with Corpus.open(mini_home) as c:
        assert c.bm25("vitamin D COVID-19 hospital stay", 3)[0][0] == "VITD-COVID-2021"
        assert c.bm25("curcumin cancer cells", 3)[0][0] == "CURCUMIN-2015"
        hits = c.dense(embedder.encode(["Smoking triples mortality among doctors"])[0], 5)
        assert len(hits) == 5 and hits[0][1] >= hits[-1][1]
        assert c.locate([hits[0][0]])[hits[0][0]][0] == "SMOKING-LUNG-2004"
        hits = c.dense(embedder.encode(["Fasting makes mice more sensitive to insulin"])[0], 1)
        assert c.locate([hits[0][0]])[hits[0][0]][0] == "IF-MICE-2019"


@pytest.mark.parametrize("text", ['"); DROP TABLE documents; --', "NEAR(a b) AND OR NOT *", 'title:"x', "^ - + :",
                                  "the of and", "", "Müller’s café—naïve 5-year"])
def test_user_text_never_breaks_fts(mini_home, text):
    q = fts_query(text)
    assert q is None or all(t.startswith('"') and t.endswith('"') for t in q.split(" OR "))
    with Corpus.open(mini_home) as c:
        assert isinstance(c.bm25(text, 3), list)


def test_faiss_is_rebuilt_when_stale_missing_or_corrupt(tmp_path, embedder):
    query = embedder.encode(["aspirin bleeding"])[0]
    with Corpus.open(tmp_path, create=True) as c:
        c.add([doc("a", "Aspirin", "Aspirin raised bleeding."), doc("b", "Coffee", "Coffee and mortality.")],
              embedder, progress=False)
    index, stamp = tmp_path / "sentences.faiss", tmp_path / "sentences.faiss.json"
    assert json.loads(stamp.read_text())["generation"] == 1

    index.unlink()
    with Corpus.open(tmp_path) as c:
        assert c.refresh_index().size == 4  # two titles + two sentences
    assert index.is_file()

    stamp.write_text(json.dumps({**json.loads(stamp.read_text()), "generation": 0}))
    with Corpus.open(tmp_path) as c:
        (rid, _), *_ = c.dense(query, 4)
        assert c.locate([rid])[rid][0] == "a"
    assert json.loads(stamp.read_text())["generation"] == 1

    index.write_bytes(b"garbage")  # stamp matches, file does not
    with Corpus.open(tmp_path) as c:
        assert c.refresh_index().size == 4

    # a fresh corpus in the same home must not trust a leftover index with a matching generation
    (tmp_path / "corpus.sqlite").unlink()
    for leftover in tmp_path.glob("corpus.sqlite-*"):
        leftover.unlink()
    with Corpus.open(tmp_path, create=True) as c:
        c.add([doc("z", "Graphene", "Graphene conducts.")], embedder, progress=False)
        assert c.refresh_index().size == 2


def test_a_reader_sees_another_process_commit(tmp_path, embedder):
    """The server keeps a Corpus open while `corpus add` runs: the next search sees the new data."""
    with Corpus.open(tmp_path, create=True) as writer, Corpus.open(tmp_path) as reader:
        writer.add([doc("a", "Aspirin", "Aspirin raised bleeding.")], embedder, progress=False)
        assert reader.refresh_index().size == 2
        writer.add([doc("b", "Coffee", "Coffee and mortality.")], embedder, progress=False)
        assert reader.refresh_index().size == 4


KILL_SCRIPT = textwrap.dedent("""
    import sys, time
    from factcheck.config import default_embedding_model
    from factcheck.corpus.readers import read_documents
    from factcheck.corpus.store import Corpus
    from factcheck.retrieve.embed import Embedder

    class Slow(Embedder):
        def encode(self, texts):
            print("batch", flush=True)
            time.sleep(0.2)
            return super().encode(texts)

    with Corpus.open(sys.argv[1], create=True) as c:
        c.add(read_documents(sys.argv[2]), Slow(default_embedding_model(), num_threads=1), progress=False,
              batch_docs=1)
""")


def test_kill_9_mid_build_leaves_a_usable_corpus(tmp_path, embedder, fixtures_dir):
    home = tmp_path / "home"
    with Corpus.open(home, create=True) as c:
        c.add([doc("first", "Aspirin and bleeding", "Aspirin raised the risk of major bleeding.")], embedder,
              progress=False)
    script = tmp_path / "slow_add.py"
    script.write_text(KILL_SCRIPT)
    proc = subprocess.Popen([sys.executable, str(script), str(home), str(fixtures_dir / "mini_corpus.jsonl")],
                            stdout=subprocess.PIPE, text=True)
    seen, deadline = 0, time.time() + 120
    try:
        while seen < 5 and time.time() < deadline:  # let a few batches commit, then kill mid-way
            if proc.stdout.readline().startswith("batch"):
                seen += 1
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert seen == 5
    with Corpus.open(home) as c:
        info = c.info()
        assert 2 <= info["documents"] < 16  # the old corpus plus the batches that committed, no more
        (rid, _), *_ = c.dense(embedder.encode(["aspirin bleeding"])[0], 3)
        assert c.locate([rid])[rid][0] in {"first", "ASPIRIN-2018"}
        assert c.bm25("aspirin bleeding", 1)[0][0] in {"first", "ASPIRIN-2018"}
        assert c.bm25("lupus CAR T cells", 1)[0][0].startswith("LUPUS")  # the first batches are in
        assert c.refresh_index().size == info["sentences"] + info["documents"]  # one vector per sentence + title
        assert c.add(read_documents(fixtures_dir / "mini_corpus.jsonl"), embedder, progress=False).added > 0
        assert c.info()["documents"] == 16


def test_shared_corpus_slice_finds_a_scifact_citation(tmp_path, embedder, shared_data):
    from factcheck.config import Config
    from factcheck.retrieve.hybrid import HybridRetriever

    corpus_file = shared_data / "corpus" / "abstracts.jsonl.gz"
    with Corpus.open(tmp_path, create=True) as c:
        stats = c.add(islice(read_documents(corpus_file), 300), embedder, progress=False)
        assert stats.added == 300
        ids = {d.doc_id for d in islice(read_documents(corpus_file), 300)}
        claims = [json.loads(line) for line in open(shared_data / "claims" / "scifact" / "claims_dev.jsonl")]
        cited = [x for x in claims if x["evidence"] and set(x["evidence"]) <= ids]
        assert cited
        retriever = HybridRetriever(c, embedder, Config(home=tmp_path))
        found = [set(x["evidence"]) & {d for d, _ in retriever.rank_documents(x["claim"], 5)} for x in cited]
        assert sum(map(bool, found)) >= 0.8 * len(cited)


def _stored_vectors(home) -> dict:
    """(doc_id, sentence index) → the stored float16 bytes of its vector."""
    with sqlite3.connect(home / "corpus.sqlite") as db:
        return {(d, i): e for d, i, e in db.execute("SELECT doc_id, idx, embedding FROM sentences")}


class DiesOnSecondBatch(Counting):
    def encode(self, texts):
        if self.calls:
            raise KeyboardInterrupt  # as if killed while the second batch was being embedded
        return super().encode(texts)


def test_reembed_gives_a_fresh_builds_vectors_and_resumes_after_a_kill(tmp_path, embedder):
    from conftest import MINI_CORPUS

    from factcheck.retrieve.embed import Embedder

    old = Embedder(embedder.model_path, quantize=True, num_threads=1)  # int8: another identity
    docs = list(read_documents(MINI_CORPUS))
    with Corpus.open(tmp_path / "fresh", create=True) as c:
        c.add(docs, embedder, progress=False)
    fresh = _stored_vectors(tmp_path / "fresh")
    for name in ("whole", "killed"):
        with Corpus.open(tmp_path / name, create=True) as c:
            c.add(docs, old, progress=False)
            with pytest.raises(CorpusError, match="run `factcheck corpus reembed"):
                c.check_embedder(embedder)

    with Corpus.open(tmp_path / "whole") as c:
        assert c.reembed(embedder, progress=False) == len(fresh)
        c.check_embedder(embedder)
        assert c.reembed(embedder, progress=False) == 0  # already done: nothing to embed
        query = embedder.encode(["CAR T cells put lupus into remission"])[0]
        assert c.dense(query, 1)[0][1] > 0.5
    assert _stored_vectors(tmp_path / "whole") == fresh  # bit for bit what a fresh build stores

    home = tmp_path / "killed"
    before = _stored_vectors(home)
    with Corpus.open(home) as c:
        with pytest.raises(KeyboardInterrupt):
            c.reembed(DiesOnSecondBatch(embedder), progress=False, batch_docs=4)
        c.check_embedder(old)  # still the old model's corpus, and it still answers
        assert c.dense(old.encode(["coffee and mortality"])[0], 1)
    assert _stored_vectors(home) == before
    rest = Counting(embedder)
    with Corpus.open(home) as c:
        written = c.reembed(rest, progress=False, batch_docs=4)
        c.check_embedder(embedder)
    assert sum(rest.calls) == written < len(fresh)  # the first batch was kept, not embedded again
    after = _stored_vectors(home)
    assert after.keys() == fresh.keys() and after != before
    with sqlite3.connect(home / "corpus.sqlite") as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "reembedding" not in tables  # the staging table is gone once swapped in


def test_documents_stored_first_are_searched_by_bm25_and_embedded_when_asked(tmp_path, embedder):
    """`add(..., embed=False)` then `embed_pending`: BM25 at once, dense search over what is
    embedded, the documents asked for first, and in the end the corpus a plain add builds."""
    docs = [doc("a", "Aspirin and bleeding", "Aspirin raised the risk of major bleeding."),
            doc("b", "Coffee and mortality", "Coffee drinking was associated with lower mortality.", "A cohort."),
            doc("c", "Statins", "Statins lowered LDL cholesterol.")]
    with Corpus.open(tmp_path / "staged", create=True) as c:
        c.add(docs, embedder, progress=False, embed=False)
        assert c.bm25("coffee mortality", 5)[0][0] == "b"
        assert c.pending_documents() == ["a", "b", "c"] and c.info()["embedded_documents"] == 0
        assert c.refresh_index().size == 0 and c.sentence_vectors("b")[0].size == 0
        assert c.embed_pending(embedder, ["b", "nowhere"], progress=False) == 1
        assert c.pending_documents() == ["a", "c"] and c.info()["embedded_documents"] == 1
        hits = c.dense(embedder.encode(["Coffee lowers mortality"], batch_size=1)[0], 10)
        assert {c.locate([rid])[rid][0] for rid, _ in hits} == {"b"}  # only what is embedded
        assert c.embed_pending(embedder, progress=False) == 2 and c.pending_documents() == []
        staged = dict(c.db.execute("SELECT doc_id || ':' || idx, embedding FROM sentences"))
    with Corpus.open(tmp_path / "plain", create=True) as c:
        c.add(docs, embedder, progress=False)
        plain = dict(c.db.execute("SELECT doc_id || ':' || idx, embedding FROM sentences"))
    assert staged.keys() == plain.keys()
    for key in plain:  # int8 codes of fp32 vectors: equal, or one step apart where rounding ties
        a, b = (np.frombuffer(x, np.int8).astype(int) for x in (staged[key], plain[key]))
        assert np.abs(a - b).max() <= 1
