"""Papers and datasets: the table queries (sorted ids, matching ids, cells of a block of rows),
single entries, and their edits through the one write path.

Reads are SQL that both engines run (``store.sql``); the table model keeps only ids and asks
for the cells of the rows it shows. Edits return undoable commands (``store.undo.Command``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import compress, repeat
from typing import Any

from . import search, taxonomy
from .columns import COLUMNS, column
from .display_text import visible
from .errors import CatalogError
from .fields import FIELDS, RELATIONS, TITLE_FIELD, FieldType, Kind, utcnow
from .i18n import QT_TRANSLATE_NOOP
from .store import dialect, sql
from .store.store import Store
from .store.undo import Command
from .store.writes import Tx
from .validation import FieldError, ValidationError, normalise

TRASH_DAYS = 30  # trashed entries are deleted for good after this many days
NO_YEAR = 0  # the year filter's value for entries without a year (no publication has year 0)
META_FIELDS = ("uuid", "seed_key", "created_at", "updated_at", "deleted_at", "created_by",
               "modified_by", "version")


@dataclass(frozen=True)
class Entry:
    """One paper or dataset as stored: its field values and bookkeeping. ``entry.title``,
    ``entry.year``... read the fields."""

    kind: Kind
    id: int
    values: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)
    damaged: bool = False  # read from a damaged page: some text was unreadable (shown as U+FFFD)

    def __getattr__(self, name: str) -> Any:
        values = object.__getattribute__(self, "values")
        if name in values:
            return values[name]
        meta = object.__getattribute__(self, "meta")
        if name in meta:
            return meta[name]
        raise AttributeError(name)

    @property
    def label(self) -> str:
        return self.values.get(TITLE_FIELD[self.kind]) or ""

    @property
    def version(self) -> int:
        return self.meta["version"]

    @property
    def trashed(self) -> bool:
        return self.meta.get("deleted_at") is not None


@dataclass(frozen=True)
class LinkedEntry:
    """The other end of a paper–dataset link."""

    id: int
    title: str
    relation: str
    year: int | None = None


@dataclass(frozen=True)
class Query:
    """What a catalog table shows: a search text, a tag filter and a sort."""

    text: str = ""
    sort_key: str | None = None
    descending: bool = False
    trashed: bool = False  # the trash instead of the live catalog (search does not apply)
    # facet id -> tag ids: OR within a facet, AND across facets, a tag matching its descendants
    tags: Mapping[int, frozenset[int]] = field(default_factory=dict)
    year: int | None = None  # only entries of this year (NO_YEAR: those without one)
    only: frozenset[int] | None = None  # only these entries (a list opened from the statistics)
    fulltext: bool = False  # the search text looks in the attached files' text too

    def filters(self) -> bool:
        """The search text, the tags, the year or the id set narrows the entries."""
        return bool(self.text.strip() or self.tags or self.year is not None or self.only is not None)


class SearchStopped(Exception):
    """A search given up because its ``stop`` callable said so (:meth:`Entries.keep_matching`)."""


class _Unreadable(ValueError):
    """A stored value of the wrong type or shape (a damaged page); carries what could be read."""

    def __init__(self, salvaged: Any):
        super().__init__("unreadable value")
        self.salvaged = salvaged


def _text_of(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _decode(spec_type: FieldType, value: Any) -> Any:
    """A stored value as the field's Python type; :class:`_Unreadable` when damage changed its
    type or broke its JSON (with the closest readable value)."""
    if spec_type in (FieldType.LIST, FieldType.MAP):
        empty = [] if spec_type is FieldType.LIST else {}
        if value is None:
            return empty
        try:
            decoded = json.loads(value) if isinstance(value, (str, bytes)) else value  # PostgreSQL: JSON
        except ValueError:
            decoded = None
        if spec_type is FieldType.LIST and isinstance(decoded, list):
            return [_text_of(v) for v in decoded]
        if spec_type is FieldType.MAP and isinstance(decoded, dict):
            return decoded
        raise _Unreadable([_text_of(value)] if spec_type is FieldType.LIST else {"unreadable": _text_of(value)})
    if value is None:
        return None
    if spec_type is FieldType.INT:
        if isinstance(value, int):
            return value
        raise _Unreadable(None)
    if not isinstance(value, str):
        raise _Unreadable(_text_of(value))
    return value


def decode_values(specs, row) -> tuple[dict[str, Any], bool]:
    """The field values of a stored row, and whether any was unreadable (then salvaged)."""
    values, damaged = {}, False
    for spec, value in zip(specs, row):
        try:
            values[spec.key] = _decode(spec.type, value)
        except _Unreadable as bad:
            values[spec.key], damaged = bad.salvaged, True
    return values, damaged


GIL_STEP = 8192  # ids decoded, marked or filtered in one C call (each about 0.3 ms on a quiet core)


def _id_pieces(conn, query: str, params: dict) -> list[list[int]]:
    """The ids a query (its column named ``id``) returns, as lists of about :data:`GIL_STEP`
    ids: on SQLite one JSON array (6-10 ms cheaper than a row per id, ``dialect.id_list``)
    decoded a piece at a time, so that no single ``json.loads`` holds the GIL for all of it."""
    if not dialect.is_sqlite(conn):
        return [dialect.id_list(conn, query, params)]
    ((found,),) = sql.rows(conn, f"SELECT json_group_array(id) FROM ({query}) AS q", params)
    text = found[1:-1]  # the numbers between the brackets, separated by commas
    width = 8 * GIL_STEP  # characters: an id of up to 7 digits and its comma
    pieces = []
    start = 0
    while start < len(text):
        end = text.find(",", start + width)
        end = len(text) if end < 0 else end
        pieces.append(json.loads(f"[{text[start:end]}]"))
        start = end + 1
    return pieces


def _kept(ids: list[int], pieces: Iterable[Sequence[int]]) -> list[int]:
    """Those of ``ids``, in their order, that are in ``pieces`` (lists of matching ids, in any
    order, maybe holding ids beyond ``ids``): a byte mask written and read :data:`GIL_STEP`
    ids at a time. Between two steps the interpreter may hand the GIL to another thread."""
    pieces = [p for p in pieces if p]
    if not ids or not pieces:
        return []
    size = 0
    for start in range(0, len(ids), GIL_STEP):
        size = max(size, max(ids[start : start + GIL_STEP]))
    for piece in pieces:
        for start in range(0, len(piece), GIL_STEP):
            size = max(size, max(piece[start : start + GIL_STEP]))
    mask = bytearray(size + 1)
    for piece in pieces:
        for start in range(0, len(piece), GIL_STEP):
            any(map(mask.__setitem__, piece[start : start + GIL_STEP], repeat(1)))
    out: list[int] = []
    for start in range(0, len(ids), GIL_STEP):
        part = ids[start : start + GIL_STEP]
        out += compress(part, map(mask.__getitem__, part))
    return out


class Entries:
    def __init__(self, store: Store):
        self.store = store
        # A lab server: the orders read, kept while the catalog's change log stands still.
        self._orders = None if dialect.is_sqlite(store.engine) else dialect.OrderCache(store)

    # ---- table queries -------------------------------------------------------------------

    def list_ids(self, kind: Kind, query: Query = Query()) -> list[int]:
        """Ids of the entries matching ``query``, in the requested order: the sorted ids (an
        index scan; empty values last in both directions), filtered by :meth:`keep_matching`.
        The table model caches the sorted ids, so a keystroke costs the matching query only."""
        order = self.sorted_ids(kind, query.sort_key, query.descending, query.trashed)
        if query.trashed:
            return order
        return self.keep_matching(kind, order, query.text, query.tags, query.fulltext, year=query.year,
                                  only=query.only)

    def sorted_ids(self, kind: Kind, sort_key: str | None = None, descending: bool = False,
                   trashed: bool = False) -> list[int]:
        """All live (or trashed) ids in the order of ``sort_key``."""
        key = sort_key or TITLE_FIELD[kind]
        col = taxonomy.tag_column(kind, key) if taxonomy.is_tag_column(key) else column(kind, key)
        if self._orders is not None:
            return self._orders.sorted_ids(kind, key, descending, trashed, col.nullable,
                                           lambda conn, flagged: self._read_order(conn, kind, col, trashed, flagged))
        # A descending sort reverses the ascending list's non-empty part only, so it needs each
        # row's empty flag; an ascending sort needs just the ids.
        flagged = descending and col.nullable
        with self.store.read() as conn:
            ids, empties = self._read_order(conn, kind, col, trashed, flagged)
        if not flagged:
            return ids[::-1] if descending else ids
        present = len(ids) - empties  # the empty values sort last
        return ids[:present][::-1] + ids[present:][::-1]

    def _read_order(self, conn, kind: Kind, col, trashed: bool, flagged: bool) -> tuple[list[int], int]:
        """The ascending order of ``col`` (ids; with ``flagged`` how many are empty)."""
        cond = "e.deleted_at IS NOT NULL" if trashed else "e.deleted_at IS NULL"
        if isinstance(col, taxonomy.TagColumn):  # no rows: no such facet, so no entry has a tag there
            ids, empties = dialect.ordered_ids(conn, col.sorted_sql(trashed, flagged), flagged)
            if not ids:
                ids, empties = dialect.ordered_ids(
                    conn, f"SELECT e.id{', true' if flagged else ''} FROM {kind.value} e"
                          f" WHERE {cond} ORDER BY e.id", flagged)
        else:
            terms = col.order_terms()
            select_list = f"e.id, {terms[0]}" if flagged else "e.id"
            query = f"SELECT {select_list} FROM {kind.value} e WHERE {cond} ORDER BY {', '.join(terms)}"
            try:
                ids, empties = dialect.ordered_ids(conn, query, flagged)
            except CatalogError:
                if not dialect.is_sqlite(conn):
                    raise
                # A damaged sort index (integrity_check: "row N missing from index …"): the
                # table itself still reads, so browsing goes on while the damage is reported.
                ids, empties = dialect.ordered_ids(
                    conn, query.replace(f"FROM {kind.value} e ", f"FROM {kind.value} e NOT INDEXED ", 1), flagged)
                sql.note_damage(f"the {kind.value} sort index")
        return ids, empties

    def keep_matching(self, kind: Kind, ids: list[int], text: str = "",
                      tags: Mapping[int, Iterable[int]] = {}, fulltext: bool = False, *,
                      year: int | None = None, only: Iterable[int] | None = None,
                      stop: Callable[[], bool] | None = None) -> list[int]:
        """The ``ids``, in their order, that match the search text (in the attached files' text
        too when ``fulltext``), the tag filter, the year and the id set ``only`` (``ids`` itself
        when none filters).

        The matching ids mark a byte per id, and the order is filtered through that mask at C
        speed: at 60,000 hits of 100,000 papers this costs 2 ms where a set costs 14 ms.
        Matching ids not in ``ids`` (trashed entries keep their tags) are ignored. The hits are
        decoded, marked and the order filtered :data:`GIL_STEP` ids at a time (:func:`_kept`):
        this runs on the search worker, and one C call over 100,000 ids held the GIL 40-110 ms
        on a loaded machine, stalling the GUI thread that long.

        ``stop`` (called from the running query, on SQLite about every millisecond of its
        work): once it returns true the search gives up with :class:`SearchStopped` (a search
        overtaken by later typing, no longer worth finishing)."""
        with self.store.read() as conn:
            searched = None
            if not dialect.is_sqlite(conn) and not (tags or fulltext or year is not None or only is not None):
                searched = search.match_ids_query(conn, kind, text)  # one array, computed by the server
            query = searched or self.match_sql(conn, kind, text, tags, fulltext, year=year, only=only)
            if query is None:
                return ids
            if not ids:
                return []
            read = (lambda c, q, p: [sql.rows(c, q, p, binary=True)[0][0]]) if searched else _id_pieces
            pieces = self._stoppable_id_list(conn, query, stop, read) if stop is not None else read(conn, *query)
        return _kept(ids, pieces)

    def first_matching(self, kind: Kind, ids: Sequence[int], text: str) -> list[int] | None:
        """Those of ``ids``, in their order, that the search ``text`` matches, read from each
        entry's indexed text rather than by a search of the whole catalog: a table's first
        screenful while the whole answer is still being read. None when this catalog cannot
        tell that way (not SQLite; a term shorter than three characters)."""
        with self.store.read() as conn:
            if not dialect.is_sqlite(conn):
                return None
            from .search import fts5

            return fts5.matching_among(conn, kind, search.parse_query(text), ids)

    @staticmethod
    def _stoppable_id_list(conn, query: tuple[str, dict], stop: Callable[[], bool],
                           read: Callable[..., Any] = dialect.id_list) -> Any:
        if stop():
            raise SearchStopped()
        raw = conn.connection.dbapi_connection
        dialect.abort_while(raw, stop)
        try:
            hits = read(conn, *query)
        except Exception as exc:
            if stop():
                raise SearchStopped() from exc
            raise
        finally:
            dialect.abort_while(raw, None)
        if stop():
            raise SearchStopped()
        return hits

    def match_sql(self, conn, kind: Kind, text: str, tags: Mapping[int, Iterable[int]], fulltext: bool = False,
                  *, year: int | None = None, only: Iterable[int] | None = None) -> tuple[str, dict] | None:
        """The matching ids' query (None when nothing filters): an INTERSECT of the search, the
        tag-member, the year and the id-set queries, its column named ``id``. It may return
        trashed ids."""
        parts: list[str] = []
        params: dict[str, Any] = {}
        found = search.match_query(conn, kind, text, fulltext)
        if found is not None:
            parts.append(found[0])
            params.update(found[1])
        tag_sql, tag_params = taxonomy.member_sql(kind, tags, conn.dialect.name)
        if tag_sql:
            parts.append(tag_sql)
            params.update(tag_params)
        if year == NO_YEAR:
            parts.append(f"SELECT id FROM {kind.value} WHERE year IS NULL AND deleted_at IS NULL")
        elif year is not None:  # the year column's sort index (live rows) serves both
            parts.append(f"SELECT id FROM {kind.value} WHERE year = :match_year AND deleted_at IS NULL")
            params["match_year"] = int(year)
        if only is not None:
            parts.append(dialect.id_set(conn, "match_only"))
            params["match_only"] = dialect.id_set_param(conn, only)
        if not parts:
            return None
        return " INTERSECT ".join(f"SELECT id FROM ({p}) AS m{i}" for i, p in enumerate(parts)), params

    def fetch_rows(self, kind: Kind, ids: Sequence[int], tag_columns: Sequence[str] = ()
                   ) -> dict[int, dict[str, Any]]:
        """The table cells of these entries, keyed by id (missing ids are simply absent); a
        row that cannot be read (a damaged page) comes back as ``{"_unreadable": True}``."""
        keys = [c.key for c in COLUMNS[kind]]
        if not ids:
            return {}
        with self.store.read() as conn:
            exprs = keys + [taxonomy.tag_column(kind, k).expression(conn, f"{kind.value}.") for k in tag_columns]
            all_keys = keys + list(tag_columns)
            select = f"SELECT id, {', '.join(exprs)} FROM {kind.value} WHERE id IN :ids"
            try:
                found = sql.rows(conn, select, {"ids": list(ids)})
            except Exception:  # noqa: BLE001 (one damaged row must not blank the whole block)
                found = self._rows_one_by_one(conn, select, ids)
        out = {}
        for row in found:
            if len(row) == 1:
                out[row[0]] = {"_unreadable": True}
                continue
            values = dict(zip(all_keys, row[1:]))
            if "authors" in values:
                try:
                    values["authors"] = json.loads(values["authors"] or "[]")
                except (TypeError, ValueError):
                    values["authors"] = [str(values["authors"])]
            out[row[0]] = values
        return out

    @staticmethod
    def _rows_one_by_one(conn, select: str, ids: Sequence[int]) -> list[tuple]:
        rows = []
        for entry_id in ids:
            try:
                rows += sql.rows(conn, select, {"ids": [entry_id]})
            except Exception:  # noqa: BLE001
                rows.append((entry_id,))
        return rows

    def tag_labels(self, kind: Kind, ids: Sequence[int]) -> dict[int, dict[str, str]]:
        """Per entry, its tag labels of each facet joined in tree order, keyed ``tags:<facet>``
        (one query for a block of rows, read only when a tag column is shown)."""
        if not ids:
            return {}
        owner = f"{kind.value}_id"
        with self.store.read() as conn:
            found = sql.rows(
                conn,
                f"SELECT m.{owner}, f.key, coalesce(t.label_en, t.label_zh)"
                f" FROM {kind.value}_tag m JOIN tag t ON t.id = m.tag_id JOIN facet f ON f.id = t.facet_id"
                f" WHERE m.{owner} IN :ids AND t.deleted_at IS NULL AND f.deleted_at IS NULL"
                f" ORDER BY m.{owner}, f.key, t.position, t.id",
                {"ids": list(ids)},
            )
        out: dict[int, dict[str, list[str]]] = {}
        for entry_id, facet, label in found:
            out.setdefault(entry_id, {}).setdefault(f"{taxonomy.TAG_COLUMN_PREFIX}{facet}", []).append(label)
        return {i: {k: ", ".join(v) for k, v in cols.items()} for i, cols in out.items()}

    def facet_labels(self) -> list[tuple[str, str | None, str | None]]:
        """(key, English label, Chinese label) of every facet, in display order."""
        with self.store.read() as conn:
            return sql.rows(conn, "SELECT key, label_en, label_zh FROM facet WHERE deleted_at IS NULL"
                                  " ORDER BY position, id")

    def count(self, kind: Kind) -> int:
        with self.store.read() as conn:
            return sql.scalar(conn, f"SELECT count(*) FROM {kind.value} WHERE deleted_at IS NULL")

    def stats(self) -> dict[str, int]:
        with self.store.read() as conn:
            return {
                "papers": sql.scalar(conn, "SELECT count(*) FROM paper WHERE deleted_at IS NULL"),
                "datasets": sql.scalar(conn, "SELECT count(*) FROM dataset WHERE deleted_at IS NULL"),
                "links": sql.scalar(
                    conn,
                    "SELECT count(*) FROM paper_dataset_link l"
                    " JOIN paper p ON p.id = l.paper_id JOIN dataset d ON d.id = l.dataset_id"
                    " WHERE p.deleted_at IS NULL AND d.deleted_at IS NULL",
                ),
                "notes": sql.scalar(conn, notes_count_sql(conn.dialect.name)),
            }

    # ---- single entries -----------------------------------------------------------------

    def get(self, kind: Kind, entry_id: int | None) -> Entry | None:
        if entry_id is None:
            return None
        specs = FIELDS[kind]
        with self.store.read() as conn, sql.noticing_damage() as salvaged:
            row = sql.first(
                conn,
                f"SELECT {', '.join([s.key for s in specs] + list(META_FIELDS))} FROM {kind.value} WHERE id = :id",
                {"id": entry_id},
            )
        if row is None:
            return None
        values, damaged = decode_values(specs, row)
        meta = dict(zip(META_FIELDS, row[len(specs):]))
        if not isinstance(meta.get("version"), int):
            meta["version"], damaged = 0, True
        return Entry(kind, entry_id, values, meta, damaged=damaged or bool(salvaged))

    def by_uuid(self, kind: Kind, uuid: str) -> int | None:
        """The id here of the entry known everywhere (every synced catalog) by ``uuid``."""
        with self.store.read() as conn:
            return sql.scalar(conn, f"SELECT id FROM {kind.value} WHERE uuid = :u", {"u": uuid})

    def titles_by_id(self, kind: Kind, ids: Sequence[int]) -> list[tuple[int, str]]:
        """(id, title or name) of these entries, in the order of ``ids``, to show (in messages,
        lists, undo labels): direction controls made visible (``display_text.visible``)."""
        found: dict[int, str] = {}
        with self.store.read() as conn:
            for chunk in sql.chunked(list(ids)):
                found.update(sql.rows(conn, f"SELECT id, {TITLE_FIELD[kind]} FROM {kind.value} WHERE id IN :ids",
                                      {"ids": chunk}))
        return [(i, visible(str(found[i]))) for i in ids if i in found]

    def trashed_before(self, kind: Kind, when: datetime) -> list[int]:
        with self.store.read() as conn:
            return sql.column(conn, f"SELECT id FROM {kind.value} WHERE deleted_at < :when", {"when": when})

    def provenance(self, kind: Kind, entry_id: int) -> list[dict[str, Any]]:
        with self.store.read() as conn:
            found = sql.rows(conn, f"SELECT source, locator, excerpt FROM provenance WHERE {kind.value}_id = :id"
                                   " ORDER BY id", {"id": entry_id})
        return [{"source": s, "locator": loc, "excerpt": e} for s, loc, e in found]

    # ---- edits (each returns its command, already carried out) ----------------------------

    def create(self, kind: Kind, values: dict[str, Any]) -> Command:
        """Add an entry; ``command.result`` is its id. Undo moves it to the trash."""
        clean = normalise(kind, values)
        if not clean.get(TITLE_FIELD[kind]):
            raise ValidationError([FieldError(TITLE_FIELD[kind], "required")])
        return self.store.run(QT_TRANSLATE_NOOP("Commands", "Add “{}”"),
                              lambda tx: tx.insert_entry(kind, clean), clean[TITLE_FIELD[kind]])

    def update(self, kind: Kind, entry_id: int, values: dict[str, Any], *,
               expected_version: int | None = None, base: Mapping[str, Any] | None = None) -> Command:
        """Validate and write changed fields; nothing is written if any field is invalid.

        ``expected_version``/``base``: the version and values the user edited. If the entry
        changed since, fields changed on one side only merge and the same field changed on both
        raises ``store.writes.Conflict`` with both values (see :meth:`Tx.update_entry`)."""
        clean = normalise(kind, values)
        if TITLE_FIELD[kind] in clean and not clean[TITLE_FIELD[kind]]:
            raise ValidationError([FieldError(TITLE_FIELD[kind], "required")])
        base_clean = {k: v for k, v in (base or {}).items() if k in clean} if base is not None else None

        def work(tx: Tx):
            return tx.update_entry(kind, entry_id, clean, expected_version=expected_version, base=base_clean)

        title = self.titles_by_id(kind, [entry_id])
        return self.store.run(QT_TRANSLATE_NOOP("Commands", "Edit “{}”"), work,
                              title[0][1] if title else entry_id)

    def update_many(self, kind: Kind, ids: Sequence[int], values: dict[str, Any]) -> Command:
        """Set the same fields on many entries (one undo step)."""
        clean = normalise(kind, values)

        def work(tx: Tx) -> int:
            return sum(bool(tx.update_entry(kind, i, clean)) for i in ids)

        return self.store.run(QT_TRANSLATE_NOOP("Commands", "Edit {} entries"), work, len(ids))

    def delete(self, kind: Kind, ids: Sequence[int]) -> Command:
        """Move entries to the trash (their notes, tags and links are kept)."""
        return self.store.run(QT_TRANSLATE_NOOP("Commands", "Delete {} entries"),
                              lambda tx: tx.set_trashed(kind, ids, True), len(ids))

    def restore(self, kind: Kind, ids: Sequence[int]) -> Command:
        return self.store.run(QT_TRANSLATE_NOOP("Commands", "Restore {} entries"),
                              lambda tx: tx.set_trashed(kind, ids, False), len(ids))

    def purge(self, kind: Kind, ids: Sequence[int]) -> int:
        """Delete trashed entries for good (not undoable); returns how many went."""
        return len(self.store.write(lambda tx: tx.purge(kind, ids))[0])

    def empty_trash(self, older_than_days: int = 0) -> int:
        """Delete for good what was trashed more than ``older_than_days`` ago; returns how many."""
        cutoff = utcnow() - timedelta(days=older_than_days)
        ids = {kind: self.trashed_before(kind, cutoff) for kind in Kind}
        if not any(ids.values()):
            return 0

        def work(tx: Tx) -> int:
            return sum(len(tx.purge(kind, kind_ids)) for kind, kind_ids in ids.items() if kind_ids)

        return self.store.write(work)[0]

    # ---- links between papers and datasets ---------------------------------------------

    def linked(self, kind: Kind, entry_id: int) -> list[LinkedEntry]:
        """Datasets of a paper, or papers of a dataset, with the link's relation."""
        if kind is Kind.PAPER:
            query = (
                "SELECT d.id, d.name, l.relation, d.year FROM paper_dataset_link l"
                " JOIN dataset d ON d.id = l.dataset_id"
                " WHERE l.paper_id = :id AND d.deleted_at IS NULL ORDER BY l.relation, d.name"
            )
        else:
            query = (
                "SELECT p.id, p.title, l.relation, p.year FROM paper_dataset_link l"
                " JOIN paper p ON p.id = l.paper_id"
                " WHERE l.dataset_id = :id AND p.deleted_at IS NULL ORDER BY l.relation, p.year, p.title"
            )
        with self.store.read() as conn:
            return [LinkedEntry(*row) for row in sql.rows(conn, query, {"id": entry_id})]

    def link(self, kind: Kind, entry_id: int, other_id: int, relation: str, remove: bool = False) -> Command:
        """Link (or unlink) a paper and a dataset, given from either side; linking twice
        changes nothing."""
        if relation not in RELATIONS:
            raise ValidationError([FieldError("relation", "choice")])
        paper_id, dataset_id = (entry_id, other_id) if kind is Kind.PAPER else (other_id, entry_id)
        label = QT_TRANSLATE_NOOP("Commands", "Remove link") if remove else QT_TRANSLATE_NOOP("Commands", "Add link")
        return self.store.run(label, lambda tx: tx.link(paper_id, dataset_id, relation, add=not remove))


def notes_count_sql(dialect_name: str) -> str:
    """Live entries' notes that hold more than white space (the ``notes`` of the stats and of
    a backup's description)."""
    return (
        "SELECT count(*) FROM note n LEFT JOIN paper p ON p.id = n.paper_id"
        " LEFT JOIN dataset d ON d.id = n.dataset_id"
        f" WHERE {dialect.not_blank(dialect_name, 'n.body')} AND p.deleted_at IS NULL AND d.deleted_at IS NULL"
    )
