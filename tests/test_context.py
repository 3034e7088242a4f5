"""Claims that stand alone: pronouns resolved from the article, spans untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.article import parse_article, read_article
from factcheck.claims import ClaimExtractor
from factcheck.context import make_standalone

LUPUS = Path(__file__).resolve().parents[1] / "eval" / "newsroom" / "lupus-car-t.md"


@pytest.fixture(scope="module")
def extractor():
    return ClaimExtractor()


def test_pronouns_take_the_nearest_agreeing_antecedent_and_spans_stay_on_the_original(extractor):
    article = read_article(LUPUS, 10 ** 7)
    claims = make_standalone(article, extractor.extract(article), extractor.nlp)
    by_text = {c.text: c for c in claims}
    assert by_text["She went into remission within weeks"].standalone == "The 20-year-old went into remission within weeks"
    # a possessive, and a plural whose antecedent itself holds a possessive
    assert by_text["Doctors in Erlangen took her own T cells"].standalone.endswith("took the 20-year-old's own T cells")
    assert "altered the 20-year-old's own T cells to target cancer" in \
        by_text["Doctors in Erlangen altered them to target cancer"].standalone
    # nothing to resolve: the claim as written
    assert by_text["The therapy cures lupus"].standalone == "The therapy cures lupus"
    for c in claims:  # the report still points at the words the article wrote
        assert (c.line, c.column) == article.line_column(c.start)
    she = by_text["She went into remission within weeks"]
    assert article.original[she.start:she.end] == "she went into remission within weeks"


def test_a_pronoun_with_no_antecedent_is_left_as_written(extractor):
    article = parse_article("They say the new drug lowers blood pressure in adults.", "text", "<t>")
    [claim] = make_standalone(article, extractor.extract(article), extractor.nlp)
    assert claim.standalone == claim.text


def test_plural_pronouns_skip_a_singular_person(extractor):
    text = ("Researchers gave 40 volunteers with asthma a new inhaler for a month.\n\n"
            "They used less rescue medication than before.")
    article = parse_article(text, "text", "<t>")
    claims = make_standalone(article, extractor.extract(article), extractor.nlp)
    last = claims[-1]
    assert last.text.startswith("They used less rescue medication")
    assert last.standalone.startswith("40 volunteers used less rescue medication"), last.standalone
