"""Empty views say what to do: a table with no rows, a list with no items paints a hint in its
viewport (greyed, word-wrapped, centred), never a blank area."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QListWidget


def paint_hint(view: QAbstractItemView, text: str) -> None:
    """Draw ``text`` over the view's (empty) viewport; call at the end of ``paintEvent``."""
    if not text:
        return
    painter = QPainter(view.viewport())
    painter.setPen(view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText))
    rect = view.viewport().rect().adjusted(16, 16, -16, -16)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                     text)
    painter.end()


class HintListWidget(QListWidget):
    """A list that shows :attr:`hint` while it has no items."""

    def __init__(self, hint: str = "", parent=None):
        super().__init__(parent)
        self.hint = hint

    def paintEvent(self, event):  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if self.count() == 0:
            paint_hint(self, self.hint)
