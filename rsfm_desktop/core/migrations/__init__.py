"""Schema migrations with Alembic, configured in code (no alembic.ini at run time).

``script_location`` is this package's folder, found from ``__file__``, so the same lookup works
from a source checkout and from a PyInstaller bundle, provided the bundle ships this folder's
``env.py``, ``script.py.mako`` and ``versions/*.py`` as files (Alembic reads revision scripts
from disk, not from the frozen archive).

:data:`HEAD` is the newest revision this app knows. :mod:`rsfm_desktop.core.db` reads a catalog's
``alembic_version`` with plain SQL and compares it with :data:`HEAD`, so Alembic itself is
imported only when a catalog must be upgraded or carries a revision this app does not know.

Adding a schema change: edit ``core/models.py``, add ``versions/NNNN_<what>.py`` with
``down_revision`` the previous head, and set :data:`HEAD` to the new revision;
``tests/unit/test_migrations.py`` fails until models, migrations and :data:`HEAD` agree.
Beware: a batch migration that copies ``paper`` or ``dataset`` (SQLite's way to alter a column)
loses their expression sort indexes, which SQLite cannot reflect; recreate them in the same
revision (the test comparing a migrated catalog with a new one catches it).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from sqlalchemy.engine import Connection, Engine

from ..errors import UpgradeCancelled

HEAD = "0016"
VERSION_TABLE = "alembic_version"
SCRIPT_LOCATION = Path(__file__).resolve().parent

# Search tables (core/search/): FTS5 virtual tables and their shadow tables on SQLite, the
# ``<kind>_search`` tables on PostgreSQL. Created by the search backends, so unknown to the
# SQLAlchemy metadata that autogenerate compares against.
_SEARCH_TABLE = re.compile(r"^\w+_(fts_(tri|bi)(_\w+)?|search(_text|_vocab|_chunk)?)$")


def include_name(name: str | None, type_: str, _parent_names) -> bool:
    """Alembic autogenerate filter: leave the search tables alone."""
    return not (type_ == "table" and name and _SEARCH_TABLE.match(name))


def _is_expression_index(index) -> bool:
    from sqlalchemy import Column

    return any(not isinstance(e, Column) for e in index.expressions)


def include_object(obj, _name, type_: str, reflected: bool, compare_to) -> bool:
    """Alembic autogenerate filter: skip expression indexes (the sort indexes), which SQLite
    cannot reflect; tests/unit/test_migrations.py compares them through ``sqlite_master``."""
    if type_ == "index":
        declared = compare_to if reflected else obj
        return declared is None or not _is_expression_index(declared)
    return True


def current_revision(conn: Connection) -> str | None:
    """The catalog's revision (None when it has no version table)."""
    from sqlalchemy import inspect

    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    return conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalar()


def stamp_head(conn: Connection) -> None:
    """Record :data:`HEAD` in a catalog whose tables were created from the current models.

    The table is the one Alembic creates, written here so a new catalog needs no Alembic import.
    """
    conn.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version_num VARCHAR(32) NOT NULL, "
        f"CONSTRAINT {VERSION_TABLE}_pkc PRIMARY KEY (version_num))"
    )
    conn.exec_driver_sql(f"DELETE FROM {VERSION_TABLE}")
    conn.exec_driver_sql(f"INSERT INTO {VERSION_TABLE}(version_num) VALUES ('{HEAD}')")


def _config(conn: Connection | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.attributes["connection"] = conn
    return config


def _scripts():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def known_revisions() -> list[str]:
    """Every revision this app ships, oldest first."""
    return [script.revision for script in reversed(list(_scripts().walk_revisions()))]


def script_head() -> str:
    """The head revision according to the scripts (a test checks it equals :data:`HEAD`)."""
    return _scripts().get_current_head()


def _migration_engine(url, cancelled: Callable[[], bool] | None = None) -> Engine:
    """An engine for migrating. PostgreSQL runs DDL in transactions as it is. On SQLite:
    explicit transactions, foreign keys off.

    pysqlite does not open a transaction before DDL, so without ``BEGIN`` a failed migration
    would leave half its tables changed. Foreign keys must be off while a batch migration copies
    a table and drops the original, or ``ON DELETE CASCADE`` would delete the notes, links and
    tags that point at it; :func:`upgrade` runs ``foreign_key_check`` before committing instead.
    """
    from sqlalchemy import create_engine, event

    if not str(url).startswith("sqlite"):
        from ..store.postgres import make_engine

        return make_engine(str(url), pool=False)
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        dbapi_conn.execute("PRAGMA foreign_keys=OFF")
        dbapi_conn.execute("PRAGMA busy_timeout=5000")
        if cancelled is not None:  # SQLite asks every 100,000 VM steps; non-zero interrupts
            dbapi_conn.set_progress_handler(lambda: 1 if cancelled() else 0, 100_000)

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class MigrationError(RuntimeError):
    """A migration left rows pointing at nothing; it was rolled back."""


class UpgradeProgress(Protocol):
    """What an upgrade reports to (the UI's task context fits): progress on a 0..:data:`SCALE`
    scale, and whether the user cancelled."""

    def progress(self, done: int, total: int) -> None: ...

    def cancelled(self) -> bool: ...


SCALE = 1000
BACKUP_SHARE = 300  # of SCALE: the copy made before migrating; the revisions share the rest


def reporters(reporter: UpgradeProgress | None, steps: int, backup: bool) -> dict:
    """Keyword arguments for :func:`~rsfm_desktop.core.backup.backup_file` (``backup``) and
    :func:`upgrade` (``upgrade``) that report one upgrade as a single 0..SCALE progress."""
    if reporter is None:
        return {"backup": {}, "upgrade": {}}
    start = BACKUP_SHARE if backup else 0

    def copied(done: int, total: int) -> None:
        reporter.progress(BACKUP_SHARE * done // max(total, 1), SCALE)

    def step_done(n: int) -> None:
        reporter.progress(start + (SCALE - start) * min(n, steps) // max(steps, 1), SCALE)

    return {"backup": {"progress": copied, "cancelled": reporter.cancelled},
            "upgrade": {"step_done": step_done, "cancelled": reporter.cancelled}}


def pending_steps(from_revision: str | None) -> int:
    """How many revisions an upgrade from ``from_revision`` (None: a pre-Alembic catalog, which
    is stamped 0001 first) to :data:`HEAD` applies."""
    scripts = _scripts()
    return len(list(scripts.iterate_revisions(HEAD, from_revision or "0001"))) + (from_revision is None)


def upgrade(url, revision: str = "head", from_revision: str | None = None, *,
            step_done: Callable[[int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> None:
    """Upgrade the catalog at ``url`` to ``revision`` in one transaction (all or nothing).

    ``from_revision`` stamps a catalog without a version table first (a pre-Alembic catalog).
    ``step_done(n)`` is told after each applied revision (n counts from 1). When ``cancelled()``
    turns true the running statement is interrupted (SQLite's progress handler, PostgreSQL's
    query cancel), everything is rolled back and :class:`UpgradeCancelled` is raised.
    """
    from alembic import command

    engine = _migration_engine(url, cancelled)
    applied = [0]

    def on_version_apply(**_kw) -> None:
        applied[0] += 1
        if step_done is not None:
            step_done(applied[0])
        if cancelled is not None and cancelled():
            raise UpgradeCancelled()

    try:
        with engine.begin() as conn:
            stop_watch = _watch_cancel(conn, cancelled)
            try:
                config = _config(conn)
                config.attributes["on_version_apply"] = on_version_apply
                if from_revision is not None:
                    command.stamp(config, from_revision)
                command.upgrade(config, revision)
                broken = (conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                          if conn.dialect.name == "sqlite" else [])
                if broken:
                    raise MigrationError(f"rows point at missing entries after migrating: {broken[:5]}")
            except Exception as exc:
                if cancelled is not None and cancelled() and not isinstance(exc, MigrationError):
                    raise UpgradeCancelled() from exc  # rolled back by engine.begin()
                raise
            finally:
                stop_watch()
    finally:
        engine.dispose()


def _watch_cancel(conn: Connection, cancelled: Callable[[], bool] | None) -> Callable[[], None]:
    """On PostgreSQL, a thread that cancels the running statement once ``cancelled()`` is true
    (SQLite checks through its progress handler instead). Returns the function that stops it."""
    if cancelled is None or conn.dialect.name == "sqlite":
        return lambda: None
    raw = conn.connection.dbapi_connection
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.1):
            if cancelled():
                getattr(raw, "cancel_safe", raw.cancel)()  # cancel_safe is psycopg >= 3.2
                return

    thread = threading.Thread(target=watch, name="rsfm-upgrade-cancel", daemon=True)
    thread.start()

    def stop_watching() -> None:
        stop.set()
        thread.join()

    return stop_watching
