"""The charts counted from the facts (:mod:`.facts`): one short row per entry of the view, grouped
by (year, bit set) or (bit set, bit set) into a few hundred groups, which SQL then spreads over
the top-level tags whose bits they hold. Same numbers as counting from the catalog
(:mod:`.counts`, which still counts a facet with too many top-level tags for a bit set): an
entry counts once under each top-level tag it has a tag beneath, and once in its year.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.engine import Connection

from ..fields import Kind
from ..store import sql
from .counts import TOP_VENUES, _kind_label, facet_roots, years, years_only
from .facts import LINKS, ROOTS, State
from .model import (
    HEATMAP,
    INTRODUCES,
    MATRIX,
    NO_TAG,
    NO_TAG_LABEL,
    NO_VENUE,
    NO_VENUE_LABEL,
    OTHER,
    OTHER_LABEL,
    PER_YEAR,
    VENUES,
    Counts,
    Label,
    builtin,
)
from .scope import Scope


def _spread(mask: str, alias: str, facet_param: str) -> str:
    """Join the top-level tags (``alias``) of the facet bound to ``facet_param`` whose bit the
    bit set ``mask`` holds."""
    return (f"{ROOTS} {alias} ON {alias}.facet_id = :{facet_param} AND {alias}.tag_id = {alias}.root"
            f" AND ({mask} & {alias}.bit) <> 0")


def per_year(conn: Connection, scope: Scope, state: State, facet_key: str | None) -> Counts:
    """Entries per year (ascending, those without a year last), stacked by the top-level tags of
    a facet plus "no tag"; without a facet, one column. One statement: the (year, bit set)
    groups, spread over the tags (rows marked 0) and summed per year (marked 1)."""
    facet = facet_roots(conn, facet_key) if facet_key is not None else None
    columns = ("year", state.columns[facet_key]) if facet is not None else ("year",)
    state.group_index(conn, scope.kind, columns)
    group = ", ".join(f"f.{c}" for c in columns)
    found = sql.rows(
        conn,
        "WITH g AS MATERIALIZED (" + scope.facts(f"{group}{' AS mask' if facet else ''}, count(*) AS n",
                                                 tail=f" GROUP BY {group}", grouped=True) + ")"
        + (f" SELECT 0, g.year, r.root, sum(g.n) FROM g LEFT JOIN {_spread('g.mask', 'r', 'stats_facet')}"
           " GROUP BY g.year, r.root UNION ALL" if facet is not None else "")
        + " SELECT 1, g.year, NULL, sum(g.n) FROM g GROUP BY g.year",
        {**scope.facts_params, **({"stats_facet": facet[0]} if facet else {})},
    )
    rows, row_of, row_totals, total = years((y, n) for part, y, _r, n in found if part == 1)
    if facet is None:
        return years_only(scope, rows, row_totals)
    facet_id, key, tags, _deep = facet
    col_of: dict[Any, int] = {t.key: i for i, t in enumerate(tags)}
    col_of[None] = len(tags)
    cells = {(row_of[y], col_of[root]): int(n) for part, y, root, n in found
             if part == 0 and root in col_of and y in row_of}
    cols = (*tags, builtin(NO_TAG, NO_TAG_LABEL))
    return Counts(PER_YEAR, scope.kind, rows, cols, cells, row_totals, total, col_facet=(facet_id, key),
                  options={"by": ["year", key]})


def heatmap(conn: Connection, scope: Scope, state: State, row_facet: str, col_facet: str) -> Counts:
    """Entries per pair of top-level tags of two facets, and the entries of the view."""
    row_id, row_key, row_tags, _ = facet_roots(conn, row_facet)
    col_id, col_key, col_tags, _ = facet_roots(conn, col_facet)
    a, b = state.columns[row_key], state.columns[col_key]
    state.group_index(conn, scope.kind, (a, b))
    found = sql.rows(
        conn,
        "WITH g AS MATERIALIZED (" + scope.facts(f"{a} AS a, {b} AS b, count(*) AS n", tail=f" GROUP BY {a}, {b}", grouped=True)
        + f") SELECT 0, ra.root, rb.root, sum(g.n) FROM g JOIN {_spread('g.a', 'ra', 'stats_rows')}"
        f" JOIN {_spread('g.b', 'rb', 'stats_cols')} GROUP BY ra.root, rb.root"
        " UNION ALL SELECT 1, NULL, NULL, sum(g.n) FROM g",
        {**scope.facts_params, "stats_rows": row_id, "stats_cols": col_id},
    )
    r_of = {t.key: i for i, t in enumerate(row_tags)}
    c_of = {t.key: i for i, t in enumerate(col_tags)}
    cells = {(r_of[ra], c_of[rb]): int(n) for part, ra, rb, n in found if part == 0 and ra in r_of and rb in c_of}
    total = int(next((n for part, _a, _b, n in found if part == 1), 0) or 0)
    return Counts(HEATMAP, scope.kind, tuple(row_tags), tuple(col_tags), cells, None, total,
                  (row_id, row_key), (col_id, col_key), options={"by": [row_key, col_key]})


def venues(conn: Connection, scope: Scope, state: State, top: int = TOP_VENUES) -> Counts:
    """Papers per venue (compared without case), the ``top`` first, then the other venues
    together, then the papers without a venue."""
    state.group_index(conn, scope.kind, ("venue",))
    found = sql.rows(conn, scope.facts("f.venue, count(*)", tail=" GROUP BY f.venue", grouped=True), scope.facts_params)
    named = sorted(((v, int(n)) for v, n in found if v is not None), key=lambda r: (-r[1], r[0]))
    spellings = _venue_spellings(conn, [v for v, _n in named[:top]])
    rows: list[Label] = []
    counts: list[int] = []
    for venue, n in named[:top]:
        rows.append(Label(venue, spellings.get(venue) or venue))
        counts.append(n)
    rest = sum(n for _v, n in named[top:])
    if rest:
        rows.append(builtin(OTHER, OTHER_LABEL))
        counts.append(rest)
    missing = sum(int(n) for v, n in found if v is None)
    if missing:
        rows.append(builtin(NO_VENUE, NO_VENUE_LABEL))
        counts.append(missing)
    return Counts(VENUES, scope.kind, tuple(rows), (_kind_label(scope.kind),),
                  {(i, 0): n for i, n in enumerate(counts)}, tuple(counts), sum(counts),
                  options={"by": ["venue"], "top": top})


def _venue_spellings(conn: Connection, venues: list[str]) -> dict[str, str]:
    """Each venue as the first live paper with it writes it (the facts keep ``lower(venue)``),
    read from the venue column's sort index."""
    out = {}
    for venue in venues:
        out[venue] = sql.scalar(conn, "SELECT venue FROM paper WHERE (venue IS NULL) = false AND lower(venue) = :v"
                                      " AND deleted_at IS NULL ORDER BY id LIMIT 1", {"v": venue})
    return out


def matrix(conn: Connection, scope: Scope, limit: int | None, col_limit: int | None) -> Counts:
    """The papers of the view that link to a live dataset (rows, by year, then as added) against
    those datasets (columns, the most used first, then by name): "introduces" or "uses" in a
    cell, "introduces" when both. Counted and chosen in SQL; only the rows and columns shown are
    read (their labels and their links)."""
    linked = f"EXISTS (SELECT 1 FROM {LINKS} k WHERE k.paper_id = f.id)"
    found = sql.rows(conn, scope.facts("f.id, count(*) OVER ()", conds=linked,
                                       tail=" ORDER BY (f.year IS NULL), f.year, f.id"
                                       + (f" LIMIT {int(limit)}" if limit is not None else "")), scope.facts_params)
    shown_papers = [p for p, _n in found]
    total = int(found[0][1]) if found else 0
    # Datasets by the view's papers using them; the col_limit-th's count and every dataset tied
    # with it come back, so the names can break the tie.
    uses = _uses_sql(scope)
    cut = "0" if col_limit is None else f"coalesce((SELECT n FROM u ORDER BY n DESC LIMIT 1 OFFSET {int(col_limit) - 1}), 0)"
    candidates = sql.rows(
        conn, f"WITH u AS MATERIALIZED ({uses}) SELECT u.id, u.n, d.name, (SELECT count(*) FROM u)"
              f" FROM u CROSS JOIN dataset d WHERE d.id = u.id AND u.n >= {cut}", scope.facts_params)
    used = int(candidates[0][3]) if candidates else 0
    shown = sorted(candidates, key=lambda r: (-r[1], (r[2] or "").casefold(), r[0]))
    if col_limit is not None:
        shown = shown[:col_limit]
    shown_datasets = [d for d, *_rest in shown]
    relation = _relations(conn, shown_papers, shown_datasets)
    titles = dict(_paper_labels(conn, shown_papers))
    rows = tuple(Label(p, titles.get(p, "")) for p in shown_papers)
    cols = tuple(Label(d, name or "") for d, _n, name, _u in shown)
    r_of = {p: i for i, p in enumerate(shown_papers)}
    c_of = {d: i for i, d in enumerate(shown_datasets)}
    cells = {(r_of[p], c_of[d]): rel for (p, d), rel in relation.items()}
    return Counts(MATRIX, Kind.PAPER, rows, cols, cells, None, total,
                  more_rows=total - len(rows), more_cols=used - len(cols), options={"by": ["paper", "dataset"]})


def _uses_sql(scope: Scope) -> str:
    """Per live dataset, how many papers of the view link to it (from the link facts: one row
    per live paper and live dataset, in dataset order); ``scope`` pinned
    (:meth:`.facts.State.pin`) when filtered."""
    view = f" WHERE k.paper_id IN ({scope.match})" if scope.match else ""
    return f"SELECT k.dataset_id AS id, count(*) AS n FROM {LINKS} k{view} GROUP BY k.dataset_id"


def _relations(conn: Connection, papers: list[int], datasets: list[int]) -> Mapping[tuple[int, int], str]:
    """The relation of each shown paper to each shown dataset ("introduces" wins)."""
    if not papers or not datasets:
        return {}
    found = sql.rows(conn, "SELECT paper_id, dataset_id, max(CASE WHEN relation = :intro THEN 1 ELSE 0 END)"
                           " FROM paper_dataset_link WHERE paper_id IN :papers AND dataset_id IN :datasets"
                           " GROUP BY paper_id, dataset_id",
                     {"intro": INTRODUCES, "papers": papers, "datasets": datasets})
    from .model import USES

    return {(p, d): INTRODUCES if intro else USES for p, d, intro in found}


def _paper_labels(conn: Connection, ids: list[int]) -> list[tuple[int, str]]:
    """(id, label): a paper's short name, else its title."""
    out = []
    for chunk in sql.chunked(ids):
        out += [(i, label or "") for i, label in sql.rows(
            conn, "SELECT id, coalesce(short_name, title) FROM paper WHERE id IN :ids", {"ids": chunk})]
    return out
