"""The study behind the story: found from the whole article, checked first, or said to be absent."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from factcheck.report import render
from factcheck.schema import NO_SOURCE, SUPPORTED, UNSUPPORTED
from factcheck.source import numbers_in
from factcheck.verdict import NOT_ADDRESSED

LUPUS = Path(__file__).resolve().parents[1] / "eval" / "newsroom" / "lupus-car-t.md"
SCHEMA = Path(__file__).resolve().parents[1] / "factcheck" / "report" / "check-result.schema.json"

MALARIA = """New malaria vaccine protects three in four children, Burkina Faso trial finds

A malaria vaccine given in four doses protected about three in four young children from clinical malaria over a year, researchers in Nanoro reported. The trial enrolled 450 children aged 5 to 17 months. Amina Ouedraogo, a nurse in Nanoro, gave many of the injections herself.
"""


@pytest.fixture(scope="module")
def lupus_result(checker):
    return checker.check_file(LUPUS)


def test_the_lupus_story_is_found_to_report_the_case_report_and_its_claims_cite_it(lupus_result):
    top = lupus_result.sources[0]
    assert top.doc_id == "LUPUS-01" and top.accepted and top.confidence >= 0.5
    assert [s.doc_id for s in lupus_result.source_studies][0] == "LUPUS-01"
    line = lupus_result.source_line()
    assert line.startswith(f'This story appears to report: {top.cite}, "CD19-targeted CAR T cells')
    assert "confidence" in line
    by_text = {v.claim.text: v for v in lupus_result.verdicts}
    remission = by_text["She has not needed any lupus treatment for more than four months"]
    assert remission.label == SUPPORTED
    assert remission.evidence[0].doc_id == "LUPUS-01" and remission.evidence[0].source_study
    assert remission.claim.standalone.startswith("The 20-year-old has not needed")
    side_effects = by_text["She had no significant side effects in the first six weeks"]
    assert side_effects.label == SUPPORTED and side_effects.evidence[0].doc_id == "LUPUS-01"


def test_every_report_says_the_source_study_first(lupus_result):
    text = render(lupus_result, "text")
    assert text.splitlines()[0].endswith(lupus_result.source_line())
    assert lupus_result.source_line() in render(lupus_result, "markdown").replace("\\", "")
    assert "This story appears to report" in render(lupus_result, "html")
    payload = lupus_result.to_dict()
    jsonschema.validate(payload, __import__("json").loads(SCHEMA.read_text()))
    assert payload["source_study"]["found"] is True
    assert payload["source_study"]["candidates"][0]["doc_id"] == "LUPUS-01"
    assert all("standalone" in c for c in payload["claims"])


def test_a_story_whose_study_is_absent_says_so_and_supports_nothing_with_unrelated_abstracts(checker):
    result = checker.check_text(MALARIA, source="malaria.md")
    assert result.sources and not result.source_studies  # candidates ranked, none accepted
    assert result.source_line() == NO_SOURCE
    assert render(result, "text").splitlines()[0] == f"malaria.md: {NO_SOURCE}"
    assert all(v.label != SUPPORTED for v in result.verdicts), [(v.claim.text, v.reasons) for v in result.verdicts]
    nurse = next(v for v in result.verdicts if "nurse" in v.claim.text)
    assert nurse.label == UNSUPPORTED and nurse.reasons == [NOT_ADDRESSED] and nurse.evidence == []


def test_figures_are_read_without_separators_and_single_digits_are_ignored():
    assert numbers_in("19,114 people aged 70 took 100 mg for 4.7 years; 5 died") == {"19114", "70", "100", "4.7"}
