"""Syncing a local catalog with the lab's catalog on a PostgreSQL server.

One round is a pull, then a push (repeated while a push met rows the server changed since the
pull, at most :data:`MAX_ROUNDS` times):

* **pull**: the rows the server changed since the last pull (its ``change_log``; all of them on a
  first sync) are merged three ways against their base copy (:mod:`.merge`); what only the
  server changed is written here, conflicts are kept; the base becomes the server's row. A
  first pull (everything) is one local transaction, killed at any moment it leaves nothing and
  starts afresh; a later pull writes one local transaction per batch, each merged against the
  base the batch before left, so a pull killed at any moment resumes without duplicates.
* **push**: the rows changed here since their base (a local version that moved on, or no base:
  never synced) are written on the server in one server transaction per batch, each row only if
  the server still has the version the change was merged against (row locks held until commit:
  two members pushing at once cannot overwrite each other). Each push carries an id recorded on
  the server in the same transaction; the local bookkeeping that follows names it, so a push
  killed after the server committed is recognised and never applied twice.

Speed (a first sync moves 100,000 papers): rows this catalog or the server has not got go in
set-wise (``COPY`` on PostgreSQL; the server's search index entries merged once per batch,
:mod:`..store.bulk`), and the two databases work at once: while a batch is written
on one side, the next one is read from the other (:func:`_read_ahead`), and a push records
batch n here while batch n-1 is written on the server (two pending records at most, see
:data:`PENDING_SLOTS`). Writes on each side stay in order, one transaction at a time.

Personal notes never leave the machine (only notes marked shared are read); saved views only
when marked shared. Rows are matched by their uuid; on a first sync, the bundled catalog's
entries (same ``seed_key``), the default facets (same key) and their tags (same label) are
recognised as the same rows.
"""

from __future__ import annotations

import json
import time
import uuid as uuid_module
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..fields import TITLE_FIELD
from ..store import bulk, sql
from ..store.writes import Conflict, Tx
from ..taxonomy.labels import fold
from . import state
from .merge import merge
from .state import ENTRY_ENTITIES, NOTE_ENTITIES, ORDER, State, Writer, fields_of

BATCH = 2000
MAX_ROUNDS = 3
SYNC_ORIGIN_PREFIX = "sync:"
# Where a push on its way is recorded (meta ``sync:<server>:<slot>``): one batch is written on
# the server while the next one is recorded, so two at most (the first is the name of old).
PENDING_SLOTS = ("pending", "pending:2")
T = TypeVar("T")
R = TypeVar("R")


class SyncCancelled(Exception):
    """The user cancelled; what was committed stays consistent and the next sync resumes."""


@dataclass
class ConflictInfo:
    id: int
    kind: str  # the entity: paper, dataset, tag, facet, paper_note, dataset_note, view
    entry_id: int | None  # the local row (an entry's id for a note)
    uuid: str
    title: str | None
    field: str
    base: Any
    local: Any
    server: Any

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.entry_id, "uuid": self.uuid, "title": self.title,
                "field": self.field, "local": self.local, "server": self.server}


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    merged: int = 0
    conflicts: list[ConflictInfo] = field(default_factory=list)
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {"pushed": self.pushed, "pulled": self.pulled, "merged": self.merged,
                "conflicts": [c.as_json() for c in self.conflicts]}


def _meta(conn, key: str) -> str | None:
    return sql.scalar(conn, "SELECT value FROM meta WHERE key = :k", {"k": key})


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise SyncCancelled()


class Session:
    """A local catalog and the lab server it syncs with (the server catalog is opened once and
    kept: a sync of a few changes then costs a few queries)."""

    def __init__(self, local, server, progress=None, cancelled=None):
        self.local = local
        self.server = server
        # This session's writes on the server carry an origin of their own: its pulls skip them.
        server.store.origin = uuid_module.uuid4().hex
        self.progress = progress or (lambda done, total, what: None)
        self.cancelled = cancelled
        with server.store.read() as conn:
            self.server_id = _meta(conn, "catalog_id")
        self.key = f"sync:{self.server_id}"
        self.report = SyncReport()
        # During a first pull (one local transaction, no other writer): entity -> the largest
        # entry id from before it; what it adds has its base already, never a duplicate.
        self._before_pull: dict[str, int] | None = None

    # ---- bookkeeping ---------------------------------------------------------------------------

    def _local_meta(self, name: str) -> str | None:
        with self.local.store.read() as conn:
            return _meta(conn, f"{self.key}:{name}")

    def _bases(self, conn, entity: str, uuids) -> dict[str, tuple[int, int, dict]]:
        out = {}
        for chunk in sql.chunked(sorted(uuids), 1000):
            for u, sv, lv, data in sql.rows(conn, "SELECT uuid, server_version, local_version, data FROM sync_base"
                                                  " WHERE entity = :e AND uuid IN :u", {"e": entity, "u": chunk}):
                out[u] = (sv, lv, json.loads(data))
        return out

    def _open_conflicts(self, conn, entity: str, uuids) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for chunk in sql.chunked(sorted(uuids), 1000):
            for u, f in sql.rows(conn, "SELECT uuid, field FROM sync_conflict WHERE entity = :e AND uuid IN :u",
                                 {"e": entity, "u": chunk}):
                out.setdefault(u, set()).add(f)
        return out

    # ---- sync -------------------------------------------------------------------------------

    def run(self) -> SyncReport:
        started = time.perf_counter()
        server_author = self.server.store.author
        if self.local.author:  # what this member pushes shows them as who added or changed it
            self.server.store.author = self.local.author
        try:
            self._switch_server()
            self._recover_push()
            for _round in range(MAX_ROUNDS):
                self.pull()
                if not self.push():
                    break
        finally:
            self.server.store.author = server_author
        self.report.conflicts = conflicts(self.local)
        self.report.seconds = round(time.perf_counter() - started, 3)
        return self.report

    # ---- pull --------------------------------------------------------------------------------

    def _my_origins(self) -> list[str]:
        """The server-side writers of this catalog's pushes: their rows need no pulling back."""
        return json.loads(self._local_meta("origins") or "[]")

    def _server_changes(self, after: int | None, upto: int) -> dict[str, set[int]]:
        """Entity -> server row ids changed in (after, upto] by others; all rows on a first
        sync (``after`` None)."""
        out: dict[str, set[int]] = {e: set() for e in ORDER}
        with self.server.store.read() as conn:
            if after is None:
                for entity in ORDER:
                    out[entity] = set(state.all_ids(conn, entity))
                return out
            return state.changed_since(conn, after, upto, skip_origins=self._my_origins())

    def pull(self) -> None:
        with self.server.store.read() as conn:
            upto = sql.scalar(conn, "SELECT coalesce(max(seq), 0) FROM change_log") or 0
        pulled = self._local_meta("pulled")
        after = int(pulled) if pulled else None  # None: never pulled from this server (or read afresh)
        if after is not None and upto <= after:
            return
        changed = self._server_changes(after, upto)
        total = sum(len(v) for v in changed.values())
        done = 0
        batches = [(entity, ids[start : start + BATCH]) for entity in ORDER
                   for ids in [sorted(changed[entity])] for start in range(0, len(ids), BATCH)]

        def fetch(batch: tuple[str, list[int]]) -> dict[str, State]:
            with self.server.store.read() as conn:
                return state.read(conn, batch[0], ids=batch[1])

        if after is None:  # a first pull: everything in one local transaction (see _first_pull)
            self._first_pull(batches, fetch, total, upto)
            return
        for (entity, _ids), theirs in _read_ahead(batches, fetch):
            _check(self.cancelled)
            self.local.store.write(lambda tx, t=theirs, e=entity: self._pull_batch(tx, e, t))
            done += len(theirs)
            self.progress(done, total, "pull")
        self.local.store.write(lambda tx: tx.put_meta(f"{self.key}:pulled", str(upto)))

    def _first_pull(self, batches: list[tuple[str, list[int]]], fetch: Callable, total: int, upto: int) -> None:
        """A first pull (a new laptop takes the lab's 100,000 papers) as one local transaction:
        killed or cancelled anywhere it leaves nothing behind, and the next sync starts it
        afresh. The batches are read from the server while the one before is written here
        (memory holds two batches, never the tables); into a catalog holding fewer entries than
        it adds, the sort indexes are dropped and built once at the end (``Tx.bulk_load``), and
        each batch is indexed as it goes (``Tx.flush_index``). The laptop's other writers wait
        meanwhile (its readers do not): a first pull is a new laptop's first minute."""
        adding = {kind: sum(len(ids) for e, ids in batches if e == entity) for entity, kind in ENTRY_ENTITIES.items()}

        def work(tx: Tx) -> None:
            done = 0
            tx.checkpoint = lambda: _check(self.cancelled)  # a cancel stops the index builds too
            self._before_pull = {entity: sql.scalar(tx.conn, f"SELECT coalesce(max(id), 0) FROM {kind.value}")
                                 for entity, kind in ENTRY_ENTITIES.items()}
            with tx.bulk_load(adding):
                for (entity, _ids), theirs in _read_ahead(batches, fetch):
                    _check(self.cancelled)
                    self._pull_batch(tx, entity, theirs)
                    tx.flush_index()
                    done += len(theirs)
                    self.progress(done, total, "pull")
            tx.put_meta(f"{self.key}:pulled", str(upto))

        pulled, merged = self.report.pulled, self.report.merged
        try:
            self.local.store.write(work)
        except BaseException:  # rolled back: nothing of it was pulled
            self.report.pulled, self.report.merged = pulled, merged
            raise
        finally:
            self._before_pull = None

    def _adopt(self, tx: Tx, entity: str, theirs: dict[str, State], mine: dict[str, State]) -> dict[str, dict]:
        """First sync: rows both catalogs got on their own (the bundled catalog, the default
        taxonomy) are one row: the local one takes the server's uuid. Returns the base to merge
        them against (the bundled values for seeded entries)."""
        bases: dict[str, dict] = {}
        missing = {u: s for u, s in theirs.items() if u not in mine}
        if not missing:
            return bases
        if entity in ENTRY_ENTITIES:
            kind = ENTRY_ENTITIES[entity]
            keys = {s.data["seed_key"]: s for s in missing.values() if s.data.get("seed_key")}
            found = {}
            for chunk in sql.chunked(sorted(keys), 1000):
                found.update(sql.rows(tx.conn, f"SELECT seed_key, id FROM {kind.value} e WHERE seed_key IN :k"
                                               " AND NOT EXISTS (SELECT 1 FROM sync_base b WHERE b.entity = :e"
                                               " AND b.uuid = e.uuid)", {"k": chunk, "e": entity}))
            for seed_key, local_id in found.items():
                tx.update_entry(kind, local_id, {"uuid": keys[seed_key].uuid}, undoable=False)
                bases[keys[seed_key].uuid] = _seed_values(self.local, entity, seed_key)
        elif entity == "facet":
            for s in missing.values():
                local = sql.first(tx.conn, "SELECT id FROM facet f WHERE key = :k AND NOT EXISTS (SELECT 1 FROM"
                                           " sync_base b WHERE b.entity = 'facet' AND b.uuid = f.uuid)", {"k": s.data["key"]})
                if local:
                    tx.update_row("facet", local[0], {"uuid": s.uuid}, undoable=False)
                    bases[s.uuid] = {}
        elif entity == "tag":
            for s in missing.values():
                facet = state.id_map(tx.conn, "facet", [s.data["facet"]]).get(s.data["facet"])
                label = s.data.get("label_en") or s.data.get("label_zh")
                if facet is None or not label:
                    continue
                for tag_id, en, zh, tag_uuid in sql.rows(
                    tx.conn, "SELECT id, label_en, label_zh, uuid FROM tag t WHERE facet_id = :f AND NOT EXISTS"
                             " (SELECT 1 FROM sync_base b WHERE b.entity = 'tag' AND b.uuid = t.uuid)", {"f": facet}):
                    if fold(en or zh) == fold(label) and tag_uuid not in theirs:
                        tx.update_row("tag", tag_id, {"uuid": s.uuid}, undoable=False)
                        bases[s.uuid] = {}
                        break
        return bases

    def _duplicates(self, tx: Tx, entity: str, theirs: dict[str, State], mine: dict[str, State]) -> dict[str, str]:
        """New server entries that look like an entry added here and never synced (same arXiv
        id, DOI or title): server uuid -> local uuid. They are offered for merge, not doubled."""
        if entity not in ENTRY_ENTITIES:
            return {}
        new = {u: s for u, s in theirs.items() if u not in mine}
        if not new:
            return {}
        from ..io.matching import MatchIndex

        kind = ENTRY_ENTITIES[entity]
        title = TITLE_FIELD[kind]
        extra = ", arxiv_id, doi" if entity == "paper" else ""
        index = MatchIndex(kind)
        # A first pull looks only among the entries from before it (by primary key): scanning
        # all it added, batch after batch, was 8 of its 78 s at 100,000 papers.
        before = "" if self._before_pull is None else f" AND e.id <= {int(self._before_pull[entity])}"
        candidates = sql.rows(
            tx.conn, f"SELECT e.uuid, e.{title}, e.year{extra} FROM {kind.value} e WHERE e.deleted_at IS NULL{before}"
                     " AND NOT EXISTS (SELECT 1 FROM sync_base b WHERE b.entity = :e AND b.uuid = e.uuid)",
            {"e": entity})
        if not candidates:  # nothing here was never synced (a fresh laptop's first pull, after its first batch)
            return {}
        for local_uuid, *values in candidates:
            keys = [title, "year"] + (["arxiv_id", "doi"] if extra else [])
            index.add(local_uuid, dict(zip(keys, values)))
        out = {}
        for u, s in new.items():
            match = index.best(s.data)
            if match is not None and match.key not in out.values():
                out[u] = match.key
        return out

    def _pull_batch(self, tx: Tx, entity: str, theirs: dict[str, State]) -> None:
        mine = state.read(tx.conn, entity, uuids=list(theirs))
        adopted = self._adopt(tx, entity, theirs, mine)
        if adopted:
            mine = state.read(tx.conn, entity, uuids=list(theirs))
        twins = self._duplicates(tx, entity, theirs, mine)
        if twins:
            tx.put_rows("sync_conflict", [
                {"entity": entity, "uuid": local_uuid, "field": "duplicate", "base": None,
                 "local": json.dumps(local_uuid), "server": json.dumps({"uuid": u, "data": theirs[u].data}),
                 "server_version": theirs[u].version, "created_at": tx.now}
                for u, local_uuid in twins.items()])
            theirs = {u: s for u, s in theirs.items() if u not in twins}
        bases = self._bases(tx.conn, entity, theirs)
        open_conflicts = self._open_conflicts(tx.conn, entity, theirs)
        writer = Writer(tx)
        new_bases, new_conflicts = [], []
        if entity in ENTRY_ENTITIES:  # rows this catalog has not got: in bulk
            fresh = [(u, s.data) for u, s in theirs.items() if u not in mine]
            if fresh:
                who = [theirs[u].who for u, _data in fresh]
                for u, written in writer.new_entries(entity, fresh, who).items():
                    new_bases.append({"entity": entity, "uuid": u, "server_version": theirs[u].version,
                                      "local_version": written.version, "data": json.dumps(theirs[u].data)})
                self.report.pulled += len(fresh)
                theirs = {u: s for u, s in theirs.items() if u in mine}
        for u, server_state in theirs.items():
            base = bases[u][2] if u in bases else adopted.get(u)
            outcome = merge_row(tx, writer, entity, server_state, mine.get(u), base, open_conflicts.get(u, set()))
            if outcome is None:
                continue
            base_row, conflict_rows, pulled, both = outcome
            self.report.pulled += pulled
            self.report.merged += both
            new_bases.append(base_row)
            new_conflicts += conflict_rows
        tx.put_rows("sync_base", new_bases)
        tx.put_rows("sync_conflict", new_conflicts)

    # ---- push -------------------------------------------------------------------------------

    def push(self) -> bool:
        """Push what changed here; True if some rows met newer server rows (pull again).

        Where to look comes from this catalog's change log since the last complete push (the
        ``pushed`` marker); a first sync, another server or a log that went backwards (a
        restored backup) looks at every row."""
        behind = self._left_waiting = False
        with self.local.store.read() as conn:
            upto = sql.scalar(conn, "SELECT coalesce(max(seq), 0) FROM change_log") or 0
            marker = self._local_meta("pushed")
            after = int(marker) if marker else None
            if after is None or after > upto:
                waiting = {entity: state.dirty(conn, entity) for entity in ORDER}
            else:
                candidates = state.changed_since(conn, after, upto)
                waiting = {entity: state.dirty(conn, entity, candidates[entity]) for entity in ORDER}
        total = sum(len(uuids) for uuids in waiting.values())
        done = 0
        batches = [(entity, uuids[start : start + BATCH]) for entity in ORDER
                   for uuids in [waiting[entity]] for start in range(0, len(uuids), BATCH)]
        # Batch after batch, three steps overlap: the next batch is read (a thread), this one is
        # planned and recorded here while the one before is written on the server (another
        # thread, one server transaction at a time, in order), whose bookkeeping then lands.
        in_flight: list[tuple[Future, dict]] = []
        jobs = 0
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rsfm-sync-push") as sender:
            try:
                for (entity, batch), read in _read_ahead(batches, lambda b: self._push_read(*b)):
                    _check(self.cancelled)
                    late, job = self._plan_push(*read, slot=PENDING_SLOTS[jobs % len(PENDING_SLOTS)])
                    behind |= late
                    if job is not None:
                        jobs += 1
                        in_flight.append((sender.submit(self._send, job), job))
                    while len(in_flight) > 1:
                        behind |= self._land(*in_flight.pop(0))
                    done += len(batch)
                    self.progress(done, total, "push")
                while in_flight:
                    behind |= self._land(*in_flight.pop(0))
            except BaseException:
                for future, job in in_flight:  # finish what was sent; else the next sync recovers it
                    try:
                        self._land(future, job)
                    except Exception:  # noqa: BLE001 (the first error is the one raised)
                        pass
                raise
        if not behind and not self._left_waiting:  # every row waiting went
            self.local.store.write(lambda tx: tx.put_meta(f"{self.key}:pushed", str(upto)))
        return behind

    def _push_read(self, entity: str, uuids: list[str]) -> tuple:
        """What a push batch is planned from: these rows here, their bases and open conflicts,
        and the server's rows (whatever moved on meanwhile is refused by the version check)."""
        with self.local.store.read() as conn:
            mine = state.read(conn, entity, uuids=uuids)
            bases = self._bases(conn, entity, uuids)
            open_conflicts = self._open_conflicts(conn, entity, uuids)
        with self.server.store.read() as conn:
            theirs = state.read(conn, entity, uuids=uuids)
        return entity, mine, bases, open_conflicts, theirs

    def _plan_push(self, entity: str, mine: dict[str, State], bases: dict, open_conflicts: dict[str, set[str]],
                   theirs: dict[str, State], slot: str) -> tuple[bool, dict | None]:
        """What of a batch goes to the server: (behind: some rows met newer server rows, the
        job to send or None). The job is recorded here (in ``slot``) before it is sent."""
        fields = fields_of(entity)
        plan: list[tuple[str, dict, State | None, int | None, dict]] = []  # uuid, changes, server row, expected, result
        behind = False
        settled = []  # rows with nothing to push (e.g. only a conflicting field changed)
        for u, local in mine.items():
            server_state = theirs.get(u)
            held = open_conflicts.get(u, set())
            if "duplicate" in held:
                self._left_waiting = True  # the push marker stays: it is looked at again
                continue  # looks like a server entry: pushed once the user says whether it is
            if u in bases:
                server_version, _lv, base = bases[u]
                if server_state is not None and server_state.version != server_version:
                    behind = True  # the server moved on since the pull: pull first
                    continue
                changes = {k: local.data.get(k) for k in fields
                           if k not in held and local.data.get(k) != base.get(k)}
                if server_state is None:
                    changes, expected = dict(local.data), None  # gone from the server: put it back
                else:
                    expected = server_version
            elif server_state is None:
                changes, expected = dict(local.data), None
            else:
                behind = True  # on the server already, never merged here: the pull merges it
                continue
            if not changes:
                settled.append((u, local, server_state))
                continue
            result = {**(server_state.data if server_state else {}), **changes}
            plan.append((u, changes, server_state, expected, result))
        if settled:
            self.local.store.write(lambda tx: tx.put_rows("sync_base", [
                {"entity": entity, "uuid": u, "server_version": s.version if s else 0, "local_version": local.version,
                 "data": json.dumps(s.data if s else local.data)} for u, local, s in settled]))
        if not plan:
            return behind, None
        push_id = uuid_module.uuid4().hex
        origins = self._my_origins()
        # Each row's data is turned into JSON once: for the pending record, then for its base.
        items = [(u, mine[u].version, json.dumps(result)) for u, _c, _s, _e, result in plan]
        job = {"push_id": push_id, "entity": entity, "items": items, "slot": slot, "plan": plan}

        def record(tx: Tx) -> None:
            if self.server.store.origin not in origins:
                tx.put_meta(f"{self.key}:origins", json.dumps((origins + [self.server.store.origin])[-200:]))
            tx.put_meta(f"{self.key}:{slot}", _pending_json(push_id, entity, items))

        self.local.store.write(record)
        return behind, job

    def _send(self, job: dict) -> dict[str, int] | None:
        """Write a planned batch on the server in one transaction (with its push id); returns the
        rows' new server versions, None when a row moved on meanwhile (nothing was written)."""
        entity, plan, push_id = job["entity"], job["plan"], job["push_id"]

        def on_server(tx: Tx) -> dict[str, int]:
            writer = Writer(tx)
            versions = {}
            fresh = [(u, changes) for u, changes, server_state, _e, _r in plan if server_state is None]
            gathered = False
            if fresh and entity in ENTRY_ENTITIES:
                gathered = bulk.large_index_writes(tx.conn, len(fresh))
                versions.update((u, st.version) for u, st in writer.new_entries(entity, fresh).items())
            for u, changes, server_state, expected, _result in plan:
                if u in versions:
                    continue
                written = writer.write(entity, u, {**(server_state.data if server_state else {}), **changes},
                                       server_state, only=changes, expected_version=expected)
                if written is not None:
                    versions[u] = written.version
            tx.put_rows("sync_push", [{"push_id": push_id, "client": self.local.catalog_id or "",
                                       "at": tx.now, "result": json.dumps(versions)}])
            if gathered:  # the batch's index entries, merged into the index at once
                tx.flush_index()
                bulk.clean_pending(tx.conn)
            return versions

        try:
            versions, _changes = self.server.store.write(on_server)
        except Conflict:
            return None
        return versions

    def _land(self, future: Future, job: dict) -> bool:
        """The local bookkeeping of a sent batch (waiting for the server); True if it met rows
        that moved on (pull, then push again)."""
        versions = future.result()
        if versions is None:  # someone pushed meanwhile
            self.local.store.write(lambda tx: tx.put_meta(f"{self.key}:{job['slot']}", ""))
            return True
        self._settle_push(job, versions)
        self.report.pushed += len(versions)
        return False

    def _settle_push(self, pending: dict, versions: dict[str, int]) -> None:
        """``pending``: push_id, entity, slot and items (uuid, local version, data as JSON)."""
        entity = pending["entity"]

        def work(tx: Tx) -> None:
            tx.put_rows("sync_base", [
                {"entity": entity, "uuid": u, "server_version": versions[u], "local_version": local_version,
                 "data": data}
                for u, local_version, data in pending["items"] if u in versions])
            tx.put_meta(f"{self.key}:{pending['slot']}", "")

        self.local.store.write(work)

    def _switch_server(self) -> None:
        """The synced copies (bases) and conflicts belong to one lab server: syncing with
        another one starts afresh (everything here is new to it), never from another's bases."""
        with self.local.store.read() as conn:
            current = _meta(conn, "sync:base_server")
        if current == self.server_id:
            return

        def work(tx: Tx) -> None:
            tx.delete_rows("sync_base")
            tx.delete_rows("sync_conflict")
            for pattern in ("sync:%:pulled", "sync:%:pushed"):
                for (key,) in sql.rows(tx.conn, "SELECT key FROM meta WHERE key LIKE :k", {"k": pattern}):
                    tx.put_meta(key, "")  # every server is read (and every row sent) in full again
            tx.put_meta("sync:base_server", self.server_id)

        self.local.store.write(work)

    def _recover_push(self) -> None:
        """Pushes interrupted after they were recorded (at most one per slot, each of other
        rows): those the server has get their bookkeeping finished, the others are forgotten
        (their rows are still waiting, and go with this sync)."""
        for slot in PENDING_SLOTS:
            raw = self._local_meta(slot)
            if not raw:
                continue
            pending = json.loads(raw)
            pending["slot"] = slot
            pending["items"] = [(item["uuid"], item["local_version"], json.dumps(item["data"]))
                                for item in pending["items"]]
            with self.server.store.read() as conn:
                found = sql.scalar(conn, "SELECT result FROM sync_push WHERE push_id = :p", {"p": pending["push_id"]})
            if found is None:
                self.local.store.write(lambda tx, key=f"{self.key}:{slot}": tx.put_meta(key, ""))
                continue
            self._settle_push(pending, json.loads(found))


def _read_ahead(jobs: Sequence[T], read: Callable[[T], R]) -> Iterator[tuple[T, R]]:
    """(job, read(job)) for each job in order, the next job's read running in a thread
    meanwhile: a batch's read from one database overlaps the writing of the batch before
    into the other (each waits on its own database, or on SQLite's C code, without the GIL).
    Only reads run ahead; every write stays in order on the calling thread."""
    if not jobs:
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rsfm-sync-read") as pool:
        future = pool.submit(read, jobs[0])
        for n, job in enumerate(jobs):
            result = future.result()
            if n + 1 < len(jobs):
                future = pool.submit(read, jobs[n + 1])
            yield job, result


def _pending_json(push_id: str, entity: str, items: Sequence[tuple[str, int, str]]) -> str:
    """The record of a push on its way (read back by ``_recover_push``): its id, entity and
    items, each row's data spliced in as the JSON it already is."""
    rows = ", ".join(f'{{"uuid": {json.dumps(u)}, "local_version": {int(v)}, "data": {data}}}' for u, v, data in items)
    return f'{{"push_id": {json.dumps(push_id)}, "entity": {json.dumps(entity)}, "items": [{rows}]}}'


def merge_row(tx: Tx, writer: Writer, entity: str, server_state: State, local: State | None,
              base: dict | None, held: set[str]):
    """Merge one server row into this catalog: write what only the server changed, keep
    conflicts. Returns (base row, conflict rows, pulled 0/1, merged 0/1), None when the row
    cannot live here (a note of an entry this catalog does not have)."""
    u = server_state.uuid
    conflict_rows = []
    pulled = both = 0
    if local is None:
        written = writer.write(entity, u, server_state.data, None, who=server_state.who)
        if written is None:
            return None
        pulled, local_version = 1, written.version
    else:
        m = merge(base, local.data, server_state.data, fields_of(entity), held)
        local_version = local.version
        if m.to_local:
            # Stamped as the lab member's change only when nothing of this laptop's goes with it.
            who = server_state.who if not m.to_server else None
            written = writer.write(entity, u, {**local.data, **m.to_local}, local, only=m.to_local, who=who)
            local_version = written.version if written else local.version
            pulled, both = 1, int(bool(m.to_server))
        for key, (b, l, s) in m.conflicts.items():
            conflict_rows.append({"entity": entity, "uuid": u, "field": key, "base": json.dumps(b),
                                  "local": json.dumps(l), "server": json.dumps(s),
                                  "server_version": server_state.version, "created_at": tx.now})
        for key in m.settled:
            tx.delete_rows("sync_conflict", entity=entity, uuid=u, field=key)
        if m.to_server or m.conflicts:
            # Changes to push: the base is the server's row, the local row stays ahead of it.
            local_version = -1
    base_row = {"entity": entity, "uuid": u, "server_version": server_state.version,
                "local_version": local_version, "data": json.dumps(server_state.data)}
    return base_row, conflict_rows, pulled, both


def _seed_values(catalog, entity: str, seed_key: str) -> dict:
    """The bundled values of a seeded entry: the base both catalogs started from."""
    from ..seeding import load_catalog_file
    from ...paths import bundled_catalog

    cache = getattr(_seed_values, "_cache", None)
    if cache is None:
        try:
            data = load_catalog_file(bundled_catalog())
        except Exception:  # noqa: BLE001 (no bundled catalog: merge without a base)
            data = {}
        cache = {(section[:-1], r["key"]): r for section in ("papers", "datasets") for r in data.get(section, [])}
        _seed_values._cache = cache  # type: ignore[attr-defined]
    record = cache.get((entity, seed_key))
    if record is None:
        return {}
    kind = ENTRY_ENTITIES[entity]
    values = {k: record.get(k) for k in state.entry_fields(kind) if k not in ("seed_key", "deleted_at")}
    values = {k: v for k, v in values.items() if v not in (None, "", [])}
    values.update(seed_key=seed_key, deleted_at=None)
    return values


def sync(local, server, progress=None, cancelled=None) -> SyncReport:
    """Sync ``local`` (a Catalog) with ``server`` (a Catalog on the lab's PostgreSQL)."""
    return Session(local, server, progress, cancelled).run()


def resolve(local, conflict_id: int, choice: str, value: Any = None):
    """Settle a conflict: ``mine`` (keep the local value; it goes to the server on the next
    sync), ``theirs`` (take the server's), ``value`` (an edit of either). For a suspected
    duplicate: ``theirs``/``mine`` = the same entry (the local one takes the server's identity
    and the two merge on the next sync), ``value`` = two entries (the server's one is added here).
    One undoable command (undo puts the local value and the conflict back)."""
    return resolve_many(local, [(conflict_id, choice, value)])


def resolve_many(local, decisions: Sequence[tuple[int, str, Any]]):
    """Settle several conflicts (an entry's fields) as one undoable command; see :func:`resolve`."""
    from ..i18n import QT_TRANSLATE_NOOP

    with local.store.read() as conn:
        found = sql.first(conn, "SELECT entity, uuid FROM sync_conflict WHERE id = :i", {"i": decisions[0][0]})
        if found is None:
            raise KeyError(decisions[0][0])
        title = _owner(conn, *found)[1] or found[1]

    def work(tx: Tx) -> None:
        for conflict_id, choice, value in decisions:
            row = sql.first(tx.conn, "SELECT uuid, server FROM sync_conflict WHERE id = :i", {"i": conflict_id})
            if row is None:
                raise KeyError(conflict_id)
            uuids = [row[0]]
            if row[1] and isinstance(json.loads(row[1]), dict) and "uuid" in json.loads(row[1]):
                uuids.append(json.loads(row[1])["uuid"])  # a duplicate: the server's entry too
            before = {name: tx.bookkeeping(name, uuid=uuids) for name in ("sync_conflict", "sync_base")}
            _resolve_one(tx, conflict_id, choice, value)
            for name, rows in before.items():
                tx.record_bookkeeping(name, rows, tx.bookkeeping(name, uuid=uuids))

    return local.store.run(QT_TRANSLATE_NOOP("Commands", "Resolve the conflict on “{}”"), work, title)


def _resolve_one(tx: Tx, conflict_id: int, choice: str, value: Any) -> None:
    row = sql.first(tx.conn, "SELECT entity, uuid, field, server, server_version FROM sync_conflict WHERE id = :i",
                    {"i": conflict_id})
    if row is None:
        raise KeyError(conflict_id)
    entity, u, fld, raw_server, server_version = row
    server_value = json.loads(raw_server) if raw_server else None
    writer = Writer(tx)
    if fld == "duplicate":
        if choice == "value":  # two entries
            writer.write(entity, server_value["uuid"], server_value["data"], None)
            tx.put_rows("sync_base", [{"entity": entity, "uuid": server_value["uuid"], "server_version": server_version,
                                       "local_version": state.read(tx.conn, entity, uuids=[server_value["uuid"]])
                                       [server_value["uuid"]].version, "data": json.dumps(server_value["data"])}])
        else:  # the same entry: it takes the server's identity and the two merge field by field
            local_id = state.id_map(tx.conn, entity, [u])[u]
            tx.update_entry(ENTRY_ENTITIES[entity], local_id, {"uuid": server_value["uuid"]})
            theirs = State(entity, server_value["uuid"], 0, server_version, server_value["data"])
            mine = state.read(tx.conn, entity, uuids=[theirs.uuid])[theirs.uuid]
            outcome = merge_row(tx, writer, entity, theirs, mine, {}, set())
            if outcome is not None:
                tx.put_rows("sync_base", [outcome[0]])
                tx.put_rows("sync_conflict", outcome[1])
        tx.delete_rows("sync_conflict", id=conflict_id)
        return
    current = state.read(tx.conn, entity, uuids=[u]).get(u)
    if current is not None and choice in ("theirs", "value"):
        target = server_value if choice == "theirs" else value
        writer.write(entity, u, {**current.data, fld: target}, current, only=[fld])
    base = sql.first(tx.conn, "SELECT server_version, data FROM sync_base WHERE entity = :e AND uuid = :u",
                     {"e": entity, "u": u})
    if base is not None:
        data = json.loads(base[1])
        data[fld] = server_value
        tx.put_rows("sync_base", [{"entity": entity, "uuid": u, "server_version": base[0], "local_version": -1,
                                   "data": json.dumps(data)}])
    tx.delete_rows("sync_conflict", id=conflict_id)


def _owner(conn, entity: str, uuid: str) -> tuple[int | None, str | None]:
    """The local row a conflict is about and what to call it (an entry's title, a tag's label)."""
    found = None
    if entity in ENTRY_ENTITIES or entity in NOTE_ENTITIES:
        kind = ENTRY_ENTITIES.get(entity) or NOTE_ENTITIES[entity]
        found = sql.first(conn, f"SELECT id, {TITLE_FIELD[kind]} FROM {kind.value} WHERE uuid = :u", {"u": uuid})
    elif entity in ("tag", "facet"):
        column = "key" if entity == "facet" else "coalesce(label_en, label_zh)"
        found = sql.first(conn, f"SELECT id, {column} FROM {entity} WHERE uuid = :u", {"u": uuid})
    elif entity == "view":
        found = sql.first(conn, "SELECT id, name FROM saved_view WHERE uuid = :u", {"u": uuid})
    elif entity == "attachment":
        found = sql.first(conn, "SELECT id, path FROM attachment WHERE uuid = :u", {"u": uuid})
    return (found[0], found[1]) if found else (None, None)


def conflicts(local) -> list[ConflictInfo]:
    """The conflicts waiting in a local catalog, oldest first."""
    with local.store.read() as conn:
        rows = sql.rows(conn, "SELECT id, entity, uuid, field, base, local, server FROM sync_conflict ORDER BY id")
        out = []
        for cid, entity, u, fld, base, mine, theirs in rows:
            row_id, title = _owner(conn, entity, u)
            out.append(ConflictInfo(cid, entity, row_id, u, title, fld, json.loads(base) if base else None,
                                    json.loads(mine) if mine else None, json.loads(theirs) if theirs else None))
    return out
