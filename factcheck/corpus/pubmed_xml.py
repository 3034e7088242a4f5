"""PubMed XML as NCBI distributes it: baseline and update files and E-utilities efetch
output (<PubmedArticleSet> of <PubmedArticle>, <PubmedBookArticle>, <DeleteCitation>).

Streams with lxml's iterparse and frees each record once read: baseline files hold
~30k records and must not be held in memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from factcheck.corpus.readers import Deleted, Record, Skipped
from factcheck.corpus.sentences import split_sentences, split_structured
from factcheck.schema import Document

_RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle", "DeleteCitation")
_YEAR = re.compile(r"\d{4}")
_EXPONENT = re.compile(r"[-−–]?\d+(?:\.\d+)?")


def parse_pubmed_xml(stream: BinaryIO, name: str) -> Iterator[Record]:
    """Yield one Document / Skipped / Deleted per record of a PubMed XML stream.

    A syntax error yields one Skipped with its line and ends the file (what follows a
    syntax error cannot be trusted)."""
    events = etree.iterparse(
        stream, events=("end",), tag=_RECORD_TAGS, resolve_entities=False, no_network=True
    )
    try:
        for _, elem in events:
            if elem.tag == "DeleteCitation":
                for pmid in elem.iterfind("PMID"):
                    if pmid.text and pmid.text.strip():
                        yield Deleted(pmid_doc_id(pmid.text.strip()))
            elif elem.tag == "PubmedArticle":
                yield _article(elem, name)
            else:
                yield _book_article(elem, name)
            _free(elem)
    except etree.XMLSyntaxError as e:
        line = e.lineno or (e.position[0] if e.position else 0)
        yield Skipped(name, line, f"XML syntax error: {' '.join(str(e.msg).split())}")


def pmid_doc_id(pmid: str) -> str:
    """The corpus doc_id of a PubMed record: one place, so that a fetch can ask the store
    which PMIDs it already holds."""
    return f"pmid:{pmid}"


def _article(elem: etree._Element, name: str) -> Document | Skipped:
    citation = elem.find("MedlineCitation")
    if citation is None:
        return Skipped(name, elem.sourceline or 0, "no MedlineCitation")
    article = citation.find("Article")
    if article is None:
        return Skipped(name, elem.sourceline or 0, "no Article")
    pub_date = article.find("Journal/JournalIssue/PubDate")
    year = _year(pub_date) or _year(article.find("ArticleDate"))
    title = _text(article.find("ArticleTitle")) or _text(article.find("VernacularTitle"))
    journal = (
        _text(article.find("Journal/Title"))
        or _text(article.find("Journal/ISOAbbreviation"))
        or _text(citation.find("MedlineJournalInfo/MedlineTA"))
    )
    return _document(
        name,
        elem,
        pmid=_text(citation.find("PMID")),
        title=title,
        abstract=article.findall("Abstract/AbstractText"),
        year=year,
        journal=journal or None,
        publication_types=article.findall("PublicationTypeList/PublicationType"),
        mesh=citation.findall("MeshHeadingList/MeshHeading/DescriptorName"),
    )


def _book_article(elem: etree._Element, name: str) -> Document | Skipped:
    """A book or book chapter (NCBI Bookshelf): the chapter title, else the book's; the
    book title stands in for the journal."""
    doc = elem.find("BookDocument")
    if doc is None:
        return Skipped(name, elem.sourceline or 0, "no BookDocument")
    chapter = _text(doc.find("ArticleTitle"))
    book_title = _text(doc.find("Book/BookTitle"))
    return _document(
        name,
        elem,
        pmid=_text(doc.find("PMID")),
        title=chapter or book_title,
        abstract=doc.findall("Abstract/AbstractText"),
        year=_year(doc.find("Book/PubDate")),
        journal=(book_title if chapter else None) or None,
        publication_types=doc.findall("PublicationType"),
        mesh=doc.findall("MeshHeadingList/MeshHeading/DescriptorName"),
    )


def _document(
    name: str,
    elem: etree._Element,
    *,
    pmid: str,
    title: str,
    abstract: list[etree._Element],
    year: int | None,
    journal: str | None,
    publication_types: list[etree._Element],
    mesh: list[etree._Element],
) -> Document | Skipped:
    """Assemble a Document, or say why the record is unusable (no PMID, no abstract)."""
    line = elem.sourceline or 0
    if not pmid:
        return Skipped(name, line, "no PMID")
    sentences: list[str] = []
    sections: list[str] = []
    for part in abstract:
        label = part.get("Label") or _category(part)
        text = _text(part)
        pairs = [(label, s) for s in split_sentences(text)] if label else split_structured(text)
        for section, sentence in pairs:
            sections.append(section)
            sentences.append(sentence)
    if not sentences:
        return Skipped(name, line, f"no abstract (PMID {pmid})")
    return Document(
        doc_id=pmid_doc_id(pmid),
        title=title,
        sentences=sentences,
        sections=sections,
        pmid=pmid,
        year=year,
        journal=journal,
        publication_types=[t for t in map(_text, publication_types) if t],
        mesh=[t for t in map(_text, mesh) if t],
    )


def _text(elem: etree._Element | None) -> str:
    """All the text of an element, inline markup (<i>, <sub>, MathML) included, with
    whitespace runs collapsed. A numeric superscript after a digit is a power and keeps
    a caret ("10<sup>9</sup>" is "10^9", not "109")."""
    if elem is None:
        return ""
    if len(elem) == 0:  # the common case: no markup
        return " ".join((elem.text or "").split())
    parts: list[str] = []
    _flatten(elem, parts)
    return " ".join("".join(parts).split())


def _flatten(elem: etree._Element, parts: list[str]) -> None:
    if elem.text:
        parts.append(elem.text)
    for child in elem:
        if isinstance(child.tag, str):  # not a comment or processing instruction
            if child.tag == "sup" and _is_power(child, parts):
                parts.append("^")
            _flatten(child, parts)
        if child.tail:
            parts.append(child.tail)


def _is_power(sup: etree._Element, before: list[str]) -> bool:
    return bool(before) and before[-1][-1:].isdigit() and bool(_EXPONENT.fullmatch(sup.text or ""))


def _category(part: etree._Element) -> str:
    category = part.get("NlmCategory") or ""
    return "" if category == "UNASSIGNED" else category


def _year(date: etree._Element | None) -> int | None:
    """<Year>, else the first four digits of <MedlineDate> ("2019 Nov-Dec")."""
    if date is None:
        return None
    found = _YEAR.search(date.findtext("Year") or date.findtext("MedlineDate") or "")
    return int(found.group()) if found else None


def _free(elem: etree._Element) -> None:
    """Drop a finished record and the empty husks of earlier ones."""
    elem.clear(keep_tail=True)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]
