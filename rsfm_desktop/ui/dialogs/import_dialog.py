"""The import preview: every entry of the file with its status (new, duplicate of which entry,
conflict and how), and a decision per entry (skip, add anyway, merge) before anything is written;
the encoding the file was read in (a guess offers a second reading in another one) and the
warnings (records skipped, values left out, each naming its line).

The dialog only edits the plan's decisions (kept in its spool, so a file of a million records
is paged, never loaded); the controller applies the plan on OK. What the dialog shows first (the
counts, the warnings, the first page of entries) is read from the spool on the import's worker
(:func:`preview_facts`): read in the dialog's constructor it stalled the window 50-200 ms.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
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
from ...core.io.encoding import display_name
from ...core.io.spool import PAGE

_BANNER = "background: #fff3cd; color: #5c4400; padding: 6px; border-radius: 3px;"

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
    """One row per record of the file (or per record of one status), read from the plan's
    spool a page at a time, so that a file of a million records costs a few pages; the decision
    column is editable. The rows shown are positions of the plan (:meth:`position`)."""

    decisionsChanged = Signal()

    def __init__(self, plan: ImportPlan, existing_titles: dict[tuple[Kind, int], str], parent=None,
                 changed: list[int] | None = None, earlier_titles: dict[int, str] | None = None):
        super().__init__(parent)
        self.plan = plan
        self._existing = existing_titles
        # position -> title of an earlier record of the file that a row duplicates (read once)
        self._earlier: dict[int, str] = dict(earlier_titles or {})
        self.changed = set(changed or ())  # positions whose status changed since the last preview
        self.status: Status | None = None
        self._rows: Sequence[int] = range(len(plan))

    # ---- rows ------------------------------------------------------------------------------

    def set_status(self, status: Status | str | None) -> None:
        """Show only the entries of one status (None: all)."""
        self.beginResetModel()
        self.status = Status(status) if status else None
        self._rows = self.plan.positions(self.status) if self.status else range(len(self.plan))
        self.endResetModel()

    def position(self, row: int) -> int:
        return self._rows[row]

    def entry(self, row: int) -> PlanEntry:
        return self.plan.entries[self._rows[row]]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

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
            earlier = self._earlier.get(entry.earlier)
            if earlier is None:
                earlier = self._earlier[entry.earlier] = self.plan.titles_at([entry.earlier]).get(entry.earlier, "")
            return QCoreApplication.translate("ImportPreview", "Entry %1 of this file: %2").replace("%1", str(entry.earlier + 1)).replace("%2", earlier)
        return ""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in _ROLES:
            return None
        entry = self.entry(index.row())
        col = index.column()
        if role == DecisionRole:
            return entry.decision
        if role == StatusRole:
            return entry.status
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(_STATUS_COLOURS[entry.status])) if col == STATUS_COLUMN else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(255, 193, 7, 70)) if self._rows[index.row()] in self.changed else None
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
        wanted: dict[Decision, list[int]] = {d: [] for d in Decision}
        changed_rows = []
        for row in rows:
            entry = self.entry(row)
            target = decision if decision in allowed_decisions(entry) else Decision.ADD
            if entry.decision is not target:
                wanted[target].append(self._rows[row])
                changed_rows.append(row)
        for target, positions in wanted.items():
            if positions:
                self.plan.set_decisions(positions, target)
        if changed_rows:
            self._changed_rows(min(changed_rows), max(changed_rows))
        return len(changed_rows)

    def add_all_matched(self) -> None:
        """"Add anyway" for every suspected duplicate and conflict."""
        self.plan.add_all(only_matched=True)
        if self._rows:
            self._changed_rows(0, len(self._rows) - 1)

    def refresh_decisions(self) -> None:
        """The decisions changed in the plan (all of them may have)."""
        if self._rows:
            self._changed_rows(0, len(self._rows) - 1)

    def _changed_rows(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, DECISION_COLUMN), self.index(last, DECISION_COLUMN),
                              [Qt.ItemDataRole.DisplayRole, DecisionRole])
        self.decisionsChanged.emit()

    def decision_counts(self) -> dict[Decision, int]:
        return self.plan.decision_counts()


_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.EditRole,
                    DecisionRole, StatusRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole})


class DecisionDelegate(QStyledItemDelegate):
    """A combo box offering the decisions that make sense for the row."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("decisionEditor")
        plan_model: PlanModel = index.model()
        entry = plan_model.entry(index.row())
        for decision in allowed_decisions(entry):
            combo.addItem(decision_label(decision, entry), decision)
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(DecisionRole))))

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def _value_text(value: Any) -> str:
    if value in (None, "", []):
        return "—"
    return "; ".join(map(str, value)) if isinstance(value, list) else str(value)


ENCODINGS = ("utf-8", "cp1252", "gb18030", "big5", "cp932", "euc_kr", "utf-16-le", "utf-16-be", "cp1250",
             "cp1251", "iso8859-1")  # offered when the detected encoding is a guess
WARNINGS_SHOWN = 1000


@dataclass(frozen=True)
class PreviewFacts:
    """What the preview shows as it opens, read from the plan's spool before it opens."""

    counts: dict[str, int]  # status value -> entries
    decisions: dict[Decision, int]
    warning_count: int
    warnings: list[str]  # the first WARNINGS_SHOWN, and a line counting the others
    earlier_titles: dict[int, str]  # titles of the earlier records the first page's rows repeat


def preview_facts(plan: ImportPlan) -> PreviewFacts:
    """Read what the preview shows first: on the worker that made the plan, not on the GUI
    thread. Reading the first page of entries here keeps it in the plan's page cache, so the
    first rows and the first entry's details paint without reading the spool."""
    first = plan.entries[:PAGE]
    count = len(plan.warnings)
    return PreviewFacts(plan.counts(), plan.decision_counts(), count,
                        plan.warnings.summary(WARNINGS_SHOWN) if count else [],
                        plan.titles_at(sorted({e.earlier for e in first if e.earlier is not None})))


class ImportPreviewDialog(QDialog):
    """The preview of a plan. ``rereadRequested(codec)``: the user chose another encoding; the
    controller reads the file again (this dialog is then closed, nothing written)."""

    rereadRequested = Signal(str)

    def __init__(self, plan: ImportPlan, existing_titles: dict[tuple[Kind, int], str], parent=None,
                 changed: list[int] | None = None, facts: PreviewFacts | None = None):
        """``facts``: read by :func:`preview_facts` off the GUI thread (read here when None)."""
        super().__init__(parent)
        self.setObjectName("importPreviewDialog")
        self.setWindowTitle(self.tr("Import %1").replace("%1", visible(Path(plan.source).name)))
        self.plan = plan
        facts = facts if facts is not None else preview_facts(plan)
        self.model = PlanModel(plan, existing_titles, self, changed, facts.earlier_titles)

        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("statusFilter")
        self.filter_combo.addItem(self.tr("All entries"), None)
        for status in Status:
            self.filter_combo.addItem(status_label(status), status)
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        self.changed_banner = QLabel(self)
        self.changed_banner.setObjectName("importChangedBanner")
        self.changed_banner.setWordWrap(True)
        self.changed_banner.setStyleSheet(_BANNER)
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
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(DECISION_COLUMN, DecisionDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
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
        self.add_all_button = QPushButton(self.tr("Add All Duplicates Anyway"), self)
        self.add_all_button.setObjectName("addAllDuplicates")
        self.add_all_button.setToolTip(self.tr("Add every suspected duplicate and conflict as a new entry "
                                               "(titles that only look alike are different papers)"))
        self.add_all_button.clicked.connect(self.model.add_all_matched)
        reset = QPushButton(self.tr("Suggested decisions"), self)
        reset.setObjectName("resetDecisions")
        reset.setToolTip(self.tr("New entries are added; a match is merged when the file brings "
                                 "something the catalog lacks, else skipped"))
        reset.clicked.connect(self.reset_decisions)
        bulk.addStretch(1)
        bulk.addWidget(self.add_all_button)
        bulk.addWidget(reset)

        self.encoding_row = self._encoding_row()
        self.warnings_label = QLabel(self)
        self.warnings_label.setObjectName("importWarningsLabel")
        self.warnings = QPlainTextEdit(self)
        self.warnings.setObjectName("importWarnings")
        self.warnings.setReadOnly(True)
        self.warnings.setMaximumHeight(self.fontMetrics().height() * 6)
        count = facts.warning_count
        self.warnings_label.setVisible(count > 0)
        self.warnings.setVisible(count > 0)
        if count:
            self.warnings_label.setText(self.tr("%1 warnings: records skipped and values left out, each with "
                                                "its line:").replace("%1", f"{count:,}"))
            self.warnings.setPlainText("\n".join(facts.warnings))

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
        layout.addLayout(self.encoding_row)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(bulk)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.warnings)
        layout.addLayout(bottom)
        self.model.decisionsChanged.connect(self._update_counts)
        self._counts = facts.counts
        self._update_counts(facts.decisions)
        self.resize(1000, 680)
        if self.model.rowCount():
            self.table.selectRow(0)

    def _encoding_row(self) -> QHBoxLayout:
        """The encoding the file was read in; a guess offers the others and a second reading."""
        row = QHBoxLayout()
        self.encoding_label = QLabel(self)
        self.encoding_label.setObjectName("importEncoding")
        self.encoding_label.setWordWrap(True)
        self.encoding_combo = QComboBox(self)
        self.encoding_combo.setObjectName("encodingChoice")
        self.reread_button = QPushButton(self.tr("Read Again"), self)
        self.reread_button.setObjectName("rereadButton")
        row.addWidget(self.encoding_label, 1)
        row.addWidget(self.encoding_combo)
        row.addWidget(self.reread_button)
        name = self.plan.encoding
        guessed = bool(name) and not self.plan.encoding_confident
        for codec in ENCODINGS:
            self.encoding_combo.addItem(display_name(codec), codec)
        current = next((i for i, c in enumerate(ENCODINGS) if display_name(c) == name), 0)
        self.encoding_combo.setCurrentIndex(current)
        self.reread_button.clicked.connect(lambda: self.rereadRequested.emit(self.encoding_combo.currentData()))
        if not name:
            self.encoding_label.setText(self.tr("Pasted text."))
        elif guessed:
            sure = round(float(self.plan.batch.encoding_confidence or 0.0) * 100)
            self.encoding_label.setText(self.tr("Read as %1, a guess (%2% sure): if titles look garbled, choose "
                                                "the file's encoding and read it again.")
                                        .replace("%1", name).replace("%2", str(sure)))
            self.encoding_label.setStyleSheet(_BANNER)
        else:
            self.encoding_label.setText(self.tr("Read as %1.").replace("%1", name))
        for widget in (self.encoding_combo, self.reread_button):
            widget.setVisible(guessed)
        return row

    def _filter_changed(self, _index: int) -> None:
        self.model.set_status(self.filter_combo.currentData())
        if self.model.rowCount():
            self.table.selectRow(0)

    # ---- decisions -----------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def set_selected(self, decision: Decision) -> None:
        self.model.set_decisions(self.selected_rows(), decision)

    def reset_decisions(self) -> None:
        """Back to the decisions the plan suggested."""
        self.plan.restore_suggestions()
        self.model.refresh_decisions()

    def _update_counts(self, decisions: dict[Decision, int] | None = None) -> None:
        """The summaries; ``decisions``: the decision counts when known (else read)."""
        counts = self._counts
        self.summary.setText(
            self.tr("%1 entries in %2: %3 new, %4 duplicates, %5 conflicts.")
            .replace("%1", str(len(self.plan))).replace("%2", Path(self.plan.source).name)
            .replace("%3", str(counts["new"])).replace("%4", str(counts["duplicate"]))
            .replace("%5", str(counts["conflict"])))
        decisions = decisions if decisions is not None else self.model.decision_counts()
        self.decision_summary.setText(
            self.tr("Will add %1, merge %2, skip %3.")
            .replace("%1", str(decisions[Decision.ADD])).replace("%2", str(decisions[Decision.MERGE]))
            .replace("%3", str(decisions[Decision.SKIP])))
        nothing = decisions[Decision.SKIP] == len(self.plan)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not nothing)
        self.add_all_button.setEnabled(counts["duplicate"] + counts["conflict"] > 0)


    # ---- details of the current entry ----------------------------------------------------

    def _show_details(self, index: QModelIndex) -> None:
        if not index.isValid():
            self.details.clear()
            return
        self.details.setHtml(self.details_html(self.model.entry(index.row())))

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
