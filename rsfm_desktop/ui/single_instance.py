"""One writer per catalog folder: a ``QLockFile`` on ``<folder>/catalog.lock``.

A second launch on the same folder asks the first, over a ``QLocalSocket``, to bring its window
to the front, and exits; if the first cannot be reached it explains and exits. A lock left by a
crashed process is recovered: Qt checks the PID written in the lock file, and we never treat a
lock as stale by age (``setStaleLockTime(0)``), since the app legitimately holds it for hours.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from ..paths import APP_ID, APP_NAME

LOCK_FILE = "catalog.lock"
_SHOW = b"show\n"
_TIMEOUT_MS = 1000


class CatalogLock(QObject):
    """The lock on one catalog folder, and the channel later launches use to reach us."""

    activationRequested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / LOCK_FILE
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)
        self._server = None  # QLocalServer, once listening

    def server_name(self) -> str:
        folder = os.path.normcase(str(self.data_dir.resolve()))
        return f"{APP_ID}-{hashlib.sha1(folder.encode()).hexdigest()[:16]}"

    def try_lock(self) -> bool:
        """Take the lock (recovering a stale one); on success, listen for later launches."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            return False
        if not self._lock.tryLock(100):
            return False
        QTimer.singleShot(0, self._listen)  # after the first paint: QtNetwork costs start-up time
        return True

    def is_locked(self) -> bool:
        return self._lock.isLocked()

    def held_elsewhere(self) -> bool:
        return self._lock.error() == QLockFile.LockError.LockFailedError

    def unlock(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _listen(self) -> None:
        from PySide6.QtNetwork import QLocalServer

        if not self._lock.isLocked():
            return
        name = self.server_name()
        QLocalServer.removeServer(name)  # a socket file left by a crash
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if self._server.listen(name):
            self._server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_message(self, socket) -> None:
        if bytes(socket.readAll().data()).startswith(_SHOW):
            self.activationRequested.emit()

    def ask_owner_to_show(self) -> bool:
        """Ask the process holding the lock to bring its window to the front."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.server_name())
        if not socket.waitForConnected(_TIMEOUT_MS):
            return False
        socket.write(_SHOW)
        sent = socket.waitForBytesWritten(_TIMEOUT_MS)
        socket.disconnectFromServer()
        return sent

    def refusal_message(self) -> str:
        if not self.held_elsewhere():
            return self.tr("Cannot create the lock file %1: is the catalog folder writable?").replace(
                "%1", str(self.path)
            )
        info = self._lock.getLockInfo()  # PySide6: (pid, hostname, appname)
        pid, host = (info[-3], info[-2]) if isinstance(info, tuple) and len(info) >= 3 else (0, "")
        owner = self.tr(" (process %1 on %2)").replace("%1", str(pid)).replace("%2", host) if pid else ""
        return self.tr(
            "RSFM Desktop is already open on the catalog in %1%2. Only one window may write to a "
            "catalog at a time: switch to it, or close it first.\n\nIf no RSFM Desktop is running "
            "(for instance the folder is shared with another computer that crashed), delete %3."
        ).replace("%1", str(self.data_dir)).replace("%2", owner).replace("%3", str(self.path))


def raise_main_window() -> None:
    """Bring the visible main window of this process to the front."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            if widget.isMinimized():
                widget.showNormal()
            widget.raise_()
            widget.activateWindow()
            return


def claim(data_dir: Path) -> tuple[CatalogLock | None, int]:
    """Lock ``data_dir`` for this process: (the lock, 0) to go on, or (None, exit code) after
    bringing the running instance to the front (0) or telling the user why not (1)."""
    lock = CatalogLock(data_dir, QApplication.instance())
    if lock.try_lock():
        lock.activationRequested.connect(raise_main_window)
        return lock, 0
    if lock.held_elsewhere() and lock.ask_owner_to_show():
        # A terminal user sees why nothing new opened (the window came up elsewhere).
        print(f"{APP_NAME} is already open on {data_dir}; brought it to the front", flush=True)
        return None, 0
    QMessageBox.warning(None, APP_NAME, lock.refusal_message())
    return None, 1
