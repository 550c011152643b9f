"""The current query of the window in one object: the search text, the tag filter and each
table's sort. The search box, the tag sidebar, both table models (and anything else showing
"the current view") observe it instead of keeping copies of their own in step."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QObject, Signal

from ..core.fields import Kind


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

    def is_filtered(self) -> bool:
        return bool(self._text.strip() or self._tags)

    # ---- changing ----------------------------------------------------------------------------

    def set_filter(self, text: str | None = None, tags: Mapping[int, Iterable[int]] | None = None) -> None:
        """Change the search text, the tag filter, or both at once (one re-query)."""
        new_text = self._text if text is None else text
        new_tags = self._tags if tags is None else _clean(tags)
        if (new_text, new_tags) != (self._text, self._tags):
            self.filterAboutToChange.emit()
            self._text, self._tags = new_text, new_tags
            self.filterChanged.emit()

    def set_text(self, text: str) -> None:
        self.set_filter(text=text)

    def set_tags(self, tags: Mapping[int, Iterable[int]]) -> None:
        self.set_filter(tags=tags)

    def clear(self) -> None:
        self.set_filter("", {})

    def set_sort(self, kind: Kind, key: str | None, descending: bool) -> None:
        if self._sort[kind] != (key, descending):
            self._sort[kind] = (key, descending)
            self.sortChanged.emit(kind, key or "", descending)
