"""The main window: search box, papers and datasets tables, detail pane.

It talks to the data through its :class:`~..core.catalog.Catalog` only. Every change, made here,
by an undo, in another window, by the command line or another lab member, arrives as a
ChangeSet (:meth:`MainWindow.apply_changes`): the tables update the rows it names, the detail
pane and tag counts refresh when it concerns them. Changes made elsewhere are polled for every
second (``PRAGMA data_version`` / LISTEN), and on window activation.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
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

from ..core.catalog import Catalog
from ..core.entries import TRASH_DAYS
from ..core.errors import CatalogError, CatalogGone
from ..core.fields import Kind
from ..core.store.changes import ChangeSet
from ..core.store.checkpoints import spare_this_thread
from . import settings as cfg
from . import entry_actions, stats_controller, taxonomy_controller
from .actions import ActionId, create_actions
from .catalog_view import CatalogView
from .change_bus import changes_of
from .dialogs.entry_dialog import EntryDialog
from .dialogs.help_dialogs import ShortcutsDialog, show_about
from .dialogs.trash_dialog import TrashDialog
from .dialogs.preferences_dialog import PreferencesDialog
from .icons import bind
from .icons import refresh_all as refresh_icons
from .theme import apply_theme
from .models.catalog_table_model import CatalogTableModel
from .widgets.activation import skip_activation_repaints
from .widgets.catalog_table import CatalogTable
from .tasks import run_silently, settle, share_the_gil_finely
from .undo import UndoStack
from .widgets.detail_pane import DetailPane

# The first keystroke of a burst searches at once; later ones are coalesced: searched at most
# this long after the search before them, however fast the keys come (a small catalog's
# searches run on the GUI thread; a large catalog's run on a worker and are not coalesced).
SEARCH_COALESCE_MS = 60
DETAIL_AFTER_MS = 50  # a row switch's detail pane, at the latest (a large catalog)
POLL_MS = 1000  # how often changes made elsewhere are looked for
LEFT_MIN_WIDTH = 460  # the table: title, authors and year stay readable
DETAIL_MIN_WIDTH = 340


class MainWindow(QMainWindow):
    # Another catalog folder was chosen in Preferences (folder, copy the current catalog first).
    catalogSwitchRequested = Signal(Path, bool)
    serverSwitchRequested = Signal(str)  # a lab catalog's postgresql:// URL chosen in Preferences
    catalogLost = Signal(str)  # the open catalog file vanished (message for the user)

    def __init__(
        self,
        catalog: Catalog,
        settings: QSettings,
        parent=None,
        defer_setup: bool = False,
    ):
        """``defer_setup``: leave import/export and backups to :meth:`finish_setup`, which the
        app calls just after the first paint (they are not needed to show the catalog)."""
        super().__init__(parent)
        share_the_gil_finely()  # workers' Python no longer holds the GUI thread 5 ms per wait
        spare_this_thread()  # a note saved here never waits for the log's copy into the file
        self.catalog = catalog
        self.catalog_dir = catalog.data_dir
        self.setObjectName("mainWindow")
        title = self.tr("RSFM Desktop")
        self.setWindowTitle(f"{title} — {catalog.name}" if catalog.is_server else title)
        self.settings = settings
        catalog.author = cfg.get(settings, cfg.MEMBER_NAME) or None  # "added by / modified by"
        self.actions = create_actions(self)
        self.undo_stack = UndoStack(catalog, self)
        self.undo_stack.kept.connect(self._on_kept)
        self.undo_stack.failed.connect(self._on_undo_failed)
        catalog.taxonomy.on_command = self.undo_stack.push_done
        self.view = CatalogView(self)
        self._totals: dict[Kind, int] = {}
        # Until finish_setup() the detail pane stays empty: showing an entry is not needed for
        # the first paint.
        self._detail_deferred = defer_setup
        # In a large catalog a row switch paints the table first and fills the detail pane in
        # a later turn of the event loop, once the table has painted (each about half of the
        # switch's GUI time, so neither is a stall on its own; DETAIL_AFTER_MS if the table
        # does not paint); a run of switches (a held arrow key) fills it once.
        self._detail_timer = QTimer(self, singleShot=True, interval=DETAIL_AFTER_MS)
        self._detail_timer.timeout.connect(self._show_current_entry)

        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        bind(self.search_box.addAction(QIcon(), QLineEdit.ActionPosition.LeadingPosition), "find")
        self.search_box.setPlaceholderText(
            self.tr("Search titles, summaries (中文 / English), authors, remarks and notes")
        )
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_COALESCE_MS)
        self._search_timer.timeout.connect(self._burst_paused)
        self._search_waiting = False
        self.search_box.textChanged.connect(self._on_search_typed)

        self.tables = {
            kind: CatalogTable(CatalogTableModel(catalog.entries, kind, self, view=self.view), name)
            for kind, name in ((Kind.PAPER, "paperTable"), (Kind.DATASET, "datasetTable"))
        }
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("catalogTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.tables[Kind.PAPER], self.tr("Papers"))
        self.tabs.addTab(self.tables[Kind.DATASET], self.tr("Datasets"))

        from ..core.journal import RecoveryJournal
        from ..paths import recovery_dir

        self.journal = RecoveryJournal(recovery_dir(), catalog.name, catalog.catalog_id)
        self.detail = DetailPane(catalog, self, journal=self.journal, settings=settings)
        self.detail.jumpRequested.connect(self.jump_to)
        self.detail.commandDone.connect(self.undo_stack.push_done)

        left = QWidget(self)
        left.setMinimumWidth(LEFT_MIN_WIDTH)  # a dock or the detail pane never squeezes the table further
        self.detail.setMinimumWidth(DETAIL_MIN_WIDTH)
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
        self.connection_label = QLabel(self)
        self.connection_label.setObjectName("connectionLabel")
        self.connection_label.setStyleSheet("color: #b26a00; font-weight: 600;")
        self.connection_label.hide()
        self.statusBar().addPermanentWidget(self.connection_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self._build_menus()
        self._connect()
        self._restore()
        taxonomy_controller.install(self)
        stats_controller.install(self)  # a View menu item; the statistics load when first opened
        entry_actions.install(self)
        from . import catalog_lost

        catalog_lost.install(self)
        changes_of(catalog).changed.connect(self.apply_changes)
        catalog.start_watching()
        self._poll_timer = QTimer(self, interval=POLL_MS)
        self._poll_timer.timeout.connect(self.poll_changes)
        self._poll_timer.start()
        self._catalog_lost = False
        skip_activation_repaints(self)  # a dialog opening or closing repainted every table
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
        QTimer.singleShot(0, self.offer_recovered_notes)
        from . import backup_controller, io_controller, pdf_controller, sync_controller, warm_up

        warm_up.install(self)

        io_controller.install(self)
        pdf_controller.install(self)
        if self.catalog.backups is not None:
            backup_controller.install(self)
        sync_controller.install(self)
        self.taxonomy_controller.refresh()  # the tag counts, read in the background
        self.stats_controller.finish_setup()
        # Off the GUI thread: it writes, and a catalog another process is writing to would keep
        # the window waiting for its lock (what was purged reaches the tables as changes)
        run_silently(self, lambda _ctx: self.catalog.entries.empty_trash(older_than_days=TRASH_DAYS),
                     lambda _purged: None, self.trash_not_emptied)
        skip_activation_repaints(self)  # the views the controllers added

    def trash_not_emptied(self, exc: Exception) -> None:
        """Busy or offline: the old trash goes at the next start."""
        self.statusBar().showMessage(str(exc), 5000)

    def _build_menus(self) -> None:
        a = self.actions
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addActions([a[ActionId.NEW_PAPER], a[ActionId.NEW_DATASET]])
        file_menu.addSeparator()
        file_menu.addAction(a[ActionId.TRASH])
        if self.catalog.backups is not None:  # a lab server's backups are the server's job
            file_menu.addAction(a[ActionId.RESTORE_BACKUP])
        if not self.catalog.is_server:  # a lab catalog opened directly has nothing to sync
            file_menu.addActions([a[ActionId.SYNC_NOW], a[ActionId.SYNC_CONFLICTS]])
        a[ActionId.SYNC_NOW].setEnabled(False)  # until there is a lab server to sync with
        a[ActionId.SYNC_CONFLICTS].setEnabled(False)  # until a sync leaves conflicts
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
            table.painted.connect(self._table_painted)
            table.catalog_model().layoutChanged.connect(self._update_count)
            table.catalog_model().queryFailed.connect(lambda why: self.statusBar().showMessage(
                self.tr("The search could not run: %1").replace("%1", why), 8000))
            # A large catalog's search answers later, off the GUI thread: keep the entry then.
            table.catalog_model().searchAnswered.connect(lambda k=kind: self._keep_current_entry(k))
        self._current_before: dict[Kind, int | None] = {}
        self.view.filterAboutToChange.connect(
            lambda: self._current_before.update({k: t.current_id() for k, t in self.tables.items()}))
        self.view.filterChanged.connect(self._keep_current_entry)
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
        if self.tables[kind].catalog_model().searches_in_background():
            self._detail_timer.start(DETAIL_AFTER_MS)
        else:
            self._show_current_entry()
        self._update_actions()

    def detail_pending(self) -> bool:
        """A row switch is on screen and the detail pane shows its entry in a moment."""
        return self._detail_timer.isActive()

    def _table_painted(self) -> None:
        if self._detail_timer.isActive():  # the switch is on screen: the pane follows next
            self._detail_timer.start(0)

    def _show_current_entry(self) -> None:
        """The detail pane shows the current table's current entry."""
        self._detail_timer.stop()
        kind = self.current_kind()
        current = self.tables[kind].current_id()
        # A search that keeps the shown entry does not redraw it (the pane and its note).
        if not self._detail_deferred and (self.detail.current() != (kind, current) or current is None):
            self.detail.show_entry(kind, current)

    def _total(self, kind: Kind) -> int:
        """Live entries of a kind: the unfiltered table's row count, else counted once in SQL."""
        model = self.tables[kind].catalog_model()
        if not model.is_filtered():
            self._totals[kind] = model.rowCount()
        elif kind not in self._totals:
            self._totals[kind] = self.catalog.entries.count(kind)
        return self._totals[kind]

    def _update_count(self) -> None:
        kind = self.current_kind()
        model = self.tables[kind].catalog_model()
        shown = "…" if model.partial() else f"{model.rowCount():,}"  # first rows: the count follows
        total = self._total(kind)
        if self.tables[kind].catalog_model().is_filtered():
            text = (
                self.tr("%1 of %2 papers") if kind is Kind.PAPER else self.tr("%1 of %2 datasets")
            ).replace("%1", shown).replace("%2", f"{total:,}")
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

    def _on_search_typed(self, _text: str) -> None:
        """The first keystroke searches at once; in a burst of keystrokes the text is searched
        at most every SEARCH_COALESCE_MS (each keystroke would otherwise queue a query behind
        the last; waiting for the burst to pause made the rows lag the whole burst: p95 370 ms
        at 40 ms a key). A table that searches off the GUI thread gets every keystroke: it
        runs one query at a time and the newest next, itself."""
        if any(t.catalog_model().searches_in_background() for t in self.tables.values()):
            self._search_timer.stop()
            self._search_waiting = False
            self.apply_search()
            return
        if self._search_timer.isActive():
            self._search_waiting = True  # searched when the timer fires, not later
            return
        self._search_timer.start()
        self.apply_search()

    def _burst_paused(self) -> None:
        if self._search_waiting:
            self._search_waiting = False
            self._search_timer.start()  # keys still coming are coalesced again
            self.apply_search()

    def apply_search(self) -> None:
        """Show the search box's text in both tables (the view's filter)."""
        self.view.set_text(self.search_box.text())

    def _keep_current_entry(self, only: Kind | None = None) -> None:
        """After a new filter: the selected entry stays selected when it still matches."""
        for kind, table in self.tables.items():
            current = self._current_before.get(kind)
            if current is not None and only in (None, kind):
                table.select_id(current)
        self._on_current_changed(self.current_kind())

    # ---- changes, from here and from elsewhere ---------------------------------------------

    def apply_changes(self, changes: ChangeSet) -> None:
        """Redraw what a committed change touched (this window's, an undo's, another process's)."""
        self._totals.clear()
        for table in self.tables.values():
            current = table.current_id()
            table.catalog_model().apply_changes(changes)
            if current is not None and table.current_id() != current:
                table.select_id(current)
        self._update_count()
        shown = self.detail.current()
        if shown is not None and changes.touches(*shown):
            self.detail.entry_changed(changes.touches(*shown), external=changes.external)
        if changes.tags_changed() and hasattr(self, "taxonomy_controller"):
            tree = changes.taxonomy_changed()  # else only entries' tags: the counts alone are stale
            touched = shown is not None and changes.touches(*shown) is not None
            self.taxonomy_controller.refresh(tree=tree, chips=tree or touched)
        if changes.external:
            n = len(changes.changes)
            self.statusBar().showMessage(
                self.tr("%1 changes made elsewhere are shown.").replace("%1", str(n)), 4000)

    def poll_changes(self, catch_up: bool = False) -> None:
        """Look for changes others committed (never waits on a lock or the network)."""
        try:
            if self.catalog.file_missing():
                self._on_catalog_lost()
                return
            self.catalog.poll(catch_up)
        except Exception as exc:  # noqa: BLE001 (a damaged file, a lost connection: say so, keep going)
            self.statusBar().showMessage(str(exc), 5000)
        offline = not self.catalog.online
        if offline != self.connection_label.isVisible():
            self.connection_label.setText(self.tr("Lab server unreachable: your changes are kept and retried"))
            self.connection_label.setVisible(offline)

    def _on_catalog_lost(self) -> None:
        if self._catalog_lost:
            return
        self._catalog_lost = True
        self.detail.notes.catalog_lost()
        self.catalogLost.emit(str(CatalogGone(self.tr(
            "The catalog file %1 was deleted, moved or replaced while it was open.").replace(
            "%1", str(self.catalog.name)))))

    def event(self, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.WindowActivate:
            QTimer.singleShot(0, lambda: self.poll_changes(catch_up=True))
        return super().event(event)

    def _close_with_unsaved_work(self) -> bool:
        """Notes that could not be saved: keep trying, save them to a file, or quit and keep
        them (the recovery journal) for the next start. Never discards. True: close."""
        notes = self.detail.notes
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Unsaved notes"),
                          self.tr("%1 notes could not be saved to the catalog yet.").replace(
                              "%1", str(len(notes.unsaved()))), parent=self)
        box.setInformativeText(self.tr("Nothing is lost: they are kept in a recovery file and offered "
                                       "again when RSFM Desktop next opens this catalog."))
        keep_trying = box.addButton(self.tr("Keep trying"), QMessageBox.ButtonRole.RejectRole)
        to_file = box.addButton(self.tr("Save notes to a file…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("Quit and keep them for next time"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(keep_trying)
        box.exec()
        clicked = box.clickedButton()
        if clicked is keep_trying:
            return False
        if clicked is to_file and not self._save_unsaved_notes_to_file():
            return False
        notes.catalog_lost() if self._catalog_lost else notes.keep_for_next_time()
        return True

    def _save_unsaved_notes_to_file(self) -> bool:
        from PySide6.QtWidgets import QFileDialog

        start = Path(cfg.last_folder(self.settings, "notes")) / "rsfm-unsaved-notes.md"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save unsaved notes"), str(start),
                                              self.tr("Markdown (*.md)"))
        if not path:
            return False
        cfg.remember_folder(self.settings, "notes", path)
        parts = []
        for (kind, entry_id), pending in self.detail.notes.unsaved().items():
            title = dict(self.catalog.entries.titles_by_id(kind, [entry_id])).get(entry_id, f"{kind.value} {entry_id}")
            parts.append(f"# {title}\n\n{pending.body.rstrip()}\n")
        try:
            Path(path).write_text("\n".join(parts), encoding="utf-8")
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Save unsaved notes"),
                                self.tr("%1 could not be written: %2").replace("%1", path).replace("%2", exc.strerror or str(exc)))
            return False
        return True

    def offer_recovered_notes(self) -> int:
        """Notes an earlier run could not save: offer to put them back. Returns how many were."""
        recovered = self.journal.read()
        if not recovered:
            return 0
        titles = []
        for item in recovered:
            found = dict(self.catalog.entries.titles_by_id(item.kind, [item.entry_id]))
            titles.append(found.get(item.entry_id, f"#{item.entry_id}"))
        answer = QMessageBox.question(
            self, self.tr("Unsaved notes from last time"),
            self.tr("RSFM Desktop could not save these notes last time (%1):\n\n%2\n\nPut them back now? "
                    "A note changed since is shown beside yours to choose.")
            .replace("%1", recovered[0].saved_at).replace("%2", "\n".join(f"• {t}" for t in titles[:10])),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return 0  # the journal stays: offered again next time
        return self.detail.notes.adopt(recovered)

    def _on_kept(self, action: str, lines: list) -> None:
        self.statusBar().showMessage(
            self.tr("%1: later changes were kept (%2).").replace("%1", action).replace("%2", "; ".join(lines)),
            8000,
        )

    def _on_undo_failed(self, action: str, reason: str) -> None:
        QMessageBox.warning(self, self.tr("Undo"), self.tr("“%1” could not be undone or redone now:\n\n%2")
                            .replace("%1", action).replace("%2", reason))

    # ---- editing -------------------------------------------------------------------------

    def new_entry(self, kind: Kind) -> None:
        dialog = EntryDialog(self.catalog, kind, parent=self)
        dialog.commandDone.connect(self.undo_stack.push_done)
        if dialog.exec() and dialog.saved_id is not None:
            self.jump_to(kind, dialog.saved_id)
            self.statusBar().showMessage(self.tr("Added."), 4000)

    def edit_current(self) -> None:
        kind, table = self.current_kind(), self.current_table()
        entry_id = table.current_id()
        if entry_id is None:
            return
        dialog = EntryDialog(self.catalog, kind, entry_id, parent=self)
        dialog.commandDone.connect(self.undo_stack.push_done)
        if dialog.exec():
            self.statusBar().showMessage(self.tr("Saved."), 4000)

    def delete_selected(self) -> None:
        kind, table = self.current_kind(), self.current_table()
        ids = table.selected_ids()
        if not ids:
            return
        titles = [title for _id, title in self.catalog.entries.titles_by_id(kind, ids)]
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
        try:
            self.undo_stack.push_done(self.catalog.entries.delete(kind, ids))
        except CatalogError as exc:
            QMessageBox.warning(self, self.tr("Delete"), str(exc))
            return
        rows = table.model().rowCount()
        if rows:
            table.selectRow(min(first_row, rows - 1))
        else:
            self.detail.show_entry(None, None)
        self.statusBar().showMessage(self.tr("Deleted %1 entries.").replace("%1", str(len(ids))), 4000)

    def show_trash(self) -> None:
        self.detail.notes.flush()
        dialog = TrashDialog(self.catalog, self)
        dialog.commandDone.connect(self.undo_stack.push_done)
        dialog.exec()

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self.catalog, self)
        dialog.themeChanged.connect(self._apply_theme)
        dialog.fontSizeChanged.connect(self.detail.set_font_size)
        dialog.catalogChosen.connect(self.catalogSwitchRequested)
        dialog.serverChosen.connect(self.serverSwitchRequested)
        dialog.syncChanged.connect(self._sync_settings_changed)
        dialog.exec()

    def _sync_settings_changed(self) -> None:
        controller = getattr(self, "sync_controller", None)
        if controller is not None:
            controller.configure()
        else:
            self.catalog.author = cfg.get(self.settings, cfg.MEMBER_NAME) or None

    def _apply_theme(self, theme: str) -> None:
        apply_theme(QApplication.instance(), theme)
        refresh_icons()

    def refresh_tables(self) -> None:
        """Re-run both tables' queries (after a backup restore), keeping the selection."""
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
            self.search_box.blockSignals(True)
            self.search_box.clear()
            self.search_box.blockSignals(False)
            self.view.clear()
            table.select_id(entry_id)
        if self._detail_timer.isActive():  # a jump is one deliberate switch: the pane follows at once
            self._show_current_entry()

    def _on_note_saved(self, kind: Kind, entry_id: int) -> None:
        self.statusBar().showMessage(self.tr("Note saved."), 2000)

    # ---- misc ----------------------------------------------------------------------------

    def show_about(self) -> None:
        show_about(self)

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.findChildren(QAction), self).exec()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        notes = self.detail.notes
        if self._catalog_lost and not self.catalog_lost_controller.offer_before_close():
            event.ignore()
            return
        if not notes.flush(drain=True) and notes.has_unsaved() and not self._close_with_unsaved_work():
            event.ignore()
            return
        self.save_window_state()
        self._poll_timer.stop()
        if getattr(self, "sync_controller", None) is not None:
            self.sync_controller.close()
        changes_of(self.catalog).changed.disconnect(self.apply_changes)
        # What still runs for this window (tag counts, the trash emptied, a backup) is cancelled
        # and waited for: it would use a catalog about to close, and crash an exiting process
        settle(self)
        super().closeEvent(event)
