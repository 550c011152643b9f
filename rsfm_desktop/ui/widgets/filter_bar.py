"""Above the tables: what narrows them besides the search box and the tag sidebar (a year, a
list of entries opened from the statistics), each with a button that lifts it."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from ...core.entries import NO_YEAR
from ...core.fields import Kind


class FilterBar(QWidget):
    def __init__(self, view, parent=None):
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.view = view
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 2)
        view.filterChanged.connect(self.refresh)
        self.refresh()

    def chips(self) -> list[str]:
        """The texts shown, in order."""
        return [w.text() for w in self.findChildren(QLabel)]

    def refresh(self) -> None:
        while self._layout.count():
            widget = self._layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        year = self.view.year
        if year is not None:
            text = self.tr("Without a year") if year == NO_YEAR else self.tr("Year %1").replace("%1", str(year))
            self._chip("yearFilter", text, lambda: self.view.set_year(None))
        for kind in Kind:
            ids = self.view.only(kind)
            if ids is None:
                continue
            noun = self.tr("%1 papers") if kind is Kind.PAPER else self.tr("%1 datasets")
            text = f"{self.view.only_label(kind)} ({noun.replace('%1', f'{len(ids):,}')})"
            self._chip(f"{kind.value}OnlyFilter", text, lambda k=kind: self.view.set_only(k, None))
        self._layout.addStretch(1)
        self.setVisible(self._layout.count() > 1)

    def _chip(self, name: str, text: str, lift) -> None:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setStyleSheet("QLabel { padding: 1px 6px; border: 1px solid palette(mid); border-radius: 8px; }")
        button = QToolButton(self)
        button.setObjectName(f"{name}Clear")
        button.setText("✕")
        button.setAutoRaise(True)
        button.setToolTip(self.tr("Show all again"))
        button.clicked.connect(lift)
        self._layout.addWidget(label)
        self._layout.addWidget(button)
