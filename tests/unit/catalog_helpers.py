"""Shared helpers for the core tests (not a test module): finding the fixture entries, reading
what a user sees, reading rows for checks. Reads only: every write in a test goes through the
catalog's API or its write path (``catalog.store.write``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rsfm_desktop.core.catalog import Catalog
from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.fields import TITLE_FIELD, Kind
from rsfm_desktop.core.store import sql

ALL_PAPERS = ["GeoChat", "RSGPT", "RemoteCLIP", "RingMo"]
# Bookkeeping that moves on with every write (undo included): never part of what a user sees.
BOOKKEEPING = frozenset({"version", "updated_at", "modified_by"})


def read(catalog: Catalog, query: str, params: Mapping[str, Any] | None = None) -> list[tuple]:
    """Rows of a read-only query (named parameters, the same on both engines)."""
    with catalog.store.read() as conn:
        return sql.rows(conn, query, params)


def scalar(catalog: Catalog, query: str, params: Mapping[str, Any] | None = None) -> Any:
    with catalog.store.read() as conn:
        return sql.scalar(conn, query, params)


def count(catalog: Catalog, table: str) -> int:
    return scalar(catalog, f"SELECT count(*) FROM {table}")


def paper_id(catalog: Catalog, short_name: str) -> int:
    """A live or trashed paper by its short name (one must exist)."""
    found = read(catalog, "SELECT id FROM paper WHERE short_name = :n", {"n": short_name})
    assert len(found) == 1, (short_name, found)
    return found[0][0]


def dataset_id(catalog: Catalog, name: str) -> int:
    found = read(catalog, "SELECT id FROM dataset WHERE name = :n", {"n": name})
    assert len(found) == 1, (name, found)
    return found[0][0]


def entry_id(catalog: Catalog, name: str) -> int:
    """A paper by short name or a dataset by name."""
    found = read(catalog, "SELECT id FROM paper WHERE short_name = :n UNION ALL SELECT id FROM dataset"
                          " WHERE name = :n", {"n": name})
    return found[0][0]


def names(catalog: Catalog, query: Query | str = "", kind: Kind = Kind.PAPER, ordered: bool = False) -> list[str]:
    """Short names (papers) or names (datasets) of what the table shows for ``query``, sorted
    by name unless ``ordered`` (then in the table's order)."""
    query = Query(query) if isinstance(query, str) else query
    key = "short_name" if kind is Kind.PAPER else "name"
    ids = catalog.entries.list_ids(kind, query)
    found = [catalog.entries.get(kind, i).values[key] for i in ids]
    return found if ordered else sorted(found)


def add_entries(catalog: Catalog, kind: Kind, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Add entries with any column values (timestamps too) through the write path."""
    return catalog.store.write(lambda tx: tx.insert_entries(kind, [dict(r) for r in rows]))[0]


def entry_state(catalog: Catalog, kind: Kind, entry_id: int) -> dict[str, Any]:
    """One entry as a user sees it: fields, trash, tags, note, links, provenance, attachments."""
    [snap] = catalog.imports.snapshots(kind, [entry_id])
    return {
        "values": snap.values,
        "trashed": snap.meta["deleted_at"] is not None,
        "tags": snap.tags,
        "note": snap.note or "",
        "links": sorted((e.id, e.relation) for e in catalog.entries.linked(kind, entry_id)),
        "provenance": sorted(map(repr, snap.provenance)),
        "attachments": sorted(a["path"] for a in snap.attachments),
    }


def visible_state(catalog: Catalog) -> dict[tuple[Kind, int], dict[str, Any]]:
    """Every entry (live and trashed) as a user sees it; see :func:`entry_state`."""
    out = {}
    for kind in Kind:
        for (entry,) in read(catalog, f"SELECT id FROM {kind.value} ORDER BY id"):
            out[kind, entry] = entry_state(catalog, kind, entry)
    return out


def live_titles(catalog: Catalog, kind: Kind = Kind.PAPER) -> set[str]:
    return {r[0] for r in read(catalog, f"SELECT {TITLE_FIELD[kind]} FROM {kind.value} WHERE deleted_at IS NULL")}


def versions(catalog: Catalog, kind: Kind = Kind.PAPER) -> dict[int, int]:
    return dict(read(catalog, f"SELECT id, version FROM {kind.value}"))


def table_rows(catalog: Catalog, tables: Sequence[str], drop: frozenset[str] = BOOKKEEPING) -> dict[str, list]:
    """Every row of these tables without the bookkeeping columns, sorted: to compare the
    catalog before and after an edit that must change nothing (or be undone)."""
    out = {}
    with catalog.store.read() as conn:
        for name in tables:
            rows = conn.exec_driver_sql(f"SELECT * FROM {name}").mappings().all()
            out[name] = sorted((tuple(sorted((k, repr(v)) for k, v in r.items() if k not in drop)) for r in rows))
    return out


def trace_statements(catalog: Catalog) -> list[str]:
    """The SQL statements a SQLite catalog runs from now on, as SQLite expanded them (bound
    values in place), to ask SQLite's planner about them."""
    from sqlalchemy import event

    seen: list[str] = []
    engine = catalog.store.engine
    engine.dispose()
    event.listen(engine, "connect", lambda dbapi, _record: dbapi.set_trace_callback(seen.append))
    return seen


def query_plan(catalog: Catalog, statement: str) -> str:
    """SQLite's ``EXPLAIN QUERY PLAN`` of a statement, its steps joined by `` | ``."""
    with catalog.store.read() as conn:
        return " | ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement).all())
