"""How many live entries carry a tag, a parent counting its descendants (recursive CTEs).
Deleted and merged tags count nothing and pass nothing to their parents."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.engine import Connection

from ..fields import Kind
from ..store import sql
from ..store.writes import MEMBER_TABLES

# Every (ancestor, descendant) pair of the live tag forest, each tag its own descendant.
CLOSURE_CTE = (
    "closure(ancestor, descendant) AS ("
    " SELECT id, id FROM tag WHERE deleted_at IS NULL"
    " UNION ALL SELECT c.ancestor, t.id FROM closure c JOIN tag t ON t.parent_id = c.descendant"
    " WHERE t.deleted_at IS NULL)"
)


def descendants_cte(param: str = "ids") -> str:
    """A CTE ``sub(id)``: the tags of the list parameter ``param`` and their live descendants."""
    return (
        f"sub(id) AS (SELECT id FROM tag WHERE id IN :{param}"
        " UNION SELECT t.id FROM tag t JOIN sub ON t.parent_id = sub.id WHERE t.deleted_at IS NULL)"
    )


def _counts_sql(kind: str, table: str, trashed: bool) -> str:
    """Per tag: entries with it (childless tags: a plain count from the tag index) or with it or
    a descendant (parents: a distinct count); all entries, or only the trashed ones (read from
    the entry table first, the few trashed rows leading)."""
    rows = f"{table} m"
    if trashed:
        rows = f"{kind} e CROSS JOIN {table} m"
    only = f" AND m.{kind}_id = e.id AND e.deleted_at IS NOT NULL" if trashed else ""
    parents = "(SELECT parent_id FROM tag WHERE parent_id IS NOT NULL AND deleted_at IS NULL)"
    return (
        f"WITH RECURSIVE {CLOSURE_CTE}"
        f" SELECT m.tag_id, count(*) FROM {rows} WHERE m.tag_id NOT IN {parents}{only} GROUP BY m.tag_id"
        f" UNION ALL SELECT c.ancestor, count(DISTINCT m.{kind}_id) FROM {rows}"
        f" JOIN closure c ON c.descendant = m.tag_id WHERE c.ancestor IN {parents}{only} GROUP BY c.ancestor"
    )


def tag_counts(conn: Connection, kind: Kind) -> dict[int, int]:
    """Tag id -> number of distinct live entries tagged with it or a descendant.

    Two queries: counts over all entries, minus counts over the (few) trashed ones; this avoids
    checking ``deleted_at`` row by row."""
    table = MEMBER_TABLES[kind]
    counts = dict(sql.rows(conn, _counts_sql(kind.value, table, False)))
    for tag_id, trashed in sql.rows(conn, _counts_sql(kind.value, table, True)):
        counts[tag_id] = counts.get(tag_id, 0) - trashed
    return counts


def subtree(conn: Connection, tag_ids: Iterable[int]) -> set[int]:
    """These tags and all their live descendants."""
    ids = sorted(set(tag_ids))
    if not ids:
        return set()
    return set(sql.column(conn, f"WITH RECURSIVE {descendants_cte()} SELECT id FROM sub", {"ids": ids}))


def entries_losing(conn: Connection, tag_ids: Iterable[int]) -> tuple[int, int]:
    """(papers, datasets): live entries carrying at least one of these tags."""
    ids = sorted(set(tag_ids))
    if not ids:
        return 0, 0
    counts = []
    for kind, table in MEMBER_TABLES.items():
        counts.append(sql.scalar(
            conn,
            f"SELECT count(DISTINCT m.{kind.value}_id) FROM {table} m"
            f" JOIN {kind.value} e ON e.id = m.{kind.value}_id AND e.deleted_at IS NULL"
            " WHERE m.tag_id IN :ids",
            {"ids": ids},
        ))
    return counts[0], counts[1]


def entries_with(conn: Connection, kind: Kind, tag_id: int) -> list[int]:
    """Every entry (live or trashed) carrying this very tag."""
    return sql.column(conn, f"SELECT {kind.value}_id FROM {MEMBER_TABLES[kind]} WHERE tag_id = :t",
                      {"t": tag_id})
