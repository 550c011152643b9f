"""Writing imported tags: find a facet's tag by its English or Chinese label (or a synonym),
create what is missing, and rebuild an exported taxonomy (tree, colours, positions, synonyms).

Works in the import's write transaction (:class:`~..store.writes.Tx`).
"""

from __future__ import annotations

from ..store import sql
from ..store.writes import Tx
from ..taxonomy.labels import LabelIndex, insert_synonym
from ..taxonomy.seed_tags import facet_for, tag_for
from .record import TaxonomyTag


class TagWriter:
    def __init__(self, tx: Tx):
        self.tx = tx
        self.index = LabelIndex.load(tx.conn)
        # (facet key, label) -> tag id: a file names the same few tags on every entry, and
        # finding one (folding the label, looking up synonyms) cost a second per 100,000.
        self._tag_ids: dict[tuple[str, str], int] = {}

    def facet_id(self, key: str, label_en: str | None = None, label_zh: str | None = None,
                 position: int | None = None) -> int:
        return facet_for(self.tx, self.index, key, label_en, label_zh, position)

    def tag_id(self, facet_key: str, label: str) -> int:
        """The tag labelled ``label`` in the facet (created at the facet's root if missing)."""
        found = self._tag_ids.get((facet_key, label))
        if found is None:
            found = self._tag_ids[(facet_key, label)] = tag_for(self.tx, self.index, self.facet_id(facet_key), label)
        return found

    def import_taxonomy(self, facets: list[dict], tags: list[TaxonomyTag]) -> dict[str, int]:
        """Create the exported facets and tags this catalog lacks; return export ref -> tag id.

        A tag is the same as an existing one when facet, parent and a label agree.
        """
        for facet in facets:
            self.facet_id(str(facet["key"]), facet.get("label_en"), facet.get("label_zh"), facet.get("position"))
        refs: dict[str, int] = {}
        pending = list(tags)
        while pending:
            ready = [t for t in pending if t.parent is None or t.parent in refs]
            if not ready:  # a parent outside the list or a cycle: attach to the root
                ready = pending[:1]
                ready[0].parent = None
            for tag in ready:
                refs[tag.ref] = self._taxonomy_tag(tag, refs.get(tag.parent) if tag.parent else None)
                pending.remove(tag)
        return refs

    def _taxonomy_tag(self, tag: TaxonomyTag, parent_id: int | None) -> int:
        facet_id = self.facet_id(tag.facet)
        existing = sql.first(
            self.tx.conn,
            "SELECT id FROM tag WHERE facet_id = :f AND parent_id IS NOT DISTINCT FROM :p"
            " AND deleted_at IS NULL AND (label_en = :en OR label_zh = :zh)",
            {"f": facet_id, "p": parent_id, "en": tag.label_en, "zh": tag.label_zh},
        )
        if existing is not None:
            return existing[0]
        tag_id = self.tx.insert_row("tag", {
            "facet_id": facet_id, "parent_id": parent_id, "label_en": tag.label_en,
            "label_zh": tag.label_zh, "color": tag.color, "position": tag.position,
        })
        self.index.add(facet_id, tag_id, tag.label_en, tag.label_zh)
        for text in tag.synonyms:
            insert_synonym(self.tx, tag_id, text)
        return tag_id
