"""A PDF in a window of its own: page navigation, zoom, find in the document, text selection,
"Quote in note" (the selection as a Markdown quote with its page into the entry's note) and
"Open in system viewer"."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QSpinBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..icons import bind
from .pdf_view import SelectablePdfView

ZOOM_STEP = 1.25


SNIPPET_BEFORE = 16  # characters of context shown before a find


def _plain(html: str | None) -> str:
    """A find's context as one line of plain text (QPdf marks it up and keeps line breaks)."""
    text = (html or "").replace("<b>", "").replace("</b>", "")
    for mark in ("\u23ce", "\u2028", "\u2029"):
        text = text.replace(mark, " ")
    return re.sub(r"\s+", " ", text)  # the spaces around the found text stay


class ReaderWindow(QMainWindow):
    quoteRequested = Signal(str, int)  # the selected text, its page (1-based)
    openExternally = Signal()

    def __init__(self, path: Path, title: str, parent=None):
        super().__init__(parent)
        self.setObjectName("readerWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.path = Path(path)
        self.setWindowTitle(f"{title} — {self.path.name}")
        self.document = QPdfDocument(self)
        self.view = SelectablePdfView(self)
        self.view.setDocument(self.document)
        self.search_model = QPdfSearchModel(self)
        self.search_model.setDocument(self.document)
        self.view.setSearchModel(self.search_model)

        self.find_box = QLineEdit(self)
        self.find_box.setObjectName("readerFind")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setPlaceholderText(self.tr("Find in document"))
        self.find_box.returnPressed.connect(self.find_next)
        self._jump_to_first = False
        self.find_box.textEdited.connect(lambda _text: setattr(self, "_jump_to_first", True))
        self.find_box.textChanged.connect(self.search_model.setSearchString)
        self.results = QListWidget(self)  # "p. 2: …context…" (the model's own text is HTML)
        self.results.setObjectName("readerResults")
        self.results.setWordWrap(True)
        self.results.currentRowChanged.connect(self._result_chosen)
        self.found_label = QLabel(self)
        self.found_label.setObjectName("readerFound")
        self.search_model.modelReset.connect(self._count_results)
        self.search_model.rowsInserted.connect(self._count_results)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("readerStatus")

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(4, 4, 4, 4)
        side_layout.addWidget(self.find_box)
        side_layout.addWidget(self.found_label)
        side_layout.addWidget(self.results)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(side)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([220, 900])
        self.setCentralWidget(splitter)
        self._build_toolbar()
        self.statusBar().addWidget(self.status_label, 1)
        close = QAction(self.tr("Close"), self)
        close.setShortcuts(QKeySequence.StandardKey.Close)  # Ctrl+W, as a document window closes
        close.triggered.connect(self.close)
        self.addAction(close)
        self.view.selectionChanged.connect(self._selection_changed)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.resize(1100, 900)
        self.load()

    def _action(self, text: str, icon: str, slot, shortcut=None, name: str | None = None) -> QAction:
        action = QAction(text, self)
        bind(action, icon)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Reader"), self)
        bar.setObjectName("readerToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.previous_action = self._action(self.tr("Previous"), "previous", self.previous_page,
                                            [QKeySequence(Qt.Key.Key_PageUp), QKeySequence(Qt.Key.Key_Left)],
                                            "readerPrevious")
        self.next_action = self._action(self.tr("Next"), "next", self.next_page,
                                        [QKeySequence(Qt.Key.Key_PageDown), QKeySequence(Qt.Key.Key_Right)],
                                        "readerNext")
        self.page_box = QSpinBox(self)
        self.page_box.setObjectName("readerPage")
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(lambda value: self.go_to_page(value))
        self.page_count_label = QLabel(self)
        zoom_in = self._action(self.tr("Zoom in"), "zoom_in", lambda: self.view.zoom_by(ZOOM_STEP),
                               QKeySequence.StandardKey.ZoomIn, "readerZoomIn")
        zoom_out = self._action(self.tr("Zoom out"), "zoom_out", lambda: self.view.zoom_by(1 / ZOOM_STEP),
                                QKeySequence.StandardKey.ZoomOut, "readerZoomOut")
        fit = self._action(self.tr("Fit width"), "fit_width", self.view.fit_width, "Ctrl+0", "readerFitWidth")
        self.quote_action = self._action(self.tr("Quote in note"), "quote", self.quote, "Ctrl+Shift+Q",
                                         "readerQuote")
        self.quote_action.setToolTip(self.tr("Add the selected text to the entry's note as a quote with its page"))
        self.quote_action.setEnabled(False)
        external = self._action(self.tr("Open in system viewer"), "external", self.openExternally.emit,
                                None, "readerExternal")
        find = self._action(self.tr("Find"), "find", self._focus_find, QKeySequence.StandardKey.Find, "readerFindAction")
        find_next = self._action(self.tr("Find next"), "find", self.find_next, QKeySequence.StandardKey.FindNext)
        self.addAction(find_next)
        copy = QAction(self)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.triggered.connect(lambda: QApplication.clipboard().setText(self.view.selected_text()))
        self.addAction(copy)
        bar.addActions([self.previous_action, self.next_action])
        bar.addWidget(self.page_box)
        bar.addWidget(self.page_count_label)
        bar.addSeparator()
        bar.addActions([zoom_out, zoom_in, fit])
        bar.addSeparator()
        bar.addActions([find, self.quote_action, external])
        self.addToolBar(bar)

    # ---- the document ----------------------------------------------------------------------

    def load(self) -> bool:
        """Open the file; a file that cannot be opened says why in the window."""
        error = self.document.load(str(self.path))
        if error != QPdfDocument.Error.None_:
            reasons = {
                QPdfDocument.Error.IncorrectPassword: self.tr("This PDF needs a password."),
                QPdfDocument.Error.UnsupportedSecurityScheme: self.tr("This PDF needs a password."),
                QPdfDocument.Error.FileNotFound: self.tr("The file does not exist."),
                QPdfDocument.Error.InvalidFileFormat: self.tr("The file is damaged or not a PDF."),
            }
            self.status_label.setText(reasons.get(error, self.tr("The PDF cannot be opened.")))
            return False
        count = self.document.pageCount()
        self.page_box.blockSignals(True)
        self.page_box.setRange(1, max(count, 1))
        self.page_box.blockSignals(False)
        self.page_count_label.setText(self.tr("of %1").replace("%1", str(count)))
        self.view.fit_width()
        self._page_changed(self.view.page())
        return True

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        """1-based."""
        return self.view.page() + 1

    def go_to_page(self, page: int) -> None:
        """Show ``page`` (1-based, clamped to the document)."""
        count = self.document.pageCount()
        if count <= 0:
            return
        page = max(1, min(count, int(page)))
        if page - 1 != self.view.page():
            self.view.pageNavigator().jump(page - 1, self.view.pageNavigator().currentLocation())
        self.view.verticalScrollBar().setValue(0)

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def _page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.previous_action.setEnabled(page > 0)
        self.next_action.setEnabled(page + 1 < self.document.pageCount())
        self.view._apply_fit()

    # ---- find ------------------------------------------------------------------------------

    def _focus_find(self) -> None:
        self.find_box.setFocus()
        self.find_box.selectAll()

    def find(self, text: str, jump: bool = True) -> None:
        """Search the document (in the background, page by page); with ``jump``, the first
        place found is shown as soon as it is found."""
        self._jump_to_first = jump
        self.find_box.setText(text)

    def found(self) -> int:
        return self.search_model.rowCount(QModelIndex())

    def find_next(self) -> None:
        count = self.search_model.rowCount(QModelIndex())
        if not count:
            return
        current = (self.view.currentSearchResultIndex() + 1) % count
        self._show_result(self.search_model.index(current, 0))

    def _show_result(self, index) -> None:
        row = index.row()
        link = self.search_model.resultAtIndex(row)
        self.view.setCurrentSearchResultIndex(row)
        if self.results.currentRow() != row:
            self.results.blockSignals(True)
            self.results.setCurrentRow(row)
            self.results.blockSignals(False)
        self.go_to_page(link.page() + 1)

    def _result_chosen(self, row: int) -> None:
        if 0 <= row < self.search_model.rowCount(QModelIndex()):
            self._show_result(self.search_model.index(row, 0))

    def _fill_results(self) -> None:
        model, roles = self.search_model, QPdfSearchModel.Role
        self.results.blockSignals(True)
        self.results.clear()
        for row in range(model.rowCount(QModelIndex())):
            index = model.index(row, 0)
            page = model.data(index, int(roles.Page.value)) + 1
            before = _plain(model.data(index, int(roles.ContextBefore.value)))
            after = _plain(model.data(index, int(roles.ContextAfter.value)))
            # The words just before the match, the match, then what follows: the found text
            # stays in view in a narrow list (QPdf gives some 40 characters before it).
            if len(before) > SNIPPET_BEFORE:
                cut = before[-SNIPPET_BEFORE:]
                before = "…" + (cut.split(" ", 1)[1] if " " in cut[:-1] else cut)
            context = f"{before}{self.find_box.text()}{after}".strip()
            self.results.addItem(self.tr("p. %1: %2").replace("%1", str(page)).replace("%2", context))
        self.results.blockSignals(False)

    def _count_results(self, *_args) -> None:
        self._fill_results()
        count = self.search_model.rowCount(QModelIndex())
        if count and self._jump_to_first:
            self._jump_to_first = False
            self._show_result(self.search_model.index(0, 0))
        text = self.find_box.text().strip()
        self.found_label.setText(self.tr("%1 found").replace("%1", str(count)) if text else "")

    # ---- quotes ------------------------------------------------------------------------------

    def _selection_changed(self, text: str) -> None:
        self.quote_action.setEnabled(bool(text.strip()))
        if text.strip():
            self.status_label.setText(self.tr("Selected: “%1”").replace("%1", " ".join(text.split())[:80]))

    def quote(self) -> None:
        text = self.view.selected_text()
        if text.strip():
            self.quoteRequested.emit(text, self.view.selected_page() + 1)
            self.status_label.setText(self.tr("Quoted into the note (p. %1).").replace(
                "%1", str(self.view.selected_page() + 1)))
