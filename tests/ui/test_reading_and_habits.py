"""The detail pane as a document to read, and the habits of Zotero and JabRef users: a row's
context menu and the Entry menu (open, copy a citation or BibTeX, reading status, bulk edits
as one undo step), several rows selected, empty states, remembered folders, Qt's own dialogs
in Chinese."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QWheelEvent
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QFileDialog, QLabel, QMenu

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.ui.actions import ActionId

LONG_ZH = "这是一段很长的中文摘要，用来检查阅读面板的排版。" * 30


def select(window, title):
    table = window.tables[Kind.PAPER]
    model = table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data().startswith(title):
            table.selectRow(row)
            return table.current_id()
    raise AssertionError(title)


def select_rows(window, rows):
    from PySide6.QtCore import QItemSelectionModel

    table = window.tables[Kind.PAPER]
    rows_flag = QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().setCurrentIndex(table.model().index(rows[0], 0),
                                           QItemSelectionModel.SelectionFlag.ClearAndSelect | rows_flag)
    for row in rows[1:]:  # as Ctrl+click does
        table.selectionModel().setCurrentIndex(table.model().index(row, 0),
                                               QItemSelectionModel.SelectionFlag.Select | rows_flag)
    return table.selected_ids()


# ---- the detail pane -----------------------------------------------------------------------------

def test_identifiers_are_links_and_an_arxiv_id_alone_fills_paper_and_pdf(window, qtbot, opened_urls):
    paper = window.catalog.entries.create(Kind.PAPER, {"title": "Only an id", "arxiv_id": "2401.09712",
                                                       "doi": "10.1109/TGRS.2024.1"}).result
    window.refresh_tables()
    window.jump_to(Kind.PAPER, paper)
    ids = window.detail.identifiers.text()
    assert 'href="https://doi.org/10.1109/TGRS.2024.1"' in ids and 'href="https://arxiv.org/abs/2401.09712"' in ids
    window.detail.identifiers.linkActivated.emit("https://doi.org/10.1109/TGRS.2024.1")
    for name in ("openPaperButton", "openPdfButton"):
        button = window.findChild(object, name)
        assert button.isEnabled()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened_urls == ["https://doi.org/10.1109/TGRS.2024.1", "https://arxiv.org/abs/2401.09712",
                           "https://arxiv.org/pdf/2401.09712"]


def test_summaries_are_full_width_text_side_by_side_when_wide_and_stacked_when_narrow(window, qtbot):
    paper = select(window, "GeoChat")
    entry = window.catalog.entries.get(Kind.PAPER, paper)
    window.catalog.entries.update(Kind.PAPER, paper, {"summary_zh": LONG_ZH, "summary_en": "English " * 80},
                                  expected_version=entry.version)
    detail = window.detail
    # no scrolling box inside the document: the pane's own scroll area is the only one (the
    # attachments list is as tall as its rows, up to five)
    tree = detail.attachments.tree
    assert [w for w in detail.document.findChildren(QAbstractScrollArea)
            if w is not tree and not tree.isAncestorOf(w)] == []
    zh, en = detail.summary_zh.view, detail.summary_en.view
    assert isinstance(zh, QLabel) and zh.text() == LONG_ZH

    window.resize(1900, 900)
    window.splitter.setSizes([700, 1100])
    qtbot.waitUntil(lambda: detail.summaries.side_by_side(), timeout=2000)
    # the boxes move when Qt runs the layout request the new direction posted (as below)
    qtbot.waitUntil(lambda: abs(zh.mapTo(detail.document, QPoint()).y() - en.mapTo(detail.document, QPoint()).y()) < 5,
                    timeout=2000)
    assert zh.height() >= zh.heightForWidth(zh.width()) - 2  # as tall as its text

    window.splitter.setSizes([1400, 400])
    qtbot.waitUntil(lambda: not detail.summaries.side_by_side(), timeout=2000)
    qtbot.waitUntil(lambda: en.mapTo(detail.document, QPoint()).y()
                    >= zh.mapTo(detail.document, QPoint()).y() + zh.height() - 5, timeout=2000)


def test_the_wheel_over_a_summary_scrolls_the_pane_and_a_new_entry_starts_at_the_top(window, qtbot):
    paper = select(window, "GeoChat")
    entry = window.catalog.entries.get(Kind.PAPER, paper)
    window.catalog.entries.update(Kind.PAPER, paper, {"summary_zh": LONG_ZH}, expected_version=entry.version)
    window.resize(1200, 700)
    bar = window.detail.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=2000)
    zh = window.detail.summary_zh.view
    centre = QPointF(zh.rect().center())
    wheel = QWheelEvent(centre, zh.mapToGlobal(centre), QPoint(), QPoint(0, -240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(zh, wheel)
    assert not wheel.isAccepted()  # the summary does not swallow the wheel: it goes to the pane
    viewport = window.detail.scroll.viewport()
    at = QPointF(zh.mapTo(viewport, zh.rect().center()))
    QApplication.sendEvent(viewport, QWheelEvent(at, viewport.mapToGlobal(at), QPoint(), QPoint(0, -240),
                                                 Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                                 Qt.ScrollPhase.NoScrollPhase, False))
    assert bar.value() > 0
    select(window, "RSGPT")
    assert bar.value() == 0


def test_notes_editor_and_preview_sit_side_by_side_and_the_preview_can_be_hidden(window):
    select(window, "GeoChat")
    notes = window.detail.notes
    notes.editor.setPlainText("| a | b |\n|---|---|\n| 1 | 2 |\n")
    notes._update_preview()
    assert notes.splitter.orientation() == Qt.Orientation.Horizontal
    assert "<table" in notes.preview.toHtml()
    editor, preview = notes.editor.geometry(), notes.preview.geometry()
    assert preview.left() >= editor.right() and abs(preview.height() - editor.height()) < 5
    notes.preview_toggle.click()
    assert not notes.preview.isVisible()


def test_swap_summaries_writes_through_the_catalog_and_undoes(window):
    paper = select(window, "GeoChat")
    before = window.catalog.entries.get(Kind.PAPER, paper)
    window.actions[ActionId.SWAP_SUMMARIES].trigger()
    after = window.catalog.entries.get(Kind.PAPER, paper)
    assert (after.summary_zh, after.summary_en) == (before.summary_en, before.summary_zh)
    assert window.detail.summary_en.text() == before.summary_zh
    window.undo_action.trigger()
    again = window.catalog.entries.get(Kind.PAPER, paper)
    assert (again.summary_zh, again.summary_en) == (before.summary_zh, before.summary_en)


def test_an_attachments_widget_goes_into_its_place_and_follows_the_entry(window):
    class Attachments(QLabel):
        shown = []

        def set_entry(self, kind, entry_id):
            self.shown.append((kind, entry_id))

    widget = Attachments("files")
    window.detail.set_attachments_widget(widget)
    paper = select(window, "GeoChat")
    assert widget.shown[-1] == (Kind.PAPER, paper)
    assert widget.parent() is window.detail.attachments_section and window.detail.attachments_section.isVisibleTo(window)


def test_the_tag_editor_opens_beside_the_window_and_never_squeezes_the_table(window):
    window.resize(1280, 800)
    dock = window.taxonomy_controller.editor_dock
    dock.toggleViewAction().trigger()
    assert dock.isVisible() and dock.isFloating()
    assert window.tables[Kind.PAPER].width() >= 400


# ---- the context menu and the Entry menu ----------------------------------------------------------

def test_right_click_on_a_row_selects_it_and_offers_the_entry_actions(window, qtbot):
    table = window.tables[Kind.PAPER]
    table.selectRow(0)
    rect = table.visualRect(table.model().index(2, 0))
    menu = window.entry_actions.show_context_menu(table, rect.center())
    assert table.selected_ids() == [table.model().index(2, 0).data(Qt.ItemDataRole.UserRole + 1)]
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    for expected in ("Open &Paper Page", "Open P&DF", "Open &Code", "Copy &Citation", "Copy &BibTeX",
                     "Copy DOI", "Copy arXiv ID", "Copy &Link", "Add tag to selection…", "Reading &Status",
                     "Linked &Datasets", "E&xport Selected…", "&Delete…"):
        assert expected in texts, expected
    menu.close()
    entry_menu = window.findChild(QMenu, "entryMenu")
    assert window.actions[ActionId.COPY_CITATION] in entry_menu.actions()
    assert window.actions[ActionId.COPY_CITATION].shortcut() == QKeySequence("Ctrl+Shift+C")


def test_copy_citation_in_the_chosen_style_and_bibtex(window, qtbot):
    select(window, "GeoChat")
    window.tables[Kind.PAPER].setFocus()
    qtbot.keySequence(window, QKeySequence("Ctrl+Shift+C"))
    text = QApplication.clipboard().text()
    assert text.startswith("Kuckreja, K., & Danish, M. S. (2024). GeoChat")
    assert "https://arxiv.org/abs/2311.15826" in text
    ieee = next(a for a in window.entry_actions.style_menu.actions() if a.data() == "ieee")
    ieee.trigger()
    window.actions[ActionId.COPY_CITATION].trigger()
    assert QApplication.clipboard().text().startswith("K. Kuckreja and M. S. Danish, “GeoChat")
    window.actions[ActionId.COPY_BIBTEX].trigger()
    bibtex = QApplication.clipboard().text()
    assert bibtex.lstrip().startswith("@") and "GeoChat" in bibtex
    window.actions[ActionId.COPY_ARXIV].trigger()
    assert QApplication.clipboard().text() == "2311.15826"


def test_several_rows_show_n_selected_and_a_field_set_on_all_is_one_undo_step(window, monkeypatch):
    ids = select_rows(window, [0, 1, 2])
    detail = window.detail
    assert detail.showing_selection()
    assert detail.selection.summary.text() == "3 papers selected"
    before = {i: window.catalog.entries.get(Kind.PAPER, i).venue for i in ids}

    from rsfm_desktop.ui.dialogs.edit_field_dialog import EditFieldDialog

    def fill(dialog):
        dialog.set_field("venue")
        dialog.line.setText("ISPRS")
        return 1

    monkeypatch.setattr(EditFieldDialog, "exec", fill)
    window.actions[ActionId.EDIT_FIELD].trigger()
    assert {window.catalog.entries.get(Kind.PAPER, i).venue for i in ids} == {"ISPRS"}
    assert window.undo_stack.undoText() == "Edit 3 entries"
    window.undo_action.trigger()
    assert {i: window.catalog.entries.get(Kind.PAPER, i).venue for i in ids} == before
    select_rows(window, [0])
    assert not detail.showing_selection() and detail.current() == (Kind.PAPER, ids[0])


def test_reading_status_set_on_a_selection_is_one_undo_step(window):
    ids = select_rows(window, [0, 1])
    taxonomy = window.catalog.taxonomy
    reading = taxonomy.resolve("Reading", "reading_status")[0]
    done = taxonomy.resolve("Read", "reading_status")[0]
    window.entry_actions.set_reading_status(reading)
    window.entry_actions.set_reading_status(done)

    def status(i):
        return [t.id for t in taxonomy.entry_tags(Kind.PAPER, [i]).get(i, []) if t.facet_key == "reading_status"]

    assert [status(i) for i in ids] == [[done], [done]]  # one status at a time
    window.undo_action.trigger()
    assert [status(i) for i in ids] == [[reading], [reading]]
    window.entry_actions.status_menu.aboutToShow.emit()
    checked = [a.text() for a in window.entry_actions.status_menu.actions() if a.isChecked()]
    assert checked == ["Reading"]


# ---- rough edges ---------------------------------------------------------------------------------

def test_an_empty_search_result_says_what_to_do(window, qtbot):
    window.search_box.setText("zzzz-no-such-paper")
    table = window.tables[Kind.PAPER]
    qtbot.waitUntil(lambda: table.model().rowCount() == 0, timeout=2000)
    assert "Nothing matches" in table.empty_text()
    assert "No saved views yet" in window.taxonomy_controller.sidebar.views.hint


def test_file_dialogs_start_in_the_folder_last_used_for_their_purpose(window, monkeypatch, tmp_path):
    pdfs, imports = tmp_path / "pdfs", tmp_path / "imports"
    pdfs.mkdir()
    imports.mkdir()
    (pdfs / "a.pdf").write_bytes(b"%PDF-1.4\n")
    started = []

    def fake_open(parent, title, start, *args, **kwargs):
        started.append(start)
        return (str(pdfs / "a.pdf"), "") if "PDF" in title else ("", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake_open))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda parent, title, start, *a, **k: (started.append(start) or [str(pdfs / "a.pdf")], "")))
    select(window, "GeoChat")
    window.detail.attachments.choose_files()
    window.detail.attachments.choose_files()
    from pathlib import Path

    assert started == [str(Path.home()), str(pdfs)]
    window.io_controller.choose_import_file()
    assert started[-1] == str(Path.home())  # the import dialog keeps its own folder
    assert window.settings.value("folders/attach") == str(pdfs)


def test_qt_file_dialog_is_chinese_in_the_chinese_interface(qtbot):
    from rsfm_desktop.ui import language as i18n

    assert i18n.install("zh_CN") == "zh_CN"
    try:
        dialog = QFileDialog(None, "导入")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        labels = {w.objectName(): w.text() for w in dialog.findChildren(QLabel) if w.objectName()}
        assert labels["lookInLabel"].startswith("查找范围")
        assert labels["fileTypeLabel"].startswith("文件类型")
        assert labels["fileNameLabel"].startswith("文件名称")
    finally:
        i18n.install("en")


def test_where_an_entry_was_read_is_said_in_the_interface_language(window):
    from rsfm_desktop.ui import language as i18n

    paper = select(window, "GeoChat")
    stored = [p["locator"] for p in window.catalog.entries.provenance(Kind.PAPER, paper)]
    assert any(s.startswith(("table row", "list entry")) for s in stored)  # as the seed tools wrote them
    assert i18n.install("zh_CN") == "zh_CN"
    try:
        window.detail.show_entry(Kind.PAPER, paper)
        shown = window.detail.provenance.text()
        assert "table row" not in shown and "list entry" not in shown
        assert "表格第" in shown or "下的第" in shown
    finally:
        i18n.install("en")
