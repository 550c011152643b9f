"""Export choices: the format and scope of an export, or the format of "export view as table".

The dialogs only collect choices; the controller asks for the file name and does the work.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from ...core.io import Format

_CTX = "ExportDialog"


class Scope(str, Enum):
    SELECTION = "selection"
    VIEW = "view"
    ALL = "all"


@dataclass(frozen=True)
class FormatInfo:
    format: Format | str  # "latex" for a view table
    label: str
    suffix: str
    name_filter: str


def export_formats() -> list[FormatInfo]:
    t = lambda text: QCoreApplication.translate(_CTX, text)  # noqa: E731
    return [
        FormatInfo(Format.BIBTEX, t("BibTeX"), ".bib", t("BibTeX (*.bib)")),
        FormatInfo(Format.RIS, t("RIS"), ".ris", t("RIS (*.ris)")),
        FormatInfo(Format.CSLJSON, t("CSL-JSON"), ".json", t("CSL-JSON (*.json)")),
        FormatInfo(Format.CSV, t("CSV spreadsheet"), ".csv", t("CSV (*.csv)")),
        FormatInfo(Format.JSON, t("RSFM JSON: lossless, a manual backup"), ".json", t("RSFM JSON (*.json)")),
        FormatInfo(Format.MARKDOWN, t("Markdown awesome list"), ".md", t("Markdown (*.md)")),
    ]


def table_formats() -> list[FormatInfo]:
    t = lambda text: QCoreApplication.translate(_CTX, text)  # noqa: E731
    return [
        FormatInfo(Format.MARKDOWN, t("Markdown table"), ".md", t("Markdown (*.md)")),
        FormatInfo(Format.CSV, t("CSV"), ".csv", t("CSV (*.csv)")),
        FormatInfo("latex", t("LaTeX tabular"), ".tex", t("LaTeX (*.tex)")),
    ]


class ExportDialog(QDialog):
    """Format, group-by facet (Markdown) and scope of an export."""

    def __init__(self, counts: dict[Scope, int], facets: list[tuple[str, str]], kind_label: str, parent=None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export"))
        self.formats = export_formats()
        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("exportFormat")
        for info in self.formats:
            self.format_combo.addItem(info.label, info.format)
        self.facet_combo = QComboBox(self)
        self.facet_combo.setObjectName("groupFacet")
        for key, label in facets:
            self.facet_combo.addItem(label, key)
        self.facet_combo.setCurrentIndex(max(0, self.facet_combo.findData("family")))
        self.facet_label = QLabel(self.tr("Group by:"), self)

        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[Scope, QRadioButton] = {}
        scope_box = QVBoxLayout()
        texts = {
            Scope.SELECTION: self.tr("Selected %1 (%2)"),
            Scope.VIEW: self.tr("Current view: %1 shown (%2)"),
            Scope.ALL: self.tr("Everything: papers and datasets (%2)"),
        }
        for scope, text in texts.items():
            button = QRadioButton(text.replace("%1", kind_label).replace("%2", f"{counts.get(scope, 0):,}"), self)
            button.setObjectName(f"scope{scope.value.title()}")
            button.setEnabled(counts.get(scope, 0) > 0)
            self.scope_group.addButton(button)
            self.scope_buttons[scope] = button
            scope_box.addWidget(button)
        default = Scope.SELECTION if counts.get(Scope.SELECTION, 0) > 1 else Scope.VIEW
        self.scope_buttons[default if counts.get(default, 0) else Scope.ALL].setChecked(True)

        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.facet_label, self.facet_combo)
        form.addRow(self.tr("Entries:"), scope_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Export…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.format_combo.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        markdown = self.format() is Format.MARKDOWN
        self.facet_combo.setVisible(markdown)
        self.facet_label.setVisible(markdown)

    def format_info(self) -> FormatInfo:
        return self.formats[self.format_combo.currentIndex()]

    def format(self) -> Format:
        return self.format_info().format

    def set_format(self, fmt: Format) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(fmt))

    def facet(self) -> str:
        return self.facet_combo.currentData() or "family"

    def scope(self) -> Scope:
        return next(s for s, b in self.scope_buttons.items() if b.isChecked())

    def set_scope(self, scope: Scope) -> None:
        self.scope_buttons[scope].setChecked(True)


class ViewTableDialog(QDialog):
    """Format of the current view as a table, and where it goes (a file or the clipboard)."""

    SAVE, COPY = 1, 2

    def __init__(self, columns: list[str], rows: int, parent=None):
        super().__init__(parent)
        self.setObjectName("viewTableDialog")
        self.setWindowTitle(self.tr("Export View as Table"))
        self.formats = table_formats()
        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("tableFormat")
        for info in self.formats:
            self.format_combo.addItem(info.label, info.format)
        about = QLabel(
            self.tr("%1 rows, in the current sort and filter, with the visible columns: %2")
            .replace("%1", f"{rows:,}").replace("%2", ", ".join(columns)), self)
        about.setWordWrap(True)
        self.destination = 0
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = QPushButton(self.tr("&Save to File…"), self)
        self.save_button.setObjectName("saveTableButton")
        self.copy_button = QPushButton(self.tr("&Copy to Clipboard"), self)
        self.copy_button.setObjectName("copyTableButton")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.clicked.connect(lambda: self._finish(self.SAVE))
        self.copy_button.clicked.connect(lambda: self._finish(self.COPY))
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _finish(self, destination: int) -> None:
        self.destination = destination
        self.accept()

    def format_info(self) -> FormatInfo:
        return self.formats[self.format_combo.currentIndex()]
