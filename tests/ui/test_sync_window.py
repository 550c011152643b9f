"""The window of a laptop catalog that syncs with the lab's PostgreSQL server (issue 12): it syncs
by itself, says how it stands in the status bar, shows conflicts side by side and resolves them
as undoable steps, shares a note only when asked, and tells when the server is away."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QRadioButton

from rsfm_desktop.core.catalog import open_catalog
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.sync import conflicts, sync
from rsfm_desktop.ui import settings as cfg
from rsfm_desktop.ui.actions import ActionId
from rsfm_desktop.ui.dialogs.conflicts_dialog import ConflictsDialog

from .conftest import FIXTURE_CATALOG

@pytest.fixture
def lab(lab_url, tmp_path):
    """The lab server's catalog and a second member's laptop catalog (Bo), synced once."""
    server = open_catalog(lab_url, catalog_file=FIXTURE_CATALOG, author="Bo")
    bo = open_catalog(tmp_path / "bo", catalog_file=FIXTURE_CATALOG, author="Bo")
    sync(bo, server)
    yield lab_url, server, bo
    bo.close()
    server.close()


def configure(settings_file, url: str, member: str = "Alice") -> None:
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    cfg.put(settings, cfg.SYNC_SERVER, url)
    cfg.put(settings, cfg.MEMBER_NAME, member)
    settings.sync()


def synced(qtbot, window, timeout=30000) -> None:
    controller = window.sync_controller
    qtbot.waitUntil(lambda: not controller.running and controller.last_sync is not None, timeout=timeout)


def sync_now(qtbot, window) -> None:
    controller = window.sync_controller
    before = controller.last_sync
    qtbot.waitUntil(lambda: not controller.running, timeout=30000)
    window.actions[ActionId.SYNC_NOW].trigger()
    qtbot.waitUntil(lambda: not controller.running and controller.last_sync != before, timeout=30000)


def geochat(catalog) -> int:
    return next(i for i, t in catalog.entries.titles_by_id(Kind.PAPER, catalog.entries.list_ids(Kind.PAPER))
                if t.startswith("GeoChat"))


def test_the_window_syncs_on_start_and_on_sync_now_and_says_so(lab, make_window, settings_file, qtbot):
    url, server, bo = lab
    configure(settings_file, url)
    window = make_window()
    synced(qtbot, window)
    status = window.sync_controller.status
    assert status.isVisible() and status.text() == "Synced just now"
    assert window.actions[ActionId.SYNC_NOW].isEnabled()
    paper = geochat(window.catalog)
    window.catalog.entries.update(Kind.PAPER, paper, {"venue": "CVPR 2024, as Alice read it"})
    sync_now(qtbot, window)
    uuid = window.catalog.entries.get(Kind.PAPER, paper).uuid
    on_server = server.entries.get(Kind.PAPER, server.entries.by_uuid(Kind.PAPER, uuid))
    assert (on_server.venue, on_server.modified_by) == ("CVPR 2024, as Alice read it", "Alice")
    # Bo's change arrives in the open window without anything being clicked but Sync Now.
    bo_paper = geochat(bo)
    bo.entries.update(Kind.PAPER, bo_paper, {"remark": "Bo's remark"})
    sync(bo, server)
    sync_now(qtbot, window)
    assert window.catalog.entries.get(Kind.PAPER, paper).remark == "Bo's remark"
    window.tables[Kind.PAPER].select_id(paper)
    qtbot.waitUntil(lambda: "last changed by Bo" in window.detail.provenance.text(), timeout=5000)


def test_a_conflict_shows_in_the_status_bar_and_resolves_in_the_dialog_undoably(lab, make_window, settings_file, qtbot):
    url, server, bo = lab
    configure(settings_file, url)
    window = make_window()
    synced(qtbot, window)
    paper = geochat(window.catalog)
    bo.entries.update(Kind.PAPER, geochat(bo), {"remark": "Bo's remark"})
    sync(bo, server)
    window.catalog.entries.update(Kind.PAPER, paper, {"remark": "Alice's remark"})
    sync_now(qtbot, window)
    assert window.sync_controller.status.text() == "1 conflict"
    assert window.actions[ActionId.SYNC_CONFLICTS].isEnabled()  # File > Sync Conflicts… opens them too
    assert window.catalog.entries.get(Kind.PAPER, paper).remark == "Alice's remark"  # nothing overwritten

    dialog = ConflictsDialog(window.catalog, window)
    dialog.commandDone.connect(window.undo_stack.push_done)
    qtbot.addWidget(dialog)
    [conflict] = dialog._shown
    assert dialog.findChild(QRadioButton, f"conflict{conflict.id}_mine").isChecked()  # until chosen otherwise
    assert dialog.findChild(QLabel, f"conflict{conflict.id}_mine_value").text() == "Alice's remark"
    assert dialog.findChild(QLabel, f"conflict{conflict.id}_theirs_value").text() == "Bo's remark"
    dialog.choose(conflict.id, "value", "Alice's and Bo's remark")
    qtbot.mouseClick(dialog.resolve_button, Qt.MouseButton.LeftButton)
    assert dialog.entries.count() == 0 and dialog.empty.isVisibleTo(dialog)
    assert window.catalog.entries.get(Kind.PAPER, paper).remark == "Alice's and Bo's remark"
    assert conflicts(window.catalog) == []
    dialog.close()

    window.undo_action.trigger()  # the conflict is back, with Alice's value in use
    assert window.catalog.entries.get(Kind.PAPER, paper).remark == "Alice's remark"
    assert [c.field for c in conflicts(window.catalog)] == ["remark"]
    window.redo_action.trigger()
    assert conflicts(window.catalog) == []
    sync_now(qtbot, window)
    assert window.sync_controller.status.text() == "Synced just now"
    assert not window.actions[ActionId.SYNC_CONFLICTS].isEnabled()
    sync(bo, server)
    assert bo.entries.get(Kind.PAPER, geochat(bo)).remark == "Alice's and Bo's remark"


def test_a_note_stays_personal_until_shared_and_a_shared_one_shows_its_author(lab, make_window, settings_file, qtbot):
    url, server, bo = lab
    configure(settings_file, url)
    window = make_window()
    synced(qtbot, window)
    paper = geochat(window.catalog)
    window.tables[Kind.PAPER].select_id(paper)
    notes = window.detail.notes
    assert notes.share.isVisible() and not notes.share.isChecked()
    qtbot.keyClicks(notes.editor, "Alice: check the grounding numbers")
    notes.flush()
    sync_now(qtbot, window)
    uuid = window.catalog.entries.get(Kind.PAPER, paper).uuid
    on_server = server.entries.by_uuid(Kind.PAPER, uuid)
    assert server.notes.get(Kind.PAPER, on_server).body == ""  # personal: it never left
    notes.share.click()
    assert window.catalog.notes.get(Kind.PAPER, paper).shared
    sync_now(qtbot, window)
    note = server.notes.get(Kind.PAPER, on_server)
    assert (note.body, note.author) == ("Alice: check the grounding numbers", "Alice")
    # Bo sees it with Alice's name on it.
    sync(bo, server)
    bo_note = bo.notes.get(Kind.PAPER, geochat(bo))
    assert (bo_note.body, bo_note.shared, bo_note.author) == ("Alice: check the grounding numbers", True, "Alice")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_with_the_server_away_the_status_bar_counts_the_changes_waiting(make_window, settings_file, qtbot):
    configure(settings_file, f"postgresql://nobody@127.0.0.1:{_free_port()}/lab")
    window = make_window()
    controller = window.sync_controller
    qtbot.waitUntil(lambda: controller.offline and not controller.running, timeout=30000)
    qtbot.waitUntil(lambda: controller.status.text().startswith("Offline"), timeout=5000)
    waiting = controller.waiting
    assert waiting > 0  # the bundled entries were never synced
    window.catalog.entries.create(Kind.PAPER, {"title": "Written on the train"})
    window.actions[ActionId.SYNC_NOW].trigger()
    qtbot.waitUntil(lambda: controller.waiting == waiting + 1, timeout=30000)
    assert controller.status.text() == f"Offline, {waiting + 1} changes waiting"


def test_preferences_keep_the_server_and_name_without_the_password(make_window, settings_file, qtbot):
    from rsfm_desktop.ui.dialogs.preferences_dialog import PreferencesDialog

    window = make_window()
    assert not window.actions[ActionId.SYNC_NOW].isEnabled()
    dialog = PreferencesDialog(window.settings, window.catalog, window)
    dialog.syncChanged.connect(window._sync_settings_changed)
    qtbot.addWidget(dialog)
    dialog.sync_server.setText("not a url")
    dialog.sync_server.editingFinished.emit()
    assert dialog.sync_problem.isVisibleTo(dialog) and cfg.get(window.settings, cfg.SYNC_SERVER) == ""
    dialog.sync_server.setText(f"postgresql://alice:secret@127.0.0.1:{_free_port()}/lab")
    dialog.member.setText("  Alice   Li ")
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closing keeps what was typed
    assert not dialog.isVisible()
    stored = cfg.get(window.settings, cfg.SYNC_SERVER)
    assert stored.startswith("postgresql://alice@127.0.0.1") and "secret" not in stored
    assert cfg.get(window.settings, cfg.MEMBER_NAME) == "Alice Li"
    assert window.catalog.author == "Alice Li"
    assert window.actions[ActionId.SYNC_NOW].isEnabled()
    window.settings.sync()  # what the next start reads
    text = settings_file.read_text(encoding="utf-8")
    assert "alice@127.0.0.1" in text and "secret" not in text


def test_resolving_one_entry_shows_the_next_entrys_conflicts(lab, make_window, settings_file, qtbot):
    url, server, bo = lab
    configure(settings_file, url)
    window = make_window()
    synced(qtbot, window)
    titles = ["GeoChat", "RSGPT"]
    mine = {t: next(i for i, x in window.catalog.entries.titles_by_id(
        Kind.PAPER, window.catalog.entries.list_ids(Kind.PAPER)) if x.startswith(t)) for t in titles}
    theirs = {t: next(i for i, x in bo.entries.titles_by_id(Kind.PAPER, bo.entries.list_ids(Kind.PAPER))
                      if x.startswith(t)) for t in titles}
    for t in titles:
        bo.entries.update(Kind.PAPER, theirs[t], {"remark": f"Bo on {t}"})
    sync(bo, server)
    for t in titles:
        window.catalog.entries.update(Kind.PAPER, mine[t], {"remark": f"Alice on {t}"})
    sync_now(qtbot, window)
    dialog = ConflictsDialog(window.catalog, window)
    qtbot.addWidget(dialog)
    assert dialog.entries.count() == 2
    first = dialog._shown[0].id
    qtbot.mouseClick(dialog.resolve_button, Qt.MouseButton.LeftButton)
    assert dialog.entries.count() == 1
    [shown] = dialog._shown
    assert shown.id != first  # the other entry, not the one just resolved
    value = dialog.findChild(QLabel, f"conflict{shown.id}_mine_value")
    assert value is not None and value.isVisibleTo(dialog) and value.text().startswith("Alice on ")
    dialog.close()
