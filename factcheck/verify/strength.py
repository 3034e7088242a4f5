"""How strongly a claim is stated compared with its evidence.

Each axis is one small function that returns a `Finding` when the claim outruns the
evidence: absolute or sensational wording the evidence does not use; certainty above the
evidence's (the trained certainty model, else hedge cues); causal wording over evidence that
states no cause (the trained causal-strength model, else cue lists); who it is about
(animals, cells, one case, a handful, everyone); and figures larger than the evidence's.
How far a claim may outrun its evidence on each axis is `Config.tolerances`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from factcheck.config import Tolerances
from factcheck.schema import Evidence, Finding
from factcheck.verify.quantities import COUNT, PERCENT, RATIO, Quantity, quantities

Strength = Callable[[list[str]], list[int]]  # sentences -> causal strength 0-3
Certainty = Callable[[list[str]], list[float]]  # sentences -> certainty 1-6


@dataclass(frozen=True)
class Scorers:
    """The trained sentence models the comparison uses where their weights are there; an axis
    whose model is None falls back to its cue lists."""

    causal: Strength | None = None
    certainty: Certainty | None = None


@dataclass(frozen=True)
class Absolute:
    """A sensational pattern, the evidence words that would license it, and a fair rewording."""

    pattern: str
    licensed_by: str  # regex that, found in the evidence, shows it states the same strength
    suggestion: str
    why: str
    forms: tuple[tuple[str, str], ...] = ()  # matched word → its rewording, where grammar needs it
    verb_forms: tuple[tuple[str, str], ...] = ()  # the same after "can", "to" …, where the word is a verb

    def suggest(self, words: str, before: str = "") -> str:
        """The rewording of `words`; `before` is the claim up to them ("can cure" → "can treat")."""
        if self.suggestion == FIRST_SUGGESTION:
            return first_of_many(words)
        if _VERB_CONTEXT.search(before) and words.lower() in dict(self.verb_forms):
            return dict(self.verb_forms)[words.lower()]
        return dict(self.forms).get(words.lower(), self.suggestion)


_VERB_CONTEXT = re.compile(r"\b(?:can|could|may|might|will|would|to|does|did|not)\s+$", re.I)


FIRST_SUGGESTION = "one of the first"
_WORLD = re.compile(r"\s*\b(?:in the world|worldwide|ever|in history)\b", re.I)


def first_of_many(words: str) -> str:
    """ "first lupus patient in the world" -> "one of the first lupus patients": the novelty
    claim without its superlative, keeping what it was about."""
    if words.lower().startswith("world"):
        return FIRST_SUGGESTION
    rest = _WORLD.sub("", words[len("first"):]).strip()
    if rest and len(rest.split()) <= 3 and not rest.startswith("to ") and not rest.endswith("s"):
        rest += "s"  # a short noun phrase: "lupus patient" -> "lupus patients"
    return f"{FIRST_SUGGESTION} {rest}".strip()


# Mined from HealthNewsReview's "sensational language" verdicts by scripts/mine_sensational.py,
# then curated: words reviewers quoted as unjustified and that mark the releases they faulted.
MINED_SENSATIONAL = Absolute(
    r"\b(?:milestone|(?:major|significant) step|step forward|holy grail|blockbuster|dramatic(?:ally)?|"
    r"ground-?breaking|huge|amazing|pioneering|unprecedented)\b",
    r"\b(?:milestone|step forward|holy grail|blockbuster|dramatic|ground-?breaking|huge|amazing|pioneering|"
    r"unprecedented)", "(describe the result plainly)", "sensational wording reviewers of health news flag")

ABSOLUTES = [
    Absolute(r"\bcompletely (?:healthy|cured|free|well|normal|recovered|gone)\b",
             r"\bcomplete(?:ly)? (?:healthy|cure|recovery|resolution)\b",
             "in remission", "total recovery is more than the evidence reports"),
    Absolute(r"\b(?:totally|entirely|fully|completely) \w+", r"\b(?:totally|entirely|fully|completely)\b",
             "(drop the intensifier)", "an absolute the evidence does not state"),
    Absolute(r"\bcur(?:e|es|ed|ing)\b", r"\bcur(?:e|es|ed|ative)\b",
             "treated", "the evidence reports a treatment effect, not a cure",
             (("cure", "treatment"), ("cures", "treats"), ("cured", "treated"), ("curing", "treating")),
             (("cure", "treat"),)),
    Absolute(r"\bmiracle\w*\b", r"\bmiracle\b", "promising", "sensational wording"),
    Absolute(r"\bbreakthrough\b", r"\bbreakthrough\b", "new result", "sensational wording"),
    Absolute(r"\b(?:revolutionary|game[- ]chang\w+)\b", r"\brevolution", "new", "sensational wording"),
    Absolute(r"\bno (?:\w+ )?side[- ]effects\b", r"\bno (?:\w+ )?(?:side[- ]effects|adverse events|toxicit)",
             "no serious side effects reported", "the evidence does not rule out all side effects"),
    Absolute(r"\b(?:first\b[^.;]{0,60}?\b(?:in the world|worldwide|ever|in history)|world'?s first)\b",
             r"\bfirst\b[^.;]{0,60}?\b(?:in the world|worldwide|ever|to our knowledge|in humans)\b",
             FIRST_SUGGESTION, "novelty the evidence does not claim"),
    Absolute(r"\b(?:prove[sdn]?|proof)\b", r"\b(?:prove[sdn]?|proof)\b", "suggests",
             "a single study does not prove",
             (("prove", "suggest"), ("proved", "suggested"), ("proven", "suggested"), ("proof", "evidence"))),
    Absolute(r"\b(?:100 ?%|100 per ?cent)\b", r"\b100 ?%", "(give the measured figure)", "an absolute figure"),
    Absolute(r"\b(?:always|never|guarantee[sd]?|eliminat\w+|wip(?:e|es|ed|ing) out|eradicat\w+)\b",
             r"\b(?:always|never|guarantee|eliminat|eradicat)", "(qualify it)", "an absolute the evidence does not state"),
    Absolute(r"\b(?:(?:works?|worked|is|are|was|were) better than|more effective than|outperform\w*|superior to)\b",
             r"\b(?:better|more effective|superior|outperform)", "(say it was comparable)",
             "the evidence reports a comparable effect, not a better one"),
    MINED_SENSATIONAL,
]

HEDGES = re.compile(
    r"\b(?:may|might|could|suggests?|suggested|suggesting|appears? to|appeared to|possibl[ey]|potential(?:ly)?|"
    r"likely|preliminary|pilot|warrants?|further (?:studies|research|trials)|needed|hypothes\w+|indicates?|"
    r"unclear|uncertain|debated|inconclusive|limited evidence|remains to be|"
    r"promising|seems?)\b", re.I)
CAUSAL = re.compile(
    r"\b(?:caus\w+|leads? to|led to|results? in|reduc\w+|lower\w*|prevent\w*|protects?|cur(?:e|es|ed)|boost\w*|"
    r"increas\w+|improv\w+|cuts?|slash\w*|halv\w+|trigger\w*|stops?|makes?|helps?|raises?|drives?|fights?)\b", re.I)
CORRELATIONAL = re.compile(
    r"\b(?:associat\w+|correlat\w+|linked|link|related to|relationship|predict\w+|odds ratio|hazard ratio)\b", re.I)
EXPERIMENTAL_TYPES = {"Randomized Controlled Trial", "Meta-Analysis", "Systematic Review", "Controlled Clinical Trial",
                      "Clinical Trial"}
ANIMAL_MESH = {"Animals", "Mice", "Rats", "Mice, Inbred C57BL", "Disease Models, Animal", "Zebrafish", "Swine"}
NONHUMAN_TEXT = re.compile(r"\b(?:mice|mouse|rats?|murine|rodents?|animals?|in vitro|cell lines?|cultured cells|"
                           r"zebrafish|primates|monkeys|pigs?)\b", re.I)
PEOPLE_GENERAL = re.compile(r"\b(?:people|patients|humans|adults|children|women|men|everyone|sufferers|anyone)\b", re.I)


def _quote(m: re.Match) -> str:
    return m.group(0).strip()


def _words(evidence: list[Evidence]) -> str:
    """Everything the evidence says, sentences and titles, as one text to search."""
    return " ".join(e.sentence + " " + e.title for e in evidence)


def absolute_wording(claim: str, evidence: list[Evidence]) -> list[Finding]:
    """Absolutes and sensational words the evidence does not itself use."""
    text = _words(evidence)
    findings, seen = [], []
    for rule in ABSOLUTES:
        for m in re.finditer(rule.pattern, claim, re.I):
            if any(m.start() < e and s < m.end() for s, e in seen):
                continue  # a more specific rule already took these words
            if re.search(rule.licensed_by, text, re.I):
                continue
            seen.append((m.start(), m.end()))
            findings.append(Finding("absolute", _quote(m), "", rule.why, rule.suggest(_quote(m), claim[: m.start()])))
    return findings


def certainty(claim: str, evidence: list[Evidence], score: Certainty | None = None,
              tolerances: Tolerances = Tolerances()) -> list[Finding]:
    """A flat statement of what the evidence states only tentatively.

    With the trained certainty model (`score`: sentences → 1–6) the claim must be stated
    `certainty_gap` more certainly than the most certain evidence sentence; without it, every
    evidence sentence must carry a hedge cue."""
    if not evidence or HEDGES.search(claim):
        return []
    hedged = [HEDGES.search(e.sentence) for e in evidence]
    cue = next((h.group(0) for h in hedged if h), None)
    if score is None:
        if not all(hedged):
            return []
        explanation = f'the evidence is hedged ("{cue}") but the claim states it as certain'
    else:
        [claim_certainty] = score([claim])
        evidence_certainty = []
        for e in evidence:  # one sentence at a time: the first certain enough settles it
            evidence_certainty += score([e.sentence])
            if claim_certainty - evidence_certainty[-1] < tolerances.certainty_gap:
                return []
        how = f'is hedged ("{cue}") and states it' if cue else "states it"
        explanation = (f"the evidence {how} less certainly ({max(evidence_certainty):.1f} against the claim's "
                       f"{claim_certainty:.1f} on a 1–6 certainty scale)")
    return [Finding("certainty", claim, cue or "", explanation, "state it as a possibility (\"may\", \"suggests\")")]


def causal(claim: str, evidence: list[Evidence], strength: Strength | None = None) -> list[Finding]:
    """Causal wording when the evidence reports only an association from observational data.

    With the trained classifier (`strength`: sentences → 0 none, 1 correlational,
    2 conditional causal, 3 direct causal) the claim must use a causal verb, read as direct causal, and the
    evidence state no cause (every sentence none or correlational); without it, the cue lists
    decide."""
    if not evidence or any(EXPERIMENTAL_TYPES & set(e.publication_types) for e in evidence):
        return []
    m = CAUSAL.search(claim)
    cues = [CORRELATIONAL.search(e.sentence) for e in evidence]
    if strength is None:
        if not m or not all(cues):  # an association cue settles it, whatever verb follows
            return []
    else:
        if not m or strength([claim])[0] < 3:  # no causal verb, or not read as direct: no evidence to score
            return []
        evidence_strength = strength([e.sentence for e in evidence])
        if max(evidence_strength) > 1:
            return []
    cue = next((c for c in cues if c), None)
    if cue is None and strength is not None and max(evidence_strength) == 0:
        return [Finding("causal", _quote(m) if m else claim, "", "the evidence states no cause and effect",
                        "(say what the study measured)")]
    words = cue.group(0) if cue else "a correlation"
    return [Finding("causal", _quote(m) if m else claim, words,
                    f'the evidence reports an association ("{words}"), not cause and effect', "is linked to")]


UNIVERSAL = re.compile(r"\b(?:everyone|everybody|anyone|anybody|every (?:patient|person|one|woman|man|child|adult|"
                       r"smoker|sufferer)|all (?:patients|people|women|men|children|adults|smokers|sufferers))\b", re.I)


def population(claim: str, evidence: list[Evidence], tolerances: Tolerances = Tolerances()) -> list[Finding]:
    """Who the finding is about: people claimed from animal or cell studies, everyone from
    the people studied, or people in general from one case or a handful."""
    if not evidence or NONHUMAN_TEXT.search(claim):
        return []
    text = _words(evidence)
    if (every := UNIVERSAL.search(claim)) and not UNIVERSAL.search(text):
        return [Finding("population", _quote(every), "the people studied",
                        "the evidence covers the people studied, not everyone", "(say who was studied)")]
    nonhuman = [e for e in evidence
                if (ANIMAL_MESH & set(e.mesh) and "Humans" not in e.mesh) or NONHUMAN_TEXT.search(e.sentence)]
    if len(nonhuman) == len(evidence):
        m = NONHUMAN_TEXT.search(text)  # all of the evidence is non-human
        where = m.group(0).lower() if m else "animals"
        return [Finding("population", claim, where, f"the evidence comes from {where}, not people",
                        f"add \"in {where}\"" if where in ("mice", "rats", "animals") else "say it was shown in lab studies")]
    general = PEOPLE_GENERAL.search(claim)
    if not general or any(q.kind == COUNT for q in quantities(claim)):
        return []
    if all("Case Reports" in e.publication_types for e in evidence):
        return [Finding("population", _quote(general), "a case report",
                        "the evidence is a single case report, the claim speaks of people in general",
                        "say it was one patient")]
    people = [q for e in evidence for q in quantities(e.sentence) if q.kind == COUNT and q.noun == "person"]
    if people and max(q.value for q in people) <= tolerances.small_group:
        few = max(people, key=lambda q: q.value)
        return [Finding("population", _quote(general), few.text,
                        f'the evidence comes from {few.text}, the claim speaks of {general.group(0)} in general',
                        f'say it was {few.text}')]
    return []


def numbers(claim: str, evidence: list[Evidence], tolerances: Tolerances = Tolerances()) -> list[Finding]:
    """A figure larger than any comparable one in the evidence: "hundreds" of patients from
    five, "a year" from four months, "halves" from a 15% reduction, "triples" from 18% against
    10%. Evidence that states no figure of that kind is not held against the claim."""
    stated = quantities(claim)
    if not stated or not evidence:
        return []
    reported = [q for e in evidence for q in _with_implied_ratios(quantities(e.sentence))]
    findings = []
    for q in stated:
        same = [r for r in reported if r.kind == q.kind and (q.kind != COUNT or r.noun == q.noun)]
        if not same:
            continue
        top = max(same, key=lambda r: r.value)
        if q.value > tolerances.number_ratio * top.value and (q.kind != PERCENT
                                                              or q.value - top.value >= tolerances.percent_gap):
            findings.append(Finding("number", q.text, top.text,
                                    f'the claim says "{q.text}" where the evidence reports "{top.text}"',
                                    f"(give the evidence's figure: {top.text})"))
    return findings


def _with_implied_ratios(found: list[Quantity]) -> list[Quantity]:
    """A sentence's percentages also state a ratio: 18% of one group against 10% of another is 1.8 times."""
    percents = [q for q in found if q.kind == PERCENT and q.value > 0]
    if len(percents) < 2:
        return found
    hi, lo = max(percents, key=lambda q: q.value), min(percents, key=lambda q: q.value)
    return [*found, Quantity(RATIO, hi.value / lo.value, f"{hi.text} against {lo.text}")]


def compare(claim: str, evidence: list[Evidence], scorers: Scorers = Scorers(),
            tolerances: Tolerances = Tolerances()) -> list[Finding]:
    """The ways `claim` is stated more strongly than `evidence` (the sentences that back it),
    each of the claim's words named once. The wording, population and number axes come first;
    the model axes (certainty, causal: a forward pass per sentence) run only when those found
    nothing, since they could not change the label, only add reasons at ~5 ms a sentence."""
    findings = [*absolute_wording(claim, evidence), *population(claim, evidence, tolerances),
                *numbers(claim, evidence, tolerances)]
    if not findings:
        findings = [*certainty(claim, evidence, scorers.certainty, tolerances),
                    *causal(claim, evidence, scorers.causal)]
    kept: list[Finding] = []
    for f in findings:
        words = f.claim_words.lower()
        if words != claim.lower() and any(words in k.claim_words.lower() or k.claim_words.lower() in words
                                          for k in kept if k.claim_words.lower() != claim.lower()):
            continue
        kept.append(f)
    return kept
