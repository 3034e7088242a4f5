"""Schemathesis against the server's own OpenAPI schema (issue #20): generated requests, a fixed
seed and a bounded budget; no 5xx, every answer valid against the schema."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from factcheck.server.app import ServerSettings, create_app


@pytest.fixture(scope="module")
def api(checker):
    app = create_app(checker, ServerSettings())
    with TestClient(app, base_url="http://127.0.0.1:8765"):  # the lifespan runs: the server is ready
        yield schemathesis.openapi.from_asgi("/openapi.json", app, headers={"Host": "127.0.0.1:8765"})


schema = schemathesis.pytest.from_fixture("api")


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_every_generated_request_gets_a_schema_valid_answer_and_never_a_5xx(case):
    response = case.call(headers={"Host": "127.0.0.1:8765"})
    assert response.status_code < 500, response.text
    case.validate_response(response)
