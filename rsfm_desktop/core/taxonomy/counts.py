"""How many live entries carry a tag, a parent counting its descendants (recursive CTEs)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.engine import Connection

from ..fields import Kind
from .snapshot import IN_IDS, MEMBER_TABLES, ids_param

# Every (ancestor, descendant) pair of the tag forest, each tag being its own descendant.
CLOSURE_CTE = (
    "closure(ancestor, descendant) AS ("
    " SELECT id, id FROM tag"
    " UNION ALL SELECT c.ancestor, t.id FROM closure c JOIN tag t ON t.parent_id = c.descendant)"
)


def descendants_cte(param: str = "?") -> str:
    """A CTE ``sub(id)``: the tags of a JSON id list and all their descendants."""
    return (
        f"sub(id) AS (SELECT value FROM json_each({param})"
        " UNION SELECT t.id FROM tag t JOIN sub ON t.parent_id = sub.id)"
    )


def _counts_sql(kind: str, table: str, trashed: bool) -> str:
    """Per tag: entries with it (childless tags: a plain count from the tag index) or with it or
    a descendant (parents: a distinct count); all entries, or only the trashed ones (read from
    the entry table first, the few trashed rows leading)."""
    rows = f"{table} m"
    if trashed:
        rows = f"{kind} e CROSS JOIN {table} m ON m.{kind}_id = e.id AND e.deleted_at IS NOT NULL"
    parents = "(SELECT parent_id FROM tag WHERE parent_id IS NOT NULL)"
    return (
        f"WITH RECURSIVE {CLOSURE_CTE}"
        f" SELECT m.tag_id, count(*) FROM {rows} WHERE m.tag_id NOT IN {parents} GROUP BY m.tag_id"
        f" UNION ALL SELECT c.ancestor, count(DISTINCT m.{kind}_id) FROM {rows}"
        f" JOIN closure c ON c.descendant = m.tag_id WHERE c.ancestor IN {parents} GROUP BY c.ancestor"
    )


def tag_counts(conn: Connection, kind: Kind) -> dict[int, int]:
    """Tag id -> number of distinct live entries tagged with it or a descendant.

    Two queries: counts over all entries, minus counts over the (few) trashed ones; this avoids
    checking ``deleted_at`` row by row.
    """
    table = MEMBER_TABLES[kind.value]
    counts = dict(conn.exec_driver_sql(_counts_sql(kind.value, table, False)).all())
    for tag_id, trashed in conn.exec_driver_sql(_counts_sql(kind.value, table, True)):
        counts[tag_id] -= trashed
    return counts


def subtree(conn: Connection, tag_ids: Iterable[int]) -> set[int]:
    """These tags and all their descendants."""
    sql = f"WITH RECURSIVE {descendants_cte()} SELECT id FROM sub"
    return {r[0] for r in conn.exec_driver_sql(sql, (ids_param(tag_ids),))}


def entries_losing(conn: Connection, tag_ids: Iterable[int]) -> tuple[int, int]:
    """(papers, datasets): live entries carrying at least one of these tags."""
    ids = ids_param(tag_ids)
    counts = []
    for kind, table in MEMBER_TABLES.items():
        counts.append(conn.exec_driver_sql(
            f"SELECT count(DISTINCT m.{kind}_id) FROM {table} m"
            f" JOIN {kind} e ON e.id = m.{kind}_id AND e.deleted_at IS NULL"
            f" WHERE m.tag_id {IN_IDS}",
            (ids,),
        ).scalar_one())
    return counts[0], counts[1]
