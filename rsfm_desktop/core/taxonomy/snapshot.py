"""Exact before/after pictures of the part of the taxonomy an operation touches.

An undoable operation names its :class:`Scope` (facet ids, tag ids, and whether their synonyms,
entry memberships and the saved views' filters belong to it), captures it before and after, and
undo/redo write one picture back over the union of both scopes: rows keep their ids, tags that
did not exist in the picture are deleted, memberships come back exactly (minus entries purged
since).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection

FACET_COLUMNS = ("id", "key", "label_en", "label_zh", "position")
TAG_COLUMNS = ("id", "facet_id", "parent_id", "label_en", "label_zh", "color", "position")
SYNONYM_COLUMNS = ("id", "tag_id", "text")
MEMBER_TABLES = {"paper": "paper_tag", "dataset": "dataset_tag"}


def ids_param(ids) -> str:
    """A list of ids as one JSON parameter, read in SQL with ``json_each(?)``."""
    return json.dumps(sorted(ids))


def in_ids(param: str = "?") -> str:
    """``IN`` over the ids of a JSON list parameter (one parameter, any number of ids)."""
    return f"IN (SELECT value FROM json_each({param}))"


IN_IDS = in_ids()


@dataclass(frozen=True)
class Scope:
    facets: frozenset[int] = frozenset()
    tags: frozenset[int] = frozenset()
    synonyms: bool = False
    members: bool = False
    views: bool = False

    def __or__(self, other: "Scope") -> "Scope":
        return Scope(
            self.facets | other.facets, self.tags | other.tags, self.synonyms or other.synonyms,
            self.members or other.members, self.views or other.views,
        )


@dataclass(frozen=True)
class Snapshot:
    scope: Scope
    facets: list[tuple] = field(default_factory=list)
    tags: list[tuple] = field(default_factory=list)
    synonyms: list[tuple] = field(default_factory=list)
    members: dict[str, list[tuple]] = field(default_factory=dict)
    views: list[tuple] = field(default_factory=list)


def _rows(conn: Connection, table: str, columns, where: str, ids) -> list[tuple]:
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE {where} {IN_IDS}"
    return [tuple(r) for r in conn.exec_driver_sql(sql, (ids_param(ids),))]


def capture(conn: Connection, scope: Scope) -> Snapshot:
    tags = _rows(conn, "tag", TAG_COLUMNS, "id", scope.tags)
    return Snapshot(
        scope,
        facets=_rows(conn, "facet", FACET_COLUMNS, "id", scope.facets),
        tags=tags,
        synonyms=_rows(conn, "tag_synonym", SYNONYM_COLUMNS, "tag_id", scope.tags) if scope.synonyms else [],
        members={
            kind: _rows(conn, table, (f"{kind}_id", "tag_id"), "tag_id", scope.tags)
            for kind, table in MEMBER_TABLES.items()
        } if scope.members else {},
        views=[tuple(r) for r in conn.exec_driver_sql("SELECT id, tag_filter FROM saved_view")]
        if scope.views else [],
    )


def _upsert(conn: Connection, table: str, columns, rows) -> None:
    if not rows:
        return
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    conn.exec_driver_sql(
        f"INSERT INTO {table}({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        f" ON CONFLICT(id) DO UPDATE SET {updates}",
        rows,
    )


def _parents_first(tags: list[tuple]) -> list[tuple]:
    by_id = {t[0]: t for t in tags}
    ordered: list[tuple] = []
    placed: set[int] = set()

    def place(tag: tuple) -> None:
        if tag[0] in placed:
            return
        placed.add(tag[0])
        parent = by_id.get(tag[2])
        if parent is not None:
            place(parent)
        ordered.append(tag)

    for tag in tags:
        place(tag)
    return ordered


def restore(conn: Connection, picture: Snapshot, other: Snapshot) -> None:
    """Make the union of both scopes look exactly like ``picture``."""
    scope = picture.scope | other.scope
    _upsert(conn, "facet", FACET_COLUMNS, picture.facets)
    _upsert(conn, "tag", TAG_COLUMNS, _parents_first(picture.tags))
    tag_ids = ids_param(scope.tags)
    if scope.synonyms:
        conn.exec_driver_sql(f"DELETE FROM tag_synonym WHERE tag_id {IN_IDS}", (tag_ids,))
    if scope.members:
        for table in MEMBER_TABLES.values():
            conn.exec_driver_sql(f"DELETE FROM {table} WHERE tag_id {IN_IDS}", (tag_ids,))
    gone = scope.tags - {t[0] for t in picture.tags}
    if gone:
        conn.exec_driver_sql(f"DELETE FROM tag WHERE id {IN_IDS}", (ids_param(gone),))
    gone_facets = scope.facets - {f[0] for f in picture.facets}
    if gone_facets:
        conn.exec_driver_sql(f"DELETE FROM facet WHERE id {IN_IDS}", (ids_param(gone_facets),))
    if scope.synonyms and picture.synonyms:
        conn.exec_driver_sql(
            "INSERT INTO tag_synonym(id, tag_id, text) VALUES (?, ?, ?)", picture.synonyms
        )
    for kind, rows in picture.members.items():
        if rows:  # entries purged for good since the picture was taken stay gone
            conn.exec_driver_sql(
                f"INSERT INTO {MEMBER_TABLES[kind]}({kind}_id, tag_id)"
                f" SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM {kind} WHERE id = ?1)",
                rows,
            )
    if picture.views:
        conn.exec_driver_sql(
            "UPDATE saved_view SET tag_filter = ?2 WHERE id = ?1", picture.views
        )
