"""Reading papers in the window: attaching files (button, File menu, drops on a row), the
attachments list and its states, the background full-text index with its pause, the search
scope and a hit's page and snippet, the reader (pages, zoom, find, opening at a hit's page),
and "Quote in note" with the page link in the note's preview."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QApplication

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.ui.actions import ActionId
from rsfm_desktop.ui.models.catalog_table_model import IdRole

from .test_main_window import _select_title as _paper


def _indexed(window, qtbot):
    runner = window.pdf_controller.runner
    qtbot.waitUntil(lambda: not runner.running and not runner._rescan.isActive()
                    and window.catalog.attachments.fulltext.pending() == [], timeout=20000)
    qtbot.wait(50)  # the last signals reach the window


def _attach(window, qtbot, monkeypatch, *paths):
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileNames",
                        lambda *a, **k: ([str(p) for p in paths], ""))
    qtbot.mouseClick(window.findChild(object, "attachButton"), Qt.MouseButton.LeftButton)


def _rows(window):
    tree = window.detail.attachments.tree
    return [[tree.topLevelItem(r).text(c) for c in range(4)] for r in range(tree.topLevelItemCount())]


def _drag(view, start: QPointF, end: QPointF):
    """A mouse drag on the reader's page, from and to points of the page (PDF points)."""
    viewport = view.viewport()
    a, b = view.from_page(start), view.from_page(end)
    left = Qt.MouseButton.LeftButton
    for kind, pos, buttons in ((QEvent.Type.MouseButtonPress, a, left), (QEvent.Type.MouseMove, b, left),
                               (QEvent.Type.MouseButtonRelease, b, Qt.MouseButton.NoButton)):
        event = QMouseEvent(kind, pos, viewport.mapToGlobal(pos), left, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, event)


@pytest.fixture
def pdfs(test_pdfs, tmp_path):
    return {name: shutil.copy(path, tmp_path / path.name) for name, path in test_pdfs.items()}


def test_attach_list_states_and_the_file_menu(window, qtbot, monkeypatch, pdfs):
    geochat = _paper(window, "GeoChat")
    _attach(window, qtbot, monkeypatch, pdfs["latin"], pdfs["encrypted"])
    _indexed(window, qtbot)
    assert _rows(window) == [["latin.pdf", "3", window.detail.attachments.tree.topLevelItem(0).text(2),
                              "linked, searchable"],
                             ["encrypted.pdf", "", window.detail.attachments.tree.topLevelItem(1).text(2),
                              "needs a password"]]
    assert window.findChild(object, "fulltextProblems").isVisible()  # "1 PDFs could not be read"
    pdfs["latin"].unlink()
    window.detail.attachments.refresh()
    assert _rows(window)[0][3] == "missing: Locate…"
    assert window.findChild(object, "locateButton").isEnabled()
    # the File menu attaches to the entry shown
    action = window.actions[ActionId.ATTACH]
    assert action in window.menuBar().actions()[0].menu().actions() and action.isEnabled()
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileNames", lambda *a, **k: ([str(pdfs["cjk"])], ""))
    action.trigger()
    assert [a.name for a in window.catalog.attachments.list(Kind.PAPER, geochat)][-1] == "遥感综述.pdf"
    # remove, then undo
    window.detail.attachments.select(window.catalog.attachments.list(Kind.PAPER, geochat)[0].id)
    qtbot.mouseClick(window.findChild(object, "removeAttachmentButton"), Qt.MouseButton.LeftButton)
    assert len(_rows(window)) == 2
    window.undo_action.trigger()
    assert len(_rows(window)) == 3


def test_a_file_dropped_on_a_row_is_attached_to_that_entry(window, qtbot, pdfs):
    table = window.tables[Kind.PAPER]
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data().startswith("RingMo"))
    ringmo = model.index(row, 0).data(IdRole)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(pdfs["cjk"]))])
    pos = QPointF(table.visualRect(model.index(row, 0)).center())
    for kind in (QEvent.Type.DragEnter, QEvent.Type.Drop):
        event = (QDropEvent(pos, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                            kind))
        QApplication.sendEvent(table.viewport(), event)
        assert event.isAccepted()
    assert [a.name for a in window.catalog.attachments.list(Kind.PAPER, ringmo)] == ["遥感综述.pdf"]
    assert window.detail.current() == (Kind.PAPER, ringmo)


def test_the_full_text_scope_finds_a_page_and_opens_the_reader_there(window, qtbot, monkeypatch, pdfs):
    geochat = _paper(window, "GeoChat")
    _attach(window, qtbot, monkeypatch, pdfs["latin"])
    _indexed(window, qtbot)
    model = window.tables[Kind.PAPER].catalog_model()
    window.search_box.setText("ablations")
    qtbot.waitUntil(lambda: window.view.text == "ablations")
    assert model.rowCount() == 0  # not in any field
    window.findChild(object, "searchScope").setCurrentIndex(1)
    assert model.ids() == [geochat]
    window.jump_to(Kind.PAPER, geochat)
    hits = window.findChild(object, "fulltextHits")
    assert hits.isVisible() and "p. 3" in hits.text() and "Page three: <b>ablations</b> A no break" in hits.text()
    attachment = window.catalog.attachments.list(Kind.PAPER, geochat)[0].id
    hits.linkActivated.emit(f"hit:{attachment}:3")
    reader = window.pdf_controller.readers[attachment]
    assert reader.isVisible() and reader.current_page() == 3
    assert reader.find_box.text() == "ablations"
    qtbot.waitUntil(lambda: reader.found() == 1)
    assert reader.current_page() == 3  # the hit's page stays shown
    reader.close()


def test_reader_pages_zoom_find_and_the_system_viewer(window, qtbot, monkeypatch, pdfs, opened_urls):
    geochat = _paper(window, "GeoChat")
    _attach(window, qtbot, monkeypatch, pdfs["latin"])
    attachment = window.catalog.attachments.list(Kind.PAPER, geochat)[0].id
    reader = window.pdf_controller.open_reader(attachment)
    qtbot.addWidget(reader)
    assert (reader.current_page(), reader.page_count()) == (1, 3)
    assert not reader.previous_action.isEnabled()
    reader.next_action.trigger()
    assert reader.current_page() == 2
    reader.page_box.setValue(3)
    assert reader.current_page() == 3 and not reader.next_action.isEnabled()
    zoom = reader.view.zoomFactor()
    reader.findChild(object, "readerZoomIn").trigger()
    assert reader.view.zoomFactor() == pytest.approx(zoom * 1.25)
    reader.findChild(object, "readerFitWidth").trigger()
    assert reader.view.zoomFactor() == pytest.approx(zoom)
    reader.find("GeoChat")
    qtbot.waitUntil(lambda: reader.found() == 1)
    assert reader.current_page() == 2 and reader.found_label.text() == "1 found"
    row = reader.results.item(0).text()  # the found word in view, on one line
    assert row.startswith("p. 2: ") and "GeoChat" in row and "\n" not in row and len(row) < 90, row
    reader.findChild(object, "readerExternal").trigger()
    assert opened_urls == [pdfs["latin"].as_uri()]
    assert window.pdf_controller.open_reader(attachment) is reader  # one window per file
    # a window of its own that belongs to the main window: Quit closes it too (a reader
    # without a parent kept the process running); Ctrl+W closes it
    assert reader.isWindow() and reader.parentWidget() is window
    close = next(a for a in reader.actions() if QKeySequence(QKeySequence.StandardKey.Close) in a.shortcuts())
    close.trigger()
    qtbot.waitUntil(lambda: attachment not in window.pdf_controller.readers)


def test_an_encrypted_pdf_says_it_needs_a_password(window, qtbot, monkeypatch, pdfs):
    geochat = _paper(window, "GeoChat")
    _attach(window, qtbot, monkeypatch, pdfs["encrypted"])
    reader = window.pdf_controller.open_reader(window.catalog.attachments.list(Kind.PAPER, geochat)[0].id)
    qtbot.addWidget(reader)
    assert reader.status_label.text() == "This PDF needs a password."
    reader.close()


def test_quote_in_note_appends_a_quote_with_its_page_link(window, qtbot, monkeypatch, pdfs):
    geochat = _paper(window, "GeoChat")
    window.detail.notes.editor.setPlainText("My notes")
    _attach(window, qtbot, monkeypatch, pdfs["latin"])
    info = window.catalog.attachments.list(Kind.PAPER, geochat)[0]
    window.detail.attachments.select(info.id)
    qtbot.mouseClick(window.findChild(object, "openAttachmentButton"), Qt.MouseButton.LeftButton)
    reader = window.pdf_controller.readers[info.id]
    qtbot.addWidget(reader)
    reader.go_to_page(2)
    quote = reader.findChild(object, "readerQuote")
    assert not quote.isEnabled()
    boxes = reader.view._char_boxes()
    line = [b for b in boxes if abs(b.center().y() - boxes[0].center().y()) < 3]
    _drag(reader.view, line[0].topLeft() - QPointF(4, 0), line[-1].bottomRight() + QPointF(30, 0))
    assert reader.view.selected_text().strip() == "Page two: zero-shot scene classification"
    assert quote.isEnabled()
    quote.trigger()
    expected = ("My notes\n\n> Page two: zero-shot scene classification\n\n"
                f"([p. 2](rsfm-pdf:{info.uuid}#page=2))\n")
    assert window.detail.notes.editor.toPlainText() == expected
    assert window.catalog.notes.text(Kind.PAPER, geochat) == expected  # saved at once
    window.detail.notes._update_preview()
    preview = window.detail.notes.preview
    assert f'href="rsfm-pdf:{info.uuid}#page=2"' in preview.toHtml()
    reader.go_to_page(1)
    preview.anchorClicked.emit(QUrl(f"rsfm-pdf:{info.uuid}#page=2"))
    assert reader.current_page() == 2  # the page link opens the reader at the quoted page
    reader.close()


def test_a_quote_reaches_the_note_of_an_entry_not_shown(window, qtbot, monkeypatch, pdfs):
    geochat = _paper(window, "GeoChat")
    _attach(window, qtbot, monkeypatch, pdfs["latin"])
    info = window.catalog.attachments.list(Kind.PAPER, geochat)[0]
    _paper(window, "RingMo")
    window.pdf_controller.quote(info.id, "Segmentation of buildings", 2)
    assert window.detail.current() == (Kind.PAPER, geochat)  # shown with its note
    assert window.catalog.notes.text(Kind.PAPER, geochat).startswith("> Segmentation of buildings\n\n([p. 2]")


def test_indexing_can_be_paused_and_goes_on(window, qtbot, monkeypatch, pdfs):
    runner = window.pdf_controller.runner
    pause = window.findChild(object, "fulltextPause")
    pause.setChecked(True)
    assert runner.paused
    _paper(window, "GeoChat")
    _attach(window, qtbot, monkeypatch, pdfs["latin"], pdfs["two_column"])
    qtbot.waitUntil(lambda: runner.running, timeout=5000)
    qtbot.wait(300)
    assert len(window.catalog.attachments.fulltext.pending()) == 2  # nothing read while paused
    assert "paused" in window.findChild(object, "fulltextProgress").text()
    pause.setChecked(False)
    _indexed(window, qtbot)
    assert not window.findChild(object, "fulltextProgress").isVisible()
