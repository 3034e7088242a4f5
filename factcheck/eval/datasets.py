"""Readers for the labelled datasets in ../shared/data, each in the format it ships in.

Every reader streams plain dataclasses and raises `DatasetError` naming file and line
when a record does not parse, so the training script and `factcheck eval` read data the
same way.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import DatasetError

# dataset label spellings → the verifier's stances
STANCE_OF = {
    "SUPPORT": "support", "SUPPORTS": "support", "SUPPORTED": "support", "ENTAILMENT": "support",
    "REFUTE": "refute", "REFUTES": "refute", "REFUTED": "refute", "CONTRADICT": "refute",
    "CONTRADICTION": "refute",
    "NEI": "nei", "NOTENOUGHINFO": "nei", "NEUTRAL": "nei", "NOT_ENTAILMENT": "nei",
}


def stance_of(label: str, path: Path | str = "?", line: int = 0) -> str:
    try:
        return STANCE_OF[label.strip().upper()]
    except KeyError:
        raise DatasetError(f"{path}:{line}: unknown label {label!r}") from None


@dataclass
class RationaleSet:
    sentences: list[int]
    stance: str


@dataclass
class ClaimRecord:
    """A claim in the SciFact schema (also Citation-Integrity and Check-COVID)."""

    id: str
    claim: str
    evidence: dict[str, list[RationaleSet]] = field(default_factory=dict)  # doc_id → sets
    cited_doc_ids: list[str] = field(default_factory=list)
    label: str | None = None  # claim-level stance when the dataset gives one (Check-COVID)


@dataclass
class PairRecord:
    """A claim (or hypothesis) with an evidence text and a stance."""

    id: str
    claim: str
    evidence: str
    stance: str
    group: str = ""  # e.g. HealthVer topic, for grouped cross-validation


def _open(path: Path):
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"{path}: no such dataset file")
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else open(path, encoding="utf-8")


def read_json_lines(path: Path | str) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-blank line; a bad line raises DatasetError."""
    with _open(Path(path)) as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise DatasetError(f"{path}:{n}: not valid JSON ({e.msg})") from None
            if not isinstance(obj, dict):
                raise DatasetError(f"{path}:{n}: expected a JSON object")
            yield n, obj


def _need(obj: dict, key: str, path, n):
    if key not in obj:
        raise DatasetError(f"{path}:{n}: missing key {key!r}")
    return obj[key]


def read_scifact_claims(path: Path | str) -> Iterator[ClaimRecord]:
    """SciFact / Citation-Integrity claims: evidence maps doc id → rationale sets."""
    for n, obj in read_json_lines(path):
        evidence = {}
        for doc_id, sets in (obj.get("evidence") or {}).items():
            evidence[str(doc_id)] = [
                RationaleSet([int(i) for i in s["sentences"]], stance_of(s["label"], path, n))
                for s in sets
            ]
        yield ClaimRecord(
            id=str(_need(obj, "id", path, n)),
            claim=str(_need(obj, "claim", path, n)),
            evidence=evidence,
            cited_doc_ids=[str(d) for d in obj.get("cited_doc_ids") or evidence.keys()],
        )


def read_check_covid(path: Path | str) -> Iterator[ClaimRecord]:
    """Check-COVID: one claim per line against one CORD-19 abstract (`cord:<id>` in the corpus)."""
    for n, obj in read_json_lines(path):
        doc_id = f"cord:{_need(obj, 'cord_id', path, n)}"
        stance = stance_of(_need(obj, "label", path, n), path, n)
        sents = sorted({int(e["sent_index"]) for e in obj.get("evidence_set") or []})
        evidence = {doc_id: [RationaleSet(sents, stance)]} if stance != "nei" else {}
        yield ClaimRecord(str(obj["id"]), str(_need(obj, "claim", path, n)), evidence, [doc_id], stance)


def read_healthver(path: Path | str) -> Iterator[PairRecord]:
    """HealthVer csv: id, evidence, claim, label (Supports/Refutes/Neutral), topic_ip, question."""
    with _open(Path(path)) as f:
        reader = csv.DictReader(f)
        missing = {"evidence", "claim", "label"} - set(reader.fieldnames or [])
        if missing:
            raise DatasetError(f"{path}:1: missing columns {sorted(missing)}")
        for row in reader:
            n = reader.line_num
            yield PairRecord(row.get("id") or str(n), row["claim"], row["evidence"],
                             stance_of(row["label"], path, n), row.get("topic_ip", ""))


def read_covidfact(path: Path | str) -> Iterator[PairRecord]:
    """COVID-Fact jsonl: claim, evidence (list of sentences), SUPPORTED/REFUTED."""
    for n, obj in read_json_lines(path):
        ev = _need(obj, "evidence", path, n)
        ev = " ".join(ev) if isinstance(ev, list) else str(ev)
        yield PairRecord(str(n), str(_need(obj, "claim", path, n)), ev,
                         stance_of(_need(obj, "label", path, n), path, n),
                         obj.get("gold_source", ""))


def read_sick(path: Path | str, split: str = "TRAIN") -> Iterator[PairRecord]:
    """SICK (tab-separated): entailment judgement of sentence_B given sentence_A."""
    with _open(Path(path)) as f:
        reader = csv.DictReader(f, delimiter="\t")
        for row in reader:
            if split and row.get("SemEval_set", split) != split:
                continue
            yield PairRecord(row["pair_ID"], row["sentence_B"], row["sentence_A"],
                             stance_of(row["entailment_judgment"], path, reader.line_num))


def read_fever_pairs(path: Path | str) -> Iterator[PairRecord]:
    """FEVER RTE pairs: entailment / not_entailment (not_entailment mixes refute and NEI)."""
    for n, obj in read_json_lines(path):
        yield PairRecord(str(obj.get("id", n)), obj["hypothesis"], obj["premise"],
                         stance_of(obj["label"], path, n))


def read_corpus_sentences(path: Path | str) -> dict[str, tuple[str, list[str]]]:
    """doc_id → (title, sentences) from a corpus jsonl (the shared abstracts.jsonl.gz)."""
    docs = {}
    for n, obj in read_json_lines(path):
        abstract = obj.get("abstract") or []
        if isinstance(abstract, str):
            from factcheck.corpus.sentences import split_sentences

            abstract = split_sentences(abstract)
        docs[str(obj.get("doc_id") or obj.get("id"))] = (obj.get("title") or "", list(abstract))
    return docs


# ---------------------------------------------------------------- strength and exaggeration
@dataclass
class StrengthRecord:
    """A sentence with how strongly it states a relation: 0 none, 1 correlational,
    2 conditional causal, 3 direct causal (the causal-language corpus's scale)."""

    id: str
    sentence: str
    label: int


@dataclass
class ExaggerationRecord:
    """An InSciOut pair: a press-release conclusion against its abstract's conclusion,
    each with a 0–3 strength, and the derived same / exaggerates / downplays label."""

    id: str
    press_release: str
    abstract: str
    press_strength: int
    abstract_strength: int
    label: str


EXAGGERATION_LABELS = ("same", "exaggerates", "downplays")


def _strength(value, path, n, lo: int = 0, hi: int = 3) -> int:
    try:
        v = int(str(value).strip())
    except (TypeError, ValueError):
        raise DatasetError(f"{path}:{n}: strength {value!r} is not an integer") from None
    if not lo <= v <= hi:
        raise DatasetError(f"{path}:{n}: strength {v} is outside {lo}–{hi}")
    return v


def read_causal_strength(path: Path | str) -> Iterator[StrengthRecord]:
    """causal-language csv: `sentence,label` (PubMed) or `sentId,sentence,label` (EurekAlert)."""
    with _open(Path(path)) as f:
        reader = csv.DictReader(f)
        missing = {"sentence", "label"} - set(reader.fieldnames or [])
        if missing:
            raise DatasetError(f"{path}:1: missing columns {sorted(missing)}")
        for row in reader:
            n = reader.line_num
            if row["sentence"] is None or row["label"] is None:
                raise DatasetError(f"{path}:{n}: too few fields")
            yield StrengthRecord(row.get("sentId") or str(n), row["sentence"], _strength(row["label"], path, n))


@dataclass
class CertaintyRecord:
    """A scientific finding with how certainly it is stated, 1 (very uncertain) to 6 (certain),
    as annotated by Pei & Jurgens (2021); `split` is theirs (train / val / test / ext)."""

    id: str
    sentence: str
    certainty: float
    split: str


def read_certainty(path: Path | str, splits: tuple[str, ...] | None = None) -> Iterator[CertaintyRecord]:
    """sentence-level-certainty.jsonl, optionally only the given splits."""
    for n, obj in read_json_lines(path):
        split = str(obj.get("split", ""))
        if splits is not None and split not in splits:
            continue
        value = _need(obj, "sentence-level-certainty", path, n)
        try:
            certainty = float(value)
        except (TypeError, ValueError):
            raise DatasetError(f"{path}:{n}: certainty {value!r} is not a number") from None
        if not 1.0 <= certainty <= 6.0:
            raise DatasetError(f"{path}:{n}: certainty {certainty} is outside 1–6")
        yield CertaintyRecord(str(obj.get("id", n)), str(_need(obj, "finding", path, n)), certainty, split)


def read_insciout(path: Path | str) -> Iterator[ExaggerationRecord]:
    """InSciOut pairs jsonl (insciout_train.jsonl)."""
    for n, obj in read_json_lines(path):
        label = str(_need(obj, "exaggeration_label", path, n)).strip().lower()
        if label not in EXAGGERATION_LABELS:
            raise DatasetError(f"{path}:{n}: unknown exaggeration label {label!r}")
        yield ExaggerationRecord(
            id=str(obj.get("original_file_id") or n),
            press_release=str(_need(obj, "press_release_conclusion", path, n)),
            abstract=str(_need(obj, "abstract_conclusion", path, n)),
            press_strength=_strength(_need(obj, "press_release_strength", path, n), path, n),
            abstract_strength=_strength(_need(obj, "abstract_strength", path, n), path, n),
            label=label,
        )


# ---------------------------------------------------------------- newsroom (article-level gold)
@dataclass
class GoldSpan:
    """A gold claim (with label) or non-claim (label None) in an article, by character span."""

    text: str
    start: int
    end: int
    label: str | None = None
    evidence: list[str] = field(default_factory=list)
    reason: str = ""


@dataclass
class NewsroomArticle:
    id: str
    title: str
    text: str
    claims: list[GoldSpan]
    non_claims: list[GoldSpan] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # records of the studies it reports; [] = not in the corpus


NEWSROOM_LABELS = ("supported", "overstated", "unsupported")


def _span(obj, path, n, text: str, labelled: bool) -> GoldSpan:
    if not isinstance(obj, dict):
        raise DatasetError(f"{path}:{n}: a claim or non_claim is not a JSON object")
    try:
        start, end = int(_need(obj, "start", path, n)), int(_need(obj, "end", path, n))
    except (TypeError, ValueError):
        raise DatasetError(f"{path}:{n}: start/end are not integers") from None
    quoted = str(obj.get("text", text[start:end]))
    if not 0 <= start <= end <= len(text) or text[start:end] != quoted:
        raise DatasetError(f"{path}:{n}: span {start}:{end} is not {quoted[:40]!r} in the article text")
    label = None
    if labelled:
        label = str(_need(obj, "label", path, n)).strip().lower()
        if label not in NEWSROOM_LABELS:
            raise DatasetError(f"{path}:{n}: unknown claim label {label!r}")
    return GoldSpan(quoted, start, end, label, [str(e) for e in obj.get("evidence") or []], obj.get("reason", ""))


def read_newsroom_articles(path: Path | str) -> Iterator[NewsroomArticle]:
    """articles.jsonl of the newsroom gold format; every span is checked against the text."""
    for n, obj in read_json_lines(path):
        text = _need(obj, "text", path, n)
        if not isinstance(text, str):
            raise DatasetError(f"{path}:{n}: text is not a string")
        yield NewsroomArticle(
            id=str(_need(obj, "id", path, n)),
            title=str(obj.get("title") or ""),
            text=text,
            claims=[_span(c, path, n, text, True) for c in _need(obj, "claims", path, n)],
            non_claims=[_span(c, path, n, text, False) for c in obj.get("non_claims") or []],
            sources=[str(x) for x in obj["sources"]] if isinstance(obj.get("sources"), list) else
            list(dict.fromkeys(e for c in _need(obj, "claims", path, n) for e in (c.get("evidence") or []))),
        )


def newsroom_paths(data: Path | str) -> tuple[Path, Path]:
    """articles.jsonl and corpus.jsonl of a newsroom folder (or of the folder of articles.jsonl)."""
    data = Path(data)
    folder = data if data.is_dir() else data.parent
    articles, corpus = folder / "articles.jsonl", folder / "corpus.jsonl"
    for p in (articles, corpus):
        if not p.is_file():
            raise DatasetError(f"{p}: no such dataset file (a newsroom set has articles.jsonl and corpus.jsonl)")
    return articles, corpus
