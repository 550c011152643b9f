"""Writing an import plan: one transaction for the whole file.

Entries are added in bulk, merges fill only empty fields (the curator's values and notes are
never overwritten; an incoming note is appended), tags, notes, provenance, attachments and links
follow, and the search index is rebuilt once per kind. ``cancelled()`` is checked between
entries: cancelling rolls everything back. ``progress(done, total)`` reports as it goes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection, Engine
from sqlalchemy import insert
from sqlmodel import Session

from .. import search_index
from ..db import transaction
from ..fields import FIELDS, FieldType, Kind
from ..models import Attachment, Dataset, Note, Paper, Provenance, utcnow
from .plan import Decision, ImportPlan, PlanEntry, Status
from .record import SUGGESTED, ImportRecord
from .tags import TagWriter

MODEL = {Kind.PAPER: Paper, Kind.DATASET: Dataset}
_FLUSH_EVERY = 500
_DATES = ("created_at", "updated_at", "deleted_at")


class ImportCancelled(Exception):
    """The user cancelled; the transaction was rolled back and nothing was written."""


@dataclass
class ImportReport:
    added: int = 0
    merged: int = 0
    skipped_duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    ids: dict[Kind, list[int]] = field(default_factory=lambda: {k: [] for k in Kind})

    def as_json(self) -> dict[str, Any]:
        return {"added": self.added, "merged": self.merged,
                "skipped_duplicates": self.skipped_duplicates, "errors": self.errors}


def _date(value: Any) -> datetime | None:
    """A stored or exported timestamp as an aware UTC datetime (the catalog stores UTC)."""
    if value is None:
        return None
    stamp = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)


class _Writer:
    def __init__(self, session: Session, plan: ImportPlan, progress, cancelled):
        self.session = session
        self.conn: Connection = session.connection()
        self.plan = plan
        self.progress = progress or (lambda done, total: None)
        self.cancelled = cancelled or (lambda: False)
        self.done = 0
        self.total = len(plan.entries)
        self.result: list[int | None] = [None] * self.total  # entry id written for each position
        self.merged: set[int] = set()
        self.report = ImportReport(errors=list(plan.warnings))
        self.tags = TagWriter(self.conn)
        self.seed_keys = {
            k for (k,) in self.conn.exec_driver_sql(
                "SELECT seed_key FROM paper WHERE seed_key IS NOT NULL"
                " UNION SELECT seed_key FROM dataset WHERE seed_key IS NOT NULL")
        }

    def _tick(self) -> None:
        if self.cancelled():
            raise ImportCancelled()
        self.done += 1
        if self.done % 50 == 0 or self.done == self.total:
            self.progress(self.done, self.total)

    def _new_row(self, record: ImportRecord) -> dict[str, Any]:
        """Column values of a new entry (every column given: rows are inserted in bulk)."""
        now = utcnow()
        row: dict[str, Any] = {f.key: ([] if f.type is FieldType.LIST else None) for f in FIELDS[record.kind]}
        row.update(record.values)
        row.update(seed_key=None, created_at=now, updated_at=now, deleted_at=None, version=1)
        for key in ("version", *_DATES):
            if record.meta.get(key) is not None:
                row[key] = _date(record.meta[key]) if key in _DATES else int(record.meta[key])
        seed_key = record.meta.get("seed_key")
        if seed_key and seed_key not in self.seed_keys:  # else the catalog already holds it
            self.seed_keys.add(seed_key)
            row["seed_key"] = seed_key
            self.conn.exec_driver_sql(
                "INSERT INTO seed_applied(key, catalog_version, applied_at) VALUES (?, 'import', ?)"
                " ON CONFLICT DO NOTHING", (seed_key, now))
        return row

    def add_all(self) -> None:
        pending: list[int] = []
        for pos, entry in enumerate(self.plan.entries):
            unmatched = entry.existing_id is None and entry.earlier is None
            if entry.decision is Decision.ADD or (entry.decision is Decision.MERGE and unmatched):
                pending.append(pos)
                self._tick()
            if len(pending) >= _FLUSH_EVERY:
                self._insert(pending)
        self._insert(pending)

    def _insert(self, positions: list[int]) -> None:
        for kind in Kind:
            mine = [p for p in positions if self.plan.entries[p].record.kind is kind]
            if not mine:
                continue
            table = MODEL[kind].__table__
            rows = [self._new_row(self.plan.entries[p].record) for p in mine]
            stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            ids = [r[0] for r in self.session.execute(stmt, rows)]
            for pos, entry_id in zip(mine, ids):
                self.result[pos] = entry_id
            self.report.ids[kind].extend(ids)
            self.report.added += len(ids)
        positions.clear()

    def _target(self, pos: int) -> int | None:
        """The catalog id an entry merges into: its match, or what its earlier twin became."""
        seen = set()
        entry = self.plan.entries[pos]
        while entry.existing_id is None and entry.earlier is not None and pos not in seen:
            seen.add(pos)
            pos = entry.earlier
            if self.result[pos] is not None:
                return self.result[pos]
            entry = self.plan.entries[pos]
        return entry.existing_id

    def merge_all(self) -> None:
        for pos, entry in enumerate(self.plan.entries):
            if entry.decision is Decision.SKIP:
                self.report.skipped_duplicates += entry.status is not Status.NEW
                self._tick()
            elif entry.decision is Decision.MERGE and self.result[pos] is None:
                target = self._target(pos)
                if target is None:  # its twin in the file was skipped: nothing to merge into
                    self._insert([pos])
                else:
                    self._merge(entry, target)
                    self.result[pos] = target
                self._tick()

    def _merge(self, entry: PlanEntry, target: int) -> None:
        kind = entry.record.kind
        obj = self.session.get(MODEL[kind], target)
        changed = False
        for key, value in entry.record.values.items():
            if getattr(obj, key) in (None, "", []) and value not in (None, "", []):
                setattr(obj, key, value)
                changed = True
        if changed:
            obj.updated_at = utcnow()
            obj.version += 1
        self.report.merged += 1
        if target not in self.merged:
            self.merged.add(target)
            self.report.ids[kind].append(target)

    def extras(self) -> None:
        """Tags, notes, provenance, attachments and links of every written entry (bulk inserts)."""
        refs = self.tags.import_taxonomy(self.plan.batch.facets, self.plan.batch.taxonomy)
        source = Path(self.plan.source).name
        pairs: dict[Kind, list[tuple[int, int]]] = {k: [] for k in Kind}
        rows: dict[Any, list[dict[str, Any]]] = {Note: [], Provenance: [], Attachment: []}
        for pos, entry in enumerate(self.plan.entries):
            entry_id = self.result[pos]
            if entry_id is None:
                continue
            record = entry.record
            for facet, labels in record.tags.items():
                facet = self.plan.suggested_facet if facet == SUGGESTED else facet
                if facet:
                    pairs[record.kind] += [(entry_id, self.tags.tag_id(facet, label)) for label in labels]
            pairs[record.kind] += [(entry_id, refs[r]) for r in record.tag_refs if r in refs]
            owner = {"paper_id": None, "dataset_id": None, f"{record.kind.value}_id": entry_id}
            if entry_id in self.merged:
                self._append_note(record, entry_id)
            elif (record.note or "").strip():
                rows[Note].append({**owner, "body": record.note,
                                   "created_at": _date(record.meta.get("note_created_at")) or utcnow(),
                                   "updated_at": _date(record.meta.get("note_updated_at")) or utcnow()})
            rows[Provenance] += self._provenance(record, owner, source)
            if record.kind is Kind.PAPER:
                rows[Attachment] += [
                    {"paper_id": entry_id, "path": str(a["path"]), "kind": a.get("kind") or "pdf",
                     "added_at": _date(a.get("added_at")) or utcnow()}
                    for a in record.attachments if a.get("path")]
        for kind in Kind:
            self.tags.attach(kind, pairs[kind])
        for model, values in rows.items():
            if values:
                self.session.execute(insert(model.__table__), values)
        self._links()

    def _append_note(self, record: ImportRecord, entry_id: int) -> None:
        """A merged entry keeps its note; the incoming note is appended (or becomes the note)."""
        body = (record.note or "").strip()
        if not body:
            return
        owner = f"{record.kind.value}_id"
        current = self.conn.exec_driver_sql(f"SELECT id, body FROM note WHERE {owner} = ?", (entry_id,)).first()
        if current is None:
            self.session.execute(insert(Note.__table__), [{owner: entry_id, "body": body,
                                                           "created_at": utcnow(), "updated_at": utcnow()}])
        elif body not in current[1]:
            merged = f"{current[1].rstrip()}\n\n---\n\n{body}" if current[1].strip() else body
            self.conn.exec_driver_sql("UPDATE note SET body = ?, updated_at = ? WHERE id = ?",
                                      (merged, utcnow(), current[0]))

    @staticmethod
    def _provenance(record: ImportRecord, owner: dict[str, Any], source: str) -> list[dict[str, Any]]:
        if record.meta or record.provenance:  # the app's JSON: exactly what was exported
            found = record.provenance
        else:
            found = [{"source": source, "locator": f"line {record.line}" if record.line else None}]
        return [{**owner, "source": str(p.get("source") or source), "locator": p.get("locator"),
                 "excerpt": p.get("excerpt")} for p in found]

    def _links(self) -> None:
        by_ref = {(e.record.kind, e.record.ref): self.result[i]
                  for i, e in enumerate(self.plan.entries) if e.record.ref}
        rows = []
        for paper, dataset, relation in self.plan.batch.links:
            p, d = by_ref.get((Kind.PAPER, paper)), by_ref.get((Kind.DATASET, dataset))
            if p is not None and d is not None and relation in ("introduces", "uses"):
                rows.append((p, d, relation))
        if rows:
            self.conn.exec_driver_sql(
                "INSERT INTO paper_dataset_link(paper_id, dataset_id, relation) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING", rows)


def apply_plan(
    engine: Engine,
    plan: ImportPlan,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Write the plan in one transaction; raises :class:`ImportCancelled` (nothing written)."""
    with transaction(engine) as session:
        writer = _Writer(session, plan, progress, cancelled)
        writer.add_all()
        writer.merge_all()
        writer.extras()
        session.flush()
        for kind in Kind:
            search_index.reindex(writer.conn, kind.value, writer.report.ids[kind])
    return writer.report
