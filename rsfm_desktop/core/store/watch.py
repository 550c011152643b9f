"""Hearing about changes made elsewhere: another window or the command line on the same SQLite
file, another lab member on the PostgreSQL catalog.

Both watchers answer :meth:`poll` without waiting on a lock or the network:

* SQLite: ``PRAGMA data_version`` on a connection of its own tells, in microseconds, whether
  anyone committed since the last poll; only then are the new ``change_log`` rows read.
* PostgreSQL: a connection of its own ``LISTEN``\\ s; the write path ``NOTIFY``\\ s at every
  commit. Notifications are not durable (a dropped connection misses them), so the log is also
  read on reconnect and whenever :meth:`poll` is asked to ``catch_up`` (the window does on
  activation and every few seconds).

Rows this writer wrote itself are left out: the write path handed them to the observers already.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

from . import sql
from .changes import Change, ChangeSet, fields_from_json
from .writes import NOTIFY_CHANNEL

if TYPE_CHECKING:
    from .store import Store

_BATCH = 5000


def _read_log(store: Store, after: int) -> tuple[ChangeSet, int, int]:
    """Others' changes after ``after`` (at most a batch), the last seq read, rows read."""
    with store.read() as conn:
        # This writer's own rows are left out by the database, all but the newest (it tells
        # how far the log was read): an import's 10,000 rows read back on the GUI thread,
        # only to be dropped, froze the window for 0.1-0.2 s after every import.
        found = sql.rows(
            conn,
            "SELECT seq, origin, entity, entity_id, op, fields, version FROM change_log"
            " WHERE seq > :after AND (origin IS NULL OR origin <> :origin"
            " OR seq = (SELECT max(seq) FROM change_log))"
            f" ORDER BY seq LIMIT {_BATCH}",
            {"after": after, "origin": store.origin},
        )
    last = found[-1][0] if found else after
    changes = [Change(entity, entity_id, op, fields_from_json(fields), version)
               for _seq, origin, entity, entity_id, op, fields, version in found if origin != store.origin]
    out = ChangeSet.merged(changes, external=True)
    out.last_seq = last
    return out, last, len(found)


def read_since(store: Store, after: int) -> tuple[ChangeSet, int]:
    """Every change others committed after ``after``, and the newest seq."""
    out = ChangeSet(external=True)
    while True:
        batch, after, count = _read_log(store, after)
        out = out.extend(batch)
        if count < _BATCH:
            out.external = True
            return out, after


def newest_seq(store: Store) -> int:
    with store.read() as conn:
        return sql.scalar(conn, "SELECT coalesce(max(seq), 0) FROM change_log") or 0


class SqliteWatcher:
    def __init__(self, store: Store, path: Path):
        self.store = store
        self.path = Path(path)
        self.last_seq = store.opened_at_seq
        self._conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self._version = None  # the first poll reads what others wrote since the catalog opened
        self._inode = self._file_id()

    def _data_version(self) -> int:
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def _file_id(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_dev, st.st_ino

    def file_missing(self) -> bool:
        """The catalog file was deleted, moved or replaced since it was opened."""
        return self._file_id() != self._inode

    def seen(self, seq: int | None) -> None:
        pass  # own rows are filtered by origin; other writers' rows below seq are still unread

    def poll(self, catch_up: bool = False) -> ChangeSet:
        version = self._data_version()
        if version == self._version and not catch_up:
            return ChangeSet(external=True)
        self._version = version
        out, self.last_seq = read_since(self.store, self.last_seq)
        return out

    def close(self) -> None:
        self._conn.close()


class PostgresWatcher:
    RETRY_S = 5.0

    def __init__(self, store: Store):
        self.store = store
        self.last_seq = store.opened_at_seq
        self._caught_up = False  # the first poll reads what others wrote since the catalog opened
        self._conn = None
        self._next_try = 0.0
        self.online = True
        self._listen()

    def _listen(self) -> None:
        import psycopg

        url = self.store.engine.url.set(drivername="postgresql")
        try:
            self._conn = psycopg.connect(
                url.render_as_string(hide_password=False), autocommit=True, connect_timeout=3,
                application_name="rsfm-desktop-listen",
            )
            self._conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
            self.online = True
        except psycopg.Error:
            self._conn = None
            self.online = False
            self._next_try = time.monotonic() + self.RETRY_S

    def seen(self, seq: int | None) -> None:
        pass

    def poll(self, catch_up: bool = False) -> ChangeSet:
        import psycopg

        heard = catch_up or not self._caught_up
        self._caught_up = True
        if self._conn is None:
            if time.monotonic() < self._next_try:
                return ChangeSet(external=True)
            self._listen()
            heard = self._conn is not None  # reconnected: what was missed is in the log
        if self._conn is not None:
            try:
                for _note in self._conn.notifies(timeout=0, stop_after=1000):
                    heard = True
            except psycopg.Error:
                self._conn.close()
                self._conn = None
                self.online = False
                self._next_try = time.monotonic() + self.RETRY_S
                return ChangeSet(external=True)
        if not heard:
            return ChangeSet(external=True)
        try:
            out, self.last_seq = read_since(self.store, self.last_seq)
        except Exception:  # noqa: BLE001 (server gone between the notification and the read)
            self.online = False
            return ChangeSet(external=True)
        return out

    def file_missing(self) -> bool:
        return False

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def watcher_for(store: Store):
    if store.dialect == "sqlite":
        return SqliteWatcher(store, Path(store.engine.url.database))
    return PostgresWatcher(store)
