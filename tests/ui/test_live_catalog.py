"""The window on a catalog others write to too: the command line, a second window, a busy lock.
What the user sees: outside changes appear by themselves, nothing typed is overwritten or lost,
undo keeps later work."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from rsfm_desktop.core.catalog import open_catalog
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store.sqlite import catalog_path
from rsfm_desktop.ui.dialogs.entry_dialog import EntryDialog

from .conftest import FIXTURE_CATALOG, type_text

BIB = """@inproceedings{kuckreja2024geochat,
  title = {GeoChat: Grounded Large Vision-Language Model for Remote Sensing},
  author = {Kuckreja, Kartik and Danish, Muhammad Sohail},
  booktitle = {CVPR}, year = {2024}, note = {Merged from the lab's BibTeX.}
}
@article{brandnew2025,
  title = {A Completely New Orbital Benchmark for Change Captioning},
  author = {Li, Ming}, journal = {TGRS}, year = {2025}
}
"""


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rsfm_desktop", *args], capture_output=True, text=True,
                          timeout=timeout)


def ids_shown(window, kind=Kind.PAPER) -> list[int]:
    return window.tables[kind].catalog_model().ids()


def paper_titled(window, start: str) -> int:
    return next(i for i, t in window.catalog.entries.titles_by_id(Kind.PAPER, ids_shown(window)) if t.startswith(start))


def test_a_command_line_import_shows_up_in_the_open_window_within_3_s_selection_kept(make_window, qtbot, tmp_path):
    window = make_window(catalog_file=None)  # the bundled catalog, as the command line has it
    table = window.tables[Kind.PAPER]
    table.selectRow(2)
    selected = table.current_id()
    before = len(ids_shown(window))
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    proc = cli("import", str(bib), "--data-dir", str(window.catalog_dir))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["added"] == 1
    started = time.monotonic()
    qtbot.waitUntil(lambda: len(ids_shown(window)) == before + 1, timeout=3000)
    seen_after = time.monotonic() - started
    assert seen_after < 3
    assert table.current_id() == selected  # the user's place is kept
    assert window.count_label.text().startswith(f"{before + 1}")


def test_undo_of_an_import_keeps_a_note_typed_after_it(window, qtbot, tmp_path, monkeypatch):
    geochat = paper_titled(window, "GeoChat")
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *a, **k: (str(bib), ""))
    window.io_controller.choose_import_file()
    qtbot.waitUntil(lambda: window.io_controller.preview is not None and window.io_controller.preview.isVisible(),
                    timeout=10000)
    window.io_controller.preview.accept()
    qtbot.waitUntil(lambda: window.undo_stack.canUndo(), timeout=10000)
    imported_note = window.catalog.notes.text(Kind.PAPER, geochat)
    assert "Merged from the lab" in imported_note
    window.jump_to(Kind.PAPER, geochat)
    editor = window.detail.notes.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    type_text(qtbot, editor, "My own thought, typed after the import.")
    window.detail.notes.flush()
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: "My own thought" in window.catalog.notes.text(Kind.PAPER, geochat), timeout=3000)
    after = window.catalog.notes.text(Kind.PAPER, geochat)
    assert "My own thought, typed after the import." in after  # later work kept
    assert "Merged from the lab" not in after  # the import's own part undone
    assert len([i for i in ids_shown(window) if window.catalog.entries.get(Kind.PAPER, i).title.startswith("A Completely New")]) == 0


def test_an_edit_from_a_stale_copy_merges_other_fields_and_asks_about_the_same_field(window, qtbot, monkeypatch):
    paper = paper_titled(window, "GeoChat")
    dialog = EntryDialog(window.catalog, Kind.PAPER, paper, parent=window)
    qtbot.addWidget(dialog)
    other = open_catalog(window.catalog_dir, catalog_file=FIXTURE_CATALOG)  # a second writer: another window, the command line
    try:
        other.entries.update(Kind.PAPER, paper, {"venue": "CVPR 2024 (oral)", "remark": "theirs"})
    finally:
        other.close()
    window.poll_changes()
    qtbot.waitUntil(lambda: not dialog.banner.isHidden(), timeout=3000)  # says so at once
    dialog.set_value("year", 2023)  # a field only this dialog changed
    dialog.set_value("remark", "mine")  # the same field: both values are shown
    shown = {}

    def fake_exec(self):
        shown.update(self._values)
        self.choose("remark", "mine")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr("rsfm_desktop.ui.dialogs.conflict_dialog.FieldConflictDialog.exec", fake_exec)
    dialog.accept()
    assert shown["remark"][1:] == ("mine", "theirs")
    entry = window.catalog.entries.get(Kind.PAPER, paper)
    assert (entry.year, entry.venue, entry.remark) == (2023, "CVPR 2024 (oral)", "mine")


def test_a_note_save_that_meets_a_busy_catalog_never_waits_and_is_retried(window, qtbot):
    paper = ids_shown(window)[0]
    window.jump_to(Kind.PAPER, paper)
    notes = window.detail.notes
    blocker = sqlite3.connect(catalog_path(window.catalog_dir), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        type_text(qtbot, notes.editor, "written while the catalog was busy")
        started = time.monotonic()
        assert notes.flush() is False
        assert time.monotonic() - started < 0.5  # the window does not wait on the lock
        assert "retry" in notes.status.text()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    qtbot.waitUntil(lambda: window.catalog.notes.text(Kind.PAPER, paper) == "written while the catalog was busy",
                    timeout=5000)


def test_the_autosave_after_typing_writes_the_note_off_the_windows_thread(window, qtbot):
    """Its commit can wait for a busy disk (0.1 to 0.8 s, ``bench_latency.py --only note``):
    the window goes on meanwhile, and the note is in the catalog, saved, once it is done."""
    import threading

    paper = ids_shown(window)[0]
    window.jump_to(Kind.PAPER, paper)
    notes = window.detail.notes
    catalog_notes = window.catalog.notes
    saved_on = []
    save = catalog_notes.save

    def recording_save(*args, **kwargs):  # the real save, and the thread it ran on
        saved_on.append(threading.current_thread())
        return save(*args, **kwargs)

    catalog_notes.save = recording_save
    journaled = []
    write_notes = window.journal.write_notes
    window.journal.write_notes = lambda pending: (journaled.append(dict(pending)), write_notes(pending))
    try:
        type_text(qtbot, notes.editor, "typed, then a pause")
        qtbot.waitUntil(lambda: catalog_notes.text(Kind.PAPER, paper) == "typed, then a pause", timeout=5000)
    finally:
        del catalog_notes.save
        del window.journal.write_notes
    assert saved_on and threading.main_thread() not in saved_on
    qtbot.waitUntil(lambda: notes.status.text() == "Saved")
    assert not notes.has_unsaved()
    notes._saver.drain()
    assert journaled == []  # no recovery journal (and its fsync) for a save that went through


def test_a_note_changed_in_another_window_is_never_overwritten(window, qtbot, monkeypatch):
    paper = ids_shown(window)[0]
    window.jump_to(Kind.PAPER, paper)
    notes = window.detail.notes
    type_text(qtbot, notes.editor, "mine")
    other = open_catalog(window.catalog_dir, catalog_file=FIXTURE_CATALOG)
    try:
        other.notes.save(Kind.PAPER, paper, "theirs")
    finally:
        other.close()
    assert notes.flush() is False
    assert notes.compare_button.isVisible()
    assert window.catalog.notes.text(Kind.PAPER, paper) == "theirs"  # not overwritten
    monkeypatch.setattr("rsfm_desktop.ui.dialogs.conflict_dialog.NoteConflictDialog.exec",
                        lambda self: self._choose("both") or QDialog.DialogCode.Accepted)
    notes.resolve_conflict()
    text = window.catalog.notes.text(Kind.PAPER, paper)
    assert "theirs" in text and "mine" in text


def test_a_note_that_cannot_be_saved_survives_closing_and_comes_back_on_the_next_start(make_window, qtbot, monkeypatch):
    window = make_window()
    paper = ids_shown(window)[0]
    window.jump_to(Kind.PAPER, paper)
    blocker = sqlite3.connect(catalog_path(window.catalog_dir), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # the catalog cannot be written (busy; a full disk alike)
    asked = []
    def quit_and_keep(box):
        asked.append(box.text())
        next(b for b in box.buttons() if b.text().startswith("Quit and keep")).click()

    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.exec", quit_and_keep)
    try:
        type_text(qtbot, window.detail.notes.editor, "typed while nothing could be saved")
        window.close()
        assert window.isHidden() and asked and "could not be saved" in asked[0]
        window.catalog.close()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert window.journal.read()[0].note.body == "typed while nothing could be saved"
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question",
                        lambda *a, **k: __import__("PySide6.QtWidgets").QtWidgets.QMessageBox.StandardButton.Yes)
    again = make_window()  # the next start
    qtbot.waitUntil(lambda: again.catalog.notes.text(Kind.PAPER, paper) == "typed while nothing could be saved",
                    timeout=5000)
    assert again.journal.read() == []


def test_the_old_trash_is_emptied_at_start_without_the_window_waiting_for_a_busy_catalog(make_window, qtbot):
    first = make_window()
    paper = ids_shown(first)[0]
    first.catalog.entries.delete(Kind.PAPER, [paper])
    first.close()
    first.catalog.close()
    blocker = sqlite3.connect(catalog_path(first.catalog_dir), isolation_level=None)
    blocker.execute("UPDATE paper SET deleted_at = '2020-01-01 00:00:00' WHERE id = ?", (paper,))  # trashed long ago
    blocker.execute("BEGIN IMMEDIATE")  # another program is writing as the window starts
    try:
        started = time.monotonic()
        window = make_window()  # the next start empties trash older than 30 days
        assert time.monotonic() - started < 3  # it waited the 5 s busy timeout on the GUI thread
        assert window.catalog.entries.trashed_before(Kind.PAPER, datetime(2021, 1, 1)) == [paper]  # not yet
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    qtbot.waitUntil(lambda: not window.catalog.entries.trashed_before(Kind.PAPER, datetime(2021, 1, 1)), timeout=8000)
