"""Faults a user meets with the window open: the catalog folder deleted, a full disk, a damaged
file, an export that cannot be written, a huge note. Nothing typed is lost, the window says what
happened in plain words, and it stays responsive."""

from __future__ import annotations

import shutil
import time
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from rsfm_desktop.core.catalog import open_catalog
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store.sqlite import catalog_path
from rsfm_desktop.ui.dialogs.entry_dialog import EntryDialog

from tests.support.damage import damaged_copies, garble_text

from .conftest import type_text


def click_button(starting: str):
    """A QMessageBox.exec stand-in that clicks the button whose text starts with ``starting``
    (the boxes it saw are collected in ``.seen``)."""
    def exec_(box):
        exec_.seen.append((box.text(), box.informativeText()))
        next(b for b in box.buttons() if b.text().startswith(starting)).click()
        return 0

    exec_.seen = []
    return exec_


def test_deleting_the_catalog_folder_is_noticed_and_the_open_catalog_saved_elsewhere(window, qtbot, monkeypatch,
                                                                                     tmp_path):
    papers = window.tables[Kind.PAPER].catalog_model().ids()
    window.jump_to(Kind.PAPER, papers[0])
    notes = window.detail.notes
    type_text(qtbot, notes.editor, "saved before")
    assert notes.flush()
    saved_messages = []
    window.detail.notes.saved.connect(lambda *a: saved_messages.append(a))
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.exec", click_button("Later"))

    with qtbot.waitSignal(window.catalogLost, timeout=3000):
        shutil.rmtree(window.catalog_dir)  # the folder goes while the window runs
    banner = window.catalog_lost_controller.banner
    assert banner.isVisible() and "missing" in banner.text()
    qtbot.wait(50)

    type_text(qtbot, notes.editor, ", typed after it vanished")
    assert notes.flush() is False  # never written into the vanished file
    assert saved_messages == [] and "Saved" not in notes.status.text()
    window.jump_to(Kind.PAPER, papers[1])  # switching entries keeps the unsaved one pending
    type_text(qtbot, notes.editor, "a second note")
    qtbot.waitUntil(lambda: len(window.journal.read()) == 2, timeout=3000)  # the autosave's retry keeps it
    assert {n.note.body for n in window.journal.read()} == {"saved before, typed after it vanished", "a second note"}

    new_place = tmp_path / "rescued-catalog"
    new_place.mkdir()
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getExistingDirectory", lambda *a, **k: str(new_place))
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question", lambda *a, **k: QMessageBox.StandardButton.No)
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.exec", click_button("Save the catalog"))
    assert window.catalog_lost_controller.offer_copy("gone") == new_place

    copy = open_catalog(new_place, seed=False)
    try:
        assert copy.entries.count(Kind.PAPER) == len(papers)
        assert copy.notes.text(Kind.PAPER, papers[0]) == "saved before, typed after it vanished"
        assert copy.notes.text(Kind.PAPER, papers[1]) == "a second note"
    finally:
        copy.close()
    assert not notes.has_unsaved() and window.journal.read() == []
    window.close()  # nothing left to ask about
    assert window.isHidden()


def test_closing_after_the_catalog_vanished_offers_the_copy_first(window, qtbot, monkeypatch):
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.exec", click_button("Later"))
    with qtbot.waitSignal(window.catalogLost, timeout=3000):
        (window.catalog_dir / "catalog.sqlite3").rename(window.catalog_dir / "moved.sqlite3")
    qtbot.wait(50)  # the offer made at once: "Later"
    asked = click_button("Cancel")
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.exec", asked)
    window.close()
    assert not window.isHidden() and "Save the catalog" in asked.seen[0][0]
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.exec", click_button("Close without"))
    window.close()
    assert window.isHidden()


# ---- a full disk ------------------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path):
    """An 8 MB tmpfs mounted where ``make_window`` puts its catalog (root only); ``fill()`` leaves
    it without a free byte, ``free()`` gives the space back."""
    import os

    folder = tmp_path / "catalog"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)],
                                          capture_output=True).returncode != 0:
        pytest.skip("needs root and tmpfs to make a really full disk")

    class Disk:
        filler = folder / "filler"

        def fill(self):
            with open(self.filler, "wb", buffering=0) as handle:
                try:
                    while True:
                        handle.write(b"\0" * 4096)
                except OSError:
                    pass

        def free(self):
            self.filler.unlink(missing_ok=True)

    yield Disk()
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_a_note_typed_on_a_full_disk_is_kept_closing_asks_and_it_comes_back(small_disk, make_window, qtbot,
                                                                            monkeypatch):
    window = make_window()
    paper = window.tables[Kind.PAPER].catalog_model().ids()[0]
    window.jump_to(Kind.PAPER, paper)
    small_disk.fill()
    notes = window.detail.notes
    long_note = "遥感 remote sensing notes, typed on a full disk. " * 8000  # more than the -wal holds
    notes.editor.setPlainText(long_note)
    assert notes.flush() is False
    assert "disk is full" in notes.status.text() and "disk is full" in window.statusBar().currentMessage()
    asked = click_button("Quit and keep")
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.exec", asked)
    window.close()
    assert window.isHidden() and "could not be saved" in asked.seen[0][0]
    window.catalog.close()
    assert window.journal.read()[0].note.body == long_note  # nothing discarded

    small_disk.free()
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    again = make_window()  # the next start, with space again
    qtbot.waitUntil(lambda: again.catalog.notes.text(Kind.PAPER, paper) == long_note, timeout=5000)


def test_saving_the_edit_dialog_on_a_full_disk_says_so_and_keeps_the_input(small_disk, make_window, qtbot,
                                                                          warnings_shown):
    window = make_window()
    paper = window.tables[Kind.PAPER].catalog_model().ids()[0]
    before = window.catalog.entries.get(Kind.PAPER, paper)
    dialog = EntryDialog(window.catalog, Kind.PAPER, paper, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    remark = "A long remark typed while the disk was full. " * 8000
    dialog.set_value("remark", remark)
    dialog.set_value("venue", "CVPR 2099")
    small_disk.fill()
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted  # still open
    [(title, text)] = warnings_shown
    assert title == "Not saved" and "disk is full" in text and "still here" in text
    assert dialog.values()["remark"] == remark and dialog.values()["venue"] == "CVPR 2099"
    assert window.catalog.entries.get(Kind.PAPER, paper).venue == before.venue  # nothing half-written
    small_disk.free()
    dialog.accept()  # the same Save once there is space
    assert window.catalog.entries.get(Kind.PAPER, paper).remark == remark.strip()


# ---- a damaged catalog ------------------------------------------------------------------------

def bundled_catalog_in(folder, notes_every: int = 3):
    """The bundled catalog (some 70 papers) in ``folder``, with notes, in one checkpointed file."""
    catalog = open_catalog(folder)
    for paper in catalog.entries.sorted_ids(Kind.PAPER)[::notes_every]:
        catalog.notes.save(Kind.PAPER, paper, f"Note {paper}: reproduce the baseline. " * 8)
    catalog.close()


def browse_everything(window, qtbot):
    """What a user does: every row of both tabs (detail pane, note, tag chips), searches, sorts."""
    for kind in Kind:
        table = window.tables[kind]
        window.tabs.setCurrentWidget(table)
        for row in range(table.model().rowCount()):
            table.selectRow(row)
        qtbot.wait(1)
        for column in range(3):
            table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        for word in ("remote", "遥感", "baseline"):
            window.search_box.setText(word)
            window.apply_search()
        window.search_box.clear()
        window.apply_search()


def test_browsing_a_catalog_damaged_by_random_flips_raises_nothing(make_window, qtbot, tmp_path, warnings_shown):
    source = tmp_path / "source"
    bundled_catalog_in(source)
    [damaged] = damaged_copies(catalog_path(source), tmp_path / "copies", count=1)
    shutil.copytree(damaged, tmp_path / "catalog")
    window = make_window(catalog_file=None)  # quick_check passes: it opens
    browse_everything(window, qtbot)  # an exception in any slot or model call fails the test
    # (the background integrity check may find the damage too, and says so: warnings_shown)
    assert window.tables[Kind.PAPER].model().rowCount() > 60


def test_an_entry_with_unreadable_text_is_shown_marked_damaged(make_window, qtbot, tmp_path, warnings_shown):
    folder = tmp_path / "catalog"
    bundled_catalog_in(folder)
    catalog = open_catalog(folder, seed=False)
    victim = catalog.entries.sorted_ids(Kind.PAPER)[3]
    catalog.close()
    garble_text(catalog_path(folder), "paper", victim, "title")
    window = make_window(catalog_file=None)
    window.jump_to(Kind.PAPER, victim)
    detail = window.detail
    assert detail.damage.isVisible() and "damaged" in detail.damage.text() and "--rescue" in detail.damage.text()
    assert "\ufffd" in detail.title.text()
    window.tables[Kind.PAPER].selectRow(0 if window.tables[Kind.PAPER].current_id() != window.tables[Kind.PAPER]
                                        .catalog_model().entry_id(0) else 1)
    assert not detail.damage.isVisible()  # only the damaged entry is marked


# ---- an export that cannot be written ---------------------------------------------------------

@pytest.fixture
def unwritable_folder(tmp_path):
    """A folder nobody can write in: a read-only tmpfs for root (who ignores modes), else 0555."""
    import os

    folder = tmp_path / "locked"
    folder.mkdir()
    if os.geteuid() == 0:
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)],
                          capture_output=True).returncode != 0:
            pytest.skip("root without tmpfs: cannot make a folder root cannot write")
        yield folder, "the disk is read-only"
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
        return
    folder.chmod(0o555)
    yield folder, "you do not have permission to write in this folder"
    folder.chmod(0o755)


def test_an_export_to_an_unwritable_folder_names_the_chosen_file_in_plain_words(window, qtbot, monkeypatch,
                                                                               unwritable_folder, warnings_shown):
    from rsfm_desktop.core.io import Format
    from rsfm_desktop.ui.actions import ActionId

    folder, reason = unwritable_folder
    chosen = folder / "papers.csv"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(chosen), ""))
    window.actions[ActionId.EXPORT].trigger()
    dialog = window.io_controller.export_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.set_format(Format.CSV)
    dialog.accept()
    qtbot.waitUntil(lambda: bool(warnings_shown), timeout=5000)
    assert warnings_shown == [("Not exported", f"{chosen} could not be written: {reason}")]


# ---- text that changes direction ---------------------------------------------------------------

def test_direction_controls_in_a_title_are_shown_visibly_everywhere_it_appears(window, qtbot):
    from rsfm_desktop.ui.undo import command_text

    disguised = "Harmless survey \u202eFDP.exe\u202c and \u2066isolate\u2069"
    command = window.catalog.entries.create(Kind.PAPER, {"title": disguised, "code_url": "https://x.org/\u202egpj"})
    window.undo_stack.push_done(command)
    new_id = command.result
    window.jump_to(Kind.PAPER, new_id)
    table = window.tables[Kind.PAPER]
    cell = table.model().index(table.catalog_model().row_of(new_id), 0).data()
    shown = "Harmless survey ⟨U+202E⟩FDP.exe⟨U+202C⟩ and ⟨U+2066⟩isolate⟨U+2069⟩"
    assert cell == shown
    assert window.detail.title.text() == shown
    assert "x.org/⟨U+202E⟩gpj" in " ".join(label.text() for label in window.detail.findChildren(QLabel))
    assert command_text(command) == f"Add “{shown}”"  # the Edit ▸ Undo menu item
    assert dict(window.catalog.entries.titles_by_id(Kind.PAPER, [new_id]))[new_id] == shown  # messages, lists
    assert window.catalog.entries.get(Kind.PAPER, new_id).title == disguised  # stored as written


# ---- a huge note --------------------------------------------------------------------------------

HUGE_NOTE = ("## Reading notes\n\nSome *remote sensing* notes with a [link](https://example.org), `code` and "
             "遥感图像基础模型.\n\n- item one\n- item two\n\n") * 35_000  # 5 MB of UTF-8


def test_a_5_mb_note_loads_previews_and_saves_without_stalling_the_window(window, qtbot):
    from tests.support.stall import watching

    assert len(HUGE_NOTE.encode()) > 5_000_000
    paper, other = window.tables[Kind.PAPER].catalog_model().ids()[:2]
    window.catalog.notes.save(Kind.PAPER, paper, HUGE_NOTE)
    notes = window.detail.notes
    with watching() as opening:
        window.jump_to(Kind.PAPER, paper)
        qtbot.waitUntil(lambda: not notes.is_loading(), timeout=30_000)
        qtbot.waitUntil(lambda: notes.preview_cut, timeout=60_000)  # the preview, off the GUI thread
    assert notes.editor.toPlainText() == HUGE_NOTE and not notes.editor.isReadOnly()
    assert "Reading notes" in notes.preview.toPlainText()

    saved = []
    notes.saved.connect(lambda *entry: saved.append(time.monotonic()))
    with watching() as typing:
        notes.editor.moveCursor(notes.editor.textCursor().MoveOperation.End)
        qtbot.keyClicks(notes.editor, "the end")
        typed = time.monotonic()
        qtbot.waitUntil(lambda: bool(saved), timeout=30_000)
        window.jump_to(Kind.PAPER, other)  # switching away does not wait for anything
    assert window.catalog.notes.text(Kind.PAPER, paper) == HUGE_NOTE + "the end"
    assert notes._entry == (Kind.PAPER, other) and not notes.has_unsaved()
    # Seconds before (the preview alone blocked the window 7 s); a 2-core test machine shared
    # with other jobs measured 190-580 ms here, so the bound is loose: bench_latency.py reports
    # the figures.
    assert opening.longest_ms < 1500 and typing.longest_ms < 1500, (opening.longest_ms, typing.longest_ms)
    assert saved[0] - typed < 20


# ---- search off the GUI thread -------------------------------------------------------------------

def test_a_large_catalogs_search_is_answered_off_the_gui_thread_and_stale_answers_dropped(window, qtbot,
                                                                                       monkeypatch):
    from rsfm_desktop.ui.models import catalog_table_model

    monkeypatch.setattr(catalog_table_model, "BACKGROUND_SEARCH_ABOVE", 0)  # as at 100,000 papers
    model = window.tables[Kind.PAPER].catalog_model()
    repo = window.catalog.entries
    window.tables[Kind.PAPER].selectRow(0)
    kept = window.tables[Kind.PAPER].current_id()
    answered = []
    model.queryChanged.connect(lambda: answered.append(model.query.text))
    for text in ("r", "re", "rem", "remo"):  # faster than the answers come
        window.view.set_text(text)
    assert model.searching()  # nothing ran on the GUI thread: the rows are those of before
    qtbot.waitUntil(lambda: not model.searching(), timeout=5000)
    assert answered[-1] == "remo" and len(answered) <= 2  # outdated answers were dropped
    assert model.ids() == repo.keep_matching(Kind.PAPER, repo.sorted_ids(Kind.PAPER), "remo")
    assert window.count_label.text().startswith(f"{len(model.ids())} of")
    if kept in model.ids():
        assert window.tables[Kind.PAPER].current_id() == kept  # the selection is kept
