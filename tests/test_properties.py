"""Property tests of the text path (Hypothesis): whatever the input, the readers and the claim
splitter either refuse it with a one-line InputError or give spans that point into it."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.article import parse_article
from factcheck.claims import ClaimExtractor
from factcheck.errors import InputError

SENTENCES = [
    "A 20-year-old woman with severe lupus went into remission after CAR T cell therapy, doctors said.",
    "The drug cut the risk of heart attacks by 40% in 1,200 patients.",
    "Researchers at the University of Erlangen treated five patients, and all of them stopped their medicines.",
    "Coffee drinkers live longer, according to a study of 500,000 people.",
    "It is the first such treatment in the world.",
]
ODD = ["\u0301", "\u200b", "\u200f", "\u202e", "\ufeff", "\u00a0", "\r\n", "\r", "\t", "\x00", "😷", "ﬁ",
       "&amp;", "&#xD800;", "&#0;", "&nbsp;", "&#x1F600;", "<", ">", "&", "*", "_", "#", "`", "[x](y)", "> ", "- ",
       "<!--", "-->", "<![CDATA[", "]]>", "<p>", "</p>", "<div>", "<b>", "</i>", "<script>", "</script>", "<br/>"]

pieces = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(ODD), st.text(max_size=40),
                   st.text(alphabet="ab \n", min_size=200, max_size=3000))  # very long lines
texts = st.lists(pieces, max_size=25).map("".join)
formats = st.sampled_from(["text", "markdown", "html"])
PROPERTY = settings(max_examples=120, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def nested_html(depth: int, inner: str, closed: bool) -> str:
    return "<div><p><span>" * depth + inner + ("</span></p></div>" * depth if closed else "")


@PROPERTY
@given(text=st.one_of(texts, st.builds(nested_html, st.integers(0, 400), texts, st.booleans())), fmt=formats)
def test_readers_refuse_cleanly_or_map_every_character_back(text, fmt):
    try:
        article = parse_article(text, fmt)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert len(article.offsets) == len(article.plain) and article.plain.strip()
    assert all(0 <= o < len(text) for o in article.offsets)
    assert article.offsets == sorted(article.offsets)  # reading order is the file's order
    if fmt == "text":
        assert article.plain == text


@pytest.fixture(scope="module")
def extractor():
    return ClaimExtractor()


@PROPERTY
@given(text=texts, fmt=formats)
def test_claim_spans_lie_inside_the_input_and_agree_with_line_and_column(extractor, text, fmt):
    text = "\r\n".join([text, *SENTENCES[:2]]) if fmt == "text" else text  # always some claims to check
    try:
        article = parse_article(text, fmt)
    except InputError:
        return
    for claim in extractor.extract(article):
        assert 0 <= claim.start < claim.end <= len(text)
        span = text[claim.start:claim.end]
        assert span == span.strip() and claim.text == " ".join(claim.text.split())
        last_word = re.sub(r"\W", "", claim.text.split()[-1])
        assert last_word in re.sub(r"\W", "", span)  # the claim ends with the span's words
        line = text.count("\n", 0, claim.start) + 1
        column = claim.start - (text.rfind("\n", 0, claim.start) + 1) + 1
        assert (claim.line, claim.column) == (line, column) == article.line_column(claim.start)
