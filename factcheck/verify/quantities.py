"""The figures a health sentence states: how many people, for how long, by how much.

`quantities(text)` finds four kinds, each on one scale so that a claim's figure can be
compared with its evidence's:

    count     how many people (or of the same thing): "5 patients", "hundreds of women"
    duration  in days: "four months", "a year", "12-week"
    percent   a share or a change: "15%", "87 percent", "a third", "halves", "all of the"
    ratio     how many times: "tripled", "three times as likely", "2.5-fold", "OR 1.8"

Spelled-out numbers are read by text2num ("twenty-three" → 23); vague magnitudes
("hundreds", "tens of thousands") count as their smallest plausible value, so they only
outrun evidence that is clearly smaller. Ages ("a 20-year-old", "aged 70 years") and
confidence levels ("95% CI") are not findings and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import alpha2digit

COUNT, DURATION, PERCENT, RATIO = "count", "duration", "percent", "ratio"


@dataclass(frozen=True)
class Quantity:
    kind: str  # COUNT, DURATION, PERCENT or RATIO
    value: float  # people or things; days; percent; times
    text: str  # the words as written
    noun: str = ""  # COUNT: what is counted, singular ("patient"); "person" for any word for people


_NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                 "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
                 "thousand million").split()
_WORD = "|".join(_NUMBER_WORDS)
NUMBER = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|(?:{_WORD})(?:(?:-|\s+|\s+and\s+)(?:{_WORD}))*)"
VAGUE = {"dozens of": 24, "hundreds of": 200, "thousands of": 2_000, "tens of thousands of": 20_000,
         "hundreds of thousands of": 200_000, "millions of": 2_000_000, "a dozen": 12}
_VAGUE = "|".join(sorted(map(re.escape, VAGUE), key=len, reverse=True))

PEOPLE = ("patients", "patient", "people", "persons", "person", "participants", "subjects", "adults", "children",
          "child", "women", "woman", "men", "man", "girls", "boys", "volunteers", "individuals", "smokers", "infants",
          "babies", "teenagers", "residents", "users", "survivors", "cases")
_PEOPLE_COUNT = re.compile(
    rf"\b(?P<num>{_VAGUE}|{NUMBER})\s+(?:[A-Za-z][\w-]*\s+){{0,3}}?(?P<noun>{'|'.join(PEOPLE)})\b", re.I)
_THING_COUNT = re.compile(rf"\b(?P<num>{_VAGUE}|{NUMBER})\s+(?P<noun>[A-Za-z][\w-]*)", re.I)
_PREPOSITIONS = {"of", "in", "on", "at", "to", "for", "than", "with", "by", "from", "as", "among", "between", "per",
                 "versus", "vs"}
_NOT_NOUNS = _PREPOSITIONS | {"and", "or", "the", "a", "an", "is", "was", "were", "are", "had", "have", "who", "that",
                              "more", "less", "other", "times"}
_DAYS = {"day": 1, "week": 7, "month": 30.4, "year": 365.25, "decade": 3652.5}
_DURATION = re.compile(
    rf"\b(?P<num>{NUMBER}|an?)(?:\s+|-)(?:more\s+)?(?P<unit>day|week|month|year|decade)s?\b(?P<age>[- ]old)?", re.I)
_PERCENT = re.compile(rf"\b(?P<num>{NUMBER})\s*(?:%|percent\b|per cent\b)(?!\s*(?:CI\b|confidence))", re.I)
FRACTIONS = {"all of his": 100.0, "all of her": 100.0, "all of their": 100.0, "all of the": 100.0, "half": 50.0,
             "a third": 100 / 3, "one third": 100 / 3, "two thirds": 200 / 3, "two-thirds": 200 / 3,
             "a quarter": 25.0, "three quarters": 75.0, "a fifth": 20.0, "a tenth": 10.0}
_FRACTION = re.compile(r"\b(?P<frac>halv(?:e|es|ed|ing)|" + "|".join(sorted(map(re.escape, FRACTIONS), key=len,
                                                                            reverse=True)) + r")\b", re.I)
MULTIPLES = {"doubl": 2.0, "twice": 2.0, "tripl": 3.0, "thrice": 3.0, "quadrupl": 4.0}
_MULTIPLE = re.compile(  # "twice a week" is a frequency, not a ratio
    rf"\b(?:(?P<num>{NUMBER})(?:-|\s+)(?:fold|times)\b|(?P<word>doubl|tripl|quadrupl)\w*|"
    rf"(?P<twice>twice|thrice)\b(?!\s+(?:a|an|per|daily|weekly|monthly|yearly)\b))", re.I)
_RATIO_STAT = re.compile(r"\b(?:odds ratio|hazard ratio|relative risk|risk ratio|rate ratio|(?-i:OR|HR|RR|IRR))\b"
                         r"[\s,:=(of]{0,6}(?P<num>\d+(?:\.\d+)?)", re.I)
_AGE = re.compile(r"\baged?\s*$", re.I)
_RATE = re.compile(  # "100 mg a day": a rate, not a duration
    r"\b(?:mg|g|IU|mcg|µg|units?|cups?|glass(?:es)?|drinks?|servings?|doses?|pills?|tablets?|times|once|"
    r"twice|hours?|minutes?|steps)\b(?:\s+[\w-]+){0,2}\s*$", re.I)


def number(words: str) -> float | None:
    """'23', '1,200', 'twenty-three', 'one hundred and five' → the number; None if it is not one."""
    words = words.strip().lower()
    if words in ("a", "an"):
        return 1.0
    digits = words if words[:1].isdigit() else alpha2digit(words, "en", threshold=0)
    try:
        return float(digits.replace(",", ""))
    except ValueError:
        return None


def _singular(noun: str) -> str:
    noun = noun.lower()
    if noun in PEOPLE:
        return "person"
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def quantities(text: str) -> list[Quantity]:
    """Every count, duration, percentage and ratio stated in `text`, in order of appearance."""
    found: list[tuple[int, Quantity]] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, q: Quantity):
        if any(m.start() < e and s < m.end() for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        found.append((m.start(), q))

    for m in _DURATION.finditer(text):
        value = number(m["num"])
        before = text[: m.start()]
        rate = m["num"].lower() in ("a", "an") and _RATE.search(before)
        if value is not None and not m["age"] and not _AGE.search(before) and not rate:
            add(m, Quantity(DURATION, value * _DAYS[m["unit"].lower()], m.group(0)))
        elif value is not None:
            taken.append((m.start(), m.end()))  # an age or a rate: not a count either
    for m in _PERCENT.finditer(text):
        if (value := number(m["num"])) is not None:
            add(m, Quantity(PERCENT, value, m.group(0)))
    for m in _FRACTION.finditer(text):
        frac = m["frac"].lower()
        add(m, Quantity(PERCENT, 50.0 if frac.startswith("halv") else FRACTIONS[frac], m.group(0)))
    for m in _MULTIPLE.finditer(text):
        value = number(m["num"]) if m["num"] else MULTIPLES[(m["word"] or m["twice"]).lower()]
        if value is not None:
            add(m, Quantity(RATIO, value, m.group(0)))
    for m in _RATIO_STAT.finditer(text):
        value = float(m["num"])
        if value < 1:  # a protective ratio is a reduction: HR 0.70 is 30% fewer
            add(m, Quantity(PERCENT, round((1 - value) * 100, 1), m.group(0)))
        else:
            add(m, Quantity(RATIO, value, m.group(0)))
    for pattern in (_PEOPLE_COUNT, _THING_COUNT):
        for m in pattern.finditer(text):
            vague = VAGUE.get(re.sub(r"\s+", " ", m["num"].lower()))
            value = vague if vague is not None else number(m["num"])
            between = m.group(0).lower().split()[1:-1]
            if pattern is _PEOPLE_COUNT and (value is None or value != int(value) or _PREPOSITIONS & set(between)):
                continue  # "0.47 among women" is not a count of women
            if value is not None and m["noun"].lower() not in _NOT_NOUNS | set(_NUMBER_WORDS):
                add(m, Quantity(COUNT, float(value), m.group(0), _singular(m["noun"])))
    return [q for _, q in sorted(found, key=lambda p: p[0])]
