"""What the charts count, read once per catalog state: a fact row per live entry (its year,
venue, what it lacks, and for each facet the bit set of the top-level tags it counts under), in
temporary tables of a connection the statistics keep for themselves.

A chart then reads one short row per entry of the view (``f.id IN (<the table's match>)``) and
groups a few thousand (year, bit set) pairs, where counting from the catalog joins every entry
to its tag memberships and walks the tag tree again: at 100,000 papers 60–130 ms instead of
0.4–1 s per chart on SQLite.

The facts follow ``change_log``: each :meth:`Facts.session` reads the newest ``seq`` and
brings the tables up to it: the rows of the entries changed since (a few ms for an edit; a new
tag gets the next bit of its facet, or its top-level tag's), or everything again when the
taxonomy's tree changed otherwise (a tag moved, merged or deleted; a facet) or many entries did
(an import, a sync); one to two seconds at 100,000 papers, once.
Temporary tables are private to the connection, invisible to the catalog and to other
processes, and written nowhere but in memory; they are not the catalog's data (the one write
path does not apply to them; they are written through ``core/store/scratch.py``).

On a catalog file (SQLite) the facts are kept between runs: their tables live in a file of their
own beside the catalog (:data:`KEPT_FILE`, attached to the statistics' connection), with a row
(:data:`META`) saying which catalog, migration and ``change_log`` position they are current at.
The next run, or another window on the same catalog, reads that row and brings them up to date
from the change log as above, so a first count reads no fact afresh (the read is 1.5 s at
100,000 papers, what the user waited for when the view first opened). The file is a cache:
deleted, damaged or of another catalog, it is read again; where it cannot be written, the
facts are temporary tables as on PostgreSQL.

A facet with more than :data:`MAX_BITS` top-level tags gets no bit set column: its charts are
counted from the catalog (``counts.py``), as before.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection
from sqlalchemy.pool import StaticPool

from ..entries import NO_YEAR, Query
from ..fields import Kind
from ..store import checkpoints, dialect, scratch, sql
from ..store.changes import ENTRY_ENTITIES, fields_from_json
from ..store.store import Store
from ..store.writes import MEMBER_TABLES, OWNER

if TYPE_CHECKING:
    from ..entries import Entries
    from .scope import Scope

MAX_BITS = 62  # top-level tags per facet that fit a bigint's bits (the sign bit unused)
REFRESH_UP_TO = 2_000  # changed entries refreshed row by row; more: the tables are read again
# Tag fields that do not move an entry between top-level tags (labels are read at count time).
_HARMLESS_TAG_FIELDS = frozenset({"label_en", "label_zh", "color", "position", "synonyms", "uuid", "version"})
# Conditions of the to-do counted from the facts, as bits of ``todo`` (paper only).
TODO_BITS = {"no_summary_en": 1, "no_summary_zh": 2, "no_code": 4, "no_authors": 8, "no_year": 16}

ROOTS = "rsfm_stats_root"  # (facet_id, root, tag_id, bit): each live tag with its top-level tag's bit
TABLES = {Kind.PAPER: "rsfm_stats_paper", Kind.DATASET: "rsfm_stats_dataset"}
LINKS = "rsfm_stats_link"  # (paper_id, dataset_id): each live paper linked to a live dataset, once
# (id, todo): the to-do bits (TODO_BITS) of each live paper that lacks something
TODO_FACTS = "rsfm_stats_todo"
# Parts of the facts read only when a count first needs them (:meth:`Facts.need`): the to-do
# bits read every paper's summaries (half a second at 100,000 papers), the links a second table;
# the charts a user meets first need neither.
LINKS_PART, TODO_PART = "links", "todo"
# (id, venue): the live papers' venues as their sort index holds them, while the facts are read
_VENUES = "rsfm_stats_venue_stage"
_MASKS = "rsfm_stats_mask_stage"  # (id, a bit set per facet): the same of their tags
_WORDS = "rsfm_stats_word_stage"  # (tag_id, word): its top-level tag's bit in a word of all facets
# (id): the live entries of a view of each kind, read once for the counts that read them more
# than once (the matrix, the to-do)
VIEWS = {Kind.PAPER: "rsfm_stats_view_paper", Kind.DATASET: "rsfm_stats_view_dataset"}
# (id): the papers of a view that link to a live dataset, all the matrix reads (a third of the
# papers, or fewer: the view's ids are read and written once, the matrix's two statements then
# read only these)
LINKED_VIEW = "rsfm_stats_view_linked"
# (id): the ids a view's search (and what else the facts cannot test) matched, of each kind,
# read once for every chart and page of that view (the search is the dearest part of a count:
# a word in most papers matches 62,000 of 100,000)
# The last MATCHES_KEPT searches of each kind are kept (a search cleared and typed again, the
# previous one gone back to; about 0.5 MB per 60,000 ids).
MATCHES_KEPT = 4
MATCHES = {kind: tuple(f"rsfm_stats_match_{kind.value}_{i}" for i in range(MATCHES_KEPT)) for kind in Kind}
# The facts kept between runs (SQLite, a catalog file): the file beside the catalog, its schema
# name on the connection, the row saying what they are current at, and what of the facts is
# kept there (the rest, a view's ids, stays temporary). FORMAT changes when the tables do.
KEPT_FILE = "stats-facts.sqlite3"
KEPT = "rsfm_facts"
META = "rsfm_stats_meta"
FORMAT = 1
KEPT_TABLES = frozenset((ROOTS, LINKS, TODO_FACTS, META, *TABLES.values()))
ALL_TABLES = (META, ROOTS, LINKS, TODO_FACTS, _VENUES, _MASKS, _WORDS, *VIEWS.values(), LINKED_VIEW,
              *(t for tables in MATCHES.values() for t in tables), *TABLES.values())
# The live links (a live paper to a live dataset) of the papers (``stats_papers``) or datasets
# (``stats_datasets``) given: the links' key read in order, less those of a trashed paper or
# dataset (read from the trash's indexes), where joining each link to its dataset's row took
# five times as long (150 ms for 33,000 links). Every link fact is live, so a count of a view's
# links needs no look-up of its papers' facts.
_LINK_SELECT = ("SELECT DISTINCT l.paper_id, l.dataset_id FROM paper_dataset_link l"
                " WHERE +l.dataset_id NOT IN (SELECT d.id FROM dataset d WHERE d.deleted_at IS NOT NULL)"
                " AND +l.paper_id NOT IN (SELECT p.id FROM paper p WHERE p.deleted_at IS NOT NULL)")


def view_key(query: Query) -> tuple:
    """What of a query decides a count (not its sort)."""
    tags = tuple(sorted((int(f), tuple(sorted(ids))) for f, ids in query.tags.items() if ids))
    only = None if query.only is None else tuple(sorted(query.only))
    return query.text, tags, query.year, only, query.trashed, query.fulltext


@dataclass
class State:
    """What the temporary tables hold: the ``change_log`` position they are current at, and the
    bit set column of each facet (by facet key) that has one."""

    seq: int = -1
    columns: dict[str, str] = field(default_factory=dict)  # facet key -> column (``m<facet id>``)
    deep: set[str] = field(default_factory=set)  # facets with tags beneath their top-level tags
    builds: int = 0  # full reads (for the tests and the benchmark)
    refreshed: int = 0  # entries refreshed row by row

    # table of VIEWS (or LINKED_VIEW) -> (the view's key, seq) whose ids it holds
    pinned: dict[str, tuple] = field(default_factory=dict)
    indexes: set[str] = field(default_factory=set)  # the indexes made on the fact tables
    parts: set[str] = field(default_factory=set)  # the parts read so far (LINKS_PART, TODO_PART)
    used: dict[str, int] = field(default_factory=dict)  # table of MATCHES -> when last used
    uses: int = 0
    kept: str | None = None  # the attached file's schema holding the facts (None: temporary tables)
    token: str = ""  # the read of the facts (a new one at each read; another window's may replace it)

    def schema(self, table: str) -> str | None:
        """Where ``table`` is made: the kept file's schema for the facts kept there."""
        return self.kept if self.kept and table in KEPT_TABLES else None

    def group_index(self, conn: Connection, kind: Kind, columns: tuple[str, ...]) -> None:
        """An index of the kind's fact rows on the columns a chart groups by, made the first
        time (30-60 ms at 100,000 papers, once per read of the facts): the groups then come
        in order from it, where SQLite otherwise sorts every row of the view first (100,000
        rows: 130 -> 13 ms). It holds the year and every bit set too, so a view's conditions
        on them (:meth:`narrow`) are read from it, not from each row."""
        name = f"{TABLES[kind]}_{'_'.join(columns)}"
        if name not in self.indexes:
            rest = [c for c in ("year", *self.columns.values()) if c not in columns]
            scratch.index(conn, TABLES[kind], name, ", ".join((*columns, *rest)), self.schema(TABLES[kind]))
            self.indexes.add(name)

    def narrow(self, conn: Connection, scope: Scope, entries: Entries) -> Scope:
        """``scope`` with what the fact rows hold as conditions on them: a facet's selected
        tags, when each is a live top-level tag with a bit, as a test of its bit set (a tag
        matches its descendants: the bit set is of top-level tags, so one beneath keeps the
        catalog's own filter); the year as a test of the year. Only the rest (the search text,
        an id list, tags beneath the top level) is matched in the catalog."""
        query = scope.query
        if not scope.filtered or scope.narrowed:
            return scope if scope.narrowed else replace(scope, fact_params={})
        conds: list[str] = []
        rest: dict[int, list[int]] = {}
        groups = {facet: sorted(set(ids)) for facet, ids in query.tags.items() if ids}
        if groups:
            bits = {int(t): (int(f), int(b)) for t, f, b in sql.rows(
                conn, f"SELECT tag_id, facet_id, bit FROM {ROOTS} WHERE tag_id = root AND bit IS NOT NULL"
                      " AND tag_id IN :stats_tags", {"stats_tags": sorted({i for ids in groups.values() for i in ids})})}
            columns = set(self.columns.values())
            for facet, ids in groups.items():
                if not all(i in bits and f"m{bits[i][0]}" in columns for i in ids):
                    rest[facet] = ids
                    continue
                masks: dict[int, int] = {}
                for i in ids:
                    facet_id, bit = bits[i]
                    masks[facet_id] = masks.get(facet_id, 0) | bit
                conds.append("(" + " OR ".join(f"(f.m{f} & {m}) <> 0" for f, m in sorted(masks.items())) + ")")
        if query.year == NO_YEAR:
            conds.append("f.year IS NULL")
        elif query.year is not None:
            conds.append(f"f.year = {int(query.year)}")
        match = entries.match_sql(conn, scope.kind, query.text, rest, query.fulltext, only=query.only)
        fact_match = None
        if match:
            key = (query.text, tuple(sorted((f, tuple(ids)) for f, ids in rest.items())), query.fulltext,
                   None if query.only is None else tuple(sorted(query.only)), self.seq)
            fact_match = self._matched(conn, MATCHES[scope.kind], key, match)
        return replace(scope, fact_conds=" AND ".join(conds), fact_match=fact_match, fact_params={})

    def _matched(self, conn: Connection, tables: tuple[str, ...], key: tuple, match: tuple[str, dict]) -> str:
        """The query of the ids ``match`` finds, read into one of ``tables`` unless one holds
        them already (the same search, the catalog unchanged; else the one used longest ago):
        the charts of a view, and its other pages, test their rows against the table's key."""
        table = next((t for t in tables if self.pinned.get(t) == key), None)
        if table is None:
            table = next((t for t in tables if t not in self.pinned), None) or min(
                tables, key=lambda t: self.used.get(t, 0))
            self.pinned.pop(table, None)
            scratch.create(conn, table, "id INTEGER NOT NULL PRIMARY KEY", if_missing=True)
            scratch.delete(conn, table)
            # Each id once by the table's key (a DISTINCT sorted them all first: 62,000 hits, 60 -> 38 ms).
            scratch.fill(conn, table, f"SELECT id FROM ({match[0]}) AS m", match[1], skip_key="id")
            scratch.analyze(conn, table)
            self.pinned[table] = key
        self.uses += 1
        self.used[table] = self.uses
        return f"SELECT id FROM {table}"

    def pin(self, conn: Connection, scope: Scope, entries: Entries, linked: bool = False) -> Scope:
        """``scope`` with the view's ids read once into a temporary table (a search and a tag
        filter together take up to 100 ms at 100,000 papers), for a count of several statements
        (the matrix, the to-do); kept while the catalog and the view stay as they are. With
        ``linked``, only the view's papers that link to a live dataset (the matrix's rows: at
        most a third of a view at 100,000 papers, so a third of the rows to write and to read
        again). Valid in the sessions of this state. (For one statement it costs more than it
        saves: the charts match the view in their statement.)"""
        if not scope.filtered:
            return scope
        scope = self.narrow(conn, scope, entries)
        table = LINKED_VIEW if linked else VIEWS[scope.kind]
        key = (view_key(scope.query), self.seq)
        if self.pinned.get(table) != key:
            self.pinned.pop(table, None)
            scratch.create(conn, table, "id INTEGER NOT NULL PRIMARY KEY", if_missing=True)
            scratch.delete(conn, table)
            conds = f"EXISTS (SELECT 1 FROM {LINKS} k WHERE k.paper_id = f.id)" if linked else ""
            scratch.fill(conn, table, scope.facts("f.id", conds=conds), scope.facts_params)
            scratch.analyze(conn, table)
            self.pinned[table] = key
        match = f"SELECT id FROM {table}"
        return replace(scope, where=f"e.deleted_at IS NULL AND +e.id IN ({match})", params={}, match=match,
                       fact_conds="", fact_match=match, fact_params={})


class Interrupted(Exception):
    """A count stopped by :meth:`Facts.interrupt` (its answer was no longer wanted)."""


def kept_path(store: Store) -> Path | None:
    """The file the facts of a catalog file are kept in (None: a lab server, an in-memory
    catalog)."""
    if not dialect.is_sqlite(store.engine) or isinstance(store.engine.pool, StaticPool):
        return None
    database = store.engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).parent / KEPT_FILE


class Facts:
    def __init__(self, store: Store, keep: bool = True):
        """``keep``: keep the facts between runs where the catalog allows (:func:`kept_path`);
        else always temporary tables, read afresh by each instance."""
        self.store = store
        self.state = State()
        self._kept_path = kept_path(store) if keep else None
        self._lock = threading.Lock()
        self._conn: Connection | None = None
        self._raw = None  # the driver's connection of the session counting (None: not counting)
        self._interrupted = False
        # One in-memory connection shared by all (a dry run's catalog): use it as it comes.
        self._shared = isinstance(store.engine.pool, StaticPool)

    @contextmanager
    def session(self) -> Iterator[tuple[Connection, State]]:
        """The statistics' connection with the facts current, one transaction (SQLite: one
        snapshot, so the facts and the view's match read the same catalog). One session at a
        time; a failure drops the connection and its tables (the next session starts anew),
        except an :meth:`interrupt` of the counting, which raises :class:`Interrupted` and
        keeps the facts."""
        with self._lock:
            conn = self._settled()
            try:
                self._interrupted = False
                self._raw = raw = conn.connection.dbapi_connection
                dialect.abort_while(raw, lambda: self._interrupted)
                yield conn, self.state
                conn.commit()
            except BaseException as exc:
                if not self._interrupted:
                    self._drop()
                    raise
                self._rolled_back(conn)
                raise Interrupted() from exc
            finally:
                raw, self._raw = self._raw, None
                self._interrupted = False
                if raw is not None:
                    try:
                        dialect.abort_while(raw, None)
                    except Exception:  # noqa: BLE001 (the connection was closed: nothing to undo)
                        pass

    def _settled(self) -> Connection:
        """The connection with the facts brought up to date; where the kept file fails (a full
        disk, a file made read-only), once more with temporary tables, as from now on."""
        conn = self._connection()
        try:
            self._settle(conn)
            return conn
        except BaseException as exc:
            kept = self.state.kept
            self._drop()
            if not kept or not isinstance(exc, Exception):
                raise
        self._kept_path = None
        conn = self._connection()
        try:
            self._settle(conn)
        except BaseException:
            self._drop()
            raise
        return conn

    def need(self, conn: Connection, *parts: str) -> None:
        """Read the parts of the facts (``LINKS_PART``, ``TODO_PART``) a count needs and the
        session has not read yet; inside :meth:`session`, before the count (never interrupted:
        the part is committed once read, so a count stopped later keeps it)."""
        missing = [p for p in parts if p not in self.state.parts]
        if not missing:
            return
        raw, self._raw = self._raw, None  # an interrupt now finds no count to stop
        try:
            for part in missing:
                self._read_part(conn, part)
            self._settle(conn, read=True)
        finally:
            self._raw = raw

    def _settle(self, conn: Connection, read: bool = False) -> None:
        """Bring the facts up to the catalog's newest change and commit what that wrote (or
        what was just ``read``), so a count interrupted later keeps it; then, in the new
        transaction the count runs in, once more up to the newest change (usually none): the
        facts and the count read one snapshot."""
        while self._bring_up_to_date(conn) or read:
            read = False
            conn.commit()

    def interrupt(self) -> bool:
        """Stop the count a session runs now (from another thread: the answer is no longer
        wanted); the facts stay. False when no count runs (bringing the facts up to date is
        never interrupted)."""
        raw = self._raw
        if raw is None or self._shared:
            return False
        self._interrupted = True
        dialect.interrupt(raw)
        return True

    def _rolled_back(self, conn: Connection) -> None:
        """After an interrupted count: its transaction undone (the view tables it filled with
        it), the facts kept."""
        self.state.pinned.clear()
        self.state.indexes.clear()
        try:
            conn.rollback()
        except Exception:  # noqa: BLE001 (the connection broke meanwhile: start anew)
            self._drop()

    def close(self) -> None:
        with self._lock:
            self._drop()

    # ---- the connection ----------------------------------------------------------------------

    def _connection(self) -> Connection:
        if self._conn is None:
            self._conn = self.store.engine.connect()
            if not self._shared:
                scratch.prepare(self._conn)
            self.state = State(builds=self.state.builds, refreshed=self.state.refreshed,
                               kept=self._attach(self._conn))
        return self._conn

    def _attach(self, conn: Connection) -> str | None:
        """Attach the kept facts' file (made if missing; a damaged one is deleted and made
        anew); None where it cannot be (the folder read-only, the disk full: temporary tables)."""
        path = self._kept_path
        if path is None or not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            return None  # (its journal is made beside it)
        raw = conn.connection.dbapi_connection
        for attempt in range(2):
            try:
                scratch.attach(raw, str(path), KEPT)
                raw.execute(f"SELECT count(*) FROM {KEPT}.sqlite_master").fetchall()
                # the catalog's connections leave checkpoints to a thread; the kept file has none
                raw.execute("PRAGMA wal_autocheckpoint=1000")
                return KEPT
            except sqlite3.Error:
                try:
                    scratch.detach(raw, KEPT)
                except sqlite3.Error:
                    pass
                if attempt == 0 and path.exists():
                    try:  # not a database (damaged): the cache is made anew
                        for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                            name.unlink(missing_ok=True)
                    except OSError:
                        return None
                    continue
                return None
        return None

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        kept = self.state.kept
        self.state = State(builds=self.state.builds, refreshed=self.state.refreshed)
        if conn is None:
            return
        try:
            conn.rollback()
            if self._shared:  # the tables would outlive this connection object
                for table in ALL_TABLES:
                    scratch.drop(conn, table)
                conn.commit()
            if kept:  # the driver connection goes back to the pool: without the file
                raw = conn.connection.dbapi_connection
                scratch.detach(raw, kept)
                if checkpoints.of(self.store.engine) is not None:
                    raw.execute("PRAGMA wal_autocheckpoint=0")
        except Exception:  # noqa: BLE001 (a broken connection: nothing to clean up)
            pass
        finally:
            try:
                conn.close()
            except Exception:  # noqa: BLE001
                pass

    # ---- keeping up ----------------------------------------------------------------------------

    def _bring_up_to_date(self, conn: Connection) -> bool:
        """Whether anything was written (the facts were behind)."""
        state = self.state
        seq = int(sql.scalar(conn, "SELECT coalesce(max(seq), 0) FROM change_log") or 0)
        if state.kept:
            self._follow_kept(conn)
        if seq == state.seq:
            return False
        if state.seq < 0 or seq < state.seq:  # nothing read yet, or another catalog (restored)
            self._build(conn, seq)
            return True
        changed = self._changed_since(conn, state.seq)
        if changed is None or not self._add_tags(conn, changed.pop("tags"), changed):
            self._build(conn, seq)
            return True
        for kind, ids in changed.items():
            if ids:
                self._refresh(conn, kind, ids)
                state.refreshed += len(ids)
        if any(changed.values()) and LINKS_PART in state.parts:
            self._refresh_links(conn, changed[Kind.PAPER], changed[Kind.DATASET])
        state.seq = seq
        self._write_meta(conn)
        return True

    def _add_tags(self, conn: Connection, added: list[int], changed: dict[Kind, set[int]]) -> bool:
        """Give tags added since the facts were read their bit: a new top-level tag the next
        of its facet (the facet's bits are numbered as added), one beneath its top-level tag's.
        False (the facts must be read again) when one is moved or gone meanwhile, its facet
        runs out of bits or has none, or it has members the change log did not name (a tag
        restored with its entries)."""
        if not added:
            return True
        state = self.state
        found = sql.rows(conn, "SELECT t.id, t.facet_id, t.parent_id, f.key FROM tag t JOIN facet f ON f.id = t.facet_id"
                               " WHERE t.id IN :stats_tags AND t.deleted_at IS NULL AND f.deleted_at IS NULL",
                         {"stats_tags": sorted(set(added))})
        if len(found) != len(set(added)) or sql.scalar(
                conn, f"SELECT count(*) FROM {ROOTS} WHERE tag_id IN :stats_tags", {"stats_tags": sorted(set(added))}):
            return False
        for kind, members in MEMBER_TABLES.items():
            owner = OWNER[kind]
            if sql.scalar(conn, f"SELECT count(*) FROM {members} WHERE tag_id IN :stats_tags"
                                f" AND {owner} NOT IN :stats_owners",
                          {"stats_tags": sorted(set(added)), "stats_owners": sorted(changed[kind]) or [0]}):
                return False
        rows = {int(t): (int(f), None if p is None else int(p), k) for t, f, p, k in found}
        for tag in sorted(rows):  # parents before children (ids grow as tags are added)
            facet, parent, key = rows[tag]
            if key not in state.columns:
                return False
            if parent is None:
                n = int(sql.scalar(conn, f"SELECT count(*) FROM {ROOTS} WHERE facet_id = :f AND tag_id = root",
                                   {"f": facet}))
                if n >= MAX_BITS:
                    return False
                root, bit = tag, 1 << n
            else:
                above = sql.rows(conn, f"SELECT root, bit FROM {ROOTS} WHERE tag_id = :p AND facet_id = :f",
                                 {"p": parent, "f": facet})
                if not above:
                    return False
                root, bit = int(above[0][0]), above[0][1]
                state.deep.add(key)
            scratch.fill(conn, ROOTS, "SELECT :tag, :facet, :root, :bit",
                         {"tag": tag, "facet": facet, "root": root, "bit": bit})
        return True

    # ---- kept between runs -----------------------------------------------------------------------

    def _identity(self, conn: Connection, seq: int) -> dict:
        """What the kept facts must have been read from: this catalog, at this migration, with
        this change at ``seq`` (a catalog restored from a backup, or replaced by another with as
        many changes, has another there)."""
        stamp = sql.rows(conn, "SELECT CAST(at AS VARCHAR), origin FROM change_log WHERE seq = :seq",
                         {"seq": seq}) if seq > 0 else [("", "")]
        return {"format": FORMAT,
                "catalog": sql.scalar(conn, "SELECT value FROM meta WHERE key = 'catalog_id'"),
                "revision": sql.scalar(conn, "SELECT version_num FROM alembic_version"),
                "stamp": [str(v) for v in stamp[0]] if stamp else None}

    def _follow_kept(self, conn: Connection) -> None:
        """Take the kept facts' state from their file: at the first session, or when another
        window (process) read them again; a file of another catalog, or none, is read afresh."""
        state = self.state
        found = []
        if sql.scalar(conn, f"SELECT count(*) FROM {KEPT}.sqlite_master WHERE name = :meta", {"meta": META}):
            found = sql.rows(conn, f"SELECT token, seq, facts FROM {KEPT}.{META}")
        if not found:
            state.seq, state.token = -1, ""
            return
        token, seq, facts = found[0]
        if token == state.token:  # as this window left them, or brought further by another
            state.seq, state.parts = int(seq), set(json.loads(facts)["parts"])
            return
        facts = json.loads(facts)
        if facts.get("identity") != self._identity(conn, int(seq)):
            state.seq, state.token = -1, ""
            return
        state.token, state.seq = token, int(seq)
        state.columns, state.deep, state.parts = dict(facts["columns"]), set(facts["deep"]), set(facts["parts"])
        state.pinned.clear()
        state.indexes = {name for (name,) in sql.rows(
            conn, f"SELECT name FROM {KEPT}.sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}

    def _write_meta(self, conn: Connection) -> None:
        state = self.state
        if not state.kept:
            return
        facts = {"identity": self._identity(conn, state.seq), "columns": state.columns,
                 "deep": sorted(state.deep), "parts": sorted(state.parts)}
        scratch.create(conn, META, "token VARCHAR NOT NULL, seq BIGINT NOT NULL, facts VARCHAR NOT NULL",
                       if_missing=True, schema=state.kept)
        scratch.delete(conn, META)
        scratch.fill(conn, META, "SELECT :token, :seq, :facts",
                     {"token": state.token, "seq": state.seq, "facts": json.dumps(facts)})

    def _changed_since(self, conn: Connection, seq: int) -> dict | None:
        """Entries changed after ``seq`` (and under ``"tags"`` the tags added, in order); None
        when the facts must be read again (the tag tree or a facet changed otherwise, or too
        many entries)."""
        found = sql.rows(conn, "SELECT entity, entity_id, op, fields FROM change_log WHERE seq > :seq"
                               f" ORDER BY seq LIMIT {REFRESH_UP_TO + 1}", {"seq": seq})
        if len(found) > REFRESH_UP_TO:
            return None
        changed: dict = {kind: set() for kind in Kind}
        changed["tags"] = added = []
        kinds = {entity: kind for kind, entity in ENTRY_ENTITIES.items()}
        for entity, entity_id, op, fields in found:
            if entity in kinds:
                changed[kinds[entity]].add(int(entity_id))
            elif entity == "tag" and op == "insert":
                added.append(int(entity_id))
            elif entity == "facet" or (entity == "tag" and (op != "update" or not (
                    fields_from_json(fields) <= _HARMLESS_TAG_FIELDS))):
                return None
        return changed

    # ---- reading the facts ---------------------------------------------------------------------

    def _build(self, conn: Connection, seq: int) -> None:
        for table in ALL_TABLES:
            scratch.drop(conn, table)
            if self.state.schema(table):  # a temporary one of the name went first
                scratch.drop(conn, table, self.state.kept)
        # Each live tag with the bit of its top-level tag (the n-th of its facet in tree order).
        scratch.create(conn, ROOTS, schema=self.state.schema(ROOTS), columns="tag_id INTEGER NOT NULL PRIMARY KEY, facet_id INTEGER NOT NULL,"
                                    " root INTEGER NOT NULL, bit BIGINT")
        scratch.fill(
            conn, ROOTS,
            "WITH RECURSIVE r(facet_id, root, tag_id, n) AS ("
            # Numbered as added (by id), so a new top-level tag takes the next bit (:meth:`_add_tags`).
            " SELECT t.facet_id, t.id, t.id, row_number() OVER (PARTITION BY t.facet_id ORDER BY t.id) - 1"
            " FROM tag t JOIN facet f ON f.id = t.facet_id"
            " WHERE t.parent_id IS NULL AND t.deleted_at IS NULL AND f.deleted_at IS NULL"
            " UNION ALL SELECT r.facet_id, r.root, t.id, r.n FROM r JOIN tag t ON t.parent_id = r.tag_id"
            " WHERE t.deleted_at IS NULL)"
            f" SELECT tag_id, facet_id, root, CASE WHEN n < {MAX_BITS} THEN CAST(1 AS bigint) << CAST(n AS integer) END"
            " FROM r",
        )
        columns: dict[str, str] = {}
        deep: set[str] = set()
        for facet_id, key, roots, children in sql.rows(
            conn, f"SELECT f.id, f.key, sum(CASE WHEN r.tag_id = r.root THEN 1 ELSE 0 END),"
                  f" sum(CASE WHEN r.tag_id = r.root THEN 0 ELSE 1 END) FROM {ROOTS} r"
                  " JOIN facet f ON f.id = r.facet_id GROUP BY f.id, f.key ORDER BY f.id"):
            if roots <= MAX_BITS:
                columns[key] = f"m{int(facet_id)}"
                if children:
                    deep.add(key)
        self.state.columns = columns
        self.state.deep = deep
        scratch.analyze(conn, ROOTS)
        for kind, table in TABLES.items():
            masks = "".join(f", {c} BIGINT NOT NULL" for c in columns.values())
            extra = ", venue VARCHAR" if kind is Kind.PAPER else ""
            scratch.create(conn, table, f"id INTEGER NOT NULL PRIMARY KEY, year INTEGER{extra}{masks}",
                           schema=self.state.schema(table))
            if kind is Kind.PAPER:
                self._fill_papers(conn)
            else:
                scratch.fill(conn, table, *self._select(conn, kind))
            scratch.analyze(conn, table)
        self.state.parts.clear()
        self.state.pinned.clear()
        self.state.indexes.clear()
        self.state.seq = seq
        self.state.builds += 1
        self.state.token = uuid.uuid4().hex
        self._write_meta(conn)

    def _fill_papers(self, conn: Connection) -> None:
        """The papers' facts, read from indexes only: the year and the venue from their sort
        indexes (which hold the live papers), the bit sets from the tag memberships' key,
        each staged by id first. The paper table itself holds the summaries (44 MB at 100,000
        papers): reading its rows took half of the two seconds the facts took."""
        columns = self.state.columns
        scratch.create(conn, _VENUES, "id INTEGER NOT NULL PRIMARY KEY, venue VARCHAR")
        scratch.fill(conn, _VENUES, "SELECT e.id, lower(e.venue) FROM paper e"
                                    " WHERE e.deleted_at IS NULL AND (e.venue IS NULL) = false")
        joins = f" LEFT JOIN {_VENUES} v ON v.id = e.id"
        if columns:
            scratch.create(conn, _MASKS, "id INTEGER NOT NULL PRIMARY KEY"
                           + "".join(f", {c} BIGINT NOT NULL" for c in columns.values()))
            scratch.fill(conn, _MASKS, self._masks_select(conn))
            joins += f" LEFT JOIN {_MASKS} k ON k.id = e.id"
        scratch.fill(conn, TABLES[Kind.PAPER],
                     "SELECT e.id, e.year, v.venue" + "".join(f", coalesce(k.{c}, 0)" for c in columns.values())
                     + f" FROM paper e{joins} WHERE e.deleted_at IS NULL ORDER BY (e.year IS NULL), e.year, e.id")
        for table in (_VENUES, _MASKS, _WORDS):
            scratch.drop(conn, table)

    def _masks_select(self, conn: Connection) -> str:
        """Each tagged paper's bit set of every facet (``paper_id, m…``), read with one sum
        per paper over a word of all facets that its memberships' tags fill (732,000
        memberships at 100,000 papers), then cut into the facets' bit sets:

        * every live tag of the facets fits the word (43 in the bundled taxonomy): each tag has
          a bit of its own, so a paper's tags, distinct by the membership's key, are summed as
          they come, and the bits of the tags beneath a top-level tag are folded into its bit
          per paper (where a sum of distinct bits sorted each paper's bits: half the CPU);
        * else, the top-level tags fit: each tag has its top-level tag's bit, summed distinct;
        * else one sum per facet."""
        columns = self.state.columns
        facets = [int(c[1:]) for c in columns.values()]
        tags = [(int(t), int(f), int(r), b) for t, f, r, b in sql.rows(
            conn, f"SELECT tag_id, facet_id, root, bit FROM {ROOTS} ORDER BY facet_id, bit, tag_id")
            if int(f) in facets]
        sizes = {f: sum(1 for _t, tf, r, _b in tags if tf == f and r == _t) for f in facets}
        if sum(sizes.values()) > MAX_BITS:
            masks = ", ".join(self._mask_sum(key, column) for key, column in columns.items())
            return (f"SELECT m.paper_id, {masks} FROM paper_tag m CROSS JOIN {ROOTS} r"
                    " WHERE r.tag_id = m.tag_id GROUP BY m.paper_id")
        offsets, at = {}, 0
        for f in facets:
            offsets[f], at = at, at + sizes[f]
        own = len(tags) <= MAX_BITS  # room for a bit per tag beneath a top-level tag
        word: dict[int, int] = {}  # tag -> its bit in the word
        beneath: dict[tuple[int, int], int] = {}  # (facet, its top-level tag's bit) -> their bits
        for tag, facet, root, bit in tags:
            if tag == root or not own:
                word[tag] = int(bit) << offsets[facet]
            else:
                word[tag], at = 1 << at, at + 1
                beneath[facet, int(bit)] = beneath.get((facet, int(bit)), 0) | word[tag]
        scratch.create(conn, _WORDS, "tag_id INTEGER NOT NULL PRIMARY KEY, word BIGINT NOT NULL")
        scratch.fill(conn, _WORDS, f"SELECT tag_id, CASE tag_id {' '.join(f'WHEN {t} THEN {w}' for t, w in word.items())}"
                                   f" END FROM {ROOTS} WHERE tag_id IN ({', '.join(map(str, word))})")

        def cut(f: int) -> str:
            folded = "".join(f" | CASE WHEN (s.a & {mask}) <> 0 THEN {bit} ELSE 0 END"
                             for (facet, bit), mask in sorted(beneath.items()) if facet == f)
            return f"((s.a >> {offsets[f]}) & {(1 << sizes[f]) - 1}){folded}"

        total = "sum(w.word)" if own else "sum(DISTINCT w.word)"
        return (f"SELECT s.id, {', '.join(cut(f) for f in facets)} FROM (SELECT m.paper_id AS id,"
                f" CAST({total} AS BIGINT) AS a FROM paper_tag m CROSS JOIN {_WORDS} w WHERE w.tag_id = m.tag_id"
                " GROUP BY m.paper_id) s")

    def _mask_sum(self, key: str, column: str) -> str:
        """An entry's bits of a facet, summed over its tags (``r``): once per top-level tag
        (DISTINCT) where the facet has tags beneath, so two tags beneath one top-level tag
        count as one."""
        return (f"coalesce(sum({'DISTINCT ' if key in self.state.deep else ''}"
                f"CASE WHEN r.facet_id = {column[1:]} THEN r.bit END), 0)")

    def _read_part(self, conn: Connection, part: str) -> None:
        if part == LINKS_PART:
            scratch.create(conn, LINKS, "paper_id INTEGER NOT NULL, dataset_id INTEGER NOT NULL,"
                                        " PRIMARY KEY (paper_id, dataset_id)", schema=self.state.schema(LINKS))
            scratch.fill(conn, LINKS, _LINK_SELECT)
            scratch.index(conn, LINKS, f"{LINKS}_dataset", "dataset_id, paper_id",  # a dataset's papers (the to-do)
                          self.state.schema(LINKS))
            scratch.analyze(conn, LINKS)
        elif part == TODO_PART:
            scratch.create(conn, TODO_FACTS, "id INTEGER NOT NULL PRIMARY KEY, todo INTEGER NOT NULL",
                           schema=self.state.schema(TODO_FACTS))
            scratch.fill(conn, TODO_FACTS, self._todo_select(conn))
            scratch.analyze(conn, TODO_FACTS)
        else:
            raise KeyError(part)
        self.state.parts.add(part)
        self._write_meta(conn)

    def _todo_select(self, conn: Connection, cond: str = "") -> str:
        """The to-do bits of the live papers (those matching ``cond`` on ``e``) that lack
        something."""
        from .todo import condition

        if cond:  # a few papers: their rows read
            bits = " + ".join(f"CASE WHEN {condition(conn, Kind.PAPER, key)[0]} THEN {bit} ELSE 0 END"
                              for key, bit in TODO_BITS.items())
            return (f"SELECT id, todo FROM (SELECT e.id, {bits} AS todo FROM paper e"
                    f" WHERE e.deleted_at IS NULL AND {cond}) t WHERE todo <> 0")
        # Every paper: each condition's papers read from its partial index (columns.py
        # ``PAPER_LACKS``; the year's from the year's sort index), their bits summed per paper;
        # no paper's row is read (its summaries: 1.1 s of CPU at 100,000 papers, now 0.13 s).
        arms = " UNION ALL ".join(f"SELECT e.id, {bit} AS bit FROM paper e WHERE e.deleted_at IS NULL"
                                  f" AND {condition(conn, Kind.PAPER, key)[0]}" for key, bit in TODO_BITS.items())
        return f"SELECT a.id, sum(a.bit) FROM ({arms}) a GROUP BY a.id"

    def _refresh(self, conn: Connection, kind: Kind, ids: set[int]) -> None:
        table = TABLES[kind]
        params = {"stats_ids": dialect.id_set_param(conn, ids)}
        cond = f"id IN ({dialect.id_set(conn, 'stats_ids')})"
        scratch.delete(conn, table, cond, params)
        select, select_params = self._select(conn, kind, f"e.{cond}")
        scratch.fill(conn, table, select, {**select_params, **params})
        if kind is Kind.PAPER and TODO_PART in self.state.parts:
            scratch.delete(conn, TODO_FACTS, cond, params)
            scratch.fill(conn, TODO_FACTS, self._todo_select(conn, f"e.{cond}"), params)

    def _refresh_links(self, conn: Connection, papers: set[int], datasets: set[int]) -> None:
        """The link facts of changed papers (a link added or removed touches both ends) and of
        changed datasets (deleted, restored, purged: their links leave or come back)."""
        ids = dialect.id_set(conn, "stats_papers"), dialect.id_set(conn, "stats_datasets")
        params = {"stats_papers": dialect.id_set_param(conn, papers),
                  "stats_datasets": dialect.id_set_param(conn, datasets)}
        scratch.delete(conn, LINKS, f"paper_id IN ({ids[0]}) OR dataset_id IN ({ids[1]})", params)
        scratch.fill(conn, LINKS, f"{_LINK_SELECT} AND (l.paper_id IN ({ids[0]}) OR l.dataset_id IN ({ids[1]}))", params)

    def _select(self, conn: Connection, kind: Kind, cond: str = "") -> tuple[str, dict]:
        """The facts of the live entries of ``kind`` (those matching ``cond`` on ``e``), read
        row by row (the datasets; papers that changed)."""
        masks = "".join(f", {self._mask_sum(key, column)}" for key, column in self.state.columns.items())
        extra = ", lower(e.venue)" if kind is Kind.PAPER else ""
        where = f"e.deleted_at IS NULL AND {cond}" if cond else "e.deleted_at IS NULL"
        return (f"SELECT e.id, e.year{extra}{masks} FROM {kind.value} e"
                f" LEFT JOIN {MEMBER_TABLES[kind]} m ON m.{OWNER[kind]} = e.id"
                f" LEFT JOIN {ROOTS} r ON r.tag_id = m.tag_id"
                f" WHERE {where} GROUP BY e.id"), {}
