"""The Markdown report, for an editor: summary, one section per flagged claim with its
reasons, suggested rewording and PubMed evidence, then a compact table of what passed."""

from __future__ import annotations

import re

from factcheck.report import in_document_order, key_evidence, shorten, summary_line
from factcheck.schema import LABELS, CheckResult, Evidence, Verdict

SENTENCE_WIDTH = 300
TABLE_CLAIM_WIDTH = 120

# ASCII punctuation that can start inline markup; CommonMark lets any of it be backslash-escaped
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def render_markdown(result: CheckResult) -> str:
    """The whole report as one Markdown document."""
    verdicts = in_document_order(result)
    flagged = [v for v in verdicts if v.flagged]
    passed = [v for v in verdicts if not v.flagged]
    blocks = [f"# Fact-check: {escape(result.source)}", f"*{escape(result.source_line())}*", _summary(result)]
    if flagged:
        blocks.append("## Flagged claims")
        blocks.extend(_flagged_section(i, v) for i, v in enumerate(flagged, 1))
    if passed:
        blocks.append("## Supported claims")
        blocks.append(_supported_table(passed))
    return "\n\n".join(blocks) + "\n"


def escape(text: str) -> str:
    """User text made inert: whitespace collapsed (no stray blocks), markup characters
    backslash-escaped, and `&name;` kept from turning into an entity."""
    text = re.sub(r"\s+", " ", text or "").strip()
    return _SPECIAL.sub(r"\\\1", _ENTITY.sub("&amp;", text))


def _summary(result: CheckResult) -> str:
    """Bold counts line; the per-label counts repeat as a list so they read at a glance."""
    if not result.verdicts:
        return "**No checkable claims found.**"
    counts = result.counts()
    items = "\n".join(f"- {label.capitalize()}: {counts[label]}" for label in LABELS)
    return f"**{summary_line(result)}**\n\n{items}"


def _flagged_section(number: int, verdict: Verdict) -> str:
    """Heading with label and quote, then location, confidence, reasons, rewording, evidence."""
    c = verdict.claim
    parts = [
        f"### {number}. {verdict.label.capitalize()}: “{escape(c.text)}”",
        f"Line {c.line}, column {c.column} · confidence {verdict.confidence:.0%}",
    ]
    if c.sentence and c.sentence.strip() != c.text.strip():
        parts.append(f"> {escape(c.sentence)}")
    if verdict.reasons:
        parts.append("**Why:**\n\n" + "\n".join(f"- {escape(r)}" for r in verdict.reasons))
    if verdict.suggestion:
        parts.append(f"**Suggested rewording:** “{escape(verdict.suggestion)}”")
    parts.append("**Evidence:**\n\n" + _evidence_list(verdict.evidence))
    return "\n\n".join(parts)


def _evidence_list(evidence: list[Evidence]) -> str:
    """One bullet per evidence sentence: linked citation, stance, source, quoted sentence."""
    if not evidence:
        return "- No relevant evidence found in the corpus."
    return "\n".join(f"- {_evidence_item(e)}" for e in evidence)


def _evidence_item(e: Evidence) -> str:
    """`[PMID 1](url) (refutes; Journal, 2020): “sentence” — *title*`."""
    cite = _cite_link(e)
    where = ", ".join(escape(str(x)) for x in (e.journal, e.year) if x)
    meta = _stance_word(e.stance) + (f"; {where}" if where else "")
    item = f"{cite} ({meta}): “{escape(shorten(e.sentence, SENTENCE_WIDTH))}”"
    if e.title:
        item += f" — *{escape(e.title)}*"
    return item


def _cite_link(e: Evidence | None) -> str:
    """`[PMID 1](https://pubmed…/1/)`, a bare `doc x` without a PMID, `—` without evidence."""
    if e is None:
        return "—"
    return f"[{escape(e.cite)}]({e.url})" if e.url else escape(e.cite)


def _stance_word(stance: str) -> str:
    """The verifier's stance as a verb an editor reads naturally."""
    return {"support": "supports", "refute": "refutes"}.get(stance, "related")


def _supported_table(verdicts: list[Verdict]) -> str:
    """A compact table: location, claim, confidence, the supporting citation (linked)."""
    rows = ["| Line | Claim | Confidence | Evidence |", "| ---: | --- | ---: | --- |"]
    for v in verdicts:
        cite = _cite_link(key_evidence(v))
        claim = escape(shorten(v.claim.text, TABLE_CLAIM_WIDTH))
        rows.append(f"| {v.claim.line}:{v.claim.column} | {claim} | {v.confidence:.0%} | {cite} |")
    return "\n".join(rows)
