"""Sentence splitting for biomedical abstracts.

A hand-written regex splitter, not spaCy: indexing splits every abstract of the corpus
(millions of sentences for a PubMed baseline), spaCy's parser is two orders of magnitude
slower, and abstracts are edited prose whose few traps (abbreviations, decimals,
p-values, "et al.", parentheses) a handful of rules handle well.
"""

from __future__ import annotations

import re

# Words that end in a period without ending the sentence (lower case, final "." removed).
ABBREVIATIONS = frozenset(
    """
    e.g i.e al vs v fig figs dr drs approx no nos ca cf viz incl resp
    mr mrs ms prof st jr sr inc ltd co corp dept univ vol vols eq eqs ref refs ed eds est
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)

# Words that name things by a capital letter ("vitamin D.", "hepatitis B."): after them a
# single capital is the end of a sentence, not someone's initial.
LETTER_NAMES = frozenset(
    """
    vitamin vitamins hepatitis influenza type types group groups phase phases grade grades
    class classes stage stages factor protein proteins arm arms cohort chain site zone
    """.split()
)

# Sentence-final punctuation, with closing quotes/brackets, then whitespace and the next
# visible character (the caller decides whether that character starts a sentence).
_BOUNDARY = re.compile(r"[.?!]+[\"'”’)\]]*(?=\s+(\S))")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # U.S, e.g, i.e, U.K
_OPENERS = "([\"“‘'"


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences: on . ? ! followed by whitespace and a capital letter,
    digit or opening bracket, except after abbreviations, initials, or inside brackets."""
    sentences: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        following = m.group(1)[0]
        if not (following.isupper() or following.isdigit() or following in _OPENERS):
            continue
        if text[m.start()] == "." and _ends_with_abbreviation(text, start, m.start()):
            continue
        if _inside_brackets(text, start, m.end()):
            continue
        piece = text[start : m.end()].strip()
        if piece:
            sentences.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _ends_with_abbreviation(text: str, start: int, dot: int) -> bool:
    """Is the word just before text[dot] (a period) an abbreviation or an initial?"""
    i = dot
    while i > start and not text[i - 1].isspace() and text[i - 1] not in "([":
        i -= 1
    word = text[i:dot]
    if not word:
        return False
    if word.lower() in ABBREVIATIONS or _DOTTED.fullmatch(word):
        return True
    if len(word) == 1 and word.isupper():  # an initial ("J. Smith"), unless "vitamin D."
        j = i - 1
        while j > start and text[j - 1].isspace():
            j -= 1
        k = j
        while k > start and text[k - 1].isalpha():
            k -= 1
        return text[k:j].lower() not in LETTER_NAMES
    return False


def _inside_brackets(text: str, start: int, end: int) -> bool:
    """Is `end` inside an open ( or [ of the current sentence? An opener that is never
    closed later in the text is a typo, and must not swallow the rest of the abstract."""
    span = text[start:end]
    if span.count("(") > span.count(")"):
        return text.find(")", end) != -1
    if span.count("[") > span.count("]"):
        return text.find("]", end) != -1
    return False


# An inline section label ("BACKGROUND:", "Materials and Methods:", "Trial registration:")
# at the start of the text, after a sentence end or at a line start: an upper-case
# label, or a capitalised one of at most four words, followed by a colon and a space.
_LABEL = re.compile(
    r"(?:^|(?<=[.?!])|(?<=\n))\s*"
    r"(?P<label>[A-Z][A-Z]+(?:[ /&,-]{1,3}[A-Z]+){0,4}"
    r"|[A-Z][a-z]+(?:[ /-]{1,3}(?:[A-Za-z][a-z]*|&)){0,3})"
    r":\s+"
)
# Capitalised sentence openers that are never section labels ("We asked: ...").
_NOT_LABELS = frozenset("We Our It Its This These Those The There They Here In A An".split())


def split_structured(text: str) -> list[tuple[str, str]]:
    """Split an abstract given as one string into (section label, sentence) pairs,
    recognising inline labels ("BACKGROUND: ... RESULTS: ..."). Text before the first
    label, or in an abstract without labels, gets the label ""."""
    pairs: list[tuple[str, str]] = []
    label, start = "", 0
    for m in _LABEL.finditer(text):
        if m.group("label").split()[0] in _NOT_LABELS:
            continue
        pairs.extend((label, s) for s in split_sentences(text[start : m.start()]))
        label, start = m.group("label").strip(), m.end()
    pairs.extend((label, s) for s in split_sentences(text[start:]))
    return pairs
