"""The default, linter-like text report: one `source:line:column: label: ...` line per claim,
so editors and CI logs can jump to each claim, and a summary line at the end."""

from __future__ import annotations

import click

from factcheck.report import corpus_line, in_document_order, key_evidence, shorten, summary_line
from factcheck.schema import OVERSTATED, SUPPORTED, UNSUPPORTED, CheckResult, Verdict

CLAIM_WIDTH = 80
SENTENCE_WIDTH = 100
REASON_WIDTH = 160
COLORS = {SUPPORTED: "green", OVERSTATED: "yellow", UNSUPPORTED: "red"}


def render_text(result: CheckResult, color: bool = False) -> str:
    """The source study and the corpus first, then all claim lines in document order, then the summary; ANSI
    colours only if `color`."""
    lines: list[str] = [f"{result.source}: {result.source_line()}"] if result.verdicts else []
    if result.verdicts and (corpus := corpus_line(result)) is not None:
        lines.append(f"{result.source}: {corpus}")
    for verdict in in_document_order(result):
        lines.extend(_verdict_lines(result.source, verdict, color))
    lines.append(_style(summary_line(result), color, bold=True))
    return "\n".join(lines) + "\n"


def _verdict_lines(source: str, verdict: Verdict, color: bool) -> list[str]:
    """The claim's main line, plus indented lines for further reasons on flagged claims
    (supported claims stay on one line so the flagged ones stand out)."""
    c = verdict.claim
    label = _style(verdict.label, color, fg=COLORS.get(verdict.label), bold=verdict.flagged)
    line = f'{source}:{c.line}:{c.column}: {label}: "{shorten(c.text, CLAIM_WIDTH)}"'
    if verdict.reasons:
        line += f" — {shorten(verdict.reasons[0], REASON_WIDTH)}"
    line += f"; evidence: {_citation(verdict)}"
    if verdict.label == OVERSTATED and verdict.suggestion:
        line += f' (suggest: "{shorten(verdict.suggestion, CLAIM_WIDTH)}")'
    if not verdict.flagged:
        return [line]
    return [line] + [f"    {shorten(r, REASON_WIDTH)}" for r in verdict.reasons[1:]]


def _citation(verdict: Verdict) -> str:
    """`PMID 123 "sentence…"` for the evidence that best explains the label, or `none`."""
    ev = key_evidence(verdict)
    if ev is None:
        return "none"
    return f'{ev.cite} "{shorten(ev.sentence, SENTENCE_WIDTH)}"'


def _style(text: str, color: bool, **styles) -> str:
    """click.style when colouring, the text untouched otherwise (no stray escape codes)."""
    return click.style(text, **styles) if color else text
