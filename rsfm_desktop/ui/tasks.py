"""One helper runs long work off the GUI thread, with a progress dialog that can be cancelled.

The work function gets a :class:`TaskContext` to report progress and check for cancellation; it
must not touch widgets. Its result (plain data) is handed to ``on_success`` on the GUI thread;
an exception goes to ``on_error``. Cancelling sets a flag the work checks between steps; the
work then raises :class:`Cancelled` (and rolls back its transaction), and ``on_cancel`` runs.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

SHOW_DIALOG_AFTER_MS = 300
# The GIL is handed to a thread asking for it after this long (Python's default: 5 ms). The GUI
# thread gives it up around most Qt calls and asks for it again at each call back into Python
# (every cell a table paints): while a worker runs Python (a search, an import) each of those
# waits could take 5 ms. A table repainted next to a busy Python thread: 48 ms at 5 ms, 20 ms at
# 1 ms (8 ms alone); the worker loses a little throughput to the more frequent switches.
GIL_SWITCH_S = 0.001


def share_the_gil_finely() -> None:
    """Let the GUI thread wait at most :data:`GIL_SWITCH_S` for the GIL (once per process)."""
    if sys.getswitchinterval() > GIL_SWITCH_S:
        sys.setswitchinterval(GIL_SWITCH_S)


class Cancelled(Exception):
    """Raised inside a task when the user cancelled it."""


# Every context whose work has not ended, by the window (the top of its parent chain) it serves
_running: "weakref.WeakSet[TaskContext]" = weakref.WeakSet()


def _top(obj: QObject) -> QObject:
    while obj.parent() is not None:
        obj = obj.parent()
    return obj


class TaskContext:
    """What the work function may use: progress reports and the cancel flag (thread-safe)."""

    def __init__(self, signals: "_Signals"):
        self._signals = signals
        self._cancelled = threading.Event()
        self._started = False  # handed to the thread pool (on the GUI thread)
        self._ended = threading.Event()
        self.owner = _top(signals)
        _running.add(self)

    def progress(self, done: int, total: int) -> None:
        self._signals.progress.emit(done, total)

    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancelled.set()


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[TaskContext], Any], context: TaskContext, signals: _Signals):
        super().__init__()
        self._work, self._context, self._signals = work, context, signals

    def run(self) -> None:
        try:
            self._context.check()  # cancelled before a thread was free: the work never starts
            result = self._work(self._context)
        except Cancelled:
            self._emit(self._signals.cancelled)
        except Exception as exc:  # noqa: BLE001 (reported to the GUI thread)
            self._emit(self._signals.failed, exc, traceback.format_exc())
        else:
            self._emit(self._signals.finished, result)
        finally:
            self._context._ended.set()

    @staticmethod
    def _emit(signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the requester (a closed window) is gone: nobody to tell
            pass


def _start(work: Callable[[TaskContext], Any], context: TaskContext, signals: _Signals) -> None:
    context._started = True
    QThreadPool.globalInstance().start(_Runnable(work, context, signals))


def run_task(
    parent: QWidget,
    label: str,
    work: Callable[[TaskContext], Any],
    on_success: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    on_cancel: Callable[[], None] | None = None,
    show_after_ms: int = SHOW_DIALOG_AFTER_MS,
) -> TaskContext:
    """Start ``work`` on the thread pool; a modal progress dialog appears if it takes a while
    (after ``show_after_ms``)."""
    signals = _Signals(parent)
    context = TaskContext(signals)
    dialog = QProgressDialog(label, QCoreApplication.translate("Tasks", "Cancel"), 0, 0, parent)
    dialog.setObjectName("taskProgress")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    # Qt starts the show timer at its default 4 s and restarts it for the minimum duration only
    # once a value is set: without this a task that reports no progress shows no dialog for 4 s.
    dialog.setValue(0)
    dialog.setMinimumDuration(show_after_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(context.cancel)

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def finish(callback: Callable, *args) -> None:
        dialog.canceled.disconnect(context.cancel)
        dialog.close()
        dialog.deleteLater()
        signals.deleteLater()
        callback(*args)

    signals.progress.connect(on_progress)
    signals.finished.connect(lambda result: finish(on_success, result))
    signals.failed.connect(lambda exc, _tb: finish(on_error, exc))
    signals.cancelled.connect(lambda: finish(on_cancel or (lambda: None)))
    QTimer.singleShot(0, lambda: _start(work, context, signals))
    return context


def settle(owner: QObject | None = None, timeout_s: float = 10.0) -> bool:
    """Cancel the background work started for ``owner`` (a window; None: every window's) and
    wait up to ``timeout_s`` for what already runs to stop. A window closing calls it before its
    catalog closes: work left running used a closed catalog, and a worker thread still running
    Python as the process exited crashed it (a segmentation fault). Work that checks for
    cancellation stops at its next step and rolls back; the rest is waited for. False if some
    of it was still running at the deadline."""
    mine = [c for c in list(_running) if (owner is None or c.owner is owner) and not c._ended.is_set()]
    for context in mine:
        context.cancel()
    deadline = time.monotonic() + timeout_s
    for context in mine:
        if context._started and not context._ended.wait(max(0.0, deadline - time.monotonic())):
            return False
    return True


def run_silently(
    parent: QObject,
    work: Callable[[TaskContext], Any],
    on_success: Callable[[Any], None],
    on_error: Callable[[Exception], None],
) -> TaskContext:
    """Like :func:`run_task`, without a dialog: for work the user did not ask for (backups)."""
    signals = _Signals(parent)
    context = TaskContext(signals)

    def finish(callback: Callable, *args) -> None:
        signals.deleteLater()
        callback(*args)

    signals.finished.connect(lambda result: finish(on_success, result))
    signals.failed.connect(lambda exc, _tb: finish(on_error, exc))
    signals.cancelled.connect(lambda: finish(lambda: None))
    _start(work, context, signals)
    return context


class LatestOnly(QObject):
    """Runs one job at a time on a worker thread of its own. A job submitted while one runs
    waits, replacing (and dropping) any job already waiting, so a burst of submissions runs at
    most two jobs: the one running and the newest. Every job that ran hands its result to its
    own callback on the GUI thread, in submission order (its caller decides whether an answer
    already overtaken is still worth showing); :meth:`cancel` drops them all. For work that
    later input outdates: a search as the user types. Errors go to the job's ``on_error``."""

    _finished = Signal(int, object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        from concurrent.futures import ThreadPoolExecutor

        self._pool = pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rsfm-latest")
        self.destroyed.connect(lambda *_: pool.shutdown(wait=False, cancel_futures=True))
        self.generation = 0
        self._busy = False
        self._waiting: tuple[int, Callable[[], Any]] | None = None
        self._callbacks: dict[int, tuple[Callable, Callable]] = {}
        self._finished.connect(self._on_finished)

    def submit(self, work: Callable[[], Any], on_success: Callable[[Any], None],
               on_error: Callable[[Exception], None]) -> int:
        self.generation += 1
        self._callbacks[self.generation] = (on_success, on_error)
        job = (self.generation, work)
        if self._busy:
            if self._waiting is not None:  # never runs: the newest job replaces it
                self._callbacks.pop(self._waiting[0], None)
            self._waiting = job
        else:
            self._start(*job)
        return self.generation

    def cancel(self) -> None:
        """No result of a job submitted so far is handed over; a waiting job never runs."""
        self._waiting = None
        self._callbacks.clear()

    def busy(self) -> bool:
        return self._busy or self._waiting is not None

    def _start(self, generation: int, work: Callable[[], Any]) -> None:
        self._busy = True

        def run() -> None:
            try:
                result, error = work(), None
            except Exception as exc:  # noqa: BLE001 (handed to on_error on the GUI thread)
                result, error = None, exc
            try:
                self._finished.emit(generation, result, error)
            except RuntimeError:  # the owner is gone
                pass

        self._pool.submit(run)

    def _on_finished(self, generation: int, result, error) -> None:
        self._busy = False
        if self._waiting is not None:
            waiting, self._waiting = self._waiting, None
            self._start(*waiting)
        callbacks = self._callbacks.pop(generation, None)
        if callbacks is None:
            return  # outdated
        on_success, on_error = callbacks
        on_error(error) if error is not None else on_success(result)
