"""Undoable taxonomy commands and a plain-Python undo stack.

A command does nothing until its first ``redo()`` (the convention of
:mod:`rsfm_desktop.core.commands` and of ``ui.undo.UndoStack.run``). The first ``redo()`` runs the
operation in one transaction and keeps exact pictures of what it touched; later ``undo()`` /
``redo()`` calls write those pictures back, each again in one transaction. A command whose first
run fails leaves the database unchanged and is never pushed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy.engine import Connection, Engine

from ..db import transaction
from ..fields import Kind
from ..i18n import QT_TRANSLATE_NOOP
from .errors import TaxonomyError
from .snapshot import IN_IDS, MEMBER_TABLES, Scope, Snapshot, capture, ids_param, in_ids, restore

CONTEXT = "Taxonomy"  # translation context of the command labels


# plan(conn) -> (scope it touches, apply, label args); apply(conn) -> (result, scope it created).
# The plan checks the request and raises TaxonomyError before anything is written.
Apply = Callable[[Connection], tuple[Any, Scope]]
Plan = Callable[[Connection], tuple[Scope, Apply, tuple]]


class TaxonomyCommand:
    """``label_template`` is English with ``{}`` fields (translate it, then ``format(*label_args)``)."""

    label_template: str = ""
    label_args: tuple = ()
    result: Any = None

    @property
    def label(self) -> str:
        return self.label_template.format(*self.label_args)

    def redo(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        raise NotImplementedError


class Change(TaxonomyCommand):
    """A taxonomy edit undone by writing back the picture of its scope."""

    def __init__(self, engine: Engine, template: str, plan: Plan):
        self.engine = engine
        self.label_template = template
        self._plan = plan
        self._before: Snapshot | None = None
        self._after: Snapshot | None = None

    def redo(self) -> None:
        with transaction(self.engine) as session:
            conn = session.connection()
            if self._after is None:
                scope, apply, self.label_args = self._plan(conn)
                before = capture(conn, scope)
                result, created = apply(conn)
                after = capture(conn, scope | created)
                self._before, self._after, self.result = before, after, result
            else:
                restore(conn, self._after, self._before)

    def undo(self) -> None:
        with transaction(self.engine) as session:
            restore(session.connection(), self._before, self._after)


class Assignment(TaxonomyCommand):
    """Add (or remove) tags on many entries at once; undo reverses exactly the pairs changed.

    ``result`` is the number of (entry, tag) pairs that changed.
    """

    def __init__(self, engine: Engine, kind: Kind, entry_ids: Iterable[int], tag_ids: Iterable[int],
                 remove: bool = False):
        self.engine, self.kind, self.remove = engine, kind, remove
        self.entry_ids, self.tag_ids = sorted(set(entry_ids)), sorted(set(tag_ids))
        self.changed: dict[int, list[int]] = {}  # tag id -> entry ids
        self._done_once = False
        if remove:
            self.label_template = QT_TRANSLATE_NOOP("Taxonomy", "Remove “{}” from {} entries")
        else:
            self.label_template = QT_TRANSLATE_NOOP("Taxonomy", "Add “{}” to {} entries")
        self.label_args = ("", len(self.entry_ids))

    def _write(self, conn: Connection, add: bool, pairs: dict[int, list[int]] | None) -> dict[int, list[int]]:
        kind = self.kind.value
        table = MEMBER_TABLES[kind]
        out: dict[int, list[int]] = {}
        for tag_id in self.tag_ids:
            ids = ids_param(self.entry_ids if pairs is None else pairs.get(tag_id, ()))
            if add:
                sql = (
                    f"INSERT INTO {table}({kind}_id, tag_id) SELECT e.id, ?1 FROM {kind} e"
                    f" WHERE e.id {in_ids('?2')} ON CONFLICT DO NOTHING RETURNING {kind}_id"
                )
            else:
                sql = (
                    f"DELETE FROM {table} WHERE tag_id = ?1 AND {kind}_id {in_ids('?2')}"
                    f" RETURNING {kind}_id"
                )
            out[tag_id] = sorted(r[0] for r in conn.exec_driver_sql(sql, (tag_id, ids)))
        return out

    def redo(self) -> None:
        with transaction(self.engine) as session:
            conn = session.connection()
            if not self._done_once:
                labels = _require_tags(conn, self.tag_ids)
                self.label_args = (", ".join(labels), len(self.entry_ids))
                self.changed = self._write(conn, not self.remove, None)
                self.result = sum(len(v) for v in self.changed.values())
                self._done_once = True
            else:
                self._write(conn, not self.remove, self.changed)

    def undo(self) -> None:
        with transaction(self.engine) as session:
            self._write(session.connection(), self.remove, self.changed)


def _require_tags(conn: Connection, tag_ids: list[int]) -> list[str]:
    """The display labels of these tags; an error if one is gone."""
    rows = conn.exec_driver_sql(
        f"SELECT coalesce(label_en, label_zh) FROM tag WHERE id {IN_IDS} ORDER BY id",
        (ids_param(tag_ids),),
    ).all()
    if len(rows) != len(tag_ids):
        raise TaxonomyError("missing", "A tag to assign no longer exists.")
    return [r[0] for r in rows]


class UndoStack:
    """A linear undo history: ``push`` runs a command and records it (the redo tail is dropped)."""

    def __init__(self, limit: int = 200):
        self._done: list[TaxonomyCommand] = []
        self._undone: list[TaxonomyCommand] = []
        self.limit = limit

    def push(self, command: TaxonomyCommand) -> TaxonomyCommand:
        command.redo()
        self._done.append(command)
        del self._done[: max(0, len(self._done) - self.limit)]
        self._undone.clear()
        return command

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo(self) -> TaxonomyCommand:
        command = self._done[-1]
        command.undo()
        self._undone.append(self._done.pop())
        return command

    def redo(self) -> TaxonomyCommand:
        command = self._undone[-1]
        command.redo()
        self._done.append(self._undone.pop())
        return command

    def labels(self) -> list[str]:
        """Labels of the undoable commands, oldest first."""
        return [c.label for c in self._done]

    def redo_labels(self) -> list[str]:
        """Labels of the redoable commands, next first."""
        return [c.label for c in reversed(self._undone)]

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
