"""Undo and redo of an import or a duplicate merge, restoring the catalog exactly.

An import or a merge touches whole entries: their fields, tags, note, provenance, attachments
and dataset links. :func:`capture` records all of that for some entries, as stored (raw column
values); :func:`restore` writes it back in one transaction and reindexes the entries.
:class:`StateChange` is the undo command: ``undo()`` restores the states from before the change,
``redo()`` those from after. Entries an import added are "before" in the trash (like an undone
creation), so an undo moves them there and a redo brings back the same entries with the same ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy.engine import Connection, Engine

from .. import search_index
from ..commands import Command
from ..db import transaction
from ..fields import Kind, utcnow
from .apply import MODEL, ImportReport
from .merge import merge_entries
from .plan import Decision, ImportPlan

_OWNER = {Kind.PAPER: "paper_id", Kind.DATASET: "dataset_id"}
# Tables whose rows belong to one entry (through the owner column of its kind).
_CHILDREN = {
    Kind.PAPER: ("paper_tag", "note", "provenance", "attachment", "paper_dataset_link"),
    Kind.DATASET: ("dataset_tag", "note", "provenance", "paper_dataset_link"),
}


@dataclass(frozen=True)
class EntryState:
    kind: Kind
    id: int
    row: dict[str, Any]  # every column of the entry's row, as stored
    children: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # table -> rows


def _rows(conn: Connection, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    result = conn.exec_driver_sql(sql, tuple(params))
    names = list(result.keys())
    return [dict(zip(names, row)) for row in result]


def capture(conn: Connection, kind: Kind, ids: Iterable[int]) -> list[EntryState]:
    """The complete stored state of these entries (unknown ids are left out)."""
    owner = _OWNER[kind]
    states = []
    for entry_id in dict.fromkeys(ids):
        found = _rows(conn, f"SELECT * FROM {kind.value} WHERE id = ?", (entry_id,))
        if not found:
            continue
        children = {
            table: _rows(conn, f"SELECT * FROM {table} WHERE {owner} = ? ORDER BY rowid", (entry_id,))
            for table in _CHILDREN[kind]
        }
        states.append(EntryState(kind, entry_id, found[0], children))
    return states


def capture_all(engine: Engine, ids: dict[Kind, Iterable[int]]) -> list[EntryState]:
    with engine.connect() as conn:
        return [state for kind, kind_ids in ids.items() for state in capture(conn, kind, kind_ids)]


def trashed(engine: Engine, states: Iterable[EntryState]) -> list[EntryState]:
    """The same states, moved to the trash now (how an undone addition is kept)."""
    out = []
    for state in states:
        stamp = MODEL[state.kind].__table__.c.deleted_at.type.bind_processor(engine.dialect)
        now = stamp(utcnow()) if stamp else utcnow()
        out.append(replace(state, row={**state.row, "deleted_at": now}))
    return out


def _upsert_sql(table: str, columns: Sequence[str], key: str | None) -> str:
    marks = ", ".join("?" * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    if key is None:
        return sql + " ON CONFLICT DO NOTHING"
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != key)
    return sql + f" ON CONFLICT({key}) DO UPDATE SET {updates}"


def restore(engine: Engine, states: Sequence[EntryState]) -> None:
    """Write these states back in one transaction (entry rows first, then their child rows)."""
    with transaction(engine) as session:
        conn = session.connection()
        for state in states:
            conn.exec_driver_sql(_upsert_sql(state.kind.value, list(state.row), "id"), tuple(state.row.values()))
        # Child rows may have moved between the restored entries (a merge moves provenance):
        # remove every current child row first, then put the recorded ones back.
        for state in states:
            for table in _CHILDREN[state.kind]:
                conn.exec_driver_sql(f"DELETE FROM {table} WHERE {_OWNER[state.kind]} = ?", (state.id,))
        for state in states:
            for table, rows in state.children.items():
                for row in rows:
                    conn.exec_driver_sql(_upsert_sql(table, list(row), "id" if "id" in row else None),
                                         tuple(row.values()))
        for kind in Kind:
            ids = [s.id for s in states if s.kind is kind]
            if ids:
                search_index.reindex(conn, kind.value, ids)


@dataclass
class StateChange(Command):
    """An import or merge that has already been carried out, as an undoable command."""

    engine: Engine
    before: list[EntryState]
    after: list[EntryState]
    applied: bool = True

    def redo(self) -> None:
        if not self.applied:
            restore(self.engine, self.after)
            self.applied = True

    def undo(self) -> None:
        restore(self.engine, self.before)
        self.applied = False


def merge_targets(plan: ImportPlan) -> dict[Kind, list[int]]:
    """Catalog entries the plan merges into (their state is recorded before applying)."""
    out: dict[Kind, list[int]] = {k: [] for k in Kind}
    for entry in plan.entries:
        if entry.decision is Decision.MERGE and entry.existing_id is not None:
            out[entry.record.kind].append(entry.existing_id)
    return out


def import_change(engine: Engine, before: list[EntryState], report: ImportReport) -> StateChange:
    """The undo command of an applied import, given the merge targets' states from before it."""
    merged = {(s.kind, s.id) for s in before}
    after = capture_all(engine, report.ids)
    added = [s for s in after if (s.kind, s.id) not in merged]
    return StateChange(engine, before + trashed(engine, added), after)


@dataclass
class MergeDuplicates(Command):
    """Merge two duplicates (:func:`merge.merge_entries`): the first redo merges, undo restores
    both entries exactly, a later redo restores the merged state."""

    engine: Engine
    kind: Kind
    keep_id: int
    lose_id: int
    change: StateChange | None = None

    def redo(self) -> None:
        if self.change is not None:
            self.change.redo()
            return
        ids = {self.kind: [self.keep_id, self.lose_id]}
        before = capture_all(self.engine, ids)
        merge_entries(self.engine, self.kind, self.keep_id, self.lose_id)
        self.change = StateChange(self.engine, before, capture_all(self.engine, ids))

    def undo(self) -> None:
        if self.change is not None:
            self.change.undo()
