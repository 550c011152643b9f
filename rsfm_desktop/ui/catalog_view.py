"""The current query of the window in one object: the search text, the tag filter, a year, an
id set per kind (a list opened from the statistics) and each table's sort. The search box, the
tag sidebar, both table models and the statistics observe it instead of keeping copies of
their own in step."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QObject, Signal

from ..core.entries import Query
from ..core.fields import Kind

_KEEP = object()  # set_filter(): leave this part of the filter as it is


def _clean(tags: Mapping[int, Iterable[int]]) -> dict[int, frozenset[int]]:
    return {int(facet): frozenset(ids) for facet, ids in tags.items() if ids}


class CatalogView(QObject):
    # The search text and/or the tag filter is about to change / changed (the sorts stay).
    filterAboutToChange = Signal()
    filterChanged = Signal()
    # A table's sort changed: kind, column key, descending.
    sortChanged = Signal(object, str, bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._text = ""
        self._tags: dict[int, frozenset[int]] = {}
        self._year: int | None = None  # entries.NO_YEAR: those without a year
        self._only: dict[Kind, tuple[frozenset[int], str]] = {}  # kind -> (ids, what they are)
        self._fulltext = False  # the search scope: also the text of attached PDFs
        self._sort: dict[Kind, tuple[str | None, bool]] = {k: (None, False) for k in Kind}

    # ---- reading -----------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self._text

    @property
    def tags(self) -> dict[int, frozenset[int]]:
        return dict(self._tags)

    @property
    def year(self) -> int | None:
        return self._year

    def only(self, kind: Kind) -> frozenset[int] | None:
        """The entries of ``kind`` the view is narrowed to (None: no such list)."""
        found = self._only.get(kind)
        return found[0] if found else None

    def only_label(self, kind: Kind) -> str:
        found = self._only.get(kind)
        return found[1] if found else ""

    @property
    def fulltext(self) -> bool:
        return self._fulltext

    def set_fulltext(self, on: bool) -> None:
        """Search the fields only, or the attached PDFs' text too."""
        if bool(on) != self._fulltext:
            self.filterAboutToChange.emit()
            self._fulltext = bool(on)
            self.filterChanged.emit()

    def sort(self, kind: Kind) -> tuple[str | None, bool]:
        return self._sort[kind]

    def query(self, kind: Kind) -> Query:
        """What the table of ``kind`` shows, as a core query."""
        key, descending = self._sort[kind]
        return Query(self._text, key, descending, tags=dict(self._tags), year=self._year, only=self.only(kind),
                     fulltext=self._fulltext)

    def is_filtered(self) -> bool:
        return bool(self._text.strip() or self._tags or self._year is not None or self._only)

    # ---- changing ----------------------------------------------------------------------------

    def set_filter(self, text: str | None = None, tags: Mapping[int, Iterable[int]] | None = None,
                   year=_KEEP, only=_KEEP) -> None:
        """Change the search text, the tag filter, the year (None: any) and the id lists
        (``{kind: (ids, label)}``), any of them at once (one re-query)."""
        new_text = self._text if text is None else text
        new_tags = self._tags if tags is None else _clean(tags)
        new_year = self._year if year is _KEEP else year
        new_only = self._only if only is _KEEP else {
            k: (frozenset(ids), label) for k, (ids, label) in only.items()}
        if (new_text, new_tags, new_year, new_only) != (self._text, self._tags, self._year, self._only):
            self.filterAboutToChange.emit()
            self._text, self._tags, self._year, self._only = new_text, new_tags, new_year, new_only
            self.filterChanged.emit()

    def set_text(self, text: str) -> None:
        self.set_filter(text=text)

    def set_tags(self, tags: Mapping[int, Iterable[int]]) -> None:
        self.set_filter(tags=tags)

    def set_year(self, year: int | None) -> None:
        self.set_filter(year=year)

    def set_only(self, kind: Kind, ids: Iterable[int] | None, label: str = "") -> None:
        """Narrow the table of ``kind`` to these entries (None: no longer)."""
        only = {k: v for k, v in self._only.items() if k is not kind}
        if ids is not None:
            only[kind] = (frozenset(ids), label)
        self.set_filter(only=only)

    def clear(self) -> None:
        self.set_filter("", {}, year=None, only={})

    def set_sort(self, kind: Kind, key: str | None, descending: bool) -> None:
        if self._sort[kind] != (key, descending):
            self._sort[kind] = (key, descending)
            self.sortChanged.emit(kind, key or "", descending)
