"""Statistics of a view of the catalog (Qt-free): papers per year stacked by a facet, a facet ×
facet heat map, datasets by modality and year, papers per venue, the paper × dataset matrix,
and the curation to-do. Counted in SQL on both engines, always for a view: a
:class:`~..entries.Query` (search text, tag filter, year, id set) of the kind counted, so the
numbers are the rows the table shows. The catalog's part ``catalog.stats``; the charts are drawn
by :mod:`.chart` (a drawing any painter can render, :mod:`.svg` writes it as SVG) and their
numbers written as tables by :mod:`.tables`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..entries import Entries, Query
from ..fields import Kind
from ..store import sql
from ..store.store import Store
from . import counts as _counts
from . import todo as _todo
from .counts import MATRIX_COLS, MATRIX_ROWS, TOP_VENUES, UnknownFacet
from .model import (ALL, HEATMAP, INTRODUCES, MATRIX, NO_TAG, NO_VENUE, OTHER, PER_YEAR, USES, VENUES,
                    Counts, Label, TodoItem)
from .scope import Scope, scope_of

CHARTS = (PER_YEAR, HEATMAP, VENUES, MATRIX)
# Each chart's default options; datasets per year default to their modality.
DEFAULTS: dict[str, dict[str, Any]] = {
    PER_YEAR: {"facet": "family"},
    HEATMAP: {"rows": "task", "cols": "modality"},
    VENUES: {"top": TOP_VENUES},
    MATRIX: {"limit": MATRIX_ROWS, "col_limit": MATRIX_COLS},
}
DATASET_YEAR_FACET = "modality"


class Stats:
    def __init__(self, store: Store, entries: Entries):
        self.store = store
        self.entries = entries
        self._duplicates: dict[Kind, tuple[int, frozenset[int]]] = {}

    def __call__(self) -> dict[str, int]:
        """The catalog's entry counts (``catalog.stats()`` before this part existed; the
        command line's plain ``stats``): papers, datasets, links, notes."""
        return self.entries.stats()

    def scope(self, conn, kind: Kind, query: Query = Query()) -> Scope:
        return scope_of(conn, self.entries, kind, query)

    # ---- charts ----------------------------------------------------------------------------

    def per_year(self, kind: Kind = Kind.PAPER, query: Query = Query(), facet: str | None = "family") -> Counts:
        with self.store.read() as conn:
            return _counts.per_year(conn, self.scope(conn, kind, query), facet)

    def heatmap(self, kind: Kind = Kind.PAPER, query: Query = Query(), rows: str = "task",
                cols: str = "modality") -> Counts:
        with self.store.read() as conn:
            return _counts.heatmap(conn, self.scope(conn, kind, query), rows, cols)

    def venues(self, query: Query = Query(), top: int = TOP_VENUES) -> Counts:
        with self.store.read() as conn:
            return _counts.venues(conn, self.scope(conn, Kind.PAPER, query), top)

    def matrix(self, query: Query = Query(), limit: int | None = MATRIX_ROWS,
               col_limit: int | None = MATRIX_COLS) -> Counts:
        with self.store.read() as conn:
            return _counts.matrix(conn, self.scope(conn, Kind.PAPER, query), limit, col_limit)

    def chart(self, chart: str, kind: Kind, query: Query = Query(), **options: Any) -> Counts:
        """One chart by name (``CHARTS``) with its options (``DEFAULTS``)."""
        if chart == PER_YEAR:
            return self.per_year(kind, query, options.get("facet", "family"))
        if chart == HEATMAP:
            return self.heatmap(kind, query, options.get("rows", "task"), options.get("cols", "modality"))
        if chart == VENUES:
            return self.venues(query, options.get("top", TOP_VENUES))
        if chart == MATRIX:
            return self.matrix(query, options.get("limit", MATRIX_ROWS), options.get("col_limit", MATRIX_COLS))
        raise KeyError(chart)

    def venue_ids(self, query: Query, key: Any, top_keys: list[Any]) -> list[int]:
        """The papers of the view that a venues row counts (``top_keys``: the chart's rows)."""
        cond, params = _counts.venue_condition(key, top_keys)
        with self.store.read() as conn:
            scope = self.scope(conn, Kind.PAPER, query)
            return sql.column(conn, scope.select("e.id", conds=cond, tail=" ORDER BY e.id"),
                              {**scope.params, **params})

    # ---- curation to-do --------------------------------------------------------------------

    def todo(self, queries: Mapping[Kind, Query] | None = None, check_duplicates: bool = False) -> list[TodoItem]:
        """The to-do lines of both kinds, each for its view (``queries``; default: all live
        entries). Suspected duplicates come from the last check if nothing changed since,
        are checked now if ``check_duplicates``, else have count -1 (not known)."""
        queries = queries or {}
        out: list[TodoItem] = []
        for kind in Kind:
            dups = self.duplicate_ids(kind, compute=check_duplicates)
            with self.store.read() as conn:
                out += _todo.todo_items(conn, self.scope(conn, kind, queries.get(kind, Query())), dups)
        return out

    def todo_ids(self, kind: Kind, query: Query, key: str) -> list[int]:
        """The entries of the view counted by a to-do line (``TodoItem.key``)."""
        dups = self.duplicate_ids(kind) if key == "duplicates" else ()
        with self.store.read() as conn:
            return _todo.todo_ids(conn, self.scope(conn, kind, query), key, dups or ())

    def duplicate_ids(self, kind: Kind, compute: bool = True) -> frozenset[int] | None:
        """Live entries that look like the duplicate of another (``io.matching``), over the
        whole catalog; kept until the catalog changes. None when not known and ``compute`` is
        False (the check reads every entry: a minute at 100,000 papers)."""
        from ..io import find_duplicates

        with self.store.read() as conn:
            stamp = self._stamp(conn)
            cached = self._duplicates.get(kind)
            if cached is not None and cached[0] == stamp:
                return cached[1]
            if not compute:
                return None
            ids = _todo.duplicate_ids(find_duplicates(conn, kind))
        self._duplicates[kind] = (stamp, ids)
        return ids

    @staticmethod
    def _stamp(conn) -> int:
        """Grows with every committed change (the change log's last row)."""
        return int(sql.scalar(conn, "SELECT coalesce(max(seq), 0) FROM change_log") or 0)


__all__ = [
    "Stats", "Counts", "Label", "TodoItem", "Scope", "UnknownFacet", "CHARTS", "DEFAULTS", "PER_YEAR",
    "HEATMAP", "VENUES", "MATRIX", "NO_TAG", "OTHER", "NO_VENUE", "ALL", "INTRODUCES", "USES",
    "DATASET_YEAR_FACET",
]
