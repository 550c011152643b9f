"""Faults a user meets with the window open: the catalog folder deleted, a full disk, a damaged
file, an export that cannot be written, a huge note. Nothing typed is lost, the window says what
happened in plain words, and it stays responsive."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from rsfm_desktop.core.catalog import open_catalog
from rsfm_desktop.core.fields import Kind

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
