"""Reports in every format, from one hand-built CheckResult (no models, no corpus)."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from factcheck.report import FORMATS, render, shorten
from factcheck.report.html import mark_spans
from factcheck.report.json import load_schema
from factcheck.schema import (
    NEI,
    OVERSTATED,
    REFUTE,
    SCHEMA_VERSION,
    SUPPORT,
    SUPPORTED,
    UNSUPPORTED,
    CheckResult,
    Claim,
    Evidence,
    Finding,
    Verdict,
)

TEXT = (
    "# Coffee & health\n"
    "\n"
    "Drinking coffee every day makes you completely healthy, a new study says. "
    "Moderate coffee intake is associated with lower mortality in adults.\n"
    "\n"
    'Researchers said <script>alert("x")</script> vitamin D cures depression. '
    "Green tea melts belly fat overnight.\n"
)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def claim(text, sentence=""):
    """A Claim located in TEXT by search, with 1-based line/column as the pipeline gives."""
    start = TEXT.index(text)
    line = TEXT.count("\n", 0, start) + 1
    column = start - (TEXT.rfind("\n", 0, start) + 1) + 1
    return Claim(text, start, start + len(text), line, column, sentence or text)


def ev(pmid, sentence, stance, p, doc_id="d1", **meta):
    probs = {NEI: round(1 - p, 4), stance: p} if stance != NEI else {NEI: p}
    return Evidence(doc_id, f"Study {doc_id}", sentence, 2, pmid=pmid, score=0.71, stance=stance, probs=probs, **meta)


@pytest.fixture
def result():
    coffee = ev("111", "Habitual coffee consumption was associated with a 12% lower all-cause mortality.", SUPPORT,
                0.91, year=2017, journal="Ann Intern Med", publication_types=["Meta-Analysis"], mesh=["Coffee"])
    overstated = Verdict(
        claim("Drinking coffee every day makes you completely healthy",
              "Drinking coffee every day makes you completely healthy, a new study says."),
        OVERSTATED, 0.78,
        ['absolute: "completely healthy" — no study shows a food makes anyone completely healthy',
         "the evidence is observational"],
        evidence=[coffee],
        findings=[Finding("absolute", "completely healthy", "lower mortality", "absolute wording",
                          "healthier on some measures"),
                  Finding("causal", "makes", "associated with", "association, not cause")])
    supported = Verdict(
        claim("Moderate coffee intake is associated with lower mortality in adults"), SUPPORTED, 0.9,
        ["supported by PMID 111"], evidence=[coffee])
    script = Verdict(
        claim('<script>alert("x")</script> vitamin D cures depression'), UNSUPPORTED, 0.83,
        ["contradicted by PMID 222", "trials found no effect"],
        evidence=[ev(None, "Vitamin D & mood: a <b>pilot</b> found no benefit.", SUPPORT, 0.4, doc_id="local-9"),
                  ev("222", "Vitamin D supplementation did not reduce depression scores compared with placebo.",
                     REFUTE, 0.88, doc_id="d2")])
    no_evidence = Verdict(claim("Green tea melts belly fat overnight"), UNSUPPORTED, 0.6,
                          ["no relevant evidence found in the corpus"])
    # deliberately not in document order: reports must sort
    return CheckResult("draft.md", [script, supported, no_evidence, overstated], text=TEXT,
                       models={"verifier": "biolinkbert-nli@abc123"}, corpus={"documents": 1200, "built": "2024-05-01"},
                       timings={"claims": 0.12345, "verify": 1.5})


def test_unknown_format_raises(result):
    with pytest.raises(ValueError, match="pdf"):
        render(result, "pdf")
    assert FORMATS == ("text", "json", "markdown", "html")
    assert all(render(result, f) for f in FORMATS)


# ---- text -------------------------------------------------------------------------------

def test_text_lines_locations_and_summary(result):
    source, corpus, *lines = render(result).splitlines()
    assert source == "draft.md: No source study found in the corpus; try --fetch"  # the study behind it, first
    assert corpus == "draft.md: corpus: 1,200 abstracts in the corpus home"  # and what it was checked against
    assert lines[0] == (
        'draft.md:3:1: overstated: "Drinking coffee every day makes you completely healthy" — '
        'absolute: "completely healthy" — no study shows a food makes anyone completely healthy; '
        'evidence: PMID 111 "Habitual coffee consumption was associated with a 12% lower all-cause mortality." '
        '(suggest: "healthier on some measures")')
    assert lines[1] == "    the evidence is observational"
    assert lines[2].startswith('draft.md:3:75: supported: "Moderate coffee intake')
    # unsupported cites the refuting sentence, not the top-ranked one
    assert lines[3].startswith('draft.md:5:18: unsupported: "<script>alert("x")</script> vitamin D cures depression"'
                               ' — contradicted by PMID 222; evidence: PMID 222 "Vitamin D supplementation')
    assert lines[5] == ('draft.md:5:74: unsupported: "Green tea melts belly fat overnight" — '
                        "no relevant evidence found in the corpus; evidence: none")
    assert lines[-1] == "4 claims: 1 supported, 1 overstated, 2 unsupported"
    assert len(lines) == 7


def test_a_corpus_still_being_embedded_is_said(result):
    from dataclasses import replace

    partial = replace(result, corpus={**result.corpus, "embedded_documents": 300})
    assert render(partial).splitlines()[1] == (
        "draft.md: corpus: 1,200 abstracts in the corpus home; only 300 of them embedded so far (BM25 searched "
        "all, dense search those): `factcheck corpus embed` finishes the rest")


def test_text_colour_only_when_asked(result):
    plain = render(result, "text", color=False)
    coloured = render(result, "text", color=True)
    assert "\x1b" not in plain
    assert "\x1b[31m" in coloured and "\x1b[33m" in coloured and "\x1b[32m" in coloured  # red, yellow, green
    assert ANSI.sub("", coloured) == plain


def test_text_shortens_long_claims_and_sentences(result):
    v = result.verdicts[1]
    v.claim.text = "coffee " * 40
    v.evidence[0].sentence = "word " * 60
    line = next(line for line in render(result).splitlines() if ": supported:" in line)
    assert "…" in line and len(line) < 260
    assert shorten("a  b\n c", 10) == "a b c"


def test_text_without_claims():
    assert render(CheckResult("x.md", [])) == "no checkable claims found\n"


# ---- json -------------------------------------------------------------------------------

def test_json_round_trips_and_validates(result):
    out = render(result, "json")
    data = json.loads(out)
    assert data == result.to_dict()
    assert data["schema_version"] == SCHEMA_VERSION
    assert "—" in out and "\\u2014" not in out  # ensure_ascii=False
    jsonschema.validate(data, load_schema(), cls=jsonschema.Draft202012Validator)
    jsonschema.validate(json.loads(render(CheckResult("-", []), "json")), load_schema())


def test_schema_is_strict_so_drift_is_caught(result):
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = result.to_dict()
    data["claims"][0]["evidence"][0]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data = result.to_dict()
    data["claims"][0]["label"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    assert re.fullmatch(schema["properties"]["schema_version"]["pattern"], SCHEMA_VERSION)


def test_docs_example_validates():
    doc = (Path(__file__).parent.parent / "docs" / "json-schema.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", doc, re.S).group(1)
    jsonschema.validate(json.loads(example), load_schema())


# ---- markdown ---------------------------------------------------------------------------

def test_markdown_sections_links_and_escaping(result):
    md = render(result, "markdown")
    assert md.startswith("# Fact-check: draft.md\n")
    assert "**4 claims: 1 supported, 1 overstated, 2 unsupported**" in md
    assert "## Flagged claims" in md and "## Supported claims" in md
    headings = re.findall(r"^### (\d+)\. (\w+):", md, re.M)
    assert headings == [("1", "Overstated"), ("2", "Unsupported"), ("3", "Unsupported")]
    assert "[PMID 111](https://pubmed.ncbi.nlm.nih.gov/111/)" in md
    assert "[PMID 222](https://pubmed.ncbi.nlm.nih.gov/222/) (refutes" in md
    assert "- doc local-9 (supports)" in md  # no PMID: no link
    assert "**Suggested rewording:** “healthier on some measures”" in md
    assert "\\<script\\>" in md and "<script>" not in md and "<b>" not in md
    assert "No relevant evidence found" in md
    assert "| 3:75 | Moderate coffee intake is associated with lower mortality in adults | 90% |" in md


# ---- html -------------------------------------------------------------------------------

class Marks(HTMLParser):
    """Collects each <mark>'s attributes and text, and every tag seen."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marks, self.tags, self._open = [], set(), None

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "mark":
            self._open = [dict(attrs), ""]

    def handle_endtag(self, tag):
        if tag == "mark":
            self.marks.append(tuple(self._open))
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data


def parse(page):
    parser = Marks()
    parser.feed(page)
    return parser


def test_html_marks_claims_at_their_offsets(result):
    page = render(result, "html")
    marks = parse(page).marks
    ordered = sorted(result.verdicts, key=lambda v: v.claim.start)
    assert len(marks) == len(ordered)
    for (attrs, text), v in zip(marks, ordered):
        assert text == result.text[v.claim.start:v.claim.end]
        assert attrs["class"] == f"fc-{v.label}" and v.label in attrs["title"]
    assert 'white-space: pre-wrap' in page


def test_html_escapes_user_text_and_is_self_contained(result):
    page = render(result, "html")
    tags = parse(page).tags
    assert "script" not in tags and "b" not in tags
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<link" not in page and "src=" not in page and "@import" not in page
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/222/">PMID 222</a>' in page
    assert "healthier on some measures" in page and "78%" in page
    for label in (SUPPORTED, OVERSTATED, UNSUPPORTED):  # label words, not colour alone
        assert f'<span class="label">{label}</span>' in page
    assert '<li class="badge fc-unsupported">2 unsupported</li>' in page


def test_html_survives_overlapping_and_out_of_range_spans(result):
    v = sorted(result.verdicts, key=lambda v: v.claim.start)
    v[1].claim.start = v[0].claim.start + 10  # overlaps the first claim
    v[3].claim.end = len(TEXT) + 50  # runs past the end
    extra = Verdict(Claim("ghost", 9999, 10010, 99, 1), SUPPORTED, 0.5, [])
    result.verdicts.append(extra)
    spans = mark_spans(result.text, sorted(result.verdicts, key=lambda v: (v.claim.start, v.claim.end)))
    assert [s[2] for s in spans] == [1, 2, 3, 4]
    assert all(prev[1] <= nxt[0] < nxt[1] <= len(TEXT) for prev, nxt in zip(spans, spans[1:]))
    page = render(result, "html")
    marks = parse(page).marks
    assert len(marks) == 4 and marks[-1][1] == TEXT[v[3].claim.start:]
    assert 'id="claim-5"' in page  # the unmarkable claim still gets its card


def test_html_without_text_or_claims():
    page = render(CheckResult("x", []), "html")
    assert "No checkable claims found." in page and "not available" in page
