"""A RULE BASELINE for claim strength, so `factcheck eval causal-strength` and
`exaggeration` have a figure to beat until a trained strength model replaces it.

Scale (the causal-language corpus, also used for InSciOut strengths): 0 no relation,
1 correlational, 2 conditional causal (hedged cause), 3 direct causal. The cue lists are
the product's own (factcheck.verify.strength), so this measures those lists too.
"""

from __future__ import annotations

from factcheck.verify.strength import CAUSAL, CORRELATIONAL, HEDGES

NO_RELATION, CORRELATIONAL_CLAIM, CONDITIONAL_CAUSAL, DIRECT_CAUSAL = 0, 1, 2, 3


def causal_strength(sentence: str) -> int:
    """An association cue settles it as correlational (even beside a causal verb, as in
    "associated with increased risk"); otherwise a causal verb is direct, or conditional
    when hedged; no cue at all is no relation."""
    if CORRELATIONAL.search(sentence):
        return CORRELATIONAL_CLAIM
    if CAUSAL.search(sentence):
        return CONDITIONAL_CAUSAL if HEDGES.search(sentence) else DIRECT_CAUSAL
    return NO_RELATION


claim_strength = causal_strength  # InSciOut strengths use the same 0–3 scale


def exaggeration(press_strength: int, abstract_strength: int) -> str:
    """InSciOut's derived label: the press release states it more strongly, less, or the same."""
    if press_strength > abstract_strength:
        return "exaggerates"
    if press_strength < abstract_strength:
        return "downplays"
    return "same"
