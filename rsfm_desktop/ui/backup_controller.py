"""Automatic backups while the window is open, File → Restore from Backup, and the full
integrity check of the catalog after the window has appeared (every size: ``quick_check`` at
opening misses damage that ``integrity_check`` finds).

Every few minutes the window asks the core's BackupScheduler whether a backup is due (the
catalog changed and the newest backup is at least an hour old); if so, the online backup runs
on a worker thread and the status bar says when it is done. The number of backups kept is a
setting (Preferences).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from . import settings as cfg
from .actions import ActionId
from .dialogs.backups_dialog import show_backups_dialog
from .tasks import run_silently

CHECK_EVERY_MS = 5 * 60 * 1000


class BackupController(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.backups = window.catalog.backups
        self.scheduler = self.backups.scheduler(keep=cfg.get(window.settings, cfg.BACKUPS_KEPT))
        self._running = False
        window.actions[ActionId.RESTORE_BACKUP].triggered.connect(self.show_backups)
        self.timer = QTimer(self, interval=CHECK_EVERY_MS)
        self.timer.timeout.connect(self.backup_if_due)
        self.timer.start()
        self.check_integrity_later()
        # What a backup killed halfway left (this window holds the catalog: no backup of it is
        # being written elsewhere but a command line's, and that one's files are recent).
        run_silently(self, lambda _ctx: self.backups.remove_leftovers(), lambda _r: None, lambda _e: None)

    def check_integrity_later(self) -> bool:
        """Run the full integrity check off the GUI thread; offer the backups if it finds
        damage. True if a check was started."""
        run_silently(self, lambda _ctx: self.backups.integrity_problem(), self._checked, self._failed)
        return True

    def _checked(self, problem: str | None) -> None:
        if problem is None:
            return
        answer = QMessageBox.warning(
            self.window,
            self.tr("The catalog is damaged"),
            self.tr("The integrity check of the catalog found a problem (%1). Restore a backup "
                    "now? Until then, avoid editing: changes may not be saved.").replace("%1", problem),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.show_backups()

    def backup_if_due(self) -> bool:
        """Start a background backup if one is due; True if one was started."""
        if self._running or not self.scheduler.due():
            return False
        self._running = True
        self.scheduler.keep = cfg.get(self.window.settings, cfg.BACKUPS_KEPT)
        run_silently(self, lambda _ctx: self.backups.run_if_due(self.scheduler), self._done, self._failed)
        return True

    def _done(self, path) -> None:
        self._running = False
        if path is not None:
            self.window.statusBar().showMessage(self.tr("Catalog backed up."), 4000)

    def _failed(self, exc: Exception) -> None:
        self._running = False
        self.window.statusBar().showMessage(self.tr("Automatic backup failed: %1").replace("%1", str(exc)))

    def show_backups(self) -> None:
        self.window.detail.notes.flush()
        if show_backups_dialog(self.window, self.window.catalog):
            self.window.catalogSwitchRequested.emit(self.window.catalog_dir, False)


def install(window) -> BackupController:
    window.backup_controller = BackupController(window)
    return window.backup_controller
