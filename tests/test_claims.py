"""Claim extraction: non-claims left out, attribution dropped, clauses split, spans exact."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from factcheck.article import parse_article, read_article
from factcheck.claims import ClaimExtractor

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="module")
def extractor() -> ClaimExtractor:
    return ClaimExtractor()


@pytest.fixture(scope="module")
def lupus(extractor):
    article = read_article(FIXTURES / "lupus_story.md", 2_000_000)
    return article, extractor.extract(article)


def texts(claims) -> list[str]:
    return [c.text for c in claims]


def find(claims, words: str):
    hits = [c for c in claims if words.lower() in c.text.lower()]
    assert hits, f"no claim with {words!r} in {texts(claims)}"
    return hits[0]


def claims_of(extractor, text: str):
    return extractor.extract(parse_article(text, "text", "t.txt"))


def test_lupus_story_claims(lupus):
    _, claims = lupus
    assert find(claims, "remission").text == "She went into remission within weeks"
    assert find(claims, "four months").text == "She has not needed treatment for four months"
    find(claims, "completely healthy")
    assert "first lupus patient in the world" in find(claims, "first lupus patient").text
    find(claims, "to target cancer")
    find(claims, "is a cure for lupus")
    find(claims, "cured of lupus")  # the headline


def test_lupus_story_non_claims(lupus):
    _, claims = lupus
    joined = " | ".join(texts(claims)).lower()
    for non_claim in ("i think", "most exciting", "we hope", "every patient", "could the same",
                      "more research", "talk to your doctor", "so happy", "mara lindqvist"):
        assert non_claim not in joined, non_claim


def test_spans_match_the_original(lupus):
    article, claims = lupus
    for c in claims:
        span = article.original[c.start:c.end]
        assert c.text.lower().split()[-1] in span.lower()
        assert (c.line, c.column) == article.line_column(c.start)
    decomposed = find(claims, "four months")
    assert article.original[decomposed.start:decomposed.end] == "has not needed treatment for four months"
    emphasised = find(claims, "first lupus patient")
    assert "**the first lupus patient in the world**" in article.original[emphasised.start:emphasised.end]


def test_line_and_column_of_a_known_claim(lupus):
    article, claims = lupus
    c = find(claims, "remission")
    line = article.original.splitlines()[c.line - 1]
    assert line.startswith("She went into remission") and (c.line, c.column) == (15, 1)


def test_attribution_is_dropped(extractor):
    claims = claims_of(extractor, (
        "According to Dr. Smith, the drug cut deaths by half. "
        "Researchers said that the pill cut strokes by a third. "
        "The vaccine cut infections by 90%, said Dr. Jones. "
        "The implant lowered blood pressure in 40 rats, the study found."
    ))
    assert texts(claims) == [
        "The drug cut deaths by half",
        "The pill cut strokes by a third",
        "The vaccine cut infections by 90%",
        "The implant lowered blood pressure in 40 rats",
    ]


def test_study_description_is_kept(extractor):
    claims = claims_of(extractor, "A study of 116 adults found no difference in weight loss.")
    assert texts(claims) == ["A study of 116 adults found no difference in weight loss"]


def test_coordinated_nouns_are_not_split_and_markers_go(extractor):
    claims = claims_of(extractor, "She had lupus and arthritis. However, the drug caused rashes in 10% of patients.")
    assert texts(claims) == ["She had lupus and arthritis", "The drug caused rashes in 10% of patients"]


def test_html_claims_map_through_entities():
    article = read_article(FIXTURES / "story.html", 2_000_000)
    claims = ClaimExtractor().extract(article)
    c = find(claims, "blood pressure")
    assert c.text == "Walking lowers blood pressure & cholesterol"
    assert article.original[c.start:c.end] == "Walking lowers blood pressure&nbsp;&amp; cholesterol"
    assert not any("doctor" in t for t in texts(claims))


def real_articles(n: int) -> list[dict]:
    if not SHARED_DATA.exists():
        pytest.skip("../shared/data not present (it is in CI)")
    out = []
    with gzip.open(SHARED_DATA / "news" / "fakehealth_news_content.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if len(record.get("text", "")) > 800:
                out.append(record)
            if len(out) == n:
                break
    return out


def test_real_news_articles(extractor):
    for record in real_articles(5):
        article = parse_article(record["text"], "text", record["news_id"])
        claims = extractor.extract(article)
        assert len(claims) >= 3, record["news_id"]
        for c in claims:
            assert 0 <= c.start < c.end <= len(article.original)
            assert article.original[c.start:c.end].strip() == article.original[c.start:c.end]
            assert not c.text.endswith("?")
            assert (c.line, c.column) == article.line_column(c.start)


def test_reported_clause_keeps_only_what_is_reported(extractor):
    text = ("A woman has become the first patient in the world to receive the cells, "
            "and she is now completely healthy, her doctors report.")
    claims = claims_of(extractor, text)
    assert texts(claims) == ["A woman has become the first patient in the world to receive the cells",
                             "She is now completely healthy"]
    assert text[claims[1].start:claims[1].end] == "she is now completely healthy"


def test_evaluations_recommendations_and_anecdotes_are_not_claims(extractor):
    """Issue #18: sentences that state no fact are not checked (the newsroom set's non_claims)."""
    text = ("The trial cut heart attacks by 25 percent. The result is very encouraging. It is an exciting time "
            "for the field. Nobody should stop taking their medication without talking to their doctor. "
            "I stopped buying diet drinks for my children. The drug should be cheaper, the researchers said. "
            "This is deeply worrying.")
    claims = [c.text for c in extractor.extract(parse_article(text, "text", "<t>"))]
    assert claims == ["The trial cut heart attacks by 25 percent"]
    # a figure keeps a sentence a claim, whatever its evaluative words
    kept = [c.text for c in extractor.extract(parse_article("The result was impressive: 40% of patients "
                                                              "improved.", "text", "<t>"))]
    assert kept
