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
from ..store.seq_cache import SeqCache
from ..store.store import Store
from . import counts as _counts
from . import fact_counts as _facts
from . import todo as _todo
from .counts import MATRIX_COLS, MATRIX_ROWS, TOP_VENUES, UnknownFacet
from .facts import LINKS_PART, TODO_PART, Facts, Interrupted, view_key
from .model import (
    ALL,
    HEATMAP,
    INTRODUCES,
    MATRIX,
    NO_TAG,
    NO_VENUE,
    OTHER,
    PER_YEAR,
    USES,
    VENUES,
    Counts,
    Label,
    TodoItem,
)
from .scope import Scope, scope_of

CHARTS = (PER_YEAR, HEATMAP, VENUES, MATRIX)
TODO = "todo"
# Each chart's default options; datasets per year default to their modality.
DEFAULTS: dict[str, dict[str, Any]] = {
    PER_YEAR: {"facet": "family"},
    HEATMAP: {"rows": "task", "cols": "modality"},
    VENUES: {"top": TOP_VENUES},
    MATRIX: {"limit": MATRIX_ROWS, "col_limit": MATRIX_COLS},
}
DATASET_YEAR_FACET = "modality"


ANSWERS_KEPT = 64  # answers kept per catalog state (views seen again: a filter cleared, a tab shown again)


class Stats:
    def __init__(self, store: Store, entries: Entries, keep: bool = True):
        """``keep``: the facts kept between runs where the catalog allows (:mod:`.facts`)."""
        self.store = store
        self.entries = entries
        self.facts = Facts(store, keep)
        self._duplicates: dict[Kind, tuple[int, frozenset[int]]] = {}
        self._answers = SeqCache(ANSWERS_KEPT)

    def __call__(self) -> dict[str, int]:
        """The catalog's entry counts (``catalog.stats()`` before this part existed; the
        command line's plain ``stats``): papers, datasets, links, notes."""
        return self.entries.stats()

    def close(self) -> None:
        self.facts.close()

    def scope(self, conn, kind: Kind, query: Query = Query()) -> Scope:
        return scope_of(conn, self.entries, kind, query)

    # ---- charts ----------------------------------------------------------------------------

    def per_year(self, kind: Kind = Kind.PAPER, query: Query = Query(), facet: str | None = "family") -> Counts:
        return self.chart(PER_YEAR, kind, query, facet=facet)

    def heatmap(self, kind: Kind = Kind.PAPER, query: Query = Query(), rows: str = "task",
                cols: str = "modality") -> Counts:
        return self.chart(HEATMAP, kind, query, rows=rows, cols=cols)

    def venues(self, query: Query = Query(), top: int = TOP_VENUES) -> Counts:
        return self.chart(VENUES, Kind.PAPER, query, top=top)

    def matrix(self, query: Query = Query(), limit: int | None = MATRIX_ROWS,
               col_limit: int | None = MATRIX_COLS) -> Counts:
        return self.chart(MATRIX, Kind.PAPER, query, limit=limit, col_limit=col_limit)

    def chart(self, chart: str, kind: Kind, query: Query = Query(), **options: Any) -> Counts:
        """One chart by name (``CHARTS``) with its options (``DEFAULTS``), counted from the
        facts (:mod:`.facts`); the same view asked again before the catalog changes is
        answered from memory."""
        if chart not in CHARTS:
            raise KeyError(chart)
        if chart in (VENUES, MATRIX):
            kind = Kind.PAPER
        options = {**DEFAULTS[chart], **options}
        key = (chart, kind, view_key(query), tuple(sorted(options.items())))
        with self.facts.session() as (conn, state):
            found = self._answers.get(state.seq, key)
            if found is None:
                found = self._count(conn, state, chart, self.scope(conn, kind, query), options)
                self._answers.put(state.seq, key, found)
        return found

    def _count(self, conn, state, chart: str, scope: Scope, options: Mapping[str, Any]) -> Counts:
        scope = state.narrow(conn, scope, self.entries)
        if chart == MATRIX:  # several statements over the view's linked papers: read once
            self.facts.need(conn, LINKS_PART)
            scope = state.pin(conn, scope, self.entries, linked=True)
        if chart == PER_YEAR:
            facet = options["facet"]
            if facet is None or facet in state.columns:
                return _facts.per_year(conn, scope, state, facet)
            return _counts.per_year(conn, scope, facet)  # no bit set for this facet
        if chart == HEATMAP:
            if options["rows"] in state.columns and options["cols"] in state.columns:
                return _facts.heatmap(conn, scope, state, options["rows"], options["cols"])
            return _counts.heatmap(conn, scope, options["rows"], options["cols"])
        if chart == VENUES:
            return _facts.venues(conn, scope, state, options["top"])
        return _facts.matrix(conn, scope, options["limit"], options["col_limit"])

    def interrupt(self) -> bool:
        """Stop the count running now (another thread's): it raises :class:`Interrupted`."""
        return self.facts.interrupt()

    def forget_answers(self) -> None:
        """Drop the answers kept and the view's ids read (the next counts are counted again,
        their view matched again)."""
        self._answers.clear()
        self.facts.state.pinned.clear()

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
        are checked now if ``check_duplicates``, else have count -1 (not known). Attachments
        are looked for on disk every time."""
        queries = queries or {}
        out: list[TodoItem] = []
        for kind in Kind:
            query = queries.get(kind, Query())
            dups = self.duplicate_ids(kind, compute=check_duplicates)
            with self.facts.session() as (conn, state):
                self.facts.need(conn, TODO_PART if kind is Kind.PAPER else LINKS_PART)
                scope = self.scope(conn, kind, query)
                if _todo.has_attachments(conn, kind):  # two statements over the view: its ids read once
                    scope = state.pin(conn, scope, self.entries)
                    files = tuple(_todo.missing_files(conn, scope, facts=True))
                else:  # one statement: the view matched in it
                    scope, files = state.narrow(conn, scope, self.entries), ()
                key = (TODO, kind, view_key(query), None if dups is None else len(dups), files)
                counts = self._answers.get(state.seq, key)
                if counts is None:
                    counts = _todo.todo_counts(conn, scope, state, dups, files)
                    self._answers.put(state.seq, key, counts)
                out += _todo.todo_items(conn, scope, counts)
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
    "DATASET_YEAR_FACET", "Interrupted",
]
