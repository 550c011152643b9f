"""Import with preview, export, export view as table and find duplicates, driven through the
real window over a temporary catalog (static dialogs monkeypatched)."""

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io import Decision, Format, Status, read_file
from rsfm_desktop.ui.actions import ActionId
from rsfm_desktop.ui.dialogs.export_dialog import Scope

from .conftest import FIXTURE_CATALOG

BROKEN_BIB = FIXTURE_CATALOG.parent / "io" / "broken.bib"
GEOCHAT = "GeoChat: Grounded Large Vision-Language Model for Remote Sensing"
NEW_BIB = r"""
@misc{geochat,
  title = {GeoChat: Grounded Large Vision-Language Model for Remote Sensing},
  year = {2024}, eprint = {2311.15826}, archivePrefix = {arXiv}
}
@article{doe2025,
  title = {A Brand New Foundation Model for Hyperspectral Imagery},
  author = {Doe, Jane and Roe, Richard}, journal = {TGRS}, year = {2025}
}
@inproceedings{roe2023,
  title = {Another Fresh Benchmark for Earth Observation Agents},
  booktitle = {CVPR}, year = {2023}
}
"""


def _chosen_path(monkeypatch, name):
    """Make QFileDialog.<name> return the path put in the returned list."""
    chosen = []
    monkeypatch.setattr(f"PySide6.QtWidgets.QFileDialog.{name}", lambda *a, **k: (str(chosen[0]), ""))
    return chosen


@pytest.fixture
def open_file(monkeypatch):
    return _chosen_path(monkeypatch, "getOpenFileName")


@pytest.fixture
def save_file(monkeypatch):
    return _chosen_path(monkeypatch, "getSaveFileName")


@pytest.fixture
def infos(monkeypatch):
    shown = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information",
                        lambda parent, title, text, *a, **k: shown.append((title, text)))
    return shown


def live_count(window, kind=Kind.PAPER) -> int:
    return window.catalog.entries.count(kind)


def open_preview(qtbot, window, open_file, path):
    open_file[:] = [path]
    window.actions[ActionId.IMPORT].trigger()
    controller = window.io_controller
    qtbot.waitUntil(lambda: controller.preview is not None and controller.preview.isVisible(), timeout=5000)
    return controller.preview


def click_import(qtbot, preview):
    qtbot.mouseClick(preview.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_import_shows_new_and_duplicate_entries_and_is_one_undo_step(qtbot, window, open_file, tmp_path):
    bib = tmp_path / "lab.bib"
    bib.write_text(NEW_BIB, encoding="utf-8")
    before = live_count(window)
    preview = open_preview(qtbot, window, open_file, bib)

    by_title = {e.record.title: e for e in preview.plan.entries}
    assert by_title[GEOCHAT].status is Status.DUPLICATE and by_title[GEOCHAT].decision is Decision.SKIP
    dup_row = preview.plan.entries.index(by_title[GEOCHAT])
    assert GEOCHAT in preview.model.index(dup_row, 5).data()  # "same as" names the catalog entry
    assert [e.status for e in preview.plan.entries].count(Status.NEW) == 2
    assert "2 new, 1 duplicates" in preview.summary.text()
    assert "Will add 2, merge 0, skip 1." == preview.decision_summary.text()

    click_import(qtbot, preview)
    qtbot.waitUntil(lambda: "Imported" in window.statusBar().currentMessage(), timeout=5000)
    assert "2 added" in window.statusBar().currentMessage()
    assert live_count(window) == before + 2
    assert window.tables[Kind.PAPER].model().rowCount() == before + 2

    window.undo_action.trigger()
    assert live_count(window) == before
    assert window.tables[Kind.PAPER].model().rowCount() == before
    window.redo_action.trigger()
    assert live_count(window) == before + 2


def test_bulk_decisions_apply_to_the_selected_rows(qtbot, window, open_file, tmp_path):
    bib = tmp_path / "lab.bib"
    bib.write_text(NEW_BIB, encoding="utf-8")
    before = live_count(window)
    preview = open_preview(qtbot, window, open_file, bib)
    preview.table.selectAll()
    qtbot.mouseClick(preview.bulk_buttons[Decision.SKIP], Qt.MouseButton.LeftButton)
    assert preview.decision_summary.text() == "Will add 0, merge 0, skip 3."
    assert not preview.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    preview.filter_combo.setCurrentIndex(preview.filter_combo.findData(Status.DUPLICATE))
    assert preview.table.model().rowCount() == 1
    preview.table.selectAll()
    qtbot.mouseClick(preview.bulk_buttons[Decision.ADD], Qt.MouseButton.LeftButton)  # add anyway
    click_import(qtbot, preview)
    qtbot.waitUntil(lambda: "Imported" in window.statusBar().currentMessage(), timeout=5000)
    assert live_count(window) == before + 1  # only the duplicate, added anyway


def test_malformed_file_names_file_and_line_and_writes_nothing(qtbot, window, open_file, warnings_shown):
    before = live_count(window)
    open_file[:] = [BROKEN_BIB]
    window.actions[ActionId.IMPORT].trigger()
    qtbot.waitUntil(lambda: bool(warnings_shown), timeout=5000)
    _title, text = warnings_shown[0]
    assert "broken.bib" in text and "Line " in text and "Nothing was imported" in text
    assert window.io_controller.preview is None
    assert live_count(window) == before


def test_cancel_during_apply_writes_nothing(qtbot, window, open_file, infos, tmp_path, monkeypatch):
    bib = tmp_path / "many.bib"
    bib.write_text("".join(f"@article{{k{i}, title = {{Distinct study number {i} of orbital imagery "
                           f"{'x' * (i % 7)}}}, year = {{{2000 + i % 20}}}}}\n" for i in range(600)),
                   encoding="utf-8")
    before = live_count(window)
    reached = threading.Event()
    imports = window.catalog.imports
    real_apply = imports.apply

    def apply_until_cancelled(plan, progress, cancelled, replan_quietly=False):
        def report(done, total):
            progress(done, total)
            if done >= 550:  # the first 500 rows are inserted in the open transaction by now
                reached.set()
                deadline = time.monotonic() + 5
                while not cancelled() and time.monotonic() < deadline:
                    time.sleep(0.01)
        return real_apply(plan, report, cancelled, replan_quietly)

    monkeypatch.setattr(imports, "apply", apply_until_cancelled)
    preview = open_preview(qtbot, window, open_file, bib)
    click_import(qtbot, preview)
    qtbot.waitUntil(reached.is_set, timeout=10000)
    window.io_controller.task.cancel()  # what the progress dialog's Cancel button does
    qtbot.waitUntil(lambda: bool(infos), timeout=5000)
    assert "Nothing was written" in infos[0][1]
    assert live_count(window) == before
    assert not window.undo_stack.canUndo()


def _export(qtbot, window, save_file, path, fmt, scope=Scope.ALL):
    save_file[:] = [path]
    window.actions[ActionId.EXPORT].trigger()
    dialog = window.io_controller.export_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.set_format(fmt)
    dialog.set_scope(scope)
    dialog.accept()
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=5000)
    window.statusBar().clearMessage()


@pytest.mark.parametrize("fmt", list(Format))
def test_every_export_format_can_be_imported_again(qtbot, window, save_file, tmp_path, fmt):
    path = tmp_path / f"out-{fmt.value}"
    _export(qtbot, window, save_file, path, fmt)
    written = next(tmp_path.glob(f"out-{fmt.value}.*"))  # the format's suffix was added
    titles = {r.title for r in read_file(written, fmt).records}
    repo = window.catalog.entries
    papers = {t for _i, t in repo.titles_by_id(Kind.PAPER, repo.list_ids(Kind.PAPER))}
    assert len(papers) == 4 and papers <= titles


def test_export_of_the_selection_holds_only_the_selected_entries(qtbot, window, save_file, tmp_path):
    table = window.tables[Kind.PAPER]
    table.selectRow(1)
    selected = table.selected_ids()
    _export(qtbot, window, save_file, tmp_path / "sel.ris", Format.RIS, Scope.SELECTION)
    titles = [r.title for r in read_file(tmp_path / "sel.ris").records]
    assert titles == [t for _i, t in window.catalog.entries.titles_by_id(Kind.PAPER, selected)]


def _column(table, key):
    return [c.key for c in table.catalog_model().columns].index(key)


def test_view_table_has_the_visible_columns_in_order_and_the_current_sort(qtbot, window, save_file, tmp_path):
    table = window.tables[Kind.PAPER]
    table.set_column_visible(_column(table, "venue"), False)
    header = table.horizontalHeader()
    header.moveSection(header.visualIndex(_column(table, "year")), 0)  # Year first
    table.sortByColumn(_column(table, "title"), Qt.SortOrder.DescendingOrder)
    window.search_box.setText("language")
    window.apply_search()
    shown = [table.model().index(r, _column(table, "title")).data() for r in range(table.model().rowCount())]
    assert 0 < len(shown) < live_count(window)

    window.actions[ActionId.EXPORT_VIEW].trigger()
    dialog = window.io_controller.table_dialog
    qtbot.waitUntil(dialog.isVisible)
    QApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)  # Markdown is the default
    qtbot.waitUntil(lambda: bool(QApplication.clipboard().text()), timeout=5000)
    lines = QApplication.clipboard().text().splitlines()
    head = [c.strip() for c in lines[0].strip("|").split("|")]
    assert head[0] == "Year" and "Title" in head and "Venue" not in head
    title_col = head.index("Title")
    assert [[c.strip() for c in line.strip("|").split("|")][title_col] for line in lines[2:]] == shown

    save_file[:] = [tmp_path / "table"]
    window.actions[ActionId.EXPORT_VIEW].trigger()
    dialog = window.io_controller.table_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("latex"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (tmp_path / "table.tex").exists(), timeout=5000)
    latex = (tmp_path / "table.tex").read_text(encoding="utf-8")
    assert latex.startswith(r"\begin{tabular}") and "Venue" not in latex
    assert len([line for line in latex.splitlines() if line.endswith(r"\\")]) == len(shown) + 1


def test_find_duplicates_merges_and_undo_restores_both(qtbot, window, infos):
    catalog = window.catalog
    original = next(i for i, t in catalog.entries.titles_by_id(Kind.PAPER, catalog.entries.list_ids(Kind.PAPER))
                    if t == GEOCHAT)
    copy = catalog.entries.create(Kind.PAPER, {"title": GEOCHAT.upper(), "year": 2024, "remark": "from the lab sheet"}).result
    catalog.notes.save(Kind.PAPER, copy, "Read for the related work.")
    window.refresh_tables()
    count = live_count(window)

    window.actions[ActionId.FIND_DUPLICATES].trigger()
    qtbot.waitUntil(lambda: window.io_controller.duplicates is not None, timeout=5000)
    dialog = window.io_controller.duplicates
    pair = dialog.current_pair()
    assert {pair.first_id, pair.second_id} == {original, copy}
    assert dialog.compare.rowCount() > 3  # the two entries' fields side by side
    dialog.keep_left.setChecked(True)  # keep the older entry
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    assert live_count(window) == count - 1
    assert catalog.entries.get(Kind.PAPER, original).remark == "from the lab sheet"
    assert "related work" in catalog.notes.text(Kind.PAPER, original)
    assert dialog.model.rowCount() == 0

    window.undo_action.trigger()
    assert live_count(window) == count
    assert catalog.entries.get(Kind.PAPER, original).remark is None
    assert catalog.notes.text(Kind.PAPER, original) == ""
    assert catalog.notes.text(Kind.PAPER, copy) == "Read for the related work."
    dialog.close()

    window.actions[ActionId.FIND_DUPLICATES].trigger()
    qtbot.waitUntil(lambda: window.io_controller.duplicates is not dialog, timeout=5000)
    again = window.io_controller.duplicates
    qtbot.mouseClick(again.dismiss_button, Qt.MouseButton.LeftButton)
    assert again.model.rowCount() == 0 and live_count(window) == count


def test_no_duplicates_says_so(qtbot, window, infos):
    window.actions[ActionId.FIND_DUPLICATES].trigger()
    qtbot.waitUntil(lambda: bool(infos), timeout=5000)
    assert infos[0][1] == "No duplicates found."
    assert window.io_controller.duplicates is None


def test_preview_and_pair_models_pass_the_model_tester(qtbot, qtmodeltester, window, open_file, tmp_path):
    from rsfm_desktop.core.io import DuplicatePair
    from rsfm_desktop.ui.dialogs.duplicates_dialog import PairModel

    bib = tmp_path / "lab.bib"
    bib.write_text(NEW_BIB, encoding="utf-8")
    preview = open_preview(qtbot, window, open_file, bib)
    qtmodeltester.check(preview.model)
    preview.filter_combo.setCurrentIndex(preview.filter_combo.findData(Status.NEW))  # the rows of one status
    qtmodeltester.check(preview.model)
    qtmodeltester.check(PairModel([DuplicatePair(Kind.PAPER, 1, 2, "doi", 100.0)], {(Kind.PAPER, 1): "A"}))


@pytest.fixture
def gui_spool_reads(monkeypatch):
    """The import spool's reads made on the GUI thread (the worker's are not counted)."""
    from rsfm_desktop.core.store.spool_store import SpoolStore

    gui, reads = threading.get_ident(), []
    original = SpoolStore._rows

    def counted(store, query, params=()):
        if threading.get_ident() == gui:
            reads.append(query)
        return original(store, query, params)

    monkeypatch.setattr(SpoolStore, "_rows", counted)
    return reads


def test_opening_the_preview_reads_nothing_from_the_spool_on_the_gui_thread(qtbot, window, open_file, tmp_path,
                                                                           gui_spool_reads):
    """The counts, the warnings and the first page were read in the preview's constructor, on
    the GUI thread (50-200 ms at 10,000 entries); now on the import's worker, before it opens."""
    bib = tmp_path / "lab.bib"
    bib.write_text(NEW_BIB + NEW_BIB.replace("geochat", "geochat2"), encoding="utf-8")  # twins in the file
    preview = open_preview(qtbot, window, open_file, bib)
    preview.table.viewport().repaint()  # the rows painted, the first entry's details shown
    assert gui_spool_reads == []
    assert "6 entries in lab.bib: 2 new, 4 duplicates, 0 conflicts." == preview.summary.text()
    assert "Will add 2, merge 0, skip 4." == preview.decision_summary.text()
    twin = next(row for row in range(preview.model.rowCount()) if preview.model.entry(row).earlier is not None)
    assert "Entry 2 of this file: A Brand New Foundation Model" in preview.model.index(twin, 5).data()
    assert "GeoChat" in preview.details.toPlainText()
    preview.set_selected(Decision.ADD)  # a decision the user changes is counted again
    preview.table.selectAll()
    preview.set_selected(Decision.SKIP)
    assert preview.decision_summary.text() == "Will add 0, merge 0, skip 6."
    preview.reject()


def test_a_preview_the_catalog_outdated_is_shown_again_with_what_changed(qtbot, window, open_file, infos, tmp_path,
                                                                        gui_spool_reads):
    """Another writer imported the same file while the preview was open: Import writes nothing
    and the preview comes back (read on the worker), the changed entries highlighted."""
    bib = tmp_path / "lab.bib"
    bib.write_text(NEW_BIB, encoding="utf-8")
    before = live_count(window)
    preview = open_preview(qtbot, window, open_file, bib)
    other = window.catalog.imports.prepare(bib)
    window.catalog.imports.apply(other)  # as another window would
    other.close()
    assert live_count(window) == before + 2
    gui_spool_reads.clear()
    click_import(qtbot, preview)
    controller = window.io_controller
    qtbot.waitUntil(lambda: controller.preview is not preview and controller.preview is not None
                    and controller.preview.isVisible(), timeout=5000)
    again = controller.preview
    assert [title for title, _text in infos] == ["The catalog changed"]
    assert "2 entries are now" in infos[0][1]
    assert again.changed_banner.isVisibleTo(again)
    assert "3 entries in lab.bib: 0 new, 3 duplicates" in again.summary.text()
    assert gui_spool_reads == []
    click_import(qtbot, again)  # all skipped now: nothing to import
    assert live_count(window) == before + 2
    again.reject()
