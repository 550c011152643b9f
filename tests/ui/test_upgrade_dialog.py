"""Opening an older catalog: the upgrade runs off the GUI thread with a progress dialog, the
window appears afterwards with every entry, and Cancel leaves the catalog as it was."""

import time

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton

from rsfm_desktop.app import create_main_window
from rsfm_desktop.core import migrations
from rsfm_desktop.core.errors import UpgradeCancelled
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store.sqlite import catalog_path
from tests.unit.migration_helpers import add_slow_revision, build_catalog, revision_at, rows, user_tables

OLD = "0006"


def _visible(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


class Heartbeat:
    """The GUI thread's event loop, timed: the longest gap between 20 ms ticks."""

    def __init__(self):
        self.last, self.longest = time.monotonic(), 0.0
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self):
        now = time.monotonic()
        self.longest = max(self.longest, now - self.last)
        self.last = now


def test_an_older_catalog_is_upgraded_then_the_window_shows_it(qtbot, tmp_path):
    folder = build_catalog(tmp_path / "catalog", OLD)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    window = create_main_window(folder, settings)
    qtbot.addWidget(window)

    assert revision_at(folder) == migrations.HEAD
    model = window.tables[next(iter(window.tables))].model()
    assert model.row_of(1) is not None and model.row_of(2) is None  # RemoteCLIP; GeoChat is in the trash
    assert window.catalog.notes.text(Kind.PAPER, 1) == "# Notes\n读过 **twice**\n"



def test_cancel_in_the_progress_dialog_stops_the_upgrade_and_changes_nothing(qtbot, tmp_path, monkeypatch):
    folder = build_catalog(tmp_path / "catalog", OLD)
    before = rows(folder, user_tables(folder))
    add_slow_revision(tmp_path, monkeypatch)  # this upgrade runs until it is cancelled
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    seen = {}
    beat = Heartbeat()

    def press_cancel():
        dialogs = _visible(QProgressDialog)
        if not dialogs:
            QTimer.singleShot(50, press_cancel)
            return
        seen["label"] = dialogs[0].labelText()
        seen["at"] = time.monotonic()
        dialogs[0].findChild(QPushButton).click()  # the dialog's Cancel button
        QTimer.singleShot(50, close_message)

    def close_message():
        boxes = _visible(QMessageBox)
        if not boxes:
            QTimer.singleShot(50, close_message)
            return
        seen["message"] = boxes[0].text()
        boxes[0].accept()

    started = time.monotonic()
    QTimer.singleShot(1500, press_cancel)
    with pytest.raises(UpgradeCancelled):
        create_main_window(folder, settings)

    assert "Upgrading the catalog" in seen["label"]
    assert "not changed" in seen["message"]
    assert time.monotonic() - seen["at"] < 10  # the running statement was interrupted
    assert revision_at(folder) == OLD and rows(folder, set(before)) == before
    # the window's event loop kept running: the progress dialog painted and took the click
    assert beat.longest < 1.0, f"the GUI thread stalled {beat.longest:.2f} s during the upgrade"
    # still running when cancelled (a coarse Qt timer may fire up to 5 % early)
    assert time.monotonic() - started > 1.4 and catalog_path(folder).exists()
