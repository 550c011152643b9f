"""What a curator does to the selected entries, from the Entry menu, the rows' context menu (right
click) and the detail pane's "N selected" page alike: open the paper, PDF or code; copy a
citation in a chosen style, BibTeX, the DOI, arXiv id or link; add tags, set the reading
status, go to a linked entry, edit one field across the selection, swap summaries filed under the
wrong language, export or move to the trash. Every edit is one undo step.

``install(window)`` is the only entry point; the window keeps it as ``window.entry_actions``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QMessageBox

from ..core import references
from ..core.errors import CatalogError
from ..core.fields import Kind
from ..core.taxonomy import TaxonomyError
from ..core.validation import ValidationError
from .actions import ActionId
from .dialogs.edit_field_dialog import EditFieldDialog
from .language import current as current_language
from .links import open_link
from .taxonomy_text import attempt, label
from . import settings as cfg

CITATION_STYLE = cfg.Setting("view/citation_style", str, references.DEFAULT_STYLE)
READING_STATUS = "reading_status"  # the facet a reading status is a tag of


def install(window: QMainWindow) -> "EntryActions":
    window.entry_actions = EntryActions(window)
    return window.entry_actions


class EntryActions(QObject):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.catalog = window.catalog
        a = self.actions = window.actions
        handlers = {
            ActionId.OPEN_PAPER: self.open_paper, ActionId.OPEN_PDF: self.open_pdf,
            ActionId.OPEN_CODE: self.open_code, ActionId.COPY_CITATION: self.copy_citation,
            ActionId.COPY_BIBTEX: self.copy_bibtex, ActionId.COPY_DOI: self.copy_doi,
            ActionId.COPY_ARXIV: self.copy_arxiv, ActionId.COPY_LINK: self.copy_link,
            ActionId.EXPORT_SELECTED: self.export_selected, ActionId.EDIT_FIELD: self.edit_field,
            ActionId.SWAP_SUMMARIES: window.detail.swap_summaries,
        }
        for action_id, handler in handlers.items():
            a[action_id].triggered.connect(handler)
        self.style_menu = self._style_menu()
        self.status_menu = QMenu(self.tr("Reading &Status"), window)
        self.status_menu.setObjectName("readingStatusMenu")
        self.status_menu.aboutToShow.connect(self._fill_status_menu)
        self.linked_menu = QMenu(self.tr("Linked &Datasets"), window)
        self.linked_menu.setObjectName("linkedEntriesMenu")
        self.linked_menu.aboutToShow.connect(self._fill_linked_menu)
        self.menu = self._entry_menu()
        for table in window.tables.values():
            table.setContextMenuPolicy(table.contextMenuPolicy().CustomContextMenu)
            table.customContextMenuRequested.connect(lambda pos, t=table: self.show_context_menu(t, pos))
            # After the window's own slot (which shows the current entry): several rows selected
            # turn the detail pane into the "N selected" page.
            table.selectionModel().selectionChanged.connect(self._selection_changed)
            table.selectionModel().currentRowChanged.connect(self._selection_changed)
        window.tabs.currentChanged.connect(self._selection_changed)
        window.detail.entryShown.connect(self._entry_shown)
        self._awaiting: tuple | None = None  # (kind, id) whose entry actions wait for the detail pane
        window.detail.selection.set_actions(self._bulk_actions())
        self.update()

    # ---- menus ---------------------------------------------------------------------------------

    def _tag_action(self) -> QAction | None:
        controller = getattr(self.window, "taxonomy_controller", None)
        return controller.add_action if controller is not None else None

    def _entry_menu(self) -> QMenu:
        a, w = self.actions, self.window
        menu = QMenu(self.tr("E&ntry"), w)
        menu.setObjectName("entryMenu")
        w.menuBar().insertMenu(w.view_menu.menuAction(), menu)
        self._fill(menu, context=False)
        menu.aboutToShow.connect(self.update)
        return menu

    def _fill(self, menu: QMenu, context: bool) -> None:
        a = self.actions
        paper = self.window.current_kind() is Kind.PAPER or not context
        if paper:
            menu.addActions([a[ActionId.OPEN_PAPER], a[ActionId.OPEN_PDF], a[ActionId.OPEN_CODE]])
            menu.addSeparator()
        menu.addAction(a[ActionId.COPY_CITATION])
        menu.addMenu(self.style_menu)
        menu.addAction(a[ActionId.COPY_BIBTEX])
        if paper:
            menu.addActions([a[ActionId.COPY_DOI], a[ActionId.COPY_ARXIV]])
        menu.addAction(a[ActionId.COPY_LINK])
        menu.addSeparator()
        if self._tag_action() is not None:
            menu.addAction(self._tag_action())
        menu.addMenu(self.status_menu)
        self.linked_menu.setTitle(self.tr("Linked &Datasets") if self.window.current_kind() is Kind.PAPER
                                  else self.tr("Linked &Papers"))
        menu.addMenu(self.linked_menu)
        menu.addSeparator()
        if context:
            menu.addAction(a[ActionId.EDIT])
        menu.addActions([a[ActionId.EDIT_FIELD], a[ActionId.SWAP_SUMMARIES]])
        menu.addSeparator()
        menu.addAction(a[ActionId.EXPORT_SELECTED])
        menu.addAction(a[ActionId.DELETE])

    def _bulk_actions(self) -> list[QAction]:
        a = self.actions
        tag = [self._tag_action()] if self._tag_action() is not None else []
        status = self.status_menu.menuAction()
        return [*tag, status, a[ActionId.EDIT_FIELD], a[ActionId.COPY_CITATION], a[ActionId.COPY_BIBTEX],
                a[ActionId.EXPORT_SELECTED], a[ActionId.DELETE]]

    def _style_menu(self) -> QMenu:
        menu = QMenu(self.tr("Citation St&yle"), self.window)
        menu.setObjectName("citationStyleMenu")
        group = QActionGroup(menu)
        chosen = self.style()
        for key, name in references.STYLES.items():
            action = menu.addAction(QApplication.translate("Citation", name))
            action.setCheckable(True)
            action.setChecked(key == chosen)
            action.setData(key)
            group.addAction(action)
        group.triggered.connect(lambda action: cfg.put(self.window.settings, CITATION_STYLE, action.data()))
        return menu

    def style(self) -> str:
        chosen = cfg.get(self.window.settings, CITATION_STYLE)
        return chosen if chosen in references.STYLES else references.DEFAULT_STYLE

    def show_context_menu(self, table, pos) -> QMenu | None:
        """Right click on a row: select it unless it is part of the selection, then the menu."""
        index = table.indexAt(pos)
        if not index.isValid():
            return None
        if not table.selectionModel().isRowSelected(index.row(), index.parent()):
            table.selectRow(index.row())
        self.update()
        menu = QMenu(table)
        menu.setObjectName("rowContextMenu")
        self._fill(menu, context=True)
        self.context_menu = menu
        menu.popup(table.viewport().mapToGlobal(pos))
        return menu

    def _fill_status_menu(self) -> None:
        self.status_menu.clear()
        kind, ids = self.selection()
        facet = self._facet(READING_STATUS)
        if facet is None or not ids:
            self.status_menu.addAction(self.tr("No reading status facet")).setEnabled(False)
            return
        lang = "zh" if current_language().startswith("zh") else "en"
        held = {t.id for tags in self.catalog.taxonomy.entry_tags(kind, ids).values() for t in tags
                if t.facet_key == READING_STATUS}
        group = QActionGroup(self.status_menu)
        for node in facet.walk():
            action = self.status_menu.addAction(label(node, lang))
            action.setCheckable(True)
            action.setChecked(held == {node.id})
            action.setObjectName(f"readingStatus_{node.id}")
            group.addAction(action)
            action.triggered.connect(lambda _on=False, t=node.id: self.set_reading_status(t))
        self.status_menu.addSeparator()
        clear = self.status_menu.addAction(self.tr("No status"))
        clear.setObjectName("readingStatus_none")
        clear.triggered.connect(lambda: self.set_reading_status(None))

    def _facet(self, key: str):
        return next((f for f in self.catalog.taxonomy.tree(counts=False) if f.key == key), None)

    def _fill_linked_menu(self) -> None:
        self.linked_menu.clear()
        kind, entry_id = self.window.current_kind(), self.window.current_table().current_id()
        linked = self.catalog.entries.linked(kind, entry_id) if entry_id is not None else []
        other = Kind.DATASET if kind is Kind.PAPER else Kind.PAPER
        for link in linked:
            year = f" ({link.year})" if link.year else ""
            action = self.linked_menu.addAction(f"{link.title}{year}")
            action.triggered.connect(lambda _on=False, i=link.id: self.window.jump_to(other, i))
        if not linked:
            self.linked_menu.addAction(self.tr("No linked entries")).setEnabled(False)

    # ---- selection ------------------------------------------------------------------------------

    def selection(self) -> tuple[Kind, list[int]]:
        """The selected entries of the current tab (the current row when none is selected)."""
        table = self.window.current_table()
        ids = table.selected_ids()
        if not ids and table.current_id() is not None:
            ids = [table.current_id()]
        return self.window.current_kind(), ids

    def _entries(self) -> tuple[Kind, list]:
        kind, ids = self.selection()
        found = (self.catalog.entries.get(kind, i) for i in ids)
        return kind, [e for e in found if e is not None]

    def _current(self):
        """The current row's entry: the detail pane's copy when it shows it (a row switch
        reads the entry once), else read."""
        kind, entry_id = self.window.current_kind(), self.window.current_table().current_id()
        if entry_id is None:
            return None
        detail = self.window.detail
        if detail.current() == (kind, entry_id):
            return detail.entry()
        return self.catalog.entries.get(kind, entry_id)

    def _local_pdf(self, entry):
        detail = self.window.detail
        if detail.current() == (self.window.current_kind(), entry.id):
            return detail.local_pdf()
        return self.catalog.attachments.local_pdf(entry.id)

    def _selection_changed(self, *_args) -> None:
        kind, ids = self.selection()
        detail = self.window.detail
        if len(ids) > 1:
            detail.show_selection(kind, len(ids))
        elif detail.showing_selection() and not getattr(self.window, "_detail_deferred", False):
            detail.show_entry(kind, self.window.current_table().current_id())
        self.update()

    def _entry_shown(self, kind, entry_id) -> None:
        if self._awaiting == (kind, entry_id):
            self.update()

    def _detail_follows(self, kind: Kind, entry_id: int) -> bool:
        """The detail pane is about to show this entry (a row switch in a large catalog shows
        it a turn of the event loop after the table painted)."""
        window = self.window
        table = window.current_table()
        if window.detail.current() == (kind, entry_id):
            return False
        # the window's own slot for the new current row may not have run yet: it will wait too
        return window.detail_pending() or table.catalog_model().searches_in_background()

    def update(self) -> None:
        """Enable what applies to the selection now. What depends on the current entry's
        fields (its links, its PDF) waits for the detail pane to read the entry when it is about
        to: read here too, a row switch read the entry and its attachments twice more on the GUI
        thread, in the turn that also paints the table."""
        a = self.actions
        kind, ids = self.selection()
        one = len(ids) == 1
        current_id = self.window.current_table().current_id()  # the entry _current() reads
        follows = one and current_id is not None and self._detail_follows(kind, current_id)
        self._awaiting = (kind, current_id) if follows else None
        paper = kind is Kind.PAPER
        if self._awaiting is None:
            current = self._current() if one else None
            a[ActionId.OPEN_PAPER].setEnabled(bool(paper and current and references.paper_url(current)))
            a[ActionId.OPEN_PDF].setEnabled(bool(paper and current and (references.pdf_url(current) or
                                                                       self._local_pdf(current))))
            a[ActionId.OPEN_CODE].setEnabled(bool(paper and current and current.code_url))
        for action_id in (ActionId.COPY_CITATION, ActionId.COPY_BIBTEX, ActionId.COPY_LINK,
                          ActionId.EXPORT_SELECTED):
            a[action_id].setEnabled(bool(ids))
        a[ActionId.COPY_DOI].setEnabled(bool(ids) and paper)
        a[ActionId.COPY_ARXIV].setEnabled(bool(ids) and paper)
        a[ActionId.EDIT_FIELD].setEnabled(bool(ids))
        a[ActionId.SWAP_SUMMARIES].setEnabled(one)
        self.status_menu.setEnabled(bool(ids))
        self.linked_menu.setEnabled(one)

    # ---- opening ---------------------------------------------------------------------------------

    def open_paper(self) -> None:
        entry = self._current()
        if entry is not None and references.paper_url(entry):
            open_link(self.window, references.paper_url(entry))

    def open_pdf(self) -> None:
        entry = self._current()
        if entry is None:
            return
        local = self.catalog.attachments.local_pdf(entry.id)  # as the disk is now
        target = str(local) if local is not None else references.pdf_url(entry)
        if target:
            open_link(self.window, target)

    def open_code(self) -> None:
        entry = self._current()
        if entry is not None and entry.code_url:
            open_link(self.window, entry.code_url)

    # ---- copying --------------------------------------------------------------------------------

    def _copy(self, texts: list[str], what: str, missing: str) -> str:
        texts = [t for t in texts if t]
        if not texts:
            self.window.statusBar().showMessage(missing, 5000)
            return ""
        text = "\n".join(texts)
        QApplication.clipboard().setText(text)
        self.window.statusBar().showMessage(what.replace("%1", str(len(texts))), 4000)
        return text

    def copy_citation(self) -> str:
        _kind, entries = self._entries()
        style = self.style()
        text = references.references(entries, style)
        name = QApplication.translate("Citation", references.STYLES[style])
        return self._copy([text], self.tr("Copied %1 references (%2).").replace("%2", name).replace(
            "%1", str(len(entries))), self.tr("Nothing selected."))

    def copy_bibtex(self) -> str:
        kind, ids = self.selection()
        if not ids:
            return ""
        papers, datasets = (ids, []) if kind is Kind.PAPER else ([], ids)
        try:
            text = self.catalog.imports.export_text("bibtex", papers, datasets)
        except CatalogError as exc:
            QMessageBox.warning(self.window, self.tr("Copy BibTeX"), str(exc))
            return ""
        return self._copy([text.strip() + "\n"], self.tr("Copied %1 BibTeX entries.").replace(
            "%1", str(len(ids))), self.tr("Nothing selected."))

    def copy_doi(self) -> str:
        _kind, entries = self._entries()
        return self._copy([references.doi_of(e) for e in entries], self.tr("Copied %1 DOIs."),
                          self.tr("None of the selected entries has a DOI."))

    def copy_arxiv(self) -> str:
        _kind, entries = self._entries()
        return self._copy([references.arxiv_of(e) for e in entries], self.tr("Copied %1 arXiv ids."),
                          self.tr("None of the selected entries has an arXiv id."))

    def copy_link(self) -> str:
        kind, entries = self._entries()
        if kind is Kind.PAPER:
            links = [references.paper_url(e) for e in entries]
        else:
            links = [(e.download_urls or [None])[0] for e in entries]
        return self._copy(links, self.tr("Copied %1 links."), self.tr("None of the selected entries has a link."))

    # ---- editing ---------------------------------------------------------------------------------

    def set_reading_status(self, tag_id: int | None) -> None:
        """The selection's reading status becomes ``tag_id`` (None: none), one undo step."""
        kind, ids = self.selection()
        if ids:
            attempt(self.window, lambda: self.catalog.taxonomy.set_facet_tags(
                kind, ids, READING_STATUS, [tag_id] if tag_id is not None else []))

    def edit_field(self) -> None:
        kind, ids = self.selection()
        if not ids:
            return
        dialog = EditFieldDialog(kind, len(ids), self.window)
        self.field_dialog = dialog
        if dialog.exec():
            self.apply_field(kind, ids, dialog.changes())

    def apply_field(self, kind: Kind, ids: list[int], changes: dict) -> bool:
        self.window.detail.notes.flush()
        try:
            self.window.undo_stack.push_done(self.catalog.entries.update_many(kind, ids, changes))
        except (ValidationError, CatalogError, TaxonomyError) as exc:
            QMessageBox.warning(self.window, self.tr("Not saved"), str(exc))
            return False
        self.window.statusBar().showMessage(self.tr("Changed %1 entries.").replace("%1", str(len(ids))), 4000)
        return True

    def export_selected(self) -> None:
        controller = getattr(self.window, "io_controller", None)
        if controller is not None:
            controller.choose_export()
