"""The background task helper: results, errors and cancellation reach the GUI thread."""

import threading
import time

from PySide6.QtWidgets import QWidget

from rsfm_desktop.ui.tasks import run_task


def test_work_runs_off_the_gui_thread_and_reports_success(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    gui_thread = threading.get_ident()
    results = []

    def work(ctx):
        for i in range(5):
            ctx.progress(i + 1, 5)
        return threading.get_ident()

    run_task(parent, "Working", work, results.append, lambda e: results.append(e))
    qtbot.waitUntil(lambda: bool(results), timeout=3000)
    assert results[0] != gui_thread


def test_errors_go_to_on_error(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors = []

    def work(ctx):
        raise ValueError("line 3: bad entry")

    run_task(parent, "Working", work, lambda r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=3000)
    assert str(errors[0]) == "line 3: bad entry"


def test_cancel_stops_the_work_and_calls_on_cancel(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    events = []
    steps = []

    def work(ctx):
        for i in range(500):
            ctx.check()
            steps.append(i)
            time.sleep(0.005)
        return "finished"

    context = run_task(parent, "Working", work, events.append, events.append, lambda: events.append("cancelled"))
    qtbot.waitUntil(lambda: len(steps) > 3, timeout=3000)
    context.cancel()
    qtbot.waitUntil(lambda: bool(events), timeout=3000)
    assert events == ["cancelled"] and len(steps) < 500


def test_a_task_that_reports_no_progress_shows_its_dialog_soon(qtbot):
    """Qt's own timer would show the dialog only after 4 s; a long step without progress
    reports (an upgrade's one statement) must still show its Cancel button promptly."""
    from PySide6.QtWidgets import QProgressDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()
    done = []
    run_task(parent, "Working", lambda ctx: release.wait(10), done.append, done.append, show_after_ms=200)
    started = time.monotonic()
    try:
        qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(QProgressDialog)), timeout=3000)
        assert time.monotonic() - started < 2.0
    finally:
        release.set()
    qtbot.waitUntil(lambda: bool(done), timeout=3000)


def test_closing_a_window_stops_its_background_work_before_its_catalog_closes(window):
    """Work still running when the window closed used the closed catalog afterwards, and a worker
    running Python as the process exited crashed it (a segmentation fault, CI stop 25)."""
    from rsfm_desktop.ui.tasks import run_silently

    running, steps_after_close = threading.Event(), []
    closed = threading.Event()

    def work(ctx):
        running.set()
        for _ in range(500):  # 5 s unless cancelled
            ctx.check()
            if closed.is_set():
                steps_after_close.append(1)
            window.catalog.entries.count(window.current_kind())
            time.sleep(0.01)

    run_silently(window, work, lambda _r: None, lambda _e: None)
    assert running.wait(5)
    started = time.monotonic()
    window.close()
    closed.set()
    time.sleep(0.05)
    assert not steps_after_close
    assert time.monotonic() - started < 2


def test_work_not_yet_started_when_its_window_settles_never_runs(qtbot):
    from rsfm_desktop.ui.tasks import settle

    parent = QWidget()
    qtbot.addWidget(parent)
    ran, cancelled = [], []
    run_task(parent, "Working", ran.append, ran.append, ran.append, on_cancel=lambda: cancelled.append(1))
    started = time.monotonic()
    assert settle(parent)  # the task is queued for the next event-loop turn: nothing to wait for
    assert time.monotonic() - started < 1
    qtbot.waitUntil(lambda: bool(cancelled), timeout=3000)
    assert not ran
