"""Corpus readers: PubMed XML (baseline, update, efetch), JSON lines, sentence splitting."""

from __future__ import annotations

import gzip
import itertools
import shutil
from pathlib import Path

import pytest

from factcheck.corpus.readers import Deleted, Skipped, read_documents
from factcheck.corpus.sentences import split_sentences, split_structured
from factcheck.errors import CorpusError
from factcheck.schema import Document

FIXTURES = Path(__file__).parent / "fixtures"
BASELINE = FIXTURES / "pubmed_baseline_sample.xml"
EFETCH = FIXTURES / "efetch_sample.xml"
UPDATE = FIXTURES / "pubmed_update_sample.xml"
JSONL = FIXTURES / "corpus_records.jsonl"
SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "abstracts.jsonl.gz"


def _gzip(src: Path, tmp_path: Path) -> Path:
    dst = tmp_path / (src.name + ".gz")
    with open(src, "rb") as f, gzip.open(dst, "wb") as g:
        shutil.copyfileobj(f, g)
    return dst


def _line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    lines = [i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line]
    return lines[occurrence - 1]


# --- PubMed XML -------------------------------------------------------------------------


def test_baseline_structured_abstract_every_field():
    doc = list(read_documents(BASELINE))[0]
    assert doc == Document(
        doc_id="pmid:31000001",
        pmid="31000001",
        title="Daily Lactobacillus rhamnosus supplementation and serum 25(OH)D3 in older adults: "
        "a randomized trial.",
        sentences=[
            "Probiotics have been proposed to raise vitamin D status, e.g. by improving absorption in the gut.",
            "Evidence from trials in older adults is limited.",
            "We randomly assigned 240 adults aged 65 years or older to L. rhamnosus (10^9 CFU/day) "
            "or placebo for 16 weeks.",
            "The primary outcome was the change in serum 25(OH)D (nmol/L).",
            "Serum 25(OH)D rose by 4.1 nmol/L with the probiotic vs. 3.2 nmol/L with placebo "
            "(difference 0.9; 95% CI -1.2 to 3.0; p = 0.41).",
            "Adverse events were rare in both groups.",
            "The probiotic did not meaningfully change vitamin D status in older adults.",
        ],
        sections=["BACKGROUND", "BACKGROUND", "METHODS", "METHODS", "RESULTS", "RESULTS", "CONCLUSIONS"],
        year=2019,
        journal="Journal of Clinical Nutrition Research",
        publication_types=["Journal Article", "Randomized Controlled Trial"],
        mesh=["Aged", "Humans", "Probiotics", "Vitamin D"],
    )


def test_baseline_unstructured_case_report_medline_date_iso_abbreviation():
    doc = list(read_documents(BASELINE))[1]
    assert doc.doc_id == "pmid:31000002" and doc.pmid == "31000002"
    assert doc.title == "Severe photosensitivity after high-dose St John's wort: a case report."
    assert doc.year == 2018  # <MedlineDate>2018 Nov-Dec</MedlineDate>
    assert doc.journal == "Case Rep Dermatol Med"  # no <Title>: ISOAbbreviation
    assert doc.publication_types == ["Case Reports", "Journal Article"]
    assert doc.mesh == ["Female", "Hypericum", "Photosensitivity Disorders"]
    assert doc.sentences == [
        "We describe a 54-year-old woman who developed blistering erythema on sun-exposed skin three "
        "weeks after starting an over-the-counter St John's wort extract (approx. 1800 mg/day).",
        "Symptoms resolved within 10 days of stopping the extract.",
        "Dr. Hale et al. reported a similar reaction in 2009.",
        "Clinicians should ask about herbal products in patients with new photosensitivity.",
    ]
    assert doc.sections == [""] * 4


def test_baseline_no_abstract_is_skipped_with_its_line():
    records = list(read_documents(BASELINE))
    assert len(records) == 4
    skipped = records[2]
    assert isinstance(skipped, Skipped)
    assert skipped.path == str(BASELINE)
    assert skipped.line == _line_of(BASELINE, "<PubmedArticle>", 3)
    assert skipped.reason.startswith("no abstract")


def test_baseline_inline_labels_and_article_date_year():
    doc = list(read_documents(BASELINE))[3]
    assert doc.year == 2021  # PubDate has only a Season: ArticleDate
    assert doc.sections == ["OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert doc.sentences[2] == (
        "Each additional hour of screen use after 21:00 was associated with a 14-min later "
        "sleep onset (95% CI 9-19; P < .001)."
    )
    assert doc.mesh == []


def test_efetch_article_and_book_article():
    article, book = list(read_documents(EFETCH))
    assert article.doc_id == "pmid:32000010"  # not the PMIDs of its references
    assert article.sections == ["Objective", "Design, Setting, and Participants", "Results", "CONCLUSIONS"]
    assert article.publication_types[-1] == "Research Support, N.I.H., Extramural"
    assert article.journal == "Hypertension Research Letters" and article.year == 2021
    assert book == Document(
        doc_id="pmid:32000020",
        pmid="32000020",
        title="Metformin",
        sentences=[
            "Metformin is a first-line oral drug for type 2 diabetes.",
            "It lowers hepatic glucose production and rarely causes hypoglycaemia when used alone.",
            "This chapter reviews its indications, dosing and adverse effects.",
        ],
        year=2022,
        journal="Handbook of Example Pharmacology",
        publication_types=["Review"],
    )


def test_update_file_emits_deleted():
    records = list(read_documents(UPDATE))
    assert isinstance(records[0], Document) and records[0].pmid == "31000001"
    assert records[0].publication_types == ["Journal Article", "Retraction of Publication"]
    assert records[1:] == [Deleted("pmid:31000002"), Deleted("pmid:29999999")]


@pytest.mark.parametrize("fixture", [BASELINE, EFETCH, UPDATE, JSONL])
def test_gzip_reads_the_same(fixture, tmp_path):
    zipped = _gzip(fixture, tmp_path)
    plain = list(read_documents(fixture))
    assert plain
    # identical records; Skipped differ only in the file they name
    assert list(read_documents(zipped)) == [
        Skipped(str(zipped), r.line, r.reason) if isinstance(r, Skipped) else r for r in plain
    ]


def test_xml_without_pmid_is_skipped(tmp_path):
    path = tmp_path / "nopmid.xml"
    path.write_text(BASELINE.read_text().replace('<PMID Version="1">31000002</PMID>', ""))
    skipped = [r for r in read_documents(path) if isinstance(r, Skipped)]
    assert skipped[0] == Skipped(str(path), _line_of(path, "<PubmedArticle>", 2), "no PMID")


def test_xml_syntax_error_yields_one_skipped_and_ends_the_file(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text(BASELINE.read_text().replace("<Title>Frontiers in Sleep Health</Title>", "<Title>oops</Titl>"))
    records = list(read_documents(path))
    assert [r.doc_id for r in records if isinstance(r, Document)] == ["pmid:31000001", "pmid:31000002"]
    last = records[-1]
    assert isinstance(last, Skipped) and last.path == str(path)
    assert last.reason.startswith("XML syntax error: ")
    assert last.line == _line_of(path, "</Titl>")


def test_truncated_gzip_raises_corpus_error(tmp_path):
    data = gzip.compress(BASELINE.read_bytes())
    path = tmp_path / "cut.xml.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorpusError, match="cut.xml.gz"):
        list(read_documents(path))


# --- JSON lines -------------------------------------------------------------------------


def test_jsonl_records_and_skips():
    records = list(read_documents(JSONL))
    docs = [r for r in records if isinstance(r, Document)]
    skipped = [r for r in records if isinstance(r, Skipped)]
    assert [d.doc_id for d in docs] == ["4983", "EX-0101", "pmid:28100200", "pmid:27000001", "EX-0103"]
    assert [(s.line, s.reason.split(":")[0]) for s in skipped] == [
        (5, "not JSON"),
        (7, "not a JSON object but list"),
        (8, "no title or abstract"),
    ]
    assert all(s.path == str(JSONL) for s in skipped)

    scifact, newsroom, pmid_only, melatonin, title_only = docs
    assert scifact.pmid is None and scifact.year is None and scifact.journal is None
    assert scifact.sentences[1] == "Each 1 g/day higher sodium intake was associated with 1.2 mm Hg higher systolic pressure."
    assert len(scifact.sentences) == 3 and scifact.sections == ["", "", ""]

    assert newsroom.sections == ["Background", "Methods", "Results", "Conclusions"]
    assert newsroom.sentences[1] == "5,000 adults wore monitors for 14 days (approx. 70,000 person-days)."
    assert newsroom.year == 2021 and newsroom.journal == "Heart Rhythm Reports"
    assert newsroom.publication_types == ["Journal Article", "Observational Study"]
    assert newsroom.mesh == ["Caffeine", "Atrial Fibrillation", "Humans"]

    assert pmid_only.pmid == "28100200" and len(pmid_only.sentences) == 3
    assert melatonin.pmid == "27000001" and melatonin.sections == ["RESULTS", "RESULTS"]
    assert melatonin.mesh == ["Melatonin"] and melatonin.year == 2002
    assert title_only.sentences == [] and title_only.title == "Title-only record with no abstract"


def test_jsonl_list_abstract_is_kept_exactly(tmp_path):
    path = tmp_path / "c.json"
    path.write_text('{"doc_id": "1", "title": "t", "abstract": ["a (1.2 +/-", " 0.3) b. C d."]}\n')
    (doc,) = read_documents(path)
    assert doc.sentences == ["a (1.2 +/-", " 0.3) b. C d."]  # evidence cites these indices


def test_jsonl_without_id_is_skipped(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('\n{"title": "t", "abstract": "A."}\n{"pmid": null, "doc_id": null, "title": "t"}\n')
    assert [(r.line, r.reason) for r in read_documents(path)] == [
        (2, "no id (doc_id, id or pmid)"),
        (3, "no id (doc_id, id or pmid)"),
    ]


def test_newsroom_corpus_format():
    path = SHARED_CORPUS.parents[1] / "newsroom" / "corpus.jsonl"
    if not path.exists():
        pytest.skip("../shared/data not present (it is in CI)")
    first = next(iter(read_documents(path)))
    assert first.doc_id == "EX-0001" and first.sections[0] == "Background" and first.year == 2020


def test_shared_corpus_first_200():
    if not SHARED_CORPUS.exists():
        pytest.skip("../shared/data not present (it is in CI)")
    records = list(itertools.islice(read_documents(SHARED_CORPUS), 200))
    assert len(records) == 200 and all(isinstance(r, Document) for r in records)
    assert all(r.doc_id and r.title and r.sentences for r in records)
    assert all(len(r.sections) == len(r.sentences) for r in records)
    assert records[0].doc_id == "4983" and records[0].pmid is None


# --- file errors ------------------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(CorpusError, match="not found.*nope.xml"):
        read_documents(tmp_path / "nope.xml")


def test_directory(tmp_path):
    with pytest.raises(CorpusError, match="directory"):
        read_documents(tmp_path)


@pytest.mark.parametrize(
    "name, content",
    [
        ("notes.txt", "just some text\n"),
        ("page.xml", "<html><body>Service unavailable</body></html>"),
        ("array.json", '[{"id": "1", "title": "t"}]'),
        ("blob.bin", "\x00\x01\x02"),
    ],
)
def test_unknown_format(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(CorpusError, match=name):
        read_documents(path)


def test_format_sniffed_when_name_says_nothing(tmp_path):
    xml, jsonl = tmp_path / "efetch_result", tmp_path / "records.txt"
    xml.write_bytes(EFETCH.read_bytes())
    jsonl.write_bytes(JSONL.read_bytes())
    assert len(list(read_documents(xml))) == 2
    assert any(isinstance(r, Document) for r in read_documents(jsonl))


# --- sentences --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Smith et al. found no effect. We disagree.", ["Smith et al. found no effect.", "We disagree."]),
        ("Rats vs. Mice were compared. Both died.", ["Rats vs. Mice were compared.", "Both died."]),
        ("Doses, e.g. 5 mg, i.e. Low doses, work.", ["Doses, e.g. 5 mg, i.e. Low doses, work."]),
        ("See Fig. 2 and No. 4. Dr. Lee agreed.", ["See Fig. 2 and No. 4.", "Dr. Lee agreed."]),
        ("It took approx. 5 days. Then it ended.", ["It took approx. 5 days.", "Then it ended."]),
        ("The rate was 0.05 per year. It fell.", ["The rate was 0.05 per year.", "It fell."]),
        ("Risk fell (p < 0.05). Mortality did not.", ["Risk fell (p < 0.05).", "Mortality did not."]),
        ("Risk fell, p < 0.05. Mortality did not.", ["Risk fell, p < 0.05.", "Mortality did not."]),
        ("As J. R. Smith showed, it works.", ["As J. R. Smith showed, it works."]),
        ("Levels of vitamin D. These were low.", ["Levels of vitamin D.", "These were low."]),
        ("E. coli grew. 12 patients died.", ["E. coli grew.", "12 patients died."]),
        ("Two arms (A. Drug; B. Placebo) ran. End.", ["Two arms (A. Drug; B. Placebo) ran.", "End."]),
        ("It rose (see Table 1. Values differ). Ok.", ["It rose (see Table 1. Values differ).", "Ok."]),
        ("Is it safe? Yes! (Mostly.) Done.", ["Is it safe?", "Yes!", "(Mostly.)", "Done."]),
        ("A typo (never closed. Next sentence.", ["A typo (never closed.", "Next sentence."]),
        ("Levels were low. in lower case it goes on.", ["Levels were low. in lower case it goes on."]),
        ("In the U.S. Adults differ.", ["In the U.S. Adults differ."]),
        ("  ", []),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_split_structured_labels():
    text = (
        "Some preamble. BACKGROUND: Salt matters. MATERIALS AND METHODS: We ran it at 12:00. "
        "Results: It worked (p < .01). Trial registration: NCT01234567. We asked: why? "
        "Conclusions and Relevance: Good."
    )
    assert split_structured(text) == [
        ("", "Some preamble."),
        ("BACKGROUND", "Salt matters."),
        ("MATERIALS AND METHODS", "We ran it at 12:00."),
        ("Results", "It worked (p < .01)."),
        ("Trial registration", "NCT01234567."),
        ("Trial registration", "We asked: why?"),
        ("Conclusions and Relevance", "Good."),
    ]


def test_split_structured_without_labels_and_on_new_lines():
    assert split_structured("No labels here. None at all.") == [("", "No labels here."), ("", "None at all.")]
    assert split_structured("OBJECTIVE: To test x\nMETHODS: A trial.") == [
        ("OBJECTIVE", "To test x"),
        ("METHODS", "A trial."),
    ]
