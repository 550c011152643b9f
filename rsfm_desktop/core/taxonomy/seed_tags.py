"""Tagging bundled entries from their ``"tags"`` objects ({facet key: [English labels]}).

Labels are found by label or synonym in the facet (``RS VQA`` finds ``VQA``); a missing tag is
created at the facet's root and a missing facet is created too. Runs on the seeding
transaction's connection.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..fields import Kind
from ..store import sql
from ..store.writes import Tx
from ..validation import clean_text
from .checks import next_position
from .errors import TaxonomyError
from .labels import LabelIndex
from .sql import FACET_KEY


def facet_for(tx: Tx, index: LabelIndex, key: str, label_en: str | None = None,
              label_zh: str | None = None, position: int | None = None) -> int:
    """The facet of this key, created (at the end) when the catalog lacks it."""
    facet_id = index.facet_id(key)
    if facet_id is None:
        if not FACET_KEY.match(key):
            raise TaxonomyError("bad_key", f"{key!r} is not a facet key (lower-case letters, digits, _).")
        if position is None:
            position = sql.scalar(tx.conn, "SELECT coalesce(max(position) + 1, 0) FROM facet")
        facet_id = tx.insert_row("facet", {"key": key, "label_en": label_en or key.replace("_", " ").capitalize(),
                                           "label_zh": label_zh, "position": position})
        index.facets[key] = facet_id
    return facet_id


def tag_for(tx: Tx, index: LabelIndex, facet_id: int, label: str) -> int:
    """The facet's tag labelled ``label`` (or with it as a synonym), created at the root."""
    tag_id = index.find(facet_id, label)
    if tag_id is None:
        tag_id = tx.insert_row("tag", {"facet_id": facet_id, "parent_id": None, "label_en": label,
                                       "position": next_position(tx.conn, facet_id, None)})
        index.add(facet_id, tag_id, label, None)
    return tag_id


def tag_seeded_entries(tx: Tx, kind: Kind, records: Iterable[dict], ids_by_key: dict[str, int]) -> int:
    """Attach the tags named by each newly seeded record; returns the number of links made."""
    index = LabelIndex.load(tx.conn)
    pairs: set[tuple[int, int]] = set()
    for record in records:
        entry_id = ids_by_key.get(record.get("key"))
        tags = record.get("tags") or {}
        if entry_id is None:
            continue
        if not isinstance(tags, dict) or not all(isinstance(v, list) for v in tags.values()):
            raise TaxonomyError("bad_tags", f"{record['key']}: \"tags\" must map facet keys to lists of labels.")
        for facet_key, labels in tags.items():
            facet_id = facet_for(tx, index, str(facet_key))
            for label in filter(None, map(clean_text, labels)):
                pairs.add((entry_id, tag_for(tx, index, facet_id, label)))
    by_tag: dict[int, list[int]] = {}
    for entry_id, tag_id in pairs:
        by_tag.setdefault(tag_id, []).append(entry_id)
    for tag_id, entry_ids in sorted(by_tag.items()):
        tx.tag(kind, tag_id, entry_ids)
    return len(pairs)
