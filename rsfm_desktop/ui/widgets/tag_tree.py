"""The tag sidebar: the taxonomy tree with counts and colours, whose selection filters the
tables (OR within a facet, AND across facets), a "Clear filters" control, and saved views."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...core.taxonomy import SavedViewInfo, Taxonomy
from .empty_state import HintListWidget
from ..models.tag_tree_model import FacetIdRole, KeyRole, TagIdRole, TagTreeModel
from ..taxonomy_text import attempt, label

TagFilter = dict[int, frozenset[int]]
ViewRole = Qt.ItemDataRole.UserRole + 1  # the SavedViewInfo of a saved-view row


class TreeState:
    """Keeps a tree view's expanded rows and selection (by :data:`KeyRole`) across resets;
    facets start expanded."""

    def __init__(self, view: QTreeView):
        self.view = view
        self._expanded: set | None = None
        self._selected: list = []
        view.model().modelAboutToBeReset.connect(self._save)
        view.model().modelReset.connect(self._restore)

    def _indexes(self, parent: QModelIndex = QModelIndex()):
        model = self.view.model()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            yield index
            yield from self._indexes(index)

    def _save(self) -> None:
        if not self.view.model().rowCount():
            return  # first fill: facets start expanded
        self._expanded = {i.data(KeyRole) for i in self._indexes() if self.view.isExpanded(i)}
        self._selected = [i.data(KeyRole) for i in self.view.selectionModel().selectedRows()]

    def _restore(self) -> None:
        model: TagTreeModel = self.view.model()
        if self._expanded is None:
            self.view.expandToDepth(0)
        for key in self._expanded or ():
            self.view.setExpanded(model.index_of(key), True)
        selection = QItemSelection()
        for key in self._selected:
            index = model.index_of(key)
            if index.isValid():
                selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().select(selection, flags)


def tag_tree_view(model: TagTreeModel, object_name: str, parent: QWidget) -> QTreeView:
    view = QTreeView(parent)
    view.setObjectName(object_name)
    view.setModel(model)
    view.setHeaderHidden(True)
    view.setUniformRowHeights(True)
    view.header().setStretchLastSection(False)
    view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    view.state = TreeState(view)
    return view


class TagSidebar(QWidget):
    filterChanged = Signal(object)  # dict: facet id -> frozenset of tag ids
    viewActivated = Signal(object)  # SavedViewInfo

    def __init__(self, taxonomy: Taxonomy, model: TagTreeModel, current_text: Callable[[], str], parent=None):
        super().__init__(parent)
        self.setObjectName("tagSidebar")
        self.taxonomy = taxonomy
        self.model = model
        self._current_text = current_text
        self._filter: TagFilter = {}

        self.summary = QLabel(self)
        self.summary.setObjectName("tagFilterSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("clearTagFilters")
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.setToolTip(self.tr("Show all entries again (the search text stays)"))
        self.clear_button.clicked.connect(self.clear_filter)
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)

        self.tree = tag_tree_view(model, "tagTree", self)
        self.tree.setToolTip(self.tr("Select tags to filter: any of them within a facet, all facets together"))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.tree.selectionModel().selectionChanged.connect(self._on_selection)

        self.views = HintListWidget(self.tr("No saved views yet. Search or select tags, then "
                                            "“Save view…” keeps that filter here."), self)
        self.views.setObjectName("savedViews")
        self.views.setMaximumHeight(160)
        self.views.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.views.customContextMenuRequested.connect(self._view_menu)
        self.views.itemClicked.connect(lambda item: self.viewActivated.emit(item.data(ViewRole)))
        self.views.itemActivated.connect(lambda item: self.viewActivated.emit(item.data(ViewRole)))
        self.save_button = QToolButton(self)
        self.save_button.setObjectName("saveViewButton")
        self.save_button.setText(self.tr("Save view…"))
        self.save_button.setToolTip(self.tr("Save the search text and selected tags under a name"))
        self.save_button.clicked.connect(self.save_view)
        views_head = QHBoxLayout()
        heading = QLabel(self.tr("Saved views"), self)
        heading.setStyleSheet("font-weight: 600;")
        views_head.addWidget(heading, 1)
        views_head.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.tree, 1)
        layout.addLayout(views_head)
        layout.addWidget(self.views)
        self._show_summary()

    # ---- the tag filter ----------------------------------------------------------------------

    def tag_filter(self) -> TagFilter:
        return dict(self._filter)

    def _selected_filter(self) -> TagFilter:
        out: dict[int, set[int]] = {}
        for index in self.tree.selectionModel().selectedRows():
            if index.data(TagIdRole) is not None:
                out.setdefault(index.data(FacetIdRole), set()).add(index.data(TagIdRole))
        return {facet: frozenset(tags) for facet, tags in out.items()}

    def _on_selection(self, *_args) -> None:
        tags = self._selected_filter()
        if tags != self._filter:
            self._filter = tags
            self._show_summary()
            self.filterChanged.emit(self.tag_filter())

    def set_tag_filter(self, tags: TagFilter) -> None:
        """Select exactly these tags (those that still exist); emits filterChanged if it changed."""
        selection = QItemSelection()
        for tag_ids in tags.values():
            for tag_id in tag_ids:
                index = self.model.index_of(("tag", tag_id))
                if index.isValid():
                    selection.select(index, index)
                    self.tree.scrollTo(index)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.tree.selectionModel().select(selection, flags)
        self._on_selection()

    def clear_filter(self) -> None:
        self.tree.selectionModel().clearSelection()
        self._on_selection()

    def _show_summary(self) -> None:
        parts = []
        for facet in self.model.facets():
            chosen = self._filter.get(facet.id)
            if chosen:
                names = [label(t, self.model.lang) for t in facet.walk() if t.id in chosen]
                parts.append(f"{label(facet, self.model.lang)}: " + self.tr(" or ").join(names))
        self.summary.setText(self.tr(" and ").join(parts) if parts else self.tr("Select tags to filter"))
        self.clear_button.setVisible(bool(parts))

    # ---- saved views --------------------------------------------------------------------------

    def refresh_views(self) -> None:
        self.views.clear()
        for view in self.taxonomy.views():
            item = QListWidgetItem(view.name, self.views)
            item.setData(ViewRole, view)
            item.setToolTip(view.text or "")

    def save_view(self) -> int | None:
        name, ok = QInputDialog.getText(self, self.tr("Save view"), self.tr("Name of the view:"))
        if not ok or not name.strip():
            return None
        view_id = attempt(self, lambda: self.taxonomy.create_view(name, self._current_text(), self._filter))
        self.refresh_views()
        return view_id

    def _view_menu(self, pos) -> None:
        item = self.views.itemAt(pos)
        if item is None:
            return
        view: SavedViewInfo = item.data(ViewRole)
        menu = QMenu(self)
        menu.addAction(self.tr("Show"), lambda: self.viewActivated.emit(view))
        menu.addAction(self.tr("Rename…"), lambda: self.rename_view(view))
        menu.addAction(self.tr("Save current filter into it"), lambda: self.update_view(view))
        menu.addSeparator()
        menu.addAction(self.tr("Delete"), lambda: self.delete_view(view))
        menu.exec(self.views.viewport().mapToGlobal(pos))

    def rename_view(self, view: SavedViewInfo) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Rename view"), self.tr("New name:"), text=view.name)
        if ok:
            attempt(self, lambda: self.taxonomy.rename_view(view.id, name))
            self.refresh_views()

    def update_view(self, view: SavedViewInfo) -> None:
        attempt(self, lambda: self.taxonomy.update_view(view.id, self._current_text(), self._filter))
        self.refresh_views()

    def delete_view(self, view: SavedViewInfo) -> None:
        answer = QMessageBox.question(
            self, self.tr("Delete view"), self.tr("Delete the saved view “%1”?").replace("%1", view.name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.taxonomy.delete_view(view.id)
            self.refresh_views()
