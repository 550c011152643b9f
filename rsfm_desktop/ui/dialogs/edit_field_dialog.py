"""Edit one field across the selection: choose the field, type the value once; the window
writes it to every selected entry as one undo step (``catalog.entries.update_many``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
)

from ...core.fields import FIELDS, TITLE_FIELD, FieldType, Kind
from ...core.i18n import FIELDS_CONTEXT


def editable_fields(kind: Kind):
    """The fields one value can sensibly be given for many entries at once."""
    return [f for f in FIELDS[kind] if f.form and f.type is not FieldType.MAP and f.key != TITLE_FIELD[kind]]


class EditFieldDialog(QDialog):
    def __init__(self, kind: Kind, count: int, parent=None):
        super().__init__(parent)
        self.setObjectName("editFieldDialog")
        self.setWindowTitle(self.tr("Edit a field of %1 entries").replace("%1", str(count)))
        self._fields = editable_fields(kind)
        self.field = QComboBox(self)
        self.field.setObjectName("editFieldCombo")
        for spec in self._fields:
            self.field.addItem(QCoreApplication.translate(FIELDS_CONTEXT, spec.label), spec.key)
        self.line = QLineEdit(self)
        self.line.setObjectName("editFieldValue")
        self.long = QPlainTextEdit(self)
        self.long.setObjectName("editFieldLongValue")
        self.choice = QComboBox(self)
        self.choice.setObjectName("editFieldChoice")
        self.editors = QStackedWidget(self)
        for editor in (self.line, self.long, self.choice):
            self.editors.addWidget(editor)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.field.currentIndexChanged.connect(self._field_changed)
        form = QFormLayout()
        form.addRow(self.tr("Field:"), self.field)
        form.addRow(self.tr("New value:"), self.editors)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.resize(520, 0)
        self._field_changed()

    def spec(self):
        return self._fields[self.field.currentIndex()]

    def _field_changed(self) -> None:
        spec = self.spec()
        if spec.type is FieldType.CHOICE:
            self.choice.clear()
            self.choice.addItem(self.tr("(empty)"), None)
            for choice in spec.choices:
                self.choice.addItem(choice, choice)
            self.editors.setCurrentWidget(self.choice)
        elif spec.type is FieldType.LONG:
            self.editors.setCurrentWidget(self.long)
        else:
            self.editors.setCurrentWidget(self.line)
        self.hint.setText(
            self.tr("Several values are separated by semicolons. Leave it empty to clear the field.")
            if spec.type is FieldType.LIST else self.tr("Leave it empty to clear the field."))

    def set_field(self, key: str) -> None:
        self.field.setCurrentIndex(max(0, self.field.findData(key)))

    def value(self):
        """The value to write, in the field's own type (validation happens in the catalog)."""
        spec = self.spec()
        if spec.type is FieldType.CHOICE:
            return self.choice.currentData()
        text = (self.long.toPlainText() if spec.type is FieldType.LONG else self.line.text()).strip()
        if spec.type is FieldType.LIST:
            return [part.strip() for part in text.split(";") if part.strip()]
        return text or None

    def changes(self) -> dict:
        return {self.spec().key: self.value()}
