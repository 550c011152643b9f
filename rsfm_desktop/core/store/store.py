"""The store: one engine (SQLite file or PostgreSQL server), the one write path, and the change
observers.

``store.write(work)`` runs ``work(tx)`` in one transaction (see :mod:`.writes`), commits, tells
every observer what changed, and returns ``(result, changes)``. ``store.run(label, work)`` does
the same and returns an undoable :class:`~.undo.Command`. Changes written by other processes or
users arrive through :meth:`poll` (see :mod:`.watch`) and reach the same observers.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy.engine import Connection, Engine

from ..errors import CatalogGone
from .changes import ChangeSet
from .sqlite import WRITE_OPTION
from .undo import Command
from .writes import Tx

T = TypeVar("T")
Observer = Callable[[ChangeSet], None]


class Store:
    def __init__(self, engine: Engine, author: str | None = None):
        self.engine = engine
        self.origin = uuid.uuid4().hex  # this writer, in change_log.origin
        self.author = author  # the lab member's name, for "added by / modified by"
        self._observers: list[Observer] = []
        self._watcher = None
        self.closed = False
        from .checkpoints import of

        self._checkpointer = of(engine)  # copies a SQLite file's log off the writing thread
        # The newest change when the catalog was opened: the watcher hears every change after
        # it, also those made before its first poll.
        from .watch import newest_seq

        self.opened_at_seq = newest_seq(self)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # ---- reading -----------------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    # ---- writing -----------------------------------------------------------------------------

    def write(self, work: Callable[[Tx], T]) -> tuple[T, ChangeSet]:
        """Run ``work`` in one write transaction; returns its result and what changed."""
        result, changes, _ops = self._write(work)
        self.notify(changes)
        return result, changes

    def _write(self, work: Callable[[Tx], T]) -> tuple[T, ChangeSet, list]:
        if self._watcher is not None and self._watcher.file_missing():
            # The still-open connection would write into a deleted (or replaced) file: lost.
            raise CatalogGone("The catalog file was deleted, moved or replaced while it was open: "
                              "the change was not saved.")
        with self.engine.connect() as conn:
            conn = conn.execution_options(**{WRITE_OPTION: True})
            tx = Tx(self, conn)
            try:
                with conn.begin():
                    result = work(tx)
                    changes = tx.finish()
            finally:
                tx.ended()
        if self._checkpointer is not None:
            self._checkpointer.committed()
        return result, changes, tx.ops

    def run(self, label: str, work: Callable[[Tx], Any], *label_args: Any) -> Command:
        """Carry out a user action now and return it as an undoable command (``label`` is an
        English template with ``{}`` fields; ``command.result`` is what ``work`` returned)."""
        result, changes, ops = self._write(work)
        command = Command(label, list(ops), result, tuple(label_args), changes)
        self.notify(changes)
        return command

    def undo(self, command: Command) -> ChangeSet:
        return command.undo(self)

    def redo(self, command: Command) -> ChangeSet:
        return command.redo(self)

    # ---- change observers ------------------------------------------------------------------

    def subscribe(self, observer: Observer) -> Callable[[], None]:
        """Call ``observer`` with every ChangeSet (local or external); returns an unsubscribe."""
        self._observers.append(observer)
        return lambda: self._observers.remove(observer) if observer in self._observers else None

    def notify(self, changes: ChangeSet) -> None:
        if changes and self._watcher is not None:
            self._watcher.seen(changes.last_seq)
        if changes:
            for observer in list(self._observers):
                observer(changes)

    def watcher(self):
        """The watcher of changes made elsewhere (created on first use; None once closed)."""
        if self.closed:
            return None
        if self._watcher is None:
            from .watch import watcher_for

            self._watcher = watcher_for(self)
        return self._watcher

    def poll(self, catch_up: bool = False) -> ChangeSet:
        """Changes committed by other writers since the last poll (cheap when there are none:
        one ``PRAGMA data_version`` on SQLite, a drained notification queue on PostgreSQL);
        the observers hear of them too. Nothing once the store is closed."""
        watcher = self.watcher()
        if watcher is None:
            return ChangeSet(external=True)
        changes = watcher.poll(catch_up)
        if changes:
            for observer in list(self._observers):
                observer(changes)
        return changes

    def close(self) -> None:
        self.closed = True
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        if self._checkpointer is not None:
            self._checkpointer.close()
        self.engine.dispose()
