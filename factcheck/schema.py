"""The plain data classes that cross the pipeline's seams, and their versioned JSON form.

article → [Claim] → [Evidence] → [Verdict] → CheckResult. Offsets are Python string
indices into the original input, everywhere.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SCHEMA_VERSION = "1.1"  # 1.1: source_study, claims[].standalone, evidence[].relevance/source_study

SUPPORTED, OVERSTATED, UNSUPPORTED = "supported", "overstated", "unsupported"
LABELS = (SUPPORTED, OVERSTATED, UNSUPPORTED)

# verifier stances, in the order of the model's output logits
NEI, SUPPORT, REFUTE = "nei", "support", "refute"
STANCES = (NEI, SUPPORT, REFUTE)


@dataclass
class Document:
    """One corpus record (a PubMed abstract). `sentences` and `sections` run in parallel:
    sections[i] is the structured-abstract label of sentence i ("" when unlabelled)."""

    doc_id: str
    title: str
    sentences: list[str]
    sections: list[str] = field(default_factory=list)
    pmid: str | None = None
    year: int | None = None
    journal: str | None = None
    publication_types: list[str] = field(default_factory=list)
    mesh: list[str] = field(default_factory=list)

    def __post_init__(self):
        if not self.sections:
            self.sections = [""] * len(self.sentences)


@dataclass
class Article:
    """An input to check: the original text plus a prose view of it.

    `plain` is what claim extraction reads (markup stripped); `offsets[i]` is the index in
    `original` of plain[i], so every span found in `plain` maps back to the file."""

    original: str
    plain: str
    offsets: list[int]
    source: str = "<text>"
    format: str = "text"

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of `plain` to the original text."""
        if end <= start:
            o = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1

    def line_column(self, index: int) -> tuple[int, int]:
        """1-based line and column of an index into `original`."""
        line = self.original.count("\n", 0, index) + 1
        column = index - (self.original.rfind("\n", 0, index) + 1) + 1
        return line, column


@dataclass
class Claim:
    """An atomic, checkable statement. `text` is what gets verified (attribution dropped,
    compound sentences split); `start`/`end` locate it in the original input."""

    text: str
    start: int
    end: int
    line: int
    column: int
    sentence: str = ""  # the whole sentence it came from, for context
    standalone: str = ""  # the claim readable alone (pronouns resolved from the article): what is retrieved and judged

    def __post_init__(self):
        self.standalone = self.standalone or self.text


@dataclass
class Evidence:
    """A corpus sentence judged against a claim."""

    doc_id: str
    title: str
    sentence: str
    sentence_index: int
    pmid: str | None = None
    score: float = 0.0  # retrieval score (fused)
    stance: str = NEI  # verifier's argmax: support / refute / nei
    probs: dict[str, float] = field(default_factory=dict)  # stance → probability
    year: int | None = None
    journal: str | None = None
    publication_types: list[str] = field(default_factory=list)
    mesh: list[str] = field(default_factory=list)
    relevance: float | None = None  # P(the sentence is about the claim's subject), when judged
    source_study: bool = False  # from an abstract the article appears to report

    @property
    def url(self) -> str | None:
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else None

    @property
    def cite(self) -> str:
        return f"PMID {self.pmid}" if self.pmid else f"doc {self.doc_id}"

    def to_dict(self) -> dict:
        d = asdict(self)
        d["url"] = self.url
        return d


@dataclass
class SourceStudy:
    """A candidate for the study an article reports (see factcheck/source.py)."""

    doc_id: str
    title: str
    pmid: str | None
    year: int | None
    journal: str | None
    confidence: float  # P(this is a study the article reports)
    accepted: bool  # confident enough to check the claims against it first
    features: dict[str, float] = field(default_factory=dict)

    @property
    def cite(self) -> str:
        return f"PMID {self.pmid}" if self.pmid else f"doc {self.doc_id}"

    def describe(self) -> str:
        """ "PMID 123, "Title", 2021 (confidence 0.93)" """
        year = f", {self.year}" if self.year else ""
        return f'{self.cite}, "{self.title}"{year} (confidence {self.confidence:.2f})'

    def to_dict(self) -> dict:
        return {**asdict(self), "url": f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else None}


NO_SOURCE = "No source study found in the corpus; try --fetch"


@dataclass
class Finding:
    """One way a claim outruns its evidence (the reason behind 'overstated')."""

    axis: str  # absolute | certainty | causal | population | number
    claim_words: str  # the words in the claim that overstate
    evidence_words: str = ""  # what the evidence says instead
    explanation: str = ""
    suggestion: str | None = None  # a fair rewording of claim_words


@dataclass
class Verdict:
    claim: Claim
    label: str
    confidence: float
    reasons: list[str]
    evidence: list[Evidence] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def suggestion(self) -> str | None:
        return next((f.suggestion for f in self.findings if f.suggestion), None)

    @property
    def flagged(self) -> bool:
        return self.label != SUPPORTED

    def to_dict(self) -> dict:
        c = self.claim
        return {
            "text": c.text,
            "standalone": c.standalone,
            "sentence": c.sentence,
            "start": c.start,
            "end": c.end,
            "line": c.line,
            "column": c.column,
            "label": self.label,
            "confidence": round(self.confidence, 4),
            "reasons": list(self.reasons),
            "suggestion": self.suggestion,
            "findings": [asdict(f) for f in self.findings],
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass
class CheckResult:
    source: str
    verdicts: list[Verdict]
    text: str = ""  # the original input, for reports that show the article (not in JSON)
    models: dict[str, str] = field(default_factory=dict)
    corpus: dict[str, object] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # stage → seconds
    sources: list[SourceStudy] = field(default_factory=list)  # candidates, most probable first

    @property
    def source_studies(self) -> list[SourceStudy]:
        """The studies the article appears to report (accepted candidates)."""
        return [s for s in self.sources if s.accepted]

    def source_line(self) -> str:
        """What every report says first: the study behind the story, or that none was found."""
        found = self.source_studies
        if not found:
            return NO_SOURCE
        return "This story appears to report: " + "; ".join(s.describe() for s in found)

    def counts(self) -> dict[str, int]:
        return {label: sum(v.label == label for v in self.verdicts) for label in LABELS}

    @property
    def flagged(self) -> bool:
        return any(v.flagged for v in self.verdicts)

    def to_dict(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source,
            "summary": {"claims": len(self.verdicts), **self.counts()},
            "source_study": {"found": bool(self.source_studies), "message": self.source_line(),
                             "candidates": [s.to_dict() for s in self.sources]},
            "claims": [v.to_dict() for v in self.verdicts],
            "models": dict(self.models),
            "corpus": dict(self.corpus),
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
        }
