"""The few SQL fragments that SQLite and PostgreSQL spell differently. Everything else the app
runs is the same text on both engines (see :mod:`.sql`)."""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy.engine import Connection

from . import sql
from .seq_cache import SeqCache


def is_sqlite(conn_or_engine) -> bool:
    """For a connection, an engine, or a dialect's name."""
    name = conn_or_engine if isinstance(conn_or_engine, str) else conn_or_engine.dialect.name
    return name == "sqlite"


def string_agg(conn: Connection | str, expr: str, separator: str = ", ", order_by: str | None = None) -> str:
    """An aggregate joining ``expr`` over the group with ``separator`` (a literal), in the order
    of ``order_by`` on PostgreSQL; SQLite's ``group_concat`` (before 3.44) takes no order and
    joins in the order of its input, so feed it an ordered subquery as well."""
    quoted = separator.replace("'", "''")
    if is_sqlite(conn):
        return f"group_concat({expr}, '{quoted}')"
    return f"string_agg({expr}, '{quoted}'{f' ORDER BY {order_by}' if order_by else ''})"


def not_blank(conn: Connection | str, expr: str) -> str:
    """True where the text ``expr`` holds more than spaces, tabs and line breaks."""
    if is_sqlite(conn):
        return f"trim({expr}, char(32, 9, 10, 13)) <> ''"
    return f"btrim({expr}, E' \\t\\n\\r') <> ''"


def id_list(conn: Connection, query: str, params: sql.Params | None = None) -> list[int]:
    """The ids a query (its column named ``id``) returns, read as one value: at 60,000 ids one
    JSON array (SQLite) or array (PostgreSQL) costs 6-10 ms less than a row per id."""
    if is_sqlite(conn):
        ((found,),) = sql.rows(conn, f"SELECT json_group_array(id) FROM ({query}) AS q", params)
        return json.loads(found)
    # The matching ids come from GIN and B-tree indexes; for a term in most of the catalog the
    # planner prefers reading every search row instead, which is twice as slow (100,000 papers,
    # 73% matching: 74 -> 50 ms). Only this transaction's statements are affected.
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    ((found,),) = sql.rows(conn, f"SELECT coalesce(array_agg(id), '{{}}') FROM ({query}) AS q", params, binary=True)
    return list(found)


def interrupt(dbapi_connection) -> None:
    """Stop the statement a driver connection runs, from another thread: SQLite's interrupt
    (the statement fails with "interrupted"), PostgreSQL's cancel request (QueryCanceled)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.interrupt()
    else:
        dbapi_connection.cancel_safe()


def abort_while(dbapi_connection, flag) -> None:
    """SQLite: every statement the driver connection runs while ``flag()`` is true stops as
    interrupted (looked at every 200,000 steps, about a millisecond of work), so an interrupt
    that comes between two statements stops the next; ``flag`` None: no longer. PostgreSQL:
    nothing (:func:`interrupt` cancels the statement running)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        if flag is None:
            dbapi_connection.set_progress_handler(None, 0)
        else:
            dbapi_connection.set_progress_handler(lambda: 1 if flag() else 0, 200_000)


def ordered_ids(conn: Connection, query: str, flagged: bool = False) -> tuple[list[int], int]:
    """The ids of a sorted query (first column), in its order, and with ``flagged`` how many
    rows have their second column set. PostgreSQL sends them as one array: 100,000 rows cost
    psycopg about three times as much (the subquery's order is the aggregate's: a subquery
    with ORDER BY is never flattened)."""
    if is_sqlite(conn):
        found = sql.rows(conn, query)
        return [r[0] for r in found], sum(1 for r in found if r[1]) if flagged else 0
    if flagged:
        ((ids, flags),) = sql.rows(conn, "SELECT coalesce(array_agg(q.id), '{}'),"
                                         f" count(*) FILTER (WHERE q.flag) FROM ({query}) AS q(id, flag)", binary=True)
        return list(ids), flags
    ((ids,),) = sql.rows(conn, f"SELECT coalesce(array_agg(q.id), '{{}}') FROM ({query}) AS q(id)", binary=True)
    return list(ids), 0


class OrderCache:
    """PostgreSQL: the ascending orders read from the server (ids as a compact array, and how
    many are empty), kept while the catalog's change log stands still. Before each use the
    newest ``change_log.seq`` is read (one index probe): any committed change, here or by
    another user, empties the cache. So reversing a sort, or going back to a column sorted
    before, costs that probe instead of reading 100,000 ids again. An order not kept here is
    looked for on the server (``store.sort_orders``: kept there by the window that read it
    last at this ``seq``) before it is read from the sort index, and kept there once read.
    ``seq`` and the order come from one snapshot."""

    def __init__(self, store, size: int = 8):
        self.store = store
        self._orders = SeqCache(size)  # orders kept (each 4 bytes an id: 0.4 MB at 100,000 entries)

    def sorted_ids(self, kind, key: str, descending: bool, trashed: bool, nullable: bool,
                   read: Callable[[Connection, bool], tuple[list[int], int]]) -> list[int]:
        """The ids in the order of ``key`` (empty values last in both directions); ``read(conn,
        flagged)`` reads the ascending order when it is not kept."""
        from . import sort_orders

        slot = (kind, key, trashed)
        with self.store.read() as conn:
            # The seq, and the order kept or read, from one snapshot (see store.sort_orders).
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            seq = sql.scalar(conn, "SELECT coalesce(max(seq), 0) FROM change_log")
            found = self._orders.get(seq, slot)
            if found is None:
                found = sort_orders.stored(conn, slot, seq)
                if found is None:
                    ids, empties = read(conn, nullable)
                    found = (array("i", ids), empties)
                    sort_orders.keep(conn, slot, seq, *found)  # for the next window
                self._orders.put(seq, slot, found)
        ids, empties = found
        if not descending:
            return ids.tolist()
        present = len(ids) - empties  # the empty values sort last
        return ids[:present][::-1].tolist() + ids[present:][::-1].tolist()


def rows_of_keys(conn: Connection | str, keys: str, select: str, table: str, column: str) -> str:
    """``{select} {table}`` for the rows whose ``column`` is one of the ``keys`` query's (column
    ``id``), the few keys read first and each looked up in ``column``'s index: SQLite keeps the
    order of a CROSS JOIN; PostgreSQL gets them as an array (``= ANY``)."""
    if is_sqlite(conn):
        return f"{select} ({keys}) s CROSS JOIN {table} WHERE {column} = s.id"
    return f"{select} {table} WHERE {column} = ANY(ARRAY({keys}))"


def id_set(conn: Connection, param: str) -> str:
    """A query (column ``id``) of the ids bound to ``param`` by :func:`id_set_param`, a JSON
    array: one parameter however many ids (SQLite allows only so many in an ``IN`` list)."""
    if is_sqlite(conn):
        return f"SELECT value AS id FROM json_each(:{param})"
    return f"SELECT CAST(value AS bigint) AS id FROM json_array_elements_text(CAST(:{param} AS json))"


def id_set_param(conn: Connection, ids) -> str:
    """The value to bind for :func:`id_set`."""
    return json.dumps(sorted({int(i) for i in ids}))


def in_values(conn: Connection, column: str, param: str, values, text: bool = False) -> tuple[str, dict]:
    """``column`` is one of ``values`` (ids, or uuids with ``text``), as a condition and its one
    parameter: a JSON array on SQLite, an array on PostgreSQL (``= ANY``), however many values.
    An ``IN`` list of thousands of parameters costs psycopg and the planner a few hundred ms."""
    values = sorted({str(v) if text else int(v) for v in values})
    if is_sqlite(conn):
        return f"{column} IN (SELECT value FROM json_each(:{param}))", {param: json.dumps(values)}
    return f"{column} = ANY(CAST(:{param} AS {'text' if text else 'bigint'}[]))", {param: sql.Array(values)}


BULK_ROWS = 200  # a write of fewer entries at once never asks for new statistics
STATS_MIN_PAGES = 8  # 64 KB: a smaller table plans well enough with whatever it has


def refresh_statistics(conn: Connection, tables: Sequence[str], rows: int) -> None:
    """PostgreSQL: ``ANALYZE`` those of ``tables`` that have grown to more than twice the size
    their statistics describe, as during a bulk import or a first sync in one transaction
    (autovacuum cannot see uncommitted rows; ``ANALYZE`` inside the transaction counts its own
    rows). Without it the planner kept the statistics of the first batch: every 500-entry
    read of the import's reindex walked the whole tag table (4-8 s a read instead of 7 ms),
    and a 100,000-paper import into a lab catalog slowed from batch to batch (1,035 s). Growth
    by doubling means a handful of ``ANALYZE`` runs per import, whatever its size. SQLite plans
    well without statistics here; a write of fewer than :data:`BULK_ROWS` entries never asks."""
    if is_sqlite(conn) or rows < BULK_ROWS:
        return
    grown = [name for name, seen, now in sql.rows(
        conn, "SELECT c.relname, c.relpages, pg_relation_size(c.oid) / current_setting('block_size')::int"
              " FROM pg_class c WHERE c.oid = ANY(CAST(:tables AS regclass[]))", {"tables": sql.Array(tables)})
        if now >= STATS_MIN_PAGES and now > 2 * seen]
    if grown:
        conn.exec_driver_sql("ANALYZE " + ", ".join(sorted(grown)))


def sort_indexes(conn: Connection, table: str) -> list[tuple[str, str]]:
    """SQLite: (name, CREATE statement) of the table's secondary indexes that no constraint
    needs (not unique): those a bulk load may drop and build again once (see
    ``Tx.bulk_load``). PostgreSQL: none (``DROP INDEX`` would lock the table against every
    reader of a lab catalog until commit; its rows go in by ``COPY`` anyway)."""
    if not is_sqlite(conn):
        return []
    return [(name, ddl) for name, ddl in sql.rows(
        conn, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"
              " ORDER BY name", {"t": table})
            if not ddl.lstrip().upper().startswith("CREATE UNIQUE")]


BULK_CACHE_KIB = 65_536  # SQLite page cache of a bulk write (the connection's default is 2 MB)


def enlarge_cache(conn: Connection, kib: int = BULK_CACHE_KIB) -> Callable[[], None] | None:
    """SQLite: give this connection a page cache of ``kib`` KiB for a bulk write, and return
    what sets it back (None when nothing changed; PostgreSQL: its server's buffers, nothing to
    do). With the default 2 MB, a transaction adding tens of thousands of entries spills its
    dirty pages to the WAL again and again and reads them back through it: most of a large
    import's time went there (system calls and page look-ups), not into the rows."""
    if not is_sqlite(conn):
        return None
    raw = conn.connection.dbapi_connection
    before = raw.execute("PRAGMA cache_size").fetchone()[0]
    if before < 0 and -before >= kib:
        return None
    raw.execute(f"PRAGMA cache_size = -{int(kib)}")
    return lambda: raw.execute(f"PRAGMA cache_size = {int(before)}")


def undecodable_text(exc: BaseException) -> bool:
    """SQLite met stored text that is not UTF-8 (PostgreSQL validates text as it is written)."""
    return "Could not decode to UTF-8" in str(exc)


def user_error(exc: BaseException):
    """A driver error read straight from its cursor (SQLAlchemy's error hook did not see it) as
    the CatalogError the user is shown (a damaged page, a full disk...), else None."""
    from .sqlite import catalog_error

    return catalog_error(exc)


def _decode_leniently(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


@contextmanager
def lenient_text(conn: Connection) -> Iterator[None]:
    """Within the block, SQLite text that is not UTF-8 reads with U+FFFD for the bad bytes."""
    if not is_sqlite(conn):
        yield
        return
    dbapi = conn.connection.dbapi_connection
    before = dbapi.text_factory
    dbapi.text_factory = _decode_leniently
    try:
        yield
    finally:
        dbapi.text_factory = before
