"""A word-wrapped label that lays its text out once per width.

Qt asks a word-wrapped label for its height at a width many times per layout pass (the
detail pane's box and form layouts, the scroll area that holds them), and ``QLabel`` lays its
whole text out again for every question: at a row switch the detail pane's labels spent about
a third of the pane's layout time there. The answers are kept until the text, the font or the
style changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel

_RELAYOUT = frozenset({QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ContentsRectChange,
                       QEvent.Type.LayoutDirectionChange})


class WrappedLabel(QLabel):
    """A :class:`QLabel` with word wrap on, whose height for a width is computed once."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._heights: dict[int, int] = {}
        self.setWordWrap(True)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        if text != self.text():
            self._heights.clear()
            super().setText(text)

    def setTextFormat(self, fmt) -> None:  # noqa: N802
        self._heights.clear()
        super().setTextFormat(fmt)

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) > 16:  # a pane being resized: only the recent widths matter
                self._heights.clear()
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() in _RELAYOUT:
            self._heights.clear()
        super().changeEvent(event)
