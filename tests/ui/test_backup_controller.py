"""Automatic backups from the window: due after changes, silent, kept as configured."""

import os
import time

from rsfm_desktop.core.backup import backup_files
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.ui.settings import BACKUPS_KEPT


def test_backup_runs_in_the_background_when_due_and_respects_the_setting(make_window, qtbot):
    window = make_window()
    controller = window.backup_controller
    window.settings.setValue(BACKUPS_KEPT.key, 2)
    assert controller.scheduler.due()  # a catalog with no backup yet
    assert controller.backup_if_due()
    qtbot.waitUntil(lambda: not controller._running, timeout=5000)
    assert len(backup_files(window.catalog_dir)) == 1
    assert "backed up" in window.statusBar().currentMessage()
    assert not controller.backup_if_due()  # nothing changed since, and not an hour old

    controller.scheduler.interval_s = 0  # pretend an hour has passed
    for n in range(3):
        window.catalog.notes.save(Kind.PAPER, window.tables[Kind.PAPER].catalog_model().ids()[0], f"v{n}")
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
        lambda parent, catalog: shown.append(catalog) or False,
    )
    window.detail.notes.editor.setPlainText("")
    window.actions[next(a for a in window.actions if a.name == "RESTORE_BACKUP")].trigger()
    assert shown == [window.catalog]


def test_damage_that_quick_check_misses_is_found_in_the_background_and_offers_backups(make_window, qtbot, monkeypatch):
    """An index that disagrees with its table passes the quick check at opening; the full
    integrity check the window runs after start finds it and offers the backups."""
    from PySide6.QtWidgets import QMessageBox

    from rsfm_desktop.core.store.sqlite import catalog_path
    from tests.support.damage import break_an_index, checks

    window = make_window()
    folder = window.catalog_dir
    window.close()
    window.catalog.close()
    break_an_index(catalog_path(folder))
    assert checks(catalog_path(folder))[0] == ["ok"]  # what the opening check sees
    warned, offered = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(text) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr("rsfm_desktop.ui.backup_controller.BackupController.show_backups",
                        lambda self: offered.append(True))
    make_window()
    qtbot.waitUntil(lambda: bool(offered), timeout=10000)
    assert "ix_paper_doi" in warned[0]
