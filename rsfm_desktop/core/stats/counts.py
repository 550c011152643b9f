"""The charts' counts from the catalog's own tables, in SQL on both engines, always over a view
(:mod:`.scope`): for a facet with too many top-level tags for the facts' bit sets
(:mod:`.fact_counts` counts the rest), and the helpers both share.

A facet's tags are counted at its top level: a paper tagged "Ship detection" counts under
"Object detection", exactly the entries the tag filter shows for "Object detection" (a tag
matches its descendants), so clicking a bar shows as many rows as the bar counts. A paper with
two tags of a facet counts in both; the distinct entries of a row are its total.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection

from ..entries import NO_YEAR
from ..fields import Kind
from ..store import sql
from ..taxonomy.sql import LIVE_TAG
from .model import (
    ALL,
    DATASETS_LABEL,
    HEATMAP,
    NO_TAG,
    NO_TAG_LABEL,
    NO_VENUE,
    NO_YEAR_LABEL,
    OTHER,
    PAPERS_LABEL,
    PER_YEAR,
    Counts,
    Label,
    builtin,
)
from .scope import Scope

TOP_VENUES = 15
MATRIX_ROWS = 200  # papers shown in the paper × dataset matrix (the rest are counted)
MATRIX_COLS = 60


class UnknownFacet(KeyError):
    """No live facet has this key."""


def roots_cte(name: str, param: str) -> str:
    """``name(root, id)``: every live tag of the facet whose key is bound to ``param``, with
    its top-level ancestor (a top-level tag is its own)."""
    return (
        f"{name}(root, id) AS (SELECT t.id, t.id FROM tag t JOIN facet f ON f.id = t.facet_id"
        f" WHERE f.key = :{param} AND t.parent_id IS NULL AND {LIVE_TAG}"
        f" UNION ALL SELECT r.root, t.id FROM {name} r JOIN tag t ON t.parent_id = r.id WHERE t.deleted_at IS NULL)"
    )


def facet_roots(conn: Connection, facet_key: str) -> tuple[int, str, list[Label], bool]:
    """(facet id, facet key, its top-level tags in tree order, whether any has children)."""
    rows = sql.rows(
        conn,
        "SELECT f.id, t.id, t.label_en, t.label_zh, t.color,"
        " (SELECT count(*) FROM tag c WHERE c.parent_id = t.id AND c.deleted_at IS NULL)"
        " FROM facet f LEFT JOIN tag t ON t.facet_id = f.id AND t.parent_id IS NULL AND t.deleted_at IS NULL"
        " WHERE f.key = :facet AND f.deleted_at IS NULL ORDER BY t.position, t.id",
        {"facet": facet_key},
    )
    if not rows:
        raise UnknownFacet(facet_key)
    labels = [Label(tag_id, en or zh or "", zh, color) for _f, tag_id, en, zh, color, _n in rows if tag_id is not None]
    return rows[0][0], facet_key, labels, any(n for *_rest, n in rows if n)


def facet_label(conn: Connection, facet_key: str) -> Label:
    row = sql.first(conn, "SELECT id, label_en, label_zh FROM facet WHERE key = :k AND deleted_at IS NULL",
                    {"k": facet_key})
    if row is None:
        raise UnknownFacet(facet_key)
    return Label(facet_key, row[1] or facet_key, row[2])


def _year_label(year: int | None) -> Label:
    return builtin(NO_YEAR, NO_YEAR_LABEL) if year is None else Label(int(year), str(year))


def _kind_label(kind: Kind) -> Label:
    return builtin(ALL, PAPERS_LABEL if kind is Kind.PAPER else DATASETS_LABEL)


def years(totals) -> tuple[tuple[Label, ...], dict[Any, int], tuple[int, ...], int]:
    """From (year, count) pairs: the year rows (ascending, no year last), each year's row, the
    row totals and the total."""
    totals = sorted(((y, int(n)) for y, n in totals), key=lambda r: (r[0] is None, r[0] or 0))
    row_totals = tuple(n for _y, n in totals)
    return (tuple(_year_label(y) for y, _n in totals), {y: i for i, (y, _n) in enumerate(totals)}, row_totals,
            sum(row_totals))


def years_only(scope: Scope, rows: tuple[Label, ...], row_totals: tuple[int, ...]) -> Counts:
    """Entries per year in one column (no facet)."""
    return Counts(PER_YEAR, scope.kind, rows, (_kind_label(scope.kind),),
                  {(i, 0): n for i, n in enumerate(row_totals)}, row_totals, sum(row_totals), options={"by": ["year"]})


def per_year(conn: Connection, scope: Scope, facet_key: str | None) -> Counts:
    """Entries per year (ascending, those without a year last), stacked by the top-level tags
    of a facet plus a "no tag" column; without a facet, one column of counts."""
    totals = sql.rows(conn, scope.select("e.year, count(*)", tail=" GROUP BY (e.year IS NULL), e.year"),
                      scope.params)
    rows, row_of, row_totals, total = years(totals)
    if facet_key is None:
        return years_only(scope, rows, row_totals)
    facet_id, key, tags, deep = facet_roots(conn, facet_key)
    # One pass: each entry's tags of the facet, or one row without a tag (r.root NULL).
    found = sql.rows(
        conn,
        f"WITH RECURSIVE {roots_cte('roots', 'stats_facet')} "
        + scope.select(f"e.year, r.root, {'count(DISTINCT e.id)' if deep else 'count(*)'}",
                       f" LEFT JOIN {scope.members} m ON m.{scope.owner} = e.id"
                       " AND m.tag_id IN (SELECT id FROM roots) LEFT JOIN roots r ON r.id = m.tag_id",
                       tail=" GROUP BY (e.year IS NULL), e.year, r.root"),
        {**scope.params, "stats_facet": key},
    )
    col_of: dict[Any, int] = {t.key: i for i, t in enumerate(tags)}
    col_of[None] = len(tags)
    cells = {(row_of[year], col_of[root]): n for year, root, n in found}
    cols = (*tags, builtin(NO_TAG, NO_TAG_LABEL))
    return Counts(PER_YEAR, scope.kind, rows, cols, cells, row_totals, total, col_facet=(facet_id, key),
                  options={"by": ["year", key]})


def heatmap(conn: Connection, scope: Scope, row_facet: str, col_facet: str) -> Counts:
    """Entries per pair of top-level tags of two facets (task × modality by default)."""
    row_id, row_key, row_tags, row_deep = facet_roots(conn, row_facet)
    col_id, col_key, col_tags, col_deep = facet_roots(conn, col_facet)
    members, owner = scope.members, scope.owner
    count = "count(DISTINCT e.id)" if row_deep or col_deep else "count(*)"
    found = sql.rows(
        conn,
        f"WITH RECURSIVE {roots_cte('ra', 'stats_rows')}, {roots_cte('rb', 'stats_cols')} "
        + scope.select(f"a.root, b.root, {count}",
                       f" CROSS JOIN {members} ma CROSS JOIN ra a CROSS JOIN {members} mb CROSS JOIN rb b",
                       f"ma.{owner} = e.id AND a.id = ma.tag_id AND mb.{owner} = e.id AND b.id = mb.tag_id",
                       " GROUP BY a.root, b.root"),
        {**scope.params, "stats_rows": row_key, "stats_cols": col_key},
    )
    r_of = {t.key: i for i, t in enumerate(row_tags)}
    c_of = {t.key: i for i, t in enumerate(col_tags)}
    cells = {(r_of[a], c_of[b]): n for a, b, n in found}
    total = sql.scalar(conn, scope.select("count(*)"), scope.params)
    return Counts(HEATMAP, scope.kind, tuple(row_tags), tuple(col_tags), cells, None, total,
                  (row_id, row_key), (col_id, col_key), options={"by": [row_key, col_key]})


def venue_condition(key: Any, top_keys: list[Any]) -> tuple[str, dict[str, Any]]:
    """The condition on ``e`` of a venues row (for the entries it counts)."""
    if key == NO_VENUE:
        return "e.venue IS NULL", {}
    if key == OTHER:
        return ("e.venue IS NOT NULL AND lower(e.venue) NOT IN :stats_top",
                {"stats_top": [k for k in top_keys if k not in (OTHER, NO_VENUE)] or [""]})
    return "lower(e.venue) = :stats_venue", {"stats_venue": key}
