"""The app's own JSON export: lossless.

Every entry (trashed ones too) with every field, its seed key, timestamps and version, its note,
tags (by reference into the exported taxonomy: facets, tag tree, labels, colours, synonyms),
provenance and attachment paths, plus the paper–dataset links. Importing it into an empty
catalog reproduces the catalog; a second export is identical to the first.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.engine import Connection

from ..fields import FIELDS, Kind
from . import snapshot
from .jsonutil import load_json
from .record import Format, ImportBatch, ImportFormatError, ImportRecord, TaxonomyTag

FORMAT = "rsfm-export"
FORMAT_VERSION = 1
_SECTIONS = {Kind.PAPER: "papers", Kind.DATASET: "datasets"}


def _text(value: Any) -> Any:
    return value if value is None or isinstance(value, (str, int, float, bool, list, dict)) else str(value)


def _entry_json(snap: snapshot.EntrySnapshot) -> dict[str, Any]:
    return {
        "ref": f"{snap.kind.value[0]}{snap.id}",
        **{k: _text(v) for k, v in snap.values.items()},
        **{k: _text(v) for k, v in snap.meta.items()},
        "tags": [f"t{i}" for i in snap.tag_ids],
        "note": snap.note,
        "provenance": snap.provenance,
        "attachments": [{k: _text(v) for k, v in a.items()} for a in snap.attachments],
    }


def write(conn: Connection, paper_ids: list[int], dataset_ids: list[int]) -> str:
    facets, tags = snapshot.taxonomy(conn)
    papers = snapshot.load(conn, Kind.PAPER, paper_ids)
    datasets = snapshot.load(conn, Kind.DATASET, dataset_ids)
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "facets": facets,
        "tags": tags,
        "papers": [_entry_json(s) for s in papers],
        "datasets": [_entry_json(s) for s in datasets],
        "links": [{"paper": f"p{p}", "dataset": f"d{d}", "relation": r}
                  for p, d, r in snapshot.links(conn, paper_ids, dataset_ids)],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _record(kind: Kind, item: Any, line: int | None, source: str) -> ImportRecord:
    if not isinstance(item, dict):
        raise ImportFormatError(source, line, f"{kind.value} entry is not an object")
    values = {f.key: item.get(f.key) for f in FIELDS[kind] if item.get(f.key) not in (None, "", [])}
    meta = {k: item[k] for k in (*snapshot.META_COLUMNS, "note_created_at", "note_updated_at") if item.get(k) is not None}
    try:
        return ImportRecord(
            kind, values, line, note=item.get("note"), ref=str(item.get("ref")),
            tag_refs=[str(t) for t in item.get("tags") or []],
            provenance=[dict(p) for p in item.get("provenance") or []],
            attachments=[dict(a) for a in item.get("attachments") or []],
            meta=meta,
        )
    except (TypeError, ValueError) as exc:
        raise ImportFormatError(source, line, f"malformed {kind.value} entry: {exc}") from exc


def _taxonomy(data: dict, source: str) -> list[TaxonomyTag]:
    try:
        return [
            TaxonomyTag(ref=str(t["ref"]), facet=str(t["facet"]), label_en=t.get("label_en"),
                        label_zh=t.get("label_zh"), parent=t.get("parent"), color=t.get("color"),
                        position=int(t.get("position") or 0), synonyms=list(t.get("synonyms") or []))
            for t in data.get("tags") or []
        ]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ImportFormatError(source, None, f"malformed tag list: {exc!r}") from exc


def read(text: str, source: str) -> ImportBatch:
    data = load_json(text, source)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFormatError(source, 1, "not an RSFM Desktop export (format must be 'rsfm-export')")
    batch = ImportBatch(source, Format.JSON)
    try:
        batch.facets = [dict(f) for f in data.get("facets") or [] if str(f["key"])]
        batch.links = [(str(ln["paper"]), str(ln["dataset"]), str(ln["relation"])) for ln in data.get("links") or []]
    except (KeyError, TypeError, ValueError) as exc:
        raise ImportFormatError(source, None, f"malformed facet or link list: {exc!r}") from exc
    batch.taxonomy = _taxonomy(data, source)
    for kind, section in _SECTIONS.items():
        items = data.get(section) or []
        if not isinstance(items, list):
            raise ImportFormatError(source, None, f"'{section}' must be a list")
        for item in items:
            record = _record(kind, item, None, source)
            if not record.title:
                raise ImportFormatError(source, None, f"{kind.value} {record.ref} has no title")
            batch.records.append(record)
    return batch
