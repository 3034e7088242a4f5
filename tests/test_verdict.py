"""The verdict rules and the strength axes, on hand-set verifier probabilities."""

from factcheck.config import Config
from factcheck.schema import OVERSTATED, SUPPORTED, UNSUPPORTED, Claim, Evidence
from factcheck.verdict import NOT_ADDRESSED, decide, weakened
from factcheck.verify.strength import compare

CONFIG = Config(home="/nonexistent", embedding_model="unused")


def claim(text):
    return Claim(text, 0, len(text), 1, 1, text)


def ev(sentence, support=0.0, refute=0.0, score=0.8, **meta):
    return Evidence("d1", "A study", sentence, 0, pmid="123", score=score,
                    probs={"nei": 1 - support - refute, "support": support, "refute": refute}, **meta)


CASE = dict(publication_types=["Case Reports"], mesh=["Humans", "Female"])


def test_supported_when_backed_at_stated_strength():
    v = decide(claim("She went into remission within weeks"), [ev("She reached remission within weeks.", 0.92)], CONFIG)
    assert v.label == SUPPORTED and v.confidence == 0.92
    assert "PMID 123" in v.reasons[0]


def test_refuted_is_unsupported_and_cites_the_contradiction():
    v = decide(claim("Vitamin D prevents severe COVID-19"),
               [ev("Vitamin D did not reduce severity.", 0.005, 0.995), ev("Unrelated.", 0.2)], CONFIG)
    assert v.label == UNSUPPORTED and v.reasons[0].startswith("contradicted by PMID 123")
    assert v.evidence[0].probs["refute"] == 0.995


def test_nothing_found_is_unsupported():
    assert decide(claim("Coffee cures cancer"), [], CONFIG).label == UNSUPPORTED
    v = decide(claim("Coffee cures cancer"), [ev("Tea was studied.", 0.1, 0.05, score=0.1)], CONFIG)
    assert v.label == UNSUPPORTED and v.reasons == [NOT_ADDRESSED] and v.evidence == []
    v = decide(claim("Coffee lowers the risk of liver cancer"),
               [ev("Coffee drinkers were followed for ten years.", 0.1, 0.05)], CONFIG)
    assert v.label == UNSUPPORTED and v.reasons[0].startswith("no abstract in the corpus backs this claim; closest")


def test_only_a_sentence_about_the_claims_subject_can_back_it():
    """The learned relevance gate decides, when it has judged the sentence, whatever the cosine."""
    remission = claim("She went into remission within weeks")
    shape_only = ev("Thirteen patients underwent a second operation, of whom 5 achieved remission.", 0.9, score=0.6)
    shape_only.relevance = 0.1
    v = decide(remission, [shape_only], CONFIG)
    assert v.label == UNSUPPORTED and v.reasons == [NOT_ADDRESSED]
    shape_only.relevance = 0.9
    assert decide(remission, [shape_only], CONFIG).label == SUPPORTED


def test_strength_is_compared_with_the_source_study_not_with_another():
    """The story reports a mouse study: a claim about people is compared with it, not licensed
    by another abstract about people that happens to back the same words."""
    people = claim("Rapamycin extends lifespan in older people")
    source = ev("Rapamycin extended the lifespan of old mice by about 10 percent.", 0.6, source_study=True,
                mesh=["Animals", "Mice"])
    other = ev("Rapamycin extended lifespan in a trial of older people.", 0.7, mesh=["Humans", "Aged"])
    assert decide(people, [other], CONFIG).label == SUPPORTED
    v = decide(people, [other, source], CONFIG)
    assert v.label == OVERSTATED and "population" in [f.axis for f in v.findings], v.reasons


def test_absolute_wording_over_backing_is_overstated_with_suggestion():
    v = decide(claim("She is now completely healthy"), [ev("She remained in drug-free remission.", 0.7, **CASE)], CONFIG)
    assert v.label == OVERSTATED
    assert v.findings[0].axis == "absolute" and v.findings[0].claim_words == "completely healthy"
    assert v.suggestion == "in remission"


def test_weaker_version_is_reverified_before_calling_it_overstated():
    seen = []

    def reverify(text):
        seen.append(text)
        return [ev("She remained in drug-free remission.", 0.9, **CASE)]

    v = decide(claim("She is completely healthy"), [ev("She is in drug-free remission.", 0.2, **CASE)], CONFIG, reverify)
    assert seen == ["She is in remission"]
    assert v.label == OVERSTATED and 'the weaker "She is in remission"' in v.reasons[-1]
    assert v.evidence[0].sentence == "She remained in drug-free remission." and v.suggestion == "in remission"

    def nothing(text):
        return [ev("Mice were fed.", 0.1, score=0.1)]

    unrelated = [ev("Mice were fed.", 0.2, score=0.1)]
    assert decide(claim("She is completely healthy"), unrelated, CONFIG, nothing).label == UNSUPPORTED


def test_unbacked_claim_is_overstated_when_the_evidence_about_it_states_less():
    # the verifier balks at "three times" but the study is about exactly this, with a smaller figure
    about = ev("Those with low vitamin D were 1.5 times as likely to test positive (OR 1.5).", 0.1, 0.6, score=0.7)
    v = decide(claim("People with low vitamin D were three times as likely to test positive"), [about], CONFIG)
    assert v.label == OVERSTATED and [f.axis for f in v.findings] == ["number"]
    assert v.findings[0].evidence_words == "1.5 times" and v.reasons[-1].startswith("the evidence about it states less")
    assert v.confidence == CONFIG.weaker_evidence_confidence
    about.score = 0.2  # not about the claim's subject: it says nothing either way
    assert decide(claim("People with low vitamin D were three times as likely to test positive"), [about],
                  CONFIG).label == UNSUPPORTED


def test_world_first_is_flagged_unless_the_evidence_says_it():
    c = "She is the first lupus patient in the world to receive CAR T cells"
    assert [f.axis for f in compare(c, [ev("A 20-year-old woman received CAR T cells.", **CASE)])] == ["absolute"]
    assert compare(c, [ev("To our knowledge she is the first patient in the world treated this way.")]) == []


def test_world_first_rewording_keeps_what_it_was_about():
    c = "A young woman from Germany has become the first lupus patient in the world to receive CAR T cells"
    [f] = compare(c, [ev("A 20-year-old woman received CAR T cells.", **CASE)])
    assert f.suggestion == "one of the first lupus patients"
    assert weakened(c, [f]) == "A young woman from Germany has become one of the first lupus patients to receive CAR T cells"


def test_causal_claim_over_correlational_evidence():
    f = compare("Coffee prevents early death", [ev("Coffee drinking was associated with lower mortality.",
                                                   publication_types=["Cohort Studies"])])
    assert [x.axis for x in f] == ["causal"] and f[0].suggestion == "is linked to"
    # a randomised trial licenses causal wording
    assert compare("Statins reduce heart attacks", [ev("Statins were associated with fewer events.",
                                                       publication_types=["Randomized Controlled Trial"])]) == []


def test_certainty_above_hedged_evidence():
    f = compare("Curcumin stops tumour growth", [ev("Curcumin may slow tumour growth.")])
    assert "certainty" in [x.axis for x in f]
    assert compare("Curcumin may slow tumour growth", [ev("Curcumin may slow tumour growth.")]) == []


def test_people_claimed_from_mice_and_from_one_case():
    f = compare("Fasting boosts insulin sensitivity", [ev("Fasted mice showed better insulin sensitivity.",
                                                          mesh=["Animals", "Mice"])])
    assert [x.axis for x in f] == ["population"] and "mice" in f[0].explanation
    assert compare("Fasting boosts insulin sensitivity in mice", [ev("Fasted mice did better.", mesh=["Mice"])]) == []
    f = compare("CAR T cells put patients into remission", [ev("She reached remission.", **CASE)])
    assert [x.axis for x in f] == ["population"]


def test_everyone_and_people_in_general_from_a_handful():
    trial = [ev("Semaglutide reduced cardiovascular events in adults with overweight and heart disease.")]
    [f] = compare("Semaglutide prevents heart attacks in everyone who is overweight", trial)
    assert f.axis == "population" and f.claim_words == "everyone"
    [f] = compare("CAR T cells put lupus patients into remission", [ev("All five patients reached remission.")])
    assert f.axis == "population" and f.evidence_words == "five patients" and f.suggestion == "say it was five patients"
    assert compare("Five lupus patients went into remission", [ev("All five patients reached remission.")]) == []
    assert compare("CAR T cells put lupus patients into remission",
                   [ev("Of 120 patients, 80 reached remission.")]) == []


def test_weakened_applies_literal_suggestions_only():
    assert weakened("The drug cures lupus", compare("The drug cures lupus", [ev("It helped.")])) == "The drug treats lupus"
    assert weakened("It is a miracle cure", compare("It is a miracle cure", [ev("It helped.")])) == "It is a promising treatment"
    assert weakened("Exercise can cure depression", compare("Exercise can cure depression", [ev("It helped.")])) == \
        "Exercise can treat depression"
    # each form of the word gets a rewording that keeps the sentence grammatical
    for text, expected in (("Diet drinks are a proven way to lose weight", "Diet drinks are a suggested way to lose weight"),
                           ("The trial proves that statins work", "The trial suggests that statins work"),
                           ("The drug has no side effects in older people",
                            "The drug has no serious side effects reported in older people")):
        assert weakened(text, compare(text, [ev("It helped.")])) == expected
    # advice in parentheses is not literal text: nothing to re-verify
    assert weakened("It always works", compare("It always works", [ev("It helped.")])) is None
    assert weakened("She went into remission", []) is None


def test_an_unrelated_sentence_cannot_refute():
    side_effects = claim("She had no significant side effects in the first six weeks")
    other_study = ev("Gastrointestinal side effects were common with semaglutide.", 0.005, 0.995, score=0.2)
    same_study = ev("No significant side effects occurred during the first six weeks.", 0.6, 0.3)
    assert decide(side_effects, [other_study, same_study], CONFIG).label == SUPPORTED
    other_study.score = 0.5  # as relevant as the backing: now it contradicts
    assert decide(side_effects, [other_study, same_study], CONFIG).label == UNSUPPORTED


def test_sensational_words_mined_from_reviewers_verdicts():
    trial = [ev("The drug lowered HbA1c by 0.4 percentage points more than placebo.")]
    findings = compare("The new drug is a groundbreaking milestone for diabetes", trial)
    assert [(f.axis, f.claim_words) for f in findings] == [("absolute", "groundbreaking"), ("absolute", "milestone")]
    assert compare("The drug had a dramatic effect", [ev("The drug had a dramatic effect on HbA1c.")]) == []
