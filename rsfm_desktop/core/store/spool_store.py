"""The scratch file of one import: its records, their match keys and its plans, in a temporary
SQLite file beside none of the catalog's (the system's temporary folder), deleted on close.

An import of a million records keeps them here instead of in memory: the preview pages through
them, the write transaction reads them back in batches. This is not the catalog: nothing here is
versioned, logged or undone, and the file never outlives the import (nor the process, which
deletes it at exit at the latest). The import logic that fills it is :mod:`core.io.spool`.

Tables: ``record`` (position, kind, line, title, year, reference, the pickled record and its
match data), ``match_key`` (hashed identifier and title-block keys of each position), ``entry``
(one plan's status, match and decision per position; a re-plan is a second plan number) and
``warning``.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

_SCHEMA = """
CREATE TABLE record (pos INTEGER PRIMARY KEY, kind TEXT NOT NULL, line INTEGER, title TEXT, year TEXT,
                     ref TEXT, data BLOB NOT NULL, match BLOB);
CREATE TABLE match_key (key INTEGER NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY (key, pos)) WITHOUT ROWID;
CREATE TABLE entry (plan INTEGER NOT NULL, pos INTEGER NOT NULL, status TEXT NOT NULL, existing_id INTEGER,
                    earlier INTEGER, reason TEXT, decision TEXT NOT NULL, suggested TEXT NOT NULL, detail BLOB,
                    kind TEXT NOT NULL, PRIMARY KEY (plan, pos)) WITHOUT ROWID;
CREATE INDEX entry_status ON entry(plan, status, pos);
CREATE TABLE warning (n INTEGER PRIMARY KEY, text TEXT NOT NULL);
"""
_ENTRY_COLUMNS = "pos, status, existing_id, earlier, reason, decision, detail"
_STOP_STEPS = 20_000  # SQLite machine steps between two looks at interrupted_when's question


def _remove(conn: sqlite3.Connection, path: str) -> None:
    try:
        conn.close()
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            try:
                os.unlink(path + suffix)
            except OSError:
                pass


class SpoolStore:
    def __init__(self, directory: str | None = None):
        handle, self.path = tempfile.mkstemp(prefix="rsfm-import-", suffix=".sqlite3", dir=directory)
        os.close(handle)
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -16000", "temp_store = FILE"):
            self._conn.execute(f"PRAGMA {pragma}")
        self._conn.executescript(_SCHEMA)
        self._finalizer = weakref.finalize(self, _remove, self._conn, self.path)

    def close(self) -> None:
        """Delete the file (idempotent)."""
        self._finalizer()

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive

    @contextmanager
    def interrupted_when(self, stop: Callable[[], bool]) -> Iterator[None]:
        """While the block runs, a query of this thread that ``stop()`` answers yes to (asked
        every :data:`_STOP_STEPS` steps of SQLite's machine, a few milliseconds) is abandoned:
        it raises ``sqlite3.OperationalError`` ("interrupted"). A whole-plan count over a million
        records takes a second or more, longer than Cancel may wait."""
        with self._lock:
            self._conn.set_progress_handler(lambda: 1 if stop() else 0, _STOP_STEPS)
            try:
                yield
            finally:
                self._conn.set_progress_handler(None, 0)

    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(query, params).fetchall()

    def _many(self, query: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                self._conn.executemany(query, rows)
            finally:
                self._conn.execute("COMMIT")

    # ---- records ---------------------------------------------------------------------------

    def add_records(self, rows: Iterable[tuple]) -> None:
        """(pos, kind, line, title, year, ref, data, match) rows."""
        self._many("INSERT INTO record(pos, kind, line, title, year, ref, data, match) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   rows)

    def add_keys(self, rows: Iterable[tuple[int, int]]) -> None:
        """(key, pos) rows."""
        # One b-tree (no table beside its index); a key twice for one record is kept once.
        self._many("INSERT OR IGNORE INTO match_key(key, pos) VALUES (?, ?)", rows)

    def set_record_data(self, rows: Iterable[tuple[bytes, int]]) -> None:
        """(data, pos) rows: records changed after they were read (a stored file brought
        along under a new name)."""
        self._many("UPDATE record SET data = ? WHERE pos = ?", rows)

    def record_count(self) -> int:
        return self._rows("SELECT count(*) FROM record")[0][0]

    def records(self, start: int, stop: int) -> list[tuple]:
        """(pos, kind, line, title, year, ref, data, match) of positions start ≤ pos < stop."""
        return self._rows("SELECT pos, kind, line, title, year, ref, data, match FROM record"
                          " WHERE pos >= ? AND pos < ? ORDER BY pos", (start, stop))

    def records_at(self, positions: Sequence[int]) -> list[tuple]:
        out: list[tuple] = []
        for start in range(0, len(positions), 500):
            chunk = list(positions[start : start + 500])
            out += self._rows("SELECT pos, kind, line, title, year, ref, data, match FROM record"
                              f" WHERE pos IN ({', '.join('?' * len(chunk))})", chunk)
        return out

    def candidates(self, keys: Sequence[int], before: int) -> list[tuple[int, bytes]]:
        """(pos, match) of the records before ``before`` sharing a key."""
        if not keys:
            return []
        marks = ", ".join("?" * len(keys))
        return self._rows(
            "SELECT DISTINCT r.pos, r.match FROM match_key k JOIN record r ON r.pos = k.pos"
            f" WHERE k.key IN ({marks}) AND k.pos < ? ORDER BY r.pos", (*keys, before))

    def position_of_ref(self, kind: str, refs: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for start in range(0, len(refs), 500):
            chunk = list(refs[start : start + 500])
            for ref, pos in self._rows(f"SELECT ref, max(pos) FROM record WHERE kind = ? AND ref IN"
                                       f" ({', '.join('?' * len(chunk))}) GROUP BY ref", (kind, *chunk)):
                out[ref] = pos
        return out

    # ---- plans -----------------------------------------------------------------------------

    def add_entries(self, plan: int, rows: Iterable[tuple]) -> None:
        """(pos, status, existing_id, earlier, reason, decision, detail, kind of the record) rows
        of a plan (the kind kept beside them: counting a plan's additions by kind then reads this
        table only, not the records' pages)."""
        self._many(f"INSERT INTO entry(plan, {_ENTRY_COLUMNS}, kind, suggested) VALUES ({plan}, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   ((*row, row[5]) for row in rows))

    def restore_suggestions(self, plan: int) -> None:
        """Every decision back to what the plan suggested."""
        self._many("UPDATE entry SET decision = suggested WHERE plan = ?", [(plan,)])

    def existing_ids(self, plan: int, kind: str) -> list[int]:
        """The catalog entries a plan's records of ``kind`` match."""
        return [r[0] for r in self._rows(
            "SELECT DISTINCT existing_id FROM entry WHERE plan = ? AND kind = ? AND existing_id IS NOT NULL"
            " ORDER BY 1", (plan, kind))]

    def entries(self, plan: int, start: int, stop: int) -> list[tuple]:
        return self._rows(f"SELECT {_ENTRY_COLUMNS} FROM entry WHERE plan = ? AND pos >= ? AND pos < ? ORDER BY pos",
                          (plan, start, stop))

    def set_decisions(self, plan: int, positions: Iterable[int], decision: str) -> None:
        self._many("UPDATE entry SET decision = ? WHERE plan = ? AND pos = ?",
                   ((decision, plan, pos) for pos in positions))

    def set_all_decisions(self, plan: int, decision: str, only_matched: bool = False) -> None:
        where = " AND (existing_id IS NOT NULL OR earlier IS NOT NULL)" if only_matched else ""
        self._many(f"UPDATE entry SET decision = ? WHERE plan = ?{where}", [(decision, plan)])

    def additions(self, plan: int) -> dict[str, int]:
        """kind -> how many of a plan's records become new entries (added, or merged into
        nothing)."""
        return dict(self._rows(
            "SELECT kind, count(*) FROM entry WHERE plan = ?"
            " AND (decision = 'add' OR decision = 'merge' AND existing_id IS NULL AND earlier IS NULL)"
            " GROUP BY kind", (plan,)))

    def positions(self, plan: int, status: str | None) -> list[int]:
        if status is None:
            return [r[0] for r in self._rows("SELECT pos FROM entry WHERE plan = ? ORDER BY pos", (plan,))]
        return [r[0] for r in self._rows("SELECT pos FROM entry WHERE plan = ? AND status = ? ORDER BY pos",
                                         (plan, status))]

    def counts(self, plan: int, column: str) -> dict[str, int]:
        if column not in ("status", "decision"):
            raise ValueError(column)
        return dict(self._rows(f"SELECT {column}, count(*) FROM entry WHERE plan = ? GROUP BY {column}", (plan,)))

    def changed(self, old: int, new: int) -> list[int]:
        """Positions whose status or match differ between two plans."""
        return [r[0] for r in self._rows(
            "SELECT a.pos FROM entry a JOIN entry b ON b.plan = ? AND b.pos = a.pos WHERE a.plan = ?"
            " AND (a.status IS NOT b.status OR a.existing_id IS NOT b.existing_id OR a.earlier IS NOT b.earlier)"
            " ORDER BY a.pos", (new, old))]

    def copy_decisions(self, old: int, new: int) -> None:
        """The decisions of plan ``old`` into plan ``new`` where status and match agree."""
        self._many(
            "UPDATE entry SET decision = o.decision FROM entry o WHERE entry.plan = ? AND o.plan = ?"
            " AND o.pos = entry.pos AND o.status IS entry.status AND o.existing_id IS entry.existing_id"
            " AND o.earlier IS entry.earlier", [(new, old)])

    # ---- warnings --------------------------------------------------------------------------

    def add_warnings(self, texts: Iterable[str]) -> None:
        self._many("INSERT INTO warning(text) VALUES (?)", ((t,) for t in texts))

    def warnings(self, limit: int | None = None, offset: int = 0) -> list[str]:
        return [r[0] for r in self._rows("SELECT text FROM warning ORDER BY n LIMIT ? OFFSET ?",
                                         (-1 if limit is None else limit, offset))]

    def warning_count(self) -> int:
        return self._rows("SELECT count(*) FROM warning")[0][0]
