"""Add or edit a paper or a dataset: a form built from the field declarations.

The dialog stays open on invalid input, naming each bad field next to it; nothing is written
until every field is valid, and a rejected edit leaves the entry as it was. A save that fails
(a full disk, a busy catalog, an unreachable server) says why and keeps everything typed. The
edit names the version it was made on: if the entry changed elsewhere meanwhile, the dialog says
so at once; on save, fields changed on one side only merge, and fields changed on both sides are
shown side by side to choose from.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
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

from ...core.catalog import Catalog
from ...core.errors import CatalogError
from ...core.fields import FIELDS, FieldSpec, FieldType, Kind
from ...core.i18n import FIELDS_CONTEXT
from ...core.store.changes import ChangeSet
from ...core.store.writes import Conflict
from ...core.validation import ValidationError, max_year, MIN_YEAR
from .conflict_dialog import FieldConflictDialog


def form_fields(kind: Kind) -> list[FieldSpec]:
    return [spec for spec in FIELDS[kind] if spec.form]


class EntryDialog(QDialog):
    commandDone = Signal(object)  # the save, as an undoable command

    def __init__(self, catalog: Catalog, kind: Kind, entry_id: int | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("entryDialog")
        self._catalog = catalog
        self.kind = kind
        self.entry_id = entry_id
        self.saved_id: int | None = None
        self._inputs: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._original: dict[str, Any] = {}
        self._loaded: dict[str, Any] = {}  # the entry's stored values when the dialog opened
        self._version: int | None = None

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
        for spec in form_fields(kind):
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
        self.banner = QLabel(self)
        self.banner.setObjectName("entryDialogBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 6px; border-radius: 3px;")
        self.banner.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.resize(720, 640)
        if not is_new:
            self._load()
            from ..change_bus import changes_of

            bus = changes_of(catalog)
            bus.changed.connect(self._on_changes)
            self.finished.connect(lambda _r: bus.changed.disconnect(self._on_changes))
        self._original = self.values()

    def _on_changes(self, changes: ChangeSet) -> None:
        change = changes.touches(self.kind, self.entry_id)
        if change is None or not changes.external:
            return
        if change.op in ("delete", "purge"):
            self.show_banner(self.tr("This entry was deleted elsewhere. Saving puts your values back only "
                                     "if you restore it from the trash first."))
        else:
            self.show_banner(self.tr("This entry was changed elsewhere while you edit it. Saving merges "
                                     "your changes field by field and asks where both changed the same field."))

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

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
        entry = self._catalog.entries.get(self.kind, self.entry_id)
        self._loaded = dict(entry.values)
        self._version = entry.version
        for key in self._inputs:
            self.set_value(key, entry.values.get(key))

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
        for spec in form_fields(self.kind):
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
        """Save through the catalog; raises ValidationError, Conflict or CatalogError."""
        if self.entry_id is None:
            command = self._catalog.entries.create(self.kind, values)
            self.commandDone.emit(command)
            return command.result
        base = self._base_of(values)
        command = self._catalog.entries.update(self.kind, self.entry_id, values,
                                               expected_version=self._version, base=base)
        self.commandDone.emit(command)
        return self.entry_id

    def _base_of(self, values: dict[str, Any]) -> dict[str, Any]:
        """What the user saw of these fields when the dialog opened, as stored."""
        return {k: self._loaded.get(k) for k in values}

    def _save_resolving_conflicts(self, values: dict[str, Any]) -> int | None:
        """Save; where the entry changed elsewhere in the same fields, let the user choose.
        None: the user went back to editing."""
        try:
            return self._write(values)
        except Conflict as conflict:
            if conflict.gone:
                raise CatalogError(self.tr("This entry no longer exists (it was deleted for good elsewhere)."))
            dialog = FieldConflictDialog(self.kind, conflict.title, conflict.fields, self)
            if not dialog.exec():
                return None
            chosen = dialog.chosen()
            current = self._catalog.entries.get(self.kind, self.entry_id)
            merged = {**values, **chosen}
            # Written over the version now in the catalog: the user saw both values.
            command = self._catalog.entries.update(self.kind, self.entry_id, merged,
                                                   expected_version=current.version,
                                                   base={k: current.values.get(k) for k in merged})
            self.commandDone.emit(command)
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
            if values or self.entry_id is None:
                saved = self._save_resolving_conflicts(values)
                if saved is None:
                    return
                self.saved_id = saved
            else:
                self.saved_id = self.entry_id
        except CatalogError as exc:
            QMessageBox.warning(self, self.tr("Not saved"),
                                self.tr("The changes could not be saved; everything you typed is still here.")
                                + "\n\n" + str(exc))
            return
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
