"""Dataset readers on small slices of the real files, and their errors on broken ones."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest

from factcheck.errors import DatasetError
from factcheck.eval import datasets as D

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
PROJECT_NEWSROOM = Path(__file__).resolve().parents[1] / "eval" / "newsroom"


@pytest.fixture
def shared():
    if not SHARED.is_dir():
        pytest.skip("../shared/data not present (it is in CI)")
    return SHARED


def first(it, n=5):
    return list(islice(it, n))


def test_scifact_slice(shared):
    recs = first(D.read_scifact_claims(shared / "claims/scifact/claims_dev.jsonl"))
    assert recs[0].id == "1" and recs[0].evidence == {} and recs[0].cited_doc_ids == ["31715818"]
    assert recs[1].evidence["14717500"][0].stance == "support"
    assert [s.sentences for s in recs[1].evidence["14717500"]] == [[2, 5], [7]]


def test_citation_integrity_slice(shared):
    recs = first(D.read_scifact_claims(shared / "claims/citation-integrity/claims_dev.jsonl"))
    assert recs[0].evidence["31000"][0].sentences == [0]
    assert all(r.cited_doc_ids for r in recs)


def test_check_covid_slice(shared):
    recs = first(D.read_check_covid(shared / "claims/check-covid/covidCheck_dev_composed+extracted.json"))
    assert recs[0].cited_doc_ids == ["cord:asnvwu1u"] and recs[0].label == "refute"
    assert recs[0].evidence["cord:asnvwu1u"][0].sentences == [0, 3]
    assert {r.label for r in recs} <= {"support", "refute", "nei"}


def test_healthver_and_covidfact_slices(shared):
    hv = first(D.read_healthver(shared / "claims/healthver/healthver_dev.csv"))
    assert (hv[0].id, hv[0].stance, hv[1].stance) == ("224", "nei", "refute")
    cf = first(D.read_covidfact(shared / "claims/covidfact/COVIDFACT_dataset.jsonl"))
    assert cf[0].stance == "support" and cf[0].evidence.startswith("While each surrogate virus")


def test_insciout_slice(shared):
    recs = first(D.read_insciout(shared / "strength/exaggeration/insciout_train.jsonl"), 2)
    first_pair = (recs[0].id, recs[0].press_strength, recs[0].abstract_strength, recs[0].label)
    assert first_pair == ("25-002", 3, 2, "exaggerates")
    assert recs[1].label == "same"


def test_causal_strength_slices(shared):
    pub = first(D.read_causal_strength(shared / "strength/causal-language/annotated_pubmed.csv"), 3)
    assert pub[0].label == 0 and pub[0].sentence.startswith("Levels of cholesterol") and pub[0].id == "2"
    eur = first(D.read_causal_strength(shared / "strength/causal-language/annotated_eureka.csv"), 2)
    assert (eur[0].id, eur[0].label, eur[1].label) == ("20824800-w-lss012611-0-title", 3, 1)


def test_newsroom_shared_and_project_sets(shared):
    (art,) = D.read_newsroom_articles(shared / "newsroom/articles.jsonl")
    assert [c.label for c in art.claims] == ["supported", "overstated", "unsupported"]
    assert all(art.text[c.start:c.end] == c.text for c in art.claims + art.non_claims)
    assert art.claims[1].evidence == ["EX-0002"]
    folder = shared / "newsroom"
    assert D.newsroom_paths(folder) == (folder / "articles.jsonl", folder / "corpus.jsonl")
    if (PROJECT_NEWSROOM / "articles.jsonl").is_file():
        assert list(D.read_newsroom_articles(PROJECT_NEWSROOM / "articles.jsonl"))


# --- errors name file and line ------------------------------------------------------------

def test_broken_json_line(tmp_path):
    p = tmp_path / "claims.jsonl"
    p.write_text('{"id": 1, "claim": "a"}\n\n{"id": 2, "claim": \n')
    with pytest.raises(DatasetError, match=rf"{p}:3: not valid JSON"):
        list(D.read_scifact_claims(p))


def test_bad_labels_name_the_line(tmp_path):
    p = tmp_path / "pairs.jsonl"
    good = {"original_file_id": "x", "press_release_conclusion": "a", "press_release_strength": 1,
            "abstract_conclusion": "b", "abstract_strength": 1, "exaggeration_label": "same"}
    p.write_text(json.dumps(good) + "\n" + json.dumps(good | {"exaggeration_label": "wild"}) + "\n")
    with pytest.raises(DatasetError, match=rf"{p}:2: unknown exaggeration label"):
        list(D.read_insciout(p))
    c = tmp_path / "causal.csv"
    c.write_text("sentence,label\nok,1\nbad,7\n")
    with pytest.raises(DatasetError, match=rf"{c}:3: strength 7 is outside"):
        list(D.read_causal_strength(c))
    h = tmp_path / "hv.csv"
    h.write_text("claim,text\nx,y\n")
    with pytest.raises(DatasetError, match=rf"{h}:1: missing columns"):
        list(D.read_healthver(h))


def test_newsroom_span_must_match_text(tmp_path):
    p = tmp_path / "articles.jsonl"
    art = {"id": "a", "text": "Coffee cures cancer.", "claims": [{"text": "Coffee cures", "start": 0, "end": 12,
                                                                  "label": "overstated"}]}
    bad = json.loads(json.dumps(art))
    bad["claims"][0]["end"] = 11
    p.write_text(json.dumps(art) + "\n" + json.dumps(bad) + "\n")
    with pytest.raises(DatasetError, match=rf"{p}:2: span 0:11"):
        list(D.read_newsroom_articles(p))
    with pytest.raises(DatasetError, match="no such dataset file"):
        D.newsroom_paths(tmp_path)
