"""Saved views: a named search text plus tag filter, listed in the sidebar."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy.engine import Connection

from ..fields import utcnow
from ..store import sql
from ..store.store import Store
from ..validation import clean_text
from .errors import TaxonomyError
from .labels import fold
from .sql import TagFilter


@dataclass(frozen=True)
class SavedViewInfo:
    id: int
    name: str
    text: str
    tags: dict[int, frozenset[int]] = field(default_factory=dict)  # facet id -> tag ids
    created_at: datetime | None = None


def _parse_stamp(value) -> datetime | None:
    if value is None:
        return None
    stamp = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)


def encode_filter(tags: TagFilter) -> str:
    return json.dumps({str(f): sorted(set(ids)) for f, ids in sorted(tags.items()) if ids})


def decode_filter(raw: str | None) -> dict[int, frozenset[int]]:
    return {int(f): frozenset(ids) for f, ids in json.loads(raw or "{}").items()}


def _check_name(conn: Connection, name: str | None, view_id: int | None = None) -> str:
    name = clean_text(name)
    if not name:
        raise TaxonomyError("empty_label", "A saved view needs a name.")
    for other_id, other in sql.rows(conn, "SELECT id, name FROM saved_view"):
        if other_id != view_id and fold(other) == fold(name):
            raise TaxonomyError("duplicate_view", f"There is already a saved view named “{other}”.")
    return name


def _require(conn: Connection, view_id: int) -> None:
    if sql.first(conn, "SELECT 1 FROM saved_view WHERE id = :id", {"id": view_id}) is None:
        raise TaxonomyError("missing", f"Saved view {view_id} no longer exists.")


def list_views(store: Store) -> list[SavedViewInfo]:
    with store.read() as conn:
        rows = sql.rows(conn, "SELECT id, name, query_text, tag_filter, created_at FROM saved_view"
                              " ORDER BY lower(name), id")
    return [
        SavedViewInfo(i, name, text or "", decode_filter(raw), _parse_stamp(created))
        for i, name, text, raw, created in rows
    ]


def create_view(store: Store, name: str, text: str = "", tags: TagFilter | None = None) -> int:
    def work(tx):
        return tx.insert_row("saved_view", {
            "name": _check_name(tx.conn, name), "query_text": clean_text(text),
            "tag_filter": encode_filter(tags or {}), "created_at": utcnow(),
        })

    return store.write(work)[0]


def rename_view(store: Store, view_id: int, name: str) -> None:
    def work(tx):
        _require(tx.conn, view_id)
        tx.update_row("view", view_id, {"name": _check_name(tx.conn, name, view_id)})

    store.write(work)


def update_view(store: Store, view_id: int, text: str, tags: TagFilter) -> None:
    """Replace a view's search text and tag filter (save the current filter into it)."""
    def work(tx):
        _require(tx.conn, view_id)
        tx.update_row("view", view_id, {"query_text": clean_text(text), "tag_filter": encode_filter(tags)})

    store.write(work)


def delete_view(store: Store, view_id: int) -> None:
    store.write(lambda tx: tx.delete_row("saved_view", view_id))
