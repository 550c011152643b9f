"""Sync conflicts, side by side: what changed here and what the lab changed to the same field.

The list on the left has one row per entry (or tag, facet, note, saved view) with conflicts; on
the right each of its conflicting fields shows both values: keep mine, take the lab's, or edit a
value of your own. "Resolve" settles the entry's fields as one undoable step (undo brings the
conflict back); the next sync sends the outcome to the lab. Until then the local values stay in
use and nothing is overwritten anywhere.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import CatalogError
from ...core.fields import FieldType, Kind, field_map
from ...core.i18n import FIELDS_CONTEXT
from ...core.store.changes import ENTRY_ENTITIES, NOTE_ENTITIES
from ...core.sync import ConflictInfo, conflicts, resolve_many

MINE, THEIRS, EDIT = 1, 2, 3


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(f"{k} = {v}" for k, v in value.items())
    return str(value)


def _kind_of(entity: str) -> Kind | None:
    return ENTRY_ENTITIES.get(entity) or NOTE_ENTITIES.get(entity)


class ConflictsDialog(QDialog):
    commandDone = Signal(object)  # the resolving Command, for the window's undo stack

    def __init__(self, catalog, parent=None):
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.setWindowTitle(self.tr("Sync Conflicts"))
        self.resize(980, 560)
        self.catalog = catalog
        self.resolved = 0
        self._groups: dict[str, QButtonGroup] = {}
        self._edits: dict[str, QPlainTextEdit] = {}
        self._shown: list[ConflictInfo] = []

        hint = QLabel(self.tr("These were changed both here and on the lab server since the last sync. "
                              "Your values stay in use until you choose; the next sync sends your choice "
                              "to the lab."), self)
        hint.setWordWrap(True)
        self.entries = QListWidget(self)
        self.entries.setObjectName("conflictEntries")
        self.entries.setWordWrap(True)
        self.entries.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.entries.currentRowChanged.connect(self._show_entry)
        self.body = QWidget(self)
        self.grid = QGridLayout(self.body)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # values wrap
        scroll.setWidget(self.body)
        splitter = QSplitter(self)
        splitter.addWidget(self.entries)
        splitter.addWidget(scroll)
        splitter.setSizes([280, 700])
        self.resolve_button = QPushButton(self.tr("&Resolve"), self)
        self.resolve_button.setObjectName("resolveButton")
        self.resolve_button.setToolTip(self.tr("Apply these choices to this entry (one step, undoable)"))
        self.resolve_button.clicked.connect(self.resolve_current)
        self.all_mine = QPushButton(self.tr("Keep All Mine"), self)
        self.all_mine.setObjectName("allMineButton")
        self.all_mine.clicked.connect(lambda: self._choose_all(MINE))
        self.all_theirs = QPushButton(self.tr("Take All the Lab's"), self)
        self.all_theirs.setObjectName("allTheirsButton")
        self.all_theirs.clicked.connect(lambda: self._choose_all(THEIRS))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.all_mine, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.all_theirs, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.resolve_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.empty = QLabel(self.tr("No conflicts: everything is in step with the lab."), self)
        self.empty.setObjectName("noConflicts")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.reload()

    # ---- the list ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._by_owner: dict[tuple[str, str], list[ConflictInfo]] = {}
        for conflict in conflicts(self.catalog):
            self._by_owner.setdefault((conflict.kind, conflict.uuid), []).append(conflict)
        self.entries.blockSignals(True)
        self.entries.clear()
        for (entity, _uuid), items in self._by_owner.items():
            title = items[0].title or self.tr("(untitled)")
            fields = ", ".join(self._field_name(c) for c in items)
            item = QListWidgetItem(f"{self._entity_name(entity)}: {title}\n{fields}")
            item.setToolTip(title)
            self.entries.addItem(item)
        self.entries.blockSignals(False)
        empty = not self._by_owner
        self.empty.setVisible(empty)
        for widget in (self.resolve_button, self.all_mine, self.all_theirs):
            widget.setEnabled(not empty)
        self.entries.blockSignals(True)  # shown once, below, whether or not the row changes
        self.entries.setCurrentRow(-1 if empty else 0)
        self.entries.blockSignals(False)
        self._show_entry(self.entries.currentRow())

    def _entity_name(self, entity: str) -> str:
        return {
            "paper": self.tr("Paper"), "dataset": self.tr("Dataset"), "paper_note": self.tr("Note on a paper"),
            "dataset_note": self.tr("Note on a dataset"), "tag": self.tr("Tag"), "facet": self.tr("Facet"),
            "view": self.tr("Saved view"),
        }.get(entity, entity)

    def _field_name(self, conflict: ConflictInfo) -> str:
        if conflict.field == "duplicate":
            return self.tr("same entry?")
        if conflict.field == "deleted_at":
            return self.tr("edited here, deleted by the lab") if conflict.local is None \
                else self.tr("deleted here, edited by the lab")
        if conflict.field == "body":
            return self.tr("Note")
        kind = _kind_of(conflict.kind)
        spec = field_map(kind).get(conflict.field) if kind and conflict.kind in ENTRY_ENTITIES else None
        return QCoreApplication.translate(FIELDS_CONTEXT, spec.label) if spec else conflict.field

    # ---- one entry --------------------------------------------------------------------------

    def _clear(self) -> None:
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # gone from the screen now, not at the next turn of the event loop
                widget.deleteLater()
        self._groups.clear()
        self._edits.clear()

    def _choices(self, conflict: ConflictInfo) -> tuple[str, str, bool]:
        """The two choices' texts and whether the user may type a value of their own."""
        if conflict.field == "duplicate":
            other = conflict.server.get("data", {}) if isinstance(conflict.server, dict) else {}
            title = other.get("title") or other.get("name") or ""
            return (self.tr("The same entry: merge it with the lab's “%1”").replace("%1", title),
                    self.tr("Two different entries: add the lab's “%1” too").replace("%1", title), False)
        if conflict.field == "deleted_at":
            if conflict.local is None:  # edited here, deleted on the server
                return (self.tr("Keep it (it comes back for the whole lab)"),
                        self.tr("Delete it, as the lab did (your edit goes to the trash with it)"), False)
            return (self.tr("Delete it, as I did"), self.tr("Keep it, with the lab's edit"), False)
        kind = _kind_of(conflict.kind)
        spec = field_map(kind).get(conflict.field) if kind and conflict.kind in ENTRY_ENTITIES else None
        editable = spec is None or spec.type not in (FieldType.MAP, FieldType.CHOICE)
        return (_text(conflict.local) or self.tr("(empty)"), _text(conflict.server) or self.tr("(empty)"), editable)

    def _show_entry(self, row: int) -> None:
        self._clear()
        owners = list(self._by_owner)
        self._shown = self._by_owner[owners[row]] if 0 <= row < len(owners) else []
        if not self._shown:
            return
        grid, body = self.grid, self.body
        grid.addWidget(QLabel("<b>" + self.tr("Field") + "</b>", body), 0, 0)
        grid.addWidget(QLabel("<b>" + self.tr("Yours (this computer)") + "</b>", body), 0, 1)
        grid.addWidget(QLabel("<b>" + self.tr("The lab's (server)") + "</b>", body), 0, 2)
        line = 1
        for conflict in self._shown:
            key = str(conflict.id)
            name = QLabel(self._field_name(conflict), body)
            name.setWordWrap(True)
            grid.addWidget(name, line, 0, Qt.AlignmentFlag.AlignTop)
            mine_text, theirs_text, editable = self._choices(conflict)
            group = QButtonGroup(self)
            for column, (text, choice) in enumerate(((mine_text, MINE), (theirs_text, THEIRS)), start=1):
                name = "mine" if choice == MINE else "theirs"
                button = QRadioButton(self.tr("Keep mine") if choice == MINE else self.tr("Take the lab's"), body)
                button.setObjectName(f"conflict{key}_{name}")
                button.setChecked(choice == MINE)
                group.addButton(button, choice)
                # The value itself wraps beneath its choice (a radio button's text never wraps)
                value = QLabel(text, body)
                value.setObjectName(f"conflict{key}_{name}_value")
                value.setWordWrap(True)
                value.setTextFormat(Qt.TextFormat.PlainText)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setIndent(22)
                cell = QVBoxLayout()
                cell.setSpacing(2)
                cell.addWidget(button)
                cell.addWidget(value)
                holder = QWidget(body)
                holder.setLayout(cell)
                cell.setContentsMargins(0, 0, 0, 0)
                grid.addWidget(holder, line, column, Qt.AlignmentFlag.AlignTop)
            self._groups[key] = group
            line += 1
            if editable:
                own = QRadioButton(self.tr("My own value:"), body)
                own.setObjectName(f"conflict{key}_edit")
                group.addButton(own, EDIT)
                edit = QPlainTextEdit(_text(conflict.local), body)
                edit.setObjectName(f"conflict{key}_text")
                edit.setMaximumHeight(90)
                edit.textChanged.connect(lambda b=own: b.setChecked(True))
                self._edits[key] = edit
                grid.addWidget(own, line, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(edit, line, 1, 1, 2)
                line += 1
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(line, 1)

    def choose(self, conflict_id: int, choice: str, text: str | None = None) -> None:
        """Pick ``mine``, ``theirs`` or (with ``text``) ``value`` for a shown conflict."""
        key = str(conflict_id)
        if text is not None:
            self._edits[key].setPlainText(text)
        self._groups[key].button({"mine": MINE, "theirs": THEIRS, "value": EDIT}[choice]).setChecked(True)

    def _choose_all(self, choice: int) -> None:
        for group in self._groups.values():
            group.button(choice).setChecked(True)

    def _edited_value(self, conflict: ConflictInfo) -> Any:
        text = self._edits[str(conflict.id)].toPlainText()
        kind = _kind_of(conflict.kind)
        spec = field_map(kind).get(conflict.field) if kind and conflict.kind in ENTRY_ENTITIES else None
        if spec is not None and spec.type is FieldType.LIST:
            return [line.strip() for line in text.splitlines() if line.strip()]
        if spec is not None and spec.type is FieldType.INT:
            return int(text.strip()) if text.strip() else None
        if spec is not None and spec.type in (FieldType.TEXT, FieldType.URL):
            return " ".join(text.split()) or None
        return text

    def resolve_current(self) -> None:
        decisions = []
        for conflict in self._shown:
            choice = self._groups[str(conflict.id)].checkedId()
            if choice == EDIT:
                try:
                    value = self._edited_value(conflict)
                except ValueError:
                    QMessageBox.warning(self, self.windowTitle(),
                                        self.tr("“%1” must be a whole number.").replace("%1", self._field_name(conflict)))
                    self._edits[str(conflict.id)].setFocus()
                    return
                decisions.append((conflict.id, "value", value))
            else:
                decisions.append((conflict.id, "mine" if choice == MINE else "theirs", None))
        if not decisions:
            return
        try:
            command = resolve_many(self.catalog, decisions)
        except (CatalogError, KeyError) as exc:  # busy, or settled meanwhile (another window, a sync)
            QMessageBox.warning(self, self.windowTitle(), str(exc) if isinstance(exc, CatalogError)
                                else self.tr("This conflict was settled meanwhile."))
            self.reload()
            return
        self.resolved += len(decisions)
        self.commandDone.emit(command)
        row = self.entries.currentRow()
        self.reload()
        if self.entries.count():
            self.entries.setCurrentRow(min(row, self.entries.count() - 1))
