"""Settings of a write that adds thousands of entries at once on PostgreSQL (a sync's first
push into the lab catalog): the search index's GIN entries gathered in memory and merged into
the index once per transaction, instead of every 4 MB.

PostgreSQL's GIN index first appends new entries to a pending list and merges that list into
the index whenever it passes ``gin_pending_list_limit`` (4 MB by default), sorting what
``work_mem`` (4 MB) holds at a time. A first push adds ~400 lexemes a paper: with the
defaults, 2,000 papers meant some 60 merges of a few MB each. With a 64 MB list and the memory
to sort it, a batch is one merge, done before commit (:func:`clean_pending`), so the index the
transaction leaves behind is as tidy as before and no other writer inherits a long list to
merge. 10,000 papers, 2,000 a transaction: 24.6-26.7 s of GIN work instead of 34.7 s (under
load, /tmp/sync4/gin_exp2.py). Both settings are ``SET LOCAL``: they end with the transaction.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from . import dialect, sql

BULK_ENTRIES = 500  # entries added by one transaction from which on its index writes are merged at once
PENDING_LIST = "64MB"
SORT_MEMORY = "256MB"
SEARCH_TABLES = ("paper_search", "dataset_search")


def large_index_writes(conn: Connection, adding: int) -> bool:
    """Before a transaction adds ``adding`` entries: on PostgreSQL, from :data:`BULK_ENTRIES` on,
    let the search index gather its entries (then call :func:`clean_pending` before commit).
    Returns whether it did."""
    if dialect.is_sqlite(conn) or adding < BULK_ENTRIES:
        return False
    conn.exec_driver_sql(f"SET LOCAL gin_pending_list_limit = '{PENDING_LIST}'")
    conn.exec_driver_sql(f"SET LOCAL work_mem = '{SORT_MEMORY}'")
    return True


def clean_pending(conn: Connection) -> None:
    """Merge the pending lists of the search tables' GIN indexes into the indexes now (inside
    the transaction: other connections never see the rows without their index entries)."""
    sql.rows(conn, "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i"
                   " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam"
                   " WHERE a.amname = 'gin' AND i.indrelid = ANY(CAST(:tables AS regclass[]))",
             {"tables": sql.Array(list(SEARCH_TABLES))})
