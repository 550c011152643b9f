"""The facet columns' sort keys (``<kind>_facet_sort``): a row per entry and facet holding the
entry's live tags' labels of that facet joined in tree order and lower-cased, English first
(``sort_en``) or Chinese first (``sort_zh``), the text the table cell shows; and its ``place``
before the key: 0 tagged, 1 without a tag there (empty last), +2 in the trash.

Sorting by a facet column is then one scan of the index (facet, place, key, entry), in the
order the table shows, like the sort index of a plain column: 100,000 papers in the time of
sorting by title, where aggregating every membership per click took seconds.

Derived data like the search index: written only by the one write path. :class:`.writes.Tx`
marks the entries added, trashed, restored or (un)tagged, the tags whose labels, order or
trash state changed, and the facets added; :func:`refresh` and :func:`add_facets` rewrite
their rows before commit. Whether a facet is deleted does not enter the key: a deleted facet's
key is renamed, so no column sorts by it, and its rows are right again when it is restored.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.engine import Connection

from ..fields import Kind
from . import dialect, sql

KEY_TABLES = {Kind.PAPER: "paper_facet_sort", Kind.DATASET: "dataset_facet_sort"}
_MEMBERS = {Kind.PAPER: "paper_tag", Kind.DATASET: "dataset_tag"}
TAG_FIELDS = frozenset({"label_en", "label_zh", "position", "facet_id", "deleted_at"})  # what a key is made of
MOVED = "facet_id"  # a tag moved to another facet: its entries' keys change in both
TRASHED = 2  # added to ``place`` for an entry in the trash
EMPTY = 1  # added to ``place`` for an entry without a live tag in the facet


def rows_sql(conn: Connection | str, kind: Kind, entries: str = "", members: str = "true", facets: str = "") -> str:
    """``INSERT`` of the rows of the entries matching ``entries`` (a condition on ``e``; every
    entry when empty), whose memberships match ``members`` (on ``m`` and its tag ``t``: at
    least those of these entries), in every facet (or those matching ``facets``, on ``f``)."""
    owner = f"{kind.value}_id"
    order = "x.pos, x.tid"
    en = dialect.string_agg(conn, "x.en", order_by=order)
    zh = dialect.string_agg(conn, "x.zh", order_by=order)
    labels = (
        f"SELECT x.id, x.facet_id, lower({en}) AS en, lower({zh}) AS zh FROM ("
        f"SELECT m.{owner} AS id, t.facet_id AS facet_id, coalesce(t.label_en, t.label_zh) AS en,"
        " coalesce(t.label_zh, t.label_en) AS zh, t.position AS pos, t.id AS tid"
        f" FROM {_MEMBERS[kind]} m JOIN tag t ON t.id = m.tag_id WHERE t.deleted_at IS NULL AND {members}"
        f" ORDER BY m.{owner}, t.facet_id, t.position, t.id) AS x GROUP BY x.id, x.facet_id"
    )
    return (
        f"INSERT INTO {KEY_TABLES[kind]}({owner}, facet_id, place, sort_en, sort_zh)"
        f" SELECT e.id, f.id, (CASE WHEN e.deleted_at IS NULL THEN 0 ELSE {TRASHED} END)"
        f" + (CASE WHEN l.en IS NULL THEN {EMPTY} ELSE 0 END), l.en, l.zh"
        f" FROM {kind.value} e CROSS JOIN facet f LEFT JOIN ({labels}) AS l ON l.id = e.id AND l.facet_id = f.id"
        f" WHERE {' AND '.join(['true', *filter(None, (entries, facets))])}"  # a WHERE before ON CONFLICT: SQLite
        f" ON CONFLICT ({owner}, facet_id) DO NOTHING"
    )


def refresh(conn: Connection, kind: Kind, entry_ids: Iterable[int], facet_ids: Iterable[int] | None = None,
            *, fresh: bool = False) -> None:
    """Rewrite the rows of these entries from their tags and trash state now: in every facet,
    or in these facets only (a tag renamed or moved changes its own facet's keys). ``fresh``:
    the entries have no rows yet (added by the writing transaction and not refreshed by it
    before), so there is nothing to delete first."""
    ids = sorted(set(entry_ids))
    if not ids:
        return
    owner = f"{kind.value}_id"
    cond, params = dialect.in_values(conn, owner, "ids", ids)
    entries, _same = dialect.in_values(conn, "e.id", "ids", ids)
    members, _same = dialect.in_values(conn, f"m.{owner}", "ids", ids)
    facets = ""
    if facet_ids is not None:
        in_facets, more = dialect.in_values(conn, "facet_id", "facets", facet_ids)
        facets, _same = dialect.in_values(conn, "f.id", "facets", facet_ids)
        tag_facets, _same = dialect.in_values(conn, "t.facet_id", "facets", facet_ids)
        cond, members = f"{cond} AND {in_facets}", f"{members} AND {tag_facets}"
        params.update(more)
    dialect.refresh_statistics(conn, [kind.value, _MEMBERS[kind], "tag", KEY_TABLES[kind]], len(ids))
    if not fresh:
        sql.execute(conn, f"DELETE FROM {KEY_TABLES[kind]} WHERE {cond}", params)
    sql.execute(conn, rows_sql(conn, kind, entries, members, facets), params)


def add_facets(conn: Connection, kind: Kind, facet_ids: Iterable[int]) -> None:
    """Rows for every entry in these new facets (whose tags, if any, are new too)."""
    ids = sorted(set(facet_ids))
    if ids:
        facets, params = dialect.in_values(conn, "f.id", "facets", ids)
        members, more = dialect.in_values(conn, "t.facet_id", "facets2", ids)
        sql.execute(conn, rows_sql(conn, kind, "", members, facets), {**params, **more})


def entries_tagged(conn: Connection, kind: Kind, tag_ids: Iterable[int]) -> list[int]:
    """The entries holding any of these tags (live or not)."""
    tag_ids = sorted(set(tag_ids))
    if not tag_ids:
        return []
    cond, params = dialect.in_values(conn, "tag_id", "tags", tag_ids)
    return sorted(sql.column(conn, f"SELECT DISTINCT {kind.value}_id FROM {_MEMBERS[kind]} WHERE {cond}", params))


def facets_of(conn: Connection, tag_ids: Iterable[int]) -> list[int]:
    """The facets these tags belong to now."""
    cond, params = dialect.in_values(conn, "id", "tags", tag_ids)
    return sql.column(conn, f"SELECT DISTINCT facet_id FROM tag WHERE {cond}", params)


def sorted_sql(kind: Kind, facet_key: str, lang: str, trashed: bool, flagged: bool) -> str:
    """The ids of the live (or trashed) entries in the order of their key in the facet whose
    key is ``facet_key`` (checked by the caller), empty keys last; ``flagged`` adds whether the
    key is empty (for a descending sort). No rows when there is no such facet."""
    owner = f"tl.{kind.value}_id"
    place = f"tl.place >= {TRASHED}" if trashed else f"tl.place < {TRASHED}"
    flag = f", tl.place % 2 = {EMPTY}" if flagged else ""
    return (
        f"SELECT {owner}{flag} FROM {KEY_TABLES[kind]} tl"
        f" WHERE tl.facet_id = (SELECT f.id FROM facet f WHERE f.key = '{facet_key}' AND f.deleted_at IS NULL)"
        f" AND {place} ORDER BY tl.place, tl.sort_{'zh' if lang == 'zh' else 'en'}, {owner}"
    )
