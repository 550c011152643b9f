"""The mapping shared by the reference-manager formats (BibTeX, RIS, CSL-JSON).

They all describe an entry by title, authors, year, venue, identifiers, URLs, abstract and
keywords; this module turns that description into an :class:`ImportRecord` and back.
Keywords written as ``facet:label`` (as the app exports them) become tags of that facet; other
keywords are suggested tags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..fields import Kind
from ..validation import clean_text
from . import identifiers
from .record import SUGGESTED, ImportRecord

DATASET_MARKERS = frozenset({"dataset", "data", "dataset_type"})


@dataclass
class Citation:
    """A reference-manager entry, format-independent."""

    kind: Kind = Kind.PAPER
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    year: Any = None
    venue: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    urls: list[str] = field(default_factory=list)
    abstract: str | None = None
    keywords: list[str] = field(default_factory=list)
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # field values given directly (e.g. short_name)


def _place_urls(values: dict[str, Any], urls: list[str]) -> None:
    """Sort URLs into arXiv id, DOI, paper, PDF, code and project links (first one wins)."""
    for url in urls:
        url = clean_text(url)
        if not url:
            continue
        arxiv = identifiers.arxiv_id(url)
        doi = identifiers.doi(url)
        if arxiv:
            values.setdefault("arxiv_id", arxiv)
        if doi:
            values.setdefault("doi", doi)
        if identifiers.is_code_url(url):
            slot = "code_url"
        elif url.lower().endswith(".pdf") or "/pdf/" in url.lower():
            slot = "pdf_url" if arxiv is None or "paper_url" in values else "paper_url"
        else:
            slot = "paper_url" if "paper_url" not in values else "project_url"
        values.setdefault(slot, url)


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


def to_record(cit: Citation, line: int | None) -> ImportRecord:
    year = identifiers.year_in(cit.year) if cit.year is not None else None
    if cit.kind is Kind.DATASET:
        values: dict[str, Any] = {
            "name": clean_text(cit.title),
            "year": year,
            "description_en": clean_text(cit.abstract),
            "download_urls": [u for u in (clean_text(u) for u in cit.urls) if u],
        }
    else:
        values = {
            "title": clean_text(cit.title),
            "authors": [a for a in (clean_text(a) for a in cit.authors) if a and a != "others"],
            "year": year,
            "venue": clean_text(cit.venue),
            "summary_en": clean_text(cit.abstract),
        }
        arxiv = identifiers.arxiv_id(cit.arxiv) or identifiers.arxiv_id(cit.doi)
        if arxiv:
            values["arxiv_id"] = arxiv
        doi = identifiers.doi(cit.doi)
        if doi:
            values["doi"] = doi
        _place_urls(values, cit.urls)
    values.update({k: v for k, v in cit.extra.items() if clean_text(v) is not None})
    record = ImportRecord(cit.kind, {k: v for k, v in values.items() if v not in (None, [])}, line)
    keyword_tags(record, cit.keywords)
    record.note = clean_text(cit.note)
    return record


def record_urls(kind: Kind, values: dict[str, Any]) -> list[str]:
    """The links of an entry, in the order :func:`_place_urls` reads them back."""
    if kind is Kind.DATASET:
        return list(values.get("download_urls") or [])
    urls = [values.get(k) for k in ("paper_url", "pdf_url", "code_url", "project_url")]
    return [u for u in urls if u]


def tag_keywords(tags: dict[str, list[str]]) -> list[str]:
    return [f"{facet}:{label}" for facet in sorted(tags) for label in tags[facet]]


def is_arxiv_venue(venue: str | None) -> bool:
    return (venue or "").strip().lower() in ("", "arxiv", "arxiv preprint", "corr")
