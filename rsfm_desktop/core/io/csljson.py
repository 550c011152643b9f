"""CSL-JSON import and export (the format of Zotero, Pandoc and citation.js).

arXiv preprints are read from ``number: "arXiv:…"``, an arXiv DOI or an arXiv URL; a
``type: "dataset"`` item is a dataset.
"""

from __future__ import annotations

import json
from typing import Any

from ..fields import Kind
from . import bibliographic as bib
from .jsonutil import load_json, item_lines
from .record import Format, ImportBatch, ImportFormatError
from .snapshot import EntrySnapshot


def _author(person: Any) -> str:
    if isinstance(person, dict):
        if person.get("literal"):
            return str(person["literal"])
        parts = [person.get("given"), person.get("non-dropping-particle"), person.get("family")]
        return " ".join(str(p) for p in parts if p)
    return str(person)


def _year(item: dict) -> Any:
    issued = item.get("issued")
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return str(parts[0][0])
        return issued.get("raw") or issued.get("literal")
    return issued


def _text(value: Any) -> str | None:
    return None if value is None or isinstance(value, (dict, list)) else str(value)


def _citation(item: dict) -> bib.Citation:
    kind = Kind.DATASET if item.get("type") == "dataset" else Kind.PAPER
    keywords = _text(item.get("keyword")) or ""
    authors = item.get("author") if isinstance(item.get("author"), list) else []
    return bib.Citation(
        kind=kind,
        title=_text(item.get("title")),
        authors=[_author(a) for a in authors],
        year=_year(item),
        venue=_text(item.get("container-title")) or _text(item.get("publisher")),
        doi=_text(item.get("DOI")),
        arxiv=_text(item.get("number")),
        urls=[u for u in (_text(item.get("URL")),) if u]
        + [str(u) for u in (item.get("custom", {}) or {}).get("urls", []) if isinstance(u, str)],
        abstract=_text(item.get("abstract")),
        keywords=[k for k in keywords.split(",")],
        note=_text(item.get("note")),
        extra={"short_name": _text(item.get("title-short"))} if kind is Kind.PAPER else {},
    )


def read(text: str, source: str) -> ImportBatch:
    data = load_json(text, source)
    if isinstance(data, dict) and "items" in data:
        data = data["items"]
    if not isinstance(data, list) or not data:
        raise ImportFormatError(source, None, "CSL-JSON must be a non-empty list of items")
    lines = item_lines(text, len(data))
    batch = ImportBatch(source, Format.CSLJSON)
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            raise ImportFormatError(source, lines[index], "CSL-JSON item is not an object")
        record = bib.to_record(_citation(item), lines[index])
        if not record.title:
            raise ImportFormatError(source, record.line, "item has no title")
        record.ref = _text(item.get("id"))
        batch.records.append(record)
    return batch


def _item(entry: EntrySnapshot, key: str) -> dict:
    v = entry.values
    urls = bib.record_urls(entry.kind, v)
    item: dict[str, Any] = {"id": key, "type": "dataset" if entry.kind is Kind.DATASET else "article-journal"}
    if entry.kind is Kind.DATASET:
        item.update(title=v.get("name"), abstract=v.get("description_en"))
    else:
        item.update(
            title=v.get("title"),
            author=[{"literal": a} for a in v.get("authors") or []] or None,
            DOI=v.get("doi"),
            abstract=v.get("summary_en"),
        )
        item["container-title"] = v.get("venue")
        item["title-short"] = v.get("short_name")
        if v.get("arxiv_id"):
            item["number"] = f"arXiv:{v['arxiv_id']}"
            if bib.is_arxiv_venue(v.get("venue")):
                item["type"] = "article"
    if v.get("year"):
        item["issued"] = {"date-parts": [[v["year"]]]}
    item["URL"] = urls[0] if urls else None
    item["custom"] = {"urls": urls[1:]} if len(urls) > 1 else None
    item["keyword"] = ", ".join(bib.tag_keywords(entry.tags)) or None
    item["note"] = entry.note
    return {k: val for k, val in item.items() if val}


def write(entries: list[EntrySnapshot]) -> str:
    from .bibtex import unique_keys

    items = [_item(e, k) for e, k in zip(entries, unique_keys(entries))]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
