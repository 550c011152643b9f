"""The one write path. Every change to the catalog, whoever makes it (an edit, a note, an import,
undo, a tag merge, a sync), is a function of a :class:`Tx` run by :meth:`Store.write` in one
transaction that

1. checks the row's ``version`` when the caller names the version it edited (a stale write
   merges field by field against the caller's ``base`` copy, or raises :class:`Conflict` with
   both values; nothing is silently overwritten),
2. writes, bumps the version, stamps ``updated_at`` and ``modified_by``,
3. records what it did as undo steps (:mod:`.undo`) and as :class:`~.changes.Change` records,
4. at commit, rewrites the search index of every entry whose searchable text changed and
   appends the changes to ``change_log`` (PostgreSQL: under a lock, so ``seq`` follows commit
   order, then ``NOTIFY``), and returns a :class:`~.changes.ChangeSet`.

No module outside ``store`` executes INSERT, UPDATE or DELETE on catalog tables
(``tests/unit/test_one_write_path.py`` checks).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from .. import search
from ..search import pages as _pages  # noqa: F401 (search.pages)
from ..fields import FIELDS, TITLE_FIELD, Kind, searchable_fields, utcnow
from . import dialect, facet_sort, sql
from .changes import (
    ATTACHMENTS, DELETE, ENTRY_ENTITIES, INSERT, LINKS, NOTE, NOTE_ENTITIES, PROVENANCE, PURGE, RESTORE,
    TAGS, UPDATE, BulkChange, Change, ChangeSet, fields_json,
)
from .idruns import IdRuns

if TYPE_CHECKING:
    from sqlalchemy import Table

    from .store import Store

T = TypeVar("T")

CHANGELOG_LOCK = 7_346_001  # pg_advisory_xact_lock key: change_log rows are written one writer at a time
NOTIFY_CHANNEL = "rsfm_changes"
MEMBER_TABLES = {Kind.PAPER: "paper_tag", Kind.DATASET: "dataset_tag"}
OWNER = {Kind.PAPER: "paper_id", Kind.DATASET: "dataset_id"}
# Rows that have a version and may be edited from a stale copy.
ROW_ENTITIES = {"tag": "tag", "facet": "facet", "view": "saved_view"}
_SOFT_DELETED = {"paper", "dataset", "tag", "facet"}
BULK_AT = 64  # rows changed alike by one statement from which on the change is kept as id runs
_INDEX_CHUNK = 5000  # entries reindexed at once at commit
BULK_LOAD_MIN = 5000  # entries added at once from which on Tx.bulk_load builds the sort indexes anew
_SORT_KEY_OPS = frozenset({INSERT, DELETE, RESTORE})  # entry changes that move its facet sort keys


def table(name: str) -> Table:
    """The SQLAlchemy table called ``name`` (imports the models on first use)."""
    from sqlmodel import SQLModel

    from .. import models  # noqa: F401  (registers the tables)

    return SQLModel.metadata.tables[name]


def plain(value: Any) -> Any:
    """A value as compared by the write path: aware datetimes as naive UTC, tuples as lists."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    if isinstance(value, tuple):
        return list(value)
    return value


def same(a: Any, b: Any) -> bool:
    return plain(a) == plain(b)


def storable(value: Any) -> Any:
    """A value as both engines store it: text without NUL characters, which PostgreSQL cannot
    store and no editor shows (a note pasted from a binary file), inside lists and maps too; so
    a catalog keeps the same text on either engine."""
    cls = value.__class__
    if cls is str:
        return value.replace("\x00", "") if "\x00" in value else value
    if cls is int or value is None:
        return value
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, list):
        return [storable(v) for v in value]
    if isinstance(value, dict):
        return {k: storable(v) for k, v in value.items()}
    return value


def _storable_row(values: Mapping[str, Any], into: dict[str, Any] | None = None) -> dict[str, Any]:
    """``values`` as stored (see :func:`storable`): a copy, or written over ``into``."""
    if into is None:
        out = dict(values)
    else:
        out = into
        out.update(values)
    for key, value in values.items():  # plain text and numbers (most values) as they are
        cls = value.__class__
        if cls is str:
            if "\x00" in value:
                out[key] = value.replace("\x00", "")
        elif value is not None and cls is not int:
            out[key] = storable(value)
    return out


def new_uuids(count: int) -> list[str]:
    """``count`` random (version 4) UUIDs as :func:`..models.new_uuid` writes them (hex), drawn
    at once: ``uuid4()`` one at a time cost a bulk insert of 100,000 entries half a second."""
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes((b & 0x0F) | 0x40 for b in raw[6::16])  # the version
    raw[8::16] = bytes((b & 0x3F) | 0x80 for b in raw[8::16])  # the RFC 4122 variant
    text = raw.hex()
    return [text[i : i + 32] for i in range(0, 32 * count, 32)]


class Conflict(Exception):
    """A stale write: the row changed since the caller read it, in the fields it changed too.

    ``fields`` maps each conflicting field to (base: what the caller saw, mine: what it wrote,
    theirs: what the catalog holds now). Nothing was written.
    """

    def __init__(self, entity: str, entry_id: int, fields: dict[str, tuple[Any, Any, Any]],
                 version: int | None, title: str | None = None, gone: bool = False):
        self.entity, self.id, self.fields, self.version = entity, entry_id, fields, version
        self.title, self.gone = title, gone
        what = "was deleted" if gone else f"changed elsewhere ({', '.join(sorted(fields))})"
        super().__init__(f"{entity} {entry_id} {what}")


@dataclass
class Kept:
    """What an undo or redo left alone because later work changed it."""

    entity: str
    id: int
    fields: tuple[str, ...]
    title: str | None = None


@dataclass
class _Pending:
    changes: list[Change | BulkChange] = field(default_factory=list)  # in the order written
    reindex: dict[Kind, set[int]] = field(default_factory=lambda: {k: set() for k in Kind})
    reindex_runs: dict[Kind, IdRuns] = field(default_factory=lambda: {k: IdRuns() for k in Kind})
    # The facet columns' sort keys to rewrite (store.facet_sort): entries added, trashed,
    # restored or (un)tagged; tags whose labels, order or trash state changed; facets added.
    sort_keys: dict[Kind, IdRuns] = field(default_factory=lambda: {k: IdRuns() for k in Kind})
    sort_tags: set[int] = field(default_factory=set)  # keys change in the tag's own facet
    sort_moved_tags: set[int] = field(default_factory=set)  # keys change in every facet
    sort_facets: set[int] = field(default_factory=set)


def _entity_kind(entity: str) -> Kind | None:
    for kind, name in ENTRY_ENTITIES.items():
        if name == entity:
            return kind
    return None


class Tx:
    """The writes of one transaction. Methods take and return plain values."""

    def __init__(self, store: Store, conn: Connection):
        self.store = store
        self.conn = conn
        self.now = utcnow()
        self.ops: list = []  # undo steps, in the order written (see .undo)
        self.kept: list[Kept] = []  # filled by undo/redo steps
        self._pending = _Pending()
        self._acting: str | None = None  # see acting_as
        self._new: dict[Kind, IdRuns] = {k: IdRuns() for k in Kind}  # entries added by this transaction
        self._keyed: dict[Kind, IdRuns] = {k: IdRuns() for k in Kind}  # of those, whose sort keys were written
        self._indexed: dict[Kind, IdRuns] = {k: IdRuns() for k in Kind}  # of those, whose index rows were written
        # An entry's tags are part of its search text (a tag's labels; model family and tasks).
        self._searchable = {k: set(searchable_fields(k)) | {TAGS} for k in Kind}
        self._for_update = "" if conn.dialect.name == "sqlite" else " FOR UPDATE"
        # Called between the batches of the long steps at commit (indexing, the change log); a
        # caller that can be cancelled raises from it, which rolls the transaction back.
        self.checkpoint: Callable[[], None] = lambda: None
        self._dropped_indexes: list[tuple[str, str]] = []  # (name, CREATE) dropped by bulk_load
        self._on_end: list[Callable[[], None]] = []  # run once the transaction committed or rolled back

    @property
    def author(self) -> str | None:
        return self._acting or self.store.author

    @contextmanager
    def acting_as(self, name: str | None) -> Iterator[None]:
        """Stamp what is written meanwhile as ``name``'s change (a sync pulling a lab member's
        edit shows them, not the laptop's owner, as who changed it)."""
        previous, self._acting = self._acting, name or None
        try:
            yield
        finally:
            self._acting = previous

    # ---- recording -------------------------------------------------------------------------

    def record(self, entity: str, entity_id: int, op: str, fields: Iterable[str] = (),
               version: int | None = None) -> None:
        self._pending.changes.append(Change(entity, entity_id, op, frozenset(fields), version))
        kind = _entity_kind(entity)
        if entity == "tag" and facet_sort.TAG_FIELDS.intersection(fields):
            (self._pending.sort_moved_tags if facet_sort.MOVED in fields else self._pending.sort_tags).add(entity_id)
        elif entity == "facet" and op == INSERT:
            self._pending.sort_facets.add(entity_id)
        elif kind is not None and op in _SORT_KEY_OPS:
            self._pending.sort_keys[kind].add(entity_id)
        if kind is None:
            for k, note in NOTE_ENTITIES.items():
                if entity == note:
                    self._pending.reindex[k].add(entity_id)
            return
        if op != UPDATE or set(fields) & self._searchable[kind]:
            self._pending.reindex[kind].add(entity_id)

    def record_rows(self, entity: str, op: str, fields: Iterable[str], rows: Iterable[tuple[int, int | None]]) -> None:
        """The same change of many rows, ``rows`` (id, new version): kept as id runs when they
        are many (a bulk insert of a million entries is a few runs, not a million records)."""
        rows = list(rows)
        if len(rows) < BULK_AT:
            for row_id, version in rows:
                self.record(entity, row_id, op, fields, version)
            return
        fields = frozenset(fields)
        by_version: dict[int | None, list[int]] = {}
        for row_id, version in rows:
            by_version.setdefault(version, []).append(row_id)
        kind = _entity_kind(entity)
        for version, ids in by_version.items():
            runs = IdRuns(sorted(ids))
            self._pending.changes.append(BulkChange(entity, op, fields, version, runs))
            if kind is not None and op in _SORT_KEY_OPS:
                self._pending.sort_keys[kind].update(runs)
            if kind is not None and (op != UPDATE or fields & self._searchable[kind]):
                self._pending.reindex_runs[kind].update(runs)

    def _log(self, step) -> None:
        self.ops.append(step)

    # ---- bulk loading ------------------------------------------------------------------------

    @contextmanager
    def bulk_load(self, adding: Mapping[Kind, int]) -> Iterator[None]:
        """Around a write that adds ``adding[kind]`` entries: when that is at least
        :data:`BULK_LOAD_MIN` and as many as the table holds (an import into an empty or small
        catalog), the secondary indexes of its table, of its facet sort keys and of its tag
        memberships are dropped and built again once at the end (one sort instead of a random
        b-tree insert per row and index; what the write reads meanwhile goes by primary keys,
        which stay, as do unique indexes). Both happen inside this transaction: a write
        cancelled, failed or killed meanwhile rolls back with the indexes as they were; other
        connections never see the tables without them. SQLite only (see :func:`.dialect.sort_indexes`)."""
        dropped: list[tuple[str, str]] = []
        if sum(adding.values()) >= BULK_LOAD_MIN:
            restore = dialect.enlarge_cache(self.conn)  # until the commit has written the pages
            if restore is not None:
                self._on_end.append(restore)
        for kind, count in adding.items() if dialect.is_sqlite(self.conn) else ():
            if count < BULK_LOAD_MIN or count < (sql.scalar(self.conn, f"SELECT count(*) FROM {kind.value}") or 0):
                continue
            for tab in (kind.value, facet_sort.KEY_TABLES[kind], MEMBER_TABLES[kind]):  # rows per entry
                for name, ddl in dialect.sort_indexes(self.conn, tab):
                    self.conn.exec_driver_sql(f'DROP INDEX "{name}"')
                    dropped.append((name, ddl))
        self._dropped_indexes += dropped
        yield  # an exception leaves them dropped: the transaction rolls back (finish builds them otherwise)
        self._build_dropped_indexes()

    def ended(self) -> None:
        """The transaction is over (committed or rolled back): undo what was set for its
        duration on the connection (a bulk write's larger page cache)."""
        while self._on_end:
            self._on_end.pop()()

    def _build_dropped_indexes(self) -> None:
        """Build the indexes :meth:`bulk_load` dropped; the checkpoint is asked while each is
        built too (an index of a million rows takes a second), and a cancel it raises stops the
        build at once."""
        if not self._dropped_indexes:
            return
        raw = self.conn.connection.dbapi_connection
        stopped: list[BaseException] = []

        def asked() -> bool:
            try:
                self.checkpoint()
            except BaseException as exc:  # noqa: BLE001  (raised again below, once SQLite stopped)
                stopped.append(exc)
                return True
            return False

        dialect.abort_while(raw, asked)
        try:
            while self._dropped_indexes:
                self.checkpoint()
                self.conn.exec_driver_sql(self._dropped_indexes[0][1])
                self._dropped_indexes.pop(0)
        except Exception:
            if stopped:
                raise stopped[0] from None
            raise
        finally:
            dialect.abort_while(raw, None)

    # ---- reading inside the transaction -----------------------------------------------------

    def row(self, name: str, row_id: int, columns: Iterable[str] | None = None, lock: bool = False) -> dict | None:
        """The current values of a row (all columns, or these), None if it does not exist."""
        tab = table(name)
        cols = [tab.c[c] for c in columns] if columns is not None else list(tab.c)
        stmt = select(*cols).where(tab.c.id == row_id)
        if lock and self._for_update:
            stmt = stmt.with_for_update()
        found = self.conn.execute(stmt).mappings().first()
        return dict(found) if found is not None else None

    def title(self, kind: Kind, entry_id: int) -> str | None:
        found = self.row(kind.value, entry_id, [TITLE_FIELD[kind]])
        return found[TITLE_FIELD[kind]] if found else None

    def expect_version(self, name: str, row_id: int, version: int) -> None:
        """Refuse (:class:`Conflict`) to go on when a row is no longer at ``version``; the row is
        locked until commit (PostgreSQL), so it cannot move on meanwhile (SQLite: the write
        lock is held already)."""
        current = self.row(name, row_id, ["version"], lock=True)
        if current is None or current["version"] != version:
            entity = {v: k for k, v in ROW_ENTITIES.items()}.get(name, name)
            raise Conflict(entity, row_id, {}, current["version"] if current else None, gone=current is None)

    # ---- entries ---------------------------------------------------------------------------

    def insert_entries(self, kind: Kind, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Add entries (every field defaulted); returns their ids in order."""
        if not rows:
            return []
        tab = table(kind.value)
        defaults = {f.key: ([] if f.type.value == "list" else {} if f.type.value == "map" else None)
                    for f in FIELDS[kind]}
        base = {**defaults, "seed_key": None, "created_at": self.now, "updated_at": self.now,
                "deleted_at": None, "version": 1, "created_by": self.author, "modified_by": self.author,
                "uuid": None}
        full = [_storable_row(values, into=base.copy()) for values in rows]  # the values copied once
        missing = [row for row in full if not row["uuid"]]
        for row, uuid in zip(missing, new_uuids(len(missing))):
            row["uuid"] = uuid
        ids = self._bulk_insert(tab, full)
        from .undo import Created, CreatedEntries

        runs = IdRuns(sorted(ids))
        self._new[kind].update(runs)
        self.record_rows(kind.value, INSERT, (), [(entry_id, row["version"]) for entry_id, row in zip(ids, full)])
        self._log(Created(kind.value, ids[0]) if len(ids) == 1 else CreatedEntries(kind, runs))
        return ids

    def _bulk_insert(self, tab: Table, rows: list[dict[str, Any]]) -> list[int]:
        """Insert rows, returning their new ids in order: the ids are chosen first, then the rows
        go in bulk (``INSERT … RETURNING`` in parameter order costs SQLite one statement per
        row, and psycopg seconds to parse a statement of thousands of parameters).

        SQLite: the write transaction holds the write lock from its start, so the ids after the
        largest one are free. PostgreSQL: they are drawn from the table's sequence, then the rows
        are copied in (``COPY``)."""
        if self.conn.dialect.name == "postgresql":
            ids = sql.column(self.conn, f"SELECT nextval(pg_get_serial_sequence('{tab.name}', 'id'))"
                                        " FROM generate_series(1, :n)", {"n": len(rows)})
            for row, row_id in zip(rows, ids):
                row["id"] = row_id
            copy_rows(self.conn, tab, rows, self.checkpoint)
            return ids
        first = (sql.scalar(self.conn, f"SELECT max(id) FROM {tab.name}") or 0) + 1
        ids = list(range(first, first + len(rows)))
        for row, row_id in zip(rows, ids):
            row["id"] = row_id
        self._insert_plain(tab, rows)
        return ids

    def _insert_plain(self, tab: Table, rows: list[dict[str, Any]]) -> None:
        """Rows in bulk as they are: ``COPY`` on PostgreSQL, the driver's ``executemany`` on
        SQLite (no conflict handling: the caller knows the rows are new)."""
        if not rows:
            return
        if self.conn.dialect.name == "postgresql":
            copy_rows(self.conn, tab, rows, self.checkpoint)
            return
        names, values = _bound_rows(self.conn, tab, rows, self.checkpoint)
        from .sqlite import catalog_error

        cursor = self.conn.connection.dbapi_connection.cursor()
        try:  # the driver directly: SQLAlchemy's per-row parameter handling doubles the cost
            cursor.executemany(f"INSERT INTO {tab.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                               values)
        except Exception as exc:  # a full disk, a read-only file: the message SQLAlchemy's statements give
            translated = catalog_error(exc)
            if translated is None:
                raise
            raise translated from exc
        finally:
            cursor.close()

    def insert_entry(self, kind: Kind, values: Mapping[str, Any]) -> int:
        return self.insert_entries(kind, [values])[0]

    def update_entry(self, kind: Kind, entry_id: int, values: Mapping[str, Any], *,
                     expected_version: int | None = None, base: Mapping[str, Any] | None = None,
                     undoable: bool = True) -> dict[str, tuple[Any, Any]]:
        """Write changed fields of an entry; returns field -> (old, new) of what changed."""
        return self._update(kind.value, entry_id, values, expected_version, base, undoable)

    def update_row(self, entity: str, row_id: int, values: Mapping[str, Any], *,
                   expected_version: int | None = None, base: Mapping[str, Any] | None = None,
                   undoable: bool = True) -> dict[str, tuple[Any, Any]]:
        """The same for a tag, facet or saved view (``entity`` tag, facet, view)."""
        return self._update(entity, row_id, values, expected_version, base, undoable)

    def _update(self, entity: str, row_id: int, values: Mapping[str, Any], expected: int | None,
                base: Mapping[str, Any] | None, undoable: bool, touch_owner: bool = True
                ) -> dict[str, tuple[Any, Any]]:
        name = ROW_ENTITIES.get(entity, entity)
        current = self.row(name, row_id, [*values, "version"], lock=True)
        kind = _entity_kind(entity)
        if current is None:
            raise Conflict(entity, row_id, {}, None, gone=True)
        values = _storable_row(values)
        base = _storable_row(base) if base is not None else None
        if expected is not None and current["version"] != expected:
            values = self._three_way(entity, row_id, values, current, base, kind)
        changed = {k: (current[k], v) for k, v in values.items() if not same(current[k], v)}
        if not changed:
            return {}
        stamp: dict[str, Any] = {}
        if kind is not None:
            stamp = {"updated_at": self.now, "modified_by": self.author}
        tab = table(name)
        version = current["version"] + 1
        result = self.conn.execute(
            update(tab)
            .where(tab.c.id == row_id, tab.c.version == current["version"])
            .values(**{**stamp, **{k: v for k, (_, v) in changed.items()}, "version": version})
        )
        if result.rowcount != 1:  # cannot happen under the row lock; refuse rather than overwrite
            raise Conflict(entity, row_id, {}, None)
        op = UPDATE
        if "deleted_at" in changed:
            op = DELETE if changed["deleted_at"][1] is not None else RESTORE
        self.record(entity, row_id, op, changed, version)
        if name == "attachment" and touch_owner:
            self._touch_attachment_owner(row_id)
        if undoable:
            from .undo import Fields

            self._log(Fields(entity, row_id, {k: o for k, (o, _) in changed.items()},
                             {k: n for k, (_, n) in changed.items()}))
        return changed

    def _three_way(self, entity: str, row_id: int, values: dict, current: dict,
                   base: Mapping[str, Any] | None, kind: Kind | None) -> dict:
        """Fields changed only by the caller win, fields changed only elsewhere stay, the same
        change is no conflict; different changes to one field raise :class:`Conflict`."""
        keep: dict[str, Any] = {}
        conflicts: dict[str, tuple[Any, Any, Any]] = {}
        for key, mine in values.items():
            theirs = current[key]
            if base is None or key not in base:
                if not same(theirs, mine):
                    conflicts[key] = (None, mine, theirs)
                continue
            seen = base[key]
            if same(mine, seen) or same(theirs, mine):
                continue  # not changed by the caller, or changed the same way
            if same(theirs, seen):
                keep[key] = mine
            else:
                conflicts[key] = (seen, mine, theirs)
        if conflicts:
            title = self.title(kind, row_id) if kind else None
            raise Conflict(entity, row_id, conflicts, current["version"], title)
        return keep

    # ---- attachments ---------------------------------------------------------------------------

    def attachment_owner(self, attachment_id: int) -> tuple[Kind, int] | None:
        found = self.row("attachment", attachment_id, ["paper_id", "dataset_id"])
        if found is None:
            return None
        return (Kind.PAPER, found["paper_id"]) if found["paper_id"] is not None else (Kind.DATASET, found["dataset_id"])

    def _touch_attachment_owner(self, attachment_id: int) -> None:
        owner = self.attachment_owner(attachment_id)
        if owner is not None:
            self.touch(owner[0], [owner[1]], [ATTACHMENTS])

    def update_attachment(self, attachment_id: int, values: Mapping[str, Any], *, undoable: bool = True,
                          facts_only: bool = False) -> dict[str, tuple[Any, Any]]:
        """Change an attachment (its path, mode, trash state: an edit of its entry, undoable);
        ``facts_only``: what the file is now (size, time, hash, pages, read by the indexer),
        which changes the attachment's version but not its entry's, and is not undone."""
        return self._update("attachment", attachment_id, values, None, None, undoable and not facts_only,
                            touch_owner=not facts_only)

    def purge_attachments(self, ids: Iterable[int]) -> list[int]:
        """Delete attachments for good (emptying the trash), with their full-text index."""
        ids = sorted(set(ids))
        search.pages.drop(self.conn, ids)
        tab = table("attachment")
        gone: list[int] = []
        for chunk in sql.chunked(ids):
            gone += [r[0] for r in self.conn.execute(delete(tab).where(tab.c.id.in_(chunk)).returning(tab.c.id))]
        for attachment_id in gone:
            self.record("attachment", attachment_id, PURGE)
        return gone

    # The full-text index of attached files (derived data: no versions, no undo, no change
    # records; the indexer's last write per file records the attachment's new facts).

    def drop_pages(self, attachment_ids: Iterable[int]) -> None:
        search.pages.drop(self.conn, attachment_ids)

    def write_pages(self, attachment_id: int, first_page: int, texts: Sequence[str]) -> None:
        search.pages.write_pages(self.conn, attachment_id, first_page, texts)

    def set_index_state(self, attachment_id: int, state) -> None:
        search.pages.set_state(self.conn, attachment_id, state)

    def set_trashed(self, kind: Kind, ids: Iterable[int], trashed: bool) -> list[int]:
        """Move entries to the trash (or back); returns the ids that moved."""
        moved = []
        for entry_id in ids:
            current = self.row(kind.value, entry_id, ["deleted_at"], lock=True)
            if current is None or (current["deleted_at"] is not None) == trashed:
                continue
            self.update_entry(kind, entry_id, {"deleted_at": self.now if trashed else None})
            moved.append(entry_id)
        return moved

    def trash_many(self, kind: Kind, ids: IdRuns, trashed: bool) -> IdRuns:
        """Move many entries to the trash (or back) at once, without undo steps (the undo of a
        bulk insert); returns the ids that moved."""
        tab = table(kind.value)
        state = tab.c.deleted_at.is_(None) if trashed else tab.c.deleted_at.is_not(None)
        moved: list[tuple[int, int]] = []
        for chunk in ids.chunks(500):
            moved += [tuple(r) for r in self.conn.execute(
                update(tab).where(tab.c.id.in_(chunk), state)
                .values(deleted_at=self.now if trashed else None, version=tab.c.version + 1,
                        updated_at=self.now, modified_by=self.author)
                .returning(tab.c.id, tab.c.version))]
        self.record_rows(kind.value, DELETE if trashed else RESTORE, ["deleted_at"], moved)
        return IdRuns(sorted(i for i, _v in moved))

    def purge(self, kind: Kind, ids: Iterable[int]) -> list[int]:
        """Delete trashed entries for good, with their notes, tags, links and provenance (not
        undoable: the trash is the undo of a deletion)."""
        tab = table(kind.value)
        gone: list[int] = []
        owner = OWNER[kind]
        for chunk in sql.chunked(list(ids)):
            search.pages.drop(self.conn, sql.column(
                self.conn, f"SELECT a.id FROM attachment a JOIN {kind.value} e ON e.id = a.{owner}"
                           " WHERE e.id IN :ids AND e.deleted_at IS NOT NULL", {"ids": chunk}))
            rows = self.conn.execute(
                delete(tab).where(tab.c.id.in_(chunk), tab.c.deleted_at.is_not(None)).returning(tab.c.id)
            )
            gone += [r[0] for r in rows]
        for entry_id in gone:
            self.record(kind.value, entry_id, PURGE)
        return gone

    def touch(self, kind: Kind, ids: Iterable[int], fields: Iterable[str]) -> None:
        """Rows belonging to these entries changed (tags, links, provenance, attachments): bump
        the entries' versions and record the change."""
        new = self._new[kind]
        chunks = ids.chunks(500) if isinstance(ids, IdRuns) else sql.chunked(sorted(set(ids)))
        fields = frozenset(fields)
        tab = table(kind.value)
        for chunk in chunks:
            chunk = [i for i in chunk if i not in new]  # an entry added here: its insert is its change
            if not chunk:
                continue
            rows = self.conn.execute(
                update(tab).where(tab.c.id.in_(chunk))
                .values(version=tab.c.version + 1, updated_at=self.now, modified_by=self.author)
                .returning(tab.c.id, tab.c.version)
            )
            self.record_rows(kind.value, UPDATE, fields, [tuple(r) for r in rows])

    # ---- notes -----------------------------------------------------------------------------

    def note(self, kind: Kind, entry_id: int) -> tuple[str, int | None]:
        """(body, version) of an entry's note; ("", None) when it has none."""
        found = sql.first(self.conn, f"SELECT body, version FROM note WHERE {OWNER[kind]} = :id", {"id": entry_id})
        return (found[0], found[1]) if found else ("", None)

    def set_note(self, kind: Kind, entry_id: int, body: str, *, expected_version: int | None = None,
                 base: str | None = None, undoable: bool = True, **columns: Any) -> int | None:
        """Write an entry's note; returns its new version (None when nothing changed).

        ``expected_version`` is the version the editor loaded (None: the note did not exist);
        pass ``check=False`` semantics by leaving both out. A stale save whose text differs from
        what is stored now raises :class:`Conflict` with both texts."""
        tab = table("note")
        owner = OWNER[kind]
        body = storable(body)
        base = storable(base)
        stmt = select(tab.c.id, tab.c.body, tab.c.version).where(tab.c[owner] == entry_id)
        if self._for_update:
            stmt = stmt.with_for_update()
        found = self.conn.execute(stmt).first()
        current, version = (found[1], found[2]) if found else ("", None)
        if base is not None and version != expected_version and current != body:
            if current != base:
                title = self.title(kind, entry_id)
                raise Conflict(NOTE_ENTITIES[kind], entry_id, {NOTE: (base, body, current)}, version, title)
        if current == body and not columns:
            return None
        if found is None:
            if self.row(kind.value, entry_id, ["id"]) is None:
                raise Conflict(kind.value, entry_id, {}, None, gone=True)
            self.conn.execute(insert(tab).values(
                **{owner: entry_id, "author": self.author, **columns}, body=body, created_at=self.now,
                updated_at=self.now, version=1))
            new_version = 1
        else:
            new_version = version + 1
            self.conn.execute(update(tab).where(tab.c.id == found[0]).values(
                body=body, updated_at=self.now, version=new_version, **columns))
        self.record(NOTE_ENTITIES[kind], entry_id, UPDATE, [NOTE, *columns], new_version)
        if undoable and current != body:
            from .undo import NoteText

            self._log(NoteText(kind, entry_id, current, body))
        return new_version

    # ---- tags on entries, links ---------------------------------------------------------------

    def tag(self, kind: Kind, tag_id: int, entry_ids: Iterable[int], add: bool = True) -> list[int]:
        """Add (or remove) a tag on entries; returns the entries that changed."""
        member = MEMBER_TABLES[kind]
        owner = OWNER[kind]
        ids = sorted(set(entry_ids))
        if not ids:
            return []
        # The ids travel as one parameter: one statement however many entries.
        where, params = dialect.in_values(self.conn, "e.id" if add else owner, "ids", ids)
        params["tag"] = tag_id
        if add:
            found = sql.column(
                self.conn,
                f"INSERT INTO {member}({owner}, tag_id) SELECT e.id, :tag FROM {kind.value} e"
                f" WHERE {where} ON CONFLICT DO NOTHING RETURNING {owner}", params)
        else:
            found = sql.column(
                self.conn, f"DELETE FROM {member} WHERE tag_id = :tag AND {where} RETURNING {owner}", params)
        changed = IdRuns(sorted(found))
        if changed:
            from .undo import Members

            self._pending.sort_keys[kind].update(changed)
            self.touch(kind, changed, [TAGS])
            self._log(Members(kind, tag_id, changed, add))
        return list(changed)

    def tag_pairs(self, kind: Kind, pairs: Iterable[tuple[int, int]]) -> int:
        """Add many (entry, tag) memberships at once (a sync's new entries: one statement for
        every tag of thousands of entries, where :meth:`tag` takes one per tag). Returns how
        many were new."""
        pairs = sorted(set(pairs))
        if not pairs:
            return 0
        member, owner = MEMBER_TABLES[kind], OWNER[kind]
        if dialect.is_sqlite(self.conn):
            source = ("SELECT json_extract(value, '$[0]') AS e, json_extract(value, '$[1]') AS t"
                      " FROM json_each(:pairs)")
            params: dict[str, Any] = {"pairs": json.dumps(pairs)}
        else:
            source = "SELECT * FROM unnest(CAST(:e AS bigint[]), CAST(:t AS bigint[])) AS u(e, t)"
            params = {"e": sql.Array([e for e, _t in pairs]), "t": sql.Array([t for _e, t in pairs])}
        added = sql.rows(
            self.conn,
            f"INSERT INTO {member}({owner}, tag_id) SELECT p.e, p.t FROM ({source}) AS p"
            f" JOIN {kind.value} e ON e.id = p.e JOIN tag t ON t.id = p.t"
            f" WHERE true ON CONFLICT DO NOTHING RETURNING {owner}, tag_id", params)
        by_tag: dict[int, list[int]] = {}
        for entry_id, tag_id in added:
            by_tag.setdefault(tag_id, []).append(entry_id)
        from .undo import Members

        for tag_id, entry_ids in sorted(by_tag.items()):
            self._log(Members(kind, tag_id, tuple(sorted(entry_ids)), True))
        self._pending.sort_keys[kind].update(sorted({e for e, _t in added}))
        self.touch(kind, {e for e, _t in added}, [TAGS])
        return len(added)

    def _only_new(self, kind: Kind, ids: Iterable[int], what: str) -> None:
        new = self._new[kind]
        if any(i not in new for i in ids):
            raise ValueError(f"{what} of entries not added by this transaction: use tag/link_many")

    def tag_new_entries(self, kind: Kind, pairs: Iterable[tuple[int, int]]) -> int:
        """The tags of entries added by this same transaction (a sync's new entries), in bulk:
        one ``COPY`` on PostgreSQL, where :meth:`tag_pairs` binds arrays and checks each pair.
        The tags must exist. Like :meth:`insert_rows`, no version bumps (the entries' insert is
        their change, and the index reads their tags at commit) and no undo steps of their own
        (they stay with their entry). Returns how many were added."""
        pairs = sorted(set(pairs))
        self._only_new(kind, (e for e, _t in pairs), "tags")
        owner = OWNER[kind]
        self._insert_plain(table(MEMBER_TABLES[kind]), [{owner: e, "tag_id": t} for e, t in pairs])
        return len(pairs)

    def link_new_papers(self, rows: Iterable[tuple[int, int, str]]) -> int:
        """Links (paper, dataset, relation) of papers added by this same transaction, in bulk
        (see :meth:`tag_new_entries`); the datasets must exist. The datasets' versions move on
        and their change is recorded, as with :meth:`link_many`. Returns how many were added."""
        wanted = list(dict.fromkeys(rows))
        self._only_new(Kind.PAPER, (p for p, _d, _r in wanted), "links")
        self._insert_plain(table("paper_dataset_link"),
                           [{"paper_id": p, "dataset_id": d, "relation": r} for p, d, r in wanted])
        if wanted:
            self.touch(Kind.DATASET, {d for _p, d, _r in wanted}, [LINKS])
        return len(wanted)

    def link(self, paper_id: int, dataset_id: int, relation: str, add: bool = True) -> bool:
        """Link (or unlink) a paper and a dataset; False when there was nothing to do."""
        return bool(self.link_many([(paper_id, dataset_id, relation)], add))

    def link_many(self, rows: Iterable[tuple[int, int, str]], add: bool = True) -> list[tuple[int, int, str]]:
        """Link (or unlink) many (paper, dataset, relation); returns those that changed."""
        from .undo import Link

        done: list[tuple[int, int, str]] = []
        wanted = list(dict.fromkeys(rows))
        for start in range(0, len(wanted), 300):  # many rows a statement: 30,000 links in 100 round trips
            chunk = wanted[start : start + 300]
            params: dict[str, Any] = {}
            marks = []
            for n, (paper_id, dataset_id, relation) in enumerate(chunk):
                params.update({f"p{n}": paper_id, f"d{n}": dataset_id, f"r{n}": relation})
                marks.append(f"(:p{n}, :d{n}, :r{n})")
            if add:
                query = ("INSERT INTO paper_dataset_link(paper_id, dataset_id, relation) VALUES " + ", ".join(marks)
                         + " ON CONFLICT DO NOTHING RETURNING paper_id, dataset_id, relation")
            else:
                query = ("DELETE FROM paper_dataset_link WHERE (paper_id, dataset_id, relation) IN (VALUES "
                         + ", ".join(marks) + ") RETURNING paper_id, dataset_id, relation")
            for found in sql.rows(self.conn, query, params):
                done.append(tuple(found))
                self._log(Link(found[0], found[1], found[2], add))
        if done:
            self.touch(Kind.PAPER, {p for p, _d, _r in done}, [LINKS])
            self.touch(Kind.DATASET, {d for _p, d, _r in done}, [LINKS])
        return done

    # ---- other rows: taxonomy, views, provenance, attachments ---------------------------------

    def insert_row(self, name: str, values: Mapping[str, Any], *, owner: tuple[Kind, int] | None = None) -> int:
        """Add a row to a table that is not an entry (tag, facet, synonym, view, provenance,
        attachment); ``owner`` is the entry a provenance or attachment row belongs to."""
        from ..models import new_uuid

        tab = table(name)
        row = _storable_row(values)
        if "uuid" in tab.c and not row.get("uuid"):
            row["uuid"] = new_uuid()
        if "version" in tab.c:
            row.setdefault("version", 1)
        row_id = self.conn.execute(insert(tab).values(**row).returning(tab.c.id)).scalar_one()
        self._row_changed(name, row_id, INSERT, owner, row.get("version"))
        from .undo import Created

        self._log(Created(name, row_id, owner))
        return row_id

    def insert_rows(self, name: str, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Add many child rows of entries added in this same transaction (provenance,
        attachments, notes of new entries): one statement per 2000 rows, no version bumps (the
        entries' insert is their change), and no undo step of their own: they stay with their
        entry, which the undo of its insert moves to the trash (as a deletion keeps them)."""
        if not rows:
            return []
        for row in rows:
            owner = next(((k, row[c]) for k, c in OWNER.items() if row.get(c) is not None), None)
            if owner is None or owner[1] not in self._new[owner[0]]:
                raise ValueError(f"{name} rows of entries not added by this transaction: use insert_row")
        return self._bulk_insert(table(name), [_storable_row(r) for r in rows])

    def delete_row(self, name: str, row_id: int, *, owner: tuple[Kind, int] | None = None) -> bool:
        """Delete a row of a table without a trash (synonym, provenance, attachment)."""
        if name in _SOFT_DELETED:
            raise ValueError(f"{name} rows are moved to the trash, not deleted")
        tab = table(name)
        row = self.conn.execute(delete(tab).where(tab.c.id == row_id).returning(*tab.c)).mappings().first()
        if row is None:
            return False
        self._row_changed(name, row_id, PURGE, owner, None)
        from .undo import Deleted

        self._log(Deleted(name, dict(row), owner))
        return True

    def move_rows(self, name: str, column: str, old: int, new: int, *, owner_kind: Kind | None = None,
                  where: str = "") -> list[int]:
        """Point rows of ``name`` whose ``column`` is ``old`` at ``new`` (provenance moving to a
        merged entry, synonyms to a merged tag); returns the ids moved."""
        moved = sql.column(
            self.conn,
            f"UPDATE {name} SET {column} = :new WHERE {column} = :old{where} RETURNING id",
            {"new": new, "old": old},
        )
        if moved:
            from .undo import Moved

            self._log(Moved(name, column, tuple(moved), old, new))
            if owner_kind is not None:
                self.touch(owner_kind, [old, new], [_CHILD_FIELD.get(name, name)])
            elif name == "tag_synonym":
                self.record("tag", old, UPDATE, ["synonyms"])
                self.record("tag", new, UPDATE, ["synonyms"])
        return moved

    def _row_changed(self, name: str, row_id: int, op: str, owner: tuple[Kind, int] | None,
                     version: int | None) -> None:
        if owner is not None:
            self.touch(owner[0], [owner[1]], [_CHILD_FIELD.get(name, name)])
        elif name == "tag_synonym":
            tag_id = sql.scalar(self.conn, "SELECT tag_id FROM tag_synonym WHERE id = :id", {"id": row_id})
            self.record("synonym", row_id, op, [str(tag_id or "")])
        else:
            entity = {v: k for k, v in ROW_ENTITIES.items()}.get(name, name)
            self.record(entity, row_id, op, version=version)

    # ---- bookkeeping rows (no versions, no undo) -----------------------------------------------

    def put_meta(self, key: str, value: str) -> None:
        """Set a fact about the catalog (``meta``)."""
        sql.execute(self.conn, "INSERT INTO meta(key, value) VALUES (:k, :v)"
                               " ON CONFLICT (key) DO UPDATE SET value = excluded.value", {"k": key, "v": value})

    BOOKKEEPING = {"sync_base": ("entity", "uuid"), "sync_conflict": ("entity", "uuid", "field"),
                   "sync_push": ("push_id",)}

    def put_rows(self, name: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert or replace bookkeeping rows (the sync's base copies, conflicts, pushes) by
        their key; these rows have no versions and no undo."""
        keys = self.BOOKKEEPING[name]
        if not rows:
            return
        columns = list(rows[0])
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys) or None
        conflict = f" ON CONFLICT ({', '.join(keys)}) " + (f"DO UPDATE SET {updates}" if updates else "DO NOTHING")
        statement = sql.statement(
            f"INSERT INTO {name}({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)}){conflict}")
        for start in range(0, len(rows), 1000):
            self.conn.execute(statement, [dict(r) for r in rows[start : start + 1000]])

    def bookkeeping(self, name: str, **where: Any) -> list[dict[str, Any]]:
        """The bookkeeping rows matching ``where`` (column = value, or IN for a list)."""
        if name not in self.BOOKKEEPING:
            raise ValueError(f"{name} is not a bookkeeping table")
        result = sql.execute(self.conn, f"SELECT * FROM {name} WHERE {self._where(where)}", where)
        return [dict(row._mapping) for row in result]

    def record_bookkeeping(self, name: str, before: list[dict[str, Any]], after: list[dict[str, Any]]) -> None:
        """Make a change of bookkeeping rows part of the command's undo (resolving a conflict)."""
        from .undo import Rows

        if before != after:
            self._log(Rows(name, before, after))

    def delete_rows(self, name: str, **where: Any) -> int:
        """Delete bookkeeping rows matching ``where`` (column = value, or IN for a list)."""
        if name not in self.BOOKKEEPING:
            raise ValueError(f"{name} is not a bookkeeping table")
        return sql.execute(self.conn, f"DELETE FROM {name} WHERE {self._where(where)}", where).rowcount

    @staticmethod
    def _where(where: Mapping[str, Any]) -> str:
        return " AND ".join(f"{c} IN :{c}" if isinstance(v, (list, tuple, set)) else f"{c} = :{c}"
                            for c in where for v in [where[c]]) or "1 = 1"

    def mark_seeded(self, keys: Iterable[str], catalog_version: str) -> None:
        """Remember bundled-catalog keys as applied, so they are never applied again."""
        rows = [{"key": k, "catalog_version": catalog_version, "applied_at": self.now} for k in keys]
        for start in range(0, len(rows), 500):
            self.conn.execute(sql.statement(
                "INSERT INTO seed_applied(key, catalog_version, applied_at) VALUES (:key, :catalog_version, :applied_at)"
                " ON CONFLICT (key) DO NOTHING"), rows[start : start + 500])

    # ---- commit ------------------------------------------------------------------------------

    def flush_index(self) -> None:
        """Rewrite now the search index of what this transaction changed so far (a bulk
        writer calls it per batch, so that the commit does not index a million entries in one
        go); what changes afterwards is indexed again at commit. The facet columns' sort keys
        likewise."""
        self._flush_sort_keys()
        for kind in Kind:
            runs = self._pending.reindex_runs[kind]
            for chunk, fresh in self._fresh_chunks(kind, runs, self._indexed[kind]):
                search.reindex(self.conn, kind, chunk, fresh=fresh)
            single = sorted(i for i in self._pending.reindex[kind] if i not in runs)
            for start in range(0, len(single), _INDEX_CHUNK):
                self.checkpoint()
                search.reindex(self.conn, kind, single[start : start + _INDEX_CHUNK])
            self._indexed[kind].update(i for i in single if i in self._new[kind])
            self._pending.reindex_runs[kind] = IdRuns()
            self._pending.reindex[kind] = set()

    def _fresh_chunks(self, kind: Kind, runs: IdRuns, written: IdRuns) -> Iterator[tuple[list[int], bool]]:
        """(chunk, fresh) of ``runs`` to rewrite derived rows of (index rows, sort keys), the
        checkpoint asked before each: fresh chunks hold entries added by this transaction whose
        rows it never ``written``, so there are none to delete first (an import's 100,000 new
        papers: no DELETE at all). They count as written from then on."""
        fresh = (runs & self._new[kind]) - written
        for part, is_fresh in ((runs - fresh, False), (fresh, True)):
            for chunk in part.chunks(_INDEX_CHUNK):
                self.checkpoint()
                yield chunk, is_fresh
        written.update(fresh)

    def _flush_sort_keys(self) -> None:
        """Rewrite the facet sort keys (``store.facet_sort``) of every entry in a new facet, of the
        entries added, trashed, restored or (un)tagged, and of the entries holding a tag whose
        labels, order or trash state changed."""
        pending = self._pending
        for kind in Kind:
            self.checkpoint()
            facet_sort.add_facets(self.conn, kind, pending.sort_facets)
            runs = pending.sort_keys[kind]
            runs.update(facet_sort.entries_tagged(self.conn, kind, pending.sort_moved_tags))
            for chunk, fresh in self._fresh_chunks(kind, runs, self._keyed[kind]):
                facet_sort.refresh(self.conn, kind, chunk, fresh=fresh)
            if pending.sort_tags:  # renamed, reordered, deleted or restored: their own facets only
                facets = facet_sort.facets_of(self.conn, pending.sort_tags)
                tagged = IdRuns(facet_sort.entries_tagged(self.conn, kind, pending.sort_tags)) - runs
                for chunk in tagged.chunks(_INDEX_CHUNK):
                    self.checkpoint()
                    facet_sort.refresh(self.conn, kind, chunk, facets)
                self._keyed[kind].update(tagged & self._new[kind])
            pending.sort_keys[kind] = IdRuns()
        pending.sort_tags, pending.sort_moved_tags, pending.sort_facets = set(), set(), set()

    def finish(self) -> ChangeSet:
        """Index what changed, log the changes; called by :meth:`Store.write` before commit."""
        self._build_dropped_indexes()  # never commit without them (a caller that caught an error)
        self.flush_index()
        changes = ChangeSet.merged(self._pending.changes, origin=self.store.origin)
        if changes:
            if self.conn.dialect.name == "postgresql":
                self.conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CHANGELOG_LOCK})")
            log = table("change_log")
            rows: list[dict[str, Any]] = []
            for change in changes:  # written in batches: a bulk change is not a million dicts at once
                rows.append({"at": self.now, "origin": self.store.origin, "entity": change.entity,
                             "entity_id": change.id, "op": change.op, "fields": fields_json(change.fields),
                             "version": change.version})
                if len(rows) >= 5000:
                    self.checkpoint()
                    self._write_log(log, rows)
                    rows = []
            self._write_log(log, rows)
            changes.last_seq = sql.scalar(self.conn, "SELECT max(seq) FROM change_log")
            if self.conn.dialect.name == "postgresql":
                sql.execute(self.conn, "SELECT pg_notify(:channel, :seq)",
                            {"channel": NOTIFY_CHANNEL, "seq": str(changes.last_seq)})
        return changes


    def _write_log(self, log: Table, rows: list[dict[str, Any]]) -> None:
        self._insert_plain(log, rows)  # COPY, or the driver's executemany (a row a change)


_UNSET = object()
_CHECK_EVERY = 100  # rows of a bulk insert between two checkpoints


def _bound_rows(conn: Connection, tab: Table, rows: list[dict[str, Any]],
                checkpoint: Callable[[], None] | None = None):
    """(column names, an iterator of value lists) of rows as the driver takes them: values
    converted as SQLAlchemy binds them (JSON lists as text, dates as SQLite writes them...);
    columns a row leaves out get their Python-side or server default. ``checkpoint`` is
    called every :data:`_CHECK_EVERY` rows (a cancellable writer raises from it)."""
    present = set().union(*(r.keys() for r in rows))
    names = [c.name for c in tab.c if c.name in present or c.default is not None]
    processors = {}
    for c in tab.c:
        if c.name in names:
            processors[c.name] = c.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    defaults = {c.name: c.default.arg for c in tab.c if c.name in names and c.default is not None and not callable(c.default.arg)}
    callables = {c.name: c.default.arg for c in tab.c if c.name in names and c.default is not None and callable(c.default.arg)}
    plan = [(name, processors.get(name), callables.get(name), defaults.get(name)) for name in names]

    def column(chunk: list[Mapping[str, Any]], name: str, process, make, default) -> list[Any]:
        if make is not None:
            raw = [row[name] if name in row else make(None) for row in chunk]
        else:
            raw = [row.get(name, default) for row in chunk]
        if process is None:
            return raw
        # Rows of a bulk insert share many values (the transaction's time, empty lists and maps
        # of defaulted fields): a value just converted is converted only once.
        out, last_in, last_out = [], _UNSET, None
        for value in raw:
            if value is None:
                out.append(None)
            elif value is last_in:
                out.append(last_out)
            else:
                last_in, last_out = value, process(value)
                out.append(last_out)
        return out

    def values():
        # Converted a column at a time, :data:`_CHECK_EVERY` rows at once (a checkpoint between).
        for start in range(0, len(rows), _CHECK_EVERY):
            if checkpoint is not None and start:
                checkpoint()
            chunk = rows[start : start + _CHECK_EVERY]
            yield from zip(*(column(chunk, *step) for step in plan))

    return names, values()


def copy_rows(conn: Connection, tab: Table, rows: list[dict[str, Any]],
              checkpoint: Callable[[], None] | None = None) -> None:
    """PostgreSQL: rows into a table with ``COPY`` (values converted as SQLAlchemy binds them:
    JSON lists as text...). Columns a row leaves out get their Python-side or server default."""
    if not rows:
        return
    names, values = _bound_rows(conn, tab, rows, checkpoint)
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        with cursor.copy(f"COPY {tab.name} ({', '.join(names)}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
    finally:
        cursor.close()


_CHILD_FIELD = {"provenance": PROVENANCE, "attachment": ATTACHMENTS, "note": NOTE,
                "paper_tag": TAGS, "dataset_tag": TAGS, "paper_dataset_link": LINKS}


Work = Callable[[Tx], T]
