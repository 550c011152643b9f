"""Puts the taxonomy into the main window: the tag sidebar and tag editor docks, tag chips in
the detail pane, View and Edit menu items, tag filtering of both tables, and refreshes of counts
after every edit (any undo stack change).

The tag counts take 0.3 s at 100,000 papers, so they are read on the thread pool: a refresh
shows new labels and colours at once with the last known counts, and the new counts when ready.

``install(window)`` is the only entry point; the window keeps the controller as
``window.taxonomy_controller``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QInputDialog, QMainWindow, QMenu

from ..core.taxonomy import SavedViewInfo, TagCounts, Taxonomy, apply_counts
from .language import resolve as resolve_language
from . import settings as cfg
from .models.tag_tree_model import TagTreeModel
from .taxonomy_text import attempt
from .tasks import run_silently
from .widgets.tag_chips import TagChips
from .widgets.tag_editor import TagEditor
from .widgets.tag_tree import TagSidebar


class TaxonomyController(QObject):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.taxonomy: Taxonomy = window.catalog.taxonomy  # its edits go on the window's undo stack
        lang = "zh" if resolve_language(cfg.get(window.settings, cfg.LANGUAGE)).startswith("zh") else "en"
        self._tree: list = []
        self._counts: TagCounts = {}  # the last counts read
        self._requested = 0  # generation of the latest counts request (never reused)
        self._answered = 0  # the latest generation whose answer came back
        self.sidebar_model = TagTreeModel(lang, editable=False, parent=self)
        self.editor_model = TagTreeModel(lang, editable=True, parent=self)

        self.sidebar = TagSidebar(self.taxonomy, self.sidebar_model, window.search_box.text, window)
        self.sidebar.filterChanged.connect(self.apply_filter)
        window.view.filterChanged.connect(self._follow_view)
        self.sidebar.viewActivated.connect(self.apply_view)
        self.sidebar_dock = self._dock(self.sidebar, "tagSidebarDock", self.tr("Tags"),
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.editor = TagEditor(self.taxonomy, self.editor_model, window)
        self.editor_dock = self._dock(self.editor, "tagEditor", self.tr("Tag editor"),
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.editor_dock.hide()
        # The editor opens as a window of its own beside the table (it can be docked): docked
        # at the side it took the width of the table and the summaries.
        self.editor_dock.setFloating(True)
        self.editor_dock.resize(560, 680)
        self._editor_placed = False
        self.editor_dock.visibilityChanged.connect(self._place_editor)

        # The sidebar counts what the current tab shows: SAR's papers on Papers, datasets on Datasets.
        self.sidebar_model.set_count_kind(window.current_kind())
        window.tabs.currentChanged.connect(lambda _i: self.sidebar_model.set_count_kind(window.current_kind()))
        self.chips = TagChips(self.taxonomy, self.sidebar_model, window.detail)
        window.detail.extras_layout.addWidget(self.chips)
        window.detail.entryShown.connect(self.chips.set_entry)
        self._build_menus()
        cfg.restore_state(window.settings, "mainWindow", window)  # the docks' places and visibility

        self.refresh(counts=False)  # the window's finish_setup() adds the counts
        self.sidebar.refresh_views()
        current = window.detail.current()
        self.chips.set_entry(*(current or (None, None)))

    def _dock(self, widget, name: str, title: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.window.addDockWidget(area, dock)
        return dock

    def _place_editor(self, visible: bool) -> None:
        if visible and self.editor_dock.isFloating() and not self._editor_placed:
            self._editor_placed = True
            frame = self.window.frameGeometry()
            self.editor_dock.move(frame.right() - self.editor_dock.width() - 40, frame.top() + 80)

    def _build_menus(self) -> None:
        w = self.window
        w.view_menu.addSeparator()
        for dock, text, shortcut in (
            (self.sidebar_dock, self.tr("Tag &sidebar"), "Ctrl+Shift+T"),
            (self.editor_dock, self.tr("Tag &editor"), "Ctrl+Shift+E"),
        ):
            action = dock.toggleViewAction()
            action.setText(text)
            action.setShortcut(shortcut)
            w.view_menu.addAction(action)
        menu = next(o for o in w.undo_action.associatedObjects() if isinstance(o, QMenu))  # Edit
        menu.addSeparator()
        self.add_action = menu.addAction(self.tr("Add tag to selection…"), self.add_tag_to_selection)
        self.add_action.setObjectName("actionAddTagToSelection")
        self.add_action.setShortcut("Ctrl+T")
        self.remove_action = menu.addAction(self.tr("Remove tag from selection…"),
                                            self.remove_tag_from_selection)
        self.remove_action.setObjectName("actionRemoveTagFromSelection")

    # ---- refreshing and filtering ---------------------------------------------------------

    def refresh(self, counts: bool = True, tree: bool = True, chips: bool = True) -> None:
        """Re-read the taxonomy after any edit or undo: labels, colours and the tree now (with
        the last known counts), the counts in the background unless ``counts`` is False.
        ``tree`` False: only entries' tags changed (an import, a bulk tagging), not the tags
        themselves, so the tree shown stays and only its counts are read again; ``chips`` False:
        the entry in the detail pane was not touched, its chips stay."""
        if tree or not self._tree:
            self._tree = self.taxonomy.tree(counts=False)
            apply_counts(self._tree, self._counts)
            self._show(self._tree)
        if chips:
            self.chips.refresh()
        if counts:
            self._requested += 1
            generation = self._requested
            run_silently(self, lambda _ctx: self.taxonomy.counts(),
                         lambda result: self._counts_read(generation, result),
                         lambda exc: self._counts_failed(generation, exc))

    def counts_pending(self) -> bool:
        """True while the counts of the latest refresh have not arrived."""
        return self._answered != self._requested

    def _counts_read(self, generation: int, counts: TagCounts) -> None:
        # Workers may finish out of order: only the latest request's counts are shown.
        if generation != self._requested:
            return
        self._answered = generation
        self._counts = counts
        apply_counts(self._tree, counts)
        self._show(self._tree)

    def _counts_failed(self, generation: int, exc: Exception) -> None:
        if generation == self._requested:
            self._answered = generation
        logging.getLogger(__name__).warning("reading the tag counts failed: %s", exc)

    def _show(self, tree: list) -> None:
        self.sidebar_model.set_tree(tree)
        self.editor_model.set_tree(tree)

    def apply_filter(self, tags: dict) -> None:
        self.window.view.set_tags(tags)

    def _follow_view(self) -> None:
        """The view's tag filter changed elsewhere (cleared, a saved view): select it here."""
        if self.sidebar.tag_filter() != self.window.view.tags:
            self.sidebar.blockSignals(True)
            self.sidebar.set_tag_filter(self.window.view.tags)
            self.sidebar.blockSignals(False)

    def apply_view(self, view: SavedViewInfo) -> None:
        self.window.search_box.blockSignals(True)
        self.window.search_box.setText(view.text)
        self.window.search_box.blockSignals(False)
        self.window.view.set_filter(view.text, view.tags)  # one search for the text and the tags

    # ---- bulk tagging -------------------------------------------------------------------------

    def _pick(self, title: str, tag_ids: list[int]) -> int | None:
        names = [self.sidebar_model.path(t) for t in tag_ids]
        if not names:
            return None
        choice, ok = QInputDialog.getItem(self.window, title, self.tr("Tag:"), names, 0, False)
        return tag_ids[names.index(choice)] if ok and choice in names else None

    def _tag_selection(self, kind, ids: list[int], tag_id: int, remove: bool) -> None:
        """One undo step for all selected rows; the rows stay selected afterwards."""
        edit = self.taxonomy.unassign if remove else self.taxonomy.assign
        attempt(self.window, lambda: edit(kind, ids, [tag_id]))
        table = self.window.tables[kind]
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for entry_id in ids:
            row = table.catalog_model().row_of(entry_id)
            if row is not None:
                table.selectionModel().select(table.model().index(row, 0), flags)

    def add_tag_to_selection(self) -> None:
        kind, ids = self.window.current_kind(), self.window.current_table().selected_ids()
        if not ids:
            return
        all_tags = [t.id for f in self.sidebar_model.facets() for t in f.walk()]
        title = self.tr("Add a tag to %1 entries").replace("%1", str(len(ids)))
        tag_id = self._pick(title, all_tags)
        if tag_id is not None:
            self._tag_selection(kind, ids, tag_id, remove=False)

    def remove_tag_from_selection(self) -> None:
        kind, ids = self.window.current_kind(), self.window.current_table().selected_ids()
        if not ids:
            return
        present = {t.id for tags in self.taxonomy.entry_tags(kind, ids).values() for t in tags}
        order = [t.id for f in self.sidebar_model.facets() for t in f.walk() if t.id in present]
        title = self.tr("Remove a tag from %1 entries").replace("%1", str(len(ids)))
        tag_id = self._pick(title, order)
        if tag_id is not None:
            self._tag_selection(kind, ids, tag_id, remove=True)


def install(window: QMainWindow) -> TaxonomyController:
    window.taxonomy_controller = TaxonomyController(window)
    return window.taxonomy_controller
