"""The attachments of the entry shown in the detail pane: a row per file with its size, page
count and state (missing: Locate…; not on this computer; what the full-text index says), the
actions on it (open in the reader or the system viewer, show in folder, locate, remove), files
dropped on it attached, and the pages of its PDFs that match the current full-text search.

It reads through ``catalog.attachments`` only and refreshes itself from the catalog's changes.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.attachments import MISSING, NOT_HERE, STORED, AttachmentError, AttachmentInfo
from ...core.errors import CatalogError
from ...core.fields import Kind
from ...core.fulltext.extract import PROBLEMS
from ...core.openable import OPENABLE_SUFFIXES
from ...core.store.changes import ATTACHMENTS
from .. import settings as cfg
from ..change_bus import changes_of
from ..icons import bind
from ..links import open_link

IdRole = Qt.ItemDataRole.UserRole + 1
MAX_HITS = 12


def size_text(size: int | None) -> str:
    if size is None:
        return ""
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def state_text(info: AttachmentInfo) -> str:
    if info.state == MISSING:
        return QCoreApplication.translate("Attachments", "missing: Locate…")
    if info.state == NOT_HERE:
        return QCoreApplication.translate("Attachments", "not on this computer")
    if info.index is not None and info.index.status in PROBLEMS:
        return QCoreApplication.translate("Fulltext", PROBLEMS[info.index.status])
    if info.is_pdf and info.index is None:
        return QCoreApplication.translate("Attachments", "not indexed yet")
    if info.mode == STORED:  # a copy in the catalog's folder (in its backups too)
        return QCoreApplication.translate("Attachments", "stored, searchable") if info.is_pdf \
            else QCoreApplication.translate("Attachments", "stored")
    return QCoreApplication.translate("Attachments", "linked, searchable") if info.is_pdf \
        else QCoreApplication.translate("Attachments", "linked")


def marked(snippet: str, query: str) -> str:
    """The snippet as HTML, each search term in bold (case-insensitively)."""
    text = html.escape(snippet)
    terms = sorted({html.escape(t) for t in query.split() if t.strip()}, key=len, reverse=True)
    if not terms:
        return text
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    return pattern.sub(lambda m: f"<b>{m.group(0)}</b>", text)


class AttachmentsList(QWidget):
    commandDone = Signal(object)  # an undoable command carried out here
    openRequested = Signal(int, int)  # attachment id, page (1-based): open in the reader

    def __init__(self, catalog, parent=None, settings=None):
        super().__init__(parent)
        self.setObjectName("attachmentsList")
        self._settings = settings  # where the last folder attached from is kept
        self.setAcceptDrops(True)
        self._catalog = catalog
        self._entry: tuple[Kind, int] | None = None
        self._search = ""
        self._infos: list[AttachmentInfo] = []  # as last read for the entry shown
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("attachmentsTree")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels([self.tr("File"), self.tr("Pages"), self.tr("Size"), self.tr("State")])
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemDoubleClicked.connect(lambda item, _col: self.open_selected())
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.setAcceptDrops(False)  # drops land on the widget, which attaches them

        self.buttons: dict[str, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for name, icon, text, tip, slot in (
            ("attachButton", "attach", self.tr("Attach…"), self.tr("Link files to this entry, or store copies "
                                                                  "in the catalog (or drop files here)"), None),
            ("openAttachmentButton", "reader", self.tr("Open"), self.tr("Open in the reader (PDF) or the system viewer"),
             self.open_selected),
            ("openExternalButton", "external", self.tr("System viewer"), self.tr("Open in the system viewer"),
             self.open_externally),
            ("showInFolderButton", "folder", self.tr("Show in folder"), self.tr("Open the folder holding the file"),
             self.show_in_folder),
            ("locateButton", "locate", self.tr("Locate…"), self.tr("Point a missing attachment at its file"),
             self.locate),
            ("removeAttachmentButton", "detach", self.tr("Remove"),
             self.tr("Remove from this entry (a linked file is never deleted)"), self.remove_selected),
        ):
            button = QToolButton(self)
            button.setObjectName(name)
            button.setText(text)
            button.setToolTip(tip)
            bind(button, icon)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon if name == "attachButton"
                                      else Qt.ToolButtonStyle.ToolButtonIconOnly)
            if slot is not None:
                button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[name] = button
        bar.addStretch(1)
        attach_menu = QMenu(self)
        self.link_action = attach_menu.addAction(self.tr("Link files…"), lambda: self.choose_files(store=False))
        self.store_action = attach_menu.addAction(self.tr("Store copies in the catalog…"),
                                                  lambda: self.choose_files(store=True))
        self.buttons["attachButton"].setMenu(attach_menu)
        self.buttons["attachButton"].setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.buttons["attachButton"].clicked.connect(lambda: self.choose_files(store=False))

        self.hits = QLabel(self)
        self.hits.setObjectName("fulltextHits")
        self.hits.setWordWrap(True)
        self.hits.setTextFormat(Qt.TextFormat.RichText)
        self.hits.linkActivated.connect(self._hit_clicked)
        self.hits.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        layout.addWidget(self.hits)
        changes_of(catalog).changed.connect(self._on_changes)
        self.set_entry(None, None)

    # ---- showing -------------------------------------------------------------------------

    def set_entry(self, kind: Kind | None, entry_id: int | None) -> None:
        """Show the attachments of this entry (None: nothing)."""
        self._entry = (kind, entry_id) if kind is not None and entry_id is not None else None
        self.refresh()

    def set_search(self, text: str) -> None:
        """The full-text search to show hits of (empty: none)."""
        if text != self._search:
            self._search = text
            self._fill_hits()

    def attachments(self) -> list[AttachmentInfo]:
        return self._catalog.attachments.list(*self._entry) if self._entry else []

    def local_pdf(self) -> Path | None:
        """The first file listed that opens as a PDF on this computer (what the catalog's
        ``local_pdf`` answers), from the list read for the entry: a row switch reads it once."""
        for info in self._infos:
            if info.exists and info.location.suffix.lower() in OPENABLE_SUFFIXES:
                return info.location
        return None

    def refresh(self) -> None:
        current = self.current_id()
        self.tree.clear()
        self._infos = self.attachments()
        for info in self._infos:
            item = QTreeWidgetItem([info.name, str(info.pages) if info.pages is not None else "",
                                    size_text(info.size), state_text(info)])
            item.setData(0, IdRole, info.id)
            where = str(info.location) if info.location is not None else self.tr("not on this computer")
            mode = self.tr("stored in the catalog") if info.mode == STORED else self.tr("linked")
            item.setToolTip(0, f"{where}\n{mode}")
            if info.index is not None and info.index.message:
                item.setToolTip(3, info.index.message)
            if info.state != "present":
                for column in range(4):
                    item.setForeground(column, self.palette().placeholderText())
            self.tree.addTopLevelItem(item)
            if info.id == current:
                self.tree.setCurrentItem(item)
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        rows = self.tree.topLevelItemCount()
        self.tree.setVisible(rows > 0)
        if rows:  # as tall as its rows, up to five
            row_height = max(self.tree.sizeHintForRow(0), 1)
            self.tree.setFixedHeight(self.tree.header().sizeHint().height() + min(rows, 5) * row_height
                                     + 2 * self.tree.frameWidth() + 2)
        self.buttons["attachButton"].setEnabled(self._entry is not None)
        self.store_action.setEnabled(self._catalog.attachments.can_store)
        self._update_buttons()
        self._fill_hits()

    def _fill_hits(self) -> None:
        found = self._catalog.attachments.hits(*self._entry, self._search, MAX_HITS) if (
            self._entry and self._search.strip()) else []
        if not found:
            self.hits.hide()
            return
        names = {a.id: a.name for a in self.attachments()}
        rows = []
        for hit in found:
            label = self.tr("p. %1").replace("%1", str(hit.page))
            rows.append(f'<a href="hit:{hit.attachment_id}:{hit.page}">{html.escape(label)}</a>'
                        f' <span style="color: palette(placeholder-text);">{html.escape(names.get(hit.attachment_id, ""))}'
                        f'</span><br>{marked(hit.snippet, self._search)}')
        heading = html.escape(self.tr("Found in the full text:"))
        self.hits.setText(f"<b>{heading}</b><br>" + "<br>".join(rows))
        self.hits.show()

    def hit_rows(self) -> list[tuple[int, int]]:
        """(attachment id, page) of the hits shown."""
        return [(h.attachment_id, h.page) for h in self._catalog.attachments.hits(*self._entry, self._search, MAX_HITS)] \
            if self._entry and self._search.strip() else []

    def _hit_clicked(self, href: str) -> None:
        _scheme, attachment, page = href.split(":")
        self.openRequested.emit(int(attachment), int(page))

    def _on_changes(self, changes) -> None:
        if self._entry is None:
            return
        change = changes.touches(*self._entry)
        ours = {a.id for a in self.attachments()} if not change else set()
        if (change and (ATTACHMENTS in change.fields or change.op != "update")) or any(
                c.entity == "attachment" and c.id in ours for c in changes):
            self.refresh()

    # ---- the selected attachment -----------------------------------------------------------

    def current_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, IdRole) if item is not None else None

    def current(self) -> AttachmentInfo | None:
        current = self.current_id()
        return self._catalog.attachments.get(current) if current is not None else None

    def select(self, attachment_id: int) -> None:
        for row in range(self.tree.topLevelItemCount()):
            if self.tree.topLevelItem(row).data(0, IdRole) == attachment_id:
                self.tree.setCurrentItem(self.tree.topLevelItem(row))

    def _update_buttons(self) -> None:
        info = self.current()
        present = info is not None and info.exists
        self.buttons["openAttachmentButton"].setEnabled(present)
        self.buttons["openExternalButton"].setEnabled(present)
        self.buttons["showInFolderButton"].setEnabled(present)
        self.buttons["locateButton"].setEnabled(info is not None and not present and (
            info.mode != STORED or self._catalog.attachments.can_store))
        self.buttons["removeAttachmentButton"].setEnabled(info is not None)

    def _context_menu(self, position) -> None:
        item = self.tree.itemAt(position)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        menu = QMenu(self)
        for name in ("openAttachmentButton", "openExternalButton", "showInFolderButton", "locateButton",
                     "removeAttachmentButton"):
            button = self.buttons[name]
            action = menu.addAction(button.icon(), button.text(), button.click)
            action.setEnabled(button.isEnabled())
        menu.exec(self.tree.viewport().mapToGlobal(position))

    # ---- actions ---------------------------------------------------------------------------

    def _run(self, make_command) -> bool:
        try:
            self.commandDone.emit(make_command())
        except AttachmentError as exc:
            QMessageBox.warning(self, self.tr("Not attached"), f"{self.refusal(exc)}\n\n{exc.path}")
            return False
        except CatalogError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return False
        return True

    def refusal(self, exc: AttachmentError) -> str:
        return {
            "missing": self.tr("The file does not exist."),
            "filetype": self.tr("Only files (not folders or devices) can be attached."),
            "server": self.tr("A lab catalog cannot store files: link them instead."),
            "copy": self.tr("The file could not be copied into the catalog: %1").replace("%1", exc.detail),
        }.get(exc.reason, str(exc))

    def attach(self, paths: list[Path], store: bool = False) -> bool:
        if self._entry is None or not paths:
            return False
        store = store and self._catalog.attachments.can_store
        kind, entry_id = self._entry
        return self._run(lambda: self._catalog.attachments.attach(kind, entry_id, paths, store=store))

    def choose_files(self, store: bool = False) -> None:
        if self._entry is None:
            return
        title = self.tr("Store copies in the catalog") if store else self.tr("Link files")
        paths, _ = QFileDialog.getOpenFileNames(self, title, self._last_folder(),
                                                self.tr("PDF files (*.pdf);;All files (*)"))
        if paths:
            self._remember_folder(paths[0])
            self.attach([Path(p) for p in paths], store)

    def _last_folder(self) -> str:
        return cfg.last_folder(self._settings, "attach") if self._settings is not None else str(Path.home())

    def _remember_folder(self, path: str) -> None:
        if self._settings is not None:
            cfg.remember_folder(self._settings, "attach", path)

    def open_selected(self, page: int = 1) -> None:
        info = self.current()
        if info is None or not info.exists:
            return
        if info.is_pdf:
            self.openRequested.emit(info.id, page)
        else:
            self.open_externally()

    def open_externally(self) -> None:
        info = self.current()
        if info is not None and info.location is not None:
            open_link(self, str(info.location))

    def show_in_folder(self) -> None:
        info = self.current()
        if info is not None and info.exists:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(info.location.parent)))

    def locate(self) -> None:
        info = self.current()
        if info is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Locate “%1”").replace("%1", info.name),
                                              self._last_folder(), self.tr("All files (*)"))
        if path:
            self._remember_folder(path)
            self._run(lambda: self._catalog.attachments.relink(info.id, Path(path)))

    def remove_selected(self) -> None:
        info = self.current()
        if info is not None:
            self._run(lambda: self._catalog.attachments.remove(info.id))

    # ---- drops -----------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt override)
        urls = event.mimeData().urls()
        if self._entry is not None and urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Dropped files are linked; with Ctrl held, copies are stored in the catalog."""
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        store = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if self.attach(paths, store):
            event.acceptProposedAction()
