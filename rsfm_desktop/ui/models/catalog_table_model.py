"""The papers and datasets tables: a model over a sorted list of ids.

The database does the searching and sorting; the model keeps only ids and fetches the cells of a
block of rows the first time the view asks for one of them, caching a bounded number of blocks.
100,000 entries cost 100,000 integers.

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
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal

from .. import language as i18n
from ...core.columns import COLUMNS, DEFAULT_COLUMNS, TableColumn
from ...core.display_text import visible
from ...core.entries import Entries, Query
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
UNREADABLE = "_unreadable"  # a row the database could not read (a damaged page)

BLOCK_SIZE = 128
MAX_CACHED_BLOCKS = 64
# Above this many entries, and once matching was measured slower than SLOW_MATCH_S (the window
# would stall), a search or tag filter runs off the GUI thread; an answer outdated by later
# typing is dropped. Matching that keeps up stays on the GUI thread: at 100,000 papers on a
# loaded 2-core machine the worker (sharing Python's lock) put rows on screen later (p95 590-730
# ms at a key per 150 ms, against 220-245 ms), for stalls only somewhat shorter.
BACKGROUND_SEARCH_ABOVE = 5_000
SLOW_MATCH_S = 0.15


class CatalogTableModel(QAbstractTableModel):
    """Rows are catalog entries of one kind; columns come from ``core.columns``."""

    queryChanged = Signal()  # after a new search or sort has reset the rows
    queryFailed = Signal(str)  # a search or sort the catalog could not run (a damaged index): why
    searchAnswered = Signal()  # after queryChanged, when a search answered off the GUI thread

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
        self._tagged_blocks: set[int] = set()  # cached blocks whose tag cells are read
        self._query = Query(trashed=trashed)
        self._ids: list[int] = []
        self._order: list[int] = []  # all ids in the current sort, before filtering
        self._order_key: tuple | None = None
        self._blocks: OrderedDict[int, dict[int, dict[str, Any]]] = OrderedDict()
        self._searchable = set(searchable_fields(kind)) | {NOTE}
        self._pending_query: Query | None = None  # being answered in the background
        self._background = None  # ..tasks.LatestOnly, made at the first background search
        self._match_s = 0.0  # how long the last search or tag filter took to match
        self._epoch = 0  # bumped whenever the rows or their order may change
        if view is not None and not trashed:
            view.filterChanged.connect(self._follow_filter)
            view.sortChanged.connect(self._follow_sort)

    # ---- following the view --------------------------------------------------------------

    def _follow_filter(self) -> None:
        view = self.view
        self.set_filter(view.text, view.tags, view.fulltext, year=view.year, only=view.only(self.kind))

    def _follow_sort(self, kind: Kind, key: str, descending: bool) -> None:
        if kind is not self.kind or (key or None, descending) == (self._query.sort_key, self._query.descending):
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
        self._blocks.clear()
        self.endResetModel()
        self.queryChanged.emit()

    def refresh(self) -> None:
        """Re-read the order and the rows, keeping selection and current row on their entries."""
        self._order_key = None
        self._relayout()

    def _relayout(self) -> None:
        self._epoch += 1
        self.layoutAboutToBeChanged.emit()
        old_ids = self._ids
        self._ids = self._select(self._query)
        self._blocks.clear()
        self._tagged_blocks.clear()
        self._remap_persistent(old_ids)
        self.layoutChanged.emit()

    def apply_changes(self, changes: ChangeSet) -> None:
        """Show what a transaction (here or elsewhere) changed, with the narrowest update."""
        self._epoch += 1  # a search being answered in the background is asked again
        mine = changes.entries(self.kind)
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
        if self._tagged_blocks:
            for block_no in list(self._tagged_blocks):
                self._blocks.pop(block_no, None)
            self._tagged_blocks.clear()
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
        return self._timed_match(self._repo, self.kind, self._order, query)

    def _timed_match(self, repo, kind: Kind, order: list[int], query: Query) -> list[int]:
        """The matching ids, the time it took kept (it decides where the next search runs)."""
        started = time.perf_counter()
        found = repo.keep_matching(kind, order, query.text, query.tags, query.fulltext, year=query.year,
                                   only=query.only)
        if query.text or query.tags:
            self._match_s = time.perf_counter() - started
        return found

    def set_search(self, text: str) -> None:
        if text != self._query.text:
            self.set_query(replace(self._query, text=text))

    def set_filter(self, text: str, tags: Mapping[int, Iterable[int]], fulltext: bool | None = None, *,
                   year: int | None = None, only: Iterable[int] | None = None) -> None:
        """Search text, tag filter (facet id -> tag ids), year and id set together, and the
        search's scope (``fulltext``: the attached PDFs' text too; None: unchanged); the sort
        stays. In a large catalog the matching runs on a worker thread; the rows change when it
        answers (:attr:`queryChanged`, then :attr:`searchAnswered`), and an answer outdated by
        later typing is dropped."""
        tags = {facet: frozenset(ids) for facet, ids in tags.items() if ids}
        only = frozenset(only) if only is not None else None
        fulltext = self._wanted().fulltext if fulltext is None else fulltext
        query = replace(self._query, text=text, tags=tags, fulltext=fulltext, year=year, only=only)
        if query == self._wanted():
            return
        if self._in_background(query):
            self._submit(query)
        else:
            self.set_query(query)

    def _wanted(self) -> Query:
        """The query the rows show, or the one being answered in the background."""
        return self._pending_query or self._query

    def searches_in_background(self) -> bool:
        """A new search text or tag filter is matched on a worker thread (a large catalog):
        the newest is answered, those typed while one runs are dropped, so no debounce is needed."""
        return (len(self._order) > BACKGROUND_SEARCH_ABOVE and self._match_s >= SLOW_MATCH_S
                and not self._query.trashed)

    def _in_background(self, query: Query) -> bool:
        """A large catalog's filter over the order already read (a new sort is read at once)."""
        order_key = (query.sort_key, query.descending, query.trashed)
        return self.searches_in_background() and order_key == self._order_key

    def _submit(self, query: Query) -> None:
        if self._background is None:
            from ..tasks import LatestOnly

            self._background = LatestOnly(self)
        self._pending_query = query
        order, repo, kind, epoch = self._order, self._repo, self.kind, self._epoch
        self._background.submit(lambda: self._timed_match(repo, kind, order, query),
                                lambda ids: self._answered(query, epoch, ids),
                                lambda exc: self._search_failed(query, exc))

    def _cancel_background(self) -> None:
        self._pending_query = None
        if self._background is not None:
            self._background.cancel()

    def _answered(self, query: Query, epoch: int, ids: list[int]) -> None:
        """Only the newest search's answer is shown (one reset and paint per pause in the
        typing, none per key); one read before the rows changed is asked again."""
        if query != self._pending_query:
            return  # overtaken by later typing
        if epoch != self._epoch:  # rows re-read or changed meanwhile: the answer may be stale
            if self._in_background(query):
                self._submit(query)
            else:
                self.set_query(query)
            return
        self._pending_query = None
        self.beginResetModel()
        self._query = query
        self._ids = ids
        self._blocks.clear()
        self.endResetModel()
        self.queryChanged.emit()
        self.searchAnswered.emit()

    def _search_failed(self, query: Query, exc: Exception) -> None:
        if query != self._pending_query:
            return
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
        if not 0 <= column < len(self.columns):
            return
        wanted = self._wanted()  # typed while a search was answered: sorted with the new text
        self._cancel_background()
        self._epoch += 1
        self.layoutAboutToBeChanged.emit()
        query = replace(
            wanted,
            sort_key=self.columns[column].key,
            descending=order == Qt.SortOrder.DescendingOrder,
        )
        old_ids = self._ids
        self._query = query
        self._ids = self._select(query)
        self._blocks.clear()
        self._tagged_blocks.clear()
        self._remap_persistent(old_ids)
        self.layoutChanged.emit()
        if self.view is not None and not query.trashed:
            self.view.set_sort(self.kind, query.sort_key, query.descending)

    def _remap_persistent(self, old_ids: list[int]) -> None:
        """Keep the selection and current row on the same entries after a re-sort."""
        persistent = self.persistentIndexList()
        if not persistent:
            return
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
        row = self.row_of(entry_id)
        if row is None:
            return
        self._blocks.pop(row // BLOCK_SIZE, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def _row_values(self, row: int, with_tags: bool = False) -> dict[str, Any] | None:
        """The cells of ``row``, read with the rest of its block; the tag columns' cells are
        read for a block only when one of them is shown (they are hidden by default)."""
        block_no = row // BLOCK_SIZE
        block = self._blocks.get(block_no)
        ids = self._ids[block_no * BLOCK_SIZE : (block_no + 1) * BLOCK_SIZE]
        if block is None:
            block = self._repo.fetch_rows(self.kind, ids)
            self._blocks[block_no] = block
            self._tagged_blocks.discard(block_no)
            if len(self._blocks) > MAX_CACHED_BLOCKS:
                evicted, _ = self._blocks.popitem(last=False)
                self._tagged_blocks.discard(evicted)
        else:
            self._blocks.move_to_end(block_no)
        if with_tags and block_no not in self._tagged_blocks:
            labels = self._repo.tag_labels(self.kind, ids)
            for entry_id, values in block.items():
                values.update(dict.fromkeys(self._tag_keys), **labels.get(entry_id, {}))
            self._tagged_blocks.add(block_no)
        return block.get(self._ids[row])

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
        return _display(column.key, value)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                col = self.columns[section]
                if isinstance(col, FacetColumn):
                    return col.header()
                return QCoreApplication.translate(FIELDS_CONTEXT, col.label)
        return super().headerData(section, orientation, role)


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
