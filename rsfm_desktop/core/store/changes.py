"""What a committed transaction changed, in one form for every reader: the window that wrote it,
another window on the same catalog, the command line, a sync.

A :class:`Change` names one row (an entry, an entry's note, a tag, a facet, a saved view), how it
changed and which fields; a :class:`ChangeSet` is the changes of one or more transactions. The
write path records them in ``change_log`` (so other processes can read them) and returns them to
the caller; the UI asks a ChangeSet what to redraw.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..fields import Kind

# Pseudo-fields of an entry for changes of rows that belong to it.
TAGS, LINKS, NOTE, ATTACHMENTS, PROVENANCE = "tags", "links", "note", "attachments", "provenance"
ENTRY_ENTITIES = {Kind.PAPER: "paper", Kind.DATASET: "dataset"}
NOTE_ENTITIES = {Kind.PAPER: "paper_note", Kind.DATASET: "dataset_note"}
TAXONOMY_ENTITIES = frozenset({"tag", "facet", "synonym"})

INSERT, UPDATE, DELETE, RESTORE, PURGE = "insert", "update", "delete", "restore", "purge"


@dataclass(frozen=True)
class Change:
    entity: str  # paper, dataset, paper_note, dataset_note, tag, facet, view
    id: int
    op: str  # insert, update, delete (to the trash), restore, purge
    fields: frozenset[str] = frozenset()
    version: int | None = None


def _merge(a: Change, b: Change) -> Change:
    """Two changes of one row in one transaction: the later op wins, fields add up."""
    op = a.op if a.op == INSERT and b.op == UPDATE else b.op
    return Change(a.entity, a.id, op, a.fields | b.fields, b.version if b.version is not None else a.version)


@dataclass
class ChangeSet:
    changes: list[Change] = field(default_factory=list)
    origin: str | None = None  # the writer; None when several
    external: bool = False  # written by another process or user
    last_seq: int | None = None  # the newest change_log row it holds

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    @classmethod
    def merged(cls, changes: Iterable[Change], **kwargs) -> "ChangeSet":
        rows: dict[tuple[str, int], Change] = {}
        for change in changes:
            key = (change.entity, change.id)
            rows[key] = _merge(rows[key], change) if key in rows else change
        return cls(list(rows.values()), **kwargs)

    def extend(self, other: "ChangeSet") -> "ChangeSet":
        out = ChangeSet.merged([*self.changes, *other.changes], external=self.external or other.external)
        out.last_seq = max((s for s in (self.last_seq, other.last_seq) if s is not None), default=None)
        return out

    # ---- questions the UI asks -------------------------------------------------------------

    def entries(self, kind: Kind) -> dict[int, Change]:
        """Changed entries of a kind (id -> change), notes of entries counted as a field."""
        entity, note = ENTRY_ENTITIES[kind], NOTE_ENTITIES[kind]
        out: dict[int, Change] = {}
        for change in self.changes:
            if change.entity == entity:
                out[change.id] = change
            elif change.entity == note:
                prev = out.get(change.id)
                fields = (prev.fields if prev else frozenset()) | {NOTE}
                out[change.id] = Change(entity, change.id, prev.op if prev else UPDATE, fields,
                                        prev.version if prev else None)
        return out

    def ids(self, kind: Kind) -> set[int]:
        return set(self.entries(kind))

    def membership_changed(self, kind: Kind) -> bool:
        """Entries of ``kind`` came, went (trash, restore, purge)."""
        return any(c.op in (INSERT, DELETE, RESTORE, PURGE) for c in self.entries(kind).values())

    def fields_changed(self, kind: Kind) -> set[str]:
        out: set[str] = set()
        for change in self.entries(kind).values():
            out |= change.fields
        return out

    def taxonomy_changed(self) -> bool:
        return any(c.entity in TAXONOMY_ENTITIES for c in self.changes)

    def tags_changed(self) -> bool:
        """Tag labels, the tree, or any entry's tags changed (tag counts and chips are stale)."""
        return self.taxonomy_changed() or any(
            TAGS in c.fields or c.op != UPDATE for k in Kind for c in self.entries(k).values()
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
