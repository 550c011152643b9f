"""Writing an import plan: one transaction of the one write path for the whole file, one undo
step.

Entries are added in bulk, merges fill only empty fields (the curator's values and notes are
never overwritten; an incoming note is appended), tags, notes, provenance, attachments and links
follow. ``cancelled()`` is checked between entries: cancelling rolls everything back.
``progress(done, total)`` reports as it goes.

A plan remembers the catalog state it was computed against (the newest ``change_log`` row). If
the catalog changed since, the plan is computed again inside the writing transaction, against
what the catalog holds now; when that changes what the preview showed (an entry is now a
duplicate of something another window or process added), :class:`PlanStale` carries the new
plan and nothing is written, so the user reviews it instead of getting duplicates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..fields import FIELDS, Kind, empty_value
from ..i18n import QT_TRANSLATE_NOOP
from ..store import sql
from ..store.changes import ATTACHMENTS, PROVENANCE
from ..store.store import Store
from ..store.undo import Command
from ..store.writes import Tx
from .plan import Decision, ImportPlan, PlanEntry, Status, build_plan, catalog_state
from .record import SUGGESTED, ImportRecord
from .tags import TagWriter

_DATES = ("created_at", "updated_at", "deleted_at")


class ImportCancelled(Exception):
    """The user cancelled; the transaction was rolled back and nothing was written."""


class PlanStale(Exception):
    """The catalog changed since the preview in a way that changes it; nothing was written.
    ``plan`` is the plan computed against the catalog as it is now (decisions the user made
    are kept where the entry's status did not change); ``changed`` its positions that differ."""

    def __init__(self, plan: ImportPlan, changed: list[int]):
        super().__init__(f"{len(changed)} entries of the import changed status")
        self.plan, self.changed = plan, changed


@dataclass
class ImportReport:
    added: int = 0
    merged: int = 0
    skipped_duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    ids: dict[Kind, list[int]] = field(default_factory=lambda: {k: [] for k in Kind})
    replanned: bool = False

    def as_json(self) -> dict[str, Any]:
        out = {"added": self.added, "merged": self.merged,
               "skipped_duplicates": self.skipped_duplicates, "errors": self.errors}
        if self.replanned:
            out["replanned"] = True
        return out


def _date(value: Any) -> datetime | None:
    """A stored or exported timestamp as an aware UTC datetime (the catalog stores UTC)."""
    if value is None:
        return None
    stamp = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)


def _empty(value: Any) -> bool:
    return value in (None, "", [], {})


class _Writer:
    def __init__(self, tx: Tx, plan: ImportPlan, progress, cancelled):
        self.tx = tx
        self.conn = tx.conn
        self.plan = plan
        self.progress = progress or (lambda done, total: None)
        self.cancelled = cancelled or (lambda: False)
        self.done = 0
        self.total = len(plan.entries)
        self.result: list[int | None] = [None] * self.total  # entry id written for each position
        self.merged: set[tuple[Kind, int]] = set()
        self.report = ImportReport(errors=list(plan.warnings))
        self.tags = TagWriter(tx)
        self.seed_keys = set(sql.column(self.conn, "SELECT seed_key FROM paper WHERE seed_key IS NOT NULL"
                                                   " UNION SELECT seed_key FROM dataset WHERE seed_key IS NOT NULL"))
        self.uuids = set()
        self.new_seed_keys: list[str] = []

    def _tick(self) -> None:
        if self.cancelled():
            raise ImportCancelled()
        self.done += 1
        if self.done % 50 == 0 or self.done == self.total:
            self.progress(self.done, self.total)

    def _new_row(self, record: ImportRecord) -> dict[str, Any]:
        """Column values of a new entry."""
        row: dict[str, Any] = {f.key: empty_value(f) for f in FIELDS[record.kind]}
        row.update(record.values)
        for key in ("version", *_DATES):
            if record.meta.get(key) is not None:
                row[key] = _date(record.meta[key]) if key in _DATES else int(record.meta[key])
        uuid = record.meta.get("uuid")
        if uuid and uuid not in self.uuids:
            self.uuids.add(uuid)
            row["uuid"] = uuid
        seed_key = record.meta.get("seed_key")
        if seed_key and seed_key not in self.seed_keys:  # else the catalog already holds it
            self.seed_keys.add(seed_key)
            row["seed_key"] = seed_key
            self.new_seed_keys.append(seed_key)
        return row

    def add_all(self) -> None:
        taken = set(sql.column(self.conn, "SELECT uuid FROM paper WHERE uuid IS NOT NULL"
                                          " UNION SELECT uuid FROM dataset WHERE uuid IS NOT NULL"))
        self.uuids = taken
        pending: list[int] = []
        for pos, entry in enumerate(self.plan.entries):
            unmatched = entry.existing_id is None and entry.earlier is None
            if entry.decision is Decision.ADD or (entry.decision is Decision.MERGE and unmatched):
                pending.append(pos)
                self._tick()
            if len(pending) >= 500:
                self._insert(pending)
        self._insert(pending)

    def _insert(self, positions: list[int]) -> None:
        for kind in Kind:
            mine = [p for p in positions if self.plan.entries[p].record.kind is kind]
            if not mine:
                continue
            ids = self.tx.insert_entries(kind, [self._new_row(self.plan.entries[p].record) for p in mine])
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
        current = self.tx.row(kind.value, target, list(entry.record.values)) or {}
        fill = {k: v for k, v in entry.record.values.items() if _empty(current.get(k)) and not _empty(v)}
        if fill:
            self.tx.update_entry(kind, target, fill)
        self.report.merged += 1
        if (kind, target) not in self.merged:
            self.merged.add((kind, target))
            self.report.ids[kind].append(target)

    def extras(self) -> None:
        """Tags, notes, provenance, attachments and links of every written entry."""
        refs = self.tags.import_taxonomy(self.plan.batch.facets, self.plan.batch.taxonomy)
        source = Path(self.plan.source).name
        pairs: dict[Kind, list[tuple[int, int]]] = {k: [] for k in Kind}
        notes: list[dict[str, Any]] = []
        children: dict[str, list[dict[str, Any]]] = {"provenance": [], "attachment": []}
        touched: dict[Kind, set[int]] = {k: set() for k in Kind}
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
            merged = (record.kind, entry_id) in self.merged
            if merged:
                self._append_note(record, entry_id)
                touched[record.kind].add(entry_id)
            elif (record.note or "").strip():
                notes.append({**owner, "body": record.note,
                              "created_at": _date(record.meta.get("note_created_at")) or self.tx.now,
                              "updated_at": _date(record.meta.get("note_updated_at")) or self.tx.now})
            children["provenance"] += self._provenance(record, owner, source)
            children["attachment"] += [self._attachment(record.kind, entry_id, a)
                                       for a in record.attachments if a.get("path")]
        for kind in Kind:
            by_tag: dict[int, list[int]] = {}
            for entry_id, tag_id in pairs[kind]:
                by_tag.setdefault(tag_id, []).append(entry_id)
            for tag_id, entry_ids in sorted(by_tag.items()):
                self.tx.tag(kind, tag_id, entry_ids)
        self.tx.insert_rows("note", notes)
        for name, rows in children.items():
            self.tx.insert_rows(name, rows)
        for kind, ids in touched.items():
            if ids and (children["provenance"] or children["attachment"]):
                self.tx.touch(kind, ids, [PROVENANCE, ATTACHMENTS])
        self._links()
        self.tx.mark_seeded(self.new_seed_keys, "import")

    def _attachment(self, kind: Kind, entry_id: int, item: dict[str, Any]) -> dict[str, Any]:
        """An attachment row from an imported one: every fact it carries; its global id unless
        this catalog has it already (the same export imported twice)."""
        from ..models import new_uuid

        if not hasattr(self, "attachment_uuids"):
            self.attachment_uuids = set(sql.column(self.conn, "SELECT uuid FROM attachment WHERE uuid IS NOT NULL"))
        uuid = item.get("uuid")
        if not uuid or uuid in self.attachment_uuids:
            uuid = new_uuid()
        self.attachment_uuids.add(uuid)

        def number(key: str, type_=int):
            try:
                return type_(item[key]) if item.get(key) is not None else None
            except (TypeError, ValueError):
                return None

        return {"paper_id": None, "dataset_id": None, f"{kind.value}_id": entry_id, "path": str(item["path"]),
                "kind": item.get("kind") or "pdf", "mode": "stored" if item.get("mode") == "stored" else "linked",
                "size": number("size"), "mtime": number("mtime", float), "sha256": item.get("sha256") or None,
                "pages": number("pages"), "uuid": uuid, "version": 1,
                "added_at": _date(item.get("added_at")) or self.tx.now, "deleted_at": _date(item.get("deleted_at"))}

    def _append_note(self, record: ImportRecord, entry_id: int) -> None:
        """A merged entry keeps its note; the incoming note is appended (or becomes the note)."""
        body = (record.note or "").strip()
        if not body:
            return
        current, _version = self.tx.note(record.kind, entry_id)
        if body in current:
            return
        merged = f"{current.rstrip()}\n\n---\n\n{body}" if current.strip() else body
        self.tx.set_note(record.kind, entry_id, merged)

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
        self.tx.link_many(rows)


def _differences(old: ImportPlan, new: ImportPlan) -> list[int]:
    """Positions whose status or match changed between two plans of the same records."""
    return [i for i, (a, b) in enumerate(zip(old.entries, new.entries))
            if (a.status, a.existing_id, a.earlier) != (b.status, b.existing_id, b.earlier)]


def replan(conn, plan: ImportPlan) -> tuple[ImportPlan, list[int]]:
    """The plan computed again against the catalog now, the user's decisions kept where an
    entry's status did not change; and the positions that changed."""
    fresh = build_plan(conn, plan.batch, plan.suggested_facet, validated=True)
    changed = _differences(plan, fresh)
    moved = set(changed)
    for i, (old, new) in enumerate(zip(plan.entries, fresh.entries)):
        if i not in moved:
            new.decision = old.decision
    return fresh, changed


def apply_plan(
    store: Store,
    plan: ImportPlan,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    replan_quietly: bool = False,
) -> Command:
    """Write the plan in one transaction as one undoable command (``command.result`` is the
    :class:`ImportReport`). Raises :class:`ImportCancelled` or :class:`PlanStale` (nothing
    written); with ``replan_quietly`` (the command line) a stale plan is re-planned and applied
    with its default decisions instead."""

    def work(tx: Tx) -> ImportReport:
        current = plan
        replanned = False
        if catalog_state(tx.conn) != plan.state:
            current, changed = replan(tx.conn, plan)
            if changed and not replan_quietly:
                raise PlanStale(current, changed)
            replanned = bool(changed)
        writer = _Writer(tx, current, progress, cancelled)
        writer.add_all()
        writer.merge_all()
        writer.extras()
        writer.report.replanned = replanned
        return writer.report

    name = Path(plan.source).name
    return store.run(QT_TRANSLATE_NOOP("Commands", "Import {}"), work, name)

