"""The window's undo stack over the catalog's commands (``core.store.undo.Command``).

A command is carried out by the catalog before it is pushed, so a failure (validation, a
conflict, a database error) reaches the caller as an exception and leaves the stack untouched.
Undo and redo are compensating writes: what later work changed stays, and the stack says so
(:attr:`UndoStack.kept`). An undo that cannot be written now (the catalog is busy, the lab
server unreachable) leaves the stack where it was and says why (:attr:`UndoStack.failed`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.display_text import visible
from ..core.errors import CatalogError
from ..core.store.undo import Command, describe_kept
from ..core.store.writes import Conflict

CONTEXTS = ("Commands", "Taxonomy")  # translation contexts of the command labels


def command_text(command: Command) -> str:
    """A command's label in the interface language."""
    template = command.label_template
    for context in CONTEXTS:
        translated = QCoreApplication.translate(context, template)
        if translated != template:
            template = translated
            break
    try:  # a title in the label ("Add “…”") shows its direction controls visibly
        return template.format(*(visible(a) if isinstance(a, str) else a for a in command.label_args))
    except (IndexError, KeyError):
        return template


class _Step(QUndoCommand):
    def __init__(self, stack: "UndoStack", command: Command):
        super().__init__(command_text(command))
        self._stack = stack
        self.command = command
        self._skip = True  # carried out before it was pushed

    def _run(self, method, undoing: bool) -> None:
        if self._skip:
            self._skip = False
            return
        try:
            method(self.command)
        except (CatalogError, Conflict) as exc:
            # Put the stack back where it was without running the command again.
            self._skip = True
            QTimer.singleShot(0, self._stack.redo if undoing else self._stack.undo)
            self._stack.failed.emit(self.text(), str(exc))
            return
        if self.command.kept:
            self._stack.kept.emit(self.text(), describe_kept(self.command.kept))

    def redo(self) -> None:
        self._run(self._stack.catalog.redo, undoing=False)

    def undo(self) -> None:
        self._run(self._stack.catalog.undo, undoing=True)


class UndoStack(QUndoStack):
    kept = Signal(str, list)  # the action undone or redone, what later work kept (lines)
    failed = Signal(str, str)  # the action, why it could not be undone or redone now

    def __init__(self, catalog, parent=None):
        super().__init__(parent)
        self.catalog = catalog

    def push_done(self, command: Command) -> Command:
        """Make a command the catalog already carried out undoable."""
        self.push(_Step(self, command))
        return command
