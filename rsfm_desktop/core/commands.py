"""Undoable catalog edits: each user action is one command with ``redo()`` and ``undo()``.

Commands run through the service (validation, transactions) and restore exactly the previous
state: an undone creation goes back to the trash and a redo brings the same entry (same id,
notes and links) back; an undone edit writes the old values back. The UI keeps them on a
QUndoStack; tests drive them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .fields import Kind
from .services import CatalogService


class Command:
    def redo(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        raise NotImplementedError


@dataclass
class CreateEntry(Command):
    service: CatalogService
    kind: Kind
    values: dict[str, Any]
    entry_id: int | None = None

    def redo(self) -> None:
        if self.entry_id is None:
            self.entry_id = self.service.create(self.kind, self.values)
        else:
            self.service.restore(self.kind, [self.entry_id])

    def undo(self) -> None:
        self.service.delete(self.kind, [self.entry_id])


@dataclass
class UpdateEntry(Command):
    service: CatalogService
    kind: Kind
    entry_id: int
    values: dict[str, Any]
    old: dict[str, Any] = field(default_factory=dict)

    def redo(self) -> None:
        entry = self.service.repo.get(self.kind, self.entry_id)
        self.old = {key: getattr(entry, key) for key in self.values}
        self.service.update(self.kind, self.entry_id, self.values)

    def undo(self) -> None:
        # The old values were stored as they are: write them back without re-validating.
        self.service.repo.update(self.kind, self.entry_id, self.old)


@dataclass
class DeleteEntries(Command):
    service: CatalogService
    kind: Kind
    ids: list[int]

    def redo(self) -> None:
        self.service.delete(self.kind, self.ids)

    def undo(self) -> None:
        self.service.restore(self.kind, self.ids)


@dataclass
class LinkEntries(Command):
    """Link (or, with ``remove=True``, unlink) a paper and a dataset."""

    service: CatalogService
    kind: Kind
    entry_id: int
    other_id: int
    relation: str
    remove: bool = False

    def _apply(self, link: bool) -> None:
        method = self.service.link if link else self.service.unlink
        method(self.kind, self.entry_id, self.other_id, self.relation)

    def redo(self) -> None:
        self._apply(not self.remove)

    def undo(self) -> None:
        self._apply(self.remove)
