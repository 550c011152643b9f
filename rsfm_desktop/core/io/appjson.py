"""The app's own JSON export: lossless.

Every entry (trashed ones too) with every field, its seed key, timestamps and version, its note,
tags (by reference into the exported taxonomy: facets, tag tree, labels, colours, synonyms),
provenance and attachment paths, plus the paper–dataset links. Importing it into an empty
catalog reproduces the catalog; a second export is identical to the first.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..fields import FIELDS, Kind
from . import snapshot
from .jsonutil import JsonStream
from .reading import ReadContext, TextSource
from .record import ImportRecord, TaxonomyTag

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

FORMAT = "rsfm-export"
FORMAT_VERSION = 1
_SECTIONS = {Kind.PAPER: "papers", Kind.DATASET: "datasets"}


def _json(value: Any) -> Any:
    """A value as JSON data: objects and lists stay objects and lists, time stamps become ISO
    text, anything else its text (never a Python ``repr`` of a container)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def _provenance(item: Any) -> dict[str, Any]:
    """One provenance entry as an object; an older export's ``repr`` text is read back."""
    if isinstance(item, str):
        try:
            parsed = ast.literal_eval(item)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            parsed = None
        item = parsed if isinstance(parsed, dict) else {"source": item}
    if not isinstance(item, dict):
        raise TypeError("provenance entry is not an object")
    return {k: _json(item.get(k)) for k in ("source", "locator", "excerpt")}


def _attachment_json(item: dict[str, Any], files: "_Files | None") -> dict[str, Any]:
    out = {k: _json(v) for k, v in item.items() if v is not None}
    if files is not None and item.get("mode") == "stored":
        copied = files.copy(item["path"])
        if copied:
            out["file"] = copied
    return out


class _Files:
    """Stored attachments copied beside the export: ``<folder>/<name>``, named in the JSON
    relative to the export file's folder."""

    def __init__(self, source: Path, target: Path):
        self.source, self.target = Path(source), Path(target)

    def copy(self, name: str) -> str | None:
        import shutil

        original = self.source / name
        if not original.is_file():
            return None
        self.target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(original, self.target / Path(name).name)
        return f"{self.target.name}/{Path(name).name}"


def _entry_json(snap: snapshot.EntrySnapshot, files: _Files | None = None) -> dict[str, Any]:
    return {
        "ref": f"{snap.kind.value[0]}{snap.id}",
        **{k: _json(v) for k, v in snap.values.items()},
        **{k: _json(v) for k, v in snap.meta.items()},
        "tags": [f"t{i}" for i in snap.tag_ids],
        "note": snap.note,
        "provenance": [_provenance(p) for p in snap.provenance],
        "attachments": [_attachment_json(a, files) for a in snap.attachments],
    }


def write(conn: Connection, paper_ids: list[int], dataset_ids: list[int],
          files: tuple[Path, Path] | None = None) -> str:
    """The export text; ``files``: (the catalog's attachments folder, a folder beside the export)
    to copy the stored attachments into, so the export carries them too."""
    copier = _Files(*files) if files is not None else None
    facets, tags = snapshot.taxonomy(conn)
    papers = snapshot.load(conn, Kind.PAPER, paper_ids)
    datasets = snapshot.load(conn, Kind.DATASET, dataset_ids)
    return write_snapshots(facets, tags, papers, datasets, snapshot.links(conn, paper_ids, dataset_ids), copier)


def write_snapshots(facets: list[dict], tags: list[dict], papers: list[snapshot.EntrySnapshot],
                    datasets: list[snapshot.EntrySnapshot], links: list[tuple[int, int, str]],
                    copier: _Files | None = None) -> str:
    """The export document of entries already read (the rescue export reads them one by one);
    ``copier`` copies their stored attachments beside it."""
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "facets": facets,
        "tags": tags,
        "papers": [_entry_json(s, copier) for s in papers],
        "datasets": [_entry_json(s, copier) for s in datasets],
        "links": [{"paper": f"p{p}", "dataset": f"d{d}", "relation": r} for p, d, r in links],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _record(kind: Kind, item: Any, line: int | None, ctx: ReadContext) -> ImportRecord:
    if not isinstance(item, dict):
        raise ctx.error(line, f"{kind.value} entry is not an object")
    values = {f.key: item.get(f.key) for f in FIELDS[kind] if item.get(f.key) not in (None, "", [], {})}
    meta = {k: item[k] for k in (*snapshot.META_COLUMNS, "note_created_at", "note_updated_at") if item.get(k) is not None}
    try:
        return ImportRecord(
            kind, values, line, note=item.get("note"), ref=str(item.get("ref")),
            tag_refs=[str(t) for t in item.get("tags") or []],
            provenance=[_provenance(p) for p in item.get("provenance") or []],
            attachments=[dict(a) for a in item.get("attachments") or []],
            meta=meta,
        )
    except (TypeError, ValueError) as exc:
        raise ctx.error(line, f"malformed {kind.value} entry: {exc}") from exc


def _taxonomy(tags: Any, ctx: ReadContext) -> list[TaxonomyTag]:
    try:
        return [
            TaxonomyTag(ref=str(t["ref"]), facet=str(t["facet"]), label_en=t.get("label_en"),
                        label_zh=t.get("label_zh"), parent=t.get("parent"), color=t.get("color"),
                        position=int(t.get("position") or 0), synonyms=list(t.get("synonyms") or []))
            for t in tags or []
        ]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ctx.error(None, f"malformed tag list: {exc!r}") from exc


def records(text: TextSource, ctx: ReadContext) -> Iterator[ImportRecord]:
    """The entries, streamed; facets, tags and links land in ``ctx``. The writer puts
    ``format`` first and the taxonomy before the entries, so tags resolve as entries come."""
    stream = JsonStream(text, ctx)
    if stream.peek() != "{":
        raise ctx.error(1, "not an RSFM Desktop export (format must be 'rsfm-export')")
    seen_format = False
    for key in stream.members():
        if key in _SECTIONS.values() and stream.peek() == "[":
            kind = next(k for k, section in _SECTIONS.items() if section == key)
            for line, item in stream.items():
                ctx.tick()
                record = _record(kind, item, line, ctx)
                if not record.title:
                    ctx.skip(line, f"{kind.value} {record.ref} has no title")
                    continue
                yield record
            continue
        value = stream.value()
        if key == "format":
            if value != FORMAT:
                raise ctx.error(1, "not an RSFM Desktop export (format must be 'rsfm-export')")
            seen_format = True
        elif key == "facets":
            try:
                ctx.facets = [dict(f) for f in value or [] if str(f["key"])]
            except (KeyError, TypeError, ValueError) as exc:
                raise ctx.error(None, f"malformed facet list: {exc!r}") from exc
        elif key == "tags":
            ctx.taxonomy = _taxonomy(value, ctx)
        elif key == "links":
            try:
                ctx.links = [(str(ln["paper"]), str(ln["dataset"]), str(ln["relation"])) for ln in value or []]
            except (KeyError, TypeError, ValueError) as exc:
                raise ctx.error(None, f"malformed link list: {exc!r}") from exc
        elif key in _SECTIONS.values() and value not in (None, []):
            raise ctx.error(None, f"'{key}' must be a list")
    stream.end()
    if not seen_format:
        raise ctx.error(1, "not an RSFM Desktop export (format must be 'rsfm-export')")
