"""RIS import and export (rispy).

rispy silently drops a record without its closing ``ER`` and has no line numbers, so the file
is first checked and split here (tag lines, ``TY`` … ``ER`` pairs), then each record is read by
rispy.
"""

from __future__ import annotations

import re

import rispy

from ..fields import Kind
from . import bibliographic as bib
from .record import Format, ImportBatch, ImportFormatError
from .snapshot import EntrySnapshot

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: |$)")
_COUNTER = re.compile(r"^\d+\.\s*$")  # rispy and some managers number the records
_DATASET_TYPES = frozenset({"DATA", "DBASE", "AGGR"})


def _split(text: str, source: str) -> list[tuple[int, str]]:
    """(first line number, text) of each ``TY`` … ``ER`` record; raises on a broken structure."""
    records: list[tuple[int, str]] = []
    start: int | None = None
    lines: list[str] = []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        match = _TAG_LINE.match(line)
        tag = match.group(1) if match else None
        if start is None:
            if not line.strip() or _COUNTER.match(line):
                continue
            if tag != "TY":
                raise ImportFormatError(source, number, "expected a record starting with 'TY  - '")
            start, lines = number, []
        elif tag == "TY":
            raise ImportFormatError(source, start, "record has no closing 'ER  - ' line")
        lines.append(line)
        if tag == "ER":
            records.append((start, "\n".join(lines) + "\n"))
            start = None
    if start is not None:
        raise ImportFormatError(source, start, "record has no closing 'ER  - ' line")
    if not records:
        raise ImportFormatError(source, None, "no RIS records found")
    return records


def _first(ref: dict, *keys: str):
    for key in keys:
        value = ref.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value:
            return value
    return None


def _citation(ref: dict) -> bib.Citation:
    kind = Kind.DATASET if ref.get("type_of_reference") in _DATASET_TYPES else Kind.PAPER
    authors = list(ref.get("authors") or []) + list(ref.get("first_authors") or [])
    return bib.Citation(
        kind=kind,
        title=_first(ref, "title", "primary_title", "translated_title"),
        authors=authors,
        year=_first(ref, "year", "publication_year", "date"),
        venue=_first(ref, "secondary_title", "journal_name", "alternate_title3", "publisher"),
        doi=_first(ref, "doi"),
        arxiv=_first(ref, "accession_number"),
        urls=list(ref.get("urls") or []) + list(ref.get("file_attachments1") or []),
        abstract=_first(ref, "abstract"),
        keywords=list(ref.get("keywords") or []),
        note="\n".join(ref.get("notes") or []) or None,
        extra={"short_name": _first(ref, "short_title")} if kind is Kind.PAPER else {},
    )


def read(text: str, source: str) -> ImportBatch:
    batch = ImportBatch(source, Format.RIS)
    for line, chunk in _split(text, source):
        refs = rispy.loads(chunk)
        if len(refs) != 1:
            raise ImportFormatError(source, line, "unreadable RIS record")
        record = bib.to_record(_citation(refs[0]), line)
        if not record.title:
            raise ImportFormatError(source, line, "record has no title (TI)")
        batch.records.append(record)
    return batch


def _reference(entry: EntrySnapshot) -> dict:
    v = entry.values
    if entry.kind is Kind.DATASET:
        ref = {"type_of_reference": "DATA", "title": v.get("name"), "abstract": v.get("description_en")}
    else:
        ref = {
            "type_of_reference": "JOUR",
            "title": v.get("title"),
            "authors": v.get("authors") or None,
            "secondary_title": v.get("venue"),
            "doi": v.get("doi"),
            "accession_number": f"arXiv:{v['arxiv_id']}" if v.get("arxiv_id") else None,
            "short_title": v.get("short_name"),
            "abstract": v.get("summary_en"),
        }
    ref["year"] = str(v["year"]) if v.get("year") else None
    ref["urls"] = bib.record_urls(entry.kind, v) or None
    ref["keywords"] = bib.tag_keywords(entry.tags) or None
    ref["notes"] = entry.note.split("\n") if entry.note else None  # one N1 line per line
    return {k: val for k, val in ref.items() if val}


def write(entries: list[EntrySnapshot]) -> str:
    return rispy.dumps([_reference(e) for e in entries])
