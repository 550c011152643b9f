"""The trash: deleted papers and datasets, restorable with their notes, links and tags.

Entries are deleted for good after 30 days (at start-up) or here by hand.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QMessageBox,
    QPushButton,
    QTabWidget,
)

from ...core.catalog import Catalog
from ...core.entries import TRASH_DAYS
from ...core.errors import CatalogError
from ...core.fields import Kind
from ..models.catalog_table_model import CatalogTableModel
from ..widgets.catalog_table import CatalogTable
from .layout import lay_out_list_dialog


class TrashDialog(QDialog):
    commandDone = Signal(object)  # a restore, as an undoable command

    def __init__(self, catalog: Catalog, parent=None):
        super().__init__(parent)
        self.setObjectName("trashDialog")
        self.setWindowTitle(self.tr("Trash"))
        self._catalog = catalog
        self.tables: dict[Kind, CatalogTable] = {}
        self.tabs = QTabWidget(self)
        for kind, name, label in (
            (Kind.PAPER, "trashPaperTable", self.tr("Papers")),
            (Kind.DATASET, "trashDatasetTable", self.tr("Datasets")),
        ):
            model = CatalogTableModel(catalog.entries, kind, self, trashed=True)
            model.refresh()
            table = CatalogTable(model, name, self)
            table.selectionModel().selectionChanged.connect(self._update_buttons)
            self.tables[kind] = table
            self.tabs.addTab(table, label)

        hint = self.tr("Deleted entries keep their notes, links and tags until they are deleted "
                       "for good, by hand or after %1 days.").replace("%1", str(TRASH_DAYS))
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.restore_button.setObjectName("restoreButton")
        self.purge_button = QPushButton(self.tr("Delete for &good…"), self)
        self.purge_button.setObjectName("purgeButton")
        self.empty_button = QPushButton(self.tr("&Empty trash…"), self)
        self.empty_button.setObjectName("emptyTrashButton")
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button.clicked.connect(self.purge_selected)
        self.empty_button.clicked.connect(self.empty)
        lay_out_list_dialog(self, hint, self.tabs, [self.restore_button, self.purge_button, self.empty_button])
        self.tabs.currentChanged.connect(self._update_buttons)
        self.resize(820, 480)
        self._update_buttons()
        from ..change_bus import changes_of

        bus = changes_of(catalog)
        bus.changed.connect(self._on_changes)
        self.finished.connect(lambda _r: bus.changed.disconnect(self._on_changes))

    def _on_changes(self, changes) -> None:
        for table in self.tables.values():
            table.catalog_model().apply_changes(changes)
        self._update_buttons()

    def _current(self) -> tuple[Kind, CatalogTable]:
        kind = Kind.PAPER if self.tabs.currentIndex() == 0 else Kind.DATASET
        return kind, self.tables[kind]

    def _update_buttons(self, *_args) -> None:
        _kind, table = self._current()
        has_selection = bool(table.selected_ids())
        self.restore_button.setEnabled(has_selection)
        self.purge_button.setEnabled(has_selection)
        self.empty_button.setEnabled(any(t.model().rowCount() for t in self.tables.values()))

    def _attempt(self, action) -> None:
        try:
            action()
        except CatalogError as exc:
            QMessageBox.warning(self, self.tr("Trash"), str(exc))

    def restore_selected(self) -> None:
        kind, table = self._current()
        ids = table.selected_ids()
        if ids:
            self._attempt(lambda: self.commandDone.emit(self._catalog.entries.restore(kind, ids)))

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Delete for good"), text + "\n\n" + self.tr("This cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def purge_selected(self) -> None:
        kind, table = self._current()
        ids = table.selected_ids()
        titles = [t for _i, t in self._catalog.entries.titles_by_id(kind, ids)]
        listing = "\n".join(f"• {t}" for t in titles[:10])
        if ids and self._confirm(
            self.tr("Delete these %1 entries and their notes for good?").replace("%1", str(len(ids)))
            + "\n\n" + listing
        ):
            self._attempt(lambda: self._catalog.entries.purge(kind, ids))

    def empty(self) -> None:
        total = sum(t.model().rowCount() for t in self.tables.values())
        if total and self._confirm(
            self.tr("Delete all %1 entries in the trash for good?").replace("%1", str(total))
        ):
            self._attempt(self._catalog.entries.empty_trash)
