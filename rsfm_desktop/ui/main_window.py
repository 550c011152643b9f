"""The main window: search box, papers and datasets tables, detail pane."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..core.commands import CreateEntry, DeleteEntries, UpdateEntry
from ..core.fields import Kind
from ..core.services import TRASH_DAYS, CatalogService
from . import settings as cfg
from . import taxonomy_controller
from .actions import ActionId, create_actions
from .dialogs.entry_dialog import EntryDialog
from .dialogs.help_dialogs import ShortcutsDialog, show_about
from .dialogs.trash_dialog import TrashDialog
from .dialogs.preferences_dialog import PreferencesDialog
from .icons import bind
from .icons import refresh_all as refresh_icons
from .theme import apply_theme
from .models.catalog_table_model import CatalogTableModel
from .widgets.catalog_table import CatalogTable
from .undo import UndoStack
from .widgets.detail_pane import DetailPane

SEARCH_DEBOUNCE_MS = 150


class MainWindow(QMainWindow):
    # Another catalog folder was chosen in Preferences (folder, copy the current catalog first).
    catalogSwitchRequested = Signal(Path, bool)

    def __init__(
        self,
        service: CatalogService,
        settings: QSettings,
        catalog_dir: Path,
        parent=None,
        defer_setup: bool = False,
    ):
        """``defer_setup``: leave import/export and backups to :meth:`finish_setup`, which the
        app calls just after the first paint (they are not needed to show the catalog)."""
        super().__init__(parent)
        self.catalog_dir = catalog_dir
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("RSFM Desktop"))
        self.service = service
        self.settings = settings
        self.actions = create_actions(self)
        self.undo_stack = UndoStack(self._on_command_done, self)
        self._totals: dict[Kind, int] = {}
        # Until finish_setup() the detail pane stays empty: showing an entry reads it through
        # the ORM, whose import the first paint need not wait for.
        self._detail_deferred = defer_setup
        self.tag_filter: dict[int, frozenset[int]] = {}  # facet id -> tag ids, set by the tag sidebar

        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        bind(self.search_box.addAction(QIcon(), QLineEdit.ActionPosition.LeadingPosition), "find")
        self.search_box.setPlaceholderText(
            self.tr("Search titles, summaries (中文 / English), authors, remarks and notes")
        )
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())

        self.tables = {
            Kind.PAPER: CatalogTable(CatalogTableModel(service.repo, Kind.PAPER, self), "paperTable"),
            Kind.DATASET: CatalogTable(CatalogTableModel(service.repo, Kind.DATASET, self), "datasetTable"),
        }
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("catalogTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.tables[Kind.PAPER], self.tr("Papers"))
        self.tabs.addTab(self.tables[Kind.DATASET], self.tr("Datasets"))

        self.detail = DetailPane(service, self)
        self.detail.jumpRequested.connect(self.jump_to)
        self.detail.run_command = self.undo_stack.run

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 0)
        left_layout.addWidget(self.search_box)
        left_layout.addWidget(self.tabs)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.setCentralWidget(self.splitter)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("rowCountLabel")
        self.statusBar().addPermanentWidget(self.count_label)
        self._build_menus()
        self._connect()
        self._restore()
        taxonomy_controller.install(self)
        if not defer_setup:
            self.finish_setup()

    # ---- construction --------------------------------------------------------------------

    def finish_setup(self) -> None:
        """What the first paint does not need: import/export, backups, tag counts, old trash."""
        if hasattr(self, "io_controller"):
            return
        if self._detail_deferred:  # the entry restored from the last session
            self._detail_deferred = False
            self._on_current_changed(self.current_kind())
        from . import backup_controller, io_controller

        io_controller.install(self)
        backup_controller.install(self)
        self.taxonomy_controller.refresh()  # the tag counts, read in the background
        if self.service.empty_trash(older_than_days=TRASH_DAYS):
            self.refresh_tables()

    def _build_menus(self) -> None:
        a = self.actions
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addActions([a[ActionId.NEW_PAPER], a[ActionId.NEW_DATASET]])
        file_menu.addSeparator()
        file_menu.addAction(a[ActionId.TRASH])
        file_menu.addAction(a[ActionId.RESTORE_BACKUP])
        file_menu.addSeparator()
        file_menu.addAction(a[ActionId.PREFERENCES])
        file_menu.addSeparator()
        file_menu.addAction(a[ActionId.QUIT])
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setObjectName("actionUndo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        bind(self.undo_action, "undo")
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setObjectName("actionRedo")
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Shift+Z") not in redo_keys:
            redo_keys.insert(0, QKeySequence("Ctrl+Shift+Z"))
        self.redo_action.setShortcuts(redo_keys)
        bind(self.redo_action, "redo")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([a[ActionId.EDIT], a[ActionId.DELETE]])
        edit_menu.addSeparator()
        edit_menu.addAction(a[ActionId.FIND])
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.columns_menu = self.view_menu.addMenu(self.tr("&Columns"))
        bind(self.columns_menu, "columns")
        self.columns_menu.aboutToShow.connect(self._fill_columns_menu)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(a[ActionId.SHORTCUTS])
        help_menu.addAction(a[ActionId.ABOUT])

        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions(
            [a[ActionId.NEW_PAPER], a[ActionId.NEW_DATASET], a[ActionId.EDIT], a[ActionId.DELETE]]
        )
        self.addToolBar(toolbar)

    def _connect(self) -> None:
        a = self.actions
        a[ActionId.NEW_PAPER].triggered.connect(lambda: self.new_entry(Kind.PAPER))
        a[ActionId.NEW_DATASET].triggered.connect(lambda: self.new_entry(Kind.DATASET))
        a[ActionId.EDIT].triggered.connect(self.edit_current)
        a[ActionId.DELETE].triggered.connect(self.delete_selected)
        a[ActionId.FIND].triggered.connect(self.focus_search)
        a[ActionId.TRASH].triggered.connect(self.show_trash)
        a[ActionId.PREFERENCES].triggered.connect(self.show_preferences)
        a[ActionId.QUIT].triggered.connect(self.close)
        a[ActionId.ABOUT].triggered.connect(self.show_about)
        a[ActionId.SHORTCUTS].triggered.connect(self.show_shortcuts)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        for kind, table in self.tables.items():
            table.selectionModel().currentRowChanged.connect(
                lambda current, _prev, k=kind: self._on_current_changed(k)
            )
            table.selectionModel().selectionChanged.connect(self._update_actions)
            table.doubleClicked.connect(lambda _index: self.edit_current())
            table.catalog_model().queryChanged.connect(self._update_count)
            table.catalog_model().layoutChanged.connect(self._update_count)
        self.detail.notes.saved.connect(self._on_note_saved)
        self.detail.notes.saveFailed.connect(
            lambda msg: self.statusBar().showMessage(self.tr("Note not saved yet: %1").replace("%1", msg))
        )

    def _restore(self) -> None:
        cfg.restore_state(self.settings, "mainWindow", self)
        cfg.restore_state(self.settings, "mainSplitter", self.splitter)
        cfg.restore_state(self.settings, "detailSplitter", self.detail.splitter)
        if not self.settings.contains(f"{cfg.PERSIST_GROUP}/mainWindow/geometry"):
            self.resize(1360, 820)
            self.splitter.setSizes([800, 560])
            self.detail.splitter.setSizes([520, 300])
        for kind, table in self.tables.items():
            cfg.restore_state(self.settings, f"{table.objectName()}/header", table.horizontalHeader())
            table.setSortingEnabled(True)  # runs the first (sorted) query
        self.detail.set_font_size(cfg.get(self.settings, cfg.DETAIL_FONT_SIZE))
        self.tabs.setCurrentIndex(cfg.get(self.settings, cfg.LAST_TAB))
        self._restore_selection()
        self._update_count()
        self._update_actions()

    def _restore_selection(self) -> None:
        kind_name, _, entry_id = cfg.get(self.settings, cfg.LAST_SELECTED).partition(":")
        if kind_name in (k.value for k in Kind) and entry_id.isdigit():
            self.jump_to(Kind(kind_name), int(entry_id))

    def save_window_state(self) -> None:
        cfg.save_state(self.settings, "mainWindow", self)
        cfg.save_state(self.settings, "mainSplitter", self.splitter)
        cfg.save_state(self.settings, "detailSplitter", self.detail.splitter)
        for table in self.tables.values():
            cfg.save_state(self.settings, f"{table.objectName()}/header", table.horizontalHeader())
        cfg.put(self.settings, cfg.LAST_TAB, self.tabs.currentIndex())
        current = self.current_table().current_id()
        cfg.put(self.settings, cfg.LAST_SELECTED, f"{self.current_kind().value}:{current}" if current is not None else "")
        self.settings.sync()

    # ---- state ---------------------------------------------------------------------------

    def current_kind(self) -> Kind:
        return Kind.PAPER if self.tabs.currentIndex() == 0 else Kind.DATASET

    def current_table(self) -> CatalogTable:
        return self.tables[self.current_kind()]

    def _on_tab_changed(self, _index: int) -> None:
        self._on_current_changed(self.current_kind())
        self._update_count()
        self._update_actions()

    def _on_current_changed(self, kind: Kind) -> None:
        if kind is not self.current_kind():
            return
        if not self._detail_deferred:
            self.detail.show_entry(kind, self.tables[kind].current_id())
        self._update_actions()

    def _total(self, kind: Kind) -> int:
        """Live entries of a kind: the unfiltered table's row count, else counted once in SQL."""
        model = self.tables[kind].catalog_model()
        if not model.is_filtered():
            self._totals[kind] = model.rowCount()
        elif kind not in self._totals:
            self._totals[kind] = self.service.repo.count(kind)
        return self._totals[kind]

    def _update_count(self) -> None:
        kind = self.current_kind()
        shown = self.tables[kind].catalog_model().rowCount()
        total = self._total(kind)
        if self.tables[kind].catalog_model().is_filtered():
            text = (
                self.tr("%1 of %2 papers") if kind is Kind.PAPER else self.tr("%1 of %2 datasets")
            ).replace("%1", f"{shown:,}").replace("%2", f"{total:,}")
        else:
            text = (
                self.tr("%1 papers") if kind is Kind.PAPER else self.tr("%1 datasets")
            ).replace("%1", f"{total:,}")
        self.count_label.setText(text)

    def _update_actions(self, *_args) -> None:
        has_selection = bool(self.current_table().selected_ids())
        self.actions[ActionId.EDIT].setEnabled(self.current_table().current_id() is not None)
        self.actions[ActionId.DELETE].setEnabled(has_selection)

    def _fill_columns_menu(self) -> None:
        self.columns_menu.clear()
        for action in self.current_table().column_actions():
            self.columns_menu.addAction(action)

    # ---- search --------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def apply_search(self) -> None:
        """Run the search box's text in both tables, keeping the selected entry if it matches."""
        self._search_timer.stop()
        text = self.search_box.text()
        for kind, table in self.tables.items():
            current = table.current_id()
            table.catalog_model().set_filter(text, self.tag_filter)
            if current is not None:
                table.select_id(current)
        self._on_current_changed(self.current_kind())

    # ---- editing -------------------------------------------------------------------------

    def _on_command_done(self, _command) -> None:
        self.refresh_tables()
        self.detail.refresh()

    def new_entry(self, kind: Kind) -> None:
        def submit(values) -> int:
            text = self.tr("Add %1").replace("%1", str(values.get("title") or values.get("name")))
            return self.undo_stack.run(CreateEntry(self.service, kind, values), text).entry_id

        dialog = EntryDialog(self.service, kind, parent=self, submit=submit)
        if dialog.exec() and dialog.saved_id is not None:
            self.jump_to(kind, dialog.saved_id)
            self.statusBar().showMessage(self.tr("Added."), 4000)

    def edit_current(self) -> None:
        kind, table = self.current_kind(), self.current_table()
        entry_id = table.current_id()
        if entry_id is None:
            return

        def submit(values) -> int:
            self.undo_stack.run(UpdateEntry(self.service, kind, entry_id, values), self.tr("Edit"))
            return entry_id

        dialog = EntryDialog(self.service, kind, entry_id, parent=self, submit=submit)
        if dialog.exec():
            self.statusBar().showMessage(self.tr("Saved."), 4000)

    def delete_selected(self) -> None:
        kind, table = self.current_kind(), self.current_table()
        ids = table.selected_ids()
        if not ids:
            return
        titles = [title for _id, title in self.service.repo.titles_by_id(kind, ids)]
        shown = "\n".join(f"• {t}" for t in titles[:10])
        if len(titles) > 10:
            shown += "\n" + self.tr("… and %1 more").replace("%1", str(len(titles) - 10))
        question = (
            self.tr("Move this entry to the trash?")
            if len(ids) == 1
            else self.tr("Move these %1 entries to the trash?").replace("%1", str(len(ids)))
        )
        answer = QMessageBox.question(
            self,
            self.tr("Delete"),
            f"{question}\n\n{shown}\n\n" + self.tr("Their notes, links and attachments are kept with them."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.detail.notes.flush()
        first_row = min(table.catalog_model().row_of(i) or 0 for i in ids)
        text = self.tr("Delete %1 entries").replace("%1", str(len(ids)))
        self.undo_stack.run(DeleteEntries(self.service, kind, ids), text)
        rows = table.model().rowCount()
        if rows:
            table.selectRow(min(first_row, rows - 1))
        else:
            self.detail.show_entry(None, None)
        self.statusBar().showMessage(self.tr("Deleted %1 entries.").replace("%1", str(len(ids))), 4000)

    def show_trash(self) -> None:
        self.detail.notes.flush()
        dialog = TrashDialog(self.service, self)
        dialog.changed.connect(self.refresh_tables)
        dialog.exec()

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self.catalog_dir, self)
        dialog.themeChanged.connect(self._apply_theme)
        dialog.fontSizeChanged.connect(self.detail.set_font_size)
        dialog.catalogChosen.connect(self.catalogSwitchRequested)
        dialog.exec()

    def _apply_theme(self, theme: str) -> None:
        apply_theme(QApplication.instance(), theme)
        refresh_icons()

    def refresh_tables(self) -> None:
        """Re-run both tables' queries (after restores, imports, ...), keeping the selection."""
        self._totals.clear()
        for table in self.tables.values():
            current = table.current_id()
            table.catalog_model().refresh()
            if current is not None:
                table.select_id(current)
        self._update_count()

    def jump_to(self, kind: Kind, entry_id: int) -> None:
        """Show an entry: switch tab, clear a search or tag filter that hides it, select it."""
        table = self.tables[kind]
        self.tabs.setCurrentWidget(table)
        if not table.select_id(entry_id) and table.catalog_model().is_filtered():
            self.search_box.clear()
            if self.tag_filter:
                self.taxonomy_controller.sidebar.clear_filter()  # re-runs the search too
            self.apply_search()
            table.select_id(entry_id)

    def _on_note_saved(self, kind: Kind, entry_id: int) -> None:
        self.statusBar().showMessage(self.tr("Note saved."), 2000)

    # ---- misc ----------------------------------------------------------------------------

    def show_about(self) -> None:
        show_about(self)

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.findChildren(QAction), self).exec()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.detail.notes.flush()
        self.save_window_state()
        super().closeEvent(event)
