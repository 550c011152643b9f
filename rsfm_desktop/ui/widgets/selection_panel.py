"""What the detail pane shows while several rows are selected: how many, and buttons for what
can be done to them all (the window's own actions, so menus, shortcuts and these buttons are
one and the same)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

from ...core.fields import Kind
from .flow_layout import FlowLayout


class SelectionPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("selectionPanel")
        self.summary = QLabel(self)
        self.summary.setObjectName("selectionSummary")
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.summary.setFont(font)
        self.hint = QLabel(self.tr("What you do here applies to every selected entry, as one step "
                                   "that Undo takes back."), self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.buttons = FlowLayout(spacing=6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.summary)
        layout.addWidget(self.hint)
        layout.addSpacing(8)
        layout.addLayout(self.buttons)
        layout.addStretch(1)
        self._buttons: list[QToolButton] = []

    def set_actions(self, actions: list[QAction]) -> None:
        """The bulk actions offered (their text, icon, shortcut and enabled state follow)."""
        for button in self._buttons:
            self.buttons.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            if action.menu() is not None:
                button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            self.buttons.addWidget(button)
            self._buttons.append(button)

    def set_count(self, kind: Kind, count: int) -> None:
        text = self.tr("%1 papers selected") if kind is Kind.PAPER else self.tr("%1 datasets selected")
        self.summary.setText(text.replace("%1", f"{count:,}"))
