"""The curation to-do: what the entries of a view still lack, each line a count of entries and
the condition that finds them (:func:`condition`), so the table can show exactly those.

Most lines are conditions on the entry's row, counted together in one pass per kind. Two are
not SQL: suspected duplicates (``io.matching``: fuzzy titles, computed over the whole catalog
and cached by the caller, a minute at 100,000 papers) and attachments whose file is gone (the
disk is asked for each attachment of the view: there are few).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from sqlalchemy.engine import Connection

from ..fields import Kind
from ..columns import PAPER_LACKS, lacks_condition
from ..store import dialect, sql
from .counts import facet_label
from .facts import LINKS, TODO_BITS, TODO_FACTS, State
from .model import TodoItem
from .scope import Scope

PAPER_FIELDS = {  # key -> the condition on e
    "no_summary_en": "summary_en",
    "no_summary_zh": "summary_zh",
    "no_code": "code_url",
    "no_authors": None,
    "no_year": None,
}




def condition(conn: Connection, kind: Kind, key: str, ids: Iterable[int] = (), alias: str = "e") -> tuple[str, dict]:
    """The SQL condition on ``alias`` (the entry table; for the lines not of its own columns,
    also the facts) of a to-do line. ``ids``: the entries of a line that is not SQL
    (duplicates, missing files)."""
    base, _, facet = key.partition(":")
    if base in PAPER_LACKS and kind is Kind.PAPER:  # the text of its partial index (columns.py)
        return lacks_condition(conn.dialect.name, base, "e"), {}
    if base == "no_year" and kind is Kind.PAPER:
        return "e.year IS NULL", {}
    if base == "no_tag":
        table, owner = ("paper_tag", "paper_id") if kind is Kind.PAPER else ("dataset_tag", "dataset_id")
        param = f"todo_facet_{facet}"
        return (f"NOT EXISTS (SELECT 1 FROM {table} m JOIN tag t ON t.id = m.tag_id JOIN facet f ON f.id = t.facet_id"
                f" WHERE m.{owner} = {alias}.id AND f.key = :{param} AND t.deleted_at IS NULL)"), {param: facet}
    if base == "unlinked" and kind is Kind.DATASET:
        return ("NOT EXISTS (SELECT 1 FROM paper_dataset_link l JOIN paper p ON p.id = l.paper_id"
                f" WHERE l.dataset_id = {alias}.id AND p.deleted_at IS NULL)"), {}
    if base in ("duplicates", "missing_files"):
        param = f"todo_{base}"
        return dialect.in_values(conn, f"{alias}.id", param, ids)
    raise KeyError(key)


def fact_condition(conn: Connection, kind: Kind, key: str, state: State, ids: Iterable[int] = ()) -> tuple[str, dict]:
    """The condition of a to-do line that is not a to-do bit (:data:`.facts.TODO_BITS`,
    counted apart) on the facts (``f``): an empty bit set, else the catalog's condition on the
    entry's id."""
    base, _, facet = key.partition(":")
    if base == "no_tag" and facet in state.columns:
        return f"f.{state.columns[facet]} = 0", {}
    if base == "unlinked" and kind is Kind.DATASET:  # no link fact (each is to a live paper)
        return f"NOT EXISTS (SELECT 1 FROM {LINKS} k WHERE k.dataset_id = f.id)", {}
    return condition(conn, kind, key, ids, alias="f")


def facets_used(conn: Connection, kind: Kind) -> list[str]:
    """Keys of the live facets in which some entry of ``kind`` (live or not) has a tag, in
    display order; every facet for papers (they are classified along all of them)."""
    if kind is Kind.PAPER:
        return sql.column(conn, "SELECT key FROM facet WHERE deleted_at IS NULL ORDER BY position, id")
    return sql.column(
        conn,
        "SELECT f.key FROM facet f WHERE f.deleted_at IS NULL AND EXISTS (SELECT 1 FROM tag t"
        " JOIN dataset_tag m ON m.tag_id = t.id WHERE t.facet_id = f.id AND t.deleted_at IS NULL)"
        " ORDER BY f.position, f.id",
    )


def has_attachments(conn: Connection, kind: Kind) -> bool:
    """Whether some entry of ``kind`` has an attachment (only papers' files are looked for)."""
    return kind is Kind.PAPER and sql.first(
        conn, "SELECT 1 FROM attachment WHERE paper_id IS NOT NULL LIMIT 1") is not None


def missing_files(conn: Connection, scope: Scope, facts: bool = False) -> list[int]:
    """Papers of the view with an attachment whose file is not on disk (the attachments are
    read, and checked against the view: its facts if ``facts``, else the paper table)."""
    if scope.kind is not Kind.PAPER:
        return []
    view = scope.facts("f.id") if facts else scope.select("e.id")
    found = sql.rows(conn, f"SELECT a.paper_id, a.path FROM attachment a WHERE a.paper_id IN ({view})",
                     scope.facts_params if facts else scope.params)
    return sorted({paper_id for paper_id, path in found if not os.path.isfile(path)})


def keys(conn: Connection, kind: Kind) -> list[str]:
    """The to-do lines of a kind, in the order shown."""
    facets = [f"no_tag:{f}" for f in facets_used(conn, kind)]
    if kind is Kind.PAPER:
        return [*PAPER_FIELDS, *facets, "duplicates", "missing_files"]
    return ["unlinked", *facets, "duplicates"]


def todo_counts(conn: Connection, scope: Scope, state: State, duplicates: Iterable[int] | None,
                files: Iterable[int]) -> dict[str, int]:
    """The count of each to-do line of the view's entries of one kind, from their facts.
    ``duplicates``: the ids of the kind's suspected duplicates, None when not known yet (the
    line is then left out); ``files``: the papers whose attachment is missing.

    The papers' to-do bits are counted by their combinations (a few dozen) over the rows of
    the papers that lack something, the rest in one pass over the view's facts: where one
    pass tested every bit of every paper (and looked its bits up), at 100,000 papers 200 ->
    about 90 ms."""
    files = tuple(files)
    lines = [k for k in keys(conn, scope.kind) if not (k == "duplicates" and duplicates is None)]
    out = dict.fromkeys(lines, 0)
    bits = [k for k in lines if scope.kind is Kind.PAPER and k in TODO_BITS]
    if bits:
        if scope.whole:  # the bits of every live paper that lacks something
            combinations = sql.rows(conn, f"SELECT t.todo, count(*) FROM {TODO_FACTS} t GROUP BY t.todo")
        else:
            combinations = sql.rows(conn, scope.facts("t.todo, count(*)", f" CROSS JOIN {TODO_FACTS} t",
                                                      conds="t.id = f.id", tail=" GROUP BY t.todo"), scope.facts_params)
        for todo, n in combinations:
            for key in bits:
                if int(todo) & TODO_BITS[key]:
                    out[key] += int(n)
    rest = [k for k in lines if k not in bits and not (k == "missing_files" and not files)]
    if rest:
        sums, params = [], dict(scope.facts_params)
        for key in rest:
            extra = files if key == "missing_files" else duplicates or ()
            cond, p = fact_condition(conn, scope.kind, key, state, extra)
            sums.append(f"sum(CASE WHEN {cond} THEN 1 ELSE 0 END)")
            params.update(p)
        counted = sql.first(conn, scope.facts(", ".join(sums)), params) or ()
        out.update({key: int(n or 0) for key, n in zip(rest, counted)})
    return out


def todo_items(conn: Connection, scope: Scope, counts: Mapping[str, int]) -> list[TodoItem]:
    """The to-do lines of a kind in the order shown; a line missing from ``counts`` (the
    duplicates, not checked yet) has count -1."""
    items = []
    for key in keys(conn, scope.kind):
        facet = facet_label(conn, key.partition(":")[2]) if key.startswith("no_tag:") else None
        items.append(TodoItem(key, scope.kind, counts.get(key, -1), facet))
    return items


def todo_ids(conn: Connection, scope: Scope, key: str, extra_ids: Iterable[int] = ()) -> list[int]:
    """The entries of a to-do line, by id."""
    if key == "missing_files":
        extra_ids = missing_files(conn, scope)
    cond, params = condition(conn, scope.kind, key, extra_ids)
    return sql.column(conn, scope.select("e.id", conds=cond, tail=" ORDER BY e.id"), {**scope.params, **params})


def duplicate_ids(pairs: Iterable) -> frozenset[int]:
    """Every entry of a list of ``io.matching.DuplicatePair``."""
    out: set[int] = set()
    for pair in pairs:
        out.update((pair.first_id, pair.second_id))
    return frozenset(out)


def as_json(items: Iterable[TodoItem]) -> list[Mapping]:
    return [{"key": i.key, "kind": i.kind.value, "count": i.count, "label": i.text()} for i in items]
