"""File > Restore from backup, and the start-up dialog for a damaged catalog."""

import sqlite3

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from rsfm_desktop.core import backup
from rsfm_desktop.core.errors import CatalogDamagedError
from rsfm_desktop.core.store import sqlite as db
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.ui.dialogs.backups_dialog import BackupsDialog, show_backups_dialog
from rsfm_desktop.ui.dialogs.recovery_dialog import RecoveryDialog, open_with_recovery


@pytest.fixture
def answer_yes(monkeypatch):
    """Confirmations answered Yes; information boxes collected instead of shown."""
    shown = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: shown.append(text))
    return shown


def first_paper(window):
    return window.catalog.entries.list_ids(Kind.PAPER)[0]


def rows(dialog):
    tree = dialog.list
    return [[tree.topLevelItem(i).text(c) for c in range(4)] for i in range(tree.topLevelItemCount())]


def test_lists_backups_newest_first_with_counts(qtbot, window):
    catalog = window.catalog
    catalog.backups.backup_now()
    catalog.notes.save(Kind.PAPER, first_paper(window), "a note")
    catalog.entries.delete(Kind.DATASET, [catalog.entries.list_ids(Kind.DATASET)[0]])
    catalog.backups.backup_now()

    dialog = BackupsDialog(catalog.backups, window)
    qtbot.addWidget(dialog)

    newest, oldest = rows(dialog)
    assert newest[1:] == ["4", "1", "1"] and oldest[1:] == ["4", "2", "0"]
    assert newest[0] >= oldest[0] and len(newest[0]) == len("2025-01-01 12:00:00")
    assert dialog.restore_button.isEnabled()  # the newest is selected


def test_back_up_now_adds_a_row(qtbot, window):
    dialog = BackupsDialog(window.catalog.backups, window)
    qtbot.addWidget(dialog)
    assert rows(dialog) == [] and not dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert len(rows(dialog)) == 1
    assert len(backup.backup_files(window.catalog_dir)) == 1


def test_restore_replaces_the_catalog_and_keeps_the_old_one(qtbot, window, make_window, answer_yes):
    paper = first_paper(window)
    window.catalog.notes.save(Kind.PAPER, paper, "before the accident")
    window.catalog.backups.backup_now()
    window.catalog.notes.save(Kind.PAPER, paper, "after the accident")
    dialog = BackupsDialog(window.catalog.backups, window)
    qtbot.addWidget(dialog)

    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    assert dialog.restored is not None and "restored" in answer_yes[0]
    [kept] = window.catalog_dir.glob("catalog.sqlite3.replaced-*[0-9]")
    with sqlite3.connect(kept) as conn:
        assert conn.execute("SELECT body FROM note").fetchall() == [("after the accident",)]
    conn.close()
    reopened = make_window()  # what the app does after a restore: a new window over the folder
    assert reopened.catalog.notes.text(Kind.PAPER, paper) == "before the accident"


def test_show_backups_dialog_says_whether_it_restored(qtbot, window, answer_yes):
    window.catalog.backups.backup_now()

    def click(button_name):
        dialog = QApplication.activeModalWidget()
        qtbot.mouseClick(dialog.findChild(type(dialog.restore_button), button_name), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert show_backups_dialog(window, window.catalog) is False
    QTimer.singleShot(0, lambda: click("restoreBackupButton"))
    assert show_backups_dialog(window, window.catalog) is True


def test_a_damaged_backup_is_shown_but_cannot_be_chosen(qtbot, window):
    bad = window.catalog_dir / "backups" / "catalog-20990101-000000.sqlite3"
    bad.parent.mkdir()
    bad.write_bytes(b"garbage" * 1000)
    dialog = BackupsDialog(window.catalog.backups, window)
    qtbot.addWidget(dialog)
    item = dialog.list.topLevelItem(0)
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "damaged" in item.text(4)
    assert not dialog.restore_button.isEnabled()


# ---- start-up recovery --------------------------------------------------------------------

@pytest.fixture
def damaged(window):
    """A catalog folder whose catalog is garbage, with one good backup made before."""
    folder = window.catalog_dir
    good = window.catalog.backups.backup_now()
    window.close()
    window.catalog.close()
    for side in ("-wal", "-shm"):
        (folder / f"catalog.sqlite3{side}").unlink(missing_ok=True)
    db.catalog_path(folder).write_bytes(b"\x00broken" * 2000)
    return folder, good


def open_window(make_window):
    return lambda: make_window()


def press(monkeypatch, button_name):
    """Run the recovery dialog by clicking one of its buttons (None: close it)."""
    def fake_exec(dialog):
        if button_name is None:
            dialog.reject()
        else:
            dialog.findChild(type(dialog.restore_button), button_name).click()
        return dialog.result()

    monkeypatch.setattr(RecoveryDialog, "exec", fake_exec)


def test_damaged_catalog_restores_the_latest_good_backup(monkeypatch, make_window, damaged):
    folder, _good = damaged
    press(monkeypatch, "restoreBackupButton")
    window = open_with_recovery(open_window(make_window))
    assert window is not None and window.catalog.entries.stats()["papers"] == 4
    [kept] = folder.glob("catalog.sqlite3.damaged-*")
    assert kept.read_bytes() == b"\x00broken" * 2000


def test_damaged_catalog_can_start_over_keeping_the_file(monkeypatch, make_window, damaged):
    folder, _good = damaged
    press(monkeypatch, "newCatalogButton")
    window = open_with_recovery(open_window(make_window))
    assert window is not None
    [kept] = folder.glob("catalog.sqlite3.damaged-*")
    assert kept.read_bytes() == b"\x00broken" * 2000


def test_quitting_the_recovery_dialog_changes_nothing(monkeypatch, make_window, damaged):
    folder, _good = damaged
    press(monkeypatch, None)
    assert open_with_recovery(open_window(make_window)) is None
    assert db.catalog_path(folder).read_bytes() == b"\x00broken" * 2000
    assert not list(folder.glob("catalog.sqlite3.damaged-*"))


def test_recovery_dialog_offers_the_newest_good_backup(qtbot, damaged):
    folder, good = damaged
    with pytest.raises(CatalogDamagedError) as caught:
        db.open_file(folder)
    dialog = RecoveryDialog(caught.value)
    qtbot.addWidget(dialog)
    assert dialog.list.selected_path() == good
    assert dialog.restore_button.isEnabled() and dialog.restore_button.isDefault()
