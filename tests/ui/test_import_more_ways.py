"""More ways into an import, all through the preview: files dropped on the window, Edit ▸
Paste as Entries, a second reading in another encoding; and what the preview tells: the
encoding used, the warnings with their lines, "add anyway" for every duplicate; progress at
once and Cancel heard at once while a large file is read."""

import tempfile
import time
from pathlib import Path

import pytest

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io import Status
from rsfm_desktop.ui.actions import ActionId

from .test_import_export_ui import GEOCHAT, click_import, infos, live_count, open_file, open_preview  # noqa: F401 (fixtures)


def _preview(qtbot, window):
    controller = window.io_controller
    qtbot.waitUntil(lambda: controller.preview is not None and controller.preview.isVisible(), timeout=10000)
    return controller.preview


def _spools() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("rsfm-import-*")}


def test_preview_names_the_encoding_and_lists_the_warnings_with_their_lines(qtbot, window, open_file, tmp_path):
    bib = tmp_path / "legacy.bib"
    bib.write_bytes("% Encoding: windows-1252\n@article{a, title={Über Gletscher}, year={2020}}\n"
                    "@article{b, year={2021}}\n@article{c, title={Café des images}, url={ftp://x}}\n".encode("cp1252"))
    preview = open_preview(qtbot, window, open_file, bib)
    assert preview.encoding_label.text() == "Read as Windows-1252."
    assert not preview.reread_button.isVisible()  # declared: nothing to ask
    shown = preview.warnings.toPlainText()
    assert preview.warnings.isVisible() and "2 warnings" in preview.warnings_label.text()
    assert f"{bib}, line 3: skipped: entry 'b' has no title" in shown
    assert "line 4: paper_url dropped" in shown
    assert [preview.model.index(r, 3).data() for r in range(preview.model.rowCount())] == \
        ["Über Gletscher", "Café des images"]


def test_a_guessed_encoding_asks_and_the_file_is_read_again(qtbot, window, open_file, tmp_path):
    bib = tmp_path / "guess.bib"
    bib.write_bytes("@article{k, title={Ødegaard}}\n".encode("cp1252"))
    before = _spools()
    preview = open_preview(qtbot, window, open_file, bib)
    assert "a guess" in preview.encoding_label.text()
    assert preview.encoding_combo.isVisible() and preview.reread_button.isVisible()
    preview.encoding_combo.setCurrentIndex(preview.encoding_combo.findData("cp1250"))
    qtbot.mouseClick(preview.reread_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.io_controller.preview is not preview
                    and window.io_controller.preview is not None, timeout=10000)
    again = _preview(qtbot, window)
    assert again.encoding_label.text() == "Read as Windows-1250."
    assert again.model.index(0, 3).data() == "Řdegaard"  # the byte read as Windows-1250 reads it
    again.reject()
    assert _spools() <= before  # both readings' spools are gone


def test_add_anyway_for_every_suspected_duplicate(qtbot, window, open_file, tmp_path):
    bib = tmp_path / "parts.bib"
    bib.write_text(f"@misc{{g, title={{{GEOCHAT}}}, eprint={{2311.15826}}, archivePrefix={{arXiv}}}}\n"
                   "@article{p1, title={Glacier Mapping from Space, Part I}, author={Doe, Jane}, year={2020}}\n"
                   "@article{p2, title={Glacier Mapping from Space, Part II}, author={Doe, Jane}, year={2020}}\n"
                   "@article{p3, title={Glacier mapping from space, part II}, author={Doe, J.}, year={2020}}\n",
                   encoding="utf-8")
    before = live_count(window)
    preview = open_preview(qtbot, window, open_file, bib)
    statuses = [e.status for e in preview.plan.entries]
    assert statuses[1:3] == [Status.NEW, Status.NEW]  # part I and part II are different papers
    assert statuses[0] is not Status.NEW and statuses[3] is not Status.NEW
    assert preview.decision_summary.text() == "Will add 2, merge 0, skip 2."
    qtbot.mouseClick(preview.add_all_button, Qt.MouseButton.LeftButton)
    assert preview.decision_summary.text() == "Will add 4, merge 0, skip 0."
    assert preview.model.index(0, 0).data() == "Add anyway"
    click_import(qtbot, preview)
    qtbot.waitUntil(lambda: live_count(window) == before + 4, timeout=10000)


def _drop(window, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(where.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_files_dropped_on_the_window_are_imported_one_after_another(qtbot, window, tmp_path):
    first, second, pdf = tmp_path / "one.bib", tmp_path / "two.ris", tmp_path / "paper.pdf"
    first.write_text("@article{a, title={A dropped study of dunes}, year={2020}}\n", encoding="utf-8")
    second.write_text("TY  - JOUR\nTI  - A dropped survey of ice\nPY  - 2021\nER  - \n", encoding="utf-8")
    pdf.write_bytes(b"%PDF-1.4\n")
    assert _drop(window, [pdf]) == (False, False)  # a PDF is for the detail pane, not an import
    before = live_count(window)
    assert _drop(window, [first, second]) == (True, True)
    preview = _preview(qtbot, window)
    assert preview.model.index(0, 3).data() == "A dropped study of dunes"
    click_import(qtbot, preview)
    qtbot.waitUntil(lambda: window.io_controller.preview is not preview
                    and window.io_controller.preview is not None, timeout=10000)
    preview = _preview(qtbot, window)
    assert preview.model.index(0, 3).data() == "A dropped survey of ice"
    click_import(qtbot, preview)
    # the rows can be drawn (from the change records) a moment before the step is pushed
    qtbot.waitUntil(lambda: live_count(window) == before + 2 and window.undo_stack.count() == 2, timeout=10000)
    assert window.undo_stack.count() == 2  # one undo step per file


@pytest.fixture
def clipboard():
    """The clipboard, emptied afterwards (later tests wait for text to appear in it)."""
    yield QApplication.clipboard()
    QApplication.clipboard().clear()


def test_paste_as_entries_turns_identifiers_into_entries_with_their_links(qtbot, window, clipboard):
    clipboard.setText("2311.15826\narXiv:2401.01234v2, doi:10.1109/TGRS.2024.3380000\n"
                                     "https://github.com/lab/glacier-net  not-an-id\n")
    before = live_count(window)
    action = window.actions[ActionId.PASTE_ENTRIES]
    assert action.shortcut().toString() == "Ctrl+Shift+V"
    action.trigger()
    preview = _preview(qtbot, window)
    titles = [preview.model.index(r, 3).data() for r in range(preview.model.rowCount())]
    assert titles == ["arXiv:2311.15826", "arXiv:2401.01234", "doi:10.1109/TGRS.2024.3380000",
                      "https://github.com/lab/glacier-net"]
    assert preview.plan.entries[0].status is not Status.NEW  # GeoChat is in the catalog already
    assert "line 3: skipped: 'not-an-id'" in preview.warnings.toPlainText()
    assert preview.encoding_label.text() == "Pasted text."
    click_import(qtbot, preview)
    qtbot.waitUntil(lambda: live_count(window) == before + 3, timeout=10000)
    entries = window.catalog.entries
    found = {t: i for i, t in entries.titles_by_id(Kind.PAPER, entries.list_ids(Kind.PAPER))}
    arxiv = entries.get(Kind.PAPER, found["arXiv:2401.01234"])
    assert (arxiv.arxiv_id, arxiv.paper_url, arxiv.pdf_url) == (
        "2401.01234", "https://arxiv.org/abs/2401.01234", "https://arxiv.org/pdf/2401.01234")
    doi = entries.get(Kind.PAPER, found["doi:10.1109/TGRS.2024.3380000"])
    assert (doi.doi, doi.paper_url) == ("10.1109/TGRS.2024.3380000", "https://doi.org/10.1109/TGRS.2024.3380000")
    assert entries.get(Kind.PAPER, found["https://github.com/lab/glacier-net"]).code_url == \
        "https://github.com/lab/glacier-net"


def test_reading_a_large_file_shows_progress_at_once_and_cancel_stops_it_at_once(qtbot, window, open_file,
                                                                                   tmp_path, infos):
    bib = tmp_path / "large.bib"
    with open(bib, "w", encoding="utf-8") as out:
        for i in range(150_000):
            out.write(f"@article{{k{i}, title={{Orbital study number {i}}}, year={{2020}}}}\n")
    before, spools = live_count(window), _spools()
    open_file[:] = [bib]
    started = time.monotonic()
    window.actions[ActionId.IMPORT].trigger()
    dialog = None

    def progress_shown():
        nonlocal dialog
        dialog = next((d for d in window.findChildren(QProgressDialog) if d.isVisible()), None)
        return dialog is not None

    qtbot.waitUntil(progress_shown, timeout=5000)
    shown_after = time.monotonic() - started
    assert dialog.minimumDuration() <= 200
    task = window.io_controller.task
    cancelled_at = time.monotonic()
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # its Cancel button
    qtbot.waitUntil(lambda: window.io_controller.task is None, timeout=5000)
    stopped_after = time.monotonic() - cancelled_at
    assert task.cancelled() and window.io_controller.preview is None
    assert "Import cancelled" in window.statusBar().currentMessage()
    assert live_count(window) == before and _spools() <= spools
    # Loose bounds for a busy test machine; the benchmark measures the real figures.
    assert shown_after < 2.0 and stopped_after < 1.0, (shown_after, stopped_after)



def test_a_paste_with_no_entry_says_why_and_writes_nothing(qtbot, window, clipboard, monkeypatch):
    warned = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning",
                        lambda parent, title, text, *a, **k: warned.append((title, text)))
    clipboard.setText("@article{a, year={2020}}\n@article{b, author={Doe, Jane}}\n")
    before = live_count(window)
    window.actions[ActionId.PASTE_ENTRIES].trigger()
    qtbot.waitUntil(lambda: bool(warned), timeout=10000)
    assert warned[0][0] == "Cannot import this file" and "no BibTeX entry has a title" in warned[0][1]
    assert window.io_controller.preview is None and live_count(window) == before
