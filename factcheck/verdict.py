"""The readable rules that turn verifier judgements and strength findings into a label.

    backed, and stated no stronger than the backing → supported
    backed, but stated stronger than the backing    → overstated (axis, words, fair rewording)
    refuted or unbacked as stated, but backed once
      its strong words are weakened                 → overstated (the evidence backs only that)
    unbacked or refuted as stated, and the evidence
      about its subject states it more weakly       → overstated
    refuted by the evidence                         → unsupported
    nothing relevant backs it                       → unsupported
    no sentence is about its subject                → unsupported, "not addressed"

Only evidence about the claim's subject counts (the learned relevance gate,
factcheck/verify/relevance.py), and strength is compared with the source study's sentences
where the article's source study is known.

All thresholds come from `Config`; `python scripts/tune_verdict.py` tunes them on the newsroom dev set.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from factcheck.config import Config
from factcheck.schema import (
    NEI,
    OVERSTATED,
    REFUTE,
    SUPPORT,
    SUPPORTED,
    UNSUPPORTED,
    Claim,
    Evidence,
    Finding,
    Verdict,
)
from factcheck.verify.strength import Scorers, absolute_wording, compare

MAX_EVIDENCE_SHOWN = 3
NOT_ADDRESSED = "not addressed by the source study or the corpus"
WEAKER = "the evidence about it states less"


def _quote(e: Evidence, limit: int = 160) -> str:
    s = e.sentence if len(e.sentence) <= limit else e.sentence[: limit - 1].rstrip() + "…"
    return f'{e.cite} "{s}"'


def weakened(claim: str, findings: list[Finding]) -> str | None:
    """The claim with its overstating words replaced by the suggested wording, when the
    suggestion is literal text (not advice in parentheses)."""
    text = claim
    for f in findings:
        if not f.suggestion or f.axis != "absolute" or f.claim_words not in text:
            continue
        if f.suggestion.startswith("(drop"):
            repl = f.claim_words.split(" ", 1)[1] if " " in f.claim_words else ""
        elif f.suggestion.startswith("("):
            continue
        else:
            repl = f.suggestion
        # "the first X in the world" -> "one of the first Xs", not "the one of the first Xs"
        article = r"\b(?:the|a|an)\s+" if repl.startswith("one of") else ""
        text = re.sub(article + re.escape(f.claim_words), lambda _: repl, text, count=1)
    text = re.sub(r"\s{2,}", " ", text).strip()
    return text if text != claim else None


def decide(claim: Claim, evidence: list[Evidence], config: Config,
           reverify: Callable[[str], list[Evidence]] | None = None, scorers: Scorers = Scorers()) -> Verdict:
    """Label one claim from its judged evidence (each Evidence carries `probs`).

    `reverify(text)` retrieves and judges evidence for a reworded claim, exactly as for any
    claim; it is how an absolute claim is tested in its weaker form. `scorers` are the
    trained strength models, where their weights are there."""
    about = [e for e in evidence if is_about(e, config)]
    if not about:
        return Verdict(claim, UNSUPPORTED, 0.9, [NOT_ADDRESSED])

    by_support = sorted(about, key=lambda e: -e.probs.get(SUPPORT, 0.0))
    by_refute = sorted(about, key=lambda e: -e.probs.get(REFUTE, 0.0))
    best_s = by_support[0].probs.get(SUPPORT, 0.0)
    best_r = by_refute[0].probs.get(REFUTE, 0.0)
    backing = [e for e in by_support if e.probs.get(SUPPORT, 0.0) >= config.support_threshold]

    refuted = best_r >= config.refute_threshold and best_r > best_s
    if backing and not refuted:
        findings = compare(claim.text, same_study(backing), scorers, config.tolerances)
        shown = backing[:MAX_EVIDENCE_SHOWN]
        if findings:
            return Verdict(claim, OVERSTATED, best_s * 0.9, [_finding_reason(f) for f in findings], shown, findings)
        return Verdict(claim, SUPPORTED, best_s, [f"backed by {_quote(backing[0])}"], shown)

    # Not backed as stated (or contradicted, often by what its strong words add): does a
    # weaker version hold?
    closest = same_study(by_support)[:MAX_EVIDENCE_SHOWN]
    if reverify is not None and (verdict := _backed_when_weakened(claim, closest, config, reverify)):
        return verdict

    # The evidence about its subject states it more weakly (an association, a hedge, mice, a
    # smaller figure): the verifier balks at what the claim adds, which is the overstatement.
    if findings := compare(claim.text, closest, scorers, config.tolerances):
        reasons = [_finding_reason(f) for f in findings]
        reasons.append(f"{WEAKER}: {_quote(closest[0])}")
        return Verdict(claim, OVERSTATED, config.weaker_evidence_confidence, reasons, closest, findings)

    if refuted:
        top = by_refute[0]
        return Verdict(claim, UNSUPPORTED, best_r, [f"contradicted by {_quote(top)}"],
                       by_refute[:MAX_EVIDENCE_SHOWN])
    confidence = max(1.0 - best_s, by_support[0].probs.get(NEI, 0.0))
    return Verdict(claim, UNSUPPORTED, confidence, [f"no abstract in the corpus backs this claim; closest: "
                                                    f"{_quote(by_support[0])}"], by_support[:MAX_EVIDENCE_SHOWN])


def is_about(e: Evidence, config: Config) -> bool:
    """Whether a sentence is about the claim's subject: the learned relevance gate where it
    judged the sentence, else the retrieval similarity."""
    return e.relevance >= config.relevance_threshold if e.relevance is not None else e.score >= config.min_relevance


def same_study(evidence: list[Evidence]) -> list[Evidence]:
    """Evidence to compare a claim's strength with: the source study's sentences when there
    are any (a figure is compared with a figure about the same study), else all of it."""
    return [e for e in evidence if e.source_study] or evidence


def _backed_when_weakened(claim: Claim, related: list[Evidence], config: Config,
                          reverify: Callable[[str], list[Evidence]]) -> Verdict | None:
    """Overstated, when the claim with its absolute words replaced by the fair wording is
    backed by evidence retrieved and judged for that wording."""
    findings = absolute_wording(claim.text, related)  # only absolute words have a literal weaker form
    weaker = weakened(claim.text, findings)
    if not weaker:
        return None
    backing = sorted((e for e in reverify(weaker) if is_about(e, config)), key=lambda e: -e.probs.get(SUPPORT, 0.0))
    if not backing or backing[0].probs.get(SUPPORT, 0.0) < config.support_threshold:
        return None
    reasons = [_finding_reason(f) for f in findings]
    reasons.append(f'the weaker "{weaker}" is backed by {_quote(backing[0])}')
    return Verdict(claim, OVERSTATED, backing[0].probs[SUPPORT] * 0.8, reasons, backing[:MAX_EVIDENCE_SHOWN],
                   findings)


def _finding_reason(f: Finding) -> str:
    reason = f'{f.axis}: "{f.claim_words}" — {f.explanation}'
    if f.suggestion:
        reason += f'; suggest: {f.suggestion}' if f.suggestion.startswith("(") or f.suggestion.startswith("add") \
            or f.suggestion.startswith("say") or f.suggestion.startswith("state") else f'; suggest: "{f.suggestion}"'
    return reason
