"""End-to-end tests of the real main window over a temporary catalog folder."""

import sqlite3

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
)

from rsfm_desktop.core.store.sqlite import catalog_path
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.ui.models.catalog_table_model import IdRole
from rsfm_desktop.ui import settings as cfg

from .conftest import type_text


def _column(table, key):
    return [c.key for c in table.catalog_model().columns].index(key)


def _select_title(window, text):
    table = window.tables[Kind.PAPER]
    model = table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data().startswith(text):
            table.selectRow(row)
            return model.index(row, 0).data(IdRole)
    raise AssertionError(f"no paper titled {text!r}")


def test_window_shows_catalog_with_named_widgets(window):
    for name in ("paperTable", "datasetTable", "searchBox", "detailPane", "summaryZhView",
                 "summaryEnView", "notesEditor", "openPaperButton", "openPdfButton",
                 "openCodeButton", "openProjectButton"):
        assert window.findChild(object, name) is not None, name
    table = window.findChild(QTableView, "paperTable")
    header = table.horizontalHeader()
    shown = [table.model().headerData(header.logicalIndex(v), Qt.Orientation.Horizontal)
             for v in range(header.count()) if not header.isSectionHidden(header.logicalIndex(v))]
    assert shown == ["Title", "Authors", "Year", "Venue", "Model family", "Task", "Code"]
    every = [table.model().headerData(i, Qt.Orientation.Horizontal) for i in range(table.model().columnCount())]
    assert every.count("Model family") == 1 and every.count("Task") == 1  # one column per concept
    assert not {"Family", "Tasks"} & set(every)
    assert table.model().rowCount() == 4
    assert "4 papers" in window.count_label.text()


def _click_header(qtbot, table, section):
    header = table.horizontalHeader()
    pos = QPoint(header.sectionViewportPosition(section) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_header_click_sorts_then_reverses(window, qtbot):
    table = window.tables[Kind.PAPER]
    year = _column(table, "year")
    _click_header(qtbot, table, year)
    assert [table.model().index(r, year).data() for r in range(4)] == ["2023", "2024", "2024", None]
    _click_header(qtbot, table, year)
    assert [table.model().index(r, year).data() for r in range(4)] == ["2024", "2024", "2023", None]


def test_ctrl_f_focuses_search_and_chinese_search_filters(window, qtbot):
    qtbot.keySequence(window, QKeySequence(QKeySequence.StandardKey.Find))
    box = window.findChild(QLineEdit, "searchBox")
    assert box.hasFocus()
    type_text(qtbot, box, "遥感")
    table = window.tables[Kind.PAPER]
    qtbot.waitUntil(lambda: table.model().rowCount() == 2, timeout=2000)
    assert "2 of 4 papers" in window.count_label.text()
    box.clear()
    qtbot.keyClicks(box, "CLIP")
    qtbot.waitUntil(lambda: table.model().rowCount() == 1, timeout=2000)
    assert table.model().index(0, 0).data().startswith("RemoteCLIP")


def test_detail_pane_shows_both_summaries_with_missing_marker(window):
    _select_title(window, "GeoChat")
    zh = window.findChild(QLabel, "summaryZhView")
    en = window.findChild(QLabel, "summaryEnView")
    assert "LLaVA" in zh.text()
    assert en.text() == ""
    assert window.detail.summary_en.missing.isVisibleTo(window)
    assert not window.detail.summary_zh.missing.isVisibleTo(window)
    assert window.detail.title.text().startswith("GeoChat")
    assert "000.txt" in window.detail.provenance.text()


def test_note_autosaves_and_survives_restart(make_window, qtbot, tmp_path):
    window = make_window()
    paper_id = _select_title(window, "RSGPT")
    editor = window.findChild(QPlainTextEdit, "notesEditor")
    type_text(qtbot, editor, "读后感: compare with GeoChat")

    def stored():
        with sqlite3.connect(catalog_path(tmp_path / "catalog")) as conn:
            row = conn.execute("SELECT body FROM note WHERE paper_id=?", (paper_id,)).fetchone()
        return row[0] if row else None

    # Saved within about a second of the last keystroke, with no other action (crash-safe).
    qtbot.waitUntil(lambda: stored() == "读后感: compare with GeoChat", timeout=2000)
    qtbot.keyClicks(editor, " and RSICap")
    window.close()  # closing saves at once
    assert stored() == "读后感: compare with GeoChat and RSICap"

    reopened = make_window()
    _select_title(reopened, "RSGPT")
    assert reopened.findChild(QPlainTextEdit, "notesEditor").toPlainText().endswith("and RSICap")
    assert "RSICap" in reopened.detail.notes.preview.toPlainText()


def test_switching_rows_saves_note_immediately(window, qtbot):
    _select_title(window, "RSGPT")
    editor = window.findChild(QPlainTextEdit, "notesEditor")
    editor.setPlainText("quick thought")
    _select_title(window, "GeoChat")  # before the autosave timer fires
    assert editor.toPlainText() == ""
    rsgpt = _select_title(window, "RSGPT")
    assert window.catalog.notes.text(Kind.PAPER, rsgpt) == "quick thought"
    assert editor.toPlainText() == "quick thought"


def test_link_buttons_open_urls_and_disable_when_missing(window, qtbot, opened_urls):
    _select_title(window, "GeoChat")
    code = window.findChild(object, "openCodeButton")
    project = window.findChild(object, "openProjectButton")
    pdf = window.findChild(object, "openPdfButton")
    assert code.isEnabled() and pdf.isEnabled() and not project.isEnabled()
    qtbot.mouseClick(code, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pdf, Qt.MouseButton.LeftButton)
    assert opened_urls == ["https://github.com/mbzuai-oryx/geochat", "https://arxiv.org/pdf/2311.15826"]


def test_local_pdf_opens_before_pdf_url(window, qtbot, opened_urls, tmp_path, monkeypatch):
    pdf = tmp_path / "geochat.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    _select_title(window, "GeoChat")
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileNames", lambda *a, **k: ([str(pdf)], "")
    )
    qtbot.mouseClick(window.findChild(object, "attachButton"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.findChild(object, "openPdfButton"), Qt.MouseButton.LeftButton)
    assert opened_urls == [pdf.resolve().as_uri()]
    assert pdf.read_bytes() == b"%PDF-1.4\n"  # the file itself is never modified


def test_unsafe_links_are_refused_with_a_message(window, opened_urls, warnings_shown):
    from rsfm_desktop.ui.links import open_link

    for target in ("javascript:alert(1)", "file:///bin/sh", "data:text/html,hi", "ftp://x.org/a.pdf"):
        assert open_link(window, target) is False
    assert opened_urls == []
    assert len(warnings_shown) == 4


def test_new_paper_dialog_rejects_invalid_input_and_writes_nothing(window, qtbot):
    from rsfm_desktop.ui.dialogs.entry_dialog import EntryDialog

    before = window.catalog.entries.stats()["papers"]
    dialog = EntryDialog(window.catalog, Kind.PAPER, parent=window)
    qtbot.addWidget(dialog)
    dialog.set_value("year", "20x4")
    dialog.set_value("code_url", "javascript:alert(1)")
    dialog.accept()
    assert dialog.result() == 0 and dialog.saved_id is None
    assert dialog.findChild(object, "error_title").text()
    assert dialog.findChild(object, "error_year").text()
    assert dialog.findChild(object, "error_code_url").text()
    assert window.catalog.entries.stats()["papers"] == before
    dialog.set_value("title", "SkySense: A Multi-Modal Remote Sensing Foundation Model")
    dialog.set_value("year", "2024")
    dialog.set_value("code_url", "https://github.com/Jack-bo1220/SkySense")
    dialog.accept()
    assert dialog.result() == 1
    assert window.catalog.entries.get(Kind.PAPER, dialog.saved_id).year == 2024


def test_rejected_edit_keeps_old_value(window, qtbot):
    from rsfm_desktop.ui.dialogs.entry_dialog import EntryDialog

    paper_id = _select_title(window, "GeoChat")
    dialog = EntryDialog(window.catalog, Kind.PAPER, paper_id, parent=window)
    qtbot.addWidget(dialog)
    dialog.set_value("venue", "CVPR 2024 (oral)")
    dialog.set_value("year", "1850")
    dialog.accept()
    assert dialog.result() == 0
    entry = window.catalog.entries.get(Kind.PAPER, paper_id)
    assert (entry.venue, entry.year) == ("CVPR", 2024)


def test_delete_asks_naming_the_entry_then_removes_it(window, monkeypatch):
    asked = []

    def fake_question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question", fake_question)
    _select_title(window, "RingMo")
    window.actions[next(a for a in window.actions if a.name == "DELETE")].trigger()
    assert "RingMo: A Remote Sensing Foundation Model" in asked[0]
    assert window.tables[Kind.PAPER].model().rowCount() == 3
    assert window.catalog.entries.stats()["papers"] == 3


def test_linked_dataset_jump(window):
    _select_title(window, "RSGPT")
    assert "RSICap" in window.detail.linked_label.text()
    dataset_id = next(l.id for l in window.catalog.entries.linked(Kind.PAPER, window.detail.current()[1])
                      if l.title == "RSICap")
    window.detail.linked_label.linkActivated.emit(f"entry:dataset:{dataset_id}")
    assert window.current_kind() is Kind.DATASET
    assert window.tables[Kind.DATASET].current_id() == dataset_id
    assert window.detail.title.text() == "RSICap"
    assert "RSGPT" in window.detail.linked_label.text()


def test_column_layout_and_selection_restored_on_next_launch(make_window):
    window = make_window()
    table = window.tables[Kind.PAPER]
    table.set_column_visible(_column(table, "tags:task"), False)
    table.set_column_visible(_column(table, "short_name"), True)
    paper_id = _select_title(window, "RemoteCLIP")
    window.close()
    again = make_window()
    header = again.tables[Kind.PAPER].horizontalHeader()
    assert header.isSectionHidden(_column(table, "tags:task"))
    assert not header.isSectionHidden(_column(table, "short_name"))
    assert again.detail.current() == (Kind.PAPER, paper_id)


def test_delete_cancelled_keeps_everything(window, monkeypatch):
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    _select_title(window, "RingMo")
    window.delete_selected()
    assert window.catalog.entries.stats()["papers"] == 4
    QApplication.processEvents()


def test_cancel_with_typed_changes_asks_before_discarding(window, qtbot, monkeypatch):
    from rsfm_desktop.ui.dialogs.entry_dialog import EntryDialog

    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question", lambda *a, **k: answers.pop(0))
    dialog = EntryDialog(window.catalog, Kind.DATASET, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_value("name", "SkyScript")
    dialog.reject()
    assert dialog.isVisible()  # the user chose to keep editing
    dialog.reject()
    assert not dialog.isVisible() and answers == []
    assert window.catalog.entries.stats()["datasets"] == 2


def test_link_and_unlink_a_dataset_from_the_detail_pane(window, qtbot, monkeypatch):
    from rsfm_desktop.ui.dialogs.link_dialog import LinkDialog

    paper_id = _select_title(window, "RemoteCLIP")
    assert window.catalog.entries.linked(Kind.PAPER, paper_id) == []

    def choose(dialog):
        dialog.search.setText("RSIE")
        dialog.relation.setCurrentIndex(dialog.relation.findData("uses"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LinkDialog, "exec", choose)
    qtbot.mouseClick(window.findChild(object, "addLinkButton"), Qt.MouseButton.LeftButton)
    links = window.catalog.entries.linked(Kind.PAPER, paper_id)
    assert [(l.title, l.relation) for l in links] == [("RSIEval", "uses")]
    assert "RSIEval" in window.detail.linked_label.text()
    window.detail.linked_label.linkActivated.emit(f"unlink:{links[0].id}:uses")
    assert window.catalog.entries.linked(Kind.PAPER, paper_id) == []
    assert "RSIEval" not in window.detail.linked_label.text()


def test_deleted_paper_is_restored_from_the_trash_with_its_note(window, monkeypatch):
    from rsfm_desktop.ui.dialogs.trash_dialog import TrashDialog

    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    paper_id = _select_title(window, "RingMo")
    window.catalog.notes.save(Kind.PAPER, paper_id, "MIM baseline")
    window.delete_selected()
    assert window.tables[Kind.PAPER].catalog_model().row_of(paper_id) is None

    monkeypatch.setattr(TrashDialog, "exec", lambda dialog: _restore_in(dialog, paper_id))
    window.actions[next(a for a in window.actions if a.name == "TRASH")].trigger()
    assert window.tables[Kind.PAPER].catalog_model().row_of(paper_id) is not None
    assert window.catalog.notes.text(Kind.PAPER, paper_id) == "MIM baseline"


def _restore_in(dialog, paper_id):
    table = dialog.tables[Kind.PAPER]
    assert table.catalog_model().ids() == [paper_id]
    table.select_id(paper_id)
    dialog.restore_button.click()
    assert table.model().rowCount() == 0
    return 0


def test_purge_from_trash_asks_and_deletes_for_good(window, monkeypatch, qtbot):
    from rsfm_desktop.ui.dialogs.trash_dialog import TrashDialog

    asked = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question",
                        lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    paper_id = _select_title(window, "RingMo")
    window.delete_selected()
    dialog = TrashDialog(window.catalog, window)
    qtbot.addWidget(dialog)
    dialog.tables[Kind.PAPER].select_id(paper_id)
    dialog.purge_button.click()
    assert "RingMo" in asked[-1]
    assert window.catalog.entries.get(Kind.PAPER, paper_id) is None


def _submit_dialog(monkeypatch, **values):
    """Make the next EntryDialog fill in ``values`` and press Save."""
    from rsfm_desktop.ui.dialogs.entry_dialog import EntryDialog

    def fill_and_save(dialog):
        for key, value in values.items():
            dialog.set_value(key, value)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(EntryDialog, "exec", fill_and_save)


def test_undo_redo_edit_delete_and_create(window, qtbot, monkeypatch):
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    repo = window.catalog.entries
    paper_id = _select_title(window, "GeoChat")
    _submit_dialog(monkeypatch, venue="CVPR (Highlight)")
    window.edit_current()
    assert repo.get(Kind.PAPER, paper_id).venue == "CVPR (Highlight)"
    window.tables[Kind.PAPER].setFocus()
    qtbot.keySequence(window, QKeySequence(QKeySequence.StandardKey.Undo))
    assert repo.get(Kind.PAPER, paper_id).venue == "CVPR"
    assert window.redo_action.isEnabled()
    window.redo_action.trigger()
    assert repo.get(Kind.PAPER, paper_id).venue == "CVPR (Highlight)"
    window.delete_selected()
    assert repo.stats()["papers"] == 3
    window.undo_action.trigger()
    assert repo.stats()["papers"] == 4 and window.tables[Kind.PAPER].model().rowCount() == 4

    _submit_dialog(monkeypatch, title="SkySense-O: Open-World Remote Sensing Interpretation")
    window.new_entry(Kind.PAPER)
    new_id = window.detail.current()[1]
    assert window.tables[Kind.PAPER].model().rowCount() == 5
    window.undo_action.trigger()
    assert window.tables[Kind.PAPER].catalog_model().row_of(new_id) is None
    window.redo_action.trigger()
    assert window.tables[Kind.PAPER].catalog_model().row_of(new_id) is not None


def test_invalid_edit_puts_nothing_on_the_undo_stack(window, monkeypatch):
    _select_title(window, "GeoChat")
    _submit_dialog(monkeypatch, year="3000")
    window.edit_current()
    assert window.undo_stack.count() == 0


def test_undo_link(window):
    paper_id = _select_title(window, "RSGPT")
    rsicap = next(l.id for l in window.catalog.entries.linked(Kind.PAPER, paper_id) if l.title == "RSICap")
    window.detail.linked_label.linkActivated.emit(f"unlink:{rsicap}:introduces")
    assert "RSICap" not in window.detail.linked_label.text()
    window.undo_action.trigger()
    assert "RSICap" in window.detail.linked_label.text()
    assert [l.title for l in window.catalog.entries.linked(Kind.PAPER, paper_id)] == ["RSICap", "RSIEval"]


def test_preferences_change_theme_and_detail_font_size(window, monkeypatch, settings_file):
    from PySide6.QtGui import QPalette

    from rsfm_desktop.ui.dialogs.preferences_dialog import PreferencesDialog

    def adjust(dialog):
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        dialog.font_size.setValue(16)
        return 1

    monkeypatch.setattr(PreferencesDialog, "exec", adjust)
    window.actions[next(a for a in window.actions if a.name == "PREFERENCES")].trigger()
    try:
        assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
        assert window.detail.summary_zh.view.font().pointSize() == 16
        from PySide6.QtCore import QSettings

        stored = QSettings(str(settings_file), QSettings.Format.IniFormat)
        assert stored.value(cfg.THEME.key) == "dark"
    finally:
        window._apply_theme("light")


def test_move_catalog_from_preferences_reopens_window_on_the_copy(window, monkeypatch, tmp_path, warnings_shown):
    from rsfm_desktop import app
    from rsfm_desktop.ui.dialogs.preferences_dialog import PreferencesDialog

    from .conftest import FIXTURE_CATALOG

    monkeypatch.setattr("rsfm_desktop.paths.bundled_catalog", lambda: FIXTURE_CATALOG)
    target = tmp_path / "moved"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getExistingDirectory", lambda *a, **k: str(target)
    )
    paper_id = _select_title(window, "RSGPT")
    type_text_into_notes = window.findChild(QPlainTextEdit, "notesEditor")
    type_text_into_notes.setPlainText("typed just before moving")
    switcher = app._CatalogSwitcher(window, window.settings)

    def move(dialog):
        dialog.findChild(object, "moveCatalogButton").click()
        return 1

    monkeypatch.setattr(PreferencesDialog, "exec", move)
    window.show_preferences()
    assert warnings_shown == []
    new = switcher._window
    assert new is not window and new.catalog_dir == target
    assert new.catalog.notes.text(Kind.PAPER, paper_id) == "typed just before moving"
    assert window.settings.value(cfg.CATALOG_DIR.key) == str(target)
    new.close()


HOSTILE_TITLE = '<img src="http://evil.example/x.png" onerror="alert(1)"> <a href="javascript:alert(2)">click</a> <b>bold</b>'


def test_markup_in_imported_text_is_shown_literally(window):
    paper_id = window.catalog.entries.create(Kind.PAPER, {"title": HOSTILE_TITLE, "summary_en": "<script>x()</script> & <i>it</i>"}).result
    window.refresh_tables()
    window.jump_to(Kind.PAPER, paper_id)
    assert window.detail.title.text() == HOSTILE_TITLE
    assert window.detail.title.textFormat() == Qt.TextFormat.PlainText
    summary = window.findChild(QLabel, "summaryEnView")
    assert summary.text() == "<script>x()</script> & <i>it</i>"
    assert summary.textFormat() == Qt.TextFormat.PlainText
    table = window.tables[Kind.PAPER]
    assert table.model().index(table.currentIndex().row(), 0).data() == HOSTILE_TITLE
    # A dataset linked to it lists the title escaped, as text inside a link to the entry.
    dataset_id = window.catalog.entries.create(Kind.DATASET, {"name": "Hostile-Set"}).result
    window.catalog.entries.link(Kind.PAPER, paper_id, dataset_id, "uses")
    window.refresh_tables()
    window.jump_to(Kind.DATASET, dataset_id)
    label = window.detail.linked_label.text()
    assert "&lt;img" in label and "<img" not in label and "<b>" not in label


def test_note_preview_loads_nothing_remote_and_runs_nothing(window):
    _select_title(window, "GeoChat")
    editor = window.findChild(QPlainTextEdit, "notesEditor")
    editor.setPlainText('![tracker](http://evil.example/pixel.png)\n\n<script>alert(1)</script>\n\n<img src="http://evil.example/y.png">')
    window.detail.notes._update_preview()
    html = window.detail.notes.preview.toHtml()
    assert "<img" not in html and "&lt;script&gt;" in html
    assert window.detail.notes.preview.loadResource(0, None) is None


def test_help_lists_shortcuts_and_about_names_licences(window, monkeypatch):
    from rsfm_desktop.ui.dialogs.help_dialogs import ShortcutsDialog, about_text

    shown = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window.actions[next(a for a in window.actions if a.name == "SHORTCUTS")].trigger()
    rows = {shown[0].list.topLevelItem(i).text(0): shown[0].list.topLevelItem(i).text(1)
            for i in range(shown[0].list.topLevelItemCount())}
    assert rows["Find"] == "Ctrl+F" and rows["Undo"] == "Ctrl+Z" and "Ctrl+Shift+Z" in rows["Redo"]
    assert rows["New Paper"] == "Ctrl+N" and rows["Preferences"] == "Ctrl+,"
    text = about_text()
    assert "LGPL-3.0" in text and "SQLAlchemy" in text and "0.1.0" in text


def test_trash_older_than_30_days_is_emptied_when_the_window_opens(make_window, qtbot):
    import sqlite3
    from datetime import datetime, timedelta, timezone

    window = make_window()
    ids = window.tables[Kind.PAPER].catalog_model().ids()[:2]
    window.catalog.entries.delete(Kind.PAPER, ids)
    old = (datetime.now(timezone.utc) - timedelta(days=31)).strftime("%Y-%m-%d %H:%M:%S.%f")
    window.close()
    with sqlite3.connect(catalog_path(window.catalog_dir)) as conn:
        conn.execute("UPDATE paper SET deleted_at = ? WHERE id = ?", (old, ids[0]))
    again = make_window()
    # 31 days in the trash: gone (in the background, just after the window opened)
    qtbot.waitUntil(lambda: again.catalog.entries.get(Kind.PAPER, ids[0]) is None, timeout=5000)
    assert again.catalog.entries.get(Kind.PAPER, ids[1]).deleted_at is not None  # still restorable
