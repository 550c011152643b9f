"""The detail pane: the selected paper or dataset as one document to read (title, identifiers as
links, link buttons, tags, the Chinese and English summaries at full width, fields, attachments,
linked entries, provenance) above the personal note; several selected rows as a count with the
actions for them all.

All text from the catalog is shown as plain text (never guessed as rich text); where a label
shows links, the catalog text in it is HTML-escaped.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.catalog import Catalog
from ...core.display_text import visible
from ...core.entries import Entry
from ...core.errors import CatalogError
from ...core.fields import FIELDS, FieldType, Kind
from ...core.i18n import FIELDS_CONTEXT
from ...core.references import identifiers, paper_url, pdf_url
from ...core.store.changes import Change
from ...core.store.writes import Conflict
from ..dialogs.link_dialog import LinkDialog
from ..icons import bind
from ..links import open_link
from .flow_layout import FlowLayout
from .attachments_list import AttachmentsList
from .notes_editor import NotesEditor
from .selection_panel import SelectionPanel
from .summary_pair import SummaryPair, SummaryView

# Fields shown in the header or the summary views rather than in the field form.
_HEADER_FIELDS = {"title", "name", "summary_zh", "summary_en", "description_zh", "description_en", "doi", "arxiv_id"}
_SUMMARY_FIELDS = {Kind.PAPER: ("summary_zh", "summary_en"), Kind.DATASET: ("description_zh", "description_en")}


def _plain_label(parent: QWidget, object_name: str | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if object_name:
        label.setObjectName(object_name)
    return label


class DetailPane(QWidget):
    """Shows one entry as a document to read (title, identifiers, links, tags, both summaries,
    fields, attachments, linked entries, provenance) above its note; or, for several selected
    rows, how many and what can be done to them all. Emits :attr:`jumpRequested` when a linked
    entry is clicked."""

    jumpRequested = Signal(object, int)  # kind, id
    entryShown = Signal(object, object)  # kind, id (None, None: nothing shown)
    commandDone = Signal(object)  # an undoable command carried out here (for the undo stack)

    def __init__(self, catalog: Catalog, parent=None, journal=None, settings=None):
        super().__init__(parent)
        self.setObjectName("detailPane")
        self._settings = settings  # where the file dialogs' last folders are kept
        self._catalog = catalog
        self._entry: Entry | None = None
        self._kind: Kind | None = None
        self._attachments: QWidget | None = None

        self.title = _plain_label(self, "detailTitle")
        self.subtitle = _plain_label(self, "detailSubtitle")
        self.identifiers = QLabel(self)
        self.identifiers.setObjectName("detailIdentifiers")
        self.identifiers.setTextFormat(Qt.TextFormat.RichText)
        self.identifiers.setWordWrap(True)
        self.identifiers.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.identifiers.linkActivated.connect(lambda url: open_link(self, url))
        self.damage = _plain_label(self, "detailDamage")  # an entry read from a damaged page
        self.damage.setStyleSheet("background: #fdecea; color: #8a1c14; padding: 4px; border-radius: 3px;")
        self.damage.hide()
        self.empty_hint = QLabel(self.tr("Select a paper or dataset to see its details."), self)
        self.empty_hint.setObjectName("detailEmptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)

        self.buttons = self._make_link_buttons()
        self.summary_zh = SummaryView(
            self.tr("Chinese / 中文"), "summaryZhView", self.tr("No Chinese summary"), self
        )
        self.summary_en = SummaryView(
            self.tr("English"), "summaryEnView", self.tr("No English summary"), self
        )
        self.summaries = SummaryPair(self.summary_zh, self.summary_en, self)
        self.swap_button = QToolButton(self)
        self.swap_button.setObjectName("swapSummariesButton")
        self.swap_button.setText(self.tr("Swap summaries"))
        self.swap_button.setToolTip(self.tr("The Chinese and English summaries were filed under the wrong "
                                            "language: exchange them"))
        self.swap_button.setAutoRaise(True)
        self.swap_button.clicked.connect(self.swap_summaries)

        self.form = QFormLayout()
        self._form_rows: dict[Kind, dict[str, tuple[QLabel, QLabel]]] = {}  # kind -> key -> (name, value)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
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

        # The entry as one flowing document in one scroll area: nothing inside it scrolls on
        # its own, so the mouse wheel always scrolls the pane.
        self.document = info = QWidget(self)
        info.setObjectName("detailDocument")
        info_layout = QVBoxLayout(info)
        info_layout.setContentsMargins(8, 6, 8, 8)
        info_layout.addWidget(self.title)
        info_layout.addWidget(self.subtitle)
        info_layout.addWidget(self.identifiers)
        info_layout.addWidget(self.damage)
        info_layout.addLayout(self.buttons_layout)
        self.extras_layout = QVBoxLayout()  # where other features add widgets (tag chips)
        info_layout.addLayout(self.extras_layout)
        summary_head = QHBoxLayout()
        summary_head.addWidget(self._section(self.tr("Summary")))
        summary_head.addStretch(1)
        summary_head.addWidget(self.swap_button)
        info_layout.addLayout(summary_head)
        info_layout.addWidget(self.summaries)
        self.fields_heading = self._section(self.tr("Details"))
        info_layout.addWidget(self.fields_heading)
        info_layout.addLayout(self.form)
        # Attachments: a list widget is put here with set_attachments_widget() (issue 15).
        self.attachments_section = QWidget(info)
        self.attachments_section.setObjectName("attachmentsSection")
        attachments = QVBoxLayout(self.attachments_section)
        attachments.setContentsMargins(0, 0, 0, 0)
        attachments.addWidget(self._section(self.tr("Attachments")))
        self.attachments_layout = attachments
        self.attachments_section.hide()
        info_layout.addWidget(self.attachments_section)
        self.attachments = AttachmentsList(catalog, self, settings=settings)  # files, drops, full-text hits
        self.attachments.commandDone.connect(self.commandDone)
        self.set_attachments_widget(self.attachments)
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
        self.scroll = scroll = QScrollArea(self)
        scroll.setObjectName("detailScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # lines wrap instead
        scroll.setWidget(info)

        self.notes = NotesEditor(catalog, self, journal=journal)
        notes_box = QWidget(self)
        notes_box.setObjectName("notesBox")
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.addWidget(self._section(self.tr("My notes (Markdown)")))
        notes_layout.addWidget(self.notes, 1)
        notes_box.setMinimumHeight(160)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("detailSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(notes_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.selection = SelectionPanel(self)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("detailPages")
        for page in (self.empty_hint, self.splitter, self.selection):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)
        self.set_font_size(0)
        self.show_entry(None, None)

    def set_attachments_widget(self, widget: QWidget) -> None:
        """Put the attachments list into the document, under the fields; it is shown for an
        entry, and its ``set_entry(kind, entry_id)`` is called with each entry shown."""
        if self._attachments is not None:
            self.attachments_layout.removeWidget(self._attachments)
        self._attachments = widget
        self.attachments_layout.addWidget(widget)
        self._show_attachments()

    def _show_attachments(self) -> None:
        widget = self._attachments
        if widget is None:
            return
        shown = self._entry is not None
        self.attachments_section.setVisible(shown)
        if hasattr(widget, "set_entry"):
            widget.set_entry(self._kind if shown else None, self._entry.id if shown else None)

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
        buttons["openPaperButton"].clicked.connect(self._open_paper)
        buttons["openPdfButton"].clicked.connect(self._open_pdf)
        buttons["openCodeButton"].clicked.connect(lambda: self._open_field("code_url"))
        buttons["openProjectButton"].clicked.connect(lambda: self._open_field("project_url"))
        buttons["openDownloadButton"].clicked.connect(self._open_download)
        return buttons

    # ---- showing an entry ----------------------------------------------------------------

    def _run(self, make_command) -> None:
        """Carry out an edit made here; it goes on the window's undo stack."""
        try:
            self.commandDone.emit(make_command())
        except (CatalogError, Conflict) as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))

    def current(self) -> tuple[Kind, int] | None:
        return (self._kind, self._entry.id) if self._entry is not None else None

    def entry(self) -> Entry | None:
        """The entry shown, as read when it was shown (kept current by :meth:`entry_changed`):
        what else needs it on a row switch uses this instead of reading it again."""
        return self._entry

    def local_pdf(self):
        """The shown paper's first attached PDF on this computer (None: none, or no paper)."""
        if self._entry is None:
            return None
        widget = self._attachments
        if hasattr(widget, "local_pdf"):
            return widget.local_pdf()  # from the attachments listed for this entry
        return self._catalog.attachments.local_pdf(self._entry.id)

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
        self.pages.setCurrentWidget(self.splitter if entry is not None else self.empty_hint)
        self.entryShown.emit(self._kind, entry.id if entry else None)
        if entry is None:
            return
        zh_key, en_key = _SUMMARY_FIELDS[kind]
        self.damage.setText(self.damage_text())
        self.damage.setVisible(entry.damaged)
        self.title.setText(visible(entry.title if kind is Kind.PAPER else entry.name))
        self.subtitle.setText(visible(self._subtitle(kind, entry)))
        self._fill_identifiers(kind, entry)
        self.summaries.set_texts(getattr(entry, zh_key), getattr(entry, en_key))
        self.swap_button.setEnabled(bool(getattr(entry, zh_key) or getattr(entry, en_key)))
        self._fill_form(kind, entry)
        self._fill_linked(kind, entry.id)
        self._fill_provenance(kind, entry)
        self._show_attachments()  # before the buttons: the PDF button uses the list it reads
        self._update_buttons()
        if not same:  # a new entry is read from its title down
            self.scroll.verticalScrollBar().setValue(0)

    def show_selection(self, kind: Kind, count: int) -> None:
        """Several rows are selected: say how many, and offer what can be done to them all."""
        self.notes.set_entry(None)
        self._entry, self._kind = None, None
        self.selection.set_count(kind, count)
        self.pages.setCurrentWidget(self.selection)
        self.entryShown.emit(None, None)

    def showing_selection(self) -> bool:
        return self.pages.currentWidget() is self.selection

    def swap_summaries(self) -> None:
        """Exchange the Chinese and English summaries (one undoable edit), for a summary that
        was filed under the wrong language."""
        if self._entry is None:
            return
        zh_key, en_key = _SUMMARY_FIELDS[self._kind]
        zh, en = getattr(self._entry, zh_key), getattr(self._entry, en_key)
        kind, entry_id, version = self._kind, self._entry.id, self._entry.version
        self._run(lambda: self._catalog.entries.update(
            kind, entry_id, {zh_key: en, en_key: zh}, expected_version=version, base={zh_key: zh, en_key: en}))

    def _fill_identifiers(self, kind: Kind, entry) -> None:
        names = {"doi": "DOI", "arxiv": "arXiv"}
        found = identifiers(entry) if kind is Kind.PAPER else []
        self.identifiers.setText("  ·  ".join(
            f'{names[i.kind]}: <a href="{html.escape(i.url, quote=True)}">{html.escape(i.text)}</a>' for i in found))
        self.identifiers.setVisible(bool(found))

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
            parts += [p for p in (venue_year, entry.short_name) if p]
        else:
            parts += [str(v) for v in (entry.data_type, entry.year, entry.scale) if v]
        return "  ·  ".join(parts)

    def _fill_form(self, kind: Kind, entry) -> None:
        """The fields' rows; each field's row is made once and kept (hidden when empty): making
        and destroying a dozen labels per row switch cost 10-13 ms of its GUI time."""
        rows = self._form_rows.get(kind)
        if rows is None:
            rows = self._form_rows[kind] = {}
            for spec in FIELDS[kind]:
                if spec.form and spec.key not in _HEADER_FIELDS:
                    is_url = spec.type is FieldType.URL or spec.item_type is FieldType.URL
                    rows[spec.key] = (QLabel(self), self._value_label(is_url))
                    self.form.addRow(*rows[spec.key])
        for other, other_rows in self._form_rows.items():
            if other is not kind:
                for name, value in other_rows.values():
                    self.form.setRowVisible(value, False)
        for spec in FIELDS[kind]:
            if spec.key not in rows:
                continue
            name, label = rows[spec.key]
            value = getattr(entry, spec.key)
            shown = value not in (None, "", [], {})
            if shown:
                name.setText(QCoreApplication.translate(FIELDS_CONTEXT, spec.label) + ":")
                label.setText(self._value_text(spec.type, label.textFormat() == Qt.TextFormat.RichText, value))
            self.form.setRowVisible(label, shown)

    def _value_label(self, is_url: bool) -> QLabel:
        if not is_url:
            return _plain_label(self)
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.linkActivated.connect(lambda url: open_link(self, url))
        label.setWordWrap(True)
        return label

    @staticmethod
    def _value_text(ftype: FieldType, is_url: bool, value) -> str:
        values = value if isinstance(value, list) else [value]
        if is_url:
            return "<br>".join(f'<a href="{html.escape(v, quote=True)}">{html.escape(visible(v))}</a>' for v in values)
        return visible("; ".join(str(v) for v in values) if ftype is FieldType.LIST else str(value))

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

    def _fill_provenance(self, kind: Kind, entry) -> None:
        rows = []
        for prov in self._catalog.entries.provenance(kind, entry.id):
            where = f" — {html.escape(self._locator(prov['locator']))}" if prov["locator"] else ""
            rows.append(f"{html.escape(prov['source'])}{where}")
        if not rows:
            rows.append(html.escape(self.tr("Added by hand")))
        who = []  # the lab members behind it (a synced or lab catalog)
        if entry.created_by:
            who.append(self.tr("added by %1").replace("%1", entry.created_by))
        if entry.modified_by and entry.modified_by != entry.created_by:
            who.append(self.tr("last changed by %1").replace("%1", entry.modified_by))
        if who:
            rows.append(html.escape(" · ".join(who)))
        self.provenance.setText("<br>".join(rows))

    def _locator(self, locator: str) -> str:
        """Where in its source an entry was read, in the interface's language (stored as the
        importer and the seed tools write it: "line 12", "table row 3", "list entry 7 under 'X'")."""
        found = re.fullmatch(r"line (\d+)", locator)
        if found:
            return self.tr("line %1").replace("%1", found[1])
        found = re.fullmatch(r"table row (\d+)", locator)
        if found:
            return self.tr("table row %1").replace("%1", found[1])
        found = re.fullmatch(r"list entry (\d+) under '(.*)'", locator, re.S)
        if found:
            return self.tr("list entry %1 under “%2”").replace("%1", found[1]).replace("%2", found[2])
        return locator

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
        for name in ("openPaperButton", "openPdfButton", "openCodeButton", "openProjectButton"):
            self.buttons[name].setVisible(is_paper)
        self.buttons["openDownloadButton"].setVisible(not is_paper)
        if is_paper:
            self.buttons["openPaperButton"].setEnabled(bool(paper_url(entry)))
            self.buttons["openPaperButton"].setToolTip(paper_url(entry) or self.tr("No paper link"))
            self.buttons["openCodeButton"].setEnabled(bool(entry.code_url))
            self.buttons["openProjectButton"].setEnabled(bool(entry.project_url))
            local = self.local_pdf()
            self.buttons["openPdfButton"].setEnabled(bool(local or pdf_url(entry)))
            self.buttons["openPdfButton"].setToolTip(
                str(local) if local else (pdf_url(entry) or self.tr("No PDF"))
            )
        else:
            self.buttons["openDownloadButton"].setEnabled(bool(entry.download_urls))

    def _open_field(self, field: str) -> None:
        value = getattr(self._entry, field, None) if self._entry else None
        if value:
            open_link(self, value)

    def _open_paper(self) -> None:
        if self._entry is not None and paper_url(self._entry):
            open_link(self, paper_url(self._entry))

    def _open_pdf(self) -> None:
        if self._entry is None:
            return
        local = self._catalog.attachments.local_pdf(self._entry.id)  # as the disk is now
        if local is not None:
            open_link(self, str(local))
        elif pdf_url(self._entry):
            open_link(self, pdf_url(self._entry))

    def _open_download(self) -> None:
        if self._entry is not None and self._entry.download_urls:
            open_link(self, self._entry.download_urls[0])
