"""Both values side by side when the same thing was changed here and elsewhere: nothing is
silently overwritten, the user chooses.

* :class:`NoteConflictDialog`: a note, mine and theirs, each editable; keep one or an edit.
* :class:`FieldConflictDialog`: the fields of an entry edited from a stale copy that someone else
  changed too; per field, keep mine or take theirs (the fields only one side changed merged
  already).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.display_text import visible
from ...core.fields import Kind, field_map
from ...core.i18n import FIELDS_CONTEXT


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)


class NoteConflictDialog(QDialog):
    def __init__(self, mine: str, theirs: str, parent=None):
        super().__init__(parent)
        self.setObjectName("noteConflictDialog")
        self.setWindowTitle(self.tr("Note changed elsewhere"))
        self.resize(900, 520)
        hint = QLabel(self.tr("This note was changed elsewhere while you typed. Both versions are "
                              "shown; edit either, then keep the one you want."), self)
        hint.setWordWrap(True)
        self.mine = QPlainTextEdit(mine, self)
        self.mine.setObjectName("mineText")
        self.theirs = QPlainTextEdit(theirs, self)
        self.theirs.setObjectName("theirsText")
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Yours (typed here)"), self), 0, 0)
        grid.addWidget(QLabel(self.tr("In the catalog now"), self), 0, 1)
        grid.addWidget(self.mine, 1, 0)
        grid.addWidget(self.theirs, 1, 1)
        self.keep_mine = QPushButton(self.tr("Keep mine"), self)
        self.keep_mine.setObjectName("keepMineButton")
        self.keep_theirs = QPushButton(self.tr("Keep theirs"), self)
        self.keep_theirs.setObjectName("keepTheirsButton")
        self.keep_both = QPushButton(self.tr("Keep both"), self)
        self.keep_both.setObjectName("keepBothButton")
        self._choice = "mine"
        for button, choice in ((self.keep_mine, "mine"), (self.keep_theirs, "theirs"), (self.keep_both, "both")):
            button.clicked.connect(lambda _c=False, ch=choice: self._choose(ch))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.keep_mine)
        row.addWidget(self.keep_theirs)
        row.addWidget(self.keep_both)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(grid, 1)
        layout.addLayout(row)

    def _choose(self, choice: str) -> None:
        self._choice = choice
        self.accept()

    def result_text(self) -> str:
        mine, theirs = self.mine.toPlainText(), self.theirs.toPlainText()
        if self._choice == "theirs":
            return theirs
        if self._choice == "both":
            return f"{theirs.rstrip()}\n\n---\n\n{mine.strip()}\n" if theirs.strip() else mine
        return mine


class FieldConflictDialog(QDialog):
    """``fields``: field -> (base, mine, theirs), from ``store.writes.Conflict``."""

    def __init__(self, kind: Kind, title: str | None, fields: dict[str, tuple[Any, Any, Any]], parent=None):
        super().__init__(parent)
        self.setObjectName("fieldConflictDialog")
        self.setWindowTitle(self.tr("Changed elsewhere"))
        self.resize(860, 420)
        hint = QLabel(self.tr("“%1” was changed elsewhere while you edited it. Fields changed on one "
                              "side only are merged; for these, choose which value to keep.")
                      .replace("%1", visible(title or "")), self)
        hint.setWordWrap(True)
        specs = field_map(kind)
        body = QWidget(self)
        grid = QGridLayout(body)
        grid.addWidget(QLabel("<b>" + self.tr("Field") + "</b>", body), 0, 0)
        grid.addWidget(QLabel("<b>" + self.tr("Yours") + "</b>", body), 0, 1)
        grid.addWidget(QLabel("<b>" + self.tr("In the catalog now") + "</b>", body), 0, 2)
        self._groups: dict[str, QButtonGroup] = {}
        self._values = fields
        for row, (key, (_base, mine, theirs)) in enumerate(sorted(fields.items()), start=1):
            spec = specs.get(key)
            name = QCoreApplication.translate(FIELDS_CONTEXT, spec.label) if spec else key
            grid.addWidget(QLabel(name, body), row, 0, Qt.AlignmentFlag.AlignTop)
            group = QButtonGroup(self)
            for column, (value, choice) in enumerate(((mine, "mine"), (theirs, "theirs")), start=1):
                button = QRadioButton(_text(value) or self.tr("(empty)"), body)
                button.setObjectName(f"{key}_{choice}")
                button.setChecked(choice == "mine")
                group.addButton(button, column)
                grid.addWidget(button, row, column, Qt.AlignmentFlag.AlignTop)
            self._groups[key] = group
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def choose(self, key: str, choice: str) -> None:
        self._groups[key].button(1 if choice == "mine" else 2).setChecked(True)

    def chosen(self) -> dict[str, Any]:
        """The value to write for each conflicting field."""
        return {key: (mine if self._groups[key].checkedId() == 1 else theirs)
                for key, (_base, mine, theirs) in self._values.items()}
