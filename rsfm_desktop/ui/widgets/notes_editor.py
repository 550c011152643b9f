"""Personal Markdown notes with a live preview, saved automatically.

A note is written to the database about a second after the last keystroke, and at once when the
user switches to another entry or closes the window (:meth:`NotesEditor.flush`). If a save
fails, the text stays in the editor and in a pending buffer that is retried, so nothing typed is
lost.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core.fields import Kind
from ...core.services import CatalogService
from ..links import open_link

AUTOSAVE_MS = 800
PREVIEW_MS = 250


class SafePreview(QTextBrowser):
    """A Markdown preview that loads no resources (no remote images) and opens links safely."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(lambda url: open_link(self, url.toString()))

    def loadResource(self, kind, url):  # noqa: N802 (Qt override)
        return None


class NotesEditor(QWidget):
    saved = Signal(object, int)  # kind, entry id
    saveFailed = Signal(str)

    def __init__(self, service: CatalogService, parent=None):
        super().__init__(parent)
        self._service = service
        self._entry: tuple[Kind, int] | None = None
        self._saved_text = ""
        self._pending: dict[tuple[Kind, int], str] = {}

        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("notesEditor")
        self.editor.setPlaceholderText(self.tr("Write your notes here (Markdown). Saved automatically."))
        self.editor.setFont(QFont("monospace"))
        self.preview = SafePreview(self)
        self.preview.setObjectName("notesPreview")
        self.status = QLabel(self)
        self.status.setObjectName("notesStatus")

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        layout.addWidget(self.status)

        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.flush)
        self._render = QTimer(self, singleShot=True, interval=PREVIEW_MS)
        self._render.timeout.connect(self._update_preview)
        self.editor.textChanged.connect(self._on_text_changed)
        self.set_entry(None)

    # ---- entry switching -----------------------------------------------------------------

    def set_entry(self, entry: tuple[Kind, int] | None) -> None:
        """Save the current note, then show the note of ``entry`` (None: nothing selected)."""
        self.flush()
        self._entry = entry
        text = ""
        if entry is not None:
            text = self._pending.get(entry, self._service.note_text(*entry))
        self._saved_text = text if entry not in self._pending else ""
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self.editor.setEnabled(entry is not None)
        self._update_preview()
        self.status.clear()

    def entry(self) -> tuple[Kind, int] | None:
        return self._entry

    # ---- saving --------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        return self._entry is not None and self.editor.toPlainText() != self._saved_text

    def flush(self) -> bool:
        """Write the note now if it changed, and retry earlier failed saves. True if all saved."""
        self._autosave.stop()
        if self.is_dirty():
            self._pending[self._entry] = self.editor.toPlainText()
        for entry, body in list(self._pending.items()):
            try:
                self._service.save_note(entry[0], entry[1], body)
            except Exception as exc:  # noqa: BLE001 (any database failure: keep the text, tell)
                self.status.setText(self.tr("Not saved yet, will retry: %1").replace("%1", str(exc)))
                self.saveFailed.emit(str(exc))
                self._autosave.start()
                return False
            del self._pending[entry]
            if entry == self._entry:
                self._saved_text = body
                self.status.setText(self.tr("Saved"))
            self.saved.emit(*entry)
        return True

    def _on_text_changed(self) -> None:
        self._autosave.start()
        self._render.start()

    def _update_preview(self) -> None:
        from ...core.markdown_render import render  # markdown-it loads with the first note shown

        self.preview.setHtml(render(self.editor.toPlainText()))
