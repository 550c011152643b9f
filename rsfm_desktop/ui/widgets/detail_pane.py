"""The detail pane: every field of the selected paper or dataset, the Chinese and English
summaries side by side, links, linked entries, provenance and the personal note.

All text from the catalog is shown as plain text (never guessed as rich text); where a label
shows links, the catalog text in it is HTML-escaped.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.catalog import AttachmentError, Catalog
from ...core.display_text import visible
from ...core.entries import Entry
from ...core.errors import CatalogError
from ...core.fields import FIELDS, FieldType, Kind
from ...core.i18n import FIELDS_CONTEXT
from ...core.store.changes import Change
from ..dialogs.link_dialog import LinkDialog
from ..icons import bind
from ..links import open_link
from .flow_layout import FlowLayout
from .notes_editor import NotesEditor

# Fields shown in the header or the summary views rather than in the field form.
_HEADER_FIELDS = {"title", "name", "summary_zh", "summary_en", "description_zh", "description_en"}
_SUMMARY_FIELDS = {Kind.PAPER: ("summary_zh", "summary_en"), Kind.DATASET: ("description_zh", "description_en")}


def _plain_label(parent: QWidget, object_name: str | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if object_name:
        label.setObjectName(object_name)
    return label


class SummaryView(QWidget):
    """One language's summary with a visible marker when it is missing."""

    def __init__(self, heading: str, object_name: str, missing_text: str, parent=None):
        super().__init__(parent)
        self.heading = QLabel(heading, self)
        self.heading.setStyleSheet("font-weight: 600;")
        self.missing = QLabel(missing_text, self)
        self.missing.setObjectName(object_name + "Missing")
        self.missing.setStyleSheet(
            "color: palette(bright-text); background: #b26a00; border-radius: 3px; padding: 0 4px;"
        )
        self.view = QPlainTextEdit(self)
        self.view.setObjectName(object_name)
        self.view.setReadOnly(True)
        self.view.setPlaceholderText(missing_text)
        self.view.setMinimumHeight(140)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        # Under the heading, not beside it: two languages side by side then fit a narrow pane.
        layout.addWidget(self.missing, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.view)

    def set_text(self, text: str | None) -> None:
        """Show the summary; a missing one is the marker alone (no empty box taking room)."""
        self.view.setPlainText(text or "")
        self.missing.setVisible(not text)
        self.view.setVisible(bool(text))


class DetailPane(QWidget):
    """Shows one entry; emits :attr:`jumpRequested` when a linked entry is clicked."""

    jumpRequested = Signal(object, int)  # kind, id
    entryShown = Signal(object, object)  # kind, id (None, None: nothing shown)
    commandDone = Signal(object)  # an undoable command carried out here (for the undo stack)

    def __init__(self, catalog: Catalog, parent=None, journal=None):
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setAcceptDrops(True)
        self._catalog = catalog
        self._entry: Entry | None = None
        self._kind: Kind | None = None

        self.title = _plain_label(self, "detailTitle")
        self.subtitle = _plain_label(self, "detailSubtitle")
        self.damage = _plain_label(self, "detailDamage")  # an entry read from a damaged page
        self.damage.setStyleSheet("background: #fdecea; color: #8a1c14; padding: 4px; border-radius: 3px;")
        self.damage.hide()
        self.empty_hint = QLabel(self.tr("Select a paper or dataset to see its details."), self)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.buttons = self._make_link_buttons()
        self.summary_zh = SummaryView(
            self.tr("Chinese / 中文"), "summaryZhView", self.tr("No Chinese summary"), self
        )
        self.summary_en = SummaryView(
            self.tr("English"), "summaryEnView", self.tr("No English summary"), self
        )
        self.summaries = summaries = QHBoxLayout()
        summaries.addWidget(self.summary_zh, 1, Qt.AlignmentFlag.AlignTop)
        summaries.addWidget(self.summary_en, 1, Qt.AlignmentFlag.AlignTop)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.linked_label = QLabel(self)
        self.linked_label.setObjectName("linkedEntries")
        self.linked_label.setWordWrap(True)
        self.linked_label.setTextFormat(Qt.TextFormat.RichText)
        self.linked_label.linkActivated.connect(self._on_link)
        self.provenance = QLabel(self)
        self.provenance.setObjectName("provenance")
        self.provenance.setWordWrap(True)
        self.provenance.setTextFormat(Qt.TextFormat.RichText)
        self.provenance.setStyleSheet("color: palette(placeholder-text);")

        info = QWidget(self)
        info_layout = QVBoxLayout(info)
        info_layout.addWidget(self.title)
        info_layout.addWidget(self.subtitle)
        info_layout.addWidget(self.damage)
        info_layout.addLayout(self.buttons_layout)
        self.extras_layout = QVBoxLayout()  # where other features add widgets (tag chips)
        info_layout.addLayout(self.extras_layout)
        info_layout.addLayout(summaries)
        info_layout.addLayout(self.form)
        self.link_button = QToolButton(self)
        self.link_button.setObjectName("addLinkButton")
        bind(self.link_button, "link")
        self.link_button.setText(self.tr("Link…"))
        self.link_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.link_button.clicked.connect(self._add_link)
        linked_head = QHBoxLayout()
        linked_head.addWidget(self._section(self.tr("Linked entries")))
        linked_head.addWidget(self.link_button)
        linked_head.addStretch(1)
        info_layout.addLayout(linked_head)
        info_layout.addWidget(self.linked_label)
        info_layout.addWidget(self._section(self.tr("Provenance")))
        info_layout.addWidget(self.provenance)
        info_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # lines wrap instead
        scroll.setWidget(info)

        self.notes = NotesEditor(catalog, self, journal=journal)
        notes_box = QWidget(self)
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.addWidget(self._section(self.tr("My notes (Markdown)")))
        notes_layout.addWidget(self.notes)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("detailSplitter")
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(notes_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.splitter)
        self.set_font_size(0)
        self.show_entry(None, None)

    def set_font_size(self, points: int) -> None:
        """Text size of the pane in points (0: the application's default size)."""
        font = QFont(QApplication.font())
        if points > 0:
            font.setPointSize(points)
        self.setFont(font)
        title_font = QFont(font)
        title_font.setPointSizeF(font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.title.setFont(title_font)

    # ---- construction helpers ------------------------------------------------------------

    def _section(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setStyleSheet("font-weight: 600; margin-top: 6px;")
        return label

    def _make_link_buttons(self) -> dict[str, QToolButton]:
        specs = (
            ("openPaperButton", "paper", self.tr("Paper"), self.tr("Open the paper page")),
            ("openPdfButton", "pdf", self.tr("PDF"), self.tr("Open the PDF (attached file first)")),
            ("openCodeButton", "code", self.tr("Code"), self.tr("Open the code repository")),
            ("openProjectButton", "project", self.tr("Project"), self.tr("Open the project page")),
            ("openDownloadButton", "download", self.tr("Download"), self.tr("Open the download page")),
            ("attachPdfButton", "attach", self.tr("Attach PDF…"), self.tr("Link a local PDF file (or drop one here)")),
        )
        buttons: dict[str, QToolButton] = {}
        self.buttons_layout = FlowLayout(spacing=6)
        for name, icon_name, text, tip in specs:
            button = QToolButton(self)
            button.setObjectName(name)
            button.setText(text)
            button.setToolTip(tip)
            bind(button, icon_name)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.buttons_layout.addWidget(button)
            buttons[name] = button
        buttons["openPaperButton"].clicked.connect(lambda: self._open_field("paper_url"))
        buttons["openPdfButton"].clicked.connect(self._open_pdf)
        buttons["openCodeButton"].clicked.connect(lambda: self._open_field("code_url"))
        buttons["openProjectButton"].clicked.connect(lambda: self._open_field("project_url"))
        buttons["openDownloadButton"].clicked.connect(self._open_download)
        buttons["attachPdfButton"].clicked.connect(self._choose_pdf)
        return buttons

    # ---- showing an entry ----------------------------------------------------------------

    def _run(self, make_command) -> None:
        """Carry out an edit made here; it goes on the window's undo stack."""
        try:
            self.commandDone.emit(make_command())
        except CatalogError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))

    def current(self) -> tuple[Kind, int] | None:
        return (self._kind, self._entry.id) if self._entry is not None else None

    def entry_changed(self, change: Change, external: bool = False) -> None:
        """The shown entry changed (here or elsewhere): show it as it is now; its note too,
        unless the editor holds unsaved text (then the editor says so)."""
        self.refresh(keep_note=True)
        if "note" in change.fields:
            self.notes.note_changed_elsewhere() if external else None

    def damage_text(self) -> str:
        return self.tr("Part of this entry could not be read from the catalog file (a damaged page): "
                       "what was unreadable is shown as �. Restore a backup (File ▸ Restore from Backup) or "
                       "rescue what is readable first: rsfm-desktop export --format json --rescue --output FILE")

    def show_entry(self, kind: Kind | None, entry_id: int | None, keep_note: bool = False) -> None:
        try:
            self._show_entry(kind, entry_id, keep_note)
        except CatalogError as exc:  # a damaged page: the entry, or part of it, cannot be read
            if self._entry is None or (self._kind, self._entry.id) != (kind, entry_id):  # none of it
                self._entry = self._kind = None
                self.notes.set_entry(None)
                self.empty_hint.setText(self.tr("This entry cannot be read: %1").replace("%1", str(exc)))
                self.entryShown.emit(None, None)
            self.empty_hint.setVisible(self._entry is None)
            self.splitter.setVisible(self._entry is not None)
            self.damage.setText(self.damage_text())
            self.damage.show()

    def _show_entry(self, kind: Kind | None, entry_id: int | None, keep_note: bool = False) -> None:
        self.empty_hint.setText(self.tr("Select a paper or dataset to see its details."))
        entry = self._catalog.entries.get(kind, entry_id) if kind and entry_id else None
        if entry is not None and entry.trashed:
            entry = None
        same = entry is not None and self._entry is not None and (self._kind, self._entry.id) == (kind, entry.id)
        self._entry, self._kind = entry, (kind if entry else None)
        if not (keep_note and same):
            self.notes.set_entry((kind, entry.id) if entry else None)
        self.empty_hint.setVisible(entry is None)
        self.splitter.setVisible(entry is not None)
        self.entryShown.emit(self._kind, entry.id if entry else None)
        if entry is None:
            return
        summary_keys = _SUMMARY_FIELDS[kind]
        self.damage.setText(self.damage_text())
        self.damage.setVisible(entry.damaged)
        self.title.setText(visible(entry.title if kind is Kind.PAPER else entry.name))
        self.subtitle.setText(visible(self._subtitle(kind, entry)))
        for position, (view, key) in enumerate(zip((self.summary_zh, self.summary_en), summary_keys)):
            text = getattr(entry, key)
            view.set_text(text)
            # A missing language keeps only its marker; the other summary gets the width.
            self.summaries.setStretch(position, 1 if text else 0)
        self._fill_form(kind, entry)
        self._fill_linked(kind, entry.id)
        self._fill_provenance(kind, entry.id)
        self._update_buttons()

    def refresh(self, keep_note: bool = False) -> None:
        if self._entry is not None:
            self.show_entry(self._kind, self._entry.id, keep_note=keep_note)

    def _subtitle(self, kind: Kind, entry) -> str:
        parts = []
        if kind is Kind.PAPER:
            if entry.authors:
                shown = ", ".join(entry.authors[:6]) + (" et al." if len(entry.authors) > 6 else "")
                parts.append(shown)
            venue_year = " ".join(str(v) for v in (entry.venue, entry.year) if v)
            parts += [p for p in (venue_year, entry.family, entry.short_name) if p]
        else:
            parts += [str(v) for v in (entry.data_type, entry.year, entry.scale) if v]
        return "  ·  ".join(parts)

    def _fill_form(self, kind: Kind, entry) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        for spec in FIELDS[kind]:
            if spec.key in _HEADER_FIELDS:
                continue
            value = getattr(entry, spec.key)
            if value in (None, "", []):
                continue
            label = QCoreApplication.translate(FIELDS_CONTEXT, spec.label)
            self.form.addRow(label + ":", self._value_widget(spec.type, spec.item_type, value))

    def _value_widget(self, ftype: FieldType, item_type, value) -> QLabel:
        is_url = ftype is FieldType.URL or item_type is FieldType.URL
        values = value if isinstance(value, list) else [value]
        if is_url:
            label = QLabel(self)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setText("<br>".join(
                f'<a href="{html.escape(v, quote=True)}">{html.escape(visible(v))}</a>' for v in values
            ))
            label.linkActivated.connect(lambda url: open_link(self, url))
            label.setWordWrap(True)
            return label
        label = _plain_label(self)
        label.setText(visible("; ".join(str(v) for v in values) if ftype is FieldType.LIST else str(value)))
        return label

    def _fill_linked(self, kind: Kind, entry_id: int) -> None:
        other = Kind.DATASET if kind is Kind.PAPER else Kind.PAPER
        relation_text = {
            "introduces": self.tr("introduces") if kind is Kind.PAPER else self.tr("introduced by"),
            "uses": self.tr("uses") if kind is Kind.PAPER else self.tr("used by"),
        }
        items = []
        for link in self._catalog.entries.linked(kind, entry_id):
            year = f" ({link.year})" if link.year else ""
            unlink_tip = html.escape(self.tr("Remove this link"), quote=True)
            items.append(
                f"{html.escape(relation_text.get(link.relation, link.relation))}: "
                f'<a href="entry:{other.value}:{link.id}">{html.escape(visible(link.title))}</a>{year} '
                f'<a href="unlink:{link.id}:{link.relation}" title="{unlink_tip}">✕</a>'
            )
        self.linked_label.setText("<br>".join(items) or html.escape(self.tr("None")))

    def _fill_provenance(self, kind: Kind, entry_id: int) -> None:
        rows = []
        for prov in self._catalog.entries.provenance(kind, entry_id):
            where = f" — {html.escape(prov['locator'])}" if prov["locator"] else ""
            rows.append(f"{html.escape(prov['source'])}{where}")
        self.provenance.setText("<br>".join(rows) or html.escape(self.tr("Added by hand")))

    def _on_link(self, href: str) -> None:
        scheme, _, rest = href.partition(":")
        if scheme == "entry":
            kind, _, entry_id = rest.partition(":")
            self.jumpRequested.emit(Kind(kind), int(entry_id))
        elif scheme == "unlink" and self._entry is not None:
            other_id, _, relation = rest.partition(":")
            kind, entry_id = self._kind, self._entry.id
            self._run(lambda: self._catalog.entries.link(kind, entry_id, int(other_id), relation, remove=True))

    def _add_link(self) -> None:
        if self._entry is None:
            return
        dialog = LinkDialog(self._catalog.entries, self._kind, self)
        if dialog.exec() and dialog.chosen() is not None:
            other_id, relation = dialog.chosen()
            kind, entry_id = self._kind, self._entry.id
            self._run(lambda: self._catalog.entries.link(kind, entry_id, other_id, relation))

    # ---- links ---------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        is_paper = self._kind is Kind.PAPER
        entry = self._entry
        for name in ("openPaperButton", "openPdfButton", "openCodeButton", "openProjectButton", "attachPdfButton"):
            self.buttons[name].setVisible(is_paper)
        self.buttons["openDownloadButton"].setVisible(not is_paper)
        if is_paper:
            self.buttons["openPaperButton"].setEnabled(bool(entry.paper_url))
            self.buttons["openCodeButton"].setEnabled(bool(entry.code_url))
            self.buttons["openProjectButton"].setEnabled(bool(entry.project_url))
            local = self._catalog.attachments.local_pdf(entry.id)
            self.buttons["openPdfButton"].setEnabled(bool(local or entry.pdf_url))
            self.buttons["openPdfButton"].setToolTip(
                str(local) if local else (entry.pdf_url or self.tr("No PDF"))
            )
        else:
            self.buttons["openDownloadButton"].setEnabled(bool(entry.download_urls))

    def _open_field(self, field: str) -> None:
        value = getattr(self._entry, field, None) if self._entry else None
        if value:
            open_link(self, value)

    def _open_pdf(self) -> None:
        if self._entry is None:
            return
        local = self._catalog.attachments.local_pdf(self._entry.id)
        if local is not None:
            open_link(self, str(local))
        elif self._entry.pdf_url:
            open_link(self, self._entry.pdf_url)

    def _open_download(self) -> None:
        if self._entry is not None and self._entry.download_urls:
            open_link(self, self._entry.download_urls[0])

    # ---- attaching a PDF -----------------------------------------------------------------

    def _choose_pdf(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Attach a PDF"), str(Path.home()), self.tr("PDF files (*.pdf)")
        )
        if path:
            self.attach_pdf(Path(path))

    def attach_pdf(self, path: Path) -> bool:
        if self._kind is not Kind.PAPER or self._entry is None:
            return False
        try:
            self.commandDone.emit(self._catalog.attachments.attach_pdf(self._entry.id, path))
        except CatalogError as exc:
            QMessageBox.warning(self, self.tr("PDF not attached"), f"{exc}\n\n{path}")
            return False
        except AttachmentError as exc:
            message = (
                self.tr("Only PDF files can be attached.")
                if exc.reason == "filetype"
                else self.tr("The file does not exist.")
            )
            QMessageBox.warning(self, self.tr("PDF not attached"), f"{message}\n\n{path}")
            return False
        self._update_buttons()
        return True

    def dragEnterEvent(self, event):  # noqa: N802 (Qt override)
        urls = event.mimeData().urls()
        if self._kind is Kind.PAPER and urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event):  # noqa: N802 (Qt override)
        for url in event.mimeData().urls():
            self.attach_pdf(Path(url.toLocalFile()))
        event.acceptProposedAction()
