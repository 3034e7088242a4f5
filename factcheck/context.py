"""Claims that stand alone: pronouns resolved from the article before a claim is retrieved and judged.

"She went into remission within weeks" means nothing to a retriever or a verifier that has
not read the story; "The 20-year-old went into remission within weeks" does. Each claim's
personal pronouns (she, he, her, him, his; they, them, their) are replaced by the nearest
noun phrase before them in the article that agrees with them: a person for he and she, a
plural for they. The claim's span still points at the words the article wrote; only
`Claim.standalone` changes. `it` is left alone: too often it refers to nothing.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from factcheck.schema import Article, Claim

PERSON_NOUNS = {
    "woman", "man", "girl", "boy", "patient", "mother", "father", "daughter", "son", "wife", "husband",
    "child", "baby", "infant", "teenager", "adult", "person", "volunteer", "participant", "doctor",
    "physician", "nurse", "surgeon", "researcher", "scientist", "professor", "author", "teacher", "grandmother",
    "grandfather", "student", "athlete", "runner", "smoker", "mum", "mom", "dad", "lady", "gentleman",
}
SINGULAR = {"she": "person", "he": "person", "her": "person", "him": "person", "his": "person"}
PLURAL = {"they": "plural", "them": "plural", "their": "plural"}
POSSESSIVE = {"his", "their"}  # "her" is possessive when tagged PRP$
_AGE = re.compile(r"\b\d+-year-old\b")
# "The 20-year-old" alone often parses as no noun phrase at all
_AGED_PERSON = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?:[\w-]+\s+){0,2}?\d+-year-old(?:\s+(?:%s)\b)?" % "|".join(
    ["woman", "man", "girl", "boy", "patient", "mother", "father"]))
_POSSESSIVE_PRONOUN = re.compile(r"\b(her|his|their)\b", re.I)
_LEADING_INDEFINITE = re.compile(r"^(?:a|an)\s+", re.I)


@dataclass(frozen=True)
class Mention:
    start: int  # in Article.plain
    text: str
    kind: str  # "person" | "plural"


def mentions(doc) -> list[Mention]:
    """The noun phrases of a parsed text that a pronoun may refer to, in text order."""
    out = [Mention(m.start(), m.group(), "person") for m in _AGED_PERSON.finditer(doc.text)]
    taken = {m.start for m in out}
    for chunk in doc.noun_chunks:
        root = chunk.root
        pronoun = root.tag_ in ("PRP", "PRP$") or root.lower_ in SINGULAR or root.lower_ in PLURAL
        if pronoun or chunk.start_char in taken:
            continue
        if root.lemma_.lower() in PERSON_NOUNS and root.tag_ in ("NN", "NNP") or _AGE.search(chunk.text):
            out.append(Mention(chunk.start_char, chunk.text, "person"))
        elif root.tag_ in ("NNS", "NNPS"):
            out.append(Mention(chunk.start_char, chunk.text, "plural"))
    return sorted(out, key=lambda m: m.start)


def antecedent(found: list[Mention], starts: list[int], before: int, kind: str) -> Mention | None:
    """The nearest mention of this kind that starts before `before`."""
    for m in reversed(found[:bisect.bisect_left(starts, before)]):
        if m.kind == kind:
            return m
    return None


def replacement(m: Mention, possessive: bool, at_start: bool, found: list[Mention], starts: list[int]) -> str:
    """The mention's words in place of a pronoun; a possessive inside it ("her own T cells")
    is resolved too, once."""
    text = _LEADING_INDEFINITE.sub("the ", m.text)
    inner = _POSSESSIVE_PRONOUN.search(text)
    if inner and (kind := SINGULAR.get(inner.group().lower()) or PLURAL.get(inner.group().lower())):
        if (outer := antecedent(found, starts, m.start, kind)) is not None:
            text = text[:inner.start()] + replacement(outer, True, False, [], []) + text[inner.end():]
    if at_start:
        text = text[0].upper() + text[1:]
    elif text[:4].lower() == "the ":
        text = text[0].lower() + text[1:]
    return text + ("'s" if possessive and not text.endswith("s") else "'" if possessive else "")


def standalone(claim_doc, found: list[Mention], starts: list[int], claim_start: int) -> str:
    """A parsed claim with its personal pronouns replaced by their antecedents."""
    text = claim_doc.text
    edits = []
    for tok in claim_doc:
        kind = SINGULAR.get(tok.lower_) or PLURAL.get(tok.lower_)
        if kind is None or tok.tag_ not in ("PRP", "PRP$"):
            continue
        m = antecedent(found, starts, claim_start + tok.idx, kind)
        if m is None:
            continue
        possessive = tok.tag_ == "PRP$" or tok.lower_ in POSSESSIVE
        edits.append((tok.idx, tok.idx + len(tok.text), replacement(m, possessive, tok.i == 0, found, starts)))
    for start, end, new in reversed(edits):
        text = text[:start] + new + text[end:]
    return text


def make_standalone(article: Article, claims: list[Claim], nlp) -> list[Claim]:
    """Set `standalone` on each claim from the article it came from; returns the claims."""
    if not claims:
        return claims
    found = mentions(nlp(article.plain))
    starts = [m.start for m in found]
    for claim, doc in zip(claims, nlp.pipe([c.text for c in claims])):
        # the claim's start in `plain` (offsets map plain -> original and only grow)
        plain_start = bisect.bisect_left(article.offsets, claim.start)
        claim.standalone = standalone(doc, found, starts, plain_start)
    return claims
