"""The catalog's changes as a Qt signal on the GUI thread.

The core calls its observers on whatever thread committed (an import runs on a worker thread);
widgets must only be touched on the GUI thread. :func:`changes_of` gives one :class:`ChangeBus`
per open catalog whose ``changed`` signal is emitted from the observer and, being a queued
connection across threads, delivered on the GUI thread (at once when the GUI thread wrote).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ..core.store.changes import ChangeSet


class ChangeBus(QObject):
    changed = Signal(object)  # a ChangeSet

    def __init__(self, catalog, parent=None):
        super().__init__(parent)
        self._unsubscribe = catalog.subscribe(self._heard)

    def _heard(self, changes: ChangeSet) -> None:
        self.changed.emit(changes)

    def close(self) -> None:
        self._unsubscribe()


_BUSES: dict[int, ChangeBus] = {}


def changes_of(catalog) -> ChangeBus:
    """The change bus of an open catalog (created on first use, parented to the application)."""
    key = id(catalog.store)
    bus = _BUSES.get(key)
    if bus is None:
        bus = _BUSES[key] = ChangeBus(catalog, QCoreApplication.instance())
    return bus


def forget(catalog) -> None:
    """The catalog is closed: stop listening."""
    bus = _BUSES.pop(id(catalog.store), None)
    if bus is not None:
        bus.close()
        bus.deleteLater()
