"""Import, export and duplicate finding in the main window.

``install(window)`` adds File ▸ Import…, Export…, Export View as Table…, Edit ▸ Paste as
Entries (Ctrl+Shift+V) and Find Duplicates…, imports files dropped on the window (``.bib``,
``.ris``, ``.json``, ``.csv``, ``.md``) through the preview, and keeps the controller as
``window.io_controller``. Parsing, planning, applying,
exporting and scanning run in the background (:func:`tasks.run_task`); an import and a merge
are each one undo step. An import whose preview the catalog outdated meanwhile (another window
or process imported the same file) is previewed again with what changed, never applied blind.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMenu, QMessageBox

from ..core.errors import CatalogError
from ..core.fields import Kind
from ..core.io import (ExportWriteError, Format, ImportCancelled, ImportFormatError, PlanStale, ReadCancelled,
                       write_atomically)
from ..core.io.pasted import parse_pasted
from . import settings as cfg
from .language import current as current_language
from .actions import ActionId
from .dialogs.duplicates_dialog import DuplicatesDialog
from .dialogs.export_dialog import ExportDialog, FormatInfo, Scope, ViewTableDialog
from .dialogs.import_dialog import ImportPreviewDialog, preview_facts
from .tasks import Cancelled, TaskContext, run_task


PROGRESS_AFTER_MS = 150  # an import's progress shows this soon (the other tasks wait longer)
DROPPABLE = (".bib", ".bibtex", ".biblatex", ".ris", ".json", ".csv", ".tsv", ".md", ".markdown")


def importable(mime: QMimeData) -> list[Path]:
    """The local files of a drag that the import reads (a PDF is the detail pane's)."""
    if not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in DROPPABLE and p.is_file()]


def install(window: QMainWindow) -> "IoController":
    window.io_controller = IoController(window)
    return window.io_controller


def _menu_of(action) -> QMenu:
    return next(o for o in action.associatedObjects() if isinstance(o, QMenu))


class IoController(QObject):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.catalog = window.catalog
        self.task: TaskContext | None = None  # the running background task, if any
        self.preview: ImportPreviewDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.table_dialog: ViewTableDialog | None = None
        self.duplicates: DuplicatesDialog | None = None
        a = window.actions
        file_menu = _menu_of(a[ActionId.TRASH])
        file_menu.insertActions(a[ActionId.TRASH], [a[ActionId.IMPORT], a[ActionId.EXPORT], a[ActionId.EXPORT_VIEW]])
        file_menu.insertSeparator(a[ActionId.TRASH])
        edit_menu = _menu_of(window.undo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(a[ActionId.FIND_DUPLICATES])
        a[ActionId.IMPORT].triggered.connect(self.choose_import_file)
        a[ActionId.EXPORT].triggered.connect(self.choose_export)
        a[ActionId.EXPORT_VIEW].triggered.connect(self.choose_view_export)
        a[ActionId.FIND_DUPLICATES].triggered.connect(self.scan_duplicates)
        edit_menu.insertAction(a[ActionId.FIND_DUPLICATES], a[ActionId.PASTE_ENTRIES])
        a[ActionId.PASTE_ENTRIES].triggered.connect(self.paste_entries)
        self._source: tuple[Path, Format | None] | None = None  # the file being previewed
        self._dropped: list[Path] = []  # files dropped on the window, waiting for their preview
        self._rereading = False
        self._preview_due = False  # a plan read, its preview opening in a later turn of the event loop
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def _run(self, label: str, work, on_success, on_error=None, on_cancel=None, **options) -> TaskContext:
        def done(callback):
            def wrapped(*args):
                self.task = None
                callback(*args)
            return wrapped

        self.task = run_task(self.window, label, work, done(on_success), done(on_error or self._failed),
                             done(on_cancel or (lambda: None)), **options)
        return self.task

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, ExportWriteError):  # the file the user chose, why in their words
            QMessageBox.warning(self.window, self.tr("Not exported"), self.tr("%1 could not be written: %2")
                                .replace("%1", str(exc.path))
                                .replace("%2", QCoreApplication.translate("Export", exc.reason)))
            return
        QMessageBox.warning(self.window, self.tr("Something went wrong"), str(exc))

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # ---- import --------------------------------------------------------------------------

    def import_filters(self) -> list[tuple[str, Format | None]]:
        return [
            (self.tr("All supported files (*.bib *.bibtex *.biblatex *.ris *.json *.csv *.tsv *.md *.markdown)"), None),
            (self.tr("BibTeX / BibLaTeX (*.bib *.bibtex *.biblatex)"), Format.BIBTEX),
            (self.tr("RIS (*.ris)"), Format.RIS),
            (self.tr("CSL-JSON (*.json)"), Format.CSLJSON),
            (self.tr("CSV spreadsheet (*.csv *.tsv)"), Format.CSV),
            (self.tr("RSFM JSON export or backup (*.json)"), Format.JSON),
            (self.tr("Markdown awesome list (*.md *.markdown)"), Format.MARKDOWN),
            (self.tr("All files, format detected (*)"), None),
        ]

    def choose_import_file(self) -> None:
        filters = self.import_filters()
        path, chosen = QFileDialog.getOpenFileName(
            self.window, self.tr("Import"), cfg.last_folder(self.window.settings, "import"),
            ";;".join(text for text, _fmt in filters))
        if path:
            cfg.remember_folder(self.window.settings, "import", path)
            self.start_import(Path(path), dict(filters).get(chosen))

    def start_import(self, path: Path, fmt: Format | None = None, encoding: str | None = None) -> TaskContext:
        """Read and plan in the background, record by record into the plan's spool (progress
        shows at once, Cancel stops the reading), then show the preview (nothing is written
        yet). ``encoding``: read again in the encoding the user chose."""
        catalog = self.catalog

        def work(ctx: TaskContext):
            try:
                plan = catalog.imports.prepare(path, fmt, encoding=encoding, progress=ctx.progress,
                                               cancelled=ctx.cancelled)
            except ReadCancelled as exc:
                raise Cancelled() from exc
            return self._with_titles(plan)

        self._source = (path, fmt)
        return self._run(self.tr("Reading %1…").replace("%1", path.name), work,
                         lambda result: self._preview_read(result), self._import_failed,
                         on_cancel=self._read_cancelled, show_after_ms=PROGRESS_AFTER_MS)

    def paste_entries(self) -> TaskContext | None:
        """Edit ▸ Paste as Entries: BibTeX, RIS, JSON or identifiers from the clipboard, through
        the preview."""
        text = QApplication.clipboard().text()
        if not text.strip():
            self._status(self.tr("The clipboard holds no text to import."))
            return None
        catalog = self.catalog

        def work(ctx: TaskContext):
            batch = parse_pasted(text, self.tr("clipboard"))
            ctx.check()
            return self._with_titles(catalog.imports.plan(batch))

        self._source = None
        return self._run(self.tr("Reading the clipboard…"), work, lambda result: self._preview_read(result),
                         self._import_failed, on_cancel=self._read_cancelled, show_after_ms=PROGRESS_AFTER_MS)

    def _with_titles(self, plan, changed: list[int] | None = None):
        """On the worker: the plan and what its preview shows first (the titles of the entries it
        matches, its counts, warnings and first page), so that opening the preview reads nothing."""
        try:
            return plan, self._titles(plan), changed, preview_facts(plan)
        except BaseException:
            plan.close()
            raise

    def _preview_read(self, found) -> None:
        """The preview is built in the turn of the event loop after the one that closed the
        progress dialog (every widget of the window unblocked), and shown in the next: the three
        were one stall of 40-100 ms at 100,000 papers (the GUI thread sharing the GIL with the
        worker), now each about a third of it."""
        plan, titles, changed, facts = found
        self._preview_due = True

        def show() -> None:
            self._preview_due = False
            self.show_preview(plan, titles, changed, facts)

        QTimer.singleShot(0, self, show)

    def _titles(self, plan) -> dict[tuple[Kind, int], str]:
        titles: dict[tuple[Kind, int], str] = {}
        for kind in Kind:
            ids = plan.matched_ids(kind)
            titles.update(((kind, i), t) for i, t in self.catalog.entries.titles_by_id(kind, ids))
        return titles

    def _read_cancelled(self) -> None:
        self._status(self.tr("Import cancelled; nothing was written."))
        self._next_dropped()

    def _import_failed(self, exc: Exception) -> None:
        if not isinstance(exc, ImportFormatError):
            self._failed(exc)
            return self._next_dropped()
        where = (self.tr("Line %1: %2").replace("%1", str(exc.line)).replace("%2", exc.message)
                 if exc.line else exc.message)
        QMessageBox.warning(
            self.window, self.tr("Cannot import this file"),
            self.tr("%1 could not be imported.\n\n%2\n\nNothing was imported.").replace("%1", exc.file)
            .replace("%2", where))
        self._next_dropped()

    def show_preview(self, plan, titles, changed: list[int] | None = None, facts=None) -> None:
        if not len(plan):
            QMessageBox.information(self.window, self.tr("Import"),
                                    self.tr("%1 holds no entries to import.").replace("%1", Path(plan.source).name))
            plan.close()
            self._next_dropped()
            return
        self.preview = ImportPreviewDialog(plan, titles, self.window, changed=changed, facts=facts)
        self.preview.accepted.connect(lambda: self.apply(plan))
        self.preview.rejected.connect(lambda: self._preview_closed(plan))
        self.preview.rereadRequested.connect(lambda codec: self._reread(plan, codec))
        self._preview_due = True
        preview = self.preview

        def open_preview() -> None:
            self._preview_due = False
            preview.open()

        QTimer.singleShot(0, preview, open_preview)

    def _preview_closed(self, plan) -> None:
        plan.close()
        if not self._rereading:
            self._next_dropped()

    def _reread(self, plan, codec: str) -> None:
        """The user chose another encoding: drop this plan, read the file again."""
        source = self._source
        self._rereading = True  # not the end of this file's import: the next dropped file waits
        try:
            if self.preview is not None:
                self.preview.reject()
        finally:
            self._rereading = False
        plan.close()
        if source is not None:
            self.start_import(source[0], source[1], encoding=codec)

    def apply(self, plan) -> TaskContext:
        """Write the plan in one transaction in the background; cancelling writes nothing."""
        self.window.detail.notes.flush()
        catalog = self.catalog

        def work(ctx: TaskContext):
            stale = None
            try:
                return catalog.imports.apply(plan, ctx.progress, ctx.cancelled)
            except ImportCancelled as exc:
                raise Cancelled() from exc
            except PlanStale as found:
                stale = found
                return stale, self._with_titles(found.plan, found.changed)  # previewed again
            finally:
                if stale is None:  # the spool is done with: its (large) file goes here, not on the GUI thread
                    plan.close()

        def done(result) -> None:
            if isinstance(result, tuple) and isinstance(result[0], PlanStale):
                result, again = result
                QMessageBox.information(
                    self.window, self.tr("The catalog changed"),
                    self.tr("The catalog changed since this preview was made (another window or program "
                            "wrote to it): %1 entries are now new, duplicates or conflicts where they were "
                            "not. Nothing was imported; review the preview again.").replace("%1", str(len(result.changed))))
                self._preview_read(again)
                return
            plan.close()
            report = result.result
            name = Path(plan.source).name
            self.window.undo_stack.push_done(result)
            message = (self.tr("Imported %1: %2 added, %3 merged, %4 skipped.").replace("%1", name)
                       .replace("%2", str(report.added)).replace("%3", str(report.merged))
                       .replace("%4", str(report.skipped_duplicates)))
            if report.warnings:
                message += " " + self.tr("%1 warnings (see the preview).").replace("%1", str(len(report.warnings)))
            self._status(message)
            self._next_dropped()

        def cancelled() -> None:
            plan.close()
            QMessageBox.information(self.window, self.tr("Import cancelled"),
                                    self.tr("The import was cancelled. Nothing was written to the catalog."))
            self._status(self.tr("Import cancelled; nothing was written."))
            self._next_dropped()

        def failed(exc: Exception) -> None:
            plan.close()
            self._failed(exc)
            self._next_dropped()

        return self._run(self.tr("Importing %1…").replace("%1", Path(plan.source).name), work, done,
                         on_error=failed, on_cancel=cancelled, show_after_ms=PROGRESS_AFTER_MS)

    # ---- dropped files -------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Files dropped on the window are imported through the preview, one after another."""
        if watched is self.window and event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if importable(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif watched is self.window and event.type() == QEvent.Type.Drop:
            paths = importable(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.import_dropped(paths)
                return True
        return super().eventFilter(watched, event)

    def import_dropped(self, paths: list[Path]) -> None:
        self._dropped += paths
        if self.task is None and not self._preview_due and (self.preview is None or not self.preview.isVisible()):
            self._next_dropped()

    def _next_dropped(self) -> None:
        if self._dropped:
            self.start_import(self._dropped.pop(0))

    # ---- export --------------------------------------------------------------------------

    def _facets(self) -> list[tuple[str, str]]:
        facets = self.catalog.entries.facet_labels()
        chinese = current_language().startswith("zh")  # "分组依据: 模型类别", not "Model family"
        return ([(key, (zh if chinese else en) or en or zh or key) for key, en, zh in facets]
                or [("family", self.tr("Family"))])

    def choose_export(self) -> None:
        kind, table = self.window.current_kind(), self.window.current_table()
        scopes = {Scope.SELECTION: table.selected_ids(), Scope.VIEW: table.catalog_model().ids(), Scope.ALL: None}
        entries = self.catalog.entries
        counts = {Scope.SELECTION: len(scopes[Scope.SELECTION]), Scope.VIEW: len(scopes[Scope.VIEW]),
                  Scope.ALL: entries.count(Kind.PAPER) + entries.count(Kind.DATASET)}
        kind_label = self.tr("papers") if kind is Kind.PAPER else self.tr("datasets")
        self.export_dialog = dialog = ExportDialog(counts, self._facets(), kind_label, self.window)
        dialog.accepted.connect(lambda: self._export(kind, scopes[dialog.scope()], counts[dialog.scope()],
                                                     dialog.format_info(), dialog.facet()))
        dialog.open()

    def _save_path(self, info: FormatInfo, stem: str) -> Path | None:
        start = Path(cfg.last_folder(self.window.settings, "export")) / (stem + info.suffix)
        path, _chosen = QFileDialog.getSaveFileName(self.window, self.tr("Export"), str(start), info.name_filter)
        if not path:
            return None
        cfg.remember_folder(self.window.settings, "export", path)
        path = Path(path)
        return path if path.suffix else path.with_suffix(info.suffix)

    def _export(self, kind: Kind, ids: list[int] | None, count: int, info: FormatInfo, facet: str) -> None:
        path = self._save_path(info, "rsfm-catalog" if info.format is Format.JSON else "rsfm-export")
        if path is None:
            return
        papers = datasets = None
        if ids is not None:
            papers, datasets = (ids, []) if kind is Kind.PAPER else ([], ids)
        catalog = self.catalog
        with_files = info.format is Format.JSON and catalog.attachments.has_stored() and QMessageBox.question(
            self.window, self.tr("Export"), self.tr("Copy the files stored in the catalog into a folder beside the "
                                                   "export, so it carries them too?")) == QMessageBox.StandardButton.Yes

        def work(_ctx: TaskContext) -> None:
            if with_files:
                write_atomically(path, catalog.imports.export_with_files(path, papers, datasets)[0])
            else:
                write_atomically(path, catalog.imports.export_text(info.format, papers, datasets, group_facet=facet))

        self._run(self.tr("Exporting…"), work, lambda _r: self._status(
            self.tr("Exported %1 entries to %2.").replace("%1", f"{count:,}").replace("%2", str(path))))

    def visible_columns(self, kind: Kind) -> list[tuple[str, str]]:
        """(key, header label) of the shown columns of a table, in the order the user arranged them."""
        table = self.window.tables[kind]
        header, model = table.horizontalHeader(), table.catalog_model()
        sections = [header.logicalIndex(v) for v in range(header.count())]
        return [(model.columns[s].key, model.headerData(s, Qt.Orientation.Horizontal))
                for s in sections if not header.isSectionHidden(s)]

    def choose_view_export(self) -> None:
        kind = self.window.current_kind()
        columns, ids = self.visible_columns(kind), self.window.current_table().catalog_model().ids()
        self.table_dialog = dialog = ViewTableDialog([label for _key, label in columns], len(ids), self.window)
        keys = [key for key, _label in columns]
        dialog.accepted.connect(lambda: self._export_view(kind, keys, ids, dialog.format_info(), dialog.destination))
        dialog.open()

    def _export_view(self, kind: Kind, columns: list[str], ids: list[int], info: FormatInfo, destination: int) -> None:
        path = None
        if destination == ViewTableDialog.SAVE:
            path = self._save_path(info, "rsfm-table")
            if path is None:
                return
        catalog, fmt = self.catalog, str(info.format.value if isinstance(info.format, Format) else info.format)

        def work(_ctx: TaskContext) -> str:
            text = catalog.imports.export_view(kind, columns, ids, fmt)
            if path is not None:
                write_atomically(path, text)
            return text

        def done(text: str) -> None:
            if path is None:
                QApplication.clipboard().setText(text)
                self._status(self.tr("Copied a table of %1 rows.").replace("%1", f"{len(ids):,}"))
            else:
                self._status(self.tr("Saved a table of %1 rows to %2.").replace("%1", f"{len(ids):,}")
                             .replace("%2", str(path)))

        self._run(self.tr("Exporting the table…"), work, done)

    # ---- duplicates ----------------------------------------------------------------------

    def scan_duplicates(self) -> TaskContext:
        catalog = self.catalog

        def work(ctx: TaskContext):
            pairs = []
            for kind in Kind:
                ctx.check()
                pairs += catalog.imports.find_duplicates(kind)
            titles: dict[tuple[Kind, int], str] = {}
            for kind in Kind:
                ids = sorted({i for p in pairs if p.kind is kind for i in (p.first_id, p.second_id)})
                titles.update(((kind, i), t) for i, t in catalog.entries.titles_by_id(kind, ids))
            return pairs, titles

        return self._run(self.tr("Looking for duplicates…"), work, lambda result: self.show_duplicates(*result))

    def show_duplicates(self, pairs, titles) -> None:
        if not pairs:
            QMessageBox.information(self.window, self.tr("Find Duplicates"), self.tr("No duplicates found."))
            return
        self.duplicates = DuplicatesDialog(pairs, titles, self.catalog.imports.snapshots, self.window)
        self.duplicates.mergeRequested.connect(self.merge)
        self.duplicates.open()

    def merge(self, kind: Kind, keep_id: int, lose_id: int) -> None:
        self.window.detail.notes.flush()
        try:
            self.window.undo_stack.push_done(self.catalog.imports.merge(kind, keep_id, lose_id))
        except (KeyError, ValueError, CatalogError) as exc:
            QMessageBox.warning(self.window, self.tr("Cannot merge"), str(exc))
            return
        if self.duplicates is not None:
            self.duplicates.merged(kind, lose_id)
        self._status(self.tr("Merged; the duplicate is in the trash."))
