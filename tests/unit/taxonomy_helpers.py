"""Shared helpers for the taxonomy tests (the mini catalog, tagged by seeding); the ``stack``
and ``tax`` fixtures are in ``tests/unit/conftest.py``."""

from __future__ import annotations

from rsfm_desktop.core.store.undo import Command

from .catalog_helpers import read, table_rows

TABLES = ("facet", "tag", "tag_synonym", "paper_tag", "dataset_tag", "saved_view")


class Stack:
    """What the window's undo stack does with commands, for the core tests: keep them in order,
    undo and redo them through the catalog (a new command drops the redo tail)."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.done: list[Command] = []
        self.undone: list[Command] = []

    def push(self, command: Command) -> None:
        self.done.append(command)
        self.undone.clear()

    def undo(self) -> Command:
        command = self.done.pop()
        self.catalog.undo(command)
        self.undone.append(command)
        return command

    def redo(self) -> Command:
        command = self.undone.pop()
        self.catalog.redo(command)
        self.done.append(command)
        return command

    def can_undo(self) -> bool:
        return bool(self.done)

    def labels(self) -> list[str]:
        return [c.label for c in self.done]


def tag(tax, text, facet=None) -> int:
    """The one tag named ``text`` (in ``facet`` if given)."""
    found = tax.resolve(text, facet)
    assert len(found) == 1, (text, found)
    return found[0]


def node(tax, tag_id):
    return next(t for f in tax.tree() for t in f.walk() if t.id == tag_id)


def members(catalog, tag_id: int, kind: str = "paper") -> set[int]:
    return {r[0] for r in read(catalog, f"SELECT {kind}_id FROM {kind}_tag WHERE tag_id = :t", {"t": tag_id})}


def dump(catalog) -> dict[str, list]:
    """Every taxonomy row (without versions, which only grow), to compare before and after."""
    return table_rows(catalog, TABLES)
