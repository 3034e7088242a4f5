"""The corpus home: SQLite (documents, sentences with their embeddings, FTS5 for BM25) plus
a FAISS index of the sentence embeddings.

SQLite is the source of truth. Each batch of documents is written in one transaction, with
its embeddings, so the database is consistent after every commit. The FAISS file is a
derived cache, stamped with the database generation it reflects; when the stamp differs
(a crash between the two, or a deleted file) it is rebuilt from SQLite. A kill -9 at any
moment therefore leaves a usable corpus: the old state plus whatever batches committed.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from factcheck.errors import CorpusError
from factcheck.files import write_atomic
from factcheck.retrieve.index import SentenceIndex, empty_index, from_codes, merge_into, to_codes
from factcheck.schema import Document

SCHEMA_VERSION = "1"
DB_NAME, INDEX_NAME, STAMP_NAME = "corpus.sqlite", "sentences.faiss", "sentences.faiss.json"
TITLE_IDX = -1  # the title is embedded too, as sentence -1: a document-level dense signal
BATCH_DOCS = 256
INDEX_CHUNK = 65_536  # vectors read from SQLite at a time while building the index
MAX_QUERY_TERMS = 64
_SQL_VARS = 900  # stay under SQLite's limit on bound parameters
PENDING = b""  # the embedding of a sentence stored before it is embedded (`add(..., embed=False)`)
EMBEDDED = "length(embedding) > 0"  # SQL: the sentence has its vector

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,                 -- also the FTS rowid
    doc_id TEXT UNIQUE NOT NULL,
    pmid TEXT, title TEXT NOT NULL, year INTEGER, journal TEXT,
    publication_types TEXT NOT NULL,        -- JSON list
    mesh TEXT NOT NULL,                     -- JSON list
    content_hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sentences (
    id INTEGER PRIMARY KEY,                 -- the FAISS vector id
    doc_id TEXT NOT NULL,
    idx INTEGER NOT NULL,                   -- sentence index in the abstract; -1 = title
    section TEXT NOT NULL, text TEXT NOT NULL,
    embedding BLOB NOT NULL);               -- int8 codes (index.VECTOR_SCALE; float16 in older homes);
                                            -- empty: not embedded yet (`add(..., embed=False)`)
CREATE INDEX IF NOT EXISTS sentences_by_doc ON sentences (doc_id, idx);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5 (title, abstract, content = '',
                                                             tokenize = 'porter unicode61');
"""

STOPWORDS = frozenset("""a about above after again against all also am among an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just may me might more most must my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves""".split())


@dataclass
class AddStats:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    deleted: int = 0
    skipped: int = 0


def content_hash(doc: Document) -> str:
    """Everything stored about a document: equal hashes mean nothing to re-embed."""
    payload = [doc.doc_id, doc.title, doc.sentences, doc.sections, doc.pmid, doc.year, doc.journal,
               doc.publication_types, doc.mesh]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def fts_query(text: str) -> str | None:
    """Free text → an FTS5 OR-query of its content words. Every term is a quoted word token,
    so no user text can reach FTS5 syntax (NEAR, *, column filters, unbalanced quotes)."""
    words: list[str] = []
    for token in re.findall(r"\w+", text.lower()):
        for w in token.split("_"):
            if len(w) > 1 and w not in STOPWORDS and w not in words:
                words.append(w)
    return " OR ".join(f'"{w}"' for w in words[:MAX_QUERY_TERMS]) or None


class Corpus:
    """One corpus home. Use `Corpus.open(home)`; it is a context manager. One connection,
    shared by threads under a lock (the server answers from several)."""

    def __init__(self, home: Path, db: sqlite3.Connection):
        self.home = home
        self.db = db
        self._lock = threading.RLock()
        self._index: SentenceIndex | None = None
        self._index_generation = -1
        self._dim: int | None = None
        self._counted: tuple[int, tuple[int, int, int]] | None = None
        fts = db.execute("SELECT sql FROM sqlite_schema WHERE name = 'documents_fts'").fetchone()
        self._contentless_fts = bool(fts and re.search(r"content\s*=\s*''", fts[0]))  # homes before issue #21 keep a copy

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, home: str | Path, create: bool = False) -> "Corpus":
        home = Path(home).expanduser()
        db_path = home / DB_NAME
        hint = "build one with `factcheck corpus add`"
        if home.exists() and not home.is_dir():
            raise CorpusError(f"{home} is not a factcheck corpus (a file, not a directory); {hint}")
        if not db_path.is_file():
            if not create:
                raise CorpusError(f"{home} is not a factcheck corpus (no {DB_NAME}); {hint}")
            try:
                home.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise CorpusError(f"cannot create corpus home {home}: {e.strerror or e}") from None
        db = None
        try:
            db = sqlite3.connect(db_path, check_same_thread=False, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            if create:
                meta = {"schema_version": SCHEMA_VERSION, "generation": "0", "created": _now(),
                        "corpus_id": uuid.uuid4().hex}  # literals we made: safe to inline
                inserts = "".join(f"INSERT OR IGNORE INTO meta VALUES ('{k}', '{v}');\n" for k, v in meta.items())
                db.executescript(f"BEGIN IMMEDIATE;\n{DDL}\n{inserts}COMMIT;")  # schema and meta, atomically
            version = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError as e:
            if db is not None:
                db.close()
            raise CorpusError(f"{home} is not a factcheck corpus ({DB_NAME}: {_one_line(e)}); {hint}") from None
        if not version or version[0] != SCHEMA_VERSION:
            db.close()
            raise CorpusError(f"{home}: corpus schema version {version[0] if version else 'unknown'} is not "
                              f"{SCHEMA_VERSION}; rebuild the corpus in a new --home")
        return cls(home, db)

    def close(self) -> None:
        with self._lock:
            self.db.close()
            self._index = None

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _meta(self, key: str, default: str | None = None) -> str | None:
        with self._lock:
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    @property
    def generation(self) -> int:
        """Bumped by every commit that changes documents; the FAISS stamp must match it."""
        return int(self._meta("generation", "0"))

    @property
    def identity(self) -> str | None:
        return self._meta("embedding_model")

    @property
    def dim(self) -> int:
        """Dimensions of the stored vectors (384 before the first add)."""
        if self._dim is None:
            stored = self._meta("dim")
            if stored is None:
                return 384
            self._dim = int(stored)
        return self._dim

    # ------------------------------------------------------------------ writing
    def check_embedder(self, embedder) -> None:
        """A corpus is queried with the embedder it was built with, or not at all."""
        built = self.identity
        if built is not None and built != embedder.identity:
            raise CorpusError(f"{self.home} was built with embeddings {built}, not {embedder.identity}; "
                              f"run `factcheck corpus reembed --home {self.home}` to re-embed it with the "
                              "current model (or rebuild the corpus in a new --home)")

    def reembed(self, embedder, progress: bool = True, batch_docs: int = BATCH_DOCS) -> int:
        """Re-embed every stored sentence and title with `embedder`; the number of vectors
        written (0 when the corpus already has its embeddings).

        The new vectors go to a staging table, one transaction per batch of documents, so a
        killed run resumes where it stopped and the corpus stays queryable with its old
        embeddings meanwhile; one last transaction swaps them all in with the new identity.
        Documents are embedded in the batches and text order of `add`, so a corpus built
        from one file gets the vectors a fresh build with this embedder gives."""
        from tqdm import tqdm

        target = embedder.identity
        if self.identity in (None, target):
            return 0
        with self._lock, self._transaction():
            if self._meta("reembedding_model") != target:  # none yet, or one for another model: start over
                self.db.execute("DROP TABLE IF EXISTS reembedding")
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('reembedding_model', ?)", (target,))
            self.db.execute("CREATE TABLE IF NOT EXISTS reembedding (id INTEGER PRIMARY KEY, embedding BLOB NOT NULL)")
            doc_ids = [r[0] for r in self.db.execute(
                "SELECT doc_id FROM documents d WHERE EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.doc_id "
                f"AND {EMBEDDED} AND s.id NOT IN (SELECT id FROM reembedding)) ORDER BY id")]
        written = 0
        with tqdm(total=len(doc_ids), desc="re-embedding", unit=" docs", disable=not progress,
                  dynamic_ncols=True) as bar:
            for start in range(0, len(doc_ids), batch_docs):
                batch = doc_ids[start:start + batch_docs]
                rows, codes = self._encode_documents(embedder, batch, EMBEDDED)
                with self._lock, self._transaction():
                    self.db.executemany("INSERT OR REPLACE INTO reembedding VALUES (?, ?)",
                                        [(r[0], v.tobytes()) for r, v in zip(rows, codes)])
                written += len(rows)
                bar.update(len(batch))
        with self._lock, self._transaction():
            missing = self.db.execute(f"SELECT COUNT(*) FROM sentences WHERE {EMBEDDED} AND "
                                      "id NOT IN (SELECT id FROM reembedding)").fetchone()[0]
            if missing:  # a writer added documents meanwhile: the next run embeds them
                raise CorpusError(f"{self.home}: {missing} sentences changed while re-embedding; run it again")
            self.db.execute("UPDATE sentences SET embedding = (SELECT embedding FROM reembedding r "
                            f"WHERE r.id = sentences.id) WHERE {EMBEDDED}")
            self.db.execute("DROP TABLE reembedding")
            self.db.execute("DELETE FROM meta WHERE key = 'reembedding_model'")
            self.db.execute("UPDATE meta SET value = ? WHERE key = 'embedding_model'", (target,))
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('dim', ?)", (str(embedder.dim),))
            self.db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('updated', ?)", (_now(),))
        self.refresh_index()
        return written

    def add(self, records: Iterable, embedder, on_skip: Callable | None = None, progress: bool = True,
            batch_docs: int = BATCH_DOCS, engine=None, embed: bool = True) -> AddStats:
        """Stream Documents (upserts), Deleted(doc_id) and Skipped(...) records into the corpus,
        one transaction per batch, then bring the FAISS file up to date.

        With `embed=False` the documents are stored, and searchable by BM25 at once, without
        their vectors; `embed_pending` adds those later, the ones a user needs first first.

        `engine` (e.g. `factcheck.distributed.RayEngine`) embeds the batches and builds the
        index shards elsewhere; this process still plans and writes every batch, in order,
        so the corpus left behind is the one an in-process add leaves."""
        from tqdm import tqdm

        self.check_embedder(embedder)
        self._record_embedder(embedder)
        stats = AddStats()
        planner = _Planner(self)
        plans = (planner.plan(batch) for batch in _batches(records, batch_docs, stats, on_skip))
        if not embed:
            embedded = ((p, None) for p in plans)
        elif engine:
            embedded = engine.embed(plans, embedder)
        else:
            embedded = ((p, _encode(embedder, p.texts)) for p in plans)
        try:
            with tqdm(desc="indexing", unit=" docs", disable=not progress, dynamic_ncols=True) as bar:
                for plan, vectors in embedded:
                    self._apply(plan, vectors, stats)
                    planner.applied(plan)
                    bar.update(plan.documents)
        except (OSError, sqlite3.OperationalError) as e:  # a full disk, a lost mount: every batch before is kept
            raise CorpusError(f"writing to {self.home} stopped ({_one_line(e)}); the corpus is intact with "
                              f"{self.info()['documents']} documents, the batches before the failure included; "
                              "free space and run the same command again to add the rest") from None
        if embed:
            self.refresh_index(engine.map_chunks if engine else None)
        return stats

    def pending_documents(self) -> list[str]:
        """Documents stored without their vectors yet, in the order they were added."""
        with self._lock:
            return [r[0] for r in self.db.execute(
                f"SELECT doc_id FROM documents d WHERE EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.doc_id "
                f"AND NOT {EMBEDDED}) ORDER BY id")]

    def embed_pending(self, embedder, doc_ids: Iterable[str] | None = None, progress: bool = True,
                      batch_docs: int = BATCH_DOCS) -> int:
        """Embed the documents stored without vectors (`add(..., embed=False)`): all of them, or
        those among `doc_ids`, in that order; the number embedded. One transaction per batch, so
        a killed run keeps what it finished and the next run goes on from there."""
        from tqdm import tqdm

        self.check_embedder(embedder)
        self._record_embedder(embedder)
        pending = self.pending_documents()
        if doc_ids is not None:
            wanted = set(pending)
            pending = [d for d in dict.fromkeys(doc_ids) if d in wanted]
        with self._lock:
            total = sum(n for (n,) in self._select_in(
                f"SELECT COUNT(*) FROM sentences WHERE NOT {EMBEDDED} AND doc_id IN ({{}})", pending))
        with tqdm(total=total, desc="embedding", unit=" sentences", disable=not progress, dynamic_ncols=True,
                  smoothing=0.1) as bar:
            for start in range(0, len(pending), batch_docs):
                rows, codes = self._encode_documents(embedder, pending[start:start + batch_docs], f"NOT {EMBEDDED}")
                try:
                    with self._lock, self._transaction():
                        self.db.executemany(f"UPDATE sentences SET embedding = ? WHERE id = ? AND NOT {EMBEDDED}",
                                            [(c.tobytes(), r[0]) for r, c in zip(rows, codes)])
                        self.db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
                        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('updated', ?)", (_now(),))
                except (OSError, sqlite3.OperationalError) as e:
                    raise CorpusError(f"writing to {self.home} stopped ({_one_line(e)}); every batch before it is "
                                      "kept: free space and run the same command again") from None
                bar.update(len(rows))
        self.refresh_index()
        return len(pending)

    def _encode_documents(self, embedder, doc_ids: list[str], where: str) -> tuple[list[tuple], np.ndarray]:
        """(id, doc_id, idx, text) of the documents' sentences matching `where`, by document and
        title (-1) first, as `add` orders them, and their vectors' int8 codes."""
        rank = {d: i for i, d in enumerate(doc_ids)}
        with self._lock:
            rows = self._select_in(f"SELECT id, doc_id, idx, text FROM sentences WHERE {where} AND doc_id IN ({{}})",
                                   doc_ids)
        rows.sort(key=lambda r: (rank[r[1]], r[2]))
        return rows, to_codes(_encode(embedder, [r[3] for r in rows]))

    def _record_embedder(self, embedder) -> None:
        """The embedder a new corpus is built with becomes its identity."""
        with self._lock, self._transaction():
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('embedding_model', ?)", (embedder.identity,))
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('dim', ?)", (str(embedder.dim),))

    def _apply(self, plan: "_Plan", vectors: np.ndarray | None, stats: AddStats) -> None:
        """Write one planned batch in one transaction (vectors None: stored as not embedded yet)."""
        codes = None if vectors is None else to_codes(vectors)
        stored = dict(plan.stored)
        row, changed = 0, False
        with self._lock, self._transaction():
            for step in plan.steps:
                if step[0] == "same":
                    stats.unchanged += 1
                elif step[0] == "del":
                    if self._delete(step[1]):
                        stats.deleted += 1
                        changed = True
                else:
                    _, doc, digest = step
                    existed = self._delete(doc.doc_id)
                    if existed and stored.get(doc.doc_id) is not None:
                        stats.replaced += 1
                        stored[doc.doc_id] = None  # a second copy in this batch is not another replacement
                    elif not existed:
                        stats.added += 1
                    n = 1 + len(doc.sentences)
                    self._insert(doc, digest, None if codes is None else codes[row:row + n])
                    row += n
                    changed = True
            if changed:
                self.db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('updated', ?)", (_now(),))

    def _delete(self, doc_id: str) -> bool:
        row = self.db.execute("SELECT id, title FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if not row:
            return False
        if self._contentless_fts:  # FTS5 keeps no copy of the text: it is told which words to forget
            abstract = " ".join(t for (t,) in self.db.execute(
                "SELECT text FROM sentences WHERE doc_id = ? AND idx >= 0 ORDER BY idx", (doc_id,)))
            self.db.execute("INSERT INTO documents_fts (documents_fts, rowid, title, abstract) "
                            "VALUES ('delete', ?, ?, ?)", (row[0], row[1], abstract))
        else:
            self.db.execute("DELETE FROM documents_fts WHERE rowid = ?", row[:1])
        self.db.execute("DELETE FROM sentences WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM documents WHERE id = ?", row[:1])
        return True

    def _insert(self, doc: Document, digest: str, codes: np.ndarray | None) -> None:
        cur = self.db.execute(
            "INSERT INTO documents (doc_id, pmid, title, year, journal, publication_types, mesh, content_hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.doc_id, doc.pmid, doc.title or "", doc.year, doc.journal, json.dumps(doc.publication_types),
             json.dumps(doc.mesh), digest))
        blobs = [PENDING] * (1 + len(doc.sentences)) if codes is None else [c.tobytes() for c in codes]
        rows = [(doc.doc_id, TITLE_IDX, "TITLE", doc.title or "", blobs[0])]
        rows += [(doc.doc_id, i, sec or "", s, blobs[i + 1])
                 for i, (s, sec) in enumerate(zip(doc.sentences, doc.sections))]
        self.db.executemany("INSERT INTO sentences (doc_id, idx, section, text, embedding) VALUES (?, ?, ?, ?, ?)",
                            rows)
        self.db.execute("INSERT INTO documents_fts (rowid, title, abstract) VALUES (?, ?, ?)",
                        (cur.lastrowid, doc.title or "", " ".join(doc.sentences)))

    def _transaction(self, write: bool = True):
        return _Transaction(self.db, write)

    # ------------------------------------------------------------------ the FAISS cache
    @property
    def index_path(self) -> Path:
        return self.home / INDEX_NAME

    @property
    def _stamp_path(self) -> Path:
        return self.home / STAMP_NAME

    def _read_stamp(self) -> dict:
        try:
            stamp = json.loads(self._stamp_path.read_text())
            return stamp if isinstance(stamp, dict) else {}
        except (OSError, ValueError):
            return {}

    def refresh_index(self, map_chunks: Callable | None = None) -> SentenceIndex:
        """The FAISS index for the current generation: kept in memory, else loaded from the
        file when its stamp matches, else rebuilt from the SQLite blobs (and saved)."""
        with self._lock:
            gen = self.generation
            if self._index is not None and self._index_generation == gen:
                return self._index
            expected = {"corpus_id": self._meta("corpus_id"), "generation": gen}
            stamp = self._read_stamp()
            if all(stamp.get(k) == v for k, v in expected.items()) and self.index_path.is_file():
                try:
                    index = SentenceIndex.load(self.index_path)
                    if index.size == stamp.get("vectors"):
                        self._index, self._index_generation = index, gen
                        return index
                except RuntimeError:
                    pass  # unreadable: rebuild below
            index, gen = self._build_index(map_chunks)
            try:
                index.save(self.index_path)
                write_atomic(self._stamp_path, json.dumps({**expected, "generation": gen, "vectors": index.size}))
            except OSError:
                pass  # a read-only home still works, from memory
            self._index, self._index_generation = index, gen
            return index

    def _build_index(self, map_chunks: Callable | None = None) -> tuple[SentenceIndex, int]:
        """All stored vectors, read in chunks within one snapshot together with the generation
        they make up. `map_chunks(empty_index, chunks)` may add the chunks elsewhere (Ray) and
        must yield one shard per chunk, in order; by default they are added here."""
        with self._transaction(write=False):  # a read transaction: a concurrent writer cannot slip in between
            gen = int(self.db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])
            n = self.db.execute(f"SELECT COUNT(*) FROM sentences WHERE {EMBEDDED}").fetchone()[0]
            empty = empty_index(self.dim, n, sample=lambda k: self._sample_vectors(n, k))
            chunks = self._vector_chunks()
            if map_chunks is None:
                index = SentenceIndex.from_chunks(empty, chunks)
            else:
                index = SentenceIndex(empty)
                for shard in map_chunks(empty, chunks):
                    merge_into(index.index, shard)
        return index, gen

    def _vector_chunks(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(ids, float32 vectors) of every stored sentence, in rowid order, INDEX_CHUNK at a time."""
        size, last = INDEX_CHUNK, -1
        while True:
            rows = self.db.execute(f"SELECT id, embedding FROM sentences WHERE id > ? AND {EMBEDDED} "
                                   "ORDER BY id LIMIT ?", (last, size)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield np.array([r[0] for r in rows], np.int64), _vectors((r[1] for r in rows), self.dim)

    def _sample_vectors(self, n: int, k: int) -> np.ndarray:
        """k stored vectors spread evenly over the rowid order (deterministic: a rebuild of the
        same corpus trains the same quantiser)."""
        step = max(n // k, 1)
        rows = self.db.execute("SELECT embedding FROM (SELECT embedding, ROW_NUMBER() OVER (ORDER BY id) AS r "
                               f"FROM sentences WHERE {EMBEDDED}) WHERE (r - 1) % ? = 0 LIMIT ?", (step, k)).fetchall()
        return _vectors((r[0] for r in rows), self.dim)

    # ------------------------------------------------------------------ reading
    def info(self) -> dict:
        """What `factcheck corpus info` shows."""
        with self._lock:
            meta = dict(self.db.execute("SELECT key, value FROM meta"))
            docs, sents, pending = self._counts(int(meta.get("generation", 0)))
        kind = self.refresh_index().kind
        size = sum(f.stat().st_size for f in self.home.iterdir() if f.is_file())
        return {"home": str(self.home), "documents": docs, "sentences": sents, "embedded_documents": docs - pending,
                "embedding_model": meta.get("embedding_model"), "dim": int(meta.get("dim", 384)),
                "index": f"faiss {kind} (cosine)", "size_bytes": size,
                "generation": int(meta.get("generation", 0)), "created": meta.get("created"),
                "updated": meta.get("updated"), "schema_version": meta.get("schema_version")}

    def _counts(self, generation: int) -> tuple[int, int, int]:
        """(documents, sentences, documents not embedded yet), counted once per generation: every
        check reports them, and counting scans the sentences (30 ms at 98k)."""
        if self._counted is None or self._counted[0] != generation:
            self._counted = (generation, (
                self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
                self.db.execute("SELECT COUNT(*) FROM sentences WHERE idx >= 0").fetchone()[0],
                self.db.execute(f"SELECT COUNT(DISTINCT doc_id) FROM sentences WHERE NOT {EMBEDDED}").fetchone()[0]))
        return self._counted[1]

    def documents(self, doc_ids: Iterable[str]) -> dict[str, Document]:
        """The stored documents among doc_ids (missing ones are absent from the result)."""
        doc_ids = list(dict.fromkeys(doc_ids))
        with self._lock:
            rows = self._select_in("SELECT doc_id, pmid, title, year, journal, publication_types, mesh "
                                   "FROM documents WHERE doc_id IN ({})", doc_ids)
            sents: dict[str, list[tuple[str, str]]] = {}
            for doc_id, text, section in self._select_in(
                    "SELECT doc_id, text, section FROM sentences WHERE doc_id IN ({}) AND idx >= 0 "
                    "ORDER BY doc_id, idx", doc_ids):
                sents.setdefault(doc_id, []).append((text, section))
        out = {}
        for doc_id, pmid, title, year, journal, types, mesh in rows:
            pairs = sents.get(doc_id, [])
            out[doc_id] = Document(doc_id, title, [t for t, _ in pairs], [s for _, s in pairs], pmid, year, journal,
                                   json.loads(types), json.loads(mesh))
        return out

    def has_documents(self, doc_ids: Iterable[str]) -> set[str]:
        """The doc_ids among these that are stored: a cheap check (no sentences read) that lets
        a fetch skip downloading what it already has."""
        with self._lock:
            return {r[0] for r in self._select_in("SELECT doc_id FROM documents WHERE doc_id IN ({})",
                                                  list(dict.fromkeys(doc_ids)))}

    def sentence_vectors(self, doc_id: str, title: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """(sentence indices, float32 unit vectors) of a document's sentences; with `title`,
        the title's vector comes first, at index -1."""
        with self._lock:
            rows = self.db.execute(f"SELECT idx, embedding FROM sentences WHERE doc_id = ? AND idx >= ? AND {EMBEDDED} "
                                   "ORDER BY idx", (doc_id, -1 if title else 0)).fetchall()
        if not rows:
            return np.zeros(0, np.int64), np.zeros((0, self.dim), np.float32)
        return np.array([r[0] for r in rows], np.int64), _vectors((r[1] for r in rows), self.dim)

    def bm25(self, query: str, k: int) -> list[tuple[str, float]]:
        """Documents ranked by BM25 over title + abstract; higher is better."""
        q = fts_query(query)
        if q is None or k <= 0:
            return []
        with self._lock:
            rows = self.db.execute(
                "SELECT d.doc_id, bm25(documents_fts) AS s FROM documents_fts "
                "JOIN documents d ON d.id = documents_fts.rowid "
                "WHERE documents_fts MATCH ? ORDER BY s LIMIT ?", (q, k)).fetchall()
        return [(doc_id, -score) for doc_id, score in rows]  # FTS5's bm25() is lower-is-better

    def dense(self, query_vec: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The k sentences (titles included) nearest one unit query vector: (rowid, cosine)."""
        return self.dense_many(np.asarray(query_vec, np.float32).reshape(1, -1), k)[0]

    def dense_many(self, queries: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        """`dense` for each row of `queries`, in one index call (a flat index then reads the
        vectors once for all queries instead of once per query). Hits of an approximate index
        are re-scored with the stored vectors, so the cosines are exact whatever the index."""
        index = self.refresh_index()
        queries = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        scores, ids = index.search(queries, k)
        hits = [[(int(i), float(s)) for s, i in zip(srow, irow) if i >= 0] for srow, irow in zip(scores, ids)]
        if index.exact:
            return hits
        wanted = list(dict.fromkeys(i for row in hits for i, _ in row))
        with self._lock:
            stored = dict(self._select_in("SELECT id, embedding FROM sentences WHERE id IN ({})", wanted))
        out = []
        for query, row in zip(queries, hits):
            found = [i for i, _ in row if i in stored]
            cosines = _vectors((stored[i] for i in found), self.dim) @ query if found else []
            out.append(sorted(zip(found, map(float, cosines)), key=lambda h: -h[1]))
        return out

    def locate(self, rowids: Iterable[int]) -> dict[int, tuple[str, int]]:
        """Sentence rowid → (doc_id, sentence index; -1 for the title)."""
        with self._lock:
            return {rid: (doc_id, idx) for rid, doc_id, idx in self._select_in(
                "SELECT id, doc_id, idx FROM sentences WHERE id IN ({})", list(dict.fromkeys(rowids)))}

    def _select_in(self, sql: str, values: list) -> list[tuple]:
        """Run `sql` with an `IN ({})` over values, in chunks SQLite accepts."""
        out: list[tuple] = []
        for s in range(0, len(values), _SQL_VARS):
            chunk = values[s:s + _SQL_VARS]
            out += self.db.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
        return out


@dataclass
class _Plan:
    """What one batch changes, decided before it is embedded: steps are ("put", doc, hash),
    ("del", doc_id) or ("same",); texts are what must be embedded, in step order."""

    number: int
    steps: list[tuple]
    stored: dict[str, str | None]  # content hash of each doc before this batch (None: absent)
    texts: list[str]
    documents: int
    changed: list[str]  # doc ids this batch puts or deletes


class _Planner:
    """Plans batches against the database *and* the batches planned but not yet written,
    so an engine can embed several batches ahead and the outcome stays that of writing
    them one after another."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.pending: dict[str, tuple[int, str | None]] = {}  # doc_id -> (batch number, hash)
        self.count = 0

    def plan(self, batch: list) -> _Plan:
        number, self.count = self.count, self.count + 1
        doc_ids = list({r.doc_id for r in batch})
        with self.corpus._lock:
            state: dict[str, str | None] = dict(self.corpus._select_in(
                "SELECT doc_id, content_hash FROM documents WHERE doc_id IN ({})", doc_ids))
        state.update({d: self.pending[d][1] for d in doc_ids if d in self.pending})
        stored = dict(state)
        steps: list[tuple] = []
        changed: list[str] = []
        for rec in batch:
            if isinstance(rec, Document):
                digest = content_hash(rec)
                if state.get(rec.doc_id) == digest:
                    steps.append(("same",))
                    continue
                steps.append(("put", rec, digest))
                state[rec.doc_id] = digest
            else:
                steps.append(("del", rec.doc_id))
                state[rec.doc_id] = None
            self.pending[rec.doc_id] = (number, state[rec.doc_id])
            changed.append(rec.doc_id)
        texts = [t for step in steps if step[0] == "put" for t in (step[1].title or "", *step[1].sentences)]
        return _Plan(number, steps, stored, texts, sum(isinstance(r, Document) for r in batch), changed)

    def applied(self, plan: _Plan) -> None:
        """Forget what the database now knows (entries a later batch overrode stay)."""
        for doc_id in plan.changed:
            if self.pending.get(doc_id, (None,))[0] == plan.number:
                del self.pending[doc_id]


class _Transaction:
    """BEGIN … COMMIT, or ROLLBACK on error (the connection runs in autocommit mode). A write
    transaction takes the write lock at BEGIN (IMMEDIATE), so that one which reads first waits
    for another process's writer instead of failing with "database is locked" when it writes."""

    def __init__(self, db: sqlite3.Connection, write: bool = True):
        self.db = db
        self.write = write

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE" if self.write else "BEGIN")
        return self.db

    def __exit__(self, exc_type, *exc) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def _batches(records: Iterable, size: int, stats: AddStats, on_skip: Callable | None) -> Iterator[list]:
    """Documents and deletions in lists of `size` documents; skipped records are counted here.
    Duck-typed so that the store does not depend on the readers module."""
    batch: list = []
    for rec in records:
        if isinstance(rec, Document) or (hasattr(rec, "doc_id") and not hasattr(rec, "reason")):
            batch.append(rec)
            if len(batch) >= size:
                yield batch
                batch = []
        else:
            stats.skipped += 1
            if on_skip is not None:
                on_skip(rec)
    if batch:
        yield batch


def _encode(embedder, texts: list[str]) -> np.ndarray:
    """Vectors for a batch's texts; a batch with nothing new never calls the model."""
    return embedder.encode(texts) if texts else np.zeros((0, embedder.dim), np.float32)


def _vectors(blobs: Iterable[bytes], dim: int) -> np.ndarray:
    """Stored embeddings of `dim` dimensions → a float32 matrix, one row a blob: int8 codes
    (index.VECTOR_SCALE), or float16 (twice as wide) in homes written before issue #21."""
    blobs = list(blobs)
    if not blobs:
        return np.zeros((0, dim), np.float32)
    joined = b"".join(blobs)
    if len(blobs[0]) == 2 * dim:
        return np.frombuffer(joined, dtype=np.float16).reshape(len(blobs), -1).astype(np.float32)
    return from_codes(np.frombuffer(joined, dtype=np.int8).reshape(len(blobs), -1))


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split()) or type(e).__name__
