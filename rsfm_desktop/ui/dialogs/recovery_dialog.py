"""At start-up, a catalog that fails its integrity check: offer the latest good backup.

The damaged file is never deleted: restoring a backup, or starting a new catalog, first renames
it ``catalog.sqlite3.damaged-<date>`` in the catalog folder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPushButton, QVBoxLayout

from ...core import backup
from ...core.errors import CatalogDamagedError, CatalogError
from .backups_dialog import BackupList

T = TypeVar("T")

RESTORE, NEW = "restore", "new"


class RecoveryDialog(QDialog):
    def __init__(self, error: CatalogDamagedError, parent=None):
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(self.tr("The catalog is damaged"))
        self.error = error
        self.choice: str | None = None

        text = self.tr(
            "The catalog %1 cannot be read safely (%2).\n\n"
            "Restore a backup, or start a new catalog. Either way the damaged file is kept in "
            "the catalog folder as catalog.sqlite3.damaged-<date>, never deleted."
        ).replace("%1", str(error.path)).replace("%2", error.problem)
        message = QLabel(text, self)
        message.setWordWrap(True)
        self.list = BackupList(self)
        self.list.set_backups(error.backups)
        self.list.setVisible(bool(error.backups))
        none_label = QLabel(self.tr("No good backup was found."), self)
        none_label.setVisible(not error.backups)

        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(self.tr("&Restore selected backup"), self)
        self.restore_button.setObjectName("restoreBackupButton")
        self.restore_button.setEnabled(bool(error.backups))
        self.new_button = QPushButton(self.tr("Start a &new catalog"), self)
        self.new_button.setObjectName("newCatalogButton")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Quit"))
        self.restore_button.clicked.connect(lambda: self._choose(RESTORE))
        self.new_button.clicked.connect(lambda: self._choose(NEW))
        buttons.rejected.connect(self.reject)
        if error.backups:
            self.restore_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.list)
        layout.addWidget(none_label)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def _choose(self, choice: str) -> None:
        if choice == RESTORE and self.list.selected_path() is None:
            return
        self.choice = choice
        self.accept()

    def apply(self) -> bool:
        """Carry out the choice; True if the catalog can now be opened again."""
        data_dir = self.error.path.parent
        try:
            if self.choice == RESTORE:
                backup.restore(data_dir, self.list.selected_path(), reason="damaged")
            elif self.choice == NEW:
                backup.set_aside(data_dir, "damaged")
            else:
                return False
        except (CatalogError, OSError) as exc:
            QMessageBox.critical(self.parentWidget(), self.windowTitle(), str(exc))
            return False
        return True


def open_with_recovery(open_catalog: Callable[[], T], parent=None) -> T | None:
    """``open_catalog()``; if the catalog is damaged, ask what to do and try once more.

    Returns None when the user quits. Other :class:`CatalogError` pass through.
    """
    try:
        return open_catalog()
    except CatalogDamagedError as exc:
        dialog = RecoveryDialog(exc, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.apply():
            return None
    return open_catalog()
