"""Figures in health sentences (factcheck.verify.quantities) and the number axis of the comparison."""

import pytest

from factcheck.schema import Evidence
from factcheck.verify.quantities import COUNT, DURATION, PERCENT, RATIO, quantities
from factcheck.verify.strength import numbers


def found(text):
    return [(q.kind, round(q.value, 1), q.text) for q in quantities(text)]


@pytest.mark.parametrize("text, expected", [
    ("has not needed any lupus treatment for more than four months", [(DURATION, 121.6, "four months")]),
    ("Four other patients treated the same way", [(COUNT, 4.0, "Four other patients")]),
    ("Hundreds of patients were treated within a year",
     [(COUNT, 200.0, "Hundreds of patients"), (DURATION, 365.2, "a year")]),
    ("twenty-three adults and one hundred and five children",
     [(COUNT, 23.0, "twenty-three adults"), (COUNT, 105.0, "one hundred and five children")]),
    ("a 12-week trial of 116 adults", [(DURATION, 84.0, "12-week"), (COUNT, 116.0, "116 adults")]),
    ("cuts the risk in half", [(PERCENT, 50.0, "half")]),
    ("Mediterranean diet halves heart attack risk", [(PERCENT, 50.0, "halves")]),
    ("by a third", [(PERCENT, 33.3, "a third")]),
    ("Aspirin tripled the risk (HR 1.38; 95% CI 1.18 to 1.62)", [(RATIO, 3.0, "tripled"), (RATIO, 1.4, "HR 1.38")]),
    ("three times as likely to test positive", [(RATIO, 3.0, "three times")]),
    ("a 2.5-fold increase", [(RATIO, 2.5, "2.5-fold")]),
    ("hazard ratio 0.70 for death", [(PERCENT, 30.0, "hazard ratio 0.70")]),
])
def test_reads_counts_durations_percentages_and_ratios(text, expected):
    assert found(text) == expected


def test_ages_rates_and_confidence_levels_are_not_findings():
    assert found("A 20-year-old woman") == []
    assert found("people aged 70 years or older") == []
    assert found("taking 100 mg of aspirin a day") == [(COUNT, 100.0, "100 mg")]
    assert found("twice a week") == []
    assert found("(95% CI 0.8 to 0.9)") == []


def ev(sentence):
    return Evidence("d1", "A study", sentence, 0, score=0.8)


@pytest.mark.parametrize("claim, evidence, words", [
    ("Hundreds of patients have been cured", "Five patients reached drug-free remission.",
     ("Hundreds of patients", "Five patients")),
    ("She has been free of treatment for a year", "She needed no treatment for four months.",
     ("a year", "four months")),
    ("The vaccine halved infections", "Infections fell by 15% in the vaccinated group.", ("halved", "15%")),
    ("Vaping triples smokers' chances of quitting",
     "18 percent of those given e-cigarettes had stopped smoking, compared with 10 percent of the others.",
     ("triples", "18 percent against 10 percent")),
])
def test_number_axis_flags_a_figure_the_evidence_does_not_reach(claim, evidence, words):
    [f] = numbers(claim, [ev(evidence)])
    assert f.axis == "number" and (f.claim_words, f.evidence_words) == words
    assert words[1] in f.suggestion


@pytest.mark.parametrize("claim, evidence", [
    ("Five patients reached remission", "Five patients reached drug-free remission."),
    ("Deaths fell by about 15 percent", "Deaths fell by 16% (95% CI 10 to 22)."),
    ("The diet cut heart attacks by a third", "Heart attacks fell by 30 percent."),
    ("The trial lasted a year", "Patients were followed for 12 months."),
    ("Hundreds of patients took part", "The trial enrolled 2,000 adults."),
    ("Aspirin doubled bleeding", "Bleeding was reported."),  # no figure in the evidence: nothing to compare
    ("Five patients reached remission", "Five mice were treated for 300 days."),  # different things counted
])
def test_number_axis_leaves_matching_or_incomparable_figures_alone(claim, evidence):
    assert numbers(claim, [ev(evidence)]) == []
