"""Find duplicates: candidate pairs, the two entries side by side, Merge or Not duplicates.

The dialog asks for a merge through :attr:`DuplicatesDialog.mergeRequested`; the controller
carries it out (undoably) and calls :meth:`DuplicatesDialog.merged`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.fields import FIELDS, Kind
from ...core.i18n import FIELDS_CONTEXT
from ...core.io import DuplicatePair
from ...core.io.snapshot import EntrySnapshot
from ..icons import bind
from .import_dialog import reason_label

_DIFFERENT = QColor(255, 170, 0, 60)



class PairModel(QAbstractTableModel):
    """Candidate pairs: type, the two titles, why they match."""

    def __init__(self, pairs: Sequence[DuplicatePair], titles: dict[tuple[Kind, int], str], parent=None):
        super().__init__(parent)
        self.pairs = list(pairs)
        self._titles = titles

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.pairs)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return (QCoreApplication.translate("DuplicatesDialog", "Type"), QCoreApplication.translate("DuplicatesDialog", "Entry"), QCoreApplication.translate("DuplicatesDialog", "Possible duplicate"), QCoreApplication.translate("DuplicatesDialog", "Why"))[section]
        return super().headerData(section, orientation, role)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        pair = self.pairs[index.row()]
        col = index.column()
        if col == 0:
            return QCoreApplication.translate("DuplicatesDialog", "Paper") if pair.kind is Kind.PAPER else QCoreApplication.translate("DuplicatesDialog", "Dataset")
        if col in (1, 2):
            entry_id = pair.first_id if col == 1 else pair.second_id
            return self._titles.get((pair.kind, entry_id), f"#{entry_id}")
        return f"{reason_label(pair.reason)} ({pair.score:.0f}%)" if pair.reason == "title" else reason_label(pair.reason)

    def remove_where(self, keep: Callable[[DuplicatePair], bool]) -> None:
        for row in reversed(range(len(self.pairs))):
            if not keep(self.pairs[row]):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.pairs[row]
                self.endRemoveRows()


def _text(value: Any) -> str:
    if value in (None, "", []):
        return ""
    return "; ".join(map(str, value)) if isinstance(value, list) else str(value)


def comparison_rows(a: EntrySnapshot, b: EntrySnapshot) -> list[tuple[str, str, str]]:
    """(label, left, right) for every field set in either entry, then tags, note, attachments."""
    rows = []
    for spec in FIELDS[a.kind]:
        left, right = _text(a.values.get(spec.key)), _text(b.values.get(spec.key))
        if left or right:
            rows.append((QCoreApplication.translate(FIELDS_CONTEXT, spec.label), left, right))

    def tags(s: EntrySnapshot) -> str:
        return "; ".join(f"{facet}: {', '.join(labels)}" for facet, labels in s.tags.items())

    def files(s: EntrySnapshot) -> str:
        return "; ".join(str(att["path"]) for att in s.attachments)

    for label, get in ((QCoreApplication.translate("DuplicatesDialog", "Tags"), tags), (QCoreApplication.translate("DuplicatesDialog", "Note"), lambda s: s.note or ""), (QCoreApplication.translate("DuplicatesDialog", "Attachments"), files)):
        left, right = get(a), get(b)
        if left or right:
            rows.append((label, left, right))
    return rows


class DuplicatesDialog(QDialog):
    mergeRequested = Signal(object, int, int)  # kind, keep id, lose id

    def __init__(self, pairs: Sequence[DuplicatePair], titles: dict[tuple[Kind, int], str],
                 load: Callable[[Kind, list[int]], list[EntrySnapshot]], parent=None):
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle(self.tr("Find Duplicates"))
        self._load = load
        self.model = PairModel(pairs, titles, self)
        self.table = QTableView(self)
        self.table.setObjectName("duplicatePairs")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.resizeSection(0, 70)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(3, 140)
        self.table.selectionModel().currentRowChanged.connect(lambda _cur, _prev: self._show_pair())

        self.keep_group = QButtonGroup(self)
        self.keep_left = QRadioButton(self)
        self.keep_left.setObjectName("keepLeft")
        self.keep_right = QRadioButton(self)
        self.keep_right.setObjectName("keepRight")
        for button in (self.keep_left, self.keep_right):
            self.keep_group.addButton(button)
        keep_row = QHBoxLayout()
        keep_row.addWidget(QLabel(self.tr("Keep:"), self))
        keep_row.addWidget(self.keep_left, 1)
        keep_row.addWidget(self.keep_right, 1)

        self.compare = QTableWidget(0, 3, self)  # one pair's fields: a few dozen rows at most
        self.compare.setObjectName("duplicateComparison")
        self.compare.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Entry"), self.tr("Possible duplicate")])
        self.compare.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare.verticalHeader().setVisible(False)
        self.compare.setWordWrap(False)  # the full text of a long field is in its tooltip
        self.compare.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        compare_header = self.compare.horizontalHeader()
        compare_header.resizeSection(0, 130)
        compare_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        compare_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        hint = QLabel(self.tr("Merging keeps the chosen entry, fills its empty fields from the other and "
                              "keeps the tags, links, notes and attachments of both; the other goes to "
                              "the trash. Edit ▸ Undo reverts it."), self)
        hint.setWordWrap(True)
        self.merge_button = QPushButton(self.tr("&Merge"), self)
        self.merge_button.setObjectName("mergeButton")
        bind(self.merge_button, "merge")
        self.dismiss_button = QPushButton(self.tr("&Not Duplicates"), self)
        self.dismiss_button.setObjectName("notDuplicatesButton")
        self.merge_button.clicked.connect(self.merge_current)
        self.dismiss_button.clicked.connect(self.dismiss_current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.dismiss_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        lower = QVBoxLayout()
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addLayout(keep_row)
        lower.addWidget(self.compare)
        bottom = QWidget(self)
        bottom.setLayout(lower)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("duplicateCount")
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(1000, 680)
        self.model.rowsRemoved.connect(lambda *_a: self._after_change())
        self._after_change()

    # ---- the current pair ----------------------------------------------------------------

    def current_pair(self) -> DuplicatePair | None:
        index = self.table.currentIndex()
        return self.model.pairs[index.row()] if index.isValid() else None

    def _after_change(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(self.tr("%1 possible duplicate pairs.").replace("%1", str(count)) if count
                                 else self.tr("No possible duplicates left."))
        if count and self.current_pair() is None:
            self.table.selectRow(0)
        self._show_pair()

    def _show_pair(self) -> None:
        pair = self.current_pair()
        self.merge_button.setEnabled(pair is not None)
        self.dismiss_button.setEnabled(pair is not None)
        self.compare.setRowCount(0)
        if pair is None:
            self.keep_left.setText("")
            self.keep_right.setText("")
            return
        found = {s.id: s for s in self._load(pair.kind, [pair.first_id, pair.second_id])}
        left, right = found.get(pair.first_id), found.get(pair.second_id)
        if left is None or right is None:
            return
        self.keep_left.setText(self.tr("the entry on the left (#%1)").replace("%1", str(left.id)))
        self.keep_right.setText(self.tr("the entry on the right (#%1)").replace("%1", str(right.id)))
        self.keep_left.setChecked(True)
        rows = comparison_rows(left, right)
        self.compare.setRowCount(len(rows))
        for row, (label, a, b) in enumerate(rows):
            for col, text in enumerate((label, a, b)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if col and a != b:
                    item.setBackground(QBrush(_DIFFERENT))
                self.compare.setItem(row, col, item)

    # ---- actions -------------------------------------------------------------------------

    def merge_current(self) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        keep, lose = (pair.first_id, pair.second_id) if self.keep_left.isChecked() else (pair.second_id, pair.first_id)
        self.mergeRequested.emit(pair.kind, keep, lose)

    def merged(self, kind: Kind, lose_id: int) -> None:
        """The controller merged ``lose_id`` away: its pairs are gone."""
        self.model.remove_where(lambda p: not (p.kind is kind and lose_id in (p.first_id, p.second_id)))

    def dismiss_current(self) -> None:
        pair = self.current_pair()
        if pair is not None:
            self.model.remove_where(lambda p: p != pair)
