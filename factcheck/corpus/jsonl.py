"""JSON-lines corpora: one record a line, as the development corpus and the newsroom
gold set store them (`doc_id` | `id` | `pmid`, `title`, `abstract` string or sentence
list, optional `year`, `journal`, `publication_types`, `mesh`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import BinaryIO

from factcheck.corpus.readers import Record, Skipped
from factcheck.corpus.sentences import split_structured
from factcheck.schema import Document

_PMID_ID = re.compile(r"pmid:(\d+)")


class _BadRecord(ValueError):
    """A line that is JSON but not a usable record; the message is the skip reason."""


def parse_jsonl(stream: BinaryIO, name: str) -> Iterator[Record]:
    """Yield a Document, or a Skipped naming the line, for each non-blank line."""
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as e:
            yield Skipped(name, number, f"not JSON: {' '.join(str(e).split())}")
            continue
        try:
            yield to_document(obj)
        except _BadRecord as e:
            yield Skipped(name, number, str(e))


def to_document(obj: object) -> Document:
    """One decoded JSON record as a Document; raises _BadRecord saying what is wrong."""
    if not isinstance(obj, dict):
        raise _BadRecord(f"not a JSON object but {type(obj).__name__}")
    doc_id, pmid = _ids(obj)
    title = obj.get("title")
    abstract = obj.get("abstract")
    if not title and not abstract:
        raise _BadRecord("no title or abstract")
    if title is not None and not isinstance(title, str):
        raise _BadRecord("title is not a string")
    sentences, sections = _abstract(abstract, obj.get("sections"))
    return Document(
        doc_id=doc_id,
        title=title or "",
        sentences=sentences,
        sections=sections,
        pmid=pmid,
        year=_year(obj.get("year")),
        journal=obj.get("journal") if isinstance(obj.get("journal"), str) else None,
        publication_types=_strings(obj.get("publication_types")),
        mesh=_strings(obj.get("mesh")),
    )


def _ids(obj: dict) -> tuple[str, str | None]:
    """doc_id: the first of doc_id / id / pmid present; pmid from the record or from a
    "pmid:123" id."""
    raw_pmid = obj.get("pmid")
    pmid = str(raw_pmid).strip() if raw_pmid not in (None, "") else None
    for key in ("doc_id", "id"):
        value = obj.get(key)
        if value not in (None, "") and not isinstance(value, (dict, list, bool)):
            doc_id = str(value).strip()
            if pmid is None and (m := _PMID_ID.fullmatch(doc_id)):
                pmid = m.group(1)
            return doc_id, pmid
    if pmid:
        return f"pmid:{pmid}", pmid
    raise _BadRecord("no id (doc_id, id or pmid)")


def _abstract(abstract: object, sections: object) -> tuple[list[str], list[str]]:
    """A string is split (inline labels become sections); a list is kept exactly as
    given, because evidence is cited by sentence index into it."""
    if abstract is None:
        return [], []
    if isinstance(abstract, str):
        pairs = split_structured(abstract)
        return [s for _, s in pairs], [label for label, _ in pairs]
    if isinstance(abstract, list) and all(isinstance(s, str) for s in abstract):
        labels = sections if _is_labels(sections, len(abstract)) else []
        return list(abstract), list(labels)
    raise _BadRecord("abstract is neither a string nor a list of strings")


def _is_labels(sections: object, n: int) -> bool:
    if not isinstance(sections, list) or len(sections) != n:
        return False
    return all(isinstance(s, str) for s in sections)


def _year(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v]
    return []
