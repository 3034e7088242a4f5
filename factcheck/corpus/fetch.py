"""PubMed records from NCBI E-utilities into the corpus: incremental and resumable.

esearch finds the PMIDs of a query (page by page), efetch downloads them as PubmedArticleSet
XML in batches, the PubMed XML reader parses them and `Corpus.add` stores them. PMIDs the
corpus already holds are not downloaded again. Each batch is committed to the store before a
small JSON state file in the corpus home (`fetch-state/<sha1>.json`) advances, so a killed
fetch loses at most the batch in flight, and running the same command again continues where
it stopped.

NCBI's rules (https://www.ncbi.nlm.nih.gov/books/NBK25497/): at most 3 requests a second, 10
with an API key, and every request names its `tool` and a contact `email`.
"""

from __future__ import annotations

import email.utils
import hashlib
import io
import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx
from lxml import etree

from factcheck.config import Config
from factcheck.corpus.pubmed_xml import parse_pubmed_xml, pmid_doc_id
from factcheck.corpus.readers import Record
from factcheck.corpus.store import STOPWORDS, AddStats
from factcheck.errors import CorpusError, InputError
from factcheck.files import write_atomic

TOOL = "factcheck"
PAGE_SIZE = 500  # esearch ids per request
BATCH_SIZE = 200  # efetch ids per request: NCBI's advice for one request
MAX_RESULTS = 10_000  # esearch only reaches the first 10,000 hits of a PubMed query
MAX_DELAY = 60.0  # never wait longer than this between tries, whatever Retry-After says
STATE_DIR = "fetch-state"
QUERY_TERMS = 5  # content words ANDed into a claim's query


# ----------------------------------------------------------------------------- rate limit


class RateLimiter:
    """Spaces request starts at least 1/per_second apart, so no one-second window holds more
    than `per_second` of them (NCBI blocks clients that go faster). The clock and sleep are
    injectable so that tests need not wait."""

    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = 1.0 / per_second
        self.clock, self.sleep = clock, sleep
        self._next: float | None = None
        self._lock = threading.Lock()

    @classmethod
    def for_ncbi(cls, api_key: str | None, **kwargs) -> "RateLimiter":
        """3 requests/s, or 10/s with an API key."""
        return cls(10 if api_key else 3, **kwargs)

    def wait(self) -> None:
        """Block until the next request may start."""
        with self._lock:
            now = self.clock()
            if self._next is not None and now < self._next:
                self.sleep(self._next - now)
                now = self._next
            self._next = now + self.interval


# ----------------------------------------------------------------------------- the client


class _Retry(Exception):
    """A failed attempt worth repeating; `delay` is the server's Retry-After, when it gave one."""

    def __init__(self, reason: str, delay: float | None = None):
        super().__init__(reason)
        self.reason, self.delay = reason, delay


class EutilsClient:
    """esearch and efetch on PubMed, with NCBI's rate limit, identification and retries.

    429, 5xx, connection errors and truncated or unparseable answers are tried again with
    exponential backoff (`backoff`, 2×, 4×... seconds, or the server's Retry-After), up to
    `tries` attempts; then a one-line CorpusError. Other HTTP errors fail at once."""

    def __init__(self, base_url: str, *, api_key: str | None = None, email: str | None = None,
                 timeout: float = 30.0, tries: int = 5, backoff: float = 1.0,
                 limiter: RateLimiter | None = None, sleep: Callable[[float], None] = time.sleep):
        url = httpx.URL(base_url) if re.match(r"https?://[^/\s]+", base_url or "") else None
        if url is None:
            raise CorpusError(f"E-utilities URL {base_url!r} is not an http(s) URL")
        self.base_url = str(url).rstrip("/")
        self.identity = {"tool": TOOL, **({"email": email} if email else {}),
                         **({"api_key": api_key} if api_key else {})}
        self.tries, self.backoff, self.sleep = max(1, tries), backoff, sleep
        self.limiter = limiter or RateLimiter.for_ncbi(api_key)
        self._http = httpx.Client(timeout=timeout, headers={"User-Agent": f"{TOOL} (PubMed fact-checker)"})

    @classmethod
    def from_config(cls, config: Config, **overrides) -> "EutilsClient":
        settings = dict(api_key=config.ncbi_api_key, email=config.ncbi_email, timeout=config.eutils_timeout,
                        tries=config.eutils_tries)
        return cls(config.eutils_url, **{**settings, **overrides})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "EutilsClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def esearch(self, term: str, retstart: int, retmax: int) -> tuple[int, list[str]]:
        """(total hits, the PMIDs of one page), best match first."""
        params = {"db": "pubmed", "term": term, "retmode": "json", "retstart": retstart, "retmax": retmax,
                  "sort": "relevance"}
        return self._call("esearch", "GET", params, _parse_esearch)

    def efetch(self, pmids: Sequence[str]) -> list[Record]:
        """The records of these PMIDs; POSTed, as NCBI asks for long id lists."""
        params = {"db": "pubmed", "id": ",".join(pmids), "retmode": "xml"}
        return self._call("efetch", "POST", params, lambda body: _parse_efetch(body, pmids))

    def _call(self, endpoint: str, method: str, params: dict, parse: Callable[[bytes], object]):
        """One E-utilities call, tried up to `tries` times."""
        url = f"{self.base_url}/{endpoint}.fcgi"
        params = {**params, **self.identity}
        reason = ""
        for attempt in range(1, self.tries + 1):
            self.limiter.wait()
            delay = None
            try:
                response = self._http.request(method, url, **({"params": params} if method == "GET"
                                                              else {"data": params}))
                _check_status(endpoint, response)
                return parse(response.content)
            except _Retry as e:
                reason, delay = e.reason, e.delay
            except httpx.RequestError as e:
                reason = _squash(e) or type(e).__name__
            if attempt < self.tries:
                self.sleep(min(delay if delay is not None else self.backoff * 2 ** (attempt - 1), MAX_DELAY))
        tries = f"{self.tries} tries" if self.tries > 1 else "1 try"
        raise CorpusError(f"NCBI E-utilities {endpoint} failed after {tries}: {reason} ({self.base_url})")


def _check_status(endpoint: str, response: httpx.Response) -> None:
    """429 and 5xx are worth another try; any other error status is final."""
    code = response.status_code
    if code == 429 or code >= 500:
        delay = _retry_after(response.headers.get("Retry-After")) if code == 429 else None
        raise _Retry(f"HTTP {code}", delay)
    if code >= 400:
        detail = _squash(response.text[:200])
        raise CorpusError(f"NCBI E-utilities {endpoint} refused the request: HTTP {code} {detail}".rstrip())


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: a number, or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _parse_esearch(body: bytes) -> tuple[int, list[str]]:
    try:
        data = json.loads(body)
    except ValueError:
        raise _Retry("esearch answered with malformed JSON (truncated response?)") from None
    if isinstance(data, dict) and "error" in data:  # e.g. {"error": "API rate limit exceeded"}
        raise _Retry(f"esearch: {_squash(data['error'])}")
    result = data.get("esearchresult") if isinstance(data, dict) else None
    if isinstance(result, dict) and "ERROR" in result:  # e.g. "Search Backend failed"
        raise _Retry(f"esearch: {_squash(result['ERROR'])}")
    try:
        return int(result["count"]), [str(i).strip() for i in result["idlist"]]
    except (KeyError, TypeError, ValueError):
        raise _Retry("esearch answered without a count and idlist") from None


def _parse_efetch(body: bytes, pmids: Sequence[str]) -> list[Record]:
    """The records of a PubmedArticleSet that holds every requested PMID; anything less is a
    truncated answer (a cut connection, an overloaded server), worth another try."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as e:
        raise _Retry(f"efetch answered with malformed XML (truncated response?): {_squash(e)}") from None
    if root.tag != "PubmedArticleSet":  # <eFetchResult><ERROR>...</ERROR></eFetchResult>
        raise _Retry(f"efetch: {_squash(root.findtext('.//ERROR') or f'<{root.tag}> answer')}")
    found = {p.strip() for p in root.xpath("PubmedArticle/MedlineCitation/PMID/text()"
                                           "|PubmedBookArticle/BookDocument/PMID/text()")}
    missing = [p for p in pmids if p not in found]
    if missing:
        raise _Retry(f"efetch returned {len(pmids) - len(missing)} of {len(pmids)} articles "
                     f"(truncated response?; first missing PMID {missing[0]})")
    return list(parse_pubmed_xml(io.BytesIO(body), "efetch"))


# ----------------------------------------------------------------------------- resumable state


@dataclass
class FetchState:
    """What a fetch has done so far: the PMIDs esearch chose and how many of them are settled
    (stored, or found to be already stored or unusable). Saved atomically after every batch."""

    queries: list[str]
    max_per_query: int
    found: int
    pmids: list[str]
    done: int = 0

    @property
    def complete(self) -> bool:
        return self.done >= len(self.pmids)

    @staticmethod
    def path(home: Path, queries: Sequence[str]) -> Path:
        """One state file per query (per list of queries, for a claim-by-claim fetch)."""
        digest = hashlib.sha1("\n".join(queries).encode()).hexdigest()
        return Path(home) / STATE_DIR / f"{digest}.json"

    @classmethod
    def load(cls, path: Path) -> "FetchState | None":
        """The saved state, or None when there is none or it cannot be read (then start over)."""
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def save(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(asdict(self)))
        except OSError as e:
            raise CorpusError(f"cannot write fetch state {path}: {e.strerror or e}") from None


# ----------------------------------------------------------------------------- fetching


@dataclass
class FetchStats:
    """What one fetch did, for the CLI's summary line."""

    found: int = 0  # esearch hits, over all queries
    selected: int = 0  # PMIDs taken (at most max per query)
    resumed: int = 0  # PMIDs an earlier, interrupted run had already settled
    already_stored: int = 0  # in the corpus before this run: not downloaded
    fetched: int = 0  # downloaded now
    store: AddStats = field(default_factory=AddStats)  # what the store made of them

    def summary(self) -> str:
        resumed = f" (resumed after {self.resumed})" if self.resumed else ""
        return (f"found {self.found}, selected {self.selected}{resumed}: already stored {self.already_stored}, "
                f"fetched {self.fetched}; added {self.store.added}, replaced {self.store.replaced}, "
                f"unchanged {self.store.unchanged}, skipped {self.store.skipped} (no abstract)")


def fetch(corpus, embedder, client: EutilsClient, queries: Sequence[str] | str, max_per_query: int = 100, *,
          broaden: bool = False, batch_size: int = BATCH_SIZE, page_size: int = PAGE_SIZE,
          progress: bool = False) -> FetchStats:
    """Search PubMed for each query, then download and store the PMIDs the corpus lacks.

    Resumes an interrupted fetch of the same queries and max (no new search, no batch
    downloaded twice). A finished one searches afresh, so a re-run picks up new papers.
    `broaden`: a query of ANDed terms that finds nothing is tried again with OR."""
    queries = _valid_queries(queries, max_per_query)
    path = FetchState.path(corpus.home, queries)
    state = FetchState.load(path)
    stats = FetchStats()
    if state is None or state.complete or state.max_per_query != max_per_query:
        found, pmids = _search_all(client, queries, max_per_query, page_size, broaden)
        state = FetchState(list(queries), max_per_query, found, pmids)
        state.save(path)
    stats.found, stats.selected, stats.resumed = state.found, len(state.pmids), state.done
    pending = list(enumerate(state.pmids))[state.done:]
    stored = corpus.has_documents(pmid_doc_id(p) for _, p in pending)
    todo = [(i, p) for i, p in pending if pmid_doc_id(p) not in stored]
    stats.already_stored = len(pending) - len(todo)
    _download(corpus, embedder, client, todo, batch_size, state, path, stats, progress)
    state.done = len(state.pmids)
    state.save(path)
    return stats


def _download(corpus, embedder, client: EutilsClient, todo: list[tuple[int, str]], batch_size: int,
              state: FetchState, path: Path, stats: FetchStats, progress: bool) -> None:
    """efetch `todo` batch by batch; each batch is in the store before the state moves past it."""
    from tqdm import tqdm

    with tqdm(total=len(todo), desc="fetching", unit=" abstracts", disable=not progress, dynamic_ncols=True) as bar:
        for s in range(0, len(todo), batch_size):
            batch = todo[s:s + batch_size]
            records = client.efetch([p for _, p in batch])
            _merge(stats.store, corpus.add(records, embedder, progress=False))
            stats.fetched += len(batch)
            state.done = batch[-1][0] + 1
            state.save(path)
            bar.update(len(batch))


def _search_all(client: EutilsClient, queries: Sequence[str], max_per_query: int, page_size: int,
                broaden: bool) -> tuple[int, list[str]]:
    """(total hits, the PMIDs of every query in order, without repeats)."""
    found, pmids = 0, {}
    for query in queries:
        count, ids = _search(client, query, max_per_query, page_size)
        if count == 0 and broaden and " AND " in query:
            count, ids = _search(client, query.replace(" AND ", " OR "), max_per_query, page_size)
        found += count
        pmids.update(dict.fromkeys(ids))
    return found, list(pmids)


def _search(client: EutilsClient, term: str, limit: int, page_size: int) -> tuple[int, list[str]]:
    """Page through esearch until `limit` PMIDs or the end of the hits."""
    ids: dict[str, None] = {}  # ordered, without repeats
    count, start = 0, 0
    while len(ids) < limit:
        count, page = client.esearch(term, start, min(page_size, limit - len(ids)))
        start += len(page)
        ids.update(dict.fromkeys(page))
        if not page or start >= count:
            break
    return count, list(ids)[:limit]


def _valid_queries(queries: Sequence[str] | str, max_per_query: int) -> list[str]:
    queries = [queries] if isinstance(queries, str) else list(queries)
    queries = [" ".join(q.split()) for q in queries]
    if not queries or not all(queries):
        raise InputError("the PubMed query is empty")
    if not 1 <= max_per_query <= MAX_RESULTS:
        raise InputError(f"the number of abstracts to fetch per query must be between 1 and {MAX_RESULTS} "
                         f"(PubMed's esearch limit), not {max_per_query}")
    return queries


def _squash(value) -> str:
    """Any message as one line: a server's or a parser's text can span several."""
    return " ".join(str(value).split())


def _merge(total: AddStats, part: AddStats) -> None:
    for name, value in asdict(part).items():
        setattr(total, name, getattr(total, name) + value)


def fetch_into_home(config: Config, queries: Sequence[str] | str, max_per_query: int = 100, *,
                    broaden: bool = False, progress: bool = False) -> FetchStats:
    """`fetch` into the corpus at config.home (created if needed), with the configured embedder
    and E-utilities settings: what `factcheck corpus fetch` runs."""
    from factcheck.corpus.store import Corpus
    from factcheck.retrieve.embed import Embedder

    queries = _valid_queries(queries, max_per_query)  # before creating anything
    with EutilsClient.from_config(config) as client, Corpus.open(config.home, create=True) as corpus:
        return fetch(corpus, Embedder(config.embedding_model), client, queries, max_per_query,
                     broaden=broaden, progress=progress)


# ----------------------------------------------------------------------------- claim → query

# Words that do not narrow a PubMed search: who, when, how many, and study vocabulary.
GENERIC_WORDS = frozenset("""
patient people person woman man child adult participant volunteer year month week day hour time today
study trial research researcher scientist doctor physician team expert world first new result finding
evidence data percent number group case report way lot thing part kind old young many much several
other same able likely major
""".split())
_CONTENT_POS = {"PROPN": 0, "NOUN": 1, "ADJ": 2}  # most specific first
_TERM = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")  # nothing PubMed could read as syntax
_OPERATORS = {"and", "or", "not"}


def claim_query(text: str, nlp=None, max_terms: int = QUERY_TERMS) -> str | None:
    """A PubMed query for a claim: its most specific content words, ANDed, in claim order.

    Content words are nouns, proper nouns and adjectives when a spaCy pipeline `nlp` is given
    (the claim extractor's), else every word that is not a stopword; words too generic to
    narrow a search (patient, study, year...) are dropped. Most specific: proper nouns and
    acronyms or words with digits (CD19, CAR), then nouns, then adjectives, longer words
    first. Up to `max_terms` are kept. None when nothing is left."""
    words = _content_words(text, nlp)
    ranked = sorted(range(len(words)), key=lambda i: (words[i][1], -len(words[i][0]), i))[:max_terms]
    return " AND ".join(words[i][0] for i in sorted(ranked)) or None


def article_query(text: str, nlp=None, max_terms: int = QUERY_TERMS) -> str | None:
    """A PubMed query for the study a whole article reports: the specific content words the
    article repeats most (the study's drug, disease, population), ANDed. Searched before the
    claims' own queries, so that the candidate source studies are fetched first."""
    words = _content_words(text, nlp)
    counts = {w: len(re.findall(rf"\b{re.escape(w)}\b", text, re.I)) for w, _ in words}
    ranked = sorted(range(len(words)), key=lambda i: (-min(counts[words[i][0]], 3), words[i][1], i))[:max_terms]
    return " AND ".join(words[i][0] for i in sorted(ranked)) or None


def _content_words(text: str, nlp) -> list[tuple[str, int]]:
    """(word, specificity rank; lower is more specific), each word once."""
    if nlp is not None:
        tokens: Iterable = ((t.text, t.lemma_.lower(), _CONTENT_POS.get(t.pos_), t.is_stop) for t in nlp(text))
    else:
        tokens = ((w, w.lower(), 1, w.lower() in STOPWORDS) for w in _TERM.findall(text))
    out: dict[str, tuple[str, int]] = {}
    for word, lemma, rank, stop in tokens:
        if rank is None or stop or not _TERM.fullmatch(word) or len(word) < 2:
            continue
        if word.lower() in _OPERATORS or lemma in GENERIC_WORDS or word.lower() in GENERIC_WORDS:
            continue
        if any(c.isdigit() for c in word) or (word.isupper() and len(word) > 1):
            rank = 0  # acronyms and gene or drug codes: the most specific words a claim has
        out.setdefault(lemma, (word, rank))
    return list(out.values())
