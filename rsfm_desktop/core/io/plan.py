"""The import preview: for every record, is it new, a duplicate (of which entry), or a conflict
(same paper, different values), and what to do with it (skip, add anyway, merge).

Building a plan only reads the catalog. Records are validated here (:func:`validation.normalise`);
a field that fails validation is dropped with a warning rather than failing the import. The plan
itself lives in an import's spool (:mod:`.spool`: :class:`~.spool.ImportPlan`, ``build_plan``),
so that a file of a million records is never a million objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from sqlalchemy.engine import Connection

from ..fields import Kind, field_map
from ..store import sql
from ..validation import ValidationError, normalise
from .identifiers import normalise_title
from .record import SUGGESTED, ImportRecord


class Status(str, Enum):
    NEW = "new"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"


class Decision(str, Enum):
    SKIP = "skip"
    ADD = "add"
    MERGE = "merge"  # fill the existing entry's empty fields; never overwrite


@dataclass
class PlanEntry:
    record: ImportRecord
    status: Status = Status.NEW
    existing_id: int | None = None  # the catalog entry it duplicates
    earlier: int | None = None  # or the position of an earlier record of the same file
    reason: str | None = None  # arxiv | doi | title
    # field -> (catalog value, incoming value) where both are set and differ
    differences: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    fillable: list[str] = field(default_factory=list)  # fields empty in the catalog, set here
    decision: Decision = Decision.ADD

    def __setattr__(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)
        if name == "decision":  # an entry read from a spooled plan writes its decision back
            sink = self.__dict__.get("_sink")
            if sink is not None:
                sink(Decision(value))

    def bind(self, sink) -> "PlanEntry":
        object.__setattr__(self, "_sink", sink)
        return self


def _same(key: str, a: Any, b: Any) -> bool:
    if key == "title" or key == "name":
        return normalise_title(a) == normalise_title(b)
    if isinstance(a, list) or isinstance(b, list):
        return [normalise_title(x) for x in a or []] == [normalise_title(x) for x in b or []]
    if isinstance(a, str) and isinstance(b, str):
        return a.strip().casefold() == b.strip().casefold()
    return a == b


# How a file names an entry (its key, its BibTeX type, fields kept for round trips): two files
# may name the same paper differently without disagreeing about it.
BOOKKEEPING = frozenset({"citation_key", "entry_type", "extra_fields"})


def compare(existing: dict[str, Any], incoming: dict[str, Any]) -> tuple[dict[str, tuple[Any, Any]], list[str]]:
    differences: dict[str, tuple[Any, Any]] = {}
    fillable: list[str] = []
    for key, value in incoming.items():
        if value in (None, "", [], {}):
            continue
        current = existing.get(key)
        if current in (None, "", [], {}):
            fillable.append(key)
        elif key not in BOOKKEEPING and not _same(key, current, value):
            differences[key] = (current, value)
    return differences, fillable


_SPECS = {kind: field_map(kind) for kind in Kind}


def _validate(record: ImportRecord, warnings: list[str], source: str) -> None:
    specs = _SPECS[record.kind]
    values = {k: v for k, v in record.values.items() if k in specs}
    try:
        record.values = normalise(record.kind, values)
    except ValidationError as exc:
        bad = {e.field for e in exc.errors}
        where = f"{source}, line {record.line}" if record.line else source
        for err in exc.errors:
            warnings.append(f"{where}: {err.field} dropped ({err.code}: {values.get(err.field)!r})")
        record.values = normalise(record.kind, {k: v for k, v in values.items() if k not in bad})


def _classify(entry: PlanEntry, existing: dict[str, Any] | None, extra_tags: bool) -> None:
    if existing is None:
        entry.status, entry.decision = Status.NEW, Decision.ADD
        return
    entry.differences, entry.fillable = compare(existing, entry.record.values)
    entry.status = Status.CONFLICT if entry.differences else Status.DUPLICATE
    worth = [f for f in entry.fillable if f not in BOOKKEEPING]  # a key alone is not worth a merge
    entry.decision = Decision.MERGE if worth or extra_tags else Decision.SKIP


def _has_more(record: ImportRecord, tags: dict[str, list[str]], note: str | None, suggested: str | None) -> bool:
    """Does the record bring tags or a note the matched entry lacks?"""
    if record.note and record.note.strip() not in (note or ""):
        return True
    for facet, labels in record.tags.items():
        facet = suggested if facet == SUGGESTED else facet
        have = {label.casefold() for label in tags.get(facet or "", [])}
        if facet and any(label.casefold() not in have for label in labels):
            return True
    return False


def catalog_state(conn: Connection) -> int:
    """The newest change of the catalog (a plan computed before it may be stale)."""
    return sql.scalar(conn, "SELECT coalesce(max(seq), 0) FROM change_log") or 0
