"""Writing imported tags: find a facet's tag by its English or Chinese label (or a synonym),
create what is missing, and rebuild an exported taxonomy (tree, colours, positions, synonyms).

Works on the connection of the import's transaction; nothing here commits.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.engine import Connection

from ..fields import Kind
from .record import TaxonomyTag


def _fold(label: str | None) -> str:
    return " ".join((label or "").casefold().split())


class TagWriter:
    def __init__(self, conn: Connection):
        self.conn = conn
        self._facets: dict[str, int] = {
            k: i for i, k in conn.exec_driver_sql("SELECT id, key FROM facet")
        }
        # (facet id, folded label) -> tag id; the first tag wins when labels repeat in a facet
        self._labels: dict[tuple[int, str], int] = {}
        rows = conn.exec_driver_sql(
            "SELECT t.facet_id, t.id, t.label_en, t.label_zh FROM tag t ORDER BY t.parent_id IS NOT NULL, t.id"
        )
        for facet_id, tag_id, en, zh in rows:
            for label in (en, zh):
                if label:
                    self._labels.setdefault((facet_id, _fold(label)), tag_id)
        synonyms = conn.exec_driver_sql(
            "SELECT t.facet_id, s.tag_id, s.text FROM tag_synonym s JOIN tag t ON t.id = s.tag_id"
        )
        for facet_id, tag_id, text in synonyms:
            self._labels.setdefault((facet_id, _fold(text)), tag_id)

    def facet_id(self, key: str, label_en: str | None = None, label_zh: str | None = None, position: int | None = None) -> int:
        if key not in self._facets:
            if position is None:
                position = self.conn.exec_driver_sql("SELECT coalesce(max(position) + 1, 0) FROM facet").scalar_one()
            self.conn.exec_driver_sql(
                "INSERT INTO facet(key, label_en, label_zh, position) VALUES (?, ?, ?, ?)",
                (key, label_en or key.replace("_", " ").capitalize(), label_zh, position),
            )
            self._facets[key] = self.conn.exec_driver_sql("SELECT id FROM facet WHERE key = ?", (key,)).scalar_one()
        return self._facets[key]

    def _insert_tag(self, facet_id: int, parent_id: int | None, en: str | None, zh: str | None,
                    color: str | None = None, position: int | None = None) -> int:
        if position is None:
            position = self.conn.exec_driver_sql(
                "SELECT coalesce(max(position) + 1, 0) FROM tag WHERE facet_id = ?", (facet_id,)
            ).scalar_one()
        tag_id = self.conn.exec_driver_sql(
            "INSERT INTO tag(facet_id, parent_id, label_en, label_zh, color, position)"
            " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (facet_id, parent_id, en, zh, color, position),
        ).scalar_one()
        for label in (en, zh):
            if label:
                self._labels.setdefault((facet_id, _fold(label)), tag_id)
        return tag_id

    def tag_id(self, facet_key: str, label: str) -> int:
        """The tag labelled ``label`` in the facet (created at the facet's root if missing)."""
        facet_id = self.facet_id(facet_key)
        found = self._labels.get((facet_id, _fold(label)))
        if found is not None:
            return found
        return self._insert_tag(facet_id, None, label, None)

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
        existing = self.conn.exec_driver_sql(
            "SELECT id FROM tag WHERE facet_id = ? AND parent_id IS ? AND (label_en = ? OR label_zh = ?)",
            (facet_id, parent_id, tag.label_en, tag.label_zh),
        ).first()
        if existing is not None:
            return existing[0]
        tag_id = self._insert_tag(facet_id, parent_id, tag.label_en, tag.label_zh, tag.color, tag.position)
        for text in tag.synonyms:
            self.conn.exec_driver_sql(
                "INSERT INTO tag_synonym(tag_id, text) VALUES (?, ?) ON CONFLICT DO NOTHING", (tag_id, text)
            )
        return tag_id

    def attach(self, kind: Kind, pairs: Iterable[tuple[int, int]]) -> None:
        """Link (entry id, tag id) pairs; existing links are kept."""
        pairs = list(pairs)
        if pairs:
            self.conn.exec_driver_sql(
                f"INSERT INTO {kind.value}_tag({kind.value}_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                pairs,
            )
