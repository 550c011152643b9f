"""Keeping the full-text index of attached PDFs up to date, one file at a time.

:meth:`Indexer.pending` lists the PDFs on this computer whose index is missing or older than
the file (size or modification time differ: one ``stat`` per file); :meth:`Indexer.index`
reads one. A file whose content did not change (same SHA-256: copied, touched) keeps its index.
Nothing else is kept in memory, so a run stopped halfway (pause, quit, crash) resumes from the
catalog's own record on the next start.

A file's text is written in one transaction (:meth:`Indexer.write_file`), a long file's in
transactions of about :data:`CHUNK_CHARS` characters, so a window writing to the same catalog
never waits long for the lock; only the last one says the file is indexed (until then it stays
pending). A file that cannot be read is reported with its reason
(encrypted, damaged, scanned, missing) and recorded, so it is not read again until it changes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import CatalogBusy
from ..search.pages import IndexState
from ..store import sql
from . import extract as extraction
from .extract import DAMAGED, ENCRYPTED, INDEXED, MISSING, SCANNED

CHUNK_CHARS = 300_000  # about 100 pages, a quarter of a second of writing
BUSY_RETRIES = 50
FINAL = frozenset({INDEXED, ENCRYPTED, DAMAGED, SCANNED})


@dataclass(frozen=True)
class FileReport:
    """How indexing one attachment went."""

    attachment_id: int
    name: str
    status: str
    pages: int | None = None
    message: str | None = None
    unchanged: bool = False  # the file's content was indexed already

    @property
    def problem(self) -> bool:
        return self.status != INDEXED


class Indexer:
    def __init__(self, attachments):
        self.attachments = attachments
        self.store = attachments.store

    def _write(self, work: Callable):
        """A short write, retried while another writer holds the catalog (a window's edit)."""
        for attempt in range(BUSY_RETRIES):
            try:
                return self.store.write(work)[0]
            except CatalogBusy:
                if attempt == BUSY_RETRIES - 1:
                    raise
                time.sleep(0.05)

    def pending(self) -> list[int]:
        """Ids of PDF attachments on this computer whose index is missing or out of date
        (oldest first); removes what the index still holds of attachments deleted for good."""
        from ..search import pages

        with self.store.read() as conn:
            gone = pages.orphans(conn)
        if gone:
            self._write(lambda tx: tx.drop_pages(gone))
        out = []
        for info in self.attachments.live(("pdf",)):
            if not info.exists:
                continue
            try:
                stat = info.location.stat()
            except OSError:
                continue
            state = info.index
            if state is not None and state.size == stat.st_size and state.mtime == stat.st_mtime:
                continue
            out.append(info.id)
        return out

    def problems(self) -> list[tuple[int, str, str, str | None]]:
        """(attachment id, file name, status, message) of every live PDF the index could not
        read, and of those missing on this computer."""
        out = []
        for info in self.attachments.live(("pdf",)):
            if not info.exists:
                out.append((info.id, info.name, MISSING if info.mode == "linked" else "not_here", None))
            elif info.index is not None and info.index.status != INDEXED:
                out.append((info.id, info.name, info.index.status, info.index.message))
        return out

    def index(self, attachment_id: int, cancelled: Callable[[], bool] = lambda: False) -> FileReport | None:
        """Read one attachment into the index. None when cancelled midway (nothing recorded:
        it stays pending)."""
        from ..attachments import file_facts

        info = self.attachments.get(attachment_id)
        if info is None or info.deleted_at is not None:
            return None
        if not info.exists:
            return FileReport(attachment_id, info.name, MISSING)
        path: Path = info.location
        try:
            facts = file_facts(path, with_hash=True)
        except OSError as exc:
            return FileReport(attachment_id, info.name, MISSING, message=exc.strerror or str(exc))
        old = info.index
        if old is not None and old.sha256 == facts["sha256"] and old.status in FINAL:
            state = IndexState(old.status, old.message, facts["size"], facts["mtime"], facts["sha256"],
                               old.pages, None)
            self._finish(attachment_id, state, {**facts, "pages": old.pages})
            return FileReport(attachment_id, info.name, old.status, old.pages, old.message, unchanged=True)
        extracted = extraction.extract(path, cancelled)
        if cancelled():
            return None
        state = IndexState(extracted.status, extracted.message, facts["size"], facts["mtime"], facts["sha256"],
                           extracted.page_count, None)
        if not self.write_file(attachment_id, extracted.pages, state, {**facts, "pages": extracted.page_count},
                               cancelled):
            return None
        return FileReport(attachment_id, info.name, extracted.status, extracted.page_count, extracted.message)

    def write_file(self, attachment_id: int, texts: Sequence[str], state: IndexState,
                   facts: dict | None = None, cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Replace what the index holds of one attachment by these pages (page 1 first): one
        transaction for a file of up to :data:`CHUNK_CHARS` characters, else one per
        :data:`CHUNK_CHARS`, the first removing the old pages, the last recording ``state`` (and
        the file's ``facts``: until then the file stays pending). False when ``cancelled`` between
        two of them (the file stays pending)."""
        chunks: list[tuple[int, list[str]]] = []
        first, chunk, size = 1, [], 0
        for number, text in enumerate(texts, start=1):
            chunk.append(text)
            size += len(text)
            if size >= CHUNK_CHARS:
                chunks.append((first, chunk))
                first, chunk, size = number + 1, [], 0
        if chunk or not chunks:
            chunks.append((first, chunk))
        last = len(chunks) - 1

        def work(tx, n: int, first: int, pages: list[str]) -> None:
            if n == 0:
                tx.drop_pages([attachment_id])
            tx.write_pages(attachment_id, first, pages)
            if n == last:
                self._record(tx, attachment_id, state, facts)

        for n, (first, pages) in enumerate(chunks):
            if n and cancelled():
                return False
            self._write(lambda tx, n=n, first=first, pages=pages: work(tx, n, first, pages))
        return True

    def _finish(self, attachment_id: int, state: IndexState, facts: dict) -> None:
        self._write(lambda tx: self._record(tx, attachment_id, state, facts))

    @staticmethod
    def _record(tx, attachment_id: int, state: IndexState, facts: dict | None) -> None:
        tx.set_index_state(attachment_id, state)
        if facts is not None and tx.row("attachment", attachment_id, ["id"]) is not None:
            tx.update_attachment(attachment_id, facts, facts_only=True)

    def index_all(self, progress: Callable[[int, int, FileReport | None], None] | None = None,
                  cancelled: Callable[[], bool] = lambda: False) -> list[FileReport]:
        """Index every pending file (the command line; the window runs :meth:`index` per file)."""
        todo = self.pending()
        reports = []
        for done, attachment_id in enumerate(todo, start=1):
            if cancelled():
                break
            report = self.index(attachment_id, cancelled)
            if report is not None:
                reports.append(report)
            if progress is not None:
                progress(done, len(todo), report)
        return reports

    def counts(self) -> dict[str, int]:
        """How many live PDFs the index holds per status (``pending`` for the rest)."""
        with self.store.read() as conn:
            rows = sql.rows(conn, "SELECT s.status, count(*) FROM attachment a JOIN attachment_search s ON s.id = a.id"
                                  " WHERE a.deleted_at IS NULL GROUP BY s.status")
        return dict(rows)
