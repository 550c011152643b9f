"""QtPdf's page view with text selection by mouse.

QPdfView (Qt 6.11) draws pages and search results but has no text selection, and does not say
where it put the page. This view shows one page at a time at a zoom it sets itself (custom
zoom; "fit width" is computed here), so the page's place follows from the same layout rules as
``QPdfViewPrivate::calculateDocumentLayout``: the page is ``points × (logical DPI / 72) × zoom``
pixels, centred horizontally inside the document margins, below the top margin, moved by the
scroll bars. A drag maps both ends to page points and asks ``QPdfDocument.getSelection``;
the selection's outline is painted over the page.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfSelection
from PySide6.QtPdfWidgets import QPdfView

MIN_ZOOM, MAX_ZOOM = 0.25, 6.0
SELECTION_COLOUR = QColor(60, 120, 220, 80)


class SelectablePdfView(QPdfView):
    selectionChanged = Signal(str)  # the selected text ("" when nothing is selected)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("pdfView")
        self.setPageMode(QPdfView.PageMode.SinglePage)
        self.setZoomMode(QPdfView.ZoomMode.Custom)
        self._fit_width = True
        self._anchor: QPointF | None = None
        self._selection: QPdfSelection | None = None
        self._selection_page = -1
        self._chars: tuple[int, list] = (-1, [])  # (page, character boxes) for snapping
        self.pageNavigator().currentPageChanged.connect(lambda _page: self.clear_selection())

    # ---- geometry ------------------------------------------------------------------------

    def _resolution(self) -> float:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return (screen.logicalDotsPerInch() if screen else 96.0) / 72.0

    def page(self) -> int:
        return self.pageNavigator().currentPage()

    def page_rect(self) -> QRect:
        """Where the current page is in the viewport (empty without a document)."""
        document = self.document()
        if document is None or document.status() != QPdfDocument.Status.Ready:
            return QRect()
        size = QSizeF(document.pagePointSize(self.page()) * self._resolution() * self.zoomFactor()).toSize()
        margins = self.documentMargins()
        total = size.width() + margins.left() + margins.right()
        x = (max(total, self.viewport().width()) - size.width()) // 2
        rect = QRect(QPoint(x, margins.top()), size)
        return rect.translated(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())

    def to_page(self, position: QPointF) -> QPointF:
        """A viewport position as a point on the current page (PDF points, top left origin)."""
        rect = self.page_rect()
        scale = self._resolution() * self.zoomFactor()
        return QPointF((position.x() - rect.x()) / scale, (position.y() - rect.y()) / scale)

    def from_page(self, point: QPointF) -> QPointF:
        rect = self.page_rect()
        scale = self._resolution() * self.zoomFactor()
        return QPointF(rect.x() + point.x() * scale, rect.y() + point.y() * scale)

    # ---- zoom --------------------------------------------------------------------------------

    def fit_width(self) -> None:
        self._fit_width = True
        self._apply_fit()

    def _apply_fit(self) -> None:
        document = self.document()
        if not self._fit_width or document is None or document.status() != QPdfDocument.Status.Ready:
            return
        margins = self.documentMargins()
        width = document.pagePointSize(self.page()).width() * self._resolution()
        if width > 0:
            usable = self.viewport().width() - margins.left() - margins.right()
            self.setZoomFactor(max(MIN_ZOOM, min(MAX_ZOOM, usable / width)))

    def zoom_by(self, factor: float) -> None:
        self._fit_width = False
        self.setZoomFactor(max(MIN_ZOOM, min(MAX_ZOOM, self.zoomFactor() * factor)))
        self.clear_selection()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._apply_fit()

    # ---- selection -----------------------------------------------------------------------

    def selected_text(self) -> str:
        return self._selection.text() if self._selection is not None and self._selection.isValid() else ""

    def selected_page(self) -> int:
        """The 0-based page of the selection (-1: none)."""
        return self._selection_page if self.selected_text() else -1

    def clear_selection(self) -> None:
        if self._selection is not None:
            self._selection = None
            self._selection_page = -1
            self.viewport().update()
            self.selectionChanged.emit("")

    def _char_boxes(self) -> list:
        if self._chars[0] != self.page() and self.document() is not None:
            self._chars = (self.page(), [b.boundingRect() for b in self.document().getAllText(self.page()).bounds()])
        return self._chars[1]

    def _nearest(self, point: QPointF) -> int:
        """The index of the character box nearest ``point`` (-1: the page has no text)."""
        boxes = self._char_boxes()
        if not boxes:
            return -1

        def distance(box) -> float:
            dx = max(box.left() - point.x(), 0.0, point.x() - box.right())
            dy = max(abs(box.center().y() - point.y()) - box.height(), 0.0)  # one line's letters alike
            return dy * 50 + dx  # the nearest line first, then the nearest character on it

        return min(range(len(boxes)), key=lambda i: distance(boxes[i]))

    def select_between(self, start: QPointF, end: QPointF) -> str:
        """Select the text from the character nearest ``start`` to the one nearest ``end``, both
        included (current page, PDF points). PDFium selects only from points on characters and
        leaves the last one out, so the ends are moved onto characters, the later one step on."""
        document = self.document()
        if document is None:
            return ""
        boxes = self._char_boxes()
        first, last = sorted((self._nearest(start), self._nearest(end)))
        if first < 0:
            self.clear_selection()
            return ""
        after = boxes[last + 1].center() if last + 1 < len(boxes) else boxes[last].bottomRight() + QPointF(1, 0)
        self._selection = document.getSelection(self.page(), boxes[first].center(), after)
        self._selection_page = self.page()
        self.viewport().update()
        text = self.selected_text()
        self.selectionChanged.emit(text)
        return text

    def select_all_on_page(self) -> str:
        document = self.document()
        if document is None:
            return ""
        self._selection = document.getAllText(self.page())
        self._selection_page = self.page()
        self.viewport().update()
        text = self.selected_text()
        self.selectionChanged.emit(text)
        return text

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton and self.page_rect().contains(event.position().toPoint()):
            self._anchor = self.to_page(event.position())
            self.clear_selection()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self._anchor is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self.select_between(self._anchor, self.to_page(event.position()))
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self._anchor is not None and event.button() == Qt.MouseButton.LeftButton:
            end = self.to_page(event.position())
            if (end - self._anchor).manhattanLength() > 1:
                self.select_between(self._anchor, end)
            self._anchor = None
            if self.selected_text():
                return  # a drag that selected text follows no link
        super().mouseReleaseEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if self._selection is not None and self._selection_page == self.page() and self._selection.isValid():
            painter = QPainter(self.viewport())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(SELECTION_COLOUR)
            scale = self._resolution() * self.zoomFactor()
            origin = self.page_rect().topLeft()
            for polygon in self._selection.bounds():
                mapped = [QPointF(origin.x() + p.x() * scale, origin.y() + p.y() * scale) for p in polygon]
                painter.drawPolygon(mapped)
            painter.end()
