"""A table view over a :class:`CatalogTableModel`: header menu to choose visible columns,
database sorting on header clicks, and helpers for the selected entry ids."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from ...core.columns import DEFAULT_COLUMNS
from ...core.fields import Kind
from .empty_state import paint_hint
from ..models.catalog_table_model import CatalogTableModel, IdRole


class CatalogTable(QTableView):
    painted = Signal()  # after each paint of the rows

    def __init__(self, model: CatalogTableModel, object_name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setModel(model)
        model.shown = self._on_screen  # a hidden table searches once the typing pauses
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.apply_default_columns()

    def catalog_model(self) -> CatalogTableModel:
        return self.model()  # type: ignore[return-value]

    def apply_default_columns(self) -> None:
        header = self.horizontalHeader()
        model = self.catalog_model()
        widths = {"title": 380, "short_name": 110, "name": 180, "authors": 180, "year": 56, "venue": 100,
                  "tags:family": 90, "tags:task": 200, "code_url": 180, "data_type": 140, "scale": 160}
        keys = [col.key for col in model.columns]
        shown = [k for k in DEFAULT_COLUMNS[model.kind] if k in keys]
        for section, key in enumerate(keys):
            header.setSectionHidden(section, key not in shown)
            header.resizeSection(section, widths.get(key, 140))
        for position, key in enumerate(shown):  # the default columns first, in their order
            header.moveSection(header.visualIndex(keys.index(key)), position)

    def column_actions(self) -> list[QAction]:
        """One checkable action per column: checked when the column is shown."""
        header = self.horizontalHeader()
        model = self.catalog_model()
        actions = []
        for section in range(model.columnCount()):
            label = model.headerData(section, Qt.Orientation.Horizontal)
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(section))
            action.toggled.connect(lambda on, s=section: self.set_column_visible(s, on))
            actions.append(action)
        return actions

    def set_column_visible(self, section: int, visible: bool) -> None:
        header = self.horizontalHeader()
        if not visible and header.count() - header.hiddenSectionCount() <= 1:
            return  # keep at least one column
        header.setSectionHidden(section, not visible)
        if visible and header.sectionSize(section) < 20:
            header.resizeSection(section, 120)

    def _header_menu(self, pos) -> None:
        menu = QMenu(self)
        menu.setObjectName("columnMenu")
        for action in self.column_actions():
            menu.addAction(action)
        menu.exec(self.horizontalHeader().mapToGlobal(pos))

    # ---- an empty table says what to do ------------------------------------------------------

    def empty_text(self) -> str:
        model = self.catalog_model()
        if model.rowCount():
            return ""
        if model.is_filtered():
            return self.tr("Nothing matches the search and tags chosen. Try other words, or clear "
                           "the search box and the tags selected in the sidebar.")
        if model.kind is Kind.PAPER:
            return self.tr("No papers yet. Add one with File › New Paper (Ctrl+N), or import a "
                           "BibTeX, RIS, CSV or Markdown file with File › Import… (Ctrl+Shift+I).")
        return self.tr("No datasets yet. Add one with File › New Dataset (Ctrl+Shift+N), or "
                       "import a file with File › Import… (Ctrl+Shift+I).")

    def _on_screen(self) -> bool:
        try:
            return self.isVisible()
        except RuntimeError:  # the view is gone (its model outlived it): no reason to wait
            return True

    def showEvent(self, event):  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.catalog_model().search_now()  # a filter typed while the table was hidden

    def paintEvent(self, event):  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if not self.catalog_model().rowCount():
            paint_hint(self, self.empty_text())
        self.painted.emit()

    # ---- selection -----------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        return [self.model().index(r, 0).data(IdRole) for r in rows]

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def select_id(self, entry_id: int) -> bool:
        row = self.catalog_model().row_of(entry_id)
        if row is None:
            return False
        # Exactly this row (selectRow() would add to the selection while Ctrl is held).
        index = self.model().index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True
