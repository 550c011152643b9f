"""An import's plan, kept on disk: records stream from the parser into a temporary file
(:class:`~..store.spool_store.SpoolStore`) as they are matched, so that memory stays bounded
whatever the size of the file; the preview pages through the plan and the write transaction
reads it back in batches (:mod:`.apply`).

Matching (:mod:`.matching`) against the catalog uses an index of the catalog in memory; matching
against the earlier records of the same file uses their hashed keys in the spool, asked only when
a Bloom filter says a key may have been seen (a file of distinct records asks nothing), plus an
index of the batch not written yet. Each record's best earlier twin in the file does not depend
on the catalog: it is kept beside the record, so that re-planning against a catalog that changed
(:func:`replan`) matches against the catalog only.

:class:`ImportPlan` is what the preview edits (``plan.entries[i].decision = …`` writes through)
and what ``catalog.imports.apply`` writes. Close it (``plan.close()``, or let it be collected) to
delete its file.
"""

from __future__ import annotations

import marshal
import pickle
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from sqlalchemy.engine import Connection

from ..fields import Kind
from ..store.spool_store import SpoolStore
from . import matching, snapshot
from .plan import Decision, PlanEntry, Status, _classify, _has_more, _validate, catalog_state
from .reading import background_import
from .record import SUGGESTED, Format, ImportBatch, ImportRecord

BATCH = 500  # records matched, classified and written to the spool at once (Cancel is heard between)
PAGE = 256  # plan entries read back at once
_CACHED_PAGES = 16
_PICKLE = pickle.HIGHEST_PROTOCOL
WARNINGS_KEPT = 100_000  # warnings beyond these are counted, not kept


def _dump(value: Any) -> bytes:
    """Plain values (what records hold) through :mod:`marshal`, several times faster to read
    back than pickle; anything else (a date a parser left as an object) through pickle."""
    try:
        return b"m" + marshal.dumps(value)
    except ValueError:
        return b"p" + pickle.dumps(value, _PICKLE)


def _load(data: bytes) -> Any:
    return marshal.loads(data[1:]) if data[:1] == b"m" else pickle.loads(data[1:])


_KINDS = {k.value: k for k in Kind}
_STATUS = {s.value: s for s in Status}
_DECISION = {d.value: d for d in Decision}


def _record_data(record: ImportRecord, earlier: matching.Match | None) -> bytes:
    return _dump((record.kind.value, record.values, record.line, record.tags, record.note, record.ref,
                  record.tag_refs, record.provenance, record.attachments, record.meta,
                  earlier.key if earlier else None, earlier.reason if earlier else None))


_RECORD_FIELDS = ("kind", "values", "line", "tags", "note", "ref", "tag_refs", "provenance", "attachments", "meta")


def _record_of(data: bytes) -> tuple[ImportRecord, int | None, str | None]:
    found = _load(data)
    # No __init__: the spooled values were folded and validated when the record was read.
    record = object.__new__(ImportRecord)
    record.__dict__.update(zip(_RECORD_FIELDS, found))
    record.kind = _KINDS[found[0]]
    return record, found[10], found[11]


def _match_data(entry) -> bytes:
    return _dump((entry.key, entry.title, entry.year, entry.marks, entry.authors, entry.arxiv, entry.doi,
                  entry.entry_type, entry.blocks))


def _match_of(data: bytes):
    return matching._Entry(*_load(data))


class _Bloom:
    """Has this key (a 64-bit hash) perhaps been seen? No false "no"s; about 1 % false "yes"
    at four million keys, in 8 MB."""

    BITS = 1 << 26

    def __init__(self):
        self._bits = bytearray(self.BITS // 8)
        self._mask = self.BITS - 1

    def add(self, key: int) -> None:
        bits, mask = self._bits, self._mask
        h1, h2 = key & mask, (key >> 32) | 1
        for p in (h1, (h1 + h2) & mask, (h1 + 2 * h2) & mask):
            bits[p >> 3] |= 1 << (p & 7)

    def __contains__(self, key: int) -> bool:
        bits, mask = self._bits, self._mask
        h1, h2 = key & mask, (key >> 32) | 1
        p2, p3 = (h1 + h2) & mask, (h1 + 2 * h2) & mask
        return bool(bits[h1 >> 3] & (1 << (h1 & 7)) and bits[p2 >> 3] & (1 << (p2 & 7))
                    and bits[p3 >> 3] & (1 << (p3 & 7)))

    def seen_then_add(self, keys: Iterable[int]) -> list[int]:
        """Those of ``keys`` perhaps seen before; all of them are added (one pass, not two)."""
        bits, mask = self._bits, self._mask
        seen = []
        for key in keys:
            h1, h2 = key & mask, (key >> 32) | 1
            present = True
            for p in (h1, (h1 + h2) & mask, (h1 + 2 * h2) & mask):
                byte, bit = p >> 3, 1 << (p & 7)
                if not bits[byte] & bit:
                    present = False
                    bits[byte] |= bit
            if present:
                seen.append(key)
        return seen


def _hashed(kind: Kind, keys: Iterable[str]) -> list[int]:
    return [hash((kind.value, k)) for k in keys]


@dataclass
class _Pending:
    pos: int
    record: ImportRecord
    mine: Any  # matching._Entry
    existing: matching.Match | None
    earlier: matching.Match | None
    hashed: list[int] | None = None  # its hashed match keys (within a file)


class Spool:
    """The records of one file (shared by the plans made of it)."""

    def __init__(self, batch: ImportBatch):
        self.store = SpoolStore()
        self.batch = batch  # source, format, encoding, facets, taxonomy, links; no records
        self.count = 0
        self.within_file = batch.format is not Format.JSON  # a curator's export may hold duplicates
        self.plans = 0
        self.dropped_warnings = 0
        self.with_attachments = 0  # records carrying attachments (only the app's JSON has them)

    def close(self) -> None:
        self.store.close()

    def warn(self, texts: Sequence[str]) -> None:
        room = max(0, WARNINGS_KEPT - self.store.warning_count()) if texts else 0
        if room < len(texts):
            self.dropped_warnings += len(texts) - room
        if room:
            self.store.add_warnings(texts[:room])

    def records(self, rows: Iterable[tuple], matches: bool = True) -> list[tuple]:
        """(pos, record, match data or None, earlier twin, its reason) of spooled rows."""
        out = []
        for pos, _kind, _line, _title, _year, _ref, data, match in rows:
            record, earlier, reason = _record_of(data)
            out.append((pos, record, _match_of(match) if matches else None, earlier, reason))
        return out


class _Planner:
    """Matches records against the catalog and the file, classifies them, writes them out."""

    def __init__(self, conn: Connection, spool: Spool, suggested_facet: str | None):
        self.conn = conn
        self.spool = spool
        self.number = spool.plans = spool.plans + 1
        self.suggested = suggested_facet
        self._catalog: dict[Kind, matching.MatchIndex] = {}
        self.pending: list[_Pending] = []
        self.counts = {s: 0 for s in Status}

    def release(self) -> None:
        """Let go of the match indexes, a little at a time (see :meth:`MatchIndex.drain`)."""
        for index in self._catalog.values():
            index.drain()
        self._catalog.clear()

    def catalog(self, kind: Kind) -> matching.MatchIndex:
        if kind not in self._catalog:
            self._catalog[kind] = matching.catalog_index(self.conn, kind)
        return self._catalog[kind]

    def classify(self, items: list[_Pending]) -> list[tuple]:
        """Entry rows (pos, status, existing, earlier, reason, decision, detail, kind) of a batch."""
        snaps: dict[tuple[Kind, int], Any] = {}
        for kind in Kind:
            ids = sorted({i.existing.key for i in items if i.record.kind is kind and i.existing})
            snaps.update(((kind, s.id), s) for s in snapshot.load(self.conn, kind, ids))
        here = {i.pos: i.record for i in items}
        wanted = sorted({i.earlier.key for i in items if not i.existing and i.earlier and i.earlier.key not in here})
        others = {pos: rec for pos, rec, *_rest in self.spool.records(self.spool.store.records_at(wanted), False)}
        others.update(here)
        rows = []
        for item in items:
            entry = PlanEntry(item.record)
            if item.existing is not None:
                entry.existing_id, entry.reason = int(item.existing.key), item.existing.reason
                snap = snaps[(item.record.kind, entry.existing_id)]
                _classify(entry, snap.values, _has_more(item.record, snap.tags, snap.note, self.suggested))
            elif item.earlier is not None:
                entry.earlier, entry.reason = int(item.earlier.key), item.earlier.reason
                other = others[entry.earlier]
                _classify(entry, other.values, _has_more(item.record, other.tags, other.note, SUGGESTED))
            self.counts[entry.status] += 1
            detail = _dump((entry.differences, entry.fillable)) if entry.differences or entry.fillable else None
            rows.append((item.pos, entry.status.value, entry.existing_id, entry.earlier, entry.reason,
                         entry.decision.value, detail, item.record.kind.value))
        return rows


class _FirstPass(_Planner):
    """Records as they arrive from the parser."""

    def __init__(self, conn: Connection, spool: Spool, suggested_facet: str | None, validate: bool):
        super().__init__(conn, spool, suggested_facet)
        self.validate = validate
        self.bloom = _Bloom()
        self.in_batch = {k: matching.MatchIndex(k) for k in Kind}
        self.warnings: list[str] = []

    def add(self, record: ImportRecord) -> None:
        spool = self.spool
        pos = spool.count
        spool.count += 1
        if record.attachments:
            spool.with_attachments += 1
        if self.validate:
            _validate(record, self.warnings, spool.batch.source)
        kind = record.kind
        mine = matching.match_data(pos, kind, record.values)
        earlier = hashed = None
        if spool.within_file:
            keys = matching.index_keys(mine)
            hashed = _hashed(kind, keys)
            by_key = self.in_batch[kind]._by_key
            candidates = [e for k in keys for e in by_key.get(k, ())]
            seen = self.bloom.seen_then_add(hashed)
            if seen:
                candidates += [_match_of(m) for _pos, m in spool.store.candidates(seen, pos)]
            found = matching.rank(mine, candidates) if candidates else []
            earlier = found[0] if found else None
            for k in keys:
                by_key[k].append(mine)  # MatchIndex.add, keys computed once
        existing = self.catalog(kind).best(mine=mine)
        self.pending.append(_Pending(pos, record, mine, existing, earlier, hashed))
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        items, self.pending = self.pending, []
        if self.warnings:
            self.spool.warn(self.warnings)
            self.warnings = []
        if not items:
            return
        store = self.spool.store
        store.add_records(
            (i.pos, i.record.kind.value, i.record.line, i.record.title, str(i.record.values.get("year") or ""),
             i.record.ref, _record_data(i.record, i.earlier), _match_data(i.mine))
            for i in items)
        if self.spool.within_file:
            store.add_keys((h, i.pos) for i in items for h in i.hashed)
        store.add_entries(self.number, self.classify(items))
        for index in self.in_batch.values():
            index.clear()


# ---- the plan ----------------------------------------------------------------------------------


class PlanEntries(Sequence):
    """The entries of a plan, read from the spool a page at a time (a few pages are kept)."""

    def __init__(self, plan: "ImportPlan"):
        self._plan = plan
        self._pages: OrderedDict[int, list[PlanEntry]] = OrderedDict()

    def __len__(self) -> int:
        return self._plan.spool.count

    def _page(self, number: int) -> list[PlanEntry]:
        page = self._pages.get(number)
        if page is None:
            page = self._plan.load(number * PAGE, (number + 1) * PAGE)
            self._pages[number] = page
            while len(self._pages) > _CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    @overload
    def __getitem__(self, index: int) -> PlanEntry: ...

    @overload
    def __getitem__(self, index: slice) -> list[PlanEntry]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._page(index // PAGE)[index % PAGE]

    def __iter__(self) -> Iterator[PlanEntry]:
        for number in range((len(self) + PAGE - 1) // PAGE):
            yield from self._page(number)

    def forget(self) -> None:
        self._pages.clear()


class PlanWarnings(Sequence):
    """The warnings of a plan (skipped records, dropped values), from the spool."""

    def __init__(self, spool: Spool):
        self._spool = spool

    def __len__(self) -> int:
        return self._spool.store.warning_count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            found = self._spool.store.warnings(max(0, stop - start), start)
            return found[::step]
        if index < 0:
            index += len(self)
        found = self._spool.store.warnings(1, index) if index >= 0 else []
        if not found:
            raise IndexError(index)
        return found[0]

    def __iter__(self) -> Iterator[str]:
        offset = 0
        while True:
            found = self._spool.store.warnings(1000, offset)
            yield from found
            if len(found) < 1000:
                return
            offset += len(found)

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, (list, tuple, PlanWarnings)) else NotImplemented

    def summary(self, limit: int = 1000) -> list[str]:
        """The first ``limit`` warnings, and a last line counting the others."""
        shown = self[:limit]
        more = len(self) - len(shown) + self._spool.dropped_warnings
        return shown + ([f"{self._spool.batch.source}: … and {more} more warnings"] if more > 0 else [])


class ImportPlan:
    """What the preview shows and edits, and what an import writes (see the module docstring)."""

    def __init__(self, spool: Spool, number: int, suggested_facet: str | None, state: int):
        self.spool = spool
        self.number = number
        self.suggested_facet = suggested_facet  # facet receiving suggested tags; None drops them
        self.state = state  # the catalog's newest change when the plan was computed
        self.entries = PlanEntries(self)
        self.warnings = PlanWarnings(spool)

    # ---- what the file was -------------------------------------------------------------------

    @property
    def batch(self) -> ImportBatch:
        return self.spool.batch

    @property
    def source(self) -> str:
        return self.spool.batch.source

    @property
    def format(self) -> Format:
        return self.spool.batch.format

    @property
    def encoding(self) -> str | None:
        return self.spool.batch.encoding

    @property
    def encoding_confident(self) -> bool:
        return self.spool.batch.encoding_confident

    def __len__(self) -> int:
        return self.spool.count

    @property
    def has_attachments(self) -> bool:
        """Does any record carry attachments (files to bring along before writing)?"""
        return self.spool.with_attachments > 0

    # ---- reading -----------------------------------------------------------------------------

    def load(self, start: int, stop: int) -> list[PlanEntry]:
        """The entries at positions start ≤ pos < stop, each writing its decision back."""
        store = self.spool.store
        records = {pos: rec for pos, rec, *_r in self.spool.records(store.records(start, stop), False)}
        out = []
        for pos, status, existing, earlier, reason, decision, detail in store.entries(self.number, start, stop):
            differences, fillable = _load(detail) if detail else ({}, [])
            entry = object.__new__(PlanEntry)  # no __init__: its field-by-field __setattr__ is slow
            entry.__dict__.update(record=records[pos], status=_STATUS[status], existing_id=existing,
                                  earlier=earlier, reason=reason, differences=differences, fillable=fillable,
                                  decision=_DECISION[decision])
            out.append(entry.bind(lambda d, p=pos: store.set_decisions(self.number, [p], d.value)))
        return out

    def save_records(self, entries: Iterable[tuple[int, ImportRecord]]) -> None:
        """Write (position, record) back into the spool after a record was changed in place
        (a stored file copied under a new name changes its attachment's path): what is written
        reads the records from the spool again, not the entries shown."""
        entries = list(entries)
        store = self.spool.store
        twins = {pos: (earlier, reason) for pos, _rec, _m, earlier, reason
                 in self.spool.records(store.records_at([pos for pos, _r in entries]), False)}
        store.set_record_data(
            (_record_data(record, matching.Match(*twins[pos], 100.0) if twins[pos][0] is not None else None), pos)
            for pos, record in entries)

    def batch_bounds(self, size: int = 2000) -> Iterator[tuple[int, int]]:
        """(first position, count) of the whole plan in order, ``size`` at a time; the caller
        loads each (so no batch is held by the loop between two)."""
        total = len(self)
        for start in range(0, total, size):
            yield start, min(size, total - start)

    def counts(self) -> dict[str, int]:
        found = self.spool.store.counts(self.number, "status")
        return {s.value: found.get(s.value, 0) for s in Status}

    def additions(self) -> dict[Kind, int]:
        """How many entries of each kind the plan adds, as decided now."""
        found = self.spool.store.additions(self.number)
        return {k: found.get(k.value, 0) for k in Kind}

    def decision_counts(self) -> dict[Decision, int]:
        found = self.spool.store.counts(self.number, "decision")
        return {d: found.get(d.value, 0) for d in Decision}

    def positions(self, status: Status | None = None) -> list[int]:
        return self.spool.store.positions(self.number, status.value if status else None)

    def titles_at(self, positions: Sequence[int]) -> dict[int, str]:
        return {row[0]: row[3] or "" for row in self.spool.store.records_at(list(positions))}

    def refs(self, kind: Kind, refs: Sequence[str]) -> dict[str, int]:
        return self.spool.store.position_of_ref(kind.value, list(refs))

    # ---- deciding ----------------------------------------------------------------------------

    def set_decisions(self, positions: Iterable[int], decision: Decision) -> None:
        self.spool.store.set_decisions(self.number, positions, Decision(decision).value)
        self.entries.forget()

    def restore_suggestions(self) -> None:
        """Every decision back to the one the plan suggested."""
        self.spool.store.restore_suggestions(self.number)
        self.entries.forget()

    def matched_ids(self, kind: Kind) -> list[int]:
        """The catalog entries this plan's records match (to show their titles)."""
        return self.spool.store.existing_ids(self.number, kind.value)

    def add_all(self, only_matched: bool = False) -> None:
        """Add every entry, duplicates too (the command line's ``--add-duplicates``); with
        ``only_matched``, "add anyway" for every suspected duplicate and conflict alone."""
        self.spool.store.set_all_decisions(self.number, Decision.ADD.value, only_matched)
        self.entries.forget()

    def close(self) -> None:
        """Delete the spool (every plan made of the same file with it)."""
        self.spool.close()


# ---- building --------------------------------------------------------------------------------


def plan_records(conn: Connection, records: Iterable[ImportRecord], info: ImportBatch,
                 suggested_facet: str | None = "section", *, validate: bool = True,
                 parser_warnings: Callable[[], list[str]] | None = None,
                 tick: Callable[[], None] | None = None) -> ImportPlan:
    """Spool, match and classify ``records`` as they come (the file's records, from a
    :class:`~.detect.RecordStream` or a list). ``info`` names the file and, once ``records`` is
    exhausted, holds the app JSON's taxonomy and links; ``parser_warnings`` hands over (and
    empties) the parser's warnings as they accumulate; ``tick`` is called per record (it may
    raise to cancel: the spool is deleted)."""
    spool = Spool(info)
    try:
        state = catalog_state(conn)
        planner = _FirstPass(conn, spool, suggested_facet, validate)
        with background_import():
            for record in records:
                if parser_warnings is not None:
                    planner.warnings += parser_warnings()
                planner.add(record)
                if tick is not None:
                    tick()
            if parser_warnings is not None:
                planner.warnings += parser_warnings()
            planner.flush()
            number = planner.number
            # The catalog's match index (some 600,000 small objects at 100,000 papers) goes
            # while the collector still sleeps: alive when it wakes, its first pass walks them
            # all, holding the GIL (a 0.5 s freeze of the window).
            planner.release()
            del planner
        return ImportPlan(spool, number, suggested_facet, state)
    except BaseException:
        spool.close()
        raise


def build_plan(conn: Connection, batch: ImportBatch, suggested_facet: str | None = "section",
               validated: bool = False) -> ImportPlan:
    """The plan of records already in memory (validation warnings are added to the batch's)."""
    info = ImportBatch(batch.source, batch.format, [], facets=batch.facets, taxonomy=batch.taxonomy,
                       links=batch.links, warnings=[], encoding=batch.encoding,
                       encoding_confidence=batch.encoding_confidence, encoding_confident=batch.encoding_confident)
    pending = list(batch.warnings)

    def parser_warnings() -> list[str]:
        out = pending[:]
        pending.clear()
        return out

    plan = plan_records(conn, batch.records, info, suggested_facet, validate=not validated,
                        parser_warnings=parser_warnings)
    batch.warnings[:] = list(plan.warnings)
    return plan


def replan(conn: Connection, plan: ImportPlan) -> tuple[ImportPlan, list[int]]:
    """The plan computed again against the catalog now, the user's decisions kept where an
    entry's status did not change; and the positions that changed."""
    spool = plan.spool
    planner = _Planner(conn, spool, plan.suggested_facet)
    state = catalog_state(conn)
    with background_import():  # as in plan_records
        for start in range(0, spool.count, BATCH):
            items = []
            for pos, record, mine, earlier, reason in spool.records(spool.store.records(start, start + BATCH)):
                twin = matching.Match(earlier, reason, 100.0) if earlier is not None else None
                items.append(_Pending(pos, record, mine, planner.catalog(record.kind).best(mine=mine), twin))
            spool.store.add_entries(planner.number, planner.classify(items))
        items = []
        planner.release()
    fresh = ImportPlan(spool, planner.number, plan.suggested_facet, state)
    changed = spool.store.changed(plan.number, fresh.number)
    spool.store.copy_decisions(plan.number, fresh.number)
    return fresh, changed


def plan_stream(conn: Connection, stream, suggested_facet: str | None = "section") -> ImportPlan:
    """The plan of a :class:`~.detect.RecordStream`, read record by record (its progress and
    cancel callbacks hold while reading; a cancelled read raises ``ReadCancelled`` and leaves
    no spool behind)."""
    info = ImportBatch(stream.source, stream.format, [], warnings=[], encoding=stream.encoding,
                       encoding_confidence=stream.encoding_confidence, encoding_confident=stream.encoding_confident)

    def records() -> Iterator[ImportRecord]:
        yield from stream
        info.facets, info.taxonomy, info.links = stream.ctx.facets, stream.ctx.taxonomy, stream.ctx.links

    def parser_warnings() -> list[str]:
        found = stream.ctx.warnings[:]
        stream.ctx.warnings.clear()
        return found

    return plan_records(conn, records(), info, suggested_facet, parser_warnings=parser_warnings)
