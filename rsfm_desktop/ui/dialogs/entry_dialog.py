"""Add or edit a paper or a dataset: a form built from the field declarations.

The dialog stays open on invalid input, naming each bad field next to it; nothing is written
until every field is valid, and a rejected edit leaves the entry as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.fields import FIELDS, FieldSpec, FieldType, Kind
from ...core.i18n import FIELDS_CONTEXT
from ...core.services import CatalogService
from ...core.validation import ValidationError, max_year, MIN_YEAR


class EntryDialog(QDialog):
    def __init__(
        self,
        service: CatalogService,
        kind: Kind,
        entry_id: int | None = None,
        parent=None,
        submit: Callable[[dict[str, Any]], int] | None = None,
    ):
        """``submit(values) -> id`` writes the values (default: straight through the service);
        it raises ValidationError to keep the dialog open."""
        super().__init__(parent)
        self._submit = submit or self._write
        self.setObjectName("entryDialog")
        self._service = service
        self.kind = kind
        self.entry_id = entry_id
        self.saved_id: int | None = None
        self._inputs: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._original: dict[str, Any] = {}

        is_new = entry_id is None
        titles = {
            (Kind.PAPER, True): self.tr("New paper"),
            (Kind.PAPER, False): self.tr("Edit paper"),
            (Kind.DATASET, True): self.tr("New dataset"),
            (Kind.DATASET, False): self.tr("Edit dataset"),
        }
        self.setWindowTitle(titles[(kind, is_new)])

        form_widget = QWidget(self)
        form = QFormLayout(form_widget)
        for spec in FIELDS[kind]:
            editor = self._make_editor(spec)
            error = QLabel(form_widget)
            error.setObjectName(f"error_{spec.key}")
            error.setStyleSheet("color: #c62828;")
            error.setVisible(False)
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(editor)
            box.addWidget(error)
            label = QCoreApplication.translate(FIELDS_CONTEXT, spec.label)
            form.addRow(label + (" *" if spec.required else "") + ":", box)
            self._inputs[spec.key] = editor
            self._errors[spec.key] = error
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.resize(720, 640)
        if not is_new:
            self._load()
        self._original = self.values()

    def _make_editor(self, spec: FieldSpec) -> QWidget:
        if spec.type is FieldType.LONG or spec.type is FieldType.LIST:
            editor = QPlainTextEdit(self)
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(90 if spec.type is FieldType.LONG else 60)
            if spec.type is FieldType.LIST:
                editor.setPlaceholderText(self.tr("One per line"))
        elif spec.type is FieldType.CHOICE:
            editor = QComboBox(self)
            editor.addItem("", None)
            for choice in spec.choices:
                editor.addItem(choice, choice)
        else:
            editor = QLineEdit(self)
            if spec.type is FieldType.URL:
                editor.setPlaceholderText("https://…")
            elif spec.type is FieldType.INT:
                editor.setPlaceholderText(f"{MIN_YEAR}–{max_year()}")
        editor.setObjectName(f"field_{spec.key}")
        return editor

    # ---- values --------------------------------------------------------------------------

    def _load(self) -> None:
        entry = self._service.repo.get(self.kind, self.entry_id)
        for key in self._inputs:
            self.set_value(key, getattr(entry, key))

    def set_value(self, key: str, value: Any) -> None:
        editor = self._inputs[key]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("\n".join(value) if isinstance(value, list) else (value or ""))
        else:
            editor.setText("" if value is None else str(value))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec in FIELDS[self.kind]:
            editor = self._inputs[spec.key]
            if isinstance(editor, QComboBox):
                out[spec.key] = editor.currentData()
            elif isinstance(editor, QPlainTextEdit):
                text = editor.toPlainText()
                out[spec.key] = text.splitlines() if spec.type is FieldType.LIST else text
            else:
                out[spec.key] = editor.text()
        return out

    # ---- saving --------------------------------------------------------------------------

    def error_text(self, code: str) -> str:
        return {
            "required": self.tr("This field is required."),
            "year": self.tr("Enter a year between %1 and %2.")
            .replace("%1", str(MIN_YEAR))
            .replace("%2", str(max_year())),
            "url": self.tr("Enter a web address starting with http:// or https://."),
            "choice": self.tr("Choose one of the listed values."),
        }.get(code, self.tr("Invalid value."))

    def _write(self, values: dict[str, Any]) -> int:
        if self.entry_id is None:
            return self._service.create(self.kind, values)
        self._service.update(self.kind, self.entry_id, values)
        return self.entry_id

    def reject(self) -> None:
        """Cancel; typed changes are only thrown away after the user says so."""
        if self.values() != self._original:
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("Discard the changes you typed?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def accept(self) -> None:
        for label in self._errors.values():
            label.setVisible(False)
        values = self.values()
        if self.entry_id is not None:
            values = {k: v for k, v in values.items() if v != self._original.get(k)}
        try:
            self.saved_id = self._submit(values) if values or self.entry_id is None else self.entry_id
        except ValidationError as exc:
            for error in exc.errors:
                label = self._errors.get(error.field)
                if label is not None:
                    label.setText(self.error_text(error.code))
                    label.setVisible(True)
            first = exc.errors[0].field
            if first in self._inputs:
                self._inputs[first].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().accept()
