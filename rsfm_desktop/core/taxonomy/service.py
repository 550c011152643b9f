"""One object the UI and the CLI talk to: reads, and edits run as undoable commands.

Every edit goes through ``run`` (default: carry the command out now). Pass
``UndoStack().push`` to keep a plain-Python history, or the window's
``lambda cmd: undo_stack.run(cmd, cmd.label)`` so Ctrl+Z undoes taxonomy edits too. Each edit
returns its command; ``command.result`` holds what it produced (a new id, a
:class:`DeleteImpact`, a count of changed assignments).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from sqlalchemy.engine import Engine

from ..fields import Kind
from . import edits, views
from .edits import DeleteImpact, FacetRef
from .labels import Completion, LabelIndex
from .sql import TagFilter
from .tree import EntryTag, FacetNode, TagCounts, entry_tags, load_counts, load_tree
from .undo import Assignment, TaxonomyCommand

Runner = Callable[[TaxonomyCommand], TaxonomyCommand | None]


def _run_now(command: TaxonomyCommand) -> TaxonomyCommand:
    command.redo()
    return command


class Taxonomy:
    def __init__(self, engine: Engine, run: Runner | None = None):
        self.engine = engine
        self._run = run or _run_now

    def run(self, command: TaxonomyCommand) -> TaxonomyCommand:
        self._run(command)
        return command

    # ---- reading -----------------------------------------------------------------------------

    def tree(self, counts: bool = True) -> list[FacetNode]:
        with self.engine.connect() as conn:
            return load_tree(conn, counts)

    def counts(self) -> TagCounts:
        """Tag id -> (live papers, live datasets), each tag counting its descendants."""
        with self.engine.connect() as conn:
            return load_counts(conn)

    def entry_tags(self, kind: Kind, entry_ids: Sequence[int]) -> dict[int, list[EntryTag]]:
        with self.engine.connect() as conn:
            return entry_tags(conn, kind, entry_ids)

    def _index(self) -> LabelIndex:
        with self.engine.connect() as conn:
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
        with self.engine.connect() as conn:
            return edits.delete_impact(conn, tag_id)

    # ---- editing (each returns its command, already carried out) ---------------------------

    def create_facet(self, key: str, label_en: str | None, label_zh: str | None = None):
        return self.run(edits.create_facet(self.engine, key, label_en, label_zh))

    def rename_facet(self, facet: FacetRef, label: str | None, lang: str = "en"):
        return self.run(edits.rename_facet(self.engine, facet, label, lang))

    def delete_facet(self, facet: FacetRef):
        return self.run(edits.delete_facet(self.engine, facet))

    def create_tag(self, facet: FacetRef, label_en: str | None, label_zh: str | None = None,
                   parent_id: int | None = None, color: str | None = None):
        return self.run(edits.create_tag(self.engine, facet, label_en, label_zh, parent_id, color))

    def rename_tag(self, tag_id: int, label: str | None, lang: str = "en"):
        return self.run(edits.rename_tag(self.engine, tag_id, label, lang))

    def recolour_tag(self, tag_id: int, color: str | None):
        return self.run(edits.recolour_tag(self.engine, tag_id, color))

    def move_tag(self, tag_id: int, parent_id: int | None, position: int | None = None):
        return self.run(edits.move_tag(self.engine, tag_id, parent_id, position))

    def merge_tags(self, source_id: int, target_id: int):
        return self.run(edits.merge_tags(self.engine, source_id, target_id))

    def delete_tag(self, tag_id: int):
        return self.run(edits.delete_tag(self.engine, tag_id))

    def add_synonym(self, tag_id: int, text: str):
        return self.run(edits.add_synonym(self.engine, tag_id, text))

    def remove_synonym(self, tag_id: int, text: str):
        return self.run(edits.remove_synonym(self.engine, tag_id, text))

    def assign(self, kind: Kind, entry_ids: Iterable[int], tag_ids: Iterable[int]):
        """Tag many entries at once (one transaction, one undo step)."""
        return self.run(Assignment(self.engine, kind, entry_ids, tag_ids))

    def unassign(self, kind: Kind, entry_ids: Iterable[int], tag_ids: Iterable[int]):
        return self.run(Assignment(self.engine, kind, entry_ids, tag_ids, remove=True))

    # ---- saved views ---------------------------------------------------------------------------

    def views(self) -> list[views.SavedViewInfo]:
        return views.list_views(self.engine)

    def create_view(self, name: str, text: str = "", tags: TagFilter | None = None) -> int:
        return views.create_view(self.engine, name, text, tags)

    def rename_view(self, view_id: int, name: str) -> None:
        views.rename_view(self.engine, view_id, name)

    def update_view(self, view_id: int, text: str, tags: TagFilter) -> None:
        views.update_view(self.engine, view_id, text, tags)

    def delete_view(self, view_id: int) -> None:
        views.delete_view(self.engine, view_id)
