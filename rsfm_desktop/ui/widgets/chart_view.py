"""A chart on screen: paints a core drawing (``core.stats.chart``) with QPainter, laid out anew for
the widget's size, and makes it a control: hovering a bar or cell shows its labels and count,
clicking one emits :attr:`ChartView.clicked` with its (row, column) of the counts.

The same painting renders the PNG export (:func:`render_png`) at publication size.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from ...core.stats import chart
from ...core.stats.chart import Drawing, Grid, Line, Rect, Text
from ...core.stats.model import Counts


def style_for(palette: QPalette) -> chart.Style:
    """The chart style of the current theme (dark when the window background is)."""
    return chart.DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else chart.LIGHT


@lru_cache(maxsize=1024)
def _color(name: str) -> QColor:
    return QColor(name)


def _visible(item, top: float, bottom: float) -> bool:
    """Whether ``item`` may show between the heights ``top`` and ``bottom`` (a text: its box
    around the baseline point, a rotated one generously)."""
    if isinstance(item, Rect):
        return item.y <= bottom and item.y + item.h >= top
    if isinstance(item, Grid):
        return True  # its rows in view are chosen when painted
    if isinstance(item, Line):
        return min(item.y1, item.y2) <= bottom + 1 and max(item.y1, item.y2) >= top - 1
    reach = 200 if item.rotate else item.size * 1.5
    return item.y - reach <= bottom and item.y + reach >= top


def paint(painter: QPainter, drawing: Drawing, clip: QRectF | None = None) -> None:
    """Paint the items of ``drawing`` (those that may show inside the rows of ``clip``, when
    given: the part of a tall matrix scrolled into view)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    font = QFont(QApplication.font())
    top, bottom = (clip.top(), clip.bottom()) if clip is not None else (-math.inf, math.inf)
    # Rects in a row with the same colours are painted in one call (a matrix: thousands of
    # cells, most of them the same empty colour), in their order.
    run: list[QRectF] = []
    run_colors: tuple[str, str | None] | None = None

    def flush() -> None:
        if run:
            fill, stroke = run_colors
            painter.setPen(QPen(_color(stroke), 0.5) if stroke else Qt.PenStyle.NoPen)
            painter.setBrush(_color(fill))
            painter.drawRects(run)
            run.clear()

    for item in drawing.items:
        if not _visible(item, top, bottom):
            continue
        if isinstance(item, Rect):
            if item.fill == "none":
                continue
            if (item.fill, item.stroke) != run_colors:
                flush()
                run_colors = (item.fill, item.stroke)
            run.append(QRectF(item.x, item.y, item.w, item.h))
            continue
        flush()
        if isinstance(item, Grid):  # the cells of the rows in view, in one call
            cells = [QRectF(r.x, r.y, r.w, r.h) for r in item.rects(item.row_range(top, bottom))]
            if cells:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(_color(item.fill))
                painter.drawRects(cells)
        elif isinstance(item, Line):
            painter.setPen(QPen(_color(item.color), item.width))
            painter.drawLine(QPointF(item.x1, item.y1), QPointF(item.x2, item.y2))
        elif isinstance(item, Text):
            font.setPixelSize(max(1, round(item.size)))
            font.setBold(item.bold)
            painter.setFont(font)
            painter.setPen(_color(item.color))
            width = painter.fontMetrics().horizontalAdvance(item.text)
            dx = {"start": 0, "middle": -width / 2, "end": -width}[item.anchor]
            painter.save()
            painter.translate(item.x, item.y)
            if item.rotate:
                painter.rotate(item.rotate)
            painter.drawText(QPointF(dx, 0), item.text)
            painter.restore()
    flush()


def render_png(drawing: Drawing, path: Path, scale: float) -> bool:
    """Write ``drawing`` as a PNG ``scale`` times its size (300 dpi for print)."""
    image = QImage(round(drawing.width * scale), round(drawing.height * scale), QImage.Format.Format_ARGB32)
    image.fill(QColor(drawing.style.background))
    image.setDotsPerMeterX(round(300 / 0.0254))
    image.setDotsPerMeterY(round(300 / 0.0254))
    painter = QPainter(image)
    painter.scale(scale, scale)
    paint(painter, drawing)
    painter.end()
    return image.save(str(path), "PNG")


class ChartView(QWidget):
    clicked = Signal(object, object)  # row, column of the counts (either may be None)
    painted = Signal()  # after each paint (the benchmark's end of a redraw)

    def __init__(self, texts: Callable[[], chart.Texts], parent=None, grow: bool = False):
        """``texts``: the words in the interface language, asked at every layout; ``grow``:
        as tall as the chart needs (in a scroll area), else the chart fits the widget."""
        super().__init__(parent)
        self._texts = texts
        self._grow = grow
        self._counts: Counts | None = None
        self._drawing: Drawing | None = None
        self._laid_out_for: tuple[float, float] | None = None
        self.setMouseTracking(True)
        self.setMinimumSize(320, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @property
    def counts(self) -> Counts | None:
        return self._counts

    def set_counts(self, counts: Counts | None) -> None:
        self._counts = counts
        self._relayout()

    def drawing(self) -> Drawing | None:
        return self._drawing

    def layout_for(self, width: float, height: float, style: chart.Style | None = None) -> Drawing | None:
        """The drawing at another size or style (the exports)."""
        if self._counts is None:
            return None
        style = style or style_for(self.palette())
        texts = self._texts()
        height = chart.natural_height(self._counts, width, height, style, texts)
        return chart.draw(self._counts, width, height, style, texts)

    def _relayout(self, force: bool = True) -> None:
        """Lay the chart out for the widget's size; on a resize (``force`` False) only if the
        size it is laid out for changed (a growing chart's own height does not count: setting
        it resizes the widget)."""
        size = (self.width(), self._base_height())
        if not force and size == self._laid_out_for:
            return
        self._laid_out_for = size
        if self._counts is None:
            self._drawing = None
        else:
            self._drawing = self.layout_for(*size)
            if self._grow and self._drawing is not None and round(self._drawing.height) != self.height():
                self.setMinimumHeight(round(self._drawing.height))
        self.update()

    def _base_height(self) -> float:
        return self.parentWidget().height() if self._grow and self.parentWidget() else self.height()

    # ---- Qt ------------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._relayout(force=False)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.LanguageChange, QEvent.Type.FontChange):
            self._relayout()
        super().changeEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        if self._drawing is not None:
            paint(painter, self._drawing, QRectF(event.rect()))
        else:
            painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        painter.end()
        self.painted.emit()

    def hit_at(self, x: float, y: float):
        return self._drawing.hit_at(x, y) if self._drawing is not None else None

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        hit = self.hit_at(event.position().x(), event.position().y())
        tip = self._drawing.tips.get(hit, "") if hit is not None and self._drawing else ""
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit is not None else Qt.CursorShape.ArrowCursor)
        if tip:
            QToolTip.showText(event.globalPosition().toPoint(), tip, self)
        else:
            QToolTip.hideText()
        self.setToolTip(tip)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.hit_at(event.position().x(), event.position().y())
            if hit is not None:
                self.clicked.emit(*hit)
        super().mouseReleaseEvent(event)
