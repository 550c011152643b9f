"""CSL-JSON import and export (the format of Zotero, Pandoc and citation.js).

arXiv preprints are read from ``number: "arXiv:…"``, an arXiv DOI or an arXiv URL; a
``type: "dataset"`` item is a dataset.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..fields import Kind
from . import bibliographic as bib
from . import names
from .jsonutil import JsonStream
from .language import has_cjk
from .reading import ReadContext, TextSource
from .record import ImportRecord
from .snapshot import EntrySnapshot


def _author(person: Any) -> str:
    if isinstance(person, dict):
        if person.get("literal"):
            return names.from_text(str(person["literal"]))
        family = " ".join(str(person[k]) for k in ("non-dropping-particle", "family") if person.get(k))
        given = str(person.get("given") or "")
        if has_cjk(family + given):
            return (family + given).replace(" ", "")  # family name first
        return " ".join(p for p in (given, family) if p)
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


# CSL variables kept as extra fields, by their BibTeX names.
_EXTRA = {"volume": "volume", "issue": "number", "page": "pages", "publisher": "publisher",
          "publisher-place": "address", "ISSN": "issn", "ISBN": "isbn", "language": "language",
          "edition": "edition", "collection-title": "series", "event-place": "venue_place"}
_FROM_EXTRA = {name: var for var, name in _EXTRA.items()}
# CSL item type ↔ BibTeX entry type (the first CSL type of each BibTeX type is the one written).
TYPES = bib.TypeMap(
    (("article-journal", "article"), ("paper-conference", "inproceedings"), ("book", "book"),
     ("chapter", "incollection"), ("thesis", "phdthesis"), ("report", "techreport"), ("article", "misc"),
     ("webpage", "online"), ("manuscript", "unpublished"), ("dataset", "dataset"), ("software", "software"),
     ("standard", "standard"), ("patent", "patent")),
    keep_as="csl_type", dataset="dataset", preprint="article", journal="article-journal", unknown="article")


def _citation(item: dict) -> bib.Citation:
    csl_type = _text(item.get("type")) or "article"
    kind = Kind.DATASET if csl_type == "dataset" else Kind.PAPER
    keywords = _text(item.get("keyword")) or ""
    authors = item.get("author") if isinstance(item.get("author"), list) else []
    custom = item.get("custom") if isinstance(item.get("custom"), dict) else {}
    fields = {name: _text(item[var]) for var, name in _EXTRA.items() if _text(item.get(var))}
    if isinstance(custom.get("extra_fields"), dict):
        fields.update({str(k): str(v) for k, v in custom["extra_fields"].items()})
    links = {slot: _text(custom.get(slot)) for slot in ("pdf_url", "code_url", "project_url") if _text(custom.get(slot))}
    abstracts = [a for a in (_text(item.get("abstract")), _text(custom.get("abstract_zh"))) if a]
    return bib.Citation(
        kind=kind,
        title=_text(item.get("title")),
        authors=[_author(a) for a in authors],
        year=_year(item),
        venue=_text(item.get("container-title")) or (_text(item.get("publisher")) if "publisher" not in fields else None),
        doi=_text(item.get("DOI")),
        arxiv=_text(item.get("number")),
        urls=[u for u in (_text(item.get("URL")),) if u]
        + [str(u) for u in custom.get("urls", []) or [] if isinstance(u, str)],
        links=links,
        abstracts=abstracts,
        keywords=[k for k in keywords.split(",")],
        note=_text(item.get("note")),
        extra=({"short_name": _text(item.get("title-short"))} if kind is Kind.PAPER
               else {"data_type": _text(item.get("genre")), "scale": _text(custom.get("scale"))}),
        key=_text(item.get("citation-key")) or _text(item.get("id")),
        entry_type=TYPES.read(csl_type, fields),
        fields=fields,
    )


def records(text: TextSource, ctx: ReadContext) -> Iterator[ImportRecord]:
    stream = JsonStream(text, ctx)
    if stream.peek() == "{":  # {"items": [...]} as some tools wrap it
        items = None
        for key in stream.members():
            if key == "items" and stream.peek() == "[":
                items = yield from _items(stream, ctx)
            else:
                stream.value()
        if items is None:
            raise ctx.error(1, "CSL-JSON must be a list of items (or an object with \"items\")")
    elif stream.peek() == "[":
        items = yield from _items(stream, ctx)
    else:
        raise ctx.error(1, "CSL-JSON must be a list of items")
    stream.end()
    if not items:
        raise ctx.error(None, "CSL-JSON must be a non-empty list of items")


def _items(stream: JsonStream, ctx: ReadContext):
    count = 0
    for line, item in stream.items():
        count += 1
        ctx.tick()
        if not isinstance(item, dict):
            raise ctx.error(line, "CSL-JSON item is not an object")
        record = bib.to_record(_citation(item), line)
        if not record.title:
            ctx.skip(line, "item has no title")
            continue
        record.ref = _text(item.get("id"))
        yield record
    return count


def _item(entry: EntrySnapshot, key: str) -> dict:
    v = entry.values
    extra = bib.extra_fields(v)
    abstract, other = bib.summaries(entry.kind, v)
    item: dict[str, Any] = {"id": key, "citation-key": key, "type": TYPES.write(entry.kind, v)}
    custom: dict[str, Any] = {"abstract_zh": other}
    if entry.kind is Kind.DATASET:
        urls = v.get("download_urls") or []
        item.update(title=v.get("name"), genre=v.get("data_type"), URL=urls[0] if urls else None)
        custom.update(urls=urls[1:] or None, scale=v.get("scale"))
    else:
        item.update(title=v.get("title"), author=[{"literal": a} for a in v.get("authors") or []] or None,
                    DOI=v.get("doi"), URL=v.get("paper_url"))
        item["container-title"] = v.get("venue")
        item["title-short"] = v.get("short_name")
        if v.get("arxiv_id"):
            item["number"] = f"arXiv:{v['arxiv_id']}"
        custom.update({slot: v.get(slot) for slot in ("pdf_url", "code_url", "project_url")})
    item["abstract"] = abstract
    if v.get("year"):
        item["issued"] = {"date-parts": [[v["year"]]]}
    for name, value in extra.items():
        if name in _FROM_EXTRA:
            item[_FROM_EXTRA[name]] = value
        elif name != TYPES.keep_as:
            custom.setdefault("extra_fields", {})[name] = value
    item["custom"] = {k: val for k, val in custom.items() if val} or None
    item["keyword"] = ", ".join(bib.tag_keywords(entry.tags)) or None
    item["note"] = entry.note
    return {k: val for k, val in item.items() if val}


def write(entries: list[EntrySnapshot]) -> str:
    from .bibtex import citation_keys

    items = [_item(e, k) for e, k in zip(entries, citation_keys(entries))]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
