"""The HTTP face of the checker: `create_app(checker, settings)` builds the FastAPI app.

The app takes a Checker that is already built (tests inject their own) and loads its
models at start-up, so the first request does not pay for it. All state (checker, pools,
cache, settings) lives on `app.state`; nothing here is global. Answers are the same
versioned JSON as `factcheck check --format json` (CheckResult.to_dict()).

The request's `url` is a label copied into `source`; nothing is ever fetched or read
from a path or address a request names.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from factcheck.errors import FactcheckError, InputError
from factcheck.schema import SCHEMA_VERSION
from factcheck.server.logs import RequestLog
from factcheck.server.security import (
    EXTENSION_ORIGIN,
    BodyLimit,
    HostGuard,
    OriginGuard,
    TokenGuard,
)
from factcheck.server.work import AnswerCache, BoundedPool, QueueFull, default_workers


@dataclass
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 8765
    token: str | None = None  # when set, required in the X-Factcheck-Token header
    allowed_origins: list[str] = field(default_factory=list)  # besides the extension's own
    max_body_bytes: int = 2_500_000  # Config.max_input_bytes of text, plus JSON escaping
    workers: int = field(default_factory=default_workers)
    queue_size: int = 8  # checks waiting beyond the running ones before 503
    cache_size: int = 128  # finished answers kept

    def origins(self) -> list[str]:
        return [EXTENSION_ORIGIN, *self.allowed_origins]


# ----------------------------------------------------------------------------- request / response


class CheckRequest(BaseModel):
    """Text to check. `url` only labels the answer (its `source`); it is never fetched."""

    model_config = ConfigDict(extra="ignore")
    text: str = Field(min_length=1, max_length=2_000_000, description="The article text (or HTML) to check.")
    url: str | None = Field(default=None, max_length=4096, description="Where the text came from; a label only.")
    format: Literal["text", "html", "markdown"] = Field(default="text", description="How to read `text`.")


class ClaimOut(BaseModel):
    text: str
    sentence: str
    start: int = Field(description="Character offset of the claim in the submitted text.")
    end: int
    line: int
    column: int


class EvidenceOut(BaseModel):
    doc_id: str
    pmid: str | None
    title: str
    sentence: str
    url: str | None = Field(description="The PubMed page of the abstract.")
    stance: str
    probs: dict[str, float]
    score: float


class VerdictOut(ClaimOut):
    label: Literal["supported", "overstated", "unsupported"]
    confidence: float
    reasons: list[str]
    suggestion: str | None
    findings: list[dict]
    evidence: list[EvidenceOut]


class SourceStudyOut(BaseModel):
    doc_id: str
    title: str
    pmid: str | None
    year: int | None
    journal: str | None
    confidence: float = Field(description="Probability that the text reports this study.")
    accepted: bool = Field(description="Whether the claims were checked against it first.")
    features: dict[str, float]
    url: str | None


class SourceOut(BaseModel):
    found: bool
    message: str = Field(description="'This story appears to report: …' or 'No source study found in the corpus; …'.")
    candidates: list[SourceStudyOut]


class CheckOut(BaseModel):
    schema_version: str
    source: str
    summary: dict[str, int]
    source_study: SourceOut
    claims: list[VerdictOut]
    models: dict[str, str]
    corpus: dict
    timings: dict[str, float]


class ClaimsOut(BaseModel):
    schema_version: str
    source: str
    claims: list[ClaimOut]


class ErrorOut(BaseModel):
    error: str
    message: str


ERRORS = {code: {"model": ErrorOut} for code in (400, 401, 403, 413, 422, 503)}  # 400: a body that is not JSON text


# ----------------------------------------------------------------------------- the app


def create_app(checker, settings: ServerSettings | None = None) -> FastAPI:
    settings = settings or ServerSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # on a pool thread: a corpus opened there is used from there (SQLite objects like that)
        pool = app.state.check_pool
        await pool.run(checker.load)
        app.state.identity = await pool.run(_identity, checker)
        app.state.ready = True
        try:
            yield
        finally:
            app.state.ready = False
            app.state.check_pool.shutdown()
            app.state.claims_pool.shutdown()

    app = FastAPI(title="factcheck", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="Checks health claims against PubMed abstracts. Local use only.")
    app.state.checker = checker
    app.state.settings = settings
    app.state.ready = False
    app.state.identity = None
    app.state.check_pool = BoundedPool("check", settings.workers, settings.queue_size)
    app.state.claims_pool = BoundedPool("claims", settings.workers, settings.queue_size)
    app.state.cache = AnswerCache(settings.cache_size)

    _add_routes(app)
    _add_error_handlers(app)
    # added innermost first: a request meets RequestLog, Host, Origin, Token, then BodyLimit
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(TokenGuard, token=settings.token)
    app.add_middleware(OriginGuard, allowed_origins=settings.origins())
    app.add_middleware(HostGuard)
    app.add_middleware(RequestLog)
    return app


def _add_routes(app: FastAPI) -> None:
    @app.get("/v1/health", summary="Readiness, model and corpus identity")
    async def health(request: Request) -> dict:
        state = request.app.state
        if state.identity is None:
            state.identity = await state.check_pool.run(_identity, state.checker)
        return {"status": "ok" if state.ready else "loading", "ready": state.ready, "version": _version(),
                "schema_version": SCHEMA_VERSION, **state.identity,
                "token_required": bool(state.settings.token),
                "pools": {"check": state.check_pool.stats(), "claims": state.claims_pool.stats()}}

    @app.post("/v1/check", summary="Check the claims of a text", responses={200: {"model": CheckOut}, **ERRORS})
    async def check(body: CheckRequest, request: Request) -> JSONResponse:
        state = request.app.state
        key = AnswerCache.key("check", body.format, body.text)
        answer, cached = await state.cache.get_or_run(
            key, lambda: state.check_pool.run(_check, state.checker, body.text, body.format))
        return _answer({**answer, "source": body.url or "<text>"}, cached)

    @app.post("/v1/claims", summary="Only find the claims (fast, no verdicts)",
              responses={200: {"model": ClaimsOut}, **ERRORS})
    async def claims(body: CheckRequest, request: Request) -> JSONResponse:
        state = request.app.state
        key = AnswerCache.key("claims", body.format, body.text)
        answer, cached = await state.cache.get_or_run(
            key, lambda: state.claims_pool.run(_claims, state.checker, body.text, body.format))
        return _answer({**answer, "source": body.url or "<text>"}, cached)


def _add_error_handlers(app: FastAPI) -> None:
    """Every error is `{"error": code, "message": text}`; no traceback reaches a client."""

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "invalid_request", "; ".join(_describe(e) for e in exc.errors()[:5]))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error(exc.status_code, code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(QueueFull)
    async def busy(request: Request, exc: QueueFull) -> JSONResponse:
        return _error(503, "busy", f"the server is busy with other checks; retry in {exc.retry_after} s",
                      {"Retry-After": str(exc.retry_after)})

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> JSONResponse:
        return _error(422, "invalid_input", str(exc))

    @app.exception_handler(FactcheckError)
    async def failed(request: Request, exc: FactcheckError) -> JSONResponse:
        return _error(500, "check_failed", str(exc))


# ----------------------------------------------------------------------------- work (in pool threads)


def _check(checker, text: str, format: str) -> dict:
    return checker.check_text(text, "<text>", format).to_dict()


def _claims(checker, text: str, format: str) -> dict:
    from factcheck.article import parse_article

    claims = checker.extractor.extract(parse_article(text, format, "<text>"))
    return {"schema_version": SCHEMA_VERSION, "source": "<text>",
            "claims": [{"text": c.text, "sentence": c.sentence, "start": c.start, "end": c.end,
                        "line": c.line, "column": c.column} for c in claims]}


def _identity(checker) -> dict:
    return {"models": checker.identity(), "corpus": checker.corpus_summary()}


# ----------------------------------------------------------------------------- helpers


def _answer(payload: dict, cached: bool) -> JSONResponse:
    return JSONResponse(payload, headers={"X-Cache": "hit" if cached else "miss"})


def _error(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status_code=status, headers=headers)


def _describe(error: dict) -> str:
    """One readable line per validation error; the submitted input is never echoed."""
    if error.get("type") == "json_invalid":
        where = error["loc"][-1] if error.get("loc") else "?"
        return f"malformed JSON at character {where}: {error.get('ctx', {}).get('error', 'cannot parse')}"
    loc = ".".join(str(x) for x in error.get("loc", ()) if x != "body")
    return f"{loc}: {error.get('msg', 'invalid')}" if loc else error.get("msg", "invalid request body")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("factcheck")
    except PackageNotFoundError:
        return "unknown"
