"""Reading catalog entries for export: everything an exporter may need, in a few bulk queries.

An :class:`EntrySnapshot` is plain data (no ORM object), so exporters can run anywhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..fields import FIELDS, TITLE_FIELD, Kind

if TYPE_CHECKING:  # the parsers import this module in the reading worker, without SQLAlchemy
    from sqlalchemy.engine import Connection

_CHUNK = 500
# What an export carries of an attachment (the file itself only when asked: appjson).
ATTACHMENT_COLUMNS = ("path", "kind", "mode", "size", "mtime", "sha256", "pages", "uuid", "added_at", "deleted_at")
META_COLUMNS = ("seed_key", "created_at", "updated_at", "deleted_at", "version", "uuid")


@dataclass
class EntrySnapshot:
    kind: Kind
    id: int
    values: dict[str, Any]
    tags: dict[str, list[str]] = field(default_factory=dict)  # facet key -> labels
    tag_ids: list[int] = field(default_factory=list)
    note: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    provenance: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    damaged: bool = False  # some value was unreadable (a damaged page) and is salvaged

    @property
    def title(self) -> str:
        return self.values.get(TITLE_FIELD[self.kind]) or ""


def live_ids(conn: Connection, kind: Kind, include_deleted: bool = False) -> list[int]:
    from ..store import sql

    where = "" if include_deleted else " WHERE deleted_at IS NULL"
    return sql.column(conn, f"SELECT id FROM {kind.value}{where} ORDER BY id")


def ids_with_tag(conn: Connection, kind: Kind, label: str) -> list[int]:
    """Live entries carrying a tag whose English or Chinese label is ``label`` (any case)."""
    from ..store import sql

    table = f"{kind.value}_tag"
    return sql.column(
        conn,
        f"SELECT DISTINCT e.id FROM {kind.value} e JOIN {table} l ON l.{kind.value}_id = e.id"
        " JOIN tag t ON t.id = l.tag_id WHERE e.deleted_at IS NULL AND t.deleted_at IS NULL"
        " AND (lower(t.label_en) = lower(:label) OR t.label_zh = :label) ORDER BY e.id",
        {"label": label},
    )


def load(conn: Connection, kind: Kind, ids: Sequence[int]) -> list[EntrySnapshot]:
    """Snapshots of these entries, in the order of ``ids`` (unknown ids are left out)."""
    from ..entries import decode_values
    from ..store import sql

    specs = FIELDS[kind]
    keys = [f.key for f in specs]
    found: dict[int, EntrySnapshot] = {}
    for chunk in sql.chunked(list(ids), _CHUNK):
        query = f"SELECT id, {', '.join(keys + list(META_COLUMNS))} FROM {kind.value} WHERE id IN :ids"
        for row in sql.rows(conn, query, {"ids": chunk}):
            values, damaged = decode_values(specs, row[1 : 1 + len(keys)])
            meta = dict(zip(META_COLUMNS, row[1 + len(keys) :]))
            found[row[0]] = EntrySnapshot(kind, row[0], values, meta=meta, damaged=damaged)
        _load_extras(conn, kind, found, chunk)
    return [found[i] for i in ids if i in found]


def _load_extras(conn: Connection, kind: Kind, found: dict[int, EntrySnapshot], chunk) -> None:
    from ..store import sql

    owner = f"{kind.value}_id"
    params = {"ids": chunk}
    tag_sql = (
        f"SELECT l.{owner}, t.id, f.key, coalesce(t.label_en, t.label_zh) FROM {kind.value}_tag l"
        f" JOIN tag t ON t.id = l.tag_id JOIN facet f ON f.id = t.facet_id"
        f" WHERE l.{owner} IN :ids AND t.deleted_at IS NULL AND f.deleted_at IS NULL"
        " ORDER BY f.position, f.key, t.position, t.id"
    )
    # ``found.get``: an owner id a damaged page changed points at no entry of this chunk.
    for entry_id, tag_id, facet, label in sql.rows(conn, tag_sql, params):
        snap = found.get(entry_id)
        if snap is None:
            continue
        snap.tag_ids.append(tag_id)
        snap.tags.setdefault(facet, []).append(label)
    note_sql = f"SELECT {owner}, body, created_at, updated_at FROM note WHERE {owner} IN :ids"
    for entry_id, body, created, updated in sql.rows(conn, note_sql, params):
        if entry_id in found:
            found[entry_id].note = body or None
            found[entry_id].meta["note_created_at"] = created
            found[entry_id].meta["note_updated_at"] = updated
    prov_sql = f"SELECT {owner}, source, locator, excerpt FROM provenance WHERE {owner} IN :ids ORDER BY id"
    for entry_id, source, locator, excerpt in sql.rows(conn, prov_sql, params):
        if entry_id in found:
            found[entry_id].provenance.append({"source": source, "locator": locator, "excerpt": excerpt})
    att_sql = (f"SELECT {owner}, {', '.join(ATTACHMENT_COLUMNS)} FROM attachment WHERE {owner} IN :ids"
               " ORDER BY id")
    for entry_id, *values in sql.rows(conn, att_sql, params):
        if entry_id in found:
            found[entry_id].attachments.append(dict(zip(ATTACHMENT_COLUMNS, values)))


def links(conn: Connection, paper_ids: Sequence[int], dataset_ids: Sequence[int]) -> list[tuple[int, int, str]]:
    """Paper–dataset links whose both ends are among the given entries."""
    from ..store import sql

    papers, datasets = set(paper_ids), set(dataset_ids)
    rows = sql.rows(
        conn, "SELECT paper_id, dataset_id, relation FROM paper_dataset_link ORDER BY paper_id, dataset_id, relation"
    )
    return [(p, d, r) for p, d, r in rows if p in papers and d in datasets]


def taxonomy(conn: Connection) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """All facets and tags (with parents, colours, positions and synonyms)."""
    from ..store import sql

    facets = [
        {"key": k, "label_en": en, "label_zh": zh, "position": pos}
        for k, en, zh, pos in sql.rows(
            conn, "SELECT key, label_en, label_zh, position FROM facet WHERE deleted_at IS NULL ORDER BY position, key"
        )
    ]
    synonyms: dict[int, list[str]] = defaultdict(list)
    for tag_id, text in sql.rows(conn, "SELECT tag_id, text FROM tag_synonym ORDER BY text"):
        synonyms[tag_id].append(text)
    tags = [
        {"ref": f"t{i}", "facet": f, "parent": f"t{p}" if p is not None else None, "label_en": en,
         "label_zh": zh, "color": c, "position": pos, "synonyms": synonyms.get(i, [])}
        for i, f, p, en, zh, c, pos in sql.rows(
            conn,
            "SELECT t.id, f.key, t.parent_id, t.label_en, t.label_zh, t.color, t.position"
            " FROM tag t JOIN facet f ON f.id = t.facet_id WHERE t.deleted_at IS NULL AND f.deleted_at IS NULL"
            " ORDER BY t.id"
        )
    ]
    return facets, tags


def open_snapshots(store, kind: Kind, ids: Sequence[int] | None) -> list[EntrySnapshot]:
    with store.read() as conn:
        return load(conn, kind, live_ids(conn, kind) if ids is None else ids)
