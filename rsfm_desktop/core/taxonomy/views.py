"""Saved views: a named search text plus tag filter, listed in the sidebar."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy.engine import Connection, Engine

from ..db import transaction
from ..fields import utcnow
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


_STAMP = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores datetimes in SQLite


def _parse_stamp(value) -> datetime:
    return datetime.fromisoformat(str(value)).replace(tzinfo=timezone.utc)


def encode_filter(tags: TagFilter) -> str:
    return json.dumps({str(f): sorted(set(ids)) for f, ids in sorted(tags.items()) if ids})


def decode_filter(raw: str | None) -> dict[int, frozenset[int]]:
    return {int(f): frozenset(ids) for f, ids in json.loads(raw or "{}").items()}


def _check_name(conn: Connection, name: str | None, view_id: int | None = None) -> str:
    name = clean_text(name)
    if not name:
        raise TaxonomyError("empty_label", "A saved view needs a name.")
    for other_id, other in conn.exec_driver_sql("SELECT id, name FROM saved_view"):
        if other_id != view_id and fold(other) == fold(name):
            raise TaxonomyError("duplicate_view", f"There is already a saved view named “{other}”.")
    return name


def _require(conn: Connection, view_id: int) -> None:
    if conn.exec_driver_sql("SELECT 1 FROM saved_view WHERE id = ?", (view_id,)).first() is None:
        raise TaxonomyError("missing", f"Saved view {view_id} no longer exists.")


def list_views(engine: Engine) -> list[SavedViewInfo]:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, name, query_text, tag_filter, created_at FROM saved_view"
            " ORDER BY name COLLATE NOCASE, id"
        ).all()
    return [
        SavedViewInfo(i, name, text or "", decode_filter(raw), _parse_stamp(created))
        for i, name, text, raw, created in rows
    ]


def create_view(engine: Engine, name: str, text: str = "", tags: TagFilter | None = None) -> int:
    with transaction(engine) as session:
        conn = session.connection()
        name = _check_name(conn, name)
        return conn.exec_driver_sql(
            "INSERT INTO saved_view(name, query_text, tag_filter, created_at) VALUES (?, ?, ?, ?)"
            " RETURNING id",
            (name, clean_text(text), encode_filter(tags or {}), utcnow().strftime(_STAMP)),
        ).scalar_one()


def rename_view(engine: Engine, view_id: int, name: str) -> None:
    with transaction(engine) as session:
        conn = session.connection()
        _require(conn, view_id)
        conn.exec_driver_sql(
            "UPDATE saved_view SET name = ? WHERE id = ?", (_check_name(conn, name, view_id), view_id)
        )


def update_view(engine: Engine, view_id: int, text: str, tags: TagFilter) -> None:
    """Replace a view's search text and tag filter (save the current filter into it)."""
    with transaction(engine) as session:
        conn = session.connection()
        _require(conn, view_id)
        conn.exec_driver_sql(
            "UPDATE saved_view SET query_text = ?, tag_filter = ? WHERE id = ?",
            (clean_text(text), encode_filter(tags), view_id),
        )


def delete_view(engine: Engine, view_id: int) -> None:
    with transaction(engine) as session:
        session.connection().exec_driver_sql("DELETE FROM saved_view WHERE id = ?", (view_id,))
