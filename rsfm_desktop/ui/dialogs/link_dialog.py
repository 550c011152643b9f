"""Link a paper to a dataset (or a dataset to a paper) with a typed relation.

The other entry is found by searching (the catalog search, so it scales to any size); the list
shows the best matches only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
)

from ...core.fields import Kind
from ...core.fields import RELATIONS
from ...core.entries import Entries, Query

MAX_RESULTS = 50


class LinkDialog(QDialog):
    def __init__(self, repo: Entries, kind: Kind, parent=None):
        super().__init__(parent)
        self.setObjectName("linkDialog")
        self._repo = repo
        self.other_kind = Kind.DATASET if kind is Kind.PAPER else Kind.PAPER
        self.setWindowTitle(self.tr("Link a dataset") if kind is Kind.PAPER else self.tr("Link a paper"))

        self.search = QLineEdit(self)
        self.search.setObjectName("linkSearch")
        self.search.setPlaceholderText(self.tr("Type to search by name or title"))
        self.results = QListWidget(self)
        self.results.setObjectName("linkResults")
        self.relation = QComboBox(self)
        self.relation.setObjectName("linkRelation")
        labels = {"introduces": self.tr("introduces"), "uses": self.tr("uses")}
        for relation in RELATIONS:
            self.relation.addItem(labels[relation], relation)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow(self.tr("Find:"), self.search)
        form.addRow(self.results)
        form.addRow(self.tr("Relation:"), self.relation)
        form.addRow(self.buttons)
        self.search.textChanged.connect(self._fill)
        self.results.currentRowChanged.connect(self._update_ok)
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        self._fill("")
        self.resize(520, 420)

    def _fill(self, text: str) -> None:
        ids = self._repo.list_ids(self.other_kind, Query(text))[:MAX_RESULTS]
        self.results.clear()
        for entry_id, title in self._repo.titles_by_id(self.other_kind, ids):
            item = QListWidgetItem(title, self.results)
            item.setData(Qt.ItemDataRole.UserRole, entry_id)
        if self.results.count():
            self.results.setCurrentRow(0)
        self._update_ok()

    def _update_ok(self, *_args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.chosen() is not None)

    def chosen(self) -> tuple[int, str] | None:
        """(other entry id, relation), or None when nothing is selected."""
        item = self.results.currentItem()
        if item is None:
            return None
        return item.data(Qt.ItemDataRole.UserRole), self.relation.currentData()
