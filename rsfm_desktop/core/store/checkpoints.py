"""Checkpoints of a catalog file's write-ahead log, on a thread of their own.

SQLite copies the log into the database file (a *checkpoint*, with an ``fsync`` of the file)
in whichever commit first finds the log past 1,000 pages: a note saved on the window's thread
could wait for it, 0.1 to 0.9 s on a busy disk (``bench_latency.py --only note``). A catalog
opened with checkpoints in the background (:func:`.sqlite.open_file`) turns SQLite's own off
(``wal_autocheckpoint=0``) and asks a :class:`Checkpointer` after each commit; past
:data:`CHECKPOINT_BYTES` of log it runs a ``PASSIVE`` checkpoint on its own connection, which
never waits for readers or writers and never holds Python's GIL while it copies. The log is
cut back to :data:`KEPT_LOG_BYTES` when SQLite starts it again (``journal_size_limit``), so its
size tells what is still to copy; a log past :data:`CATCH_UP_BYTES` is copied by the committing
thread itself, unless that is the window's (:func:`spare_this_thread`). Closing the last
connection checkpoints as before.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from pathlib import Path

CHECKPOINT_BYTES = 4 * 1024 * 1024  # SQLite's own threshold: 1,000 pages of 4 KiB
# Writes in a tight loop (an import) outrun the thread: SQLite starts the log again only when a
# commit finds it all copied. Past this size the committing thread copies it itself, as SQLite does.
CATCH_UP_BYTES = 32 * 1024 * 1024
KEPT_LOG_BYTES = 1024 * 1024  # what is left of a restarted log (its file, not its contents)


class Checkpointer:
    """Runs the checkpoints of the catalog file at ``path``; :meth:`committed` after a commit."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._log = self.path.with_name(self.path.name + "-wal")
        self._wake = threading.Event()
        self._lock = threading.Lock()  # the thread's start and the close
        self._running = threading.Lock()  # one checkpoint at a time, on the one connection
        self._conn: sqlite3.Connection | None = None
        self._thread: threading.Thread | None = None
        self._closed = False
        self.runs = 0  # checkpoints run (tests, benchmarks)

    def committed(self) -> None:
        """A transaction was committed: checkpoint soon if the log has grown past
        :data:`CHECKPOINT_BYTES`, and at once, on this thread, past :data:`CATCH_UP_BYTES`."""
        try:
            size = self._log.stat().st_size
        except OSError:  # no log (yet), or the folder is gone: nothing to copy
            return
        if size < CHECKPOINT_BYTES or self._closed:
            return
        if size >= CATCH_UP_BYTES and threading.get_ident() not in _SPARED:
            self._checkpoint()
            return
        with self._lock:
            if self._closed:
                return
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="rsfm-checkpoint", daemon=True)
                self._thread.start()
        self._wake.set()

    def _checkpoint(self) -> None:
        with self._running:
            try:
                if self._conn is None:  # mode=rw: never create a file that went away meanwhile
                    self._conn = sqlite3.connect(f"file:{self.path}?mode=rw", uri=True, check_same_thread=False)
                self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                self.runs += 1
            except sqlite3.Error:  # a full or vanished disk: the next commit asks again
                pass

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._closed:
                return
            self._checkpoint()

    def close(self) -> None:
        """Stop the thread (waiting for a checkpoint that runs); the log is left as it is."""
        with self._lock:
            self._closed = True
            thread = self._thread
        self._wake.set()
        if thread is not None:
            thread.join()
        with self._running:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


_SPARED: set[int] = set()  # threads whose commits never copy the log themselves


def spare_this_thread() -> None:
    """Commits on the calling thread (the window's) never copy the log themselves, however
    large it is: they leave it to the checkpointer's thread. Imports and syncs run on others."""
    _SPARED.add(threading.get_ident())


_CHECKPOINTERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # engine -> its Checkpointer


def attach(engine, path: Path) -> Checkpointer:
    checkpointer = _CHECKPOINTERS[engine] = Checkpointer(path)
    return checkpointer


def of(engine) -> Checkpointer | None:
    """The checkpointer of an engine whose connections leave checkpoints to one, if any."""
    return _CHECKPOINTERS.get(engine)
