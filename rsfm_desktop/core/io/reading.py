"""What a streaming parser reads from and reports into.

Every parser is a generator ``records(source: TextSource, ctx: ReadContext)`` yielding
:class:`ImportRecord` one at a time. It calls ``ctx.tick()`` often (per line or per record);
the context reports ``progress(done_bytes, total_bytes)`` and asks ``cancelled()`` at most
every :data:`INTERVAL` seconds, raising :class:`ReadCancelled` when the answer is yes. A
record that lacks what an entry needs is skipped with ``ctx.skip(line, why)``; a broken file
raises :class:`ImportFormatError`, possibly after some records were yielded (the caller then
discards them: the file is refused whole).
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TextIO

from .record import ImportFormatError, ReadCancelled, TaxonomyTag

INTERVAL = 0.04  # seconds between two looks at cancelled() and two progress reports

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class TextSource:
    """A text stream that counts what was consumed (for progress on in-memory text) and
    numbers lines. ``position()`` is the bytes (file) or characters (text) consumed so far."""

    def __init__(self, handle: TextIO, position: Callable[[], int] | None = None):
        self._handle = handle
        self._chars = 0
        self._position = position

    def position(self) -> int:
        return self._position() if self._position else self._chars

    def read(self, size: int = -1) -> str:
        chunk = self._handle.read(size)
        self._chars += len(chunk)
        return chunk

    def lines(self) -> Iterator[tuple[int, str]]:
        """(line number from 1, line without its end of line). Streams are opened with
        universal newlines: Windows and old Mac line ends arrive as a plain newline."""
        for number, raw in enumerate(self._handle, start=1):
            self._chars += len(raw)
            yield number, raw[:-1] if raw.endswith("\n") else raw

    @property
    def handle(self) -> TextIO:
        """The underlying stream, for readers (csv) that want it directly."""
        return _Counting(self)


class _Counting:
    """File-like view of a TextSource that keeps its count right (for csv.reader)."""

    def __init__(self, source: TextSource):
        self._source = source

    def __iter__(self):
        for raw in self._source._handle:
            self._source._chars += len(raw)
            yield raw

    def read(self, size: int = -1) -> str:
        return self._source.read(size)


@dataclass
class ReadContext:
    source: str
    total: int = 0
    progress: Progress | None = None
    cancelled: Cancelled | None = None
    position: Callable[[], int] = lambda: 0
    warnings: list[str] = field(default_factory=list)
    # What only the app's own JSON carries besides records.
    facets: list[dict[str, Any]] = field(default_factory=list)
    taxonomy: list[TaxonomyTag] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)
    _next: float = 0.0

    def tick(self) -> None:
        now = time.monotonic()
        if now < self._next:
            return
        self._next = now + INTERVAL
        if self.cancelled is not None and self.cancelled():
            raise ReadCancelled(self.source)
        if self.progress is not None:
            self.progress(min(self.position(), self.total), self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)

    def where(self, line: int | None) -> str:
        return f"{self.source}, line {line}" if line else self.source

    def warn(self, line: int | None, message: str) -> None:
        self.warnings.append(f"{self.where(line)}: {message}")

    def skip(self, line: int | None, why: str) -> None:
        """A well-formed record that cannot become an entry: left out, with a warning."""
        self.warn(line, f"skipped: {why}")

    def error(self, line: int | None, message: str) -> ImportFormatError:
        return ImportFormatError(self.source, line, message)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while an import reads, plans or writes: its records are
    plain dicts, lists and tuples freed as they go (reading and planning make no cycles at
    all), yet a collection walks every live object of the app each few thousand allocations:
    a tenth of a large import's time. Call ``gc.collect(0)`` between batches where a step
    may leave cycles (SQLAlchemy's statements in the write). Nested pauses leave it paused."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


# The interpreter's turn length while an import works in the background (Python's default is
# 5 ms): each time the GUI thread gives up the GIL (a Qt call, a wait in its event loop) it
# waits up to one turn to get it back, and drawing the window takes a few dozen such turns, so
# with 5 ms turns the window froze 100-180 ms at a time without doing anything.
IMPORT_SWITCH_INTERVAL_S = 0.001
_turns_lock = threading.Lock()
_turns: list[float] = []  # the interval to restore, one per import under way


@contextmanager
def short_turns() -> Iterator[None]:
    """Shorten the interpreter's turns while the block runs (nested or concurrent blocks keep
    them short until the last ends; then the interval found at the first is restored)."""
    with _turns_lock:
        _turns.append(sys.getswitchinterval())
        sys.setswitchinterval(min(IMPORT_SWITCH_INTERVAL_S, _turns[0]))
    try:
        yield
    finally:
        with _turns_lock:
            first = _turns[0]
            _turns.pop()
            if not _turns:
                sys.setswitchinterval(first)


@contextmanager
def background_import() -> Iterator[None]:
    """How an import reads, plans and writes beside a window: the collector paused, the
    interpreter's turns short."""
    with collector_paused(), short_turns():
        yield

