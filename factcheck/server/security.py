"""The guards a localhost server needs, because every web page the user opens can reach it.

A page on evil.example can make the browser send requests to 127.0.0.1 (plain fetches,
form posts, or DNS rebinding, where evil.example starts resolving to 127.0.0.1). So:
the Host header must name this machine, an Origin (sent by browsers on cross-site and
POST requests) must be the extension's or one the user listed, an optional shared token
must match, and bodies are capped before anything parses them.

Each guard is a small pure-ASGI middleware; they answer with the same JSON error shape
as the app (`{"error": code, "message": text}`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Iterable

# The extension's ID is derived from the public key in extension/manifest.json ("key"),
# so it is the same on every machine that loads extension/ unpacked. tests/test_server.py
# recomputes it from the manifest, so the two cannot drift apart.
EXTENSION_ID = "nlaincmkldjbiifjocnjbcncgjehhhkj"
EXTENSION_ORIGIN = f"chrome-extension://{EXTENSION_ID}"

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
TOKEN_HEADER = "x-factcheck-token"
ALLOWED_HEADERS = "content-type, x-factcheck-token"
EXPOSED_HEADERS = "retry-after, x-cache, x-request-id"


def extension_id_from_key(key_b64: str) -> str:
    """Chromium's rule: the first 128 bits of sha256(DER public key), hex digits 0-f spelt a-p."""
    digest = hashlib.sha256(base64.b64decode(key_b64)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


async def send_json_error(send, status: int, code: str, message: str, headers: Iterable[tuple[str, str]] = ()) -> None:
    """Answer a request from inside a middleware, before the app sees it."""
    body = json.dumps({"error": code, "message": message}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def header(scope, name: str) -> str | None:
    """One request header (first occurrence), decoded; `name` in lower case."""
    key = name.encode("latin-1")
    for k, v in scope.get("headers", ()):
        if k == key:
            return v.decode("latin-1")
    return None


def host_name(host: str) -> str:
    """The Host header without its port ("127.0.0.1:8765" → "127.0.0.1", "[::1]:80" → "[::1]")."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class HostGuard:
    """Refuse a Host header that is not this machine: the defence against DNS rebinding."""

    def __init__(self, app, allowed_hosts: Iterable[str] = LOCAL_HOSTS):
        self.app, self.allowed = app, frozenset(h.lower() for h in allowed_hosts)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            host = header(scope, "host")
            if host is None or host_name(host) not in self.allowed:
                await send_json_error(send, 403, "forbidden_host",
                                      "the Host header must be localhost or 127.0.0.1; "
                                      "this server only answers requests addressed to this machine")
                return
        await self.app(scope, receive, send)


class OriginGuard:
    """CORS for the extension and the configured origins only; any other Origin gets 403.

    Requests without an Origin (curl, the CLI, scripts) are not from a web page and pass.
    Preflights from an allowed origin are answered here; the allowed origin is echoed on
    every response so the browser lets the caller read it."""

    def __init__(self, app, allowed_origins: Iterable[str]):
        self.app = app
        self.allowed = frozenset(o.rstrip("/").lower() for o in allowed_origins)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        origin = header(scope, "origin")
        if origin is None:
            await self.app(scope, receive, send)
            return
        if origin.rstrip("/").lower() not in self.allowed:
            await send_json_error(send, 403, "forbidden_origin",
                                  f"requests from origin {origin!r} are not allowed; only the factcheck "
                                  "extension and origins given with --allow-origin may call this server")
            return
        cors = [("access-control-allow-origin", origin), ("vary", "Origin"),
                ("access-control-expose-headers", EXPOSED_HEADERS)]
        if scope["method"] == "OPTIONS" and header(scope, "access-control-request-method"):
            await send({"type": "http.response.start", "status": 204, "headers": [
                (k.encode(), v.encode()) for k, v in cors + [
                    ("access-control-allow-methods", "GET, POST, OPTIONS"),
                    ("access-control-allow-headers", ALLOWED_HEADERS),
                    ("access-control-max-age", "600")]]})
            await send({"type": "http.response.body", "body": b""})
            return
        extra = [(k.encode(), v.encode()) for k, v in cors]

        async def send_with_cors(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        await self.app(scope, receive, send_with_cors)


class TokenGuard:
    """When a token is configured, every request must carry it in X-Factcheck-Token."""

    def __init__(self, app, token: str | None):
        self.app, self.token = app, token

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and self.token:
            given = header(scope, TOKEN_HEADER) or ""
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                what = "is missing" if not given else "does not match"
                await send_json_error(send, 401, "unauthorized",
                                      f"the {TOKEN_HEADER} header {what}; this server was started with --token, "
                                      "set the same token in the extension's options")
                return
        await self.app(scope, receive, send)


class BodyLimit:
    """Read at most `max_bytes` of a request body, then hand the buffered body to the app.

    A declared Content-Length over the cap is refused before reading; a chunked body is
    refused as soon as it passes the cap. Either way: 413 and nothing parsed."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = header(scope, "content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body, delivered = b"".join(chunks), False

        async def replay():
            nonlocal delivered
            if delivered:
                return await receive()  # the app waits for a disconnect: pass the real one on
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, send):
        await send_json_error(send, 413, "body_too_large",
                              f"the request body is over the server's limit of {self.max_bytes:,} bytes; "
                              "check a shorter text")
