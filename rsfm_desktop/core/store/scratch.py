"""Writes to a connection's own temporary tables (scratch tables, named ``rsfm_…``): working
copies that live in memory for one connection, invisible to the catalog and to every other
process, such as the statistics' facts (``core/stats/facts.py``); on SQLite some may instead
live in a file of their own attached to the connection (:func:`attach`), kept between runs.
They are not catalog data, so the one write path's versions, change records and undo do not
apply; this module is the only place outside ``Tx`` that writes, and it refuses any table not
named as a scratch table (and any attached file not named as one)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection

from . import dialect, sql

PREFIX = "rsfm_"


def _name(table: str) -> str:
    if not table.startswith(PREFIX) or not table.replace("_", "").isalnum():
        raise ValueError(f"{table} is not a scratch table")
    return table


TEMP_BUFFERS = "128MB"


def prepare(conn: Connection) -> None:
    """Make room for a new connection's temporary tables, before it makes any: PostgreSQL keeps
    them in ``temp_buffers`` (8 MB by default, so 100,000 papers' statistics facts, about
    12 MB, went to disk and back at every count); memory only as the tables use it. SQLite
    keeps them in its page cache: nothing to do."""
    if not dialect.is_sqlite(conn):
        conn.exec_driver_sql(f"SET temp_buffers = '{TEMP_BUFFERS}'")
        conn.commit()


def attach(dbapi_connection, path: str, schema: str) -> None:
    """SQLite: attach the file ``path`` (made if missing) to the driver connection, outside any
    transaction, as the schema ``schema`` (named as a scratch table is), whose tables
    :func:`create` then makes there: they outlive the connection. A cache, so written in WAL
    mode without waiting for the disk at each commit (a crash of the computer loses the last
    commits, never the file's consistency); read through a memory map."""
    dbapi_connection.execute(f"ATTACH DATABASE ? AS {_name(schema)}", (path,))
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "cache_size=-65536", "mmap_size=268435456"):
        dbapi_connection.execute(f"PRAGMA {schema}.{pragma}").fetchall()


def detach(dbapi_connection, schema: str) -> None:
    dbapi_connection.execute(f"DETACH DATABASE {_name(schema)}")


def create(conn: Connection, table: str, columns: str, if_missing: bool = False, schema: str | None = None) -> None:
    """Create the temporary table (``columns``: its column definitions), or with ``schema`` the
    table in that attached file; anew unless ``if_missing``."""
    if not if_missing:
        drop(conn, table, schema)
    kind, name = ("TABLE", f"{_name(schema)}.{_name(table)}") if schema else ("TEMPORARY TABLE", _name(table))
    conn.exec_driver_sql(f"CREATE {kind} {'IF NOT EXISTS ' if if_missing else ''}{name} ({columns})")


def index(conn: Connection, table: str, name: str, columns: str, schema: str | None = None) -> None:
    """An index ``name`` of the table on ``columns`` (unless it has one by that name); with
    ``schema``, of the table in that attached file."""
    qualified = f"{_name(schema)}.{_name(name)}" if schema else _name(name)
    conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {qualified} ON {_name(table)} ({columns})")


def drop(conn: Connection, table: str, schema: str | None = None) -> None:
    """Drop the table (unqualified: the first of that name, the temporary one before an
    attached file's)."""
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {f'{_name(schema)}.' if schema else ''}{_name(table)}")


def fill(conn: Connection, table: str, select: str, params: dict[str, Any] | None = None,
         skip_key: str | None = None) -> None:
    """Add the rows of ``select`` (the rows whose ``skip_key`` is already there are skipped)."""
    if skip_key is None:
        sql.execute(conn, f"INSERT INTO {_name(table)} {select}", params or {})
    else:  # WHERE true: SQLite reads ON CONFLICT after a bare FROM as a join's ON
        sql.execute(conn, f"INSERT INTO {_name(table)} SELECT * FROM ({select}) s WHERE true"
                          f" ON CONFLICT ({skip_key}) DO NOTHING", params or {})


def delete(conn: Connection, table: str, where: str = "", params: dict[str, Any] | None = None) -> None:
    sql.execute(conn, f"DELETE FROM {_name(table)}{f' WHERE {where}' if where else ''}", params or {})


def analyze(conn: Connection, table: str) -> None:
    """PostgreSQL: give the planner the table's statistics (autovacuum never sees temporary
    tables); SQLite needs none."""
    if not dialect.is_sqlite(conn):
        conn.exec_driver_sql(f"ANALYZE {_name(table)}")
