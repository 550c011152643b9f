"""The papers and datasets tables: a model over a sorted list of ids.

The database does the searching and sorting; the model keeps only ids and fetches the cells of a
block of rows the first time the view asks for one of them, caching a bounded number of rows by
entry id (a new search that shows rows already read reads nothing). 100,000 entries cost
100,000 integers.

The sorted ids of the whole table (one index scan) are kept until the sort changes or a change
could move rows; a search keystroke or a tag filter then costs one query for the matching ids
(search and tag tables) and keeps the sorted ids that match (``keep_matching``).

The model observes the window's :class:`~..catalog_view.CatalogView` (search text, tag filter,
its table's sort) and applies the catalog's change records (:meth:`apply_changes`): an edit that
leaves order and filter alone repaints its row (``dataChanged``); one that may move rows, or
adds and removes entries, re-reads the order and keeps the selection and the current row on
the same entries (a layout change), never a reset.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QTimer, Signal

from . import first_rows
from .. import language as i18n
from ...core.columns import COLUMNS, DEFAULT_COLUMNS, TableColumn
from ...core.display_text import visible
from ...core.entries import Entries, Query, SearchStopped
from ...core.errors import CatalogError
from ...core.fields import Kind, searchable_fields
from ...core.i18n import FIELDS_CONTEXT
from ...core.store.changes import NOTE, TAGS, ChangeSet
from ...core.taxonomy import TAG_COLUMN_PREFIX

@dataclass(frozen=True)
class FacetColumn:
    """A column listing an entry's tags of one facet (hidden until chosen in the header menu);
    sorted in SQL by the core's tag column of the same key."""

    key: str  # "tags:<facet key>"
    label_en: str | None
    label_zh: str | None
    visible: bool = False
    nullable: bool = True
    numeric: bool = False

    def header(self) -> str:
        first, second = (self.label_zh, self.label_en) if i18n.current().startswith("zh") else (
            self.label_en, self.label_zh)
        return first or second or self.key


IdRole = Qt.ItemDataRole.UserRole + 1  # the entry id of a row
SortValueRole = Qt.ItemDataRole.UserRole + 2  # the raw value (year as int, ...)

_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SortValueRole, IdRole})
# What QStyledItemDelegate.initStyleOption asks multiData for, in its order (Qt 6).
_DELEGATE_ROLES = (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole,
                   Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.DisplayRole,
                   Qt.ItemDataRole.BackgroundRole)
_DISPLAY = Qt.ItemDataRole.DisplayRole
_DISPLAY_AT = _DELEGATE_ROLES.index(_DISPLAY)
UNREADABLE = "_unreadable"  # a row the database could not read (a damaged page)

BLOCK_SIZE = 128
MAX_CACHED_ROWS = 64 * BLOCK_SIZE
# Above this many entries a search, a tag filter or a sort runs off the GUI thread (matching
# 100,000 papers costs 20-80 ms of CPU, several times that on a loaded machine). Each answer
# that arrives is shown at once, even when later typing is still being answered (the rows
# follow the typing instead of waiting for it to pause); a job that never started because
# later typing replaced it is dropped.
BACKGROUND_SEARCH_ABOVE = 5_000
# A query overtaken by later typing while it has run less than half as long as queries take
# (so the newest would otherwise wait longer for it than it has already run) is given up: it
# stops where it is (SQLite: interrupted) and its rows are never painted, so the newest starts
# at once. Only while the rows have been behind the typing for less than FOLLOW_AFTER_S: rows
# behind for longer (a loaded machine, slow queries) show each answer as it arrives, so they
# follow the typing instead of waiting for it to pause.
FOLLOW_AFTER_S = 0.1
FIRST_MATCH_ESTIMATE_S = 0.05  # how long a query takes, until some were timed
# A table not on screen (the other tab) searches a new filter once the typing has paused this
# long, or at once when it is shown: at 100,000 papers and 10,000 datasets the hidden datasets
# table ran a query of its own on every keystroke, beside the papers table's, on the same cores.
HIDDEN_WAIT_MS = 300


class _Stoppable:
    """A background matching that later typing may give up; the worker notes when it started
    and how long it took (plain attributes: written on the worker, read on the GUI thread)."""

    __slots__ = ("stop", "started", "took", "shown_first", "overtaken")

    def __init__(self):
        self.stop = threading.Event()
        self.started: float | None = None
        self.took: float | None = None
        self.shown_first = False  # its first screenful was handed over (first_rows)
        self.overtaken = False  # later typing came: it stops once its first rows are shown


class CatalogTableModel(QAbstractTableModel):
    """Rows are catalog entries of one kind; columns come from ``core.columns``."""

    queryChanged = Signal()  # after a new search or sort has reset the rows
    queryFailed = Signal(str)  # a search or sort the catalog could not run (a damaged index): why
    searchAnswered = Signal()  # after queryChanged, when a search answered off the GUI thread
    _firstFound = Signal(object, int, object)  # from the worker: query, epoch, its first rows

    def __init__(self, entries: Entries, kind: Kind, parent=None, view=None, trashed: bool = False):
        """``view``: the window's CatalogView to follow (search, tags, this kind's sort);
        ``trashed``: show the trash instead (the view's filter does not apply)."""
        super().__init__(parent)
        self._repo = entries
        self.kind = kind
        self.view = view
        shown = DEFAULT_COLUMNS[kind]
        self.columns: tuple[TableColumn | FacetColumn, ...] = COLUMNS[kind] + tuple(
            FacetColumn(f"{TAG_COLUMN_PREFIX}{key}", en, zh, visible=f"{TAG_COLUMN_PREFIX}{key}" in shown)
            for key, en, zh in entries.facet_labels()
        )
        self._tag_keys = [c.key for c in self.columns if isinstance(c, FacetColumn)]
        self._tagged: set[int] = set()  # cached rows whose tag cells are read
        self._query = Query(trashed=trashed)
        self._ids: list[int] = []
        self._partial = False  # _ids are the first rows of _query's answer, the rest to follow
        self._order: list[int] = []  # all ids in the current sort, before filtering
        self._order_key: tuple | None = None
        # entry id -> its cells (and "_shown": their display texts, filled as painted); kept
        # across searches and sorts, dropped for the entries a change names.
        self._rows: OrderedDict[int, dict[str, Any]] = OrderedDict()
        self._searchable = set(searchable_fields(kind)) | {NOTE}
        self._pending_query: Query | None = None  # being answered in the background
        self._background = None  # ..tasks.LatestOnly, made at the first background search
        self._epoch = 0  # bumped whenever the rows or their order may change
        self._behind_since: float | None = None  # the rows lag a query submitted since then
        self._jobs: list[_Stoppable] = []  # the background matchings that may be given up
        self._match_s = FIRST_MATCH_ESTIMATE_S  # how long a matching takes (a moving average)
        self.shown = lambda: True  # whether the rows are on screen (the view that shows them says)
        self._hidden_wait = QTimer(self, singleShot=True, interval=HIDDEN_WAIT_MS)
        self._hidden_wait.timeout.connect(lambda: self._pending_query is not None and self._submit(self._pending_query))
        self._firstFound.connect(self._show_first)
        if view is not None and not trashed:
            view.filterChanged.connect(self._follow_filter)
            view.sortChanged.connect(self._follow_sort)

    # ---- following the view --------------------------------------------------------------

    def _follow_filter(self) -> None:
        view = self.view
        self.set_filter(view.text, view.tags, view.fulltext, year=view.year, only=view.only(self.kind))

    def _follow_sort(self, kind: Kind, key: str, descending: bool) -> None:
        wanted = self._wanted()
        if kind is not self.kind or (key or None, descending) == (wanted.sort_key, wanted.descending):
            return
        keys = [c.key for c in self.columns]
        if key in keys:
            self.sort(keys.index(key), Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)

    # ---- querying ------------------------------------------------------------------------

    @property
    def query(self) -> Query:
        return self._query

    def set_query(self, query: Query) -> None:
        """Run a new search/filter (and sort, if it changed) and reset the rows."""
        self._cancel_background()
        self._epoch += 1
        self.beginResetModel()
        self._query = query
        self._ids = self._select(query)
        self._partial = False
        self.endResetModel()
        self._behind_since = None
        self.queryChanged.emit()

    def refresh(self) -> None:
        """Re-read the order and the rows, keeping selection and current row on their entries."""
        self._order_key = None
        self._forget_rows()
        self._relayout()

    def _forget_rows(self, ids: Iterable[int] | None = None) -> None:
        """Drop the cached cells of these entries (None: of all)."""
        if ids is None:
            self._rows.clear()
            self._tagged.clear()
            return
        for entry_id in ids:
            self._rows.pop(entry_id, None)
            self._tagged.discard(entry_id)

    def _relayout(self) -> None:
        """Re-read the rows (and the order, when it was dropped) after a change; in a large
        catalog on a worker thread (an import's 10,000 new rows stalled the window 0.75 s)."""
        self._epoch += 1
        if self._in_background(self._wanted()):
            self._submit(self._wanted())
            return
        self.layoutAboutToBeChanged.emit()
        old_ids = self._ids
        self._ids = self._select(self._query)
        self._partial = False
        self._remap_persistent(old_ids)
        self.layoutChanged.emit()

    def apply_changes(self, changes: ChangeSet) -> None:
        """Show what a transaction (here or elsewhere) changed, with the narrowest update."""
        self._epoch += 1  # a search being answered in the background is asked again
        mine = changes.entries(self.kind)
        self._forget_rows(mine)
        if not mine:
            if changes.tags_changed():  # tag labels, colours or the tree: tag cells and filters
                if self._query.tags:
                    self._relayout()
                else:
                    self._drop_tag_cells()
            return
        fields = changes.fields_changed(self.kind)
        sort_key = self._query.sort_key or ("title" if self.kind is Kind.PAPER else "name")
        moves = changes.membership_changed(self.kind) or sort_key in fields or "deleted_at" in fields or (
            sort_key.startswith(TAG_COLUMN_PREFIX) and TAGS in fields)
        refilters = (self._query.text.strip() and fields & self._searchable) or (
            self._query.tags and TAGS in fields) or (self._query.year is not None and "year" in fields)
        if moves:
            self._order_key = None
        if moves or refilters:
            self._relayout()
            return
        for entry_id in mine:
            self.invalidate_entry(entry_id)
        if TAGS in fields or changes.taxonomy_changed():
            self._drop_tag_cells()

    def _drop_tag_cells(self) -> None:
        if self._tagged:
            self._forget_rows(list(self._tagged))
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))

    def _select(self, query: Query) -> list[int]:
        """The ids the query shows; one the catalog cannot run (a damaged search index, a lost
        server) shows what it showed before and says why (:attr:`queryFailed`)."""
        try:
            return self._run_query(query)
        except CatalogError as exc:
            self.queryFailed.emit(str(exc))
            return list(self._ids)

    def _run_query(self, query: Query) -> list[int]:
        order_key = (query.sort_key, query.descending, query.trashed)
        if order_key != self._order_key:
            self._order = self._repo.sorted_ids(self.kind, *order_key)
            self._order_key = order_key
        if query.trashed:
            return self._order
        return self._match(self._repo, self.kind, self._order, query)

    @staticmethod
    def _match(repo, kind: Kind, order: list[int], query: Query, job: _Stoppable | None = None) -> list[int]:
        more = {"stop": job.stop.is_set} if job is not None else {}
        return repo.keep_matching(kind, order, query.text, query.tags, query.fulltext, year=query.year,
                                  only=query.only, **more)

    @classmethod
    def _answer(cls, repo, kind: Kind, query: Query, order_key: tuple, order: list[int] | None,
                job: _Stoppable | None = None, among: list[int] | None = None, show_first=None):
        """What a worker computes for ``query``: its sort's order (read when ``order`` is
        None: a new sort) and the matching ids in it. Plain data only (no model state).
        ``job``: once its ``stop`` is set, the matching gives up (:class:`SearchStopped`).
        ``among``: ids in the order that hold all the matches; the first rows found among them
        go to ``show_first`` before the whole answer is read (:mod:`.first_rows`), which is not
        read at all when they were all read."""
        if order is None:
            order = repo.sorted_ids(kind, *order_key)
        if job is None:
            return order_key, order, cls._match(repo, kind, order, query)
        job.started = time.perf_counter()
        if among is not None and show_first is not None:
            first = first_rows.first_rows(repo, kind, query.text, among, job.stop.is_set)
            if first is not None:
                if first[1]:
                    return order_key, order, first[0]
                show_first(first[0])
                job.shown_first = True  # set before reading overtaken (_submit: the other way)
                if job.overtaken:
                    job.stop.set()
        found = cls._match(repo, kind, order, query, job)
        job.took = time.perf_counter() - job.started
        return order_key, order, found

    def set_search(self, text: str) -> None:
        if text != self._query.text:
            self.set_query(replace(self._query, text=text))

    def set_filter(self, text: str, tags: Mapping[int, Iterable[int]], fulltext: bool | None = None, *,
                   year: int | None = None, only: Iterable[int] | None = None) -> None:
        """Search text, tag filter (facet id -> tag ids), year and id set together, and the
        search's scope (``fulltext``: the attached PDFs' text too; None: unchanged); the sort
        stays. In a large catalog the matching runs on a worker thread; the rows change when it
        answers (:attr:`queryChanged`; :attr:`searchAnswered` once the newest query is
        answered), and a query replaced by later typing before it started never runs."""
        tags = {facet: frozenset(ids) for facet, ids in tags.items() if ids}
        only = frozenset(only) if only is not None else None
        fulltext = self._wanted().fulltext if fulltext is None else fulltext
        query = replace(self._wanted(), text=text, tags=tags, fulltext=fulltext, year=year, only=only)
        if query == self._wanted():
            return
        if self._in_background(query):
            if not self.shown():  # searched when the typing pauses, or when shown
                self._pending_query = query
                self._hidden_wait.start()
                return
            self._submit(query)
        else:
            self.set_query(query)

    def search_now(self) -> None:
        """Search a filter a hidden table was keeping for later (:data:`HIDDEN_WAIT_MS`) now:
        the table is shown, or the typing paused."""
        if self._hidden_wait.isActive() and self._pending_query is not None:
            self._submit(self._pending_query)

    def _wanted(self) -> Query:
        """The query the rows show, or the one being answered in the background."""
        return self._pending_query or self._query

    def searches_in_background(self) -> bool:
        """A new search text, tag filter or sort is answered on a worker thread (a large
        catalog): at most one runs and one waits (the newest), so no debounce is needed."""
        return len(self._order) > BACKGROUND_SEARCH_ABOVE and not self._query.trashed

    def _in_background(self, query: Query) -> bool:
        return self.searches_in_background() and not query.trashed

    def _submit(self, query: Query) -> None:
        self._hidden_wait.stop()  # this query is the newest: the one kept for later is in it
        if self._background is None:
            from ..tasks import LatestOnly

            self._background = LatestOnly(self)
        self._pending_query = query
        now = time.perf_counter()
        if self._behind_since is None:
            self._behind_since = now
        elif now - self._behind_since < FOLLOW_AFTER_S:  # the rows are only just behind
            for running in self._jobs:
                if running.started is None or now - running.started < self._match_s / 2:
                    running.stop.set()  # the newest would wait longer than this has run
        order_key = (query.sort_key, query.descending, query.trashed)
        order = self._order if order_key == self._order_key else None
        among = first_rows.candidates(self._query, self._ids, not self._partial, order, query) if order else None
        for running in self._jobs:
            # A job whose first rows are on screen would only keep the newest waiting for the
            # rest of its answer; one still reading them stops once they are shown (the rows
            # follow the typing).
            running.overtaken = True
            if running.shown_first:
                running.stop.set()
        # A job that reads a new order is never given up (the order is worth keeping).
        job = _Stoppable() if order is not None else None
        if job is not None:
            self._jobs.append(job)
        repo, kind, epoch = self._repo, self.kind, self._epoch
        signal = self._firstFound

        def show_first(ids: list[int]) -> None:  # on the worker
            try:
                signal.emit(query, epoch, ids)
            except RuntimeError:  # the model is gone
                pass

        def done() -> None:
            if job is None:
                return
            if job in self._jobs:
                self._jobs.remove(job)
            if job.took is not None and not job.stop.is_set():
                self._match_s += 0.3 * (job.took - self._match_s)

        self._background.submit(lambda: self._answer(repo, kind, query, order_key, order, job, among, show_first),
                                lambda found: (done(), self._answered(query, epoch, found, job)),
                                lambda exc: (done(), self._search_failed(query, exc)))

    def _cancel_background(self) -> None:
        self._pending_query = None
        self._behind_since = None
        self._hidden_wait.stop()
        for job in self._jobs:
            job.stop.set()
        self._jobs.clear()
        if self._background is not None:
            self._background.cancel()

    def _answered(self, query: Query, epoch: int, found: tuple, job: _Stoppable | None = None) -> None:
        """Show an answer as it arrives: the newest query's, or an earlier one while later
        typing is still being answered (the rows follow the typing), unless it was given up
        (:data:`FOLLOW_AFTER_S`). One read before the rows changed is asked again (the newest)
        or dropped (an earlier one)."""
        newest = query == self._pending_query
        if epoch != self._epoch:  # rows re-read or changed meanwhile: the answer may be stale
            if newest:
                self._submit(query) if self._in_background(query) else self.set_query(query)
            return
        order_key, order, ids = found
        if order_key != self._order_key:
            self._order, self._order_key = order, order_key
        if not newest and job is not None and job.stop.is_set():
            return  # given up (it finished all the same): the newest is on its way
        if newest:
            self._pending_query = None
            self._behind_since = None
        else:
            self._behind_since = time.perf_counter()  # the newest is still to come
        if query == self._query and ids == self._ids:  # nothing to show that is not shown
            self._partial = False
            if newest:
                self.searchAnswered.emit()
            return
        if self._partial and query == self._query and ids[: len(self._ids)] == self._ids:
            # the first rows are on screen: the rest follow them (the scroll bar grows)
            self.beginInsertRows(QModelIndex(), len(self._ids), len(ids) - 1)
            self._ids, self._partial = ids, False
            self.endInsertRows()
        elif _same_filter(query, self._query):
            # a new sort, or the same query re-read after a change: the selection and the
            # current row stay on their entries
            self.layoutAboutToBeChanged.emit()
            old_ids = self._ids
            self._query, self._ids, self._partial = query, ids, False
            self._remap_persistent(old_ids)
            self.layoutChanged.emit()
        else:
            self.beginResetModel()
            self._query, self._ids, self._partial = query, ids, False
            self.endResetModel()
        self.queryChanged.emit()
        if newest:
            self.searchAnswered.emit()

    def _show_first(self, query: Query, epoch: int, ids: list[int]) -> None:
        """The first rows of a query, found before its whole answer (which follows and appends
        the rest, :meth:`_answered`); an earlier query's too while later typing is answered
        (the worker answers in the order of the typing, so they are never older than the
        rows shown)."""
        if epoch != self._epoch or self._pending_query is None:
            return
        if query != self._pending_query:
            self._behind_since = time.perf_counter()  # an earlier query's: the newest is to come
        self.beginResetModel()
        self._query, self._ids, self._partial = query, ids, True
        self.endResetModel()
        self.queryChanged.emit()

    def partial(self) -> bool:
        """The rows are the first of the search's answer; the rest (and the count) follow."""
        return self._partial

    def _search_failed(self, query: Query, exc: Exception) -> None:
        if query != self._pending_query or isinstance(exc, SearchStopped):
            return  # the newest query is still on its way (an overtaken one was given up)
        self._pending_query = None
        if isinstance(exc, CatalogError):
            self.queryFailed.emit(str(exc))
            return
        raise exc

    def searching(self) -> bool:
        """A search is being answered in the background."""
        return self._pending_query is not None

    def is_filtered(self) -> bool:
        return self._query.filters()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column; in a large catalog the order is read on a worker thread and the
        rows follow when it answers (the selection stays on its entries)."""
        if not 0 <= column < len(self.columns):
            return
        wanted = self._wanted()  # typed while a search was answered: sorted with the new text
        query = replace(
            wanted,
            sort_key=self.columns[column].key,
            descending=order == Qt.SortOrder.DescendingOrder,
        )
        if query != wanted:
            if self._in_background(query):
                self._submit(query)
            else:
                self._cancel_background()
                self._epoch += 1
                self.layoutAboutToBeChanged.emit()
                old_ids = self._ids
                self._query = query
                self._ids = self._select(query)
                self._partial = False
                self._remap_persistent(old_ids)
                self.layoutChanged.emit()
        if self.view is not None and not query.trashed:
            self.view.set_sort(self.kind, query.sort_key, query.descending)

    def _remap_persistent(self, old_ids: list[int]) -> None:
        """Keep the selection and current row on the same entries after a re-sort."""
        persistent = self.persistentIndexList()
        if not persistent:
            return
        kept = {old_ids[i.row()] for i in persistent if i.row() < len(old_ids)}
        if len(kept) <= 16:  # the usual case (the current row): a few scans at C speed
            row_of = {}
            for entry_id in kept:
                try:
                    row_of[entry_id] = self._ids.index(entry_id)
                except ValueError:
                    pass
        else:
            row_of = {entry_id: row for row, entry_id in enumerate(self._ids)}
        new = []
        for index in persistent:
            row = row_of.get(old_ids[index.row()]) if index.row() < len(old_ids) else None
            new.append(self.index(row, index.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(persistent, new)

    # ---- ids and rows --------------------------------------------------------------------

    def entry_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, entry_id: int) -> int | None:
        try:
            return self._ids.index(entry_id)
        except ValueError:
            return None

    def ids(self) -> list[int]:
        return list(self._ids)

    def invalidate_entry(self, entry_id: int) -> None:
        """An entry changed: drop its cached cells and repaint its row only."""
        self._forget_rows([entry_id])
        row = self.row_of(entry_id)
        if row is None:
            return
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def _row_values(self, row: int, with_tags: bool = False) -> dict[str, Any] | None:
        """The cells of ``row``; a row not cached is read with the other uncached rows of its
        block. The tag columns' cells are read only when one of them is shown (they are
        hidden by default)."""
        entry_id = self._ids[row]
        values = self._rows.get(entry_id)
        if values is None:
            start = row - row % BLOCK_SIZE
            missing = [i for i in self._ids[start : start + BLOCK_SIZE] if i not in self._rows]
            self._rows.update(self._repo.fetch_rows(self.kind, missing))
            while len(self._rows) > MAX_CACHED_ROWS:
                evicted, _ = self._rows.popitem(last=False)
                self._tagged.discard(evicted)
            values = self._rows.get(entry_id)
            if values is None:
                return None
        else:
            self._rows.move_to_end(entry_id)
        if with_tags and entry_id not in self._tagged:
            start = row - row % BLOCK_SIZE
            ids = [i for i in self._ids[start : start + BLOCK_SIZE] if i in self._rows and i not in self._tagged]
            labels = self._repo.tag_labels(self.kind, ids)
            for other in ids:
                cells = self._rows[other]
                cells.update(dict.fromkeys(self._tag_keys), **labels.get(other, {}))
                cells.pop("_shown", None)
                self._tagged.add(other)
        return values

    # ---- QAbstractTableModel -------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks for some ten roles per painted cell; the role test comes first (painting
        # a screen of rows calls this about 3,500 times).
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == IdRole:
            return self._ids[index.row()]
        column = self.columns[index.column()]
        try:
            values = self._row_values(index.row(), with_tags=isinstance(column, FacetColumn))
        except Exception:  # noqa: BLE001 (an exception escaping data() would abort Qt)
            logging.getLogger(__name__).exception("reading row %d failed", index.row())
            return None
        if values is None:
            return None
        if values.get(UNREADABLE):
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return QCoreApplication.translate("CatalogTableModel", "(unreadable entry %1)").replace(
                    "%1", str(self._ids[index.row()]))
            return None
        value = values.get(column.key)
        if role == SortValueRole:
            return value
        shown = values.get("_shown")
        if shown is None:
            shown = values["_shown"] = {}
        text = shown.get(column.key, _display)
        if text is _display:
            text = shown[column.key] = _display(column.key, value)
        return text

    def multiData(self, index: QModelIndex, span) -> None:  # noqa: N802 (Qt override)
        """All the roles a view asks for at once: the item delegate asks for seven per painted
        cell, of which the model has only the text; that one is found by its place in the
        delegate's fixed list (reading each role's wrapper cost as much as seven data() calls).
        Roles the model has no data for are left empty."""
        if len(span) == len(_DELEGATE_ROLES):
            display = span[_DISPLAY_AT]
            if display.role() == _DISPLAY:
                display.setData(self.data(index, _DISPLAY))
                return
        data = self.data
        for role_data in span:
            role = role_data.role()
            if role in _ROLES:
                role_data.setData(data(index, role))
            else:
                role_data.clearData()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                col = self.columns[section]
                if isinstance(col, FacetColumn):
                    return col.header()
                return QCoreApplication.translate(FIELDS_CONTEXT, col.label)
        return super().headerData(section, orientation, role)


def _same_filter(a: Query, b: Query) -> bool:
    """The same rows, in whatever order."""
    return replace(a, sort_key=None, descending=False) == replace(b, sort_key=None, descending=False)


def _display(key: str, value: Any) -> str | None:
    """A cell's text; direction controls are shown visibly (a title cannot be disguised)."""
    if value is None:
        return None
    if isinstance(value, list):
        return visible("; ".join(str(v) for v in value))
    text = str(value)
    if key.endswith("_url"):
        return visible(text.split("://", 1)[-1].removeprefix("www."))
    if key.endswith("_at"):
        return text[:16]  # "YYYY-MM-DD HH:MM"
    return visible(text)
