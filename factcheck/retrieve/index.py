"""The FAISS index of sentence embeddings: a derived cache of the vectors kept in SQLite.

Vector ids are the SQLite sentence rowids. The index type follows the corpus size:
exact inner product (cosine on unit vectors) up to `FLAT_MAX_VECTORS`, IVF-PQ above it,
where a flat scan outgrows both the latency and the memory budget. Approximate hits are
re-scored exactly by the store, from its own vectors.

Vectors are kept as int8 codes, round(VECTOR_SCALE · component), in SQLite and in the flat
index's file alike (FAISS's "direct" 8-bit scalar quantiser stores the codes as they are: a
quarter of float32's size; issue #21: the float32 flat file was 151 of a 285 MB home and took
0.6 s to load). In memory a flat index holds the decoded float32 vectors, so search is exact
with respect to what is stored, with float queries.

An index is built from chunks, so a large corpus never sits in memory whole, and the
chunks can be added on other machines (`add_chunk`) and merged back in order
(`merge_into`): the merged index is the one a single process would have built.
The file is written atomically (temp file in the same directory, fsync, rename), so a
crash leaves either the old index or the new one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import faiss
import numpy as np

from factcheck.files import fsync_dir

FLAT_MAX_VECTORS = 200_000  # exact search: ~10 ms and 300 MB at this size on 2 cores
PQ_BYTES = 48  # bytes per vector in IVF-PQ: 384 dims / 48 = 8 dims per sub-quantizer
NPROBE = 32  # inverted lists scanned per query
TRAIN_PER_LIST = 40  # k-means wants ~39 training points per centroid
SEED = 1234  # k-means seeding, so a rebuild gives the same index
VECTOR_SCALE = 400.0  # int8 code of a unit vector's component: components stay within ±0.32 (0.29 the
# largest of 30k dev-corpus vectors), so this keeps 1 − cosine to the float vector near 1e-4 (127: 1e-3)

Chunk = tuple[np.ndarray, np.ndarray]  # (int64 ids, float32 unit vectors)


def ivf_lists(n: int) -> int:
    """Inverted lists for n vectors: the power of two nearest sqrt(n), at least 256."""
    return max(256, 1 << round(np.log2(max(n, 1)) / 2))


def to_codes(vectors: np.ndarray) -> np.ndarray:
    """Unit vectors → their int8 codes (what is stored)."""
    return np.clip(np.rint(np.asarray(vectors, np.float32) * VECTOR_SCALE), -127, 127).astype(np.int8)


def from_codes(codes: np.ndarray) -> np.ndarray:
    return codes.astype(np.float32) / VECTOR_SCALE


def empty_index(dim: int, n: int, sample: Callable[[int], np.ndarray] | None = None) -> faiss.Index:
    """The one place that picks the index type for n vectors; trained on `sample(k)`
    (k vectors spread over the corpus) when the type needs training."""
    if n <= FLAT_MAX_VECTORS:
        return faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
    nlist = ivf_lists(n)
    index = faiss.index_factory(dim, f"IVF{nlist},PQ{PQ_BYTES}", faiss.METRIC_INNER_PRODUCT)
    if sample is None:
        raise ValueError(f"an index of {n} vectors needs training vectors")
    training = np.ascontiguousarray(sample(min(n, nlist * TRAIN_PER_LIST)), dtype=np.float32)
    ivf = faiss.downcast_index(index)  # a view: `index` owns the C++ object
    ivf.do_polysemous_training = False  # only for Hamming-filtered search, which we do not use; slow
    ivf.cp.seed = SEED
    index.train(training)
    ivf.nprobe = NPROBE
    return index


def add_chunk(index: faiss.Index, chunk: Chunk) -> faiss.Index:
    ids, vectors = chunk
    if len(ids):
        index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.ascontiguousarray(ids, dtype=np.int64))
    return index


def _flat_to_codes(index: faiss.Index) -> faiss.Index:
    """A flat index as the int8 codes of its vectors (what is written to disk)."""
    flat = faiss.downcast_index(index.index)
    codes = faiss.IndexIDMap2(faiss.IndexScalarQuantizer(flat.d, faiss.ScalarQuantizer.QT_8bit_direct_signed,
                                                         faiss.METRIC_INNER_PRODUCT))
    if index.ntotal:
        vectors = flat.reconstruct_n(0, index.ntotal)
        codes.add_with_ids(to_codes(vectors).astype(np.float32), faiss.vector_to_array(index.id_map))
    return codes


def _codes_to_flat(codes: faiss.Index) -> faiss.Index:
    """The file's int8 codes back as a flat float32 index: exact search with float queries."""
    inner = faiss.downcast_index(codes.index)
    flat = faiss.IndexIDMap2(faiss.IndexFlatIP(inner.d))
    if codes.ntotal:
        flat.add_with_ids(from_codes(inner.reconstruct_n(0, codes.ntotal)), faiss.vector_to_array(codes.id_map))
    return flat


def merge_into(index: faiss.Index, shard: faiss.Index) -> faiss.Index:
    """Append a shard built from the same empty index (its vectors follow the ones already in)."""
    if shard.ntotal:
        index.merge_from(shard, 0)
    return index


def to_bytes(index: faiss.Index) -> np.ndarray:
    return faiss.serialize_index(index)


def from_bytes(data: np.ndarray) -> faiss.Index:
    return faiss.deserialize_index(np.asarray(data, dtype=np.uint8))


def describe(index: faiss.Index) -> str:
    if isinstance(index, faiss.IndexIDMap):
        return type(faiss.downcast_index(index.index)).__name__
    return type(faiss.downcast_index(index)).__name__


class SentenceIndex:
    """Nearest-sentence search by cosine; ids are whatever the index was built with."""

    def __init__(self, index: faiss.Index):
        self.index = index

    @classmethod
    def build(cls, ids: np.ndarray, vectors: np.ndarray, dim: int | None = None) -> "SentenceIndex":
        """An index of vectors held in memory (tests, benchmarks, small corpora)."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = vectors.shape[1] if vectors.ndim == 2 and vectors.shape[0] else (dim or 384)

        def sample(k: int) -> np.ndarray:
            return vectors[np.linspace(0, len(vectors) - 1, k).astype(np.int64)]

        return cls(add_chunk(empty_index(dim, len(vectors), sample), (ids, vectors)))

    @classmethod
    def from_chunks(cls, empty: faiss.Index, chunks: Iterable[Chunk]) -> "SentenceIndex":
        for chunk in chunks:
            add_chunk(empty, chunk)
        return cls(empty)

    @classmethod
    def load(cls, path: str | Path) -> "SentenceIndex":
        index = faiss.read_index(str(path))
        return cls(_codes_to_flat(index) if describe(index) == "IndexScalarQuantizer" else index)

    def save(self, path: str | Path) -> None:
        """Atomic: readers see the old file or the complete new one, never a partial one."""
        path = Path(path)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            faiss.write_index(_flat_to_codes(self.index) if self.exact else self.index, str(tmp))
            with open(tmp, "rb") as f:
                os.fsync(f.fileno())
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        fsync_dir(path.parent)

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    @property
    def kind(self) -> str:
        return describe(self.index)

    @property
    def exact(self) -> bool:
        """False when scores are approximate (product quantisation) and worth re-scoring."""
        return self.kind == "IndexFlatIP"

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids), each (n_queries, min(k, size)); an empty index gives empty rows."""
        queries = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        k = min(max(k, 0), self.size)
        if k == 0:
            return np.zeros((len(queries), 0), np.float32), np.zeros((len(queries), 0), np.int64)
        return self.index.search(queries, k)
