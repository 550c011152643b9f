"""The mapping shared by the reference-manager formats (BibTeX, RIS, CSL-JSON).

They all describe an entry by title, authors, year, venue, identifiers, URLs, abstract and
keywords; this module turns that description into an :class:`ImportRecord` and back.
Keywords written as ``facet:label`` (as the app exports them) become tags of that facet; other
keywords are suggested tags.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..fields import Kind
from ..validation import clean_text
from . import identifiers
from .language import is_chinese, place
from .record import SUGGESTED, ImportRecord

DATASET_MARKERS = frozenset({"dataset", "data", "dataset_type"})


@dataclass
class Citation:
    """A reference-manager entry, format-independent."""

    kind: Kind = Kind.PAPER
    title: str | None = None
    authors: list[str] = field(default_factory=list)  # display names (see :mod:`names`)
    year: Any = None
    venue: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    urls: list[str] = field(default_factory=list)  # sorted into slots by host and order
    links: dict[str, str] = field(default_factory=dict)  # links whose slot the file names (pdf_url…)
    abstracts: list[str] = field(default_factory=list)  # each goes to the summary of its language
    keywords: list[str] = field(default_factory=list)
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # field values given directly (e.g. short_name)
    key: str | None = None  # the citation key (BibTeX key, RIS ID, CSL id)
    entry_type: str | None = None  # in BibTeX's vocabulary: article, inproceedings, misc…
    fields: dict[str, str] = field(default_factory=dict)  # everything else, by BibTeX field name


def _place_urls(values: dict[str, Any], urls: list[str]) -> None:
    """Sort URLs into arXiv id, DOI, paper, PDF, code and project links (first one wins)."""
    for url in urls:
        url = clean_text(url)
        if not url:
            continue
        _identify(values, url)
        if identifiers.is_code_url(url):
            slot = "code_url"
        elif url.lower().endswith(".pdf") or "/pdf/" in url.lower():
            slot = "pdf_url" if identifiers.arxiv_id(url) is None or "paper_url" in values else "paper_url"
        else:
            slot = "paper_url" if "paper_url" not in values else "project_url"
        values.setdefault(slot, url)


def _identify(values: dict[str, Any], url: str) -> None:
    arxiv = identifiers.arxiv_id(url)
    doi = identifiers.doi(url)
    if arxiv:
        values.setdefault("arxiv_id", arxiv)
    if doi:
        values.setdefault("doi", doi)


def keyword_tags(record: ImportRecord, keywords: list[str]) -> None:
    for keyword in keywords:
        keyword = clean_text(keyword)
        if not keyword:
            continue
        facet, sep, label = keyword.partition(":")
        if sep and facet.strip() and label.strip() and " " not in facet.strip():
            record.add_tag(facet.strip(), label.strip())
        else:
            record.add_tag(SUGGESTED, keyword)


def _summaries(values: dict[str, Any], fields: dict[str, str], abstracts: list[str], zh: str, en: str) -> None:
    """Each abstract goes to the summary of its language; a second one in the same language
    is kept among the extra fields."""
    for text in abstracts:
        text = clean_text(text)
        if text and place(values, text, zh, en) is None:
            fields.setdefault(f"abstract_{'zh' if is_chinese(text) else 'en'}", text)


def to_record(cit: Citation, line: int | None) -> ImportRecord:
    year = identifiers.year_in(cit.year) if cit.year is not None else None
    fields = {k: v for k, v in cit.fields.items() if clean_text(v) is not None}
    if cit.kind is Kind.DATASET:
        values: dict[str, Any] = {
            "name": clean_text(cit.title),
            "year": year,
            "download_urls": [u for u in (clean_text(u) for u in [*cit.links.values(), *cit.urls]) if u],
        }
        _summaries(values, fields, cit.abstracts, "description_zh", "description_en")
    else:
        values = {
            "title": clean_text(cit.title),
            "authors": [a for a in (clean_text(a) for a in cit.authors) if a and a.lower() != "others"],
            "year": year,
            "venue": clean_text(cit.venue),
        }
        _summaries(values, fields, cit.abstracts, "summary_zh", "summary_en")
        arxiv = identifiers.arxiv_id(cit.arxiv) or identifiers.arxiv_id(cit.doi)
        if arxiv:
            values["arxiv_id"] = arxiv
        doi = identifiers.doi(cit.doi)
        if doi:
            values["doi"] = doi
        for slot, url in cit.links.items():
            url = clean_text(url)
            if url:
                _identify(values, url)
                values.setdefault(slot, url)
        _place_urls(values, cit.urls)
    values.update({k: v for k, v in cit.extra.items() if clean_text(v) is not None})
    values["citation_key"] = str(cit.key).strip() or None if cit.key else None  # "-" is a key too
    values["entry_type"] = str(cit.entry_type).strip().lower() or None if cit.entry_type else None
    values["extra_fields"] = fields or None
    record = ImportRecord(cit.kind, {k: v for k, v in values.items() if v not in (None, [], {})}, line)
    keyword_tags(record, cit.keywords)
    record.note = str(cit.note).strip() or None if cit.note else None  # a note is what was typed: "-" too
    return record


def record_urls(kind: Kind, values: dict[str, Any]) -> list[str]:
    """The links of an entry, in the order :func:`_place_urls` reads them back."""
    if kind is Kind.DATASET:
        return list(values.get("download_urls") or [])
    urls = [values.get(k) for k in ("paper_url", "pdf_url", "code_url", "project_url")]
    return [u for u in urls if u]


def summaries(kind: Kind, values: dict[str, Any]) -> tuple[str | None, str | None]:
    """(the abstract, the other-language abstract): English first when there is one."""
    zh, en = ("description_zh", "description_en") if kind is Kind.DATASET else ("summary_zh", "summary_en")
    if values.get(en):
        return values[en], values.get(zh)
    return values.get(zh), None


def extra_fields(values: dict[str, Any]) -> dict[str, str]:
    """The entry's other bibliographic fields (BibTeX names), as a dict whatever was stored."""
    extra = values.get("extra_fields")
    if isinstance(extra, str):
        try:
            extra = json.loads(extra)
        except ValueError:
            return {}
    return {str(k): str(v) for k, v in extra.items() if v not in (None, "")} if isinstance(extra, dict) else {}


class TypeMap:
    """A format's entry types against BibTeX's, both ways. ``pairs`` are (their type, BibTeX
    type); the first of each BibTeX type is the one written. A type of theirs that BibTeX has
    no name for is kept in the extra field ``keep_as`` and written back from there."""

    def __init__(self, pairs, keep_as: str, dataset: str, preprint: str, journal: str, unknown: str):
        self.to_bibtex_table = dict(pairs)
        self.from_bibtex: dict[str, str] = {}
        for theirs, bibtex in pairs:
            self.from_bibtex.setdefault(bibtex, theirs)
        self.keep_as, self.dataset, self.preprint, self.journal, self.unknown = keep_as, dataset, preprint, journal, unknown

    def read(self, theirs: str, fields: dict[str, str]) -> str:
        """The BibTeX type of ``theirs`` (noting an unnamed one in ``fields``)."""
        if theirs not in self.to_bibtex_table:
            fields[self.keep_as] = theirs
        return self.to_bibtex_table.get(theirs, "misc")

    def write(self, kind: Kind, values: dict[str, Any]) -> str:
        extra = extra_fields(values)
        if extra.get(self.keep_as):
            return extra[self.keep_as]
        if kind is Kind.DATASET:
            return self.dataset
        etype = str(values.get("entry_type") or "").lower()
        if etype:
            return self.from_bibtex.get(etype, self.unknown)
        return self.preprint if is_arxiv_venue(values.get("venue")) and values.get("arxiv_id") else self.journal


def tag_keywords(tags: dict[str, list[str]]) -> list[str]:
    return [f"{facet}:{label}" for facet in sorted(tags) for label in tags[facet]]


def is_arxiv_venue(venue: str | None) -> bool:
    return (venue or "").strip().lower() in ("", "arxiv", "arxiv preprint", "corr")
