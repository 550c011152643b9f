"""Personal Markdown notes with a live preview, saved automatically, never lost.

A note is written about a second after the last keystroke, and at once when the user switches to
another entry or closes the window (:meth:`NotesEditor.flush`). A huge note (over
:data:`LARGE_NOTE_CHARS`) is written on a worker thread, loaded into the editor in pieces, and
its preview rendered on a worker thread (``notes_work``): the window never waits on it. Each save names the version of
the note the editor loaded: a note changed elsewhere meanwhile (another window, a lab member)
is never overwritten; the editor keeps the typed text, says so, and offers both texts side by
side. A save that cannot reach the catalog (busy, offline, a full disk, a vanished file) keeps
the text in the editor, in a pending buffer retried on a timer, and in the recovery journal
(``core.journal``) outside the catalog folder, offered back on the next start.
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
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
from .notes_work import PREVIEW_MAX_CHARS, BackgroundSaver, PreviewRenderer

AUTOSAVE_MS = 800
RETRY_MS = 2000
PREVIEW_MS = 250
LARGE_NOTE_CHARS = 100_000  # saved on a worker thread, loaded in pieces
SYNC_PREVIEW_MAX_CHARS = 5_000  # rendered at once on the GUI thread (a few milliseconds)
LOAD_CHUNK_CHARS = 32 * 1024


class SafePreview(QTextBrowser):
    """A Markdown preview that loads no resources (no remote images) and opens links safely;
    a quote's page reference (``rsfm-pdf:…``, core/quotes.py) is emitted for the reader."""

    pageLinkActivated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_anchor)

    def _on_anchor(self, url) -> None:
        from ...core.quotes import SCHEME

        if url.scheme() == SCHEME:
            self.pageLinkActivated.emit(url.toString())
        else:
            open_link(self, url.toString())

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
        self._clean_revision = 0  # the editor document's revision when it held _saved_text
        self._text_cache: tuple[int, str] = (-1, "")
        self._journaled: dict | None = None  # what the recovery journal holds (None: unknown)
        self._loading: list[str] = []  # a huge note's pieces not in the editor yet
        self._saver = BackgroundSaver(self)
        self._saver.done.connect(self._background_saved)
        self._saver.journalFailed.connect(lambda why: self.status.setText(
            self.tr("Not saved, and the recovery copy failed too: %1").replace("%1", why)))
        self._previewer = PreviewRenderer(self)
        self._previewer.ready.connect(self._show_preview)
        self.preview_cut = False  # the preview shows only the beginning of a huge note

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
        self.share = QCheckBox(self.tr("Share this note with the lab"), self)
        self.share.setObjectName("notesShare")
        self.share.setToolTip(self.tr("Notes are personal and stay on this computer; a shared note "
                                      "syncs to the lab catalog with your name on it"))
        self.share.toggled.connect(self._share_toggled)
        self.share.hide()  # until there is a lab server to sync with
        self.author = QLabel(self)
        self.author.setObjectName("notesAuthor")
        self.author.hide()

        # Editor and preview side by side, each the full height of the notes area; the preview
        # can be hidden to give the editor the whole width.
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("notesSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.preview)
        self.preview_toggle = QPushButton(self.tr("Preview"), self)
        self.preview_toggle.setObjectName("notesPreviewToggle")
        self.preview_toggle.setCheckable(True)
        self.preview_toggle.setChecked(True)
        self.preview_toggle.setToolTip(self.tr("Show the rendered note beside the editor"))
        self.preview_toggle.toggled.connect(self.set_preview_visible)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.compare_button)
        footer.addWidget(self.author)
        footer.addWidget(self.share)
        footer.addWidget(self.preview_toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        layout.addLayout(footer)

        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self._autosave_now)
        self._load_timer = QTimer(self, singleShot=True, interval=0)
        self._load_timer.timeout.connect(self._load_piece)
        self._render = QTimer(self, singleShot=True, interval=PREVIEW_MS)
        self._render.timeout.connect(self._update_preview)
        self.editor.textChanged.connect(self._on_text_changed)
        self._sharing = False
        self.set_entry(None)

    def set_preview_visible(self, visible: bool) -> None:
        self.preview.setVisible(visible)
        if self.preview_toggle.isChecked() != visible:
            self.preview_toggle.setChecked(visible)
        if visible:
            self._update_preview()

    # ---- entry switching -----------------------------------------------------------------

    def set_entry(self, entry: tuple[Kind, int] | None) -> None:
        """Save the current note (a huge one in the background), then show the note of
        ``entry`` (None: nothing selected)."""
        self.flush(wait=False)
        self._entry = entry
        text, self._saved_text, self._version = "", "", None
        shared, author = False, None
        if entry is not None:
            pending = self._pending.get(entry)
            if pending is not None:
                text, self._saved_text, self._version = pending.body, pending.base, pending.version
            else:
                try:
                    note = self._catalog.notes.get(*entry)
                    text = self._saved_text = note.body
                    self._version = note.version
                    shared, author = note.shared, note.author
                except Exception as exc:  # noqa: BLE001 (a damaged row: show the entry, say why)
                    self.status.setText(self.tr("The note cannot be read: %1").replace("%1", str(exc)))
        self._set_text(text, clean=text == self._saved_text)
        self.editor.setEnabled(entry is not None)
        self._show_sharing(shared, author)
        self._show_state()

    def _set_text(self, text: str, clean: bool = True) -> None:
        """Show ``text`` in the editor (a huge one in pieces, read-only until complete) and
        render its preview. ``clean``: it is the saved text (nothing typed to save)."""
        self._text_clean = clean
        self._loading = []
        self._load_timer.stop()
        self.editor.blockSignals(True)
        if len(text) > LARGE_NOTE_CHARS:
            self.editor.setPlainText(text[:LOAD_CHUNK_CHARS])
            self._loading = [text[i:i + LOAD_CHUNK_CHARS] for i in range(LOAD_CHUNK_CHARS, len(text), LOAD_CHUNK_CHARS)]
            self.editor.setReadOnly(True)
            self._load_timer.start()
        else:
            self.editor.setPlainText(text)
            self.editor.setReadOnly(False)
        self.editor.blockSignals(False)
        self._clean_revision = self.editor.document().revision() if clean else -1
        if not self._loading:
            self._update_preview()

    def _load_piece(self) -> None:
        if not self._loading:
            return
        self.editor.blockSignals(True)
        cursor = QTextCursor(self.editor.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(self._loading.pop(0))
        self.editor.blockSignals(False)
        self._clean_revision = self.editor.document().revision() if self._text_clean else -1
        if self._loading:
            self._load_timer.start()
        else:
            self.editor.setReadOnly(False)
            self._update_preview()

    def is_loading(self) -> bool:
        return bool(self._loading)

    def _beginning(self, chars: int) -> str:
        """The first ``chars`` characters or so of the editor's text, read block by block (a
        huge note's preview needs only its beginning)."""
        parts, length = [], 0
        block = self.editor.document().begin()
        while block.isValid() and length < chars:
            parts.append(block.text())
            length += block.length()
            block = block.next()
        return "\n".join(parts)

    def text(self) -> str:
        """The editor's text (read once per change: a 5 MB note costs some 50 ms to read)."""
        revision = self.editor.document().revision()
        if self._text_cache[0] != revision:
            self._text_cache = (revision, self.editor.toPlainText())
        return self._text_cache[1]

    # ---- sharing with the lab -----------------------------------------------------------------

    def set_sharing_available(self, available: bool) -> None:
        """Offer "Share this note with the lab" (the catalog syncs with a lab server)."""
        self._sharing = available
        self.share.setVisible(available)
        self.author.setVisible(available and bool(self.author.text()))

    def _show_sharing(self, shared: bool, author: str | None) -> None:
        self.share.blockSignals(True)
        self.share.setChecked(shared)
        self.share.blockSignals(False)
        self.share.setEnabled(self._entry is not None)
        mine = not author or author == self._catalog.author
        self.author.setText("" if not shared or mine else self.tr("Shared by %1").replace("%1", author))
        self.author.setVisible(self._sharing and bool(self.author.text()))

    def _share_toggled(self, shared: bool) -> None:
        if self._entry is None:
            return
        self.flush()  # the text typed so far goes with it
        try:
            self._catalog.notes.set_shared(*self._entry, shared)
            note = self._catalog.notes.get(*self._entry)
        except Exception as exc:  # noqa: BLE001 (busy, offline: say so, leave the box as it was)
            self.share.blockSignals(True)
            self.share.setChecked(not shared)
            self.share.blockSignals(False)
            self.status.setText(self.tr("Could not change sharing: %1").replace("%1", str(exc)))
            return
        if not self.is_dirty():
            self._saved_text, self._version = note.body, note.version
        self.status.setText(self.tr("Shared with the lab at the next sync.") if shared
                            else self.tr("This note is personal again (the lab keeps the copy it had)."))

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
        """Typed text of the shown note that is not saved (never a note still loading)."""
        if self._entry is None or self._loading or self.editor.document().revision() == self._clean_revision:
            return False
        return self.text() != self._saved_text

    def has_unsaved(self) -> bool:
        """Typed text that is not in the catalog yet (this note or an earlier one)."""
        return self.is_dirty() or bool(self._pending)

    def unsaved(self) -> dict[tuple[Kind, int], PendingNote]:
        if self.is_dirty():
            self._pending[self._entry] = PendingNote(self.text(), self._saved_text, self._version)
        return dict(self._pending)

    def _autosave_now(self) -> None:
        """The pause after typing: the note is written on the saver's thread (its commit can
        wait 0.1 to 0.8 s for a busy disk, ``bench_latency.py --only note``); earlier saves
        that failed are retried."""
        if self.is_dirty():
            self._save_in_background()
        self.flush(wait=False)

    def _save_in_background(self) -> None:
        entry = self._entry
        if entry in self._saver.running or entry in self._conflicts:
            return  # typed on during a save: saved when it ends (_background_saved)
        pending = PendingNote(self.text(), self._saved_text, self._version)
        self._pending[entry] = pending
        if len(pending.body) > LARGE_NOTE_CHARS:
            self._write_journal()  # kept while its long save runs (before it, on the saver's thread)
        revision = self.editor.document().revision()
        notes = self._catalog.notes
        self._saver.submit(entry, (pending, revision), lambda: notes.save(
            entry[0], entry[1], pending.body, expected_version=pending.version, base=pending.base))
        self.status.setText(self.tr("Saving…"))

    def _background_saved(self, entry) -> None:
        finished = self._saver.take(entry)
        if finished is not None:
            (pending, revision), outcome = finished
            self._settle(entry, pending, outcome, revision)
            self._write_journal()
            if self._entry in self._conflicts:
                self._show_state()
            elif entry == self._entry and self.is_dirty():
                self._autosave.start(AUTOSAVE_MS)  # what was typed during the save

    def _settle(self, entry, pending: PendingNote, outcome, revision: int | None = None) -> bool:
        """Record how the save of ``pending`` ended (its new version, or the exception)."""
        if isinstance(outcome, Conflict):
            self._conflicts[entry] = outcome
            self.conflicted.emit(*entry)
            return False
        if isinstance(outcome, Exception):
            self.saveFailed.emit(str(outcome))
            self.status.setText(self.tr("Not saved yet, will retry: %1").replace("%1", str(outcome)))
            self._autosave.start(RETRY_MS)
            return False
        current = self._pending.get(entry)
        if current is pending:
            del self._pending[entry]
        elif current is not None:  # typed on meanwhile: that text now goes over this save
            self._pending[entry] = replace(current, base=pending.body,
                                           version=outcome if outcome is not None else current.version)
        if entry == self._entry:
            self._saved_text = pending.body
            if outcome is not None:
                self._version = outcome
            if revision is not None and revision == self.editor.document().revision():
                self._clean_revision = revision
            self.status.setText(self.tr("Saved"))
        self.saved.emit(*entry)
        return True

    def flush(self, wait: bool = True, drain: bool = False) -> bool:
        """Write the note now if it changed, and retry earlier failed saves. True if all saved.

        A huge note being written in the background is waited for (``wait``), or left to
        finish (switching entries: then a huge typed note goes to the background too). The
        recovery journal is written on the saver's thread; ``drain`` (closing the window) waits
        for it too: its fsync can take most of a second on a busy disk."""
        self._autosave.stop()
        ok = True
        for entry in list(self._saver.running):
            finished = self._saver.take(entry, wait=wait)
            if finished is not None:
                (pending, revision), outcome = finished
                ok = self._settle(entry, pending, outcome, revision) and ok
        if not wait and self.is_dirty() and self.editor.document().characterCount() > LARGE_NOTE_CHARS:
            self._save_in_background()
        if self.is_dirty() and self._entry not in self._saver.running:
            self._pending[self._entry] = PendingNote(self.text(), self._saved_text, self._version)
        for entry, pending in list(self._pending.items()):
            if entry in self._conflicts or entry in self._saver.running:
                ok = False
                continue
            try:
                version = self._catalog.notes.save(entry[0], entry[1], pending.body,
                                                   expected_version=pending.version, base=pending.base)
            except Exception as exc:  # noqa: BLE001 (a conflict, any database failure: keep the text, tell)
                ok = self._settle(entry, pending, exc)
                if isinstance(exc, Conflict):
                    continue
                break
            self._settle(entry, pending, version, self.editor.document().revision() if entry == self._entry else None)
        self._write_journal(wait=drain)
        if self._entry in self._conflicts:
            self._show_state()
        return ok and not self._pending

    def _write_journal(self, wait: bool = False) -> None:
        """Keep the unsaved notes in the recovery journal, written on the saver's thread (in
        order with the saves; a 5 MB note takes a while), and only when they changed. A short
        note whose autosave runs is left out: it is in the catalog in a moment, or back among
        the unsaved notes if the save fails (so an autosave that succeeds writes no journal)."""
        if self.journal is None:
            return
        kept = {entry: note for entry, note in self._pending.items()
                if entry not in self._saver.running or len(note.body) > LARGE_NOTE_CHARS}
        held = {entry: id(note) for entry, note in kept.items()}
        if held != self._journaled:
            self._journaled = held
            self._saver.write_journal(self.journal, kept)
        if wait:
            self._saver.drain()

    def _on_text_changed(self) -> None:
        self._autosave.start(AUTOSAVE_MS)
        self._render.start()

    def _update_preview(self) -> None:
        """A short note's preview at once; a long one's rendered on a worker thread."""
        document = self.editor.document()
        if document.characterCount() > SYNC_PREVIEW_MAX_CHARS:
            self._previewer.request(self._beginning(PREVIEW_MAX_CHARS),
                                    longer=document.characterCount() > PREVIEW_MAX_CHARS)
            return
        text = self.text()
        from ...core.markdown_render import render  # markdown-it loads with the first note shown

        self._previewer.cancel()
        self.preview_cut = False
        self.preview.setHtml(render(text))

    def _show_preview(self, _generation: int, document: QTextDocument, cut: bool) -> None:
        """A document rendered on the worker thread: the preview's now (and the old one, its
        child, is deleted by Qt)."""
        self.preview_cut = cut
        if cut:
            cursor = QTextCursor(document)
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertHtml("<p><i>" + html.escape(self.tr(
                "… The preview shows the beginning of this long note; all of it is saved.")) + "</i></p>")
        document.setParent(self.preview)
        self.preview.setDocument(document)

    def append_block(self, entry: tuple[Kind, int], block: str) -> None:
        """Add a Markdown block (a quote) at the end of ``entry``'s note, saved at once: in the
        editor when it shows that note (one step of its own undo), else in the catalog."""
        from ...core.quotes import append_quote

        if entry == self._entry:
            old = self.editor.toPlainText()
            new = append_quote(old, block)
            kept = len(old.rstrip("\n"))
            cursor = self.editor.textCursor()
            cursor.setPosition(kept)
            cursor.movePosition(cursor.MoveOperation.End, cursor.MoveMode.KeepAnchor)
            cursor.insertText(new[kept:])
            self.editor.setTextCursor(cursor)
            self.flush()
            return
        note = self._catalog.notes.get(*entry)
        self._catalog.notes.save(*entry, append_quote(note.body, block), expected_version=note.version,
                                 base=note.body)

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
        self._set_text(note.body)

    def resolve_conflict(self) -> None:
        """Show both versions side by side; the user keeps theirs, mine, or an edited merge."""
        from ..dialogs.conflict_dialog import NoteConflictDialog

        entry = self._entry
        conflict = self._conflicts.get(entry)
        if conflict is None:
            return
        pending = self._pending.get(entry)
        mine = pending.body if pending else self.text()
        theirs = conflict.fields["note"][2]
        dialog = NoteConflictDialog(mine, theirs, self)
        if not dialog.exec():
            return
        chosen = dialog.result_text()
        del self._conflicts[entry]
        # The chosen text is written over the version that conflicted (both were seen).
        self._pending[entry] = PendingNote(chosen, theirs, conflict.version)
        self._saved_text, self._version = theirs, conflict.version
        self._set_text(chosen, clean=False)
        self.flush()
        self._show_state()

    def keep_for_next_time(self) -> None:
        """Quitting with unsaved notes: they stay in the recovery journal."""
        self.unsaved()
        self._write_journal(wait=True)

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
                self._saved_text = self.text()
        self._write_journal()
        if not self._pending:
            self._autosave.stop()
            self.status.setText(self.tr("Your notes are in the copy of the catalog saved to the new place."))

    def catalog_lost(self) -> None:
        """The catalog file vanished: stop claiming "saved"; keep everything typed."""
        self.unsaved()
        self._write_journal(wait=True)
        self.status.setText(self.tr("The catalog is gone: your note is kept in the recovery journal."))
