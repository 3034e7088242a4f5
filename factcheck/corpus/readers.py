"""One entry point for every corpus file format: `read_documents(path)`.

Picks the reader from the file name (and, when the name says nothing, the first bytes),
opens plain or gzipped files as a stream, and turns unreadable files into `CorpusError`.
Records that cannot be used come out as `Skipped` rather than stopping a long load.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Union

from factcheck.errors import CorpusError
from factcheck.schema import Document


@dataclass(frozen=True)
class Skipped:
    """A record that could not be read: file, 1-based line, and why."""

    path: str
    line: int
    reason: str


@dataclass(frozen=True)
class Deleted:
    """A record the source withdrew (<DeleteCitation> in PubMed update files)."""

    doc_id: str


Record = Union[Document, Skipped, Deleted]

_SNIFF_BYTES = 65536
_PUBMED_TAG = re.compile(rb"<(?:PubmedArticleSet|PubmedArticle|PubmedBookArticle|DeleteCitation)\b")
_JSON_SUFFIXES = (".jsonl", ".json", ".ndjson")
# What a broken or truncated (gzipped) file raises while being read.
READ_ERRORS = (OSError, EOFError, zlib.error)


def read_documents(path: str | Path) -> Iterator[Record]:
    """Stream the records of one corpus file: Documents, Skipped and Deleted.

    Checks the file now (raising CorpusError with a one-line message naming it) and
    returns a lazy iterator; a file that breaks while being read raises CorpusError then.
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"corpus file not found: {path}")
    if path.is_dir():
        raise CorpusError(f"{path} is a directory, not a corpus file")
    kind = _detect_format(path)
    if kind == "xml":
        from factcheck.corpus.pubmed_xml import parse_pubmed_xml as parse
    else:
        from factcheck.corpus.jsonl import parse_jsonl as parse
    return _guarded(parse, path)


def open_binary(path: Path) -> BinaryIO:
    """Open a file for streaming, decompressing it when it is gzip (by its magic bytes,
    so a misnamed file still reads)."""
    with open(path, "rb") as f:
        gzipped = f.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if gzipped else open(path, "rb")


def _guarded(parse, path: Path) -> Iterator[Record]:
    try:
        with open_binary(path) as stream:
            yield from parse(stream, str(path))
    except READ_ERRORS as e:
        raise CorpusError(f"cannot read {path}: {_one_line(e)}") from e


def _detect_format(path: Path) -> str:
    """'xml' or 'jsonl', from the name, then the content; CorpusError for anything else."""
    try:
        with open_binary(path) as f:
            head = f.read(_SNIFF_BYTES)
    except READ_ERRORS as e:
        raise CorpusError(f"cannot read {path}: {_one_line(e)}") from e
    name = path.name.lower().removesuffix(".gz")
    start = head.lstrip()[:1]
    is_pubmed = bool(_PUBMED_TAG.search(head))
    if name.endswith(".xml"):
        if not is_pubmed:
            raise CorpusError(f"{path} is not PubMed XML (no <PubmedArticleSet> element)")
        return "xml"
    if name.endswith(_JSON_SUFFIXES):
        if start == b"[":
            raise CorpusError(f"{path} is a JSON array, not JSON lines (one object a line)")
        return "jsonl"
    if start == b"<" and is_pubmed:
        return "xml"
    if start == b"{":
        return "jsonl"
    raise CorpusError(f"{path} is neither PubMed XML nor JSON lines (.xml, .jsonl, optionally .gz)")


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split()) or type(e).__name__
