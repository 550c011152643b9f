"""Syncing the window's (folder) catalog with the lab server, off the GUI thread.

A sync runs when the window opens, every few minutes, shortly after local changes and on
File → Sync Now; never two at once; typing never waits for it (the sync writes in batches and
the window's own writes retry when they meet its lock). The status bar tells how it stands:
"Synced 2 min ago", "Offline, 14 changes waiting", "3 conflicts" (a click opens them). The lab
server and the member's name come from Preferences (settings ``sync/server``, ``sync/member``);
the password never goes into the settings (PGPASSWORD, ~/.pgpass or the keyring).

``install(window)`` is the only entry point (for folder catalogs; a window opened on the lab
server itself has nothing to sync).
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QPushButton

from ..core.catalog import open_catalog
from ..core.errors import CatalogError, CatalogOffline
from ..core.store.changes import ChangeSet
from ..core.sync import SyncCancelled, SyncReport, conflicts, sync
from ..core.sync.state import ORDER, dirty
from . import settings as cfg
from .actions import ActionId
from .change_bus import changes_of
from .tasks import run_silently

EVERY_MS = 5 * 60 * 1000  # while the window is open
AFTER_CHANGES_MS = 30 * 1000  # a local change is pushed this long after the last one


class SyncController(QObject):
    stateChanged = Signal(str)  # the status text
    progressed = Signal(int, int, str)  # done, total, "pull" or "push" (emitted on the sync thread)

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.catalog = window.catalog
        self.server = None  # the lab catalog, opened on the sync thread and kept
        self.running = False
        self.last_sync: float | None = None
        self.last_report: SyncReport | None = None
        self.offline = False
        self.waiting = 0
        self.open_conflicts = 0
        self._again = False
        self._closing = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._progress: tuple[int, int, str] | None = None
        self.progressed.connect(self._on_progress)
        self.status = QPushButton(window)
        self.status.setObjectName("syncStatus")
        self.status.setFlat(True)
        self.status.clicked.connect(self.show_conflicts)
        window.statusBar().addPermanentWidget(self.status)
        action = window.actions[ActionId.SYNC_NOW]
        action.triggered.connect(self.sync_now)
        window.actions[ActionId.SYNC_CONFLICTS].triggered.connect(self.show_conflicts)
        self.timer = QTimer(self, interval=EVERY_MS)
        self.timer.timeout.connect(self.sync_now)
        self.soon = QTimer(self, singleShot=True, interval=AFTER_CHANGES_MS)
        self.soon.timeout.connect(self.sync_now)
        self.clock = QTimer(self, interval=30_000)  # "synced N min ago" stays true
        self.clock.timeout.connect(self._show)
        changes_of(self.catalog).changed.connect(self._on_changes)
        self.configure()

    # ---- configuration --------------------------------------------------------------------

    @property
    def url(self) -> str:
        return cfg.get(self.window.settings, cfg.SYNC_SERVER)

    def configure(self) -> None:
        """(Re)read the lab server and member from the settings; sync now if there is one."""
        self.catalog.author = cfg.get(self.window.settings, cfg.MEMBER_NAME) or None
        if self.server is not None and getattr(self.server, "url", None) != self.url:
            self.server.close()
            self.server = None
        enabled = bool(self.url)
        self.window.actions[ActionId.SYNC_NOW].setEnabled(enabled)
        self.window.detail.notes.set_sharing_available(enabled)
        self.status.setVisible(enabled)
        if enabled:
            self.timer.start()
            self.clock.start()
            self.sync_now()
        else:
            self.timer.stop()
            self.clock.stop()

    # ---- running --------------------------------------------------------------------------

    def _on_changes(self, changes: ChangeSet) -> None:
        if self.url and not changes.external and not self.running:
            self.soon.start()

    def sync_now(self) -> None:
        if not self.url or self._closing.is_set():
            return
        if self.running:
            self._again = True
            return
        self.running = True
        self._progress = None
        self.soon.stop()
        self._show()
        url, catalog, author = self.url, self.catalog, self.catalog.author
        self._idle.clear()

        def work(_ctx):
            try:
                if self.server is None:
                    # The lab's catalog is what its members put there: never seeded from here.
                    self.server = open_catalog(url, author=author, seed=False)
                self.server.store.author = author
                return sync(catalog, self.server, progress=self.progressed.emit,
                            cancelled=self._closing.is_set)
            finally:
                self._idle.set()

        run_silently(self, work, self._done, self._failed)

    def _on_progress(self, done: int, total: int, what: str) -> None:
        self._progress = (done, total, what)
        self._show()

    def _done(self, report: SyncReport) -> None:
        self.running = False
        self.offline = False
        self.last_sync = time.time()
        self.last_report = report
        self.open_conflicts = len(report.conflicts)
        self.waiting = 0
        self._show()
        self._continue()
        if not self._again:  # changes made while it ran are sent shortly
            self._count_waiting(resync=True)

    def _failed(self, exc: Exception) -> None:
        self.running = False
        if isinstance(exc, SyncCancelled):
            return
        self.offline = isinstance(exc, (CatalogOffline, OSError)) or "connect" in str(exc).lower()
        if self.server is not None and self.offline:
            self.server.close()
            self.server = None
        if not self.offline:
            self.window.statusBar().showMessage(self.tr("Sync failed: %1").replace("%1", str(exc)), 10000)
        self._count_waiting()
        self._continue()

    def _continue(self) -> None:
        if self._again:
            self._again = False
            QTimer.singleShot(0, self.sync_now)

    def _count_waiting(self, resync: bool = False) -> None:
        catalog = self.catalog

        def work(_ctx):
            with catalog.store.read() as conn:
                return sum(len(dirty(conn, entity)) for entity in ORDER)

        def counted(n: int) -> None:
            self.waiting = n
            if resync and n > self.open_conflicts and not self._closing.is_set():
                self.soon.start()
            self._show()

        run_silently(self, work, counted, lambda _exc: self._show())

    # ---- showing --------------------------------------------------------------------------

    def status_text(self) -> str:
        if self.running:
            if self._progress and self._progress[1] >= 200:  # a long (first) sync says how far it is
                done, total, what = self._progress
                text = self.tr("Fetching from the lab… %1%") if what == "pull" else self.tr("Sending to the lab… %1%")
                return text.replace("%1", str(done * 100 // total))
            return self.tr("Syncing…")
        if self.open_conflicts:
            return (self.tr("1 conflict") if self.open_conflicts == 1
                    else self.tr("%1 conflicts").replace("%1", str(self.open_conflicts)))
        if self.offline:
            return self.tr("Offline, %1 changes waiting").replace("%1", str(self.waiting))
        if self.last_sync is None:
            return self.tr("Not synced yet")
        minutes = int((time.time() - self.last_sync) // 60)
        return self.tr("Synced just now") if minutes < 1 else self.tr("Synced %1 min ago").replace("%1", str(minutes))

    def _show(self) -> None:
        text = self.status_text()
        self.window.actions[ActionId.SYNC_CONFLICTS].setEnabled(self.open_conflicts > 0)
        self.status.setText(text)
        self.status.setToolTip(self.tr("Lab server: %1").replace("%1", self.url))
        self.stateChanged.emit(text)

    def show_conflicts(self) -> None:
        from .dialogs.conflicts_dialog import ConflictsDialog

        dialog = ConflictsDialog(self.catalog, self.window)
        dialog.commandDone.connect(self.window.undo_stack.push_done)
        dialog.exec()
        self.open_conflicts = len(conflicts(self.catalog))
        self._show()
        if dialog.resolved:
            self.sync_now()

    def close(self) -> None:
        """Stop syncing (a running sync stops at its next batch; what it committed stays)."""
        self._closing.set()
        for timer in (self.timer, self.soon, self.clock):
            timer.stop()
        self._idle.wait(10)
        if self.server is not None:
            try:
                self.server.close()
            except CatalogError:
                pass
            self.server = None


def install(window: QMainWindow) -> SyncController | None:
    if window.catalog.is_server:
        return None
    window.sync_controller = SyncController(window)
    return window.sync_controller
