"""The charts' counts, in SQL on both engines, always over a view (:mod:`.scope`).

A facet's tags are counted at its top level: a paper tagged "Ship detection" counts under
"Object detection", exactly the entries the tag filter shows for "Object detection" (a tag
matches its descendants), so clicking a bar shows as many rows as the bar counts. A paper with
two tags of a facet counts in both; the distinct entries of a row are its total.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy.engine import Connection

from ..entries import NO_YEAR
from ..fields import Kind
from ..store import sql
from ..taxonomy.sql import LIVE_TAG
from .model import (ALL, DATASETS_LABEL, HEATMAP, INTRODUCES, MATRIX, NO_TAG, NO_TAG_LABEL,
                    NO_VENUE, NO_VENUE_LABEL, NO_YEAR_LABEL, OTHER, OTHER_LABEL, PAPERS_LABEL, PER_YEAR,
                    VENUES, Counts, Label, builtin)
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


def per_year(conn: Connection, scope: Scope, facet_key: str | None) -> Counts:
    """Entries per year (ascending, those without a year last), stacked by the top-level tags
    of a facet plus a "no tag" column; without a facet, one column of counts."""
    totals = sql.rows(conn, scope.select("e.year, count(*)", tail=" GROUP BY (e.year IS NULL), e.year"),
                      scope.params)
    totals.sort(key=lambda r: (r[0] is None, r[0] or 0))
    rows = tuple(_year_label(y) for y, _n in totals)
    row_of = {y: i for i, (y, _n) in enumerate(totals)}
    row_totals = tuple(n for _y, n in totals)
    total = sum(row_totals)
    if facet_key is None:
        return Counts(PER_YEAR, scope.kind, rows, (_kind_label(scope.kind),),
                      {(i, 0): n for i, n in enumerate(row_totals)}, row_totals, total,
                      options={"by": ["year"]})
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


def venues(conn: Connection, scope: Scope, top: int = TOP_VENUES) -> Counts:
    """Papers per venue (compared without case), the ``top`` first, then the other venues
    together, then the papers without a venue."""
    found = sql.rows(conn, scope.select("lower(e.venue), count(*)",
                                        tail=" GROUP BY (e.venue IS NULL), lower(e.venue)"), scope.params)
    named = sorted(((v, n) for v, n in found if v is not None), key=lambda r: (-r[1], r[0]))
    rows: list[Label] = []
    counts: list[int] = []
    for venue, n in named[:top]:
        # As written by the first entry of the venue (the index gives lower(venue) only).
        spelling = sql.scalar(conn, f"SELECT venue FROM {scope.table} WHERE (venue IS NULL) = false"
                                    " AND lower(venue) = :v AND deleted_at IS NULL ORDER BY id LIMIT 1", {"v": venue})
        rows.append(Label(venue, spelling or venue))
        counts.append(n)
    rest = sum(n for _v, n in named[top:])
    if rest:
        rows.append(builtin(OTHER, OTHER_LABEL))
        counts.append(rest)
    missing = sum(n for v, n in found if v is None)
    if missing:
        rows.append(builtin(NO_VENUE, NO_VENUE_LABEL))
        counts.append(missing)
    return Counts(VENUES, scope.kind, tuple(rows), (_kind_label(scope.kind),),
                  {(i, 0): n for i, n in enumerate(counts)}, tuple(counts), sum(counts),
                  options={"by": ["venue"], "top": top})


def venue_condition(key: Any, top_keys: list[Any]) -> tuple[str, dict[str, Any]]:
    """The condition on ``e`` of a venues row (for the entries it counts)."""
    if key == NO_VENUE:
        return "e.venue IS NULL", {}
    if key == OTHER:
        return ("e.venue IS NOT NULL AND lower(e.venue) NOT IN :stats_top",
                {"stats_top": [k for k in top_keys if k not in (OTHER, NO_VENUE)] or [""]})
    return "lower(e.venue) = :stats_venue", {"stats_venue": key}


def matrix(conn: Connection, scope: Scope, limit: int | None = MATRIX_ROWS,
           col_limit: int | None = MATRIX_COLS) -> Counts:
    """The papers of the view that link to a dataset (rows, by year, then as added) against
    those datasets (columns, the most used first, then by name): "introduces" or "uses" in a
    cell, "introduces" when both. Labels are read for the rows and columns shown only."""
    links = sql.rows(
        conn,
        scope.select("e.id, e.year, l.dataset_id, l.relation",
                     " CROSS JOIN paper_dataset_link l CROSS JOIN dataset d",
                     "l.paper_id = e.id AND d.id = l.dataset_id AND d.deleted_at IS NULL"),
        scope.params,
    )
    relation: dict[tuple[int, int], str] = {}
    year_of: dict[int, int | None] = {}
    for paper_id, year, dataset_id, rel in links:
        year_of[paper_id] = year
        if relation.get((paper_id, dataset_id)) != INTRODUCES:
            relation[(paper_id, dataset_id)] = rel
    papers = sorted(year_of, key=lambda p: (year_of[p] is None, year_of[p] or 0, p))
    uses = Counter(d for _p, d in relation)
    datasets = sorted(uses, key=lambda d: -uses[d])  # ties: by name below
    shown_papers = papers if limit is None else papers[:limit]
    names = dict(_entry_labels(conn, Kind.DATASET, datasets if col_limit is None else _first_by_count(datasets, uses, col_limit)))
    shown_datasets = sorted(names, key=lambda d: (-uses[d], names[d].casefold(), d))
    if col_limit is not None:
        shown_datasets = shown_datasets[:col_limit]
    titles = dict(_entry_labels(conn, Kind.PAPER, shown_papers))
    rows = tuple(Label(p, titles.get(p, "")) for p in shown_papers)
    cols = tuple(Label(d, names[d]) for d in shown_datasets)
    r_of = {p: i for i, p in enumerate(shown_papers)}
    c_of = {d: i for i, d in enumerate(shown_datasets)}
    cells = {(r_of[p], c_of[d]): rel for (p, d), rel in relation.items() if p in r_of and d in c_of}
    return Counts(MATRIX, Kind.PAPER, rows, cols, cells, None, len(papers),
                  more_rows=len(papers) - len(rows), more_cols=len(uses) - len(cols),
                  options={"by": ["paper", "dataset"]})


def _first_by_count(ids: list[int], uses: Counter, n: int) -> list[int]:
    """The ``n`` most used (``ids`` is sorted by use) and every id tied with the last one, so
    the names can break the tie."""
    if len(ids) <= n:
        return ids
    last = uses[ids[n - 1]]
    return [i for i in ids if uses[i] >= last]


def _entry_labels(conn: Connection, kind: Kind, ids: list[int]) -> list[tuple[int, str]]:
    """(id, label): a paper's short name (else its title), a dataset's name."""
    name = "coalesce(short_name, title)" if kind is Kind.PAPER else "name"
    out = []
    for chunk in sql.chunked(ids):
        out += [(i, label or "") for i, label in sql.rows(
            conn, f"SELECT id, {name} FROM {kind.value} WHERE id IN :ids", {"ids": chunk})]
    return out
