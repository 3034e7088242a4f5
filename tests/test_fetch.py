"""Fetching PubMed from NCBI E-utilities (`factcheck corpus fetch`, `check --fetch`), against a
local server that speaks the E-utilities protocol: esearch JSON and efetch PubmedArticleSet XML
in NCBI's formats, with scripted faults (429, truncated answers, dead batches)."""

from __future__ import annotations

import json
import re
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.config import Config
from factcheck.corpus.fetch import EutilsClient, FetchState, RateLimiter, article_query, claim_query, fetch
from factcheck.corpus.store import Corpus
from factcheck.errors import CorpusError

EMAIL = "desk@example.org"

LUPUS = {  # five abstracts on CAR-T cells in lupus: enough for several pages and batches
    str(3000 + i): (f"CAR-T cell therapy in systemic lupus erythematosus: report {i}",
                    f"Patient {i} with refractory lupus received CD19 CAR-T cells. "
                    f"B cells were depleted within {i + 1} weeks and the disease went into remission.")
    for i in range(1, 6)
}
OTHERS = {
    "2001": ("Daily aspirin and the risk of colorectal cancer",
             "In a randomized trial of 2,000 adults, daily aspirin lowered the risk of colorectal cancer. "
             "Colorectal cancer incidence was 24% lower with aspirin than with placebo over ten years."),
    "2002": ("Vitamin D supplements and fractures in older adults",
             "Vitamin D supplements did not prevent fractures in older adults over five years."),
}


# ----------------------------------------------------------------------------- the local E-utilities


def article_xml(pmid: str, title: str, abstract: str) -> str:
    """One <PubmedArticle> as efetch returns it (tests/fixtures/efetch_sample.xml)."""
    return (f'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">{pmid}</PMID>'
            f'<Article PubModel="Print"><Journal><JournalIssue CitedMedium="Print"><PubDate><Year>2022</Year>'
            f'</PubDate></JournalIssue><Title>Journal of Examples</Title></Journal>'
            f'<ArticleTitle>{escape(title)}</ArticleTitle><Abstract><AbstractText>{escape(abstract)}</AbstractText>'
            f'</Abstract><Language>eng</Language><PublicationTypeList><PublicationType UI="D016428">Journal Article'
            f'</PublicationType></PublicationTypeList></Article></MedlineCitation><PubmedData><PublicationStatus>'
            f'ppublish</PublicationStatus><ArticleIdList><ArticleId IdType="pubmed">{pmid}</ArticleId>'
            f'</ArticleIdList></PubmedData></PubmedArticle>\n')


def article_set(articles: dict[str, tuple[str, str]], pmids: list[str]) -> bytes:
    body = "".join(article_xml(p, *articles[p]) for p in pmids if p in articles)
    return ('<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January '
            '2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
            f'<PubmedArticleSet>\n{body}</PubmedArticleSet>\n').encode()


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    cut: bool = False  # announce the whole body, send half, close: a dropped connection


@dataclass
class Eutils:
    """The server's state: its articles, every request it got, and scripted faults.
    `once[endpoint]` holds replies (or functions of the params making one) given before the
    normal answer; `broken(endpoint, params)` may return a reply to give every time."""

    articles: dict = field(default_factory=lambda: {**LUPUS, **OTHERS})
    requests: list = field(default_factory=list)
    once: dict = field(default_factory=lambda: {"esearch": [], "efetch": []})
    broken: object = None
    url: str = ""

    def answer(self, endpoint: str, params: dict) -> Reply:
        self.requests.append((endpoint, params))
        if self.broken and (reply := self.broken(endpoint, params)):
            return reply
        if self.once.get(endpoint):
            reply = self.once[endpoint].pop(0)
            return reply(params) if callable(reply) else reply
        if endpoint == "esearch":
            return self.esearch(params)
        if endpoint == "efetch":
            return Reply(body=article_set(self.articles, params["id"].split(",")))
        return Reply(404, b"unknown endpoint")

    def esearch(self, params: dict) -> Reply:
        hits = self.search(params["term"])
        start, size = int(params.get("retstart", 0)), int(params.get("retmax", 20))
        page = hits[start:start + size]
        return Reply(body=json.dumps({"header": {"type": "esearch", "version": "0.3"}, "esearchresult": {
            "count": str(len(hits)), "retmax": str(len(page)), "retstart": str(start), "idlist": page,
            "translationset": [], "querytranslation": params["term"]}}).encode())

    def search(self, term: str) -> list[str]:
        """Boolean AND / OR over words (a plain query ANDs its words), on title + abstract."""
        term = term.lower()
        any_of = " or " in term
        words = [w.strip('"') for w in re.split(r"\s+(?:and|or)\s+|\s+", term) if w]
        match = any if any_of else all
        return [p for p, (t, a) in self.articles.items() if match(w in f"{t} {a}".lower() for w in words)]

    def efetched(self) -> list[list[str]]:
        return [p["id"].split(",") for e, p in self.requests if e == "efetch"]

    def searched(self) -> list[dict]:
        return [p for e, p in self.requests if e == "esearch"]


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self._reply({})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        self._reply(parse_qs(body))

    def _reply(self, form: dict) -> None:
        url = urlsplit(self.path)
        params = {k: v[-1] for k, v in {**parse_qs(url.query), **form}.items()}
        endpoint = url.path.rsplit("/", 1)[-1].removesuffix(".fcgi")
        reply = self.server.eutils.answer(endpoint, params)
        self.send_response(reply.status)
        for k, v in reply.headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body[:len(reply.body) // 2] if reply.cut else reply.body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def http_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def eutils(http_server) -> Eutils:
    """A fresh server state for each test."""
    state = Eutils(url=f"http://127.0.0.1:{http_server.server_address[1]}/entrez/eutils")
    http_server.eutils = state
    return state


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(eutils, sleeps):
    """A client that records its backoff sleeps instead of sleeping."""
    with EutilsClient(eutils.url, email=EMAIL, tries=3, limiter=RateLimiter(1000), sleep=sleeps.append) as c:
        yield c


@pytest.fixture
def corpus(tmp_path):
    with Corpus.open(tmp_path / "home", create=True) as c:
        yield c


def stored(corpus: Corpus) -> set[str]:
    return set(corpus.documents([f"pmid:{p}" for p in {**LUPUS, **OTHERS}]))


# ----------------------------------------------------------------------------- rate limit


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.mark.parametrize("api_key, rate", [(None, 3), ("KEY", 10)])
def test_rate_limiter_allows_3_per_second_or_10_with_a_key(api_key, rate):
    clock = FakeClock()
    limiter = RateLimiter.for_ncbi(api_key, clock=clock, sleep=clock.sleep)
    starts = []
    for _ in range(3 * rate):
        limiter.wait()
        starts.append(clock.now)
    assert all(b - a >= 1.0 - 1e-9 for a, b in zip(starts, starts[rate:]))  # never rate+1 in one second
    assert starts[-1] - starts[0] == pytest.approx((3 * rate - 1) / rate)  # and no slower than that


def test_rate_limiter_does_not_wait_when_requests_are_already_slow():
    clock = FakeClock()
    limiter = RateLimiter(3, clock=clock, sleep=clock.sleep)
    limiter.wait()
    clock.now += 5
    limiter.wait()
    assert clock.now == 105.0


# ----------------------------------------------------------------------------- fetching


def test_fetch_pages_through_esearch_and_stores_efetch_batches(eutils, client, corpus, embedder):
    stats = fetch(corpus, embedder, client, "lupus CAR-T", max_per_query=10, page_size=2, batch_size=2)

    assert [(p["retstart"], p["retmax"]) for p in eutils.searched()] == [("0", "2"), ("2", "2"), ("4", "2")]
    assert eutils.efetched() == [["3001", "3002"], ["3003", "3004"], ["3005"]]
    assert (stats.found, stats.selected, stats.fetched, stats.store.added) == (5, 5, 5, 5)
    assert stored(corpus) == {f"pmid:{p}" for p in LUPUS}
    doc = corpus.documents(["pmid:3002"])["pmid:3002"]
    assert doc.title == LUPUS["3002"][0] and doc.year == 2022 and "remission" in doc.sentences[-1]
    assert corpus.bm25("refractory lupus CD19", 10)[0][0].startswith("pmid:300")
    assert corpus.refresh_index().size == 5 * 3  # title + 2 sentences each, all embedded


def test_max_stops_the_search_early(eutils, client, corpus, embedder):
    stats = fetch(corpus, embedder, client, "lupus", max_per_query=3, page_size=2, batch_size=200)
    assert [(p["retstart"], p["retmax"]) for p in eutils.searched()] == [("0", "2"), ("2", "1")]
    assert eutils.efetched() == [["3001", "3002", "3003"]]
    assert (stats.found, stats.selected) == (5, 3)


def test_every_request_names_tool_email_and_api_key(eutils, corpus, embedder):
    with EutilsClient(eutils.url, email=EMAIL, api_key="SECRET", limiter=RateLimiter(1000)) as c:
        fetch(corpus, embedder, c, "lupus", max_per_query=4, page_size=2, batch_size=2)
    assert len(eutils.requests) == 4  # 2 esearch pages, 2 efetch batches
    assert all((p["tool"], p["email"], p["api_key"]) == ("factcheck", EMAIL, "SECRET") for _, p in eutils.requests)
    assert all(p["db"] == "pubmed" for _, p in eutils.requests)


def test_without_key_or_email_only_the_tool_is_named(eutils, corpus, embedder):
    with EutilsClient(eutils.url, limiter=RateLimiter(1000)) as c:
        fetch(corpus, embedder, c, "aspirin", max_per_query=5)
    assert eutils.requests and all(p["tool"] == "factcheck" and "api_key" not in p and "email" not in p
                                   for _, p in eutils.requests)


def test_429_is_retried_after_the_servers_retry_after(eutils, client, sleeps, corpus, embedder):
    eutils.once["esearch"].append(Reply(429, b'{"error":"API rate limit exceeded"}', {"Retry-After": "7"}))
    stats = fetch(corpus, embedder, client, "aspirin", max_per_query=5)
    assert sleeps == [7.0]
    assert len(eutils.searched()) == 2
    assert stats.store.added == 1 and stored(corpus) == {"pmid:2001"}


@pytest.mark.parametrize("truncate", [
    lambda p: Reply(body=article_set(LUPUS, p["id"].split(","))[:-200]),  # cut XML, consistent length
    lambda p: Reply(body=article_set(LUPUS, p["id"].split(",")[1:])),  # well-formed, one article short
    lambda p: Reply(body=article_set(LUPUS, p["id"].split(",")), cut=True),  # connection dropped mid-body
], ids=["malformed-xml", "missing-article", "dropped-connection"])
def test_a_truncated_efetch_is_retried(truncate, eutils, client, sleeps, corpus, embedder):
    eutils.once["efetch"].append(truncate)
    stats = fetch(corpus, embedder, client, "lupus", max_per_query=3)
    assert eutils.efetched() == [["3001", "3002", "3003"]] * 2
    assert sleeps == [1.0]  # the first backoff step
    assert stats.store.added == 3 and stored(corpus) == {"pmid:3001", "pmid:3002", "pmid:3003"}


def test_5xx_backs_off_exponentially_then_gives_up_in_one_line(eutils, client, sleeps, corpus, embedder):
    eutils.broken = lambda endpoint, params: Reply(503, b"<html>Service\nUnavailable</html>")
    with pytest.raises(CorpusError, match=r"^NCBI E-utilities esearch failed after 3 tries: HTTP 503") as e:
        fetch(corpus, embedder, client, "lupus", max_per_query=3)
    assert "\n" not in str(e.value)
    assert sleeps == [1.0, 2.0]


def test_a_refused_connection_gives_a_corpus_error(sleeps, corpus, embedder):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with EutilsClient(f"http://127.0.0.1:{port}", tries=2, limiter=RateLimiter(1000), sleep=sleeps.append) as c:
        with pytest.raises(CorpusError, match="esearch failed after 2 tries"):
            fetch(corpus, embedder, c, "lupus", max_per_query=3)


def test_a_client_error_is_not_retried(eutils, client, sleeps, corpus, embedder):
    eutils.once["esearch"].append(Reply(400, b"Invalid API key"))
    with pytest.raises(CorpusError, match="refused the request: HTTP 400 Invalid API key"):
        fetch(corpus, embedder, client, "lupus", max_per_query=3)
    assert sleeps == [] and len(eutils.requests) == 1


def test_an_interrupted_fetch_resumes_with_the_remaining_batches(eutils, client, corpus, embedder):
    eutils.broken = lambda endpoint, params: Reply(500) if "3003" in params.get("id", "") else None
    with pytest.raises(CorpusError, match="efetch failed after 3 tries: HTTP 500"):
        fetch(corpus, embedder, client, "lupus", max_per_query=5, batch_size=2)
    assert stored(corpus) == {"pmid:3001", "pmid:3002"}  # the first batch was committed
    state = FetchState.load(FetchState.path(corpus.home, ["lupus"]))
    assert (state.queries, state.pmids, state.done) == (["lupus"], list(LUPUS), 2)

    eutils.broken, eutils.requests = None, []
    stats = fetch(corpus, embedder, client, "lupus", max_per_query=5, batch_size=2)
    assert eutils.searched() == []  # the saved search is reused...
    assert eutils.efetched() == [["3003", "3004"], ["3005"]]  # ...and only what is missing is downloaded
    assert (stats.resumed, stats.fetched, stats.store.added) == (2, 3, 3)
    assert stored(corpus) == {f"pmid:{p}" for p in LUPUS}

    eutils.requests = []  # finished: a new run searches afresh but downloads nothing stored
    stats = fetch(corpus, embedder, client, "lupus", max_per_query=5, batch_size=2)
    assert len(eutils.searched()) == 1 and eutils.efetched() == []
    assert (stats.already_stored, stats.fetched) == (5, 0)


def test_an_and_query_that_finds_nothing_is_broadened_to_or(eutils, client, corpus, embedder):
    stats = fetch(corpus, embedder, client, ["aspirin AND zebrafish"], max_per_query=5, broaden=True)
    assert [p["term"] for p in eutils.searched()] == ["aspirin AND zebrafish", "aspirin OR zebrafish"]
    assert stats.store.added == 1


# ----------------------------------------------------------------------------- claim → query


def test_claim_query_keeps_the_most_specific_content_words():
    from factcheck.claims import ClaimExtractor

    nlp = ClaimExtractor().nlp
    assert claim_query("Daily aspirin lowers the risk of colorectal cancer", nlp) == \
        "Daily AND aspirin AND risk AND colorectal AND cancer"
    query = claim_query("A 20-year-old woman is the first lupus patient in the world treated with CAR T cells", nlp)
    assert query.split(" AND ") == ["lupus", "CAR", "cells"]  # woman, first, patient, world: too generic
    assert claim_query("The altered cells carry a CD19 chimeric antigen receptor", nlp, max_terms=3) == \
        "CD19 AND antigen AND receptor"  # nouns before adjectives
    assert claim_query("She said it was so.", nlp) is None


def test_claim_query_without_spacy_drops_stopwords():
    assert claim_query("Statins reduce the risk of (heart) attacks AND strokes") == \
        "Statins AND reduce AND heart AND attacks AND strokes"  # the longest five


# ----------------------------------------------------------------------------- the CLI


@pytest.fixture
def cli(eutils, monkeypatch):
    """Run `factcheck` in-process with FACTCHECK_EUTILS_URL on the local server."""
    monkeypatch.setenv("FACTCHECK_EUTILS_URL", eutils.url)
    monkeypatch.delenv("NCBI_API_KEY", raising=False)
    monkeypatch.setenv("FACTCHECK_EMAIL", EMAIL)

    def invoke(*args):
        r = CliRunner().invoke(main, list(args), catch_exceptions=False)
        return r.exit_code, r.stdout, r.stderr

    return invoke


def test_cli_corpus_fetch_stores_and_summarises(cli, eutils, tmp_path):
    home = tmp_path / "new-home"
    code, out, err = cli("corpus", "fetch", "--query", "lupus CAR-T", "--max", "4", "--no-progress",
                         "--api-key", "K", "--home", str(home))
    assert code == 0, err
    assert out == "found 5, selected 4: already stored 0, fetched 4; added 4, replaced 0, unchanged 0, " \
                  "skipped 0 (no abstract)\n"
    assert all((p["email"], p["api_key"]) == (EMAIL, "K") for _, p in eutils.requests)
    with Corpus.open(home) as c:
        assert c.info()["documents"] == 4


@pytest.mark.parametrize("args, message", [
    (["--query", "  "], "the PubMed query is empty"),
    (["--query", "lupus", "--max", "0"], "between 1 and 10000"),
])
def test_cli_corpus_fetch_bad_input_is_one_line_and_exit_2(cli, eutils, tmp_path, args, message):
    code, out, err = cli("corpus", "fetch", *args, "--home", str(tmp_path / "h"))
    assert (code, out) == (2, "")
    assert err.startswith("factcheck: error: ") and message in err and err.count("\n") == 1
    assert eutils.requests == [] and not (tmp_path / "h").exists()


def test_check_fetch_downloads_evidence_then_checks(cli, eutils, tmp_path):
    story = tmp_path / "story.md"
    story.write_text("# Aspirin news\n\nDaily aspirin lowers the risk of colorectal cancer, a new trial found.\n")
    home = tmp_path / "fresh"  # does not exist yet: --fetch creates it
    code, out, err = cli("check", str(story), "--fetch", "--fetch-max", "5", "--format", "json", "--home", str(home))
    assert code in (0, 1), err
    result = json.loads(out)
    claim = next(c for c in result["claims"] if "aspirin" in c["text"])
    assert claim["evidence"] and claim["evidence"][0]["doc_id"] == "pmid:2001"
    assert result["corpus"]["documents"] == 1 and "fetch" in result["timings"]
    assert eutils.efetched() == [["2001"]]
    # the article's own terms are searched first: its candidate source studies
    terms = [p["term"] for p in eutils.searched()]
    assert len(terms) >= 2 and "Aspirin" in terms[0] and " AND " in terms[0]
    assert article_query("Aspirin trial\n\nAspirin lowered colorectal cancer. Aspirin is cheap.").startswith("Aspirin")


def test_check_fetch_network_failure_is_one_line_and_exit_2(cli, eutils, tmp_path):
    eutils.broken = lambda endpoint, params: Reply(403, b"Forbidden")
    story = tmp_path / "story.md"
    story.write_text("Daily aspirin lowers the risk of colorectal cancer.\n")
    code, out, err = cli("check", str(story), "--fetch", "--home", str(tmp_path / "h"))
    assert (code, out) == (2, "")
    assert err.startswith("factcheck: error: NCBI E-utilities esearch refused the request: HTTP 403")
    assert err.count("\n") == 1


def test_checker_fetch_gives_up_on_an_unreachable_server(tmp_path):
    from factcheck.pipeline import Checker

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"
    checker = Checker(Config(home=tmp_path / "h", eutils_url=url, eutils_tries=1))
    with pytest.raises(CorpusError, match=r"^NCBI E-utilities esearch failed after 1 try: .*Connection refused"):
        checker.check_text("Daily aspirin lowers the risk of colorectal cancer.", fetch_max=5)
