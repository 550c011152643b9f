"""Personal Markdown notes with a live preview, saved automatically, never lost.

A note is written about a second after the last keystroke, and at once when the user switches to
another entry or closes the window (:meth:`NotesEditor.flush`). Each save names the version of
the note the editor loaded: a note changed elsewhere meanwhile (another window, a lab member)
is never overwritten; the editor keeps the typed text, says so, and offers both texts side by
side. A save that cannot reach the catalog (busy, offline, a full disk, a vanished file) keeps
the text in the editor, in a pending buffer retried on a timer, and in the recovery journal
(``core.journal``) outside the catalog folder, offered back on the next start.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core.catalog import Catalog
from ...core.fields import Kind
from ...core.journal import PendingNote, RecoveryJournal
from ...core.store.writes import Conflict
from ..links import open_link

AUTOSAVE_MS = 800
RETRY_MS = 2000
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
    conflicted = Signal(object, int)  # kind, entry id: changed elsewhere, both texts kept

    def __init__(self, catalog: Catalog, parent=None, journal: RecoveryJournal | None = None):
        super().__init__(parent)
        self._catalog = catalog
        self.journal = journal
        self._entry: tuple[Kind, int] | None = None
        self._saved_text = ""  # the text as stored, at _version
        self._version: int | None = None
        self._pending: dict[tuple[Kind, int], PendingNote] = {}
        self._conflicts: dict[tuple[Kind, int], Conflict] = {}

        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("notesEditor")
        self.editor.setPlaceholderText(self.tr("Write your notes here (Markdown). Saved automatically."))
        self.editor.setFont(QFont("monospace"))
        self.preview = SafePreview(self)
        self.preview.setObjectName("notesPreview")
        self.status = QLabel(self)
        self.status.setObjectName("notesStatus")
        self.status.setWordWrap(True)
        self.compare_button = QPushButton(self.tr("Compare both versions…"), self)
        self.compare_button.setObjectName("notesCompareButton")
        self.compare_button.clicked.connect(self.resolve_conflict)
        self.compare_button.hide()

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.preview)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.compare_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        layout.addLayout(footer)

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
        text, self._saved_text, self._version = "", "", None
        if entry is not None:
            pending = self._pending.get(entry)
            if pending is not None:
                text, self._saved_text, self._version = pending.body, pending.base, pending.version
            else:
                try:
                    note = self._catalog.notes.get(*entry)
                    text = self._saved_text = note.body
                    self._version = note.version
                except Exception as exc:  # noqa: BLE001 (a damaged row: show the entry, say why)
                    self.status.setText(self.tr("The note cannot be read: %1").replace("%1", str(exc)))
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self.editor.setEnabled(entry is not None)
        self._update_preview()
        self._show_state()

    def _show_state(self) -> None:
        conflicted = self._entry in self._conflicts
        self.compare_button.setVisible(conflicted)
        if conflicted:
            self.status.setText(self.tr("This note was changed elsewhere. Your text is kept; "
                                        "compare both versions to choose."))
        elif self._entry in self._pending:
            self.status.setText(self.tr("Not saved yet, will retry."))
        else:
            self.status.clear()

    # ---- saving --------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        return self._entry is not None and self.editor.toPlainText() != self._saved_text

    def has_unsaved(self) -> bool:
        """Typed text that is not in the catalog yet (this note or an earlier one)."""
        return self.is_dirty() or bool(self._pending)

    def unsaved(self) -> dict[tuple[Kind, int], PendingNote]:
        if self.is_dirty():
            self._pending[self._entry] = PendingNote(self.editor.toPlainText(), self._saved_text, self._version)
        return dict(self._pending)

    def flush(self) -> bool:
        """Write the note now if it changed, and retry earlier failed saves. True if all saved."""
        self._autosave.stop()
        if self.is_dirty():
            self._pending[self._entry] = PendingNote(self.editor.toPlainText(), self._saved_text, self._version)
        ok = True
        for entry, pending in list(self._pending.items()):
            if entry in self._conflicts:
                ok = False
                continue
            try:
                version = self._catalog.notes.save(entry[0], entry[1], pending.body,
                                                   expected_version=pending.version, base=pending.base)
            except Conflict as exc:
                self._conflicts[entry] = exc
                self.conflicted.emit(*entry)
                ok = False
                continue
            except Exception as exc:  # noqa: BLE001 (any database failure: keep the text, tell)
                self.saveFailed.emit(str(exc))
                self.status.setText(self.tr("Not saved yet, will retry: %1").replace("%1", str(exc)))
                self._autosave.start(RETRY_MS)
                ok = False
                break
            del self._pending[entry]
            if entry == self._entry:
                self._saved_text = pending.body
                if version is not None:
                    self._version = version
                self.status.setText(self.tr("Saved"))
            self.saved.emit(*entry)
        self._write_journal()
        if self._entry in self._conflicts:
            self._show_state()
        return ok

    def _write_journal(self) -> None:
        if self.journal is None:
            return
        try:
            self.journal.write_notes(self._pending)
        except OSError as exc:
            self.status.setText(self.tr("Not saved, and the recovery copy failed too: %1").replace("%1", str(exc)))

    def _on_text_changed(self) -> None:
        self._autosave.start(AUTOSAVE_MS)
        self._render.start()

    def _update_preview(self) -> None:
        from ...core.markdown_render import render  # markdown-it loads with the first note shown

        self.preview.setHtml(render(self.editor.toPlainText()))

    # ---- changes made elsewhere ---------------------------------------------------------------

    def note_changed_elsewhere(self) -> None:
        """The shown entry's note was written by someone else: show it, unless text typed here
        is unsaved (then saving will offer both versions)."""
        if self._entry is None:
            return
        if self.is_dirty() or self._entry in self._pending:
            self.status.setText(self.tr("This note was changed elsewhere; your unsaved text is kept."))
            return
        note = self._catalog.notes.get(*self._entry)
        self._saved_text, self._version = note.body, note.version
        self.editor.blockSignals(True)
        self.editor.setPlainText(note.body)
        self.editor.blockSignals(False)
        self._update_preview()

    def resolve_conflict(self) -> None:
        """Show both versions side by side; the user keeps theirs, mine, or an edited merge."""
        from ..dialogs.conflict_dialog import NoteConflictDialog

        entry = self._entry
        conflict = self._conflicts.get(entry)
        if conflict is None:
            return
        pending = self._pending.get(entry)
        mine = pending.body if pending else self.editor.toPlainText()
        theirs = conflict.fields["note"][2]
        dialog = NoteConflictDialog(mine, theirs, self)
        if not dialog.exec():
            return
        chosen = dialog.result_text()
        del self._conflicts[entry]
        # The chosen text is written over the version that conflicted (both were seen).
        self._pending[entry] = PendingNote(chosen, theirs, conflict.version)
        self._saved_text, self._version = theirs, conflict.version
        self.editor.blockSignals(True)
        self.editor.setPlainText(chosen)
        self.editor.blockSignals(False)
        self._update_preview()
        self.flush()
        self._show_state()

    def keep_for_next_time(self) -> None:
        """Quitting with unsaved notes: they stay in the recovery journal."""
        self.unsaved()
        self._write_journal()

    def adopt(self, recovered) -> int:
        """Put notes recovered from the journal back: each is saved over the version it was
        typed on (a note changed since conflicts and is offered side by side). Returns how
        many were saved now."""
        for item in recovered:
            self._pending[(item.kind, item.entry_id)] = item.note
        before = len(self._pending)
        self.flush()
        if self._entry is not None:
            self.set_entry(self._entry)  # shows the recovered text of the open entry
        return before - len(self._pending)

    def written_elsewhere(self, entries) -> None:
        """These unsaved notes were written into a copy of the catalog (its file vanished and
        it was saved to a new place): they are no longer pending here."""
        self.unsaved()
        for entry in entries:
            self._pending.pop(entry, None)
            if entry == self._entry:
                self._saved_text = self.editor.toPlainText()
        self._write_journal()
        if not self._pending:
            self._autosave.stop()
            self.status.setText(self.tr("Your notes are in the copy of the catalog saved to the new place."))

    def catalog_lost(self) -> None:
        """The catalog file vanished: stop claiming "saved"; keep everything typed."""
        self.unsaved()
        self._write_journal()
        self.status.setText(self.tr("The catalog is gone: your note is kept in the recovery journal."))
