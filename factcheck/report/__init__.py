"""Reports: turn a `CheckResult` into text (linter-like), JSON, Markdown or HTML.

Each format lives in its own module with a `render_<format>` function; `render` is the one
entry point the CLI and the server use, so adding a format means adding it here only.
"""

from __future__ import annotations

import re

from factcheck.schema import (
    LABELS,
    REFUTE,
    SUPPORT,
    SUPPORTED,
    UNSUPPORTED,
    CheckResult,
    Evidence,
    Verdict,
)

FORMATS = ("text", "json", "markdown", "html")

# the evidence stance that best explains each label, for the one citation a line has room for
_STANCE_FOR_LABEL = {SUPPORTED: SUPPORT, UNSUPPORTED: REFUTE}


def render(result: CheckResult, format: str = "text", color: bool = False) -> str:
    """Render `result` in `format`; `color` only affects the text format (ANSI escapes)."""
    if format == "text":
        from factcheck.report.text import render_text

        return render_text(result, color=color)
    if format == "json":
        from factcheck.report.json import render_json

        return render_json(result)
    if format == "markdown":
        from factcheck.report.markdown import render_markdown

        return render_markdown(result)
    if format == "html":
        from factcheck.report.html import render_html

        return render_html(result)
    raise ValueError(f"unknown report format {format!r}; choose one of: {', '.join(FORMATS)}")


def in_document_order(result: CheckResult) -> list[Verdict]:
    """Verdicts sorted by position, so every report reads like the article (stable on ties)."""
    return sorted(result.verdicts, key=lambda v: (v.claim.start, v.claim.end))


def shorten(text: str, width: int) -> str:
    """Whitespace collapsed to single spaces and cut at a word boundary with an ellipsis,
    so a claim or an evidence sentence never breaks a report's line structure."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if len(text) <= width:
        return text
    cut = text[: max(width - 1, 1)]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def key_evidence(verdict: Verdict) -> Evidence | None:
    """The evidence that best explains the label (refuting for unsupported, supporting for
    supported, else the top-ranked), for formats that cite just one sentence."""
    want = _STANCE_FOR_LABEL.get(verdict.label, SUPPORT)
    return next((e for e in verdict.evidence if e.stance == want), verdict.evidence[0] if verdict.evidence else None)


def summary_line(result: CheckResult) -> str:
    """'12 claims: 7 supported, 3 overstated, 2 unsupported' (or that there were none)."""
    n = len(result.verdicts)
    if not n:
        return "no checkable claims found"
    counts = result.counts()
    parts = ", ".join(f"{counts[label]} {label}" for label in LABELS)
    return f"{n} claim{'s' if n != 1 else ''}: {parts}"


def corpus_line(result: CheckResult) -> str | None:
    """What the claims were checked against: the corpus, and how much of it dense search
    covered when it is still being embedded (`factcheck corpus add --no-embed`)."""
    docs, embedded = result.corpus.get("documents"), result.corpus.get("embedded_documents")
    if docs is None:
        return None
    line = f"corpus: {docs:,} abstracts in {result.corpus.get('home', 'the corpus home')}"
    if embedded is not None and embedded < docs:
        line += (f"; only {embedded:,} of them embedded so far (BM25 searched all, dense search those): "
                 "`factcheck corpus embed` finishes the rest")
    return line


__all__ = ["FORMATS", "corpus_line", "in_document_order", "key_evidence", "render", "shorten", "summary_line"]
