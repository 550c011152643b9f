"""What a committed transaction changed, in one form for every reader: the window that wrote it,
another window on the same catalog, the command line, a sync.

A :class:`Change` names one row (an entry, an entry's note, a tag, a facet, a saved view), how it
changed and which fields; a :class:`ChangeSet` is the changes of one or more transactions. The
write path records them in ``change_log`` (so other processes can read them) and returns them to
the caller; the UI asks a ChangeSet what to redraw.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from ..fields import Kind
from .idruns import IdRuns

# Pseudo-fields of an entry for changes of rows that belong to it.
TAGS, LINKS, NOTE, ATTACHMENTS, PROVENANCE = "tags", "links", "note", "attachments", "provenance"
ENTRY_ENTITIES = {Kind.PAPER: "paper", Kind.DATASET: "dataset"}
NOTE_ENTITIES = {Kind.PAPER: "paper_note", Kind.DATASET: "dataset_note"}
TAXONOMY_ENTITIES = frozenset({"tag", "facet", "synonym"})

INSERT, UPDATE, DELETE, RESTORE, PURGE = "insert", "update", "delete", "restore", "purge"


@dataclass(frozen=True, slots=True)
class Change:
    entity: str  # paper, dataset, paper_note, dataset_note, tag, facet, view
    id: int
    op: str  # insert, update, delete (to the trash), restore, purge
    fields: frozenset[str] = frozenset()
    version: int | None = None


@dataclass
class BulkChange:
    """The same change of many rows of one entity (a bulk insert, an undone import going to the
    trash): their ids as runs, so a million rows cost a few runs (:mod:`.idruns`)."""

    entity: str
    op: str
    fields: frozenset[str]
    version: int | None
    ids: IdRuns

    def change(self, entity_id: int) -> Change:
        return Change(self.entity, entity_id, self.op, self.fields, self.version)

    def __iter__(self) -> Iterator[Change]:
        for entity_id in self.ids:
            yield Change(self.entity, entity_id, self.op, self.fields, self.version)


def _merge(a: Change, b: Change) -> Change:
    """Two changes of one row in one transaction: the later op wins, fields add up."""
    op = a.op if a.op == INSERT and b.op == UPDATE else b.op
    return Change(a.entity, a.id, op, a.fields | b.fields, b.version if b.version is not None else a.version)


COMPACT_AT = 10_000  # more single changes than this are grouped into BulkChanges


class _Merger:
    """Changes in the order they happened → one change per row, many alike kept as runs."""

    def __init__(self):
        self.rows: dict[tuple[str, int], Change] = {}
        self.groups: list[BulkChange] = []

    def _group_of(self, entity: str, entity_id: int) -> BulkChange | None:
        for group in self.groups:
            if group.entity == entity and entity_id in group.ids:
                return group
        return None

    def add(self, change: Change) -> None:
        key = (change.entity, change.id)
        if key in self.rows:
            self.rows[key] = _merge(self.rows[key], change)
            return
        group = self._group_of(change.entity, change.id) if self.groups else None
        if group is not None:
            group.ids.discard(change.id)
            self.rows[key] = _merge(group.change(change.id), change)
        else:
            self.rows[key] = change

    def add_bulk(self, bulk: BulkChange) -> None:
        ids = IdRuns(bulk.ids)
        mine = [k for k in self.rows if k[0] == bulk.entity] if len(self.rows) <= len(ids) else None
        for key in mine if mine is not None else ((bulk.entity, i) for i in list(ids)):
            if key in self.rows and key[1] in ids:
                self.rows[key] = _merge(self.rows[key], bulk.change(key[1]))
                ids.discard(key[1])
        later: list[BulkChange] = []
        for group in self.groups:
            if group.entity != bulk.entity:
                continue
            both = group.ids & ids
            if both:  # changed alike twice: still alike
                merged = _merge(group.change(0), bulk.change(0))
                group.ids = group.ids - both
                ids = ids - both
                later.append(BulkChange(bulk.entity, merged.op, merged.fields, merged.version, both))
        self.groups += later
        if not ids:
            return
        last = self.groups[-1] if self.groups else None
        if last is not None and (last.entity, last.op, last.fields, last.version) == (
                bulk.entity, bulk.op, bulk.fields, bulk.version):
            last.ids.update(ids)
        else:
            self.groups.append(BulkChange(bulk.entity, bulk.op, bulk.fields, bulk.version, ids))

    def result(self) -> tuple[list[Change], list[BulkChange]]:
        rows = list(self.rows.values())
        groups = [g for g in self.groups if g.ids]
        if len(rows) > COMPACT_AT:  # many alike changes read back from the log: keep them as runs
            alike: dict[tuple, list[int]] = {}
            for c in rows:
                alike.setdefault((c.entity, c.op, c.fields, c.version), []).append(c.id)
            rows = []
            for (entity, op, fields, version), ids in alike.items():
                if len(ids) < 64:
                    rows += [Change(entity, i, op, fields, version) for i in ids]
                else:
                    groups.append(BulkChange(entity, op, fields, version, IdRuns(sorted(ids))))
        return rows, groups


class _EntryChanges(Mapping):
    """id -> Change of one kind's entries, notes counted as a field (read lazily from a
    ChangeSet, so that a bulk insert of a million entries is not a million objects)."""

    def __init__(self, changeset: "ChangeSet", kind: Kind):
        self._set = changeset
        self._entity, self._note = ENTRY_ENTITIES[kind], NOTE_ENTITIES[kind]
        self._rows = {c.id: c for c in changeset.changes if c.entity == self._entity}
        self._notes = {c.id: c for c in changeset.changes if c.entity == self._note}
        self._groups = [g for g in changeset.bulk if g.entity == self._entity]
        self._note_groups = [g for g in changeset.bulk if g.entity == self._note]

    def _entry(self, entry_id: int) -> Change | None:
        found = self._rows.get(entry_id)
        if found is None:
            for group in self._groups:
                if entry_id in group.ids:
                    return group.change(entry_id)
        return found

    def _noted(self, entry_id: int) -> bool:
        return entry_id in self._notes or any(entry_id in g.ids for g in self._note_groups)

    def __getitem__(self, entry_id: int) -> Change:
        entry = self._entry(entry_id)
        if not self._noted(entry_id):
            if entry is None:
                raise KeyError(entry_id)
            return entry
        if entry is None:
            return Change(self._entity, entry_id, UPDATE, frozenset({NOTE}), None)
        return Change(self._entity, entry_id, entry.op, entry.fields | {NOTE}, entry.version)

    def __iter__(self) -> Iterator[int]:
        yield from self._rows
        for group in self._groups:
            yield from group.ids
        for entry_id in self._note_ids():
            if self._entry(entry_id) is None:
                yield entry_id

    def _note_ids(self) -> Iterator[int]:
        yield from self._notes
        for group in self._note_groups:
            yield from group.ids

    def __len__(self) -> int:
        count = len(self._rows) + sum(len(g.ids) for g in self._groups)
        return count + sum(1 for i in self._note_ids() if self._entry(i) is None)

    def __bool__(self) -> bool:
        return bool(self._rows or self._groups or self._notes or self._note_groups)

    def kinds_of_change(self) -> Iterator[tuple[str, frozenset[str]]]:
        """(op, fields) of the changes, each group once: what a question about all of them needs."""
        for change in self._rows.values():
            yield change.op, change.fields | ({NOTE} if self._noted(change.id) else frozenset())
        for group in self._groups:
            yield group.op, group.fields
        if self._notes or self._note_groups:
            yield UPDATE, frozenset({NOTE})
            for group in self._groups:  # an inserted entry with a note
                yield group.op, group.fields | {NOTE}


@dataclass
class ChangeSet:
    changes: list[Change] = field(default_factory=list)  # one per row, except the rows in ``bulk``
    origin: str | None = None  # the writer; None when several
    external: bool = False  # written by another process or user
    last_seq: int | None = None  # the newest change_log row it holds
    bulk: list[BulkChange] = field(default_factory=list)  # alike changes of many rows, as id runs

    def __bool__(self) -> bool:
        return bool(self.changes) or any(g.ids for g in self.bulk)

    def __iter__(self) -> Iterator[Change]:
        yield from self.changes
        for group in self.bulk:
            yield from group

    def __len__(self) -> int:
        return len(self.changes) + sum(len(g.ids) for g in self.bulk)

    @classmethod
    def merged(cls, changes: Iterable[Change | BulkChange], **kwargs) -> "ChangeSet":
        """The changes (single or bulk, in the order they happened), one per row."""
        merger = _Merger()
        for change in changes:
            if isinstance(change, BulkChange):
                merger.add_bulk(change)
            else:
                merger.add(change)
        rows, groups = merger.result()
        return cls(rows, bulk=groups, **kwargs)

    def extend(self, other: "ChangeSet") -> "ChangeSet":
        out = ChangeSet.merged([*self.changes, *self.bulk, *other.changes, *other.bulk],
                               external=self.external or other.external)
        out.last_seq = max((s for s in (self.last_seq, other.last_seq) if s is not None), default=None)
        return out

    # ---- questions the UI asks -------------------------------------------------------------

    def entries(self, kind: Kind) -> Mapping[int, Change]:
        """Changed entries of a kind (id -> change), notes of entries counted as a field."""
        return _EntryChanges(self, kind)

    def ids(self, kind: Kind) -> set[int]:
        return set(self.entries(kind))

    def membership_changed(self, kind: Kind) -> bool:
        """Entries of ``kind`` came, went (trash, restore, purge)."""
        return any(op in (INSERT, DELETE, RESTORE, PURGE) for op, _f in self.entries(kind).kinds_of_change())

    def fields_changed(self, kind: Kind) -> set[str]:
        out: set[str] = set()
        for _op, fields in self.entries(kind).kinds_of_change():
            out |= fields
        return out

    def taxonomy_changed(self) -> bool:
        return any(c.entity in TAXONOMY_ENTITIES for c in self.changes) or any(
            g.entity in TAXONOMY_ENTITIES for g in self.bulk)

    def tags_changed(self) -> bool:
        """Tag labels, the tree, or any entry's tags changed (tag counts and chips are stale)."""
        return self.taxonomy_changed() or any(
            TAGS in fields or op != UPDATE for k in Kind for op, fields in self.entries(k).kinds_of_change()
        )

    def views_changed(self) -> bool:
        return any(c.entity == "view" for c in self.changes)

    def touches(self, kind: Kind, entry_id: int) -> Change | None:
        return self.entries(kind).get(entry_id)


def fields_json(fields: Iterable[str]) -> str | None:
    fields = sorted(set(fields))
    return json.dumps(fields) if fields else None


def fields_from_json(raw: str | None) -> frozenset[str]:
    return frozenset(json.loads(raw)) if raw else frozenset()
