"""File > Restore from backup: the catalog's backups with date and entry counts, a "Back up now"
button, and restoring one (the current catalog is renamed aside, never deleted).

Wire it to a menu action with :func:`show_backups_dialog`; when it returns True the catalog file
was replaced and the window must be rebuilt over it (see the function).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ...core.backup import BackupInfo
from ...core.errors import CatalogError
from .layout import lay_out_list_dialog

PathRole = Qt.ItemDataRole.UserRole + 1


def format_date(info: BackupInfo) -> str:
    return info.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")


class BackupList(QTreeWidget):
    """Backups, newest first: date (local time), papers, datasets, notes, size or problem."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("backupList")
        self.setRootIsDecorated(False)
        self.setHeaderLabels(
            [self.tr("Date"), self.tr("Papers"), self.tr("Datasets"), self.tr("Notes"), self.tr("Size")]
        )

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.clear()
        for info in backups:
            counts = [info.papers, info.datasets, info.notes]
            size = self.tr("%1 MB").replace("%1", f"{info.size / 1e6:.1f}")
            cells = [format_date(info), *("" if c is None else str(c) for c in counts), size]
            item = QTreeWidgetItem(cells)
            item.setData(0, PathRole, str(info.path))
            if not info.ok:
                item.setText(4, self.tr("damaged: %1").replace("%1", info.problem or ""))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.addTopLevelItem(item)
        for column in range(self.columnCount()):
            self.resizeColumnToContents(column)
        first_ok = next(
            (self.topLevelItem(i) for i in range(self.topLevelItemCount())
             if self.topLevelItem(i).flags() & Qt.ItemFlag.ItemIsEnabled),
            None,
        )
        self.setCurrentItem(first_ok)

    def selected_path(self) -> Path | None:
        item = self.currentItem()
        return Path(item.data(0, PathRole)) if item is not None and item.isSelected() else None


class BackupsDialog(QDialog):
    def __init__(self, backups, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.data_dir = Path(backups.data_dir)
        self._backups = backups
        self.restored: Path | None = None  # the backup restored, if any

        hint = self.tr(
            "Backups are made automatically while you work (at most once an hour) and before "
            "every catalog upgrade. Restoring one keeps the current catalog beside it as "
            "catalog.sqlite3.replaced-<date>."
        )
        self.list = BackupList(self)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.backup_button = QPushButton(self.tr("&Back up now"), self)
        self.backup_button.setObjectName("backupNowButton")
        self.restore_button = QPushButton(self.tr("&Restore…"), self)
        self.restore_button.setObjectName("restoreBackupButton")
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        lay_out_list_dialog(self, hint, self.list, [self.backup_button, self.restore_button])
        self.resize(640, 360)
        self.refresh()

    def refresh(self) -> None:
        self.list.set_backups(self._backups.list())
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.list.selected_path() is not None)

    def back_up_now(self) -> None:
        try:
            self._backups.backup_now()
        except CatalogError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
        self.refresh()

    def restore_selected(self) -> None:
        path = self.list.selected_path()
        if path is None:
            return
        date = self.list.currentItem().text(0)
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr("Replace the catalog with the backup from %1?\n\nThe current catalog is kept "
                    "in the catalog folder as catalog.sqlite3.replaced-<date>.").replace("%1", date),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._backups.restore(path)
        except CatalogError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.restored = path
        QMessageBox.information(
            self, self.windowTitle(),
            self.tr("The backup from %1 was restored. The window now reloads the catalog.").replace("%1", date),
        )
        self.accept()


def show_backups_dialog(parent: QWidget | None, catalog) -> bool:
    """Show the backups of a folder catalog; True if one was restored.

    Flush pending edits (the notes editor) before calling, so the catalog set aside holds them.
    On True, the catalog was closed and its file replaced: rebuild the window over the same
    folder, e.g. ``window.catalogSwitchRequested.emit(window.catalog_dir, False)`` (the path
    Preferences uses to switch catalogs), so no model keeps rows of the old file.
    """
    dialog = BackupsDialog(catalog.backups, parent)
    dialog.exec()
    return dialog.restored is not None
