"""The HTML report: one self-contained page (inline CSS, no scripts, no external assets)
showing the article with every claim marked in place, and a card per claim.

Everything that comes from the input or the corpus goes through `esc`; label text always
accompanies colour, and each mark links to its card, so the page works without colour,
without a mouse and with a screen reader.
"""

from __future__ import annotations

from html import escape

from factcheck.report import in_document_order, shorten
from factcheck.schema import LABELS, SCHEMA_VERSION, CheckResult, Evidence, Verdict

SENTENCE_WIDTH = 400

CSS = """
:root { --supported: #1a7f37; --supported-bg: #dafbe1; --overstated: #9a6700; --overstated-bg: #fff8c5;
        --unsupported: #cf222e; --unsupported-bg: #ffebe9; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; margin: 0 auto;
       max-width: 52rem; padding: 1.5rem; }
header h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
.source { color: var(--muted); margin: 0 0 .75rem; word-break: break-all; }
.badges { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: 0; }
.badge { border-radius: 1rem; padding: .15rem .75rem; font-weight: 600; border: 2px solid currentColor; }
.badge.total { color: #1f2328; }
.fc-supported { --c: var(--supported); --bg: var(--supported-bg); }
.fc-overstated { --c: var(--overstated); --bg: var(--overstated-bg); }
.fc-unsupported { --c: var(--unsupported); --bg: var(--unsupported-bg); }
.badge.fc-supported, .badge.fc-overstated, .badge.fc-unsupported { color: var(--c); background: var(--bg); }
.article { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; padding: 1rem;
           border-radius: .5rem; }
mark { background: var(--bg); color: inherit; text-decoration: underline 3px var(--c);
       text-underline-offset: 3px; text-decoration-skip-ink: none; }
mark.fc-overstated { text-decoration-style: dashed; }
mark.fc-unsupported { text-decoration-style: wavy; }
.ref { font-size: .7em; }
.ref a { color: var(--c); font-weight: 700; }
.card { border: 1px solid #d0d7de; border-left: 6px solid var(--c); border-radius: .5rem;
        padding: .75rem 1rem; margin: 1rem 0; }
.card h3 { margin: 0 0 .25rem; font-size: 1.1rem; }
.label { display: inline-block; color: var(--c); background: var(--bg); border: 1px solid var(--c);
         border-radius: .25rem; padding: 0 .4rem; font-size: .85rem; text-transform: uppercase;
         letter-spacing: .03em; margin-right: .4rem; vertical-align: middle; }
.meta { color: var(--muted); font-size: .9rem; margin: 0 0 .5rem; }
.context { border-left: 3px solid #d0d7de; margin: .5rem 0; padding-left: .75rem; color: var(--muted); }
.card h4 { margin: .75rem 0 .25rem; font-size: .95rem; }
.card ul { margin: .25rem 0; padding-left: 1.25rem; }
.suggest { background: var(--overstated-bg); padding: .4rem .6rem; border-radius: .25rem; }
.evidence li { margin: .35rem 0; }
.stance { font-weight: 600; }
.none { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: .85rem; margin-top: 2rem; }
a:focus { outline: 3px solid #0969da; outline-offset: 2px; }
"""


def esc(value: object) -> str:
    """HTML-escape anything user- or corpus-provided (quotes too: it may land in attributes)."""
    return escape("" if value is None else str(value), quote=True)


def render_html(result: CheckResult) -> str:
    """The whole page as one string."""
    verdicts = in_document_order(result)
    spans = mark_spans(result.text, verdicts)
    marked = {number for _, _, number, _ in spans}
    cards = "\n".join(_card(i, v, i in marked) for i, v in enumerate(verdicts, 1))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fact-check: {esc(result.source)}</title>
<style>{CSS}</style>
</head>
<body>
{_header(result)}
<main>
<section aria-labelledby="article-heading">
<h2 id="article-heading">Article</h2>
{_article(result.text, spans)}
</section>
<section aria-labelledby="claims-heading">
<h2 id="claims-heading">Claims</h2>
{cards or '<p class="none">No checkable claims found.</p>'}
</section>
</main>
<footer>{_footer(result)}</footer>
</body>
</html>
"""


def mark_spans(text: str, verdicts: list[Verdict]) -> list[tuple[int, int, int, Verdict]]:
    """(start, end, claim number, verdict) for each claim that can be marked: offsets are
    clamped to the text, and a claim overlapping an earlier one is trimmed to start after
    it (marks cannot nest); a claim left empty gets a card but no mark."""
    spans, taken = [], 0
    for number, verdict in enumerate(verdicts, 1):
        start = min(max(verdict.claim.start, taken, 0), len(text))
        end = min(max(verdict.claim.end, 0), len(text))
        if end > start:
            spans.append((start, end, number, verdict))
            taken = end
    return spans


def _header(result: CheckResult) -> str:
    """Title, source and the counts as badges (each badge says its label in words)."""
    counts = result.counts()
    n = len(result.verdicts)
    badges = [f'<li class="badge total">{n} claim{"" if n == 1 else "s"}</li>']
    badges += [f'<li class="badge fc-{label}">{counts[label]} {label}</li>' for label in LABELS]
    return f"""<header>
<h1>Fact-check report</h1>
<p class="source">{esc(result.source)}</p>
<p class="source-study">{esc(result.source_line())}</p>
<ul class="badges" aria-label="Summary">{"".join(badges)}</ul>
</header>"""


def _article(text: str, spans: list[tuple[int, int, int, Verdict]]) -> str:
    """The original text, escaped, with each claim wrapped in a <mark> and a numbered link
    to its card right after it."""
    if not text:
        return '<p class="none">The article text is not available.</p>'
    out, pos = [], 0
    for start, end, number, verdict in spans:
        out.append(esc(text[pos:start]))
        title = f"Claim {number}: {verdict.label} ({verdict.confidence:.0%})"
        if verdict.reasons:
            title += f" — {shorten(verdict.reasons[0], 200)}"
        out.append(f'<mark class="fc-{esc(verdict.label)}" id="mark-{number}" title="{esc(title)}">'
                   f"{esc(text[start:end])}</mark>")
        out.append(f'<sup class="ref fc-{esc(verdict.label)}"><a href="#claim-{number}" '
                   f'aria-label="claim {number}, {esc(verdict.label)}">{number}</a></sup>')
        pos = end
    out.append(esc(text[pos:]))
    return f'<div class="article">{"".join(out)}</div>'


def _card(number: int, verdict: Verdict, marked: bool) -> str:
    """One claim: label, quote, location, confidence, context, reasons, rewording, evidence."""
    c = verdict.claim
    where = f"Line {c.line}, column {c.column} · confidence {verdict.confidence:.0%}"
    if marked:
        where += f' · <a href="#mark-{number}">show in article</a>'
    parts = [
        f'<article class="card fc-{esc(verdict.label)}" id="claim-{number}" aria-labelledby="claim-{number}-h">',
        f'<h3 id="claim-{number}-h"><span class="label">{esc(verdict.label)}</span>“{esc(c.text)}”</h3>',
        f'<p class="meta">{where}</p>',
    ]
    if c.sentence and c.sentence.strip() != c.text.strip():
        parts.append(f'<blockquote class="context">{esc(c.sentence)}</blockquote>')
    if verdict.reasons:
        parts.append("<h4>Why</h4>\n<ul>" + "".join(f"<li>{esc(r)}</li>" for r in verdict.reasons) + "</ul>")
    if verdict.suggestion:
        parts.append(f'<p class="suggest"><strong>Suggested rewording:</strong> “{esc(verdict.suggestion)}”</p>')
    parts.append("<h4>Evidence</h4>\n" + _evidence_list(verdict.evidence))
    parts.append("</article>")
    return "\n".join(parts)


def _evidence_list(evidence: list[Evidence]) -> str:
    """A list of evidence sentences with stance, PubMed link and source."""
    if not evidence:
        return '<p class="none">No relevant evidence found in the corpus.</p>'
    return '<ul class="evidence">' + "".join(f"<li>{_evidence_item(e)}</li>" for e in evidence) + "</ul>"


def _evidence_item(e: Evidence) -> str:
    """`PMID 1 (link) · refutes: “sentence” — title, journal, year`."""
    cite = f'<a href="{esc(e.url)}">{esc(e.cite)}</a>' if e.url else esc(e.cite)
    stance = {"support": "supports", "refute": "refutes"}.get(e.stance, "related")
    source = ", ".join(esc(x) for x in (e.journal, e.year) if x)
    item = f'{cite} · <span class="stance">{stance}</span>: <q>{esc(shorten(e.sentence, SENTENCE_WIDTH))}</q>'
    if e.title:
        item += f" — <cite>{esc(e.title)}</cite>"
    return item + (f", {source}" if source else "")


def _footer(result: CheckResult) -> str:
    """Provenance: which models and corpus produced the verdicts, and the schema version."""
    bits = [f"factcheck report · schema {esc(SCHEMA_VERSION)}"]
    if result.models:
        bits.append("models: " + ", ".join(f"{esc(k)}={esc(v)}" for k, v in result.models.items()))
    if result.corpus:
        bits.append("corpus: " + ", ".join(f"{esc(k)}={esc(v)}" for k, v in result.corpus.items()))
    return " · ".join(bits)
