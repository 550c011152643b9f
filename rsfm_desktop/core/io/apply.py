"""Writing an import plan: one transaction of the one write path for the whole file, one undo
step.

Entries are added in bulk, merges fill only empty fields (the curator's values and notes are
never overwritten; an incoming note is appended), tags, notes, provenance, attachments and links
follow, a batch at a time read back from the plan's spool. ``cancelled()`` is checked between
entries, every hundred rows of a bulk insert and while the batch is indexed (``Tx.checkpoint``):
Cancel is heard within a fraction of a second, and cancelling rolls everything back. ``progress(done,
total)`` reports as it goes.

A plan remembers the catalog state it was computed against (the newest ``change_log`` row). If
the catalog changed since, the plan is computed again inside the writing transaction, against
what the catalog holds now; when that changes what the preview showed (an entry is now a
duplicate of something another window or process added), :class:`PlanStale` carries the new
plan and nothing is written, so the user reviews it instead of getting duplicates.
"""

from __future__ import annotations

import gc
import sqlite3
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..fields import Kind
from ..i18n import QT_TRANSLATE_NOOP
from ..store import sql
from ..store.idruns import IdRuns
from ..store.store import Store
from ..store.undo import Command
from ..store.writes import Tx
from .plan import Decision, PlanEntry, Status, catalog_state
from .reading import background_import
from .spool import ImportPlan, replan
from .record import SUGGESTED, ImportRecord
from .tags import TagWriter

_DATES = ("created_at", "updated_at", "deleted_at")
# Plan entries written at once: each step of a batch (its insert, its tags, its index rows)
# runs uninterrupted, so a batch takes well under the 0.2 s in which Cancel must be heard.
BATCH = 500


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
    # Records skipped and values dropped, each naming file and line (the first thousand, then a
    # line counting the rest).
    warnings: list[str] = field(default_factory=list)
    ids: dict[Kind, IdRuns] = field(default_factory=lambda: {k: IdRuns() for k in Kind})
    replanned: bool = False

    @property
    def errors(self) -> list[str]:
        """The warnings (the name the report had before it told warnings from refusals)."""
        return self.warnings

    def as_json(self) -> dict[str, Any]:
        out = {"added": self.added, "merged": self.merged,
               "skipped_duplicates": self.skipped_duplicates, "errors": [], "warnings": self.warnings}
        if self.replanned:
            out["replanned"] = True
        return out


def _date(value: Any) -> datetime | None:
    """A stored or exported timestamp as an aware UTC datetime (the catalog stores UTC); None
    for one that is not a time (a damaged or hand-edited file: the import's own time is used)."""
    if value is None:
        return None
    try:
        stamp = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)


def _empty(value: Any) -> bool:
    return value in (None, "", [], {})


class _Writer:
    """Writes a plan batch by batch (:data:`BATCH` entries read back from the spool at once),
    inside the one transaction: inserts, merges, then the batch's tags, notes, provenance and
    attachments, then its search-index rows; so memory stays per batch and cancelling is
    heard within a batch."""

    def __init__(self, tx: Tx, plan: ImportPlan, progress, cancelled):
        self.tx = tx
        self.conn = tx.conn
        self.plan = plan
        self.progress = progress or (lambda done, total: None)
        self.cancelled = cancelled or (lambda: False)
        self.done = 0
        self.total = len(plan)
        self._next_report = 0.0
        self.result = array("q", [-1]) * self.total  # entry id written for each position (-1: none)
        self.merged: set[tuple[Kind, int]] = set()
        self.report = ImportReport(warnings=plan.warnings.summary())
        self.tags = TagWriter(tx)
        self.seed_keys = set(sql.column(self.conn, "SELECT seed_key FROM paper WHERE seed_key IS NOT NULL"
                                                   " UNION SELECT seed_key FROM dataset WHERE seed_key IS NOT NULL"))
        self.uuids = set(sql.column(self.conn, "SELECT uuid FROM paper WHERE uuid IS NOT NULL"
                                               " UNION SELECT uuid FROM dataset WHERE uuid IS NOT NULL"))
        self.source = Path(plan.source).name
        self.new_seed_keys: list[str] = []

    def check(self) -> None:
        """Cancel now if asked (also called by the write path while it indexes and logs)."""
        if self.cancelled():
            raise ImportCancelled()

    def _tick(self) -> None:
        self.check()
        self.done += 1
        now = time.monotonic()
        if now >= self._next_report or self.done == self.total:
            self._next_report = now + 0.04
            self.progress(self.done, self.total)

    def _new_row(self, record: ImportRecord) -> dict[str, Any]:
        """Column values of a new entry."""
        row: dict[str, Any] = dict(record.values)  # the write path fills in every other field
        for key in ("version", *_DATES):
            if record.meta.get(key) is not None:
                try:
                    value = _date(record.meta[key]) if key in _DATES else int(record.meta[key])
                except (TypeError, ValueError):  # a damaged or hand-edited version: the entry
                    continue  # gets the import's own, never a failed import
                if value is not None:
                    row[key] = value
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

    def run(self) -> ImportReport:
        with background_import():
            return self._run()

    def _run(self) -> ImportReport:
        refs = self.tags.import_taxonomy(self.plan.batch.facets, self.plan.batch.taxonomy)
        with self.tx.bulk_load(self._additions()):
            self._batches(refs)
        self._links()
        return self.report

    def _additions(self) -> dict[Kind, int]:
        """The plan's additions by kind, counted over the whole spool (a million records: a
        second and more), Cancel heard meanwhile."""
        try:
            with self.plan.spool.store.interrupted_when(self.cancelled):
                return self.plan.additions()
        except sqlite3.OperationalError:
            self.check()  # raises ImportCancelled when the count was stopped for it
            raise

    def _batches(self, refs: dict[str, int]) -> None:
        for start, size in self.plan.batch_bounds(BATCH):
            self._batch(self.plan.load(start, start + size), start, refs)
            # What the batch's statements left (see reading.collector_paused), once its entries are
            # gone (collected while they live, they would all be promoted). The youngest
            # generation only: a collection of the middle one counts towards a full one, which
            # walks every object of the app holding the GIL (0.2-0.5 s of a frozen window
            # when the collector woke after an import).
            gc.collect(0)

    def _batch(self, entries: list[PlanEntry], start: int, refs: dict[str, int]) -> None:
        self.new_seed_keys = []
        items = list(zip(range(start, start + len(entries)), entries))
        self._add(items)
        self.check()
        self._merge_all(items)
        self._extras(items, refs)
        self.tx.mark_seeded(self.new_seed_keys, "import")
        self.check()
        self.tx.flush_index()

    def _add(self, items: list[tuple[int, PlanEntry]]) -> None:
        pending = []
        for pos, entry in items:
            self._tick()
            unmatched = entry.existing_id is None and entry.earlier is None
            if entry.decision is Decision.ADD or (entry.decision is Decision.MERGE and unmatched):
                pending.append((pos, entry))
            elif entry.decision is Decision.SKIP:
                self.report.skipped_duplicates += entry.status is not Status.NEW
        self._insert(pending)

    def _insert(self, items: list[tuple[int, PlanEntry]]) -> None:
        for kind in Kind:
            mine = [(pos, e) for pos, e in items if e.record.kind is kind]
            if not mine:
                continue
            ids = self.tx.insert_entries(kind, [self._new_row(e.record) for _pos, e in mine])
            for (pos, _entry), entry_id in zip(mine, ids):
                self.result[pos] = entry_id
            self.report.ids[kind].update(sorted(ids))
            self.report.added += len(ids)

    def _target(self, pos: int) -> int | None:
        """The catalog id an entry merges into: its match, or what its earlier twin became."""
        seen = set()
        entry = self.plan.entries[pos]
        while entry.existing_id is None and entry.earlier is not None and pos not in seen:
            seen.add(pos)
            pos = entry.earlier
            if self.result[pos] >= 0:
                return self.result[pos]
            entry = self.plan.entries[pos]
        return entry.existing_id

    def _merge_all(self, items: list[tuple[int, PlanEntry]]) -> None:
        for pos, entry in items:
            if entry.decision is Decision.MERGE and self.result[pos] < 0:
                target = entry.existing_id if entry.existing_id is not None else self._target(pos)
                if target is None:  # its twin in the file was skipped: nothing to merge into
                    self._insert([(pos, entry)])
                else:
                    self._merge(entry, target)
                    self.result[pos] = target

    def _merge(self, entry: PlanEntry, target: int) -> None:
        kind = entry.record.kind
        current = self.tx.row(kind.value, target, list(entry.record.values)) or {}
        fill = {k: v for k, v in entry.record.values.items() if _empty(current.get(k)) and not _empty(v)}
        if fill:
            self.tx.update_entry(kind, target, fill)
        self.report.merged += 1
        if (kind, target) not in self.merged:
            self.merged.add((kind, target))
            self.report.ids[kind].add(target)

    def _extras(self, items: list[tuple[int, PlanEntry]], refs: dict[str, int]) -> None:
        """Tags, notes, provenance and attachments of the entries of a batch."""
        pairs: dict[Kind, list[tuple[int, int]]] = {k: [] for k in Kind}  # tags of entries the catalog held
        new_pairs: dict[Kind, list[tuple[int, int]]] = {k: [] for k in Kind}  # of entries added here
        notes: list[dict[str, Any]] = []
        children: dict[str, list[dict[str, Any]]] = {"provenance": [], "attachment": []}
        for pos, entry in items:
            entry_id = self.result[pos]
            if entry_id < 0:
                continue
            record = entry.record
            merged = (record.kind, entry_id) in self.merged
            tagged = (pairs if merged else new_pairs)[record.kind]
            for facet, labels in record.tags.items():
                facet = self.plan.suggested_facet if facet == SUGGESTED else facet
                if facet:
                    tagged += [(entry_id, self.tags.tag_id(facet, label)) for label in labels]
            tagged += [(entry_id, refs[r]) for r in record.tag_refs if r in refs]
            owner = {"paper_id": None, "dataset_id": None, f"{record.kind.value}_id": entry_id}
            if merged:
                self._append_note(record, entry_id)
            elif (record.note or "").strip():
                notes.append({**owner, "body": record.note,
                              "created_at": _date(record.meta.get("note_created_at")) or self.tx.now,
                              "updated_at": _date(record.meta.get("note_updated_at")) or self.tx.now})
            rows = {"provenance": self._provenance(record, owner, self.source),
                    "attachment": [self._attachment(record.kind, entry_id, a)
                                   for a in record.attachments if a.get("path")]}
            for name, found in rows.items():
                if merged:  # an entry the catalog held: rows of its own, undone one by one
                    for row in found:
                        self.tx.insert_row(name, row, owner=(record.kind, entry_id))
                else:
                    children[name] += found
        for kind in Kind:
            by_tag: dict[int, list[int]] = {}
            for entry_id, tag_id in pairs[kind]:
                by_tag.setdefault(tag_id, []).append(entry_id)
            for tag_id, entry_ids in sorted(by_tag.items()):
                self.tx.tag(kind, tag_id, entry_ids)
            # An entry added by this import: its tags go in as plain rows, no version bump nor
            # undo step of their own (undoing its insert trashes it, tags and all).
            self.tx.tag_new_entries(kind, new_pairs[kind])
        self.tx.insert_rows("note", notes)
        for name, rows in children.items():
            self.tx.insert_rows(name, rows)

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
        links = self.plan.batch.links
        if not links:
            return
        papers = self.plan.refs(Kind.PAPER, sorted({p for p, _d, _r in links}))
        datasets = self.plan.refs(Kind.DATASET, sorted({d for _p, d, _r in links}))
        rows = []
        for paper, dataset, relation in links:
            p, d = papers.get(paper), datasets.get(dataset)
            if p is None or d is None or relation not in ("introduces", "uses"):
                continue
            if self.result[p] >= 0 and self.result[d] >= 0:
                rows.append((self.result[p], self.result[d], relation))
        self.tx.link_many(rows)


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
        tx.checkpoint = writer.check
        writer.check()
        report = writer.run()
        report.replanned = replanned
        return report

    name = Path(plan.source).name
    return store.run(QT_TRANSLATE_NOOP("Commands", "Import {}"), work, name)

