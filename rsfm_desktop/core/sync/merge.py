"""The three-way merge of one synced row, field by field (Zotero's model): ``base`` is the row
as both sides last agreed, ``local`` and ``server`` as they are now.

* a field changed on one side only takes that change; the same change on both sides is none;
* sets (an entry's tags, a paper's datasets, a tag's synonyms) merge as sets: what either side
  added is in, what either side removed is out;
* different changes to one field are a conflict: the local value stays, both are kept;
* an edit on one side and a trash (``deleted_at``) on the other is a conflict too, never a
  silent loss.

Plain Python on plain values (:mod:`.state`), tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .state import SET_FIELDS


@dataclass
class Merge:
    result: dict[str, Any]  # what both sides should hold (conflicting fields: the local value)
    to_local: dict[str, Any] = field(default_factory=dict)  # fields to write here
    to_server: dict[str, Any] = field(default_factory=dict)  # fields to write on the server
    conflicts: dict[str, tuple[Any, Any, Any]] = field(default_factory=dict)  # field -> (base, local, server)
    settled: set[str] = field(default_factory=set)  # open conflicts the two sides agree on now


def _empty(value: Any) -> Any:
    """``value``, or None for an empty text, list or mapping."""
    return None if value in ("", [], {}) else value


def _set(value: Any) -> set:
    return set(value or [])


def merge(base: dict[str, Any] | None, local: dict[str, Any], server: dict[str, Any],
          fields: tuple[str, ...], open_conflicts: set[str] = frozenset()) -> Merge:
    """Merge one row; fields with an ``open_conflicts`` entry keep their local value and go
    nowhere until the user resolves them."""
    base = base or {}
    out = Merge(result={})
    for key in fields:
        b, l, s = base.get(key), local.get(key), server.get(key)
        if key in SET_FIELDS:
            bs, ls, ss = _set(b), _set(l), _set(s)
            merged = sorted((ls & ss) | (ls - bs) | (ss - bs))
            out.result[key] = merged
            if merged != sorted(ls):
                out.to_local[key] = merged
            if merged != sorted(ss):
                out.to_server[key] = merged
            continue
        if key in open_conflicts:  # still the local value; the conflict shows the newest server value
            out.result[key] = l
            if l == s:
                out.settled.add(key)
            else:
                out.conflicts[key] = (b, l, s)
            continue
        # Empty is empty whatever its form (None, "", []); a synced copy that lacks the field
        # (a bundled entry's copy leaves empty fields out) holds it empty; only no copy at all
        # (never synced) leaves it unknown.
        nb, nl, ns = _empty(b), _empty(l), _empty(s)
        if nl == ns:
            out.result[key] = l
        elif nl == nb and base:
            out.result[key] = s
            out.to_local[key] = s
        elif ns == nb and base:
            out.result[key] = l
            out.to_server[key] = l
        elif not base and ns is None:
            out.result[key] = l  # the server never had it: a first sync adds what is here
            out.to_server[key] = l
        elif not base and nl is None:
            out.result[key] = s
            out.to_local[key] = s
        else:
            out.result[key] = l
            out.conflicts[key] = (b, l, s)
    _edit_against_trash(base, local, server, out)
    return out


def _edit_against_trash(base: dict, local: dict, server: dict, out: Merge) -> None:
    """Trashed on one side, edited on the other: a conflict on ``deleted_at`` (the entry stays
    as it is here until the user chooses)."""
    if "deleted_at" not in out.to_local and "deleted_at" not in out.to_server:
        return
    trashed_there = "deleted_at" in out.to_local and server.get("deleted_at") is not None
    edited_here = any(k != "deleted_at" and k not in SET_FIELDS and local.get(k) != base.get(k)
                      for k in local if k in base)
    trashed_here = "deleted_at" in out.to_server and local.get("deleted_at") is not None
    edited_there = any(k != "deleted_at" and k not in SET_FIELDS and server.get(k) != base.get(k)
                       for k in server if k in base)
    if (trashed_there and edited_here) or (trashed_here and edited_there):
        out.to_local.pop("deleted_at", None)
        out.to_server.pop("deleted_at", None)
        out.result["deleted_at"] = local.get("deleted_at")
        out.conflicts["deleted_at"] = (base.get("deleted_at"), local.get("deleted_at"), server.get("deleted_at"))
