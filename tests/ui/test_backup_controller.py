"""Automatic backups from the window: due after changes, silent, kept as configured."""

import os
import time

from rsfm_desktop.core.backup import backup_files
from rsfm_desktop.core.fields import Kind


def test_backup_runs_in_the_background_when_due_and_respects_the_setting(make_window, qtbot):
    window = make_window()
    controller = window.backup_controller
    window.settings.setValue("general/backups_kept", 2)
    assert controller.scheduler.due()  # a catalog with no backup yet
    assert controller.backup_if_due()
    qtbot.waitUntil(lambda: not controller._running, timeout=5000)
    assert len(backup_files(window.catalog_dir)) == 1
    assert "backed up" in window.statusBar().currentMessage()
    assert not controller.backup_if_due()  # nothing changed since, and not an hour old

    controller.scheduler.interval_s = 0  # pretend an hour has passed
    for n in range(3):
        window.service.save_note(Kind.PAPER, window.tables[Kind.PAPER].catalog_model().ids()[0], f"v{n}")
        later = time.time() + 2 + n
        os.utime(window.catalog_dir / "catalog.sqlite3", (later, later))
        assert controller.backup_if_due()
        qtbot.waitUntil(lambda: not controller._running, timeout=5000)
    assert len(backup_files(window.catalog_dir)) == 2  # only the last two are kept


def test_restore_from_backup_action_opens_the_dialog(make_window, monkeypatch):
    window = make_window()
    shown = []
    monkeypatch.setattr(
        "rsfm_desktop.ui.backup_controller.show_backups_dialog",
        lambda parent, service: shown.append(service) or False,
    )
    window.detail.notes.editor.setPlainText("")
    window.actions[next(a for a in window.actions if a.name == "RESTORE_BACKUP")].trigger()
    assert shown == [window.service]


def test_large_catalog_is_checked_in_the_background_and_damage_offers_backups(make_window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = make_window()
    controller = window.backup_controller
    assert not controller.check_integrity_later()  # small: checked before opening already
    monkeypatch.setattr("rsfm_desktop.ui.backup_controller.FULL_CHECK_AT_OPEN_MAX_BYTES", 0)
    monkeypatch.setattr("rsfm_desktop.ui.backup_controller.quick_check", lambda path: "page 7: btreeInitPage() error")
    warned, offered = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(text) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(controller, "show_backups", lambda: offered.append(True))
    assert controller.check_integrity_later()
    qtbot.waitUntil(lambda: bool(offered), timeout=5000)
    assert "page 7" in warned[0]
