"""Undo as compensating writes.

Every write of :class:`~.writes.Tx` logs a step that knows the values before and after it. A
:class:`Command` is the steps of one user action (an edit, an import, a merge, a tag merge...).
Undo runs them backwards through the same write path, each step reverting only what is still as
the command left it; redo runs them forwards from the state undo left. A note typed after an
import, an edit made in another window or by another lab member: the step sees that the value
moved on, keeps it, and says so (:class:`~.writes.Kept`). Versions only grow, and rows are
never deleted and re-inserted to restore a copy (a created entry goes to the trash, a deleted
tag comes back by clearing ``deleted_at``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..fields import TITLE_FIELD, Kind
from . import sql
from .changes import ENTRY_ENTITIES, NOTE_ENTITIES, ChangeSet
from .idruns import IdRuns

if TYPE_CHECKING:
    from .store import Store
    from .writes import Kept, Tx

_TRASH_TABLES = {"paper", "dataset", "tag", "facet", "attachment"}


def _kept(tx: Tx, entity: str, row_id: int, fields) -> None:
    from .writes import Kept

    title = None
    for kind, name in ENTRY_ENTITIES.items():
        if entity in (name, NOTE_ENTITIES[kind]):
            title = tx.title(kind, row_id)
    if entity == "tag":
        found = tx.row("tag", row_id, ["label_en", "label_zh"])
        title = (found["label_en"] or found["label_zh"]) if found else None
    tx.kept.append(Kept(entity, row_id, tuple(sorted(fields)), title))


@dataclass
class Fields:
    """Fields of a row went from ``before`` to ``after``."""

    entity: str
    id: int
    before: dict[str, Any]
    after: dict[str, Any]

    def _apply(self, tx: Tx, source: dict, target: dict) -> None:
        from .writes import ROW_ENTITIES, same

        name = ROW_ENTITIES.get(self.entity, self.entity)
        current = tx.row(name, self.id, list(target))
        if current is None:
            _kept(tx, self.entity, self.id, target)
            return
        todo, kept = {}, []
        for key, value in target.items():
            now = current[key]
            if key == "deleted_at":  # in the trash or not is what counts, not when
                if (now is None) == (source[key] is None):
                    todo[key] = tx.now if value is not None else None
                elif (now is None) != (value is None):
                    kept.append(key)
            elif same(now, source[key]):
                todo[key] = value
            elif not same(now, value):
                kept.append(key)
        if todo:
            tx.update_row(self.entity, self.id, todo, undoable=False)
        if kept:
            _kept(tx, self.entity, self.id, kept)

    def undo(self, tx: Tx) -> None:
        self._apply(tx, self.after, self.before)

    def redo(self, tx: Tx) -> None:
        self._apply(tx, self.before, self.after)


@dataclass
class Created:
    """A row was added. Undo moves an entry, tag or facet to the trash (a tag that has been
    used since stays); other rows (provenance, attachments, synonyms) are removed and come back
    with the same id on redo."""

    name: str
    id: int
    owner: tuple[Kind, int] | None = None
    row: dict[str, Any] | None = None

    def undo(self, tx: Tx) -> None:
        if self.name in _TRASH_TABLES:
            current = tx.row(self.name, self.id, ["deleted_at"])
            if current is None or current["deleted_at"] is not None:
                return
            if self.name == "tag" and _tag_in_use(tx, self.id):
                _kept(tx, "tag", self.id, ["deleted_at"])
                return
            tx.update_row(self.name, self.id, {"deleted_at": tx.now}, undoable=False)
            return
        found = tx.row(self.name, self.id)
        if found is not None:
            self.row = found
            _delete_quietly(tx, self.name, self.id, self.owner)

    def redo(self, tx: Tx) -> None:
        if self.name in _TRASH_TABLES:
            current = tx.row(self.name, self.id, ["deleted_at"])
            if current is not None and current["deleted_at"] is not None:
                tx.update_row(self.name, self.id, {"deleted_at": None}, undoable=False)
            return
        if self.row is not None and tx.row(self.name, self.id, ["id"]) is None:
            _insert_quietly(tx, self.name, self.row, self.owner)


@dataclass
class CreatedEntries:
    """Entries added in bulk (an import), their ids as runs: one step, however many. Undo moves
    those still live to the trash, redo brings back those still there, each in a few statements;
    an entry trashed or restored by hand since is left as it is."""

    kind: Kind
    ids: IdRuns

    def undo(self, tx: Tx) -> None:
        tx.trash_many(self.kind, self.ids, True)

    def redo(self, tx: Tx) -> None:
        tx.trash_many(self.kind, self.ids, False)


@dataclass
class Deleted:
    """A row without a trash was deleted (a synonym, provenance, an attachment)."""

    name: str
    row: dict[str, Any]
    owner: tuple[Kind, int] | None = None

    def undo(self, tx: Tx) -> None:
        if tx.row(self.name, self.row["id"], ["id"]) is None:
            _insert_quietly(tx, self.name, self.row, self.owner)

    def redo(self, tx: Tx) -> None:
        if tx.row(self.name, self.row["id"], ["id"]) is not None:
            _delete_quietly(tx, self.name, self.row["id"], self.owner)


def _insert_quietly(tx: Tx, name: str, row: dict, owner) -> None:
    from sqlalchemy import insert

    from .writes import table

    referenced = _owner_exists(tx, name, row)
    if not referenced:  # its entry or tag was deleted for good since
        return
    tx.conn.execute(insert(table(name)).values(**row))
    tx._row_changed(name, row["id"], "insert", owner, row.get("version"))


def _delete_quietly(tx: Tx, name: str, row_id: int, owner) -> None:
    from sqlalchemy import delete

    from .writes import table

    tab = table(name)
    tx.conn.execute(delete(tab).where(tab.c.id == row_id))
    tx._row_changed(name, row_id, "purge", owner, None)


def _owner_exists(tx: Tx, name: str, row: dict) -> bool:
    for column, target in (("paper_id", "paper"), ("dataset_id", "dataset"), ("tag_id", "tag")):
        if row.get(column) is not None and tx.row(target, row[column], ["id"]) is None:
            return False
    return True


def _tag_in_use(tx: Tx, tag_id: int) -> bool:
    return any(
        sql.first(tx.conn, f"SELECT 1 FROM {table} WHERE tag_id = :t", {"t": tag_id})
        for table in ("paper_tag", "dataset_tag")
    )


@dataclass
class Rows:
    """Bookkeeping rows (the sync's base copies and conflicts) went from ``before`` to
    ``after``: resolving a conflict is undone with the conflict coming back."""

    name: str
    before: list[dict[str, Any]]
    after: list[dict[str, Any]]

    def _swap(self, tx: Tx, gone: list[dict], back: list[dict]) -> None:
        keys = tx.BOOKKEEPING[self.name]
        for row in gone:
            tx.delete_rows(self.name, **{k: row[k] for k in keys})
        for row in back:  # one at a time: the rows need not have the same columns set
            tx.put_rows(self.name, [row])

    def undo(self, tx: Tx) -> None:
        self._swap(tx, self.after, self.before)

    def redo(self, tx: Tx) -> None:
        self._swap(tx, self.before, self.after)


@dataclass
class NoteText:
    """An entry's note went from ``before`` to ``after``. When the note changed since and the
    command appended a block (an import, a merge), undo takes that block out if it is still
    there and redo appends it again; anything else typed later stays as it is."""

    kind: Kind
    entry_id: int
    before: str
    after: str

    @property
    def appended(self) -> str | None:
        added = self.after[len(self.before):] if self.after.startswith(self.before) else ""
        return added if added.strip() else None

    def _set(self, tx: Tx, body: str) -> None:
        tx.set_note(self.kind, self.entry_id, body, undoable=False)

    def undo(self, tx: Tx) -> None:
        current, _version = tx.note(self.kind, self.entry_id)
        added = self.appended
        if current == self.after:
            self._set(tx, self.before)
        elif added and added in current:
            at = current.rfind(added)
            self._set(tx, current[:at] + current[at + len(added):])
            _kept(tx, NOTE_ENTITIES[self.kind], self.entry_id, ["note"])  # what was typed since stays
        elif current != self.before:
            _kept(tx, NOTE_ENTITIES[self.kind], self.entry_id, ["note"])

    def redo(self, tx: Tx) -> None:
        current, _version = tx.note(self.kind, self.entry_id)
        added = self.appended
        if current == self.before:
            self._set(tx, self.after)
        elif added and added not in current:
            self._set(tx, current + added)
        elif current != self.after:
            _kept(tx, NOTE_ENTITIES[self.kind], self.entry_id, ["note"])


@dataclass
class Members:
    """A tag was added to (or removed from) these entries; sets merge as sets."""

    kind: Kind
    tag_id: int
    entry_ids: IdRuns
    added: bool

    def _apply(self, tx: Tx, add: bool) -> None:
        if tx.row("tag", self.tag_id, ["id"]) is None:
            return
        tx.tag(self.kind, self.tag_id, self.entry_ids, add=add)

    def undo(self, tx: Tx) -> None:
        self._apply(tx, not self.added)

    def redo(self, tx: Tx) -> None:
        self._apply(tx, self.added)


@dataclass
class Link:
    paper_id: int
    dataset_id: int
    relation: str
    added: bool

    def _apply(self, tx: Tx, add: bool) -> None:
        if tx.row("paper", self.paper_id, ["id"]) and tx.row("dataset", self.dataset_id, ["id"]):
            tx.link(self.paper_id, self.dataset_id, self.relation, add=add)

    def undo(self, tx: Tx) -> None:
        self._apply(tx, not self.added)

    def redo(self, tx: Tx) -> None:
        self._apply(tx, self.added)


@dataclass
class Moved:
    """Rows of ``name`` were pointed from ``old`` to ``new`` through ``column``; undo moves
    back those still pointing at ``new``."""

    name: str
    column: str
    ids: tuple[int, ...]
    old: int
    new: int

    def _apply(self, tx: Tx, source: int, target: int) -> None:
        still = sql.column(
            tx.conn, f"SELECT id FROM {self.name} WHERE id IN :ids AND {self.column} = :source",
            {"ids": list(self.ids), "source": source},
        )
        if not still:
            return
        sql.execute(tx.conn, f"UPDATE {self.name} SET {self.column} = :target WHERE id IN :ids",
                    {"target": target, "ids": still})
        kind = {"paper_id": Kind.PAPER, "dataset_id": Kind.DATASET}.get(self.column)
        if kind is not None:
            from .writes import _CHILD_FIELD

            tx.touch(kind, [source, target], [_CHILD_FIELD.get(self.name, self.name)])
        else:
            tx.record("tag", source, "update", ["synonyms"])
            tx.record("tag", target, "update", ["synonyms"])

    def undo(self, tx: Tx) -> None:
        self._apply(tx, self.new, self.old)

    def redo(self, tx: Tx) -> None:
        self._apply(tx, self.old, self.new)


@dataclass
class Command:
    """One user action: its label (English, ``{}`` fields filled from ``label_args``), its
    steps, and what it returned the first time."""

    label_template: str
    steps: list = field(default_factory=list)
    result: Any = None
    label_args: tuple = ()
    changes: ChangeSet = field(default_factory=ChangeSet)
    kept: list[Kept] = field(default_factory=list)  # what the last undo or redo left alone

    @property
    def label(self) -> str:
        return self.label_template.format(*self.label_args)

    def undo(self, store: Store) -> ChangeSet:
        def run(tx: Tx) -> None:
            for step in reversed(self.steps):
                step.undo(tx)
            self.kept = list(tx.kept)

        return store.write(run)[1]

    def redo(self, store: Store) -> ChangeSet:
        def run(tx: Tx) -> None:
            for step in self.steps:
                step.redo(tx)
            self.kept = list(tx.kept)

        return store.write(run)[1]


def describe_kept(kept: list[Kept]) -> list[str]:
    """Plain English lines for a status message: which entries kept later changes."""
    out = []
    for item in kept:
        what = item.title or f"{item.entity} {item.id}"
        out.append(f"{what}: {', '.join(item.fields)}")
    return out


def title_field(entity: str) -> str | None:
    for kind, name in ENTRY_ENTITIES.items():
        if entity == name:
            return TITLE_FIELD[kind]
    return None
