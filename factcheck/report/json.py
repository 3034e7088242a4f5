"""The JSON report: the versioned `CheckResult.to_dict()` form, described by
check-result.schema.json next to this module (see docs/json-schema.md)."""

from __future__ import annotations

import json
from importlib import resources

from factcheck.schema import CheckResult

SCHEMA_FILE = "check-result.schema.json"


def render_json(result: CheckResult) -> str:
    """Pretty, UTF-8 JSON with a final newline (so files written with -o end cleanly)."""
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"


def load_schema() -> dict:
    """The JSON Schema for the output, for integrators and for tests that validate it."""
    text = resources.files("factcheck.report").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)
