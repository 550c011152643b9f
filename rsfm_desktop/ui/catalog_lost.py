"""When the open catalog file vanishes (its folder deleted, the file moved or replaced, the disk
unmounted): the window says so at once and for good, nothing claims "saved" any more (the
store refuses to write into a file that is gone), and the user is offered, before anything
else, to save the catalog to a new place. The still-open SQLite connection still reads the
vanished file, so the copy holds everything committed, and the notes typed since (kept in the
recovery journal meanwhile) are written into the copy. Closing the window offers it again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from ..core.catalog import open_catalog
from ..core.errors import CatalogError
from ..core.store.writes import Conflict


class CatalogLostController(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.saved_to: Path | None = None  # where the catalog was saved after it vanished
        self.banner = QLabel(window)
        self.banner.setObjectName("catalogLostLabel")
        self.banner.setStyleSheet("color: #c62828; font-weight: 600;")
        self.banner.hide()
        window.statusBar().addPermanentWidget(self.banner)
        window.catalogLost.connect(self.on_lost)

    def on_lost(self, message: str) -> None:
        self.banner.setText(self.tr("Catalog file missing: nothing is saved to it"))
        self.banner.setToolTip(message)
        self.banner.show()
        self.window.statusBar().showMessage(message)
        QTimer.singleShot(0, lambda: self.offer_copy(message))

    def offer_copy(self, message: str) -> Path | None:
        """Ask to save the catalog to a new place; returns where it was saved (None: not)."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("The catalog file is gone"), message,
                          parent=self.window)
        box.setInformativeText(self.tr(
            "The catalog is still open, and everything you type is kept in a recovery file. Save the "
            "catalog to a new place now to keep all of it, including what was saved since it vanished."))
        save = box.addButton(self.tr("Save the catalog to a new place…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        return self.save_copy() if box.clickedButton() is save else None

    def save_copy(self) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Save the catalog to a new place"),
                                                  str(Path.home()))
        if not folder:
            return None
        folder = Path(folder)
        try:
            self.window.catalog.backups.save_copy(folder)
        except CatalogError as exc:
            QMessageBox.warning(self.window, self.tr("Not saved"), str(exc))
            return None
        kept = self._write_unsaved_notes(folder)
        self.saved_to = folder
        self.banner.setText(self.tr("Catalog file missing: a copy was saved in %1").replace("%1", str(folder)))
        text = self.tr("The catalog was saved in %1.").replace("%1", str(folder))
        if kept:
            text += "\n\n" + self.tr("%1 notes could not be written into it; they stay in the recovery file.").replace(
                "%1", str(kept))
        answer = QMessageBox.question(self.window, self.tr("Catalog saved"), text + "\n\n" + self.tr("Open it now?"),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            self.window.catalogSwitchRequested.emit(folder, False)
        return folder

    def _write_unsaved_notes(self, folder: Path) -> int:
        """Write the notes the vanished catalog could not take into the copy; returns how many
        could not be written (they stay pending and in the recovery journal)."""
        notes = self.window.detail.notes
        pending = notes.unsaved()
        if not pending:
            return 0
        written = []
        copy = open_catalog(folder, seed=False)
        try:
            for (kind, entry_id), note in pending.items():
                try:
                    copy.notes.save(kind, entry_id, note.body, expected_version=note.version, base=note.base)
                except (CatalogError, Conflict):
                    continue
                written.append((kind, entry_id))
        finally:
            copy.close()
        notes.written_elsewhere(written)
        return len(pending) - len(written)

    def offer_before_close(self) -> bool:
        """Closing a window whose catalog vanished: offer the copy once more. True: close."""
        if self.saved_to is not None:
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("The catalog file is gone"),
                          self.tr("The catalog file vanished while it was open. Save the catalog to a new "
                                  "place before closing? Otherwise what was saved since it vanished is lost "
                                  "(typed notes stay in the recovery file)."), parent=self.window)
        save = box.addButton(self.tr("Save the catalog to a new place…"), QMessageBox.ButtonRole.AcceptRole)
        close = box.addButton(self.tr("Close without saving"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save)
        box.exec()
        if box.clickedButton() is save:
            return self.save_copy() is not None
        return box.clickedButton() is close


def install(window) -> CatalogLostController:
    window.catalog_lost_controller = CatalogLostController(window)
    return window.catalog_lost_controller
