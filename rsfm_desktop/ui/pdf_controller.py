"""Reading the papers inside the catalog, wired into the main window (``install(window)``,
called once from ``MainWindow.finish_setup``):

* the search scope beside the search box (the fields only, or the attached PDFs' text too) and
  the pages that match, shown in the detail pane's attachments;
* the reader windows (one per file), opened from the attachments list, a full-text hit or a
  quote's page link in a note, at that page; "Quote in note" appends to the entry's note;
* File → Attach Files…, and files dropped on a row of either table;
* the background full-text indexing, its progress in the status bar with a pause button, and
  the files it could not read.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QHBoxLayout, QLabel, QMessageBox, QToolButton

from ..core.entries import TRASH_DAYS
from ..core.fields import Kind
from ..core.fulltext.extract import PROBLEMS
from ..core.quotes import parse_page_link, quote_block
from ..core.store.changes import ATTACHMENTS
from .actions import ActionId
from .change_bus import changes_of
from .fulltext_runner import FulltextRunner
from .icons import bind
from .links import open_link
from .reader.reader_window import ReaderWindow
from .tasks import run_silently

REFRESH_MS = 800  # a full-text search is re-run this long after files were indexed


def install(window) -> "PdfController":
    controller = PdfController(window)
    window.pdf_controller = controller
    return controller


class _RowDrops(QObject):
    """Files dropped on a table row are attached to that row's entry (Ctrl: stored copies)."""

    def __init__(self, controller: "PdfController", kind: Kind, table):
        super().__init__(table)
        self.controller, self.kind, self.table = controller, kind, table
        table.setAcceptDrops(True)
        table.viewport().setAcceptDrops(True)
        table.viewport().installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            urls = event.mimeData().urls() if event.mimeData() else []
            if urls and all(u.isLocalFile() for u in urls) and self._entry_at(event) is not None:
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if event.type() == QEvent.Type.Drop:
            entry_id = self._entry_at(event)
            paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
            if entry_id is not None and paths:
                store = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
                self.controller.attach_to(self.kind, entry_id, paths, store)
                event.acceptProposedAction()
            return True
        return False

    def _entry_at(self, event) -> int | None:
        index = self.table.indexAt(event.position().toPoint())
        return self.table.catalog_model().entry_id(index.row()) if index.isValid() else None


class PdfController(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.catalog = window.catalog
        self.readers: dict[int, ReaderWindow] = {}
        self.pane = window.detail.attachments
        self.pane.openRequested.connect(self.open_reader)
        window.detail.notes.preview.pageLinkActivated.connect(self.open_page_link)
        self._install_scope()
        self._install_actions()
        self.drops = [_RowDrops(self, kind, table) for kind, table in window.tables.items()]
        self._install_indexing()
        run_silently(self, lambda _ctx: self.catalog.attachments.empty_trash(older_than_days=TRASH_DAYS),
                     lambda _purged: None, window.trash_not_emptied)  # off the GUI thread, as the entries'

    # ---- the search scope ------------------------------------------------------------------

    def _install_scope(self) -> None:
        box = self.window.search_box
        self.scope = QComboBox(self.window)
        self.scope.setObjectName("searchScope")
        self.scope.addItem(self.tr("Fields"), False)
        self.scope.addItem(self.tr("Fields and PDF text"), True)
        self.scope.setToolTip(self.tr("Search the fields and notes only, or the text of attached PDFs too"))
        self.scope.currentIndexChanged.connect(lambda _i: self.window.view.set_fulltext(self.scope.currentData()))
        layout = box.parentWidget().layout()
        index = layout.indexOf(box)
        layout.removeWidget(box)
        row = QHBoxLayout()
        row.addWidget(box, 1)
        row.addWidget(self.scope)
        layout.insertLayout(index, row)
        self.window.view.filterChanged.connect(self._show_hits)
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh.timeout.connect(self._refresh_search)

    def set_fulltext(self, on: bool) -> None:
        self.scope.setCurrentIndex(1 if on else 0)

    def _show_hits(self) -> None:
        view = self.window.view
        self.pane.set_search(view.text if view.fulltext else "")

    def _refresh_search(self) -> None:
        view = self.window.view
        if view.fulltext and view.text.strip():
            self.window.refresh_tables()
            self.pane.set_search("")
            self._show_hits()

    # ---- attaching -------------------------------------------------------------------------

    def _install_actions(self) -> None:
        action = self.window.actions[ActionId.ATTACH]
        action.triggered.connect(lambda: self.pane.choose_files(store=False))
        file_menu = self.window.menuBar().actions()[0].menu()
        file_menu.insertAction(self.window.actions[ActionId.TRASH], action)
        file_menu.insertSeparator(self.window.actions[ActionId.TRASH])
        self.window.detail.entryShown.connect(lambda kind, _id: action.setEnabled(kind is not None))
        action.setEnabled(self.window.detail.current() is not None)

    def attach_to(self, kind: Kind, entry_id: int, paths: list[Path], store: bool = False) -> bool:
        """Attach files to any entry (a drop on its row): shown in the detail pane, then attached."""
        self.window.jump_to(kind, entry_id)
        return self.pane.attach(paths, store)

    # ---- the reader --------------------------------------------------------------------------

    def open_reader(self, attachment_id: int, page: int = 1) -> ReaderWindow | None:
        """Open an attached PDF in its reader window (raised if open), at ``page``."""
        info = self.catalog.attachments.get(attachment_id)
        path = self.catalog.attachments.openable(attachment_id) if info is not None else None
        if path is None:
            reason = (self.tr("The file is not on this computer.") if info is not None and not info.exists
                      else self.tr("Only documents (such as PDF files) can be opened, not programs."))
            QMessageBox.warning(self.window, self.tr("Not opened"), reason)
            return None
        reader = self.readers.get(attachment_id)
        if reader is None:
            kind, entry_id = info.owner
            title = dict(self.catalog.entries.titles_by_id(kind, [entry_id])).get(entry_id, "")
            reader = ReaderWindow(path, title, self.window)  # closes with the main window
            reader.setWindowFlag(Qt.WindowType.Window)  # a window of its own, not a child widget
            reader.quoteRequested.connect(lambda text, pg, a=attachment_id: self.quote(a, text, pg))
            reader.openExternally.connect(lambda p=path: open_link(self.window, str(p)))
            reader.destroyed.connect(lambda *_a, a=attachment_id: self.readers.pop(a, None))
            self.readers[attachment_id] = reader
        reader.show()
        reader.raise_()
        reader.activateWindow()
        view = self.window.view
        if view.fulltext and view.text.strip():
            reader.find(view.text.strip().split()[0], jump=False)  # highlighted on the hit's page
        reader.go_to_page(page)
        return reader

    def open_page_link(self, url: str) -> ReaderWindow | None:
        """A quote's page link in a note's preview."""
        link = parse_page_link(url)
        info = self.catalog.attachments.by_uuid(link.attachment_uuid) if link else None
        if info is None:
            QMessageBox.warning(self.window, self.tr("Not opened"),
                                self.tr("The quoted file is no longer attached to any entry."))
            return None
        return self.open_reader(info.id, link.page)

    def quote(self, attachment_id: int, text: str, page: int) -> None:
        """Append the selection as a Markdown quote with its page to its entry's note."""
        info = self.catalog.attachments.get(attachment_id)
        if info is None:
            return
        block = quote_block(text, page, info.uuid)
        kind, entry_id = info.owner
        if self.window.detail.current() != (kind, entry_id):
            self.window.jump_to(kind, entry_id)
        try:
            self.window.detail.notes.append_block((kind, entry_id), block)
        except Exception as exc:  # noqa: BLE001 (a conflict or a busy catalog: the quote is offered back)
            QApplication.clipboard().setText(block)
            QMessageBox.warning(self.window, self.tr("Quote not added"),
                                self.tr("The note could not be changed (%1). The quote is on the clipboard.")
                                .replace("%1", str(exc)))
            return
        self.window.statusBar().showMessage(self.tr("Quoted p. %1 into the note.").replace("%1", str(page)), 4000)

    # ---- indexing ------------------------------------------------------------------------------

    def _install_indexing(self) -> None:
        bar = self.window.statusBar()
        self.index_label = QLabel(self.window)
        self.index_label.setObjectName("fulltextProgress")
        self.problems_label = QLabel(self.window)
        self.problems_label.setObjectName("fulltextProblems")
        self.problems_label.setTextFormat(Qt.TextFormat.RichText)
        self.problems_label.linkActivated.connect(lambda _href: self.show_problems())
        self.pause_button = QToolButton(self.window)
        self.pause_button.setObjectName("fulltextPause")
        self.pause_button.setCheckable(True)
        self.pause_button.setAutoRaise(True)
        bind(self.pause_button, "pause")
        self.pause_button.setToolTip(self.tr("Pause reading the PDFs (it goes on where it stopped)"))
        self.pause_button.toggled.connect(self._pause_toggled)
        for widget in (self.problems_label, self.index_label, self.pause_button):
            bar.addPermanentWidget(widget)
            widget.hide()
        self.runner = FulltextRunner(self.catalog, self)
        self.runner.started.connect(self._round_started)
        self.runner.fileDone.connect(self._file_done)
        self.runner.finished.connect(self._round_finished)
        self.runner.failed.connect(lambda msg: bar.showMessage(msg, 5000))
        changes_of(self.catalog).changed.connect(self._on_changes)
        QApplication.instance().aboutToQuit.connect(self.runner.stop)
        self.window.destroyed.connect(lambda *_a: self.runner.stop(0.5))
        self.runner.start()
        self._show_problems_count()

    def _on_changes(self, changes) -> None:
        """Files attached, found again or restored (here or elsewhere): read what is new."""
        # Each row's change and each bulk group once: iterating a 10,000-entry import's changes
        # one by one made 10,000 records on the GUI thread (about a second under load).
        if any(c.entity == "attachment" and c.op != "update" or ATTACHMENTS in c.fields
               for c in (*changes.changes, *changes.bulk)):
            self.runner.rescan_soon()

    def _pause_toggled(self, paused: bool) -> None:
        self.runner.pause(paused)
        bind(self.pause_button, "resume" if paused else "pause")
        self.pause_button.setToolTip(self.tr("Go on reading the PDFs") if paused
                                     else self.tr("Pause reading the PDFs (it goes on where it stopped)"))
        self._show_progress()

    def _round_started(self, total: int) -> None:
        self.index_label.show()
        self.pause_button.show()
        self._show_progress()

    def _show_progress(self) -> None:
        text = self.tr("Reading PDFs: %1 of %2").replace("%1", str(self.runner.done)).replace(
            "%2", str(self.runner.total))
        if self.runner.paused:
            text = self.tr("Reading PDFs paused: %1 of %2").replace("%1", str(self.runner.done)).replace(
                "%2", str(self.runner.total))
        self.index_label.setText(text)

    def _file_done(self, _done: int, _total: int, report) -> None:
        self._show_progress()
        if report is not None and not report.unchanged:
            self._refresh.start()

    def _round_finished(self, _read: int) -> None:
        if self.runner.paused:
            return
        self.index_label.hide()
        self.pause_button.hide()
        self._show_problems_count()
        self.pane.refresh()

    def _show_problems_count(self) -> None:
        try:
            problems = self.catalog.attachments.fulltext.problems()
        except Exception:  # noqa: BLE001 (a closed catalog)
            return
        unreadable = [p for p in problems if p[2] in PROBLEMS and p[2] != "missing"]
        if unreadable:
            link = self.tr("%1 PDFs could not be read").replace("%1", str(len(unreadable)))
            self.problems_label.setText(f'<a href="problems">{link}</a>')
        self.problems_label.setVisible(bool(unreadable))

    def show_problems(self) -> None:
        lines = []
        for _id, name, status, message in self.catalog.attachments.fulltext.problems():
            if status in PROBLEMS and status != "missing":
                reason = QCoreApplication.translate("Fulltext", PROBLEMS[status])
                lines.append(f"• {name}: {reason}" + (f" ({message})" if message else ""))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("PDFs not searchable"),
                          self.tr("The text of these files could not be read; they are still attached "
                                  "and open in the reader or the system viewer."), parent=self.window)
        box.setObjectName("fulltextProblemsBox")
        box.setDetailedText("\n".join(lines))
        box.setInformativeText("\n".join(lines[:10]))
        box.exec()
