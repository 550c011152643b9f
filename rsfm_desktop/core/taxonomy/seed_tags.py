"""Tagging bundled entries from their ``"tags"`` objects ({facet key: [English labels]}).

Labels are found by label or synonym in the facet (``RS VQA`` finds ``VQA``); a missing tag is
created at the facet's root and a missing facet is created too. Runs on the seeding
transaction's connection.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.engine import Connection

from ..fields import Kind
from ..validation import clean_text
from .errors import TaxonomyError
from .labels import LabelIndex
from .snapshot import MEMBER_TABLES
from .sql import FACET_KEY


def _facet(conn: Connection, index: LabelIndex, key: str) -> int:
    facet_id = index.facet_id(key)
    if facet_id is None:
        if not FACET_KEY.match(key):
            raise TaxonomyError("bad_key", f"{key!r} is not a facet key (lower-case letters, digits, _).")
        facet_id = conn.exec_driver_sql(
            "INSERT INTO facet(key, label_en, position)"
            " SELECT ?, ?, coalesce(max(position) + 1, 0) FROM facet RETURNING id",
            (key, key.replace("_", " ").capitalize()),
        ).scalar_one()
        index.facets[key] = facet_id
    return facet_id


def _tag(conn: Connection, index: LabelIndex, facet_id: int, label: str) -> int:
    tag_id = index.find(facet_id, label)
    if tag_id is None:
        tag_id = conn.exec_driver_sql(
            "INSERT INTO tag(facet_id, parent_id, label_en, position)"
            " SELECT ?, NULL, ?, coalesce(max(position) + 1, 0) FROM tag"
            " WHERE facet_id = ? AND parent_id IS NULL RETURNING id",
            (facet_id, label, facet_id),
        ).scalar_one()
        index.add(facet_id, tag_id, label, None)
    return tag_id


def tag_seeded_entries(conn: Connection, kind: Kind, records: Iterable[dict],
                       ids_by_key: dict[str, int]) -> int:
    """Attach the tags named by each newly seeded record; returns the number of links made."""
    index = LabelIndex.load(conn)
    pairs: set[tuple[int, int]] = set()
    for record in records:
        entry_id = ids_by_key.get(record.get("key"))
        tags = record.get("tags") or {}
        if entry_id is None:
            continue
        if not isinstance(tags, dict) or not all(isinstance(v, list) for v in tags.values()):
            raise TaxonomyError("bad_tags", f"{record['key']}: \"tags\" must map facet keys to lists of labels.")
        for facet_key, labels in tags.items():
            facet_id = _facet(conn, index, str(facet_key))
            for label in filter(None, map(clean_text, labels)):
                pairs.add((entry_id, _tag(conn, index, facet_id, label)))
    if pairs:
        conn.exec_driver_sql(
            f"INSERT INTO {MEMBER_TABLES[kind.value]}({kind.value}_id, tag_id) VALUES (?, ?)"
            " ON CONFLICT DO NOTHING",
            sorted(pairs),
        )
    return len(pairs)
