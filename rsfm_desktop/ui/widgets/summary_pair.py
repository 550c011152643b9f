"""The Chinese and English summaries of an entry, for reading: each a plain word-wrapped text as
tall as itself (no box of its own, no scroll bar, so the mouse wheel scrolls the pane), side by
side when the pane is wide and one above the other when it is narrow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

# Below this width (pixels) the two summaries are stacked: two columns of about 24 Chinese
# characters each need about 660 px at the default font size.
SIDE_BY_SIDE_MIN_WIDTH = 660


class SummaryView(QWidget):
    """One language's summary under its heading, with a visible marker when it is missing."""

    def __init__(self, heading: str, object_name: str, missing_text: str, parent=None):
        super().__init__(parent)
        self.heading = QLabel(heading, self)
        self.heading.setObjectName(object_name + "Heading")
        self.heading.setStyleSheet("font-weight: 600;")
        self.missing = QLabel(missing_text, self)
        self.missing.setObjectName(object_name + "Missing")
        self.missing.setStyleSheet(
            "color: #ffffff; background: #b26a00; border-radius: 3px; padding: 0 4px;"
        )
        self.view = QLabel(self)
        self.view.setObjectName(object_name)
        self.view.setTextFormat(Qt.TextFormat.PlainText)  # catalog text is never read as markup
        self.view.setWordWrap(True)
        self.view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.view.setCursor(Qt.CursorShape.IBeamCursor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.heading)
        layout.addWidget(self.missing, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.view)

    def set_text(self, text: str | None) -> None:
        """Show the summary; a missing one is the marker alone (no empty box taking room)."""
        self.view.setText(text or "")
        self.missing.setVisible(not text)
        self.view.setVisible(bool(text))

    def text(self) -> str:
        return self.view.text()


class SummaryPair(QWidget):
    """Two :class:`SummaryView` s that lay themselves out by the width they are given."""

    def __init__(self, first: SummaryView, second: SummaryView, parent=None):
        super().__init__(parent)
        self.setObjectName("summaryPair")
        self.first, self.second = first, second
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(18)
        self.box.addWidget(first, 1, Qt.AlignmentFlag.AlignTop)
        self.box.addWidget(second, 1, Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def side_by_side(self) -> bool:
        return self.box.direction() == QBoxLayout.Direction.LeftToRight

    def set_texts(self, first: str | None, second: str | None) -> None:
        self.first.set_text(first)
        self.second.set_text(second)
        # A missing language keeps only its marker; the other summary gets the width.
        self.box.setStretch(0, 1 if first or not second else 0)
        self.box.setStretch(1, 1 if second or not first else 0)

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        wide = event.size().width() >= SIDE_BY_SIDE_MIN_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.box.direction() != direction:
            self.box.setDirection(direction)
        super().resizeEvent(event)
