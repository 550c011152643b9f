"""The notes editor's work that must not run on the GUI thread for a huge note: writing it (the
search index of a 5 MB note takes seconds) and rendering its preview (Markdown to HTML, then the
text document: seconds too). Each runs on a thread of its own, one job at a time, and hands its
result back to the GUI thread through a signal; a preview outdated by later typing is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QTextCursor, QTextDocument

PREVIEW_MAX_CHARS = 200_000  # a longer note's preview shows its beginning (the note is saved whole)
PIECE_CHARS = 8_000


def markdown_pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """``text`` cut into pieces of about ``size`` characters at blank lines outside fenced
    code blocks, so that each piece renders as it would in the whole."""
    pieces, start, length, fence = [], 0, 0, None
    lines = text.splitlines(keepends=True)
    position = 0
    for line in lines:
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            marker = stripped[:3]
            fence = None if fence == marker else (fence or marker)
        position += len(line)
        length += len(line)
        if length >= size and fence is None and not line.strip():
            pieces.append(text[start:position])
            start, length = position, 0
    if start < len(text):
        pieces.append(text[start:])
    return pieces


class BackgroundSaver(QObject):
    """Runs saves one after another on a worker thread; :attr:`done` fires on the GUI thread
    with the key of each finished save. :meth:`wait` blocks until a save is finished (closing
    the window, switching catalogs)."""

    done = Signal(object)
    journalFailed = Signal(str)  # the recovery journal could not be written: why

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rsfm-note-save")
        self.running: dict[Any, tuple[Any, Future]] = {}  # key -> (what was saved, its future)

    def submit(self, key, payload, save: Callable[[], Any]) -> None:
        future = self._pool.submit(save)
        self.running[key] = (payload, future)
        future.add_done_callback(lambda _f: self._emit(key))

    def write_journal(self, journal, pending: dict) -> None:
        """Write the recovery journal on the worker thread, in order with the saves."""
        def write() -> None:
            try:
                journal.write_notes(pending)
            except OSError as exc:
                try:
                    self.journalFailed.emit(exc.strerror or str(exc))
                except RuntimeError:
                    pass

        self._pool.submit(write)

    def drain(self) -> None:
        """Block until every job submitted so far is done (quitting, closing the window)."""
        self._pool.submit(lambda: None).result()

    def _emit(self, key) -> None:
        try:
            self.done.emit(key)
        except RuntimeError:  # the editor is gone (window closed): nobody to tell
            pass

    def take(self, key, wait: bool = False):
        """(payload, result or exception) of a finished save, removing it; None while it runs
        (``wait``: block until it finished)."""
        found = self.running.get(key)
        if found is None or (not wait and not found[1].done()):
            return None
        payload, future = self.running.pop(key)
        exc = future.exception()
        return payload, exc if exc is not None else future.result()


class PreviewRenderer(QObject):
    """Renders note previews on a worker thread: Markdown to HTML to a QTextDocument (built
    there, then moved to the GUI thread). :attr:`ready` carries (generation, document, cut):
    only the newest request's result is handed on; a request made while one runs waits for it
    and replaces any other waiting one."""

    ready = Signal(int, object, bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rsfm-note-preview")
        self.generation = 0
        self._busy = False
        self._waiting: tuple[int, str, bool] | None = None
        self._finished.connect(self._on_finished)

    _finished = Signal(int, object, bool)

    def request(self, text: str, longer: bool = False) -> int:
        """Render ``text`` (``longer``: it is the beginning of a longer note)."""
        self.generation += 1
        if self._busy:
            self._waiting = (self.generation, text, longer)
        else:
            self._start(self.generation, text, longer)
        return self.generation

    def cancel(self) -> None:
        """Drop every result not yet shown (a small note was rendered at once instead)."""
        self.generation += 1
        self._waiting = None

    def _start(self, generation: int, text: str, longer: bool) -> None:
        self._busy = True
        gui_thread = QCoreApplication.instance().thread()

        def work() -> None:
            from ...core.markdown_render import render

            cut = longer or len(text) > PREVIEW_MAX_CHARS
            shown = text[: text.rfind("\n", 0, PREVIEW_MAX_CHARS) + 1 or PREVIEW_MAX_CHARS] if cut else text
            document = QTextDocument()
            cursor = QTextCursor(document)
            # In pieces: each rendering and HTML parse holds Python's lock, which the GUI thread
            # needs too, for the time of one piece only.
            for piece in markdown_pieces(shown):
                if generation != self.generation:
                    break  # outdated by later typing
                try:
                    cursor.insertHtml(render(piece))
                except Exception:  # noqa: BLE001 (a piece that cannot render shows its text)
                    cursor.insertText(piece)
                cursor.insertBlock()
            document.moveToThread(gui_thread)
            try:
                self._finished.emit(generation, document, cut)
            except RuntimeError:
                pass

        self._pool.submit(work)

    def _on_finished(self, generation: int, document: QTextDocument, cut: bool) -> None:
        self._busy = False
        if self._waiting is not None:
            waiting, self._waiting = self._waiting, None
            self._start(*waiting)
        if generation == self.generation:
            self.ready.emit(generation, document, cut)
        else:
            document.deleteLater()
