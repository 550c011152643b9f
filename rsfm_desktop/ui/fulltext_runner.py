"""Indexing the attached PDFs in the background, one file at a time, while the window works.

A worker thread takes the pending files (``catalog.attachments.fulltext.pending()``), reads each
one and reports it to the GUI thread (Qt signals, queued). Pausing stops between pages (the file
being read stays pending and is read again from its start); nothing is kept but the catalog's
own record, so quitting midway and starting again resumes. New or changed attachments start a
new round. PDFium lets go of Python's lock while it reads, so the window stays responsive.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal

from ..core.fulltext.indexer import FileReport

RESCAN_MS = 400


class FulltextRunner(QObject):
    started = Signal(int)  # files to read this round
    fileDone = Signal(int, int, object)  # done, total, FileReport
    finished = Signal(int)  # files read this round
    pausedChanged = Signal(bool)
    failed = Signal(str)

    def __init__(self, catalog, parent=None):
        super().__init__(parent)
        self.catalog = catalog
        self.reports: dict[int, FileReport] = {}
        self._go = threading.Event()
        self._go.set()
        self._stop = threading.Event()
        self._again = threading.Event()
        self._thread: threading.Thread | None = None
        self._rescan = QTimer(self, singleShot=True, interval=RESCAN_MS)
        self._rescan.timeout.connect(self.start)
        self.total = self.done = 0

    # ---- control (GUI thread) ------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def paused(self) -> bool:
        return not self._go.is_set()

    def start(self) -> None:
        """Read every pending file (a round already running picks up new ones when it ends)."""
        if self._stop.is_set():
            return
        if self.running:
            self._again.set()
            return
        self._thread = threading.Thread(target=self._work, name="fulltext-index", daemon=True)
        self._thread.start()

    def rescan_soon(self) -> None:
        self._rescan.start()

    def pause(self, paused: bool = True) -> None:
        if paused == self.paused:
            return
        self._go.clear() if paused else self._go.set()
        self.pausedChanged.emit(paused)

    def stop(self, wait_s: float = 5.0) -> None:
        """End for good (the window closes): the file being read is left pending."""
        self._stop.set()
        self._go.set()
        self._rescan.stop()
        if self._thread is not None:
            self._thread.join(wait_s)

    def wait(self, timeout_s: float = 60.0) -> bool:
        """Block until the current round ends (tests, benchmarks)."""
        if self._thread is not None:
            self._thread.join(timeout_s)
        return not self.running

    # ---- the worker thread -----------------------------------------------------------------

    def _cancelled(self) -> bool:
        return self._stop.is_set() or not self._go.is_set() or self.catalog.store.closed

    def _emit(self, signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the window went away
            self._stop.set()

    def _work(self) -> None:
        fulltext = self.catalog.attachments.fulltext
        read = 0
        try:
            while not self._stop.is_set():
                self._again.clear()
                todo = fulltext.pending()
                if not todo:
                    break
                self.total, self.done = len(todo), 0
                self._emit(self.started, len(todo))
                for attachment_id in todo:
                    self._go.wait()
                    if self._stop.is_set() or self.catalog.store.closed:
                        return
                    report = fulltext.index(attachment_id, self._cancelled)
                    if report is None:  # paused or stopped midway: read again later
                        if self._stop.is_set():
                            return
                        self._go.wait()
                        report = fulltext.index(attachment_id, self._cancelled)
                    self.done += 1
                    if report is not None:
                        read += 1
                        self.reports[attachment_id] = report
                    self._emit(self.fileDone, self.done, self.total, report)
                if not self._again.is_set():
                    break
        except Exception as exc:  # noqa: BLE001 (a catalog gone or broken: say so, stop)
            if not self.catalog.store.closed:
                self._emit(self.failed, str(exc))
        finally:
            self._emit(self.finished, read)
