"""The window's undo stack over core commands (:mod:`rsfm_desktop.core.commands`).

A command is carried out before it goes on the stack, so a failure (validation, a database
error) reaches the caller as an exception and leaves the stack untouched.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.commands import Command


class _CoreCommand(QUndoCommand):
    def __init__(self, command: Command, text: str, on_change: Callable[[Command], None]):
        super().__init__(text)
        self._command = command
        self._on_change = on_change
        self._done = True  # run by UndoStack.run before pushing

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._command.redo()
        self._on_change(self._command)

    def undo(self) -> None:
        self._command.undo()
        self._on_change(self._command)


class UndoStack(QUndoStack):
    def __init__(self, on_change: Callable[[Command], None], parent=None):
        super().__init__(parent)
        self._on_change = on_change

    def run(self, command: Command, text: str) -> Command:
        """Carry out ``command`` now and make it undoable under ``text``."""
        command.redo()
        self.push(_CoreCommand(command, text, self._on_change))
        self._on_change(command)
        return command
