"""Structured logs: one JSON line per request, with timing, and never the checked text.

The request log is also where a bug ends: an exception escaping a route is logged here
with its traceback (server side) and the client gets a plain JSON 500.
"""

from __future__ import annotations

import json
import logging
import time
import traceback
import uuid

from factcheck.server.security import header, send_json_error

log = logging.getLogger("factcheck.server")


class JsonFormatter(logging.Formatter):
    """A log record as one JSON object: time, level, message and any `fields` given in extra."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname.lower(),
                 "logger": record.name, "event": record.getMessage()}
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(entry, default=str)


def configure_logging(level: int = logging.INFO) -> None:
    """JSON lines on stderr for the server's loggers (called by `factcheck serve`, not on import)."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    for name in ("factcheck.server", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False


class RequestLog:
    """Outermost middleware: times each request, logs one line, turns a crash into a JSON 500."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, request_id = time.perf_counter(), uuid.uuid4().hex[:12]
        state = {"status": None, "cache": None, "bytes": 0}

        async def send_logged(message):
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                headers = list(message.get("headers", []))
                for k, v in headers:
                    if k == b"x-cache":
                        state["cache"] = v.decode()
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            elif message["type"] == "http.response.body":
                state["bytes"] += len(message.get("body", b""))
            await send(message)

        error = None
        try:
            await self.app(scope, receive, send_logged)
        except Exception as exc:  # a bug: the traceback stays in the server log
            error = exc
            log.error("unhandled error", exc_info=True, extra={"fields": {"request_id": request_id}})
            if state["status"] is None:
                await send_json_error(send_logged, 500, "internal_error",
                                      f"internal server error (request {request_id}); see the server log")
        client = scope.get("client")
        fields = {"request_id": request_id, "method": scope["method"], "path": scope["path"],
                  "status": state["status"], "ms": round((time.perf_counter() - started) * 1000, 1),
                  "bytes_out": state["bytes"], "client": client[0] if client else None,
                  "origin": header(scope, "origin")}
        if state["cache"]:
            fields["cache"] = state["cache"]
        if error is not None:
            fields["error"] = type(error).__name__
        log.info("request", extra={"fields": fields})
