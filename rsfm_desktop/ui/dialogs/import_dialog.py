"""The import preview: every entry of the file with its status (new, duplicate of which entry,
conflict and how), and a decision per entry (skip, add anyway, merge) before anything is written.

The dialog only edits ``plan.entries[i].decision``; the controller applies the plan on OK.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core.display_text import visible
from ...core.fields import Kind, field_map
from ...core.i18n import FIELDS_CONTEXT
from ...core.io import Decision, ImportPlan, PlanEntry, Status

DecisionRole = Qt.ItemDataRole.UserRole + 1  # the Decision of a row
StatusRole = Qt.ItemDataRole.UserRole + 2  # the Status of a row

DECISION_COLUMN, STATUS_COLUMN, KIND_COLUMN, TITLE_COLUMN, YEAR_COLUMN, MATCH_COLUMN = range(6)
_STATUS_COLOURS = {Status.NEW: "#2e7d32", Status.DUPLICATE: "#6d6d6d", Status.CONFLICT: "#c75000"}



def decision_label(decision: Decision, entry: PlanEntry | None = None) -> str:
    """"Add" for a new entry, "Add anyway" for one the catalog (or the file) already holds."""
    if decision is Decision.ADD and entry is not None and entry.existing_id is None and entry.earlier is None:
        return QCoreApplication.translate("ImportPreview", "Add")
    return {Decision.SKIP: QCoreApplication.translate("ImportPreview", "Skip"), Decision.ADD: QCoreApplication.translate("ImportPreview", "Add anyway"), Decision.MERGE: QCoreApplication.translate("ImportPreview", "Merge")}[decision]


def status_label(status: Status) -> str:
    return {Status.NEW: QCoreApplication.translate("ImportPreview", "New"), Status.DUPLICATE: QCoreApplication.translate("ImportPreview", "Duplicate"), Status.CONFLICT: QCoreApplication.translate("ImportPreview", "Conflict")}[status]


def reason_label(reason: str | None) -> str:
    return {"arxiv": QCoreApplication.translate("ImportPreview", "same arXiv id"), "doi": QCoreApplication.translate("ImportPreview", "same DOI"), "title": QCoreApplication.translate("ImportPreview", "similar title")}.get(reason or "", "")


def allowed_decisions(entry: PlanEntry) -> list[Decision]:
    """A new entry has nothing to merge into: skip or add only."""
    if entry.existing_id is None and entry.earlier is None:
        return [Decision.ADD, Decision.SKIP]
    return [Decision.MERGE, Decision.SKIP, Decision.ADD]


class PlanModel(QAbstractTableModel):
    """One row per record of the file; the decision column is editable."""

    decisionsChanged = Signal()

    def __init__(self, plan: ImportPlan, existing_titles: dict[tuple[Kind, int], str], parent=None,
                 changed: list[int] | None = None):
        super().__init__(parent)
        self.plan = plan
        self._existing = existing_titles
        self.changed = set(changed or ())  # rows whose status changed since the last preview

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.plan.entries)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 6:
            return (QCoreApplication.translate("ImportPreview", "Decision"), QCoreApplication.translate("ImportPreview", "Status"), QCoreApplication.translate("ImportPreview", "Type"), QCoreApplication.translate("ImportPreview", "Title"), QCoreApplication.translate("ImportPreview", "Year"), QCoreApplication.translate("ImportPreview", "Same as"))[section]
        return super().headerData(section, orientation, role)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == DECISION_COLUMN else flags

    def match_text(self, entry: PlanEntry) -> str:
        if entry.existing_id is not None:
            title = self._existing.get((entry.record.kind, entry.existing_id), f"#{entry.existing_id}")
            return f"{title} ({reason_label(entry.reason)})"
        if entry.earlier is not None:
            earlier = self.plan.entries[entry.earlier].record
            return QCoreApplication.translate("ImportPreview", "Entry %1 of this file: %2").replace("%1", str(entry.earlier + 1)).replace("%2", earlier.title)
        return ""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.plan.entries):
            return None
        entry = self.plan.entries[index.row()]
        col = index.column()
        if role == DecisionRole:
            return entry.decision
        if role == StatusRole:
            return entry.status
        if role == Qt.ItemDataRole.ForegroundRole and col == STATUS_COLUMN:
            return QBrush(QColor(_STATUS_COLOURS[entry.status]))
        if role == Qt.ItemDataRole.BackgroundRole and index.row() in self.changed:
            return QBrush(QColor(255, 193, 7, 70))
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.EditRole):
            return None
        if col == DECISION_COLUMN:
            return decision_label(entry.decision, entry)
        if col == STATUS_COLUMN:
            return status_label(entry.status)
        if col == KIND_COLUMN:
            return QCoreApplication.translate("ImportPreview", "Paper") if entry.record.kind is Kind.PAPER else QCoreApplication.translate("ImportPreview", "Dataset")
        if col == TITLE_COLUMN:
            return entry.record.title
        if col == YEAR_COLUMN:
            return entry.record.values.get("year")
        return self.match_text(entry)

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != DECISION_COLUMN or role not in (Qt.ItemDataRole.EditRole, DecisionRole):
            return False
        changed = self.set_decisions([index.row()], Decision(value))
        return changed > 0

    def set_decisions(self, rows: list[int], decision: Decision) -> int:
        """Set the decision of these rows (merge becomes add for a new entry); returns how many changed."""
        changed = []
        for row in rows:
            entry = self.plan.entries[row]
            wanted = decision if decision in allowed_decisions(entry) else Decision.ADD
            if entry.decision is not wanted:
                entry.decision = wanted
                changed.append(row)
        for row in changed:
            cell = self.index(row, DECISION_COLUMN)
            self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DisplayRole, DecisionRole])
        if changed:
            self.decisionsChanged.emit()
        return len(changed)

    def decision_counts(self) -> dict[Decision, int]:
        counts = {d: 0 for d in Decision}
        for entry in self.plan.entries:
            counts[entry.decision] += 1
        return counts


class DecisionDelegate(QStyledItemDelegate):
    """A combo box offering the decisions that make sense for the row."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("decisionEditor")
        model = index.model()
        source = model.mapToSource(index) if isinstance(model, QSortFilterProxyModel) else index
        plan_model: PlanModel = source.model()
        for decision in allowed_decisions(plan_model.plan.entries[source.row()]):
            combo.addItem(decision_label(decision, plan_model.plan.entries[source.row()]), decision)
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(DecisionRole))))

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class _StatusFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.status: Status | None = None

    def set_status(self, status: Status | str | None) -> None:
        self.beginFilterChange()
        self.status = Status(status) if status else None
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        if self.status is None:
            return True
        return Status(self.sourceModel().index(row, 0, parent).data(StatusRole)) is self.status


def _value_text(value: Any) -> str:
    if value in (None, "", []):
        return "—"
    return "; ".join(map(str, value)) if isinstance(value, list) else str(value)


class ImportPreviewDialog(QDialog):
    def __init__(self, plan: ImportPlan, existing_titles: dict[tuple[Kind, int], str], parent=None,
                 changed: list[int] | None = None):
        super().__init__(parent)
        self.setObjectName("importPreviewDialog")
        self.setWindowTitle(self.tr("Import %1").replace("%1", visible(Path(plan.source).name)))
        self.plan = plan
        self.model = PlanModel(plan, existing_titles, self, changed)
        self.proxy = _StatusFilter(self)
        self.proxy.setSourceModel(self.model)

        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("statusFilter")
        self.filter_combo.addItem(self.tr("All entries"), None)
        for status in Status:
            self.filter_combo.addItem(status_label(status), status)
        self.filter_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status(self.filter_combo.currentData()))
        self.changed_banner = QLabel(self)
        self.changed_banner.setObjectName("importChangedBanner")
        self.changed_banner.setWordWrap(True)
        self.changed_banner.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 6px; border-radius: 3px;")
        self.changed_banner.setText(self.tr("The catalog changed since the last preview: the %1 highlighted "
                                            "entries have a new status. Check their decisions.")
                                    .replace("%1", str(len(changed or ()))))
        self.changed_banner.setVisible(bool(changed))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel(self.tr("Show:"), self))
        top.addWidget(self.filter_combo)

        self.table = QTableView(self)
        self.table.setObjectName("importPreviewTable")
        self.table.setModel(self.proxy)
        self.table.setItemDelegateForColumn(DECISION_COLUMN, DecisionDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        for col, width in ((DECISION_COLUMN, 110), (STATUS_COLUMN, 90), (KIND_COLUMN, 70),
                           (TITLE_COLUMN, 380), (YEAR_COLUMN, 50)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(MATCH_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_details(cur))

        self.details = QTextBrowser(self)
        self.details.setObjectName("importDetails")
        self.details.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        bulk = QHBoxLayout()
        bulk.addWidget(QLabel(self.tr("Selected entries:"), self))
        self.bulk_buttons: dict[Decision, QPushButton] = {}
        for decision, name in ((Decision.ADD, "bulkAdd"), (Decision.MERGE, "bulkMerge"), (Decision.SKIP, "bulkSkip")):
            button = QPushButton(QCoreApplication.translate("ImportPreview", "Add") if decision is Decision.ADD else decision_label(decision), self)
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, d=decision: self.set_selected(d))
            bulk.addWidget(button)
            self.bulk_buttons[decision] = button
        reset = QPushButton(self.tr("Suggested decisions"), self)
        reset.setObjectName("resetDecisions")
        reset.setToolTip(self.tr("New entries are added; a match is merged when the file brings "
                                 "something the catalog lacks, else skipped"))
        reset.clicked.connect(self.reset_decisions)
        bulk.addStretch(1)
        bulk.addWidget(reset)

        self.warnings = QLabel(self)
        self.warnings.setObjectName("importWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warnings.setVisible(bool(plan.warnings))
        if plan.warnings:
            shown = "\n".join(plan.warnings[:5])
            more = len(plan.warnings) - 5
            if more > 0:
                shown += "\n" + self.tr("… and %1 more").replace("%1", str(more))
            self.warnings.setText(self.tr("Some values were left out:") + "\n" + shown)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.decision_summary = QLabel(self)
        self.decision_summary.setObjectName("decisionSummary")
        bottom = QHBoxLayout()
        bottom.addWidget(self.decision_summary, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.changed_banner)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(bulk)
        layout.addWidget(self.warnings)
        layout.addLayout(bottom)
        self.model.decisionsChanged.connect(self._update_counts)
        self._suggested = [entry.decision for entry in plan.entries]
        self._update_counts()
        self.resize(1000, 640)
        if self.proxy.rowCount():
            self.table.selectRow(0)

    # ---- decisions -----------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return sorted(rows)

    def set_selected(self, decision: Decision) -> None:
        self.model.set_decisions(self.selected_rows(), decision)

    def reset_decisions(self) -> None:
        for decision in Decision:
            rows = [i for i, d in enumerate(self._suggested) if d is decision]
            self.model.set_decisions(rows, decision)

    def _update_counts(self) -> None:
        counts = self.plan.counts()
        self.summary.setText(
            self.tr("%1 entries in %2: %3 new, %4 duplicates, %5 conflicts.")
            .replace("%1", str(len(self.plan.entries))).replace("%2", Path(self.plan.source).name)
            .replace("%3", str(counts["new"])).replace("%4", str(counts["duplicate"]))
            .replace("%5", str(counts["conflict"])))
        decisions = self.model.decision_counts()
        self.decision_summary.setText(
            self.tr("Will add %1, merge %2, skip %3.")
            .replace("%1", str(decisions[Decision.ADD])).replace("%2", str(decisions[Decision.MERGE]))
            .replace("%3", str(decisions[Decision.SKIP])))
        nothing = decisions[Decision.SKIP] == len(self.plan.entries)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not nothing)

    # ---- details of the current entry ----------------------------------------------------

    def _show_details(self, proxy_index: QModelIndex) -> None:
        if not proxy_index.isValid():
            self.details.clear()
            return
        entry = self.plan.entries[self.proxy.mapToSource(proxy_index).row()]
        self.details.setHtml(self.details_html(entry))

    def details_html(self, entry: PlanEntry) -> str:
        specs = field_map(entry.record.kind)

        def label(key: str) -> str:
            spec = specs.get(key)
            return escape(QCoreApplication.translate(FIELDS_CONTEXT, spec.label) if spec else key)

        where = self.tr("line %1").replace("%1", str(entry.record.line)) if entry.record.line else ""
        head = f"<b>{escape(entry.record.title)}</b> <span style='color:gray'>{escape(where)}</span>"
        parts = [head]
        if entry.status is Status.NEW:
            parts.append(escape(self.tr("Not in the catalog yet.")))
        else:
            parts.append(escape(self.tr("Same as: %1").replace("%1", self.model.match_text(entry))))
        if entry.differences:
            rows = "".join(
                f"<tr><td>{label(key)}</td><td>{escape(_value_text(old))}</td><td>{escape(_value_text(new))}</td></tr>"
                for key, (old, new) in entry.differences.items())
            parts.append(
                f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr><th>{escape(self.tr('Field'))}</th>"
                f"<th>{escape(self.tr('In the catalog (kept)'))}</th><th>{escape(self.tr('In the file'))}</th></tr>"
                f"{rows}</table>")
        if entry.fillable:
            filled = ", ".join(label(k) for k in entry.fillable)
            parts.append(escape(self.tr("Merging fills the empty fields: %1")).replace("%1", filled))
        return "<p>" + "</p><p>".join(parts) + "</p>"
