"""The server against the real models and the mini corpus: every status code it promises,
the cache, the OpenAPI schema, and offsets into the submitted text."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from factcheck.schema import SCHEMA_VERSION
from factcheck.server.app import ServerSettings, create_app
from factcheck.server.security import (
    EXTENSION_ID,
    EXTENSION_ORIGIN,
    extension_id_from_key,
)

REPO = Path(__file__).resolve().parent.parent
LOCAL = "http://127.0.0.1:8765"
STORY = ("A 20-year-old woman with severe lupus went into remission after CAR T cell therapy, doctors report.\n\n"
         "The therapy is a cure for lupus, the team said.\n\n"
         "Time-restricted eating always melts away belly fat.")
HTML = ("<html><body><nav>Home</nav><article><h1>Cancer therapy cures lupus</h1>"
        "<p>A young woman with <b>severe</b> lupus went into remission after CAR&nbsp;T cell therapy.</p>"
        "<p>Time-restricted eating <em>always</em> melts away belly fat.</p></article></body></html>")


@pytest.fixture(scope="module")
def checker(mini_home):
    from factcheck.config import Config
    from factcheck.pipeline import Checker

    return Checker(Config(home=mini_home)).load()


@pytest.fixture(scope="module")
def client(checker):
    with TestClient(create_app(checker, ServerSettings()), base_url=LOCAL) as c:
        yield c


def make_client(checker, **settings) -> TestClient:
    return TestClient(create_app(checker, ServerSettings(**settings)), base_url=LOCAL)


# ----------------------------------------------------------------------------- 200s


def test_health_reports_readiness_and_identity(client, checker):
    r = client.get("/v1/health")
    assert r.status_code == 200
    body = r.json()
    assert body["ready"] is True and body["status"] == "ok"
    assert body["models"] == checker.identity()
    assert body["corpus"]["documents"] == checker.corpus.info()["documents"] > 0


def test_check_returns_the_cli_json_with_offsets_into_the_text(client, checker):
    r = client.post("/v1/check", json={"text": STORY, "url": "https://news.example/lupus"})
    assert r.status_code == 200, r.text
    body = r.json()
    expected = checker.check_text(STORY, "https://news.example/lupus", "text").to_dict()
    assert {k: v for k, v in body.items() if k != "timings"} == {k: v for k, v in expected.items() if k != "timings"}
    assert body["schema_version"] == SCHEMA_VERSION and body["source"] == "https://news.example/lupus"
    assert body["summary"]["claims"] == len(body["claims"]) >= 2
    for claim in body["claims"]:
        span = STORY[claim["start"]:claim["end"]]
        assert span.split()[0] in claim["text"] and claim["label"] in ("supported", "overstated", "unsupported")
        assert 0 <= claim["confidence"] <= 1 and claim["reasons"]
        for e in claim["evidence"]:
            assert e["sentence"] and e["title"]
            if e["pmid"]:
                assert e["url"] == f"https://pubmed.ncbi.nlm.nih.gov/{e['pmid']}/"
    assert any(e["pmid"] for c in body["claims"] for e in c["evidence"])


def test_html_offsets_point_into_the_submitted_markup(client):
    body = client.post("/v1/check", json={"text": HTML, "format": "html"}).json()
    spans = [HTML[c["start"]:c["end"]] for c in body["claims"]]
    assert any(s.startswith("A young woman with <b>severe</b> lupus") for s in spans), spans
    assert any(s.startswith("Time-restricted eating <em>always</em>") for s in spans), spans
    claims = client.post("/v1/claims", json={"text": HTML, "format": "html"}).json()["claims"]
    assert [(c["start"], c["end"]) for c in claims] == [(c["start"], c["end"]) for c in body["claims"]]


def test_claims_only_endpoint(client):
    r = client.post("/v1/claims", json={"text": STORY})
    assert r.status_code == 200
    claims = r.json()["claims"]
    assert claims and all(set(c) == {"text", "sentence", "start", "end", "line", "column"} for c in claims)
    assert any(STORY[c["start"]:c["end"]] == "The therapy is a cure for lupus" for c in claims)


def test_identical_texts_are_answered_from_the_cache(client):
    text = STORY + "\n\nCAR T cells destroyed the B cells."
    first = client.post("/v1/check", json={"text": text, "url": "a"})
    second = client.post("/v1/check", json={"text": text, "url": "b"})
    assert first.headers["x-cache"] == "miss" and second.headers["x-cache"] == "hit"
    assert second.json()["source"] == "b"
    assert first.json()["claims"] == second.json()["claims"]


def test_openapi_schema_is_published(client):
    schema = client.get("/openapi.json").json()
    assert {"/v1/health", "/v1/check", "/v1/claims"} <= set(schema["paths"])
    assert "CheckRequest" in schema["components"]["schemas"]


def test_url_is_only_a_label_never_read(client, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Aspirin cures every cancer.")
    r = client.post("/v1/check", json={"text": "Coffee prevents heart attacks.", "url": str(secret)})
    assert r.status_code == 200
    assert "Aspirin" not in r.text


# ----------------------------------------------------------------------------- refusals


def test_foreign_origin_is_refused(client):
    r = client.post("/v1/check", json={"text": STORY}, headers={"Origin": "https://evil.example"})
    assert r.status_code == 403 and r.json()["error"] == "forbidden_origin"
    assert "access-control-allow-origin" not in r.headers
    pre = client.options("/v1/check", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 403


def test_extension_origin_gets_cors(client):
    pre = client.options("/v1/check", headers={"Origin": EXTENSION_ORIGIN, "Access-Control-Request-Method": "POST",
                                               "Access-Control-Request-Headers": "content-type,x-factcheck-token"})
    assert pre.status_code == 204
    assert pre.headers["access-control-allow-origin"] == EXTENSION_ORIGIN
    assert "x-factcheck-token" in pre.headers["access-control-allow-headers"]
    r = client.get("/v1/health", headers={"Origin": EXTENSION_ORIGIN})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == EXTENSION_ORIGIN


def test_configured_origin_is_allowed(checker):
    with make_client(checker, allowed_origins=["http://localhost:3000"]) as c:
        assert c.get("/v1/health", headers={"Origin": "http://localhost:3000"}).status_code == 200
        assert c.get("/v1/health", headers={"Origin": "http://localhost:3001"}).status_code == 403


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1.evil.example", "10.0.0.5:8765"])
def test_wrong_host_is_refused(client, host):
    r = client.get("/v1/health", headers={"Host": host})
    assert r.status_code == 403 and r.json()["error"] == "forbidden_host"


@pytest.mark.parametrize("host", ["localhost:8765", "127.0.0.1", "[::1]:8765"])
def test_local_hosts_pass(client, host):
    assert client.get("/v1/health", headers={"Host": host}).status_code == 200


def test_token_is_required_when_configured(checker):
    with make_client(checker, token="s3cret") as c:
        missing = c.post("/v1/claims", json={"text": STORY})
        wrong = c.post("/v1/claims", json={"text": STORY}, headers={"X-Factcheck-Token": "guess"})
        right = c.post("/v1/claims", json={"text": STORY}, headers={"X-Factcheck-Token": "s3cret"})
    assert missing.status_code == wrong.status_code == 401
    assert "token" in missing.json()["message"]
    assert right.status_code == 200


def test_oversized_body_is_refused(checker):
    with make_client(checker, max_body_bytes=1000) as c:
        r = c.post("/v1/check", json={"text": "Coffee cures cancer. " * 100})
        assert r.status_code == 413 and r.json()["error"] == "body_too_large"

        def chunks():  # no Content-Length: refused while streaming
            for _ in range(10):
                yield b"x" * 500

        r = c.post("/v1/check", content=chunks(), headers={"Content-Type": "application/json"})
        assert r.status_code == 413


@pytest.mark.parametrize("payload, fragment", [
    (b'{"text": "Coffee cures cancer.",', "malformed JSON"),
    (b'{"txt": "Coffee"}', "text: Field required"),
    (b'{"text": "Coffee", "format": "pdf"}', "format"),
    (b'{"text": ""}', "text"),
    (b'{"text": "   \\n "}', "only whitespace"),
    (b'["Coffee"]', "object"),
])
def test_malformed_requests_get_422_with_a_message(client, payload, fragment):
    r = client.post("/v1/check", content=payload, headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    body = r.json()
    assert set(body) == {"error", "message"} and fragment.lower() in body["message"].lower()


def test_unknown_path_and_method_are_json(client):
    assert client.get("/v1/nope").json()["error"] == "not_found"
    r = client.get("/v1/check")
    assert r.status_code == 405 and r.json()["error"] == "method_not_allowed"


class _Crashing:
    """A checker with a bug: the client must see a JSON 500 and no traceback."""

    def __init__(self, real):
        self.real = real

    def __getattr__(self, name):
        return getattr(self.real, name)

    def check_text(self, *args):
        raise RuntimeError("secret internal detail /home/user/.factcheck")


def test_internal_errors_never_leak_a_traceback(checker):
    with make_client(_Crashing(checker)) as c:
        r = c.post("/v1/check", json={"text": "Coffee cures cancer, a study found."})
    assert r.status_code == 500
    assert r.json()["error"] == "internal_error"
    assert "secret" not in r.text and "Traceback" not in r.text


class _Slow:
    """Wraps the real checker; each check blocks until the test releases it."""

    def __init__(self, real):
        self.real, self.release, self.started = real, threading.Event(), threading.Semaphore(0)

    def __getattr__(self, name):
        return getattr(self.real, name)

    def check_text(self, *args):
        self.started.release()
        self.release.wait(30)
        return self.real.check_text(*args)


def test_full_queue_answers_503_with_retry_after(checker):
    slow = _Slow(checker)
    app = create_app(slow, ServerSettings(workers=1, queue_size=1))

    async def scenario():
        import httpx

        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=LOCAL) as c:
            running = asyncio.create_task(c.post("/v1/check", json={"text": "Coffee cures cancer, a study found."}))
            queued = asyncio.create_task(c.post("/v1/check", json={"text": "Tea prevents strokes, a study found."}))
            await asyncio.to_thread(slow.started.acquire, True, 10)  # the first check is running
            while app.state.check_pool.admitted < 2:
                await asyncio.sleep(0.01)
            refused = await c.post("/v1/check", json={"text": "Cocoa lowers blood pressure, a study found."})
            same = asyncio.create_task(c.post("/v1/check", json={"text": "Coffee cures cancer, a study found."}))
            await asyncio.sleep(0.05)
            slow.release.set()
            return refused, await running, await queued, await same

    refused, running, queued, same = asyncio.run(scenario())
    assert refused.status_code == 503 and int(refused.headers["retry-after"]) >= 1
    assert refused.json()["error"] == "busy"
    assert running.status_code == queued.status_code == 200
    assert same.status_code == 200 and same.headers["x-cache"] == "hit"  # joined the running check


def test_extension_id_matches_the_manifest_key():
    manifest = json.loads((REPO / "extension" / "manifest.json").read_text())
    assert extension_id_from_key(manifest["key"]) == EXTENSION_ID
    assert set(manifest["host_permissions"]) == {"http://127.0.0.1/*", "http://localhost/*"}


def test_serve_refuses_a_public_host_without_allow_remote():
    from click.testing import CliRunner

    from factcheck.server.cli import serve

    r = CliRunner().invoke(serve, ["--host", "0.0.0.0"])
    assert r.exit_code == 2 and "--allow-remote" in r.output
