"""One object the UI and the CLI talk to about the taxonomy: reads, and edits as undoable
commands of the one write path.

Each edit is carried out at once and returns its :class:`~..store.undo.Command`
(``command.result`` holds what it produced: a new id, a :class:`DeleteImpact`, a count of
changed assignments); ``on_command`` (the window's undo stack) receives it too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from ..fields import Kind
from ..store.store import Store
from ..store.undo import Command
from . import edits, views
from .edits import DeleteImpact, FacetRef
from .labels import Completion, LabelIndex
from .sql import TagFilter
from .tree import EntryTag, FacetNode, TagCounts, entry_tags, load_counts, load_tree


class Taxonomy:
    def __init__(self, store: Store, on_command: Callable[[Command], None] | None = None):
        self.store = store
        self.on_command = on_command

    def _done(self, command: Command) -> Command:
        if self.on_command is not None:
            self.on_command(command)
        return command

    # ---- reading -----------------------------------------------------------------------------

    def tree(self, counts: bool = True) -> list[FacetNode]:
        with self.store.read() as conn:
            return load_tree(conn, counts)

    def counts(self) -> TagCounts:
        """Tag id -> (live papers, live datasets), each tag counting its descendants."""
        with self.store.read() as conn:
            return load_counts(conn)

    def entry_tags(self, kind: Kind, entry_ids: Sequence[int]) -> dict[int, list[EntryTag]]:
        with self.store.read() as conn:
            return entry_tags(conn, kind, entry_ids)

    def _index(self) -> LabelIndex:
        with self.store.read() as conn:
            return LabelIndex.load(conn)

    def _facet_id(self, index: LabelIndex, facet: FacetRef | None) -> int | None:
        if facet is None or isinstance(facet, int):
            return facet
        found = index.facet_id(facet)
        if found is None:
            raise edits.TaxonomyError("missing", f"There is no facet {facet!r}.")
        return found

    def resolve(self, text: str, facet: FacetRef | None = None) -> list[int]:
        """Tags named ``text`` (English, Chinese or a synonym; case and dashes ignored), at most
        one per facet, in facet order."""
        index = self._index()
        return index.resolve(text, self._facet_id(index, facet))

    def complete(self, prefix: str, facet: FacetRef | None = None, limit: int = 20) -> list[Completion]:
        index = self._index()
        return index.complete(prefix, self._facet_id(index, facet), limit)

    def delete_impact(self, tag_id: int) -> DeleteImpact:
        with self.store.read() as conn:
            return edits.delete_impact(conn, tag_id)

    def facet_delete_impact(self, facet: FacetRef) -> DeleteImpact:
        with self.store.read() as conn:
            return edits.facet_delete_impact(conn, facet)

    # ---- editing (each returns its command, already carried out) ---------------------------

    def create_facet(self, key: str, label_en: str | None, label_zh: str | None = None) -> Command:
        return self._done(edits.create_facet(self.store, key, label_en, label_zh))

    def rename_facet(self, facet: FacetRef, label: str | None, lang: str = "en") -> Command:
        return self._done(edits.rename_facet(self.store, facet, label, lang))

    def delete_facet(self, facet: FacetRef) -> Command:
        return self._done(edits.delete_facet(self.store, facet))

    def create_tag(self, facet: FacetRef, label_en: str | None, label_zh: str | None = None,
                   parent_id: int | None = None, color: str | None = None) -> Command:
        return self._done(edits.create_tag(self.store, facet, label_en, label_zh, parent_id, color))

    def rename_tag(self, tag_id: int, label: str | None, lang: str = "en") -> Command:
        return self._done(edits.rename_tag(self.store, tag_id, label, lang))

    def recolour_tag(self, tag_id: int, color: str | None) -> Command:
        return self._done(edits.recolour_tag(self.store, tag_id, color))

    def move_tag(self, tag_id: int, parent_id: int | None, position: int | None = None) -> Command:
        return self._done(edits.move_tag(self.store, tag_id, parent_id, position))

    def merge_tags(self, source_id: int, target_id: int) -> Command:
        return self._done(edits.merge_tags(self.store, source_id, target_id))

    def delete_tag(self, tag_id: int) -> Command:
        return self._done(edits.delete_tag(self.store, tag_id))

    def add_synonym(self, tag_id: int, text: str) -> Command:
        return self._done(edits.add_synonym(self.store, tag_id, text))

    def remove_synonym(self, tag_id: int, text: str) -> Command:
        return self._done(edits.remove_synonym(self.store, tag_id, text))

    def assign(self, kind: Kind, entry_ids: Iterable[int], tag_ids: Iterable[int]) -> Command:
        """Tag many entries at once (one transaction, one undo step)."""
        return self._done(edits.assign(self.store, kind, entry_ids, tag_ids))

    def unassign(self, kind: Kind, entry_ids: Iterable[int], tag_ids: Iterable[int]) -> Command:
        return self._done(edits.assign(self.store, kind, entry_ids, tag_ids, remove=True))

    def set_facet_tags(self, kind: Kind, entry_ids: Iterable[int], facet: FacetRef,
                       tag_ids: Iterable[int]) -> Command:
        """The entries' tags in ``facet`` become exactly ``tag_ids`` (one undo step)."""
        return self._done(edits.set_facet_tags(self.store, kind, entry_ids, facet, tag_ids))

    # ---- saved views ---------------------------------------------------------------------------

    def views(self) -> list[views.SavedViewInfo]:
        return views.list_views(self.store)

    def create_view(self, name: str, text: str = "", tags: TagFilter | None = None) -> int:
        return views.create_view(self.store, name, text, tags)

    def rename_view(self, view_id: int, name: str) -> None:
        views.rename_view(self.store, view_id, name)

    def update_view(self, view_id: int, text: str, tags: TagFilter) -> None:
        views.update_view(self.store, view_id, text, tags)

    def delete_view(self, view_id: int) -> None:
        views.delete_view(self.store, view_id)
