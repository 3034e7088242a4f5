"""factcheck: check health news claims against PubMed abstracts.

    from factcheck import Checker, Config
    result = Checker(Config()).check_text(open("draft.md").read(), source="draft.md")
"""

from factcheck.config import Config
from factcheck.errors import FactcheckError
from factcheck.schema import (
    Article,
    CheckResult,
    Claim,
    Document,
    Evidence,
    Finding,
    Verdict,
)

__version__ = "0.1.0"

__all__ = [
    "Article", "CheckResult", "Checker", "Claim", "Config", "Document", "Evidence",
    "FactcheckError", "Finding", "Verdict", "__version__",
]


def __getattr__(name):  # lazy: importing factcheck must not load torch
    if name == "Checker":
        from factcheck.pipeline import Checker

        return Checker
    raise AttributeError(name)
