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
