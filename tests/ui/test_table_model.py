"""The catalog table model: qtmodeltester, lazy row fetching, database sorting."""

import pytest
from PySide6.QtCore import Qt

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.entries import Query
from rsfm_desktop.ui.models import catalog_table_model as ctm
from rsfm_desktop.ui.models.catalog_table_model import CatalogTableModel, IdRole, SortValueRole


def _titles(model):
    return [model.index(r, 0).data() for r in range(model.rowCount())]


@pytest.mark.parametrize("kind", list(Kind))
def test_models_pass_qtmodeltester(qtmodeltester, folder_catalog, kind):
    model = CatalogTableModel(folder_catalog.entries, kind)
    model.set_query(Query())
    qtmodeltester.check(model, force_py=True)
    # The tester keeps watching: resets, re-sorts and row edits must emit consistent signals.
    model.set_query(Query("遥感"))
    model.sort(2, Qt.SortOrder.DescendingOrder)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    model.invalidate_entry(model.entry_id(0))
    model.set_query(Query())


def test_sort_by_year_is_numeric_with_empty_years_last(folder_catalog):
    repo = folder_catalog.entries
    model = CatalogTableModel(repo, Kind.PAPER)
    year_col = [c.key for c in model.columns].index("year")
    model.sort(year_col, Qt.SortOrder.AscendingOrder)
    years = [model.index(r, year_col).data(SortValueRole) for r in range(model.rowCount())]
    assert years == [2023, 2024, 2024, None]
    model.sort(year_col, Qt.SortOrder.DescendingOrder)
    years = [model.index(r, year_col).data(SortValueRole) for r in range(model.rowCount())]
    assert years == [2024, 2024, 2023, None]


def test_rows_are_fetched_in_blocks_only_when_shown(folder_catalog, monkeypatch):
    repo = folder_catalog.entries
    for i in range(300):
        repo.create(Kind.PAPER, {"title": f"Synthetic paper {i:03d}", "year": 2000 + i % 20})
    calls = []
    original = repo.fetch_rows
    monkeypatch.setattr(
        repo, "fetch_rows", lambda kind, ids, *rest: calls.append(len(ids)) or original(kind, ids, *rest)
    )
    model = CatalogTableModel(repo, Kind.PAPER)
    model.set_query(Query())
    assert model.rowCount() == 304 and calls == []  # only ids so far
    model.index(0, 0).data()
    model.index(5, 1).data()
    assert calls == [ctm.BLOCK_SIZE]
    model.index(model.rowCount() - 1, 0).data()
    assert len(calls) == 2


def test_search_and_id_role(folder_catalog):
    repo = folder_catalog.entries
    model = CatalogTableModel(repo, Kind.PAPER)
    model.set_query(Query("GeoChat"))
    assert _titles(model) == ["GeoChat: Grounded Large Vision-Language Model for Remote Sensing"]
    entry_id = model.index(0, 0).data(IdRole)
    assert repo.get(Kind.PAPER, entry_id).short_name == "GeoChat"


def test_resort_keeps_selected_entry(folder_catalog, qtbot):
    repo = folder_catalog.entries
    from PySide6.QtWidgets import QTableView

    model = CatalogTableModel(repo, Kind.PAPER)
    model.set_query(Query())
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectRow(0)
    selected = view.currentIndex().data(IdRole)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert view.currentIndex().data(IdRole) == selected
    assert view.currentIndex().row() == model.rowCount() - 1


def test_reading_empty_cells_keeps_none_alive(folder_catalog):
    repo = folder_catalog.entries
    """PySide6 6.12.0 loses a reference to None per empty cell read: 5,000 reads crash Python."""
    import sys

    model = CatalogTableModel(repo, Kind.PAPER)
    model.set_query(Query())
    empty = [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
             if model.index(r, c).data() is None]
    assert empty
    before = sys.getrefcount(None)
    for i in range(2000):
        empty[i % len(empty)].data()
    assert sys.getrefcount(None) >= before - 50


def test_a_search_answered_off_the_gui_thread_passes_qtmodeltester_and_is_never_stale(
        qtmodeltester, qtbot, folder_catalog, monkeypatch):
    """At 100,000 entries the filter runs on a worker thread: the rows change when it answers;
    an edit or a re-sort while it runs is not undone by its answer."""
    import threading

    monkeypatch.setattr(ctm, "BACKGROUND_SEARCH_ABOVE", 0)  # as at 100,000 papers
    repo = folder_catalog.entries
    model = CatalogTableModel(repo, Kind.PAPER)
    model.set_query(Query())
    qtmodeltester.check(model, force_py=True)
    everything = model.ids()

    model.set_filter("GeoChat", {})
    assert model.searching() and model.ids() == everything  # the rows of before, until it answers
    qtbot.waitUntil(lambda: not model.searching(), timeout=5000)
    assert _titles(model) == ["GeoChat: Grounded Large Vision-Language Model for Remote Sensing"]

    # An answer read before an edit that makes another entry match is asked again.
    computed, release = threading.Event(), threading.Event()
    original = repo.keep_matching

    def slow_keep_matching(*args, **kwargs):
        found = original(*args, **kwargs)
        computed.set()
        release.wait(5)
        return found

    monkeypatch.setattr(repo, "keep_matching", slow_keep_matching)
    model.set_filter("Pangaea", {})
    qtbot.waitUntil(lambda: computed.is_set(), timeout=5000)  # matched before the edit below
    other = next(i for i in everything if "GeoChat" not in repo.get(Kind.PAPER, i).title)
    model.apply_changes(repo.update(Kind.PAPER, other, {"title": "Pangaea GeoChat benchmark"}).changes)
    release.set()
    qtbot.waitUntil(lambda: not model.searching(), timeout=5000)
    assert model.query.text == "Pangaea" and other in model.ids()

    # A re-sort while the answer is on its way sorts the typed search (off the GUI thread too).
    model.set_filter("GeoChat", {})
    model.sort(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not model.searching(), timeout=5000)
    assert model.query.text == "GeoChat" and model.query.descending
    assert model.ids() == original(Kind.PAPER, repo.sorted_ids(Kind.PAPER, "title", True), "GeoChat")
    qtbot.wait(200)  # nothing later changes it
    assert model.query.text == "GeoChat" and len(model.ids()) == 2


def test_a_large_catalogs_sort_is_read_off_the_gui_thread_and_keeps_the_selection(
        qtmodeltester, qtbot, folder_catalog, monkeypatch):
    """At 100,000 papers reading a new order stalled the window 0.5-1 s under load: the order
    is read on a worker thread, the rows follow when it answers, the current row stays on its
    entry and the view knows the new sort at once."""
    import threading

    from rsfm_desktop.ui.catalog_view import CatalogView

    monkeypatch.setattr(ctm, "BACKGROUND_SEARCH_ABOVE", 0)
    repo = folder_catalog.entries
    view = CatalogView()
    model = CatalogTableModel(repo, Kind.PAPER, view=view)
    model.set_query(Query())
    qtmodeltester.check(model, force_py=True)
    from PySide6.QtCore import QItemSelectionModel

    selection = QItemSelectionModel(model)
    chosen = model.entry_id(1)
    selection.setCurrentIndex(model.index(1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    release = threading.Event()
    original = repo.sorted_ids

    def slow_sorted_ids(*args, **kwargs):
        release.wait(5)
        return original(*args, **kwargs)

    monkeypatch.setattr(repo, "sorted_ids", slow_sorted_ids)
    before = model.ids()
    model.sort([c.key for c in model.columns].index("year"), Qt.SortOrder.DescendingOrder)
    assert model.searching() and model.ids() == before  # the GUI thread did not wait
    assert view.sort(Kind.PAPER) == ("year", True)
    release.set()
    qtbot.waitUntil(lambda: not model.searching(), timeout=5000)
    assert model.ids() == original(Kind.PAPER, "year", True)
    assert model.entry_id(selection.currentIndex().row()) == chosen


def test_a_large_catalogs_first_search_already_runs_off_the_gui_thread(qtbot, folder_catalog, monkeypatch):
    """The first search used to run on the GUI thread until one was measured slow (a stall of
    0.2-0.4 s at 100,000 papers under load); a small catalog still answers at once."""
    repo = folder_catalog.entries
    small = CatalogTableModel(repo, Kind.PAPER)
    small.set_query(Query())
    small.set_filter("GeoChat", {})  # a small catalog: answered at once, on the GUI thread
    assert not small.searching() and not small.searches_in_background()
    monkeypatch.setattr(ctm, "BACKGROUND_SEARCH_ABOVE", 0)  # as at 100,000 papers
    model = CatalogTableModel(repo, Kind.PAPER)
    model.set_query(Query())
    model.set_filter("GeoChat", {})
    assert model.searching() and model.searches_in_background()
    qtbot.waitUntil(lambda: not model.searching(), timeout=5000)
    assert model.ids() == repo.keep_matching(Kind.PAPER, repo.sorted_ids(Kind.PAPER), "GeoChat")


def test_answers_are_shown_as_they_arrive_while_later_typing_is_answered(qtbot, folder_catalog, monkeypatch):
    """Under load a search took longer than a key: an answer overtaken by later typing was
    dropped, so the table showed nothing new until the typing paused (p50 2.4 s at 150 ms a
    key). Now each answer is shown when it arrives and the newest follows."""
    import threading

    monkeypatch.setattr(ctm, "BACKGROUND_SEARCH_ABOVE", 0)
    repo = folder_catalog.entries
    model = CatalogTableModel(repo, Kind.PAPER)
    model.set_query(Query())
    original = repo.keep_matching
    gates = {"re": threading.Event(), "remote": threading.Event()}

    def gated(kind, ids, text, *args, **kwargs):
        if text in gates:
            gates[text].wait(5)
        return original(kind, ids, text, *args, **kwargs)

    monkeypatch.setattr(repo, "keep_matching", gated)
    shown = []
    model.queryChanged.connect(lambda: shown.append(model.query.text))
    model.set_filter("re", {})  # runs, slowly (the rows are behind for longer than ...
    qtbot.wait(int(ctm.FOLLOW_AFTER_S * 1000) + 50)  # ... the typing they may skip)
    model.set_filter("rem", {})  # ... this one is replaced before it starts ...
    model.set_filter("remote", {})  # ... by this one, which waits
    gates["re"].set()
    qtbot.waitUntil(lambda: shown == ["re"], timeout=5000)
    assert model.searching() and model.ids() == original(Kind.PAPER, repo.sorted_ids(Kind.PAPER), "re")
    gates["remote"].set()
    qtbot.waitUntil(lambda: not model.searching(), timeout=5000)
    assert shown == ["re", "remote"]  # "rem" never ran
    assert model.ids() == original(Kind.PAPER, repo.sorted_ids(Kind.PAPER), "remote")


def test_a_search_overtaken_at_once_is_stopped_and_never_painted(qtbot, folder_catalog, monkeypatch):
    """At 100,000 papers a query overtaken by the next key ran to its end and its rows were
    painted (20-25 ms of the GUI thread) before the newest query even started: the p95
    keystroke waited for both (burst p95 170-280 ms). Now, while the rows are only just
    behind, the overtaken query is stopped and its answer never shown; the newest is."""
    import threading

    monkeypatch.setattr(ctm, "BACKGROUND_SEARCH_ABOVE", 0)
    repo = folder_catalog.entries
    model = CatalogTableModel(repo, Kind.PAPER)
    model.set_query(Query())
    original = repo.keep_matching
    gate, stopped = threading.Event(), []

    def gated(kind, ids, text, *args, **kwargs):
        if text in ("re", "se"):
            gate.wait(5)
        try:
            return original(kind, ids, text, *args, **kwargs)
        except Exception as exc:
            stopped.append((text, type(exc).__name__))
            raise

    monkeypatch.setattr(repo, "keep_matching", gated)
    shown, failed = [], []
    model.queryChanged.connect(lambda: shown.append(model.query.text))
    model.queryFailed.connect(failed.append)
    model.set_filter("re", {})  # runs (held at the gate) ...
    model.set_filter("remote", {})  # ... and is overtaken at once
    gate.set()
    qtbot.waitUntil(lambda: not model.searching(), timeout=5000)
    assert stopped == [("re", "SearchStopped")]  # the overtaken one gave up
    assert shown == ["remote"] and failed == []  # only the newest painted
    assert model.ids() == original(Kind.PAPER, repo.sorted_ids(Kind.PAPER), "remote")

    # Typed back to the text being stopped: the newest (the same text) is not taken as failed.
    gate.clear()
    shown.clear()
    model.set_filter("se", {})
    model.set_filter("sen", {})  # never starts
    model.set_filter("se", {})
    gate.set()
    qtbot.waitUntil(lambda: not model.searching(), timeout=5000)
    assert stopped[1:] == [("se", "SearchStopped")] and failed == [] and shown == ["se"]
    assert model.ids() == original(Kind.PAPER, repo.sorted_ids(Kind.PAPER), "se")


def test_a_new_search_reads_no_row_it_already_read_and_an_edit_rereads_its_row(folder_catalog, monkeypatch):
    """The cells are cached by entry: typing one more letter shows rows already read without
    reading them again (a block read per keystroke before); an edit re-reads the edited row."""
    repo = folder_catalog.entries
    model = CatalogTableModel(repo, Kind.PAPER)
    model.set_query(Query())
    reads = []
    original = repo.fetch_rows
    monkeypatch.setattr(repo, "fetch_rows", lambda kind, ids, *a: reads.append(list(ids)) or original(kind, ids, *a))
    model.set_filter("remote", {})
    titles = _titles(model)
    assert reads and titles
    reads.clear()
    model.set_filter("remote sens", {})
    assert _titles(model) and not reads
    first = model.entry_id(0)
    model.apply_changes(repo.update(Kind.PAPER, first, {"venue": "Edited venue"}).changes)
    venue = [c.key for c in model.columns].index("venue")
    assert model.index(model.row_of(first), venue).data() == "Edited venue"
    assert reads == [[first]]
