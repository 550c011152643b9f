"""What a synced row is, on either side: its global id (``uuid``), its version, and its synced
fields as plain JSON values, with every reference to another row by that row's uuid (a tag's
facet and parent, an entry's tags, a paper's datasets), never by a local id.

Read in bulk (a first sync reads 100,000 papers in chunks), and written back through the one
write path (:class:`~..store.writes.Tx`), so a sync's writes are versioned, indexed, logged and
seen by every open window like any other.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy.engine import Connection

from ..fields import FIELDS, FieldType, Kind
from ..store import dialect, sql
from ..store.writes import MEMBER_TABLES, OWNER, Tx, plain

ENTRY_ENTITIES = {"paper": Kind.PAPER, "dataset": Kind.DATASET}
NOTE_ENTITIES = {"paper_note": Kind.PAPER, "dataset_note": Kind.DATASET}
# The order changes are written in: what a row refers to exists before it.
ORDER = ("facet", "tag", "dataset", "paper", "attachment", "paper_note", "dataset_note", "view")
SET_FIELDS = frozenset({"tags", "links", "synonyms"})
TAG_FIELDS = ("facet", "parent", "label_en", "label_zh", "color", "position", "deleted_at", "merged_into")
FACET_FIELDS = ("key", "label_en", "label_zh", "position", "deleted_at")
VIEW_FIELDS = ("name", "query_text", "tag_filter")
# An attachment's metadata, never its file. What each computer reads from its own copy (size,
# time, hash, pages) stays local: two copies that differ must not ping-pong through the server.
ATTACHMENT_FIELDS = ("owner", "path", "kind", "mode", "added_at", "deleted_at")
NOTE_FIELDS = ("body", "author")
_CHUNK = 5000  # values per statement (one parameter: a JSON array or an array)


def entry_fields(kind: Kind) -> tuple[str, ...]:
    return tuple(f.key for f in FIELDS[kind]) + ("seed_key", "deleted_at")


def fields_of(entity: str) -> tuple[str, ...]:
    if entity in ENTRY_ENTITIES:
        kind = ENTRY_ENTITIES[entity]
        return entry_fields(kind) + (("tags", "links") if kind is Kind.PAPER else ("tags",))
    return {"tag": TAG_FIELDS + ("synonyms",), "facet": FACET_FIELDS, "view": VIEW_FIELDS,
            "attachment": ATTACHMENT_FIELDS}.get(entity, NOTE_FIELDS)


@dataclass
class State:
    entity: str
    uuid: str
    id: int  # the row's id in this catalog (an entry's id for a note)
    version: int
    data: dict[str, Any]
    who: tuple[str | None, str | None] = (None, None)  # an entry's created_by, modified_by (not merged)


def stamp(value: Any) -> str | None:
    """A timestamp as the sync compares it: naive UTC ISO text."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(str(value))
    return plain(value).isoformat()


def unstamp(value: str | None) -> datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=timezone.utc)


def _json_value(spec_type: FieldType, value: Any) -> Any:
    if spec_type in (FieldType.LIST, FieldType.MAP) and isinstance(value, str):
        value = json.loads(value)
    if spec_type is FieldType.LIST:
        return list(value or [])
    if spec_type is FieldType.MAP:
        return dict(value or {})
    return value


def where_in(conn: Connection, column: str, values, text: bool = False) -> list[tuple[str, dict]]:
    """Conditions selecting ``column`` in ``values``: one (one parameter) per few thousand."""
    values = list(values)
    return [dialect.in_values(conn, column, "v", values[start : start + _CHUNK], text)
            for start in range(0, len(values), _CHUNK)]


def _uuid_map(conn: Connection, table: str, ids: Iterable[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for where, params in where_in(conn, "id", {i for i in ids if i is not None}):
        out.update(sql.rows(conn, f"SELECT id, uuid FROM {table} WHERE {where}", params))
    return out


def id_map(conn: Connection, table: str, uuids: Iterable[str]) -> dict[str, int]:
    """uuid -> local id of the rows of ``table`` with these uuids."""
    out: dict[str, int] = {}
    for where, params in where_in(conn, "uuid", {u for u in uuids if u}, text=True):
        out.update((u, i) for i, u in sql.rows(conn, f"SELECT id, uuid FROM {table} WHERE {where}", params))
    return out


# ---- reading ------------------------------------------------------------------------------------

def read(conn: Connection, entity: str, *, ids: Sequence[int] | None = None,
         uuids: Sequence[str] | None = None) -> dict[str, State]:
    """The states of rows of ``entity`` (by local ids, by uuids, or all of them)."""
    if entity in ENTRY_ENTITIES:
        return _read_entries(conn, ENTRY_ENTITIES[entity], ids, uuids)
    if entity in NOTE_ENTITIES:
        return _read_notes(conn, NOTE_ENTITIES[entity], ids, uuids)
    return {"tag": _read_tags, "facet": _read_facets, "view": _read_views,
            "attachment": _read_attachments}[entity](conn, ids, uuids)


def all_ids(conn: Connection, entity: str) -> list[int]:
    """The ids :func:`read` takes for every synced row of ``entity`` (a first sync's pull
    reads them in batches, never the whole table at once)."""
    if entity in NOTE_ENTITIES:
        kind = NOTE_ENTITIES[entity]
        return sql.column(conn, f"SELECT t.id FROM note n JOIN {kind.value} t ON t.id = n.{OWNER[kind]}"
                                " WHERE t.uuid IS NOT NULL AND n.shared")
    source, extra = {"view": ("saved_view t", " AND t.shared")}.get(entity, (f"{entity} t", ""))
    return sql.column(conn, f"SELECT t.id FROM {source} WHERE t.uuid IS NOT NULL{extra}")


def _select(conn: Connection, source: str, columns: str, ids, uuids, extra: str = "") -> list[tuple]:
    """Rows of ``source`` (its row alias ``t``) by ids, by uuids, or all synced ones."""
    if ids is None and uuids is None:
        return sql.rows(conn, f"SELECT {columns} FROM {source} WHERE t.uuid IS NOT NULL{extra}")
    column, values = ("t.id", ids) if ids is not None else ("t.uuid", uuids)
    rows: list[tuple] = []
    for where, params in where_in(conn, column, values, text=ids is None):
        rows += sql.rows(conn, f"SELECT {columns} FROM {source} WHERE {where}{extra}", params)
    return rows


def _read_entries(conn: Connection, kind: Kind, ids, uuids) -> dict[str, State]:
    specs = FIELDS[kind]
    names = [s.key for s in specs]
    rows = _select(conn, f"{kind.value} t", ", ".join(["t.id", "t.uuid", "t.version", *(f"t.{n}" for n in names),
                                                "t.seed_key", "t.deleted_at", "t.created_by", "t.modified_by"]),
                   ids, uuids)
    states: dict[int, State] = {}
    # Only lists and maps need converting (a first sync reads 100,000 rows: a call per field
    # and row was a tenth of its time).
    convert = [(n, spec.type) for n, spec in enumerate(specs) if spec.type in (FieldType.LIST, FieldType.MAP)]
    end = 3 + len(names)
    paper = kind is Kind.PAPER
    for row in rows:
        data = dict(zip(names, row[3:end]))
        for n, spec_type in convert:
            data[names[n]] = _json_value(spec_type, row[3 + n])
        deleted = row[end + 1]
        data["seed_key"], data["deleted_at"] = row[end], None if deleted is None else stamp(deleted)
        data["tags"] = []
        if paper:
            data["links"] = []
        states[row[0]] = State(kind.value, row[1], row[0], row[2], data, (row[end + 2], row[end + 3]))
    owner = OWNER[kind]
    for where, params in where_in(conn, f"m.{owner}", states):
        for entry_id, tag_uuid in sql.rows(
            conn, f"SELECT m.{owner}, t.uuid FROM {MEMBER_TABLES[kind]} m JOIN tag t ON t.id = m.tag_id"
                  f" WHERE {where}", params):
            states[entry_id].data["tags"].append(tag_uuid)
    if kind is Kind.PAPER:
        for where, params in where_in(conn, "l.paper_id", states):
            for paper_id, dataset_uuid, relation in sql.rows(
                conn, "SELECT l.paper_id, d.uuid, l.relation FROM paper_dataset_link l"
                      f" JOIN dataset d ON d.id = l.dataset_id WHERE {where}", params):
                states[paper_id].data["links"].append(f"{dataset_uuid}|{relation}")
    for state in states.values():
        for key in ("tags", "links"):
            if key in state.data:
                state.data[key] = sorted(set(state.data[key]))
    return {s.uuid: s for s in states.values()}


def _read_notes(conn: Connection, kind: Kind, ids, uuids) -> dict[str, State]:
    """Shared notes only: a personal note never leaves the machine."""
    owner = OWNER[kind]
    rows = _select(conn, f"note n JOIN {kind.value} t ON t.id = n.{owner}",
                   "t.id, t.uuid, n.version, n.body, n.author", ids, uuids, " AND n.shared")
    return {u: State(f"{kind.value}_note", u, i, v, {"body": b, "author": a}) for i, u, v, b, a in rows}


def _read_tags(conn: Connection, ids, uuids) -> dict[str, State]:
    rows = _select(conn, "tag t", "t.id, t.uuid, t.version, t.facet_id, t.parent_id, t.label_en, t.label_zh,"
                                " t.color, t.position, t.deleted_at, t.merged_into_id", ids, uuids)
    facets = _uuid_map(conn, "facet", (r[3] for r in rows))
    tags = _uuid_map(conn, "tag", [r[4] for r in rows] + [r[10] for r in rows])
    synonyms: dict[int, list[str]] = defaultdict(list)
    for where, params in where_in(conn, "tag_id", [r[0] for r in rows]):
        for tag_id, text in sql.rows(conn, f"SELECT tag_id, text FROM tag_synonym WHERE {where}", params):
            synonyms[tag_id].append(text)
    out = {}
    for i, u, v, facet, parent, en, zh, color, pos, deleted, merged in rows:
        out[u] = State("tag", u, i, v, {
            "facet": facets.get(facet), "parent": tags.get(parent), "label_en": en, "label_zh": zh,
            "color": color, "position": pos, "deleted_at": stamp(deleted), "merged_into": tags.get(merged),
            "synonyms": sorted(synonyms.get(i, [])),
        })
    return out


def _read_facets(conn: Connection, ids, uuids) -> dict[str, State]:
    rows = _select(conn, "facet t", "t.id, t.uuid, t.version, t.key, t.label_en, t.label_zh, t.position, t.deleted_at",
                   ids, uuids)
    return {u: State("facet", u, i, v, {"key": key, "label_en": en, "label_zh": zh, "position": pos,
                                          "deleted_at": stamp(deleted)})
            for i, u, v, key, en, zh, pos, deleted in rows}


def _read_attachments(conn: Connection, ids, uuids) -> dict[str, State]:
    """Attachments, their entry as ``paper:UUID`` or ``dataset:UUID``."""
    rows = _select(conn, "attachment t", "t.id, t.uuid, t.version, t.paper_id, t.dataset_id, t.path, t.kind,"
                                       " t.mode, t.added_at, t.deleted_at", ids, uuids)
    papers = _uuid_map(conn, "paper", (r[3] for r in rows))
    datasets = _uuid_map(conn, "dataset", (r[4] for r in rows))
    out = {}
    for i, u, v, paper, dataset, path, kind, mode, added, deleted in rows:
        owner = f"paper:{papers[paper]}" if paper in papers else f"dataset:{datasets[dataset]}" if dataset in datasets else None
        out[u] = State("attachment", u, i, v, {"owner": owner, "path": path, "kind": kind, "mode": mode,
                                                "added_at": stamp(added), "deleted_at": stamp(deleted)})
    return out


def _read_views(conn: Connection, ids, uuids) -> dict[str, State]:
    """Views the user marked as shared."""
    rows = _select(conn, "saved_view t", "t.id, t.uuid, t.version, t.name, t.query_text, t.tag_filter",
                   ids, uuids, " AND t.shared")
    out = {}
    for i, u, v, name, text, raw in rows:
        filt = json.loads(raw or "{}")
        facets = _uuid_map(conn, "facet", (int(f) for f in filt))
        tags = _uuid_map(conn, "tag", (t for ids_ in filt.values() for t in ids_))
        shared = {facets[int(f)]: sorted(tags[t] for t in ids_ if t in tags) for f, ids_ in filt.items() if int(f) in facets}
        out[u] = State("view", u, i, v, {"name": name, "query_text": text, "tag_filter": shared})
    return out


def dirty(conn: Connection, entity: str, ids: Iterable[int] | None = None) -> list[str]:
    """Uuids of the rows changed here since they were last synced (or never synced); with
    ``ids``, only among those rows (an entry's id for a note) and the rows whose synced copy
    was marked stale (a conflict resolved as "mine")."""
    if entity in NOTE_ENTITIES:
        kind = NOTE_ENTITIES[entity]
        source = f"note n JOIN {kind.value} t ON t.id = n.{OWNER[kind]}"
        version, live = "n.version", "n.shared"
    else:
        source = {"view": "saved_view t"}.get(entity, f"{entity} t")
        version, live = "t.version", "t.shared" if entity == "view" else "t.uuid IS NOT NULL"
    query = (f"SELECT t.uuid FROM {source} LEFT JOIN sync_base b ON b.entity = :e AND b.uuid = t.uuid"
             f" WHERE {live} AND (b.uuid IS NULL OR b.local_version <> {version})")
    if ids is None:
        return sql.column(conn, query, {"e": entity})
    found = sql.column(conn, f"{query} AND t.uuid IN (SELECT uuid FROM sync_base WHERE entity = :e"
                             " AND local_version < 0)", {"e": entity})
    for where, params in where_in(conn, "t.id", ids):
        found += sql.column(conn, f"{query} AND {where}", {**params, "e": entity})
    return sorted(set(found))


def changed_since(conn: Connection, after: int, upto: int, skip_origins: Sequence[str] = ()
                  ) -> dict[str, set[int]]:
    """Entity -> ids of the rows a catalog's change log names in (after, upto], leaving out
    the changes of ``skip_origins`` (writers): on this catalog, where :func:`dirty` needs to
    look (a sync of ten changes reads ten rows, not the catalog); on the server, what to pull."""
    out: dict[str, set[int]] = {e: set() for e in ORDER}
    owners: dict[str, set[int]] = {"paper": set(), "dataset": set()}
    for entity, entity_id, op, fields in sql.rows(
            conn, "SELECT entity, entity_id, op, fields FROM change_log WHERE seq > :a AND seq <= :b"
                  " AND origin NOT IN :skip", {"a": after, "b": upto, "skip": list(skip_origins) or ["-"]}):
        if entity in out:
            out[entity].add(entity_id)
        elif entity == "synonym" and fields:
            out["tag"].update(int(t) for t in json.loads(fields) if str(t).isdigit())
        if entity in owners and (op == "insert" or (fields and "attachments" in json.loads(fields))):
            owners[entity].add(entity_id)  # an attachment added is recorded on its entry
    for entity, ids in owners.items():
        for where, params in where_in(conn, f"{entity}_id", ids):
            out["attachment"].update(sql.column(conn, f"SELECT id FROM attachment WHERE {where}", params))
    return out


# ---- writing ------------------------------------------------------------------------------------

class Writer:
    """Writes synced states into one catalog inside one transaction, translating uuids to the
    catalog's ids (resolved lazily, so rows written earlier in the transaction are found)."""

    def __init__(self, tx: Tx):
        self.tx = tx
        self.conn = tx.conn

    def _id(self, table: str, uuid: str | None) -> int | None:
        if not uuid:
            return None
        return id_map(self.conn, table, [uuid]).get(uuid)

    def write(self, entity: str, uuid: str, data: dict[str, Any], current: State | None,
              only: Iterable[str] | None = None, expected_version: int | None = None,
              who: tuple[str | None, str | None] | None = None) -> State | None:
        """Make the row ``uuid`` hold ``data`` (only the fields ``only``, default all). On a
        server push ``expected_version`` is the version the change was merged against; a row
        that moved on raises ``store.writes.Conflict``. Returns the row as written (None when it
        cannot be written here, e.g. a note of an entry this catalog does not have). ``who``:
        the (created_by, modified_by) of the row pulled, stamped on what is written."""
        fields = set(fields_of(entity)) if only is None else set(only)
        if current is not None and expected_version is not None and entity not in NOTE_ENTITIES:
            self.tx.expect_version(_table(entity), current.id, expected_version)
        if entity in ENTRY_ENTITIES:
            with self.tx.acting_as(who[1] if who else None):
                row_id = self._entry(ENTRY_ENTITIES[entity], uuid, data, current, fields,
                                     who[0] if who else None)
        elif entity in NOTE_ENTITIES:
            row_id = self._note(NOTE_ENTITIES[entity], uuid, data, fields)
        elif entity == "tag":
            row_id = self._tag(uuid, data, current, fields)
        elif entity == "facet":
            row_id = self._facet(uuid, data, current, fields)
        elif entity == "attachment":
            row_id = self._attachment(uuid, data, current, fields)
        else:
            row_id = self._view(uuid, data, current, fields)
        if row_id is None:
            return None
        return read(self.conn, entity, ids=[row_id]).get(uuid)

    def new_entries(self, entity: str, items: Sequence[tuple[str, dict[str, Any]]],
                    who: Sequence[tuple[str | None, str | None]] | None = None) -> dict[str, State]:
        """Add many entries this catalog does not have (a first sync: 100,000 papers) in bulk:
        one insert for the rows, one per tag for the tags, a few for the links."""
        kind = ENTRY_ENTITIES[entity]
        names = set(entry_fields(kind)) - {"deleted_at", "seed_key"}
        taken = set()
        keys = [d.get("seed_key") for _u, d in items if d.get("seed_key")]
        for where, params in where_in(self.conn, "seed_key", keys, text=True):
            taken.update(sql.column(self.conn, f"SELECT seed_key FROM {kind.value} WHERE {where}", params))
        rows = []
        for number, (u, data) in enumerate(items):
            row = {k: v for k, v in data.items() if k in names}
            row.update(uuid=u, deleted_at=unstamp(data.get("deleted_at")),
                       seed_key=None if data.get("seed_key") in taken else data.get("seed_key"))
            if who is not None:
                row.update(created_by=who[number][0] or self.tx.author, modified_by=who[number][1] or self.tx.author)
            rows.append(row)
        ids = self.tx.insert_entries(kind, rows)
        by_tag: dict[str, list[int]] = defaultdict(list)
        links: list[tuple[int, str, str]] = []
        for (u, data), entry_id in zip(items, ids):
            for tag_uuid in data.get("tags") or []:
                by_tag[tag_uuid].append(entry_id)
            for link in data.get("links") or []:
                dataset_uuid, relation = link.rsplit("|", 1)
                links.append((entry_id, dataset_uuid, relation))
        tag_ids = id_map(self.conn, "tag", by_tag)
        self.tx.tag_new_entries(kind, [(e, tag_ids[u]) for u, entries in by_tag.items() if u in tag_ids
                                       for e in entries])
        if links:
            datasets = id_map(self.conn, "dataset", (d for _p, d, _r in links))
            self.tx.link_new_papers([(p, datasets[d], r) for p, d, r in links if d in datasets])
        # New rows are at version 1 (their tags and links added in this transaction do not count).
        return {u: State(entity, u, entry_id, 1, data) for (u, data), entry_id in zip(items, ids)}

    def _entry(self, kind: Kind, uuid: str, data: dict, current: State | None, fields: set[str],
               created_by: str | None = None) -> int:
        specs = {s.key: s for s in FIELDS[kind]}
        values = {k: data.get(k) for k in fields if k in specs or k in ("seed_key", "deleted_at")}
        if "deleted_at" in values:
            values["deleted_at"] = unstamp(values["deleted_at"])
        if current is None:
            if values.get("seed_key") and sql.first(
                    self.conn, f"SELECT 1 FROM {kind.value} WHERE seed_key = :k", {"k": values["seed_key"]}):
                values["seed_key"] = None  # the bundled entry exists here under another identity
            if created_by:
                values["created_by"] = created_by
            entry_id = self.tx.insert_entry(kind, {**values, "uuid": uuid})
        else:
            entry_id = current.id
            if values:
                self.tx.update_entry(kind, entry_id, values)
        if "tags" in fields:
            have = set(current.data["tags"]) if current is not None else set()
            want = set(data.get("tags") or [])
            self._members(kind, entry_id, want - have, add=True)
            self._members(kind, entry_id, have - want, add=False)
        if kind is Kind.PAPER and "links" in fields:
            have = set(current.data["links"]) if current is not None else set()
            want = set(data.get("links") or [])
            self._links(entry_id, want - have, add=True)
            self._links(entry_id, have - want, add=False)
        return entry_id

    def _members(self, kind: Kind, entry_id: int, tag_uuids: set[str], add: bool) -> None:
        for tag_id in id_map(self.conn, "tag", tag_uuids).values():
            self.tx.tag(kind, tag_id, [entry_id], add=add)

    def _links(self, paper_id: int, links: set[str], add: bool) -> None:
        pairs = [link.rsplit("|", 1) for link in links]
        datasets = id_map(self.conn, "dataset", (d for d, _r in pairs))
        self.tx.link_many([(paper_id, datasets[d], r) for d, r in pairs if d in datasets], add=add)

    def _note(self, kind: Kind, uuid: str, data: dict, fields: set[str]) -> int | None:
        entry_id = self._id(kind.value, uuid)
        if entry_id is None:
            return None
        body, _version = self.tx.note(kind, entry_id)
        extra = {"shared": True}
        if "author" in fields:
            extra["author"] = data.get("author")
        self.tx.set_note(kind, entry_id, data.get("body", body) if "body" in fields else body,
                         undoable=False, **extra)
        return entry_id

    def _tag(self, uuid: str, data: dict, current: State | None, fields: set[str]) -> int | None:
        facet_id = self._id("facet", data.get("facet")) if "facet" in fields or current is None else None
        values: dict[str, Any] = {}
        for key in fields & {"label_en", "label_zh", "color", "position"}:
            values[key] = data.get(key)
        if "parent" in fields:
            values["parent_id"] = self._id("tag", data.get("parent"))
        if "merged_into" in fields:
            values["merged_into_id"] = self._id("tag", data.get("merged_into"))
        if "deleted_at" in fields:
            values["deleted_at"] = unstamp(data.get("deleted_at"))
        if current is None:
            if facet_id is None:
                return None
            tag_id = self.tx.insert_row("tag", {"facet_id": facet_id, "uuid": uuid, "position": 0, **values})
        else:
            tag_id = current.id
            if facet_id is not None:
                values["facet_id"] = facet_id
            if values:
                self.tx.update_row("tag", tag_id, values)
        if "synonyms" in fields:
            from ..taxonomy.labels import insert_synonym

            have = set(current.data["synonyms"]) if current is not None else set()
            want = set(data.get("synonyms") or [])
            for text in sorted(want - have):
                insert_synonym(self.tx, tag_id, text)
            for syn_id, text in sql.rows(self.conn, "SELECT id, text FROM tag_synonym WHERE tag_id = :t", {"t": tag_id}):
                if text in have - want:
                    self.tx.delete_row("tag_synonym", syn_id)
        return tag_id

    def _facet(self, uuid: str, data: dict, current: State | None, fields: set[str]) -> int:
        values = {k: data.get(k) for k in fields if k in FACET_FIELDS}
        if "deleted_at" in values:
            values["deleted_at"] = unstamp(values["deleted_at"])
        if current is None:
            return self.tx.insert_row("facet", {"uuid": uuid, "position": 0, **values})
        if values:
            self.tx.update_row("facet", current.id, values)
        return current.id

    def _attachment(self, uuid: str, data: dict, current: State | None, fields: set[str]) -> int | None:
        values: dict[str, Any] = {k: data.get(k) for k in fields & {"path", "kind", "mode"}}
        for key in fields & {"added_at", "deleted_at"}:
            values[key] = unstamp(data.get(key))
        owner = None
        if "owner" in fields or current is None:
            table, _, owner_uuid = (data.get("owner") or "").partition(":")
            kind = ENTRY_ENTITIES.get(table)
            entry_id = self._id(table, owner_uuid) if kind else None
            if entry_id is None:
                return None  # its entry is not in this catalog
            owner = (kind, entry_id)
            values.update({OWNER[kind]: entry_id, OWNER[Kind.DATASET if kind is Kind.PAPER else Kind.PAPER]: None})
        if current is None:
            values["added_at"] = values.get("added_at") or self.tx.now
            return self.tx.insert_row("attachment", {"uuid": uuid, "mode": "linked", **values}, owner=owner)
        if values:
            self.tx.update_attachment(current.id, values)
        return current.id

    def _view(self, uuid: str, data: dict, current: State | None, fields: set[str]) -> int:
        values: dict[str, Any] = {k: data.get(k) for k in fields & {"name", "query_text"}}
        if "tag_filter" in fields:
            filt = data.get("tag_filter") or {}
            facets = id_map(self.conn, "facet", filt)
            tags = id_map(self.conn, "tag", (t for ids in filt.values() for t in ids))
            values["tag_filter"] = json.dumps({str(facets[f]): sorted(tags[t] for t in ids if t in tags)
                                               for f, ids in filt.items() if f in facets})
        if current is None:
            return self.tx.insert_row("saved_view", {"uuid": uuid, "shared": True, **values,
                                                     "name": values.get("name") or uuid[:8]})
        if values:
            self.tx.update_row("view", current.id, values)
        return current.id


def _table(entity: str) -> str:
    if entity in NOTE_ENTITIES:
        return "note"
    return {"view": "saved_view"}.get(entity, entity)
