"""The entries a statistic counts: the live entries of a view (the search text, tag filter, year
and id set of a table's :class:`~..entries.Query`), as SQL over the alias ``e`` (the entry
table) and over the alias ``f`` (the view's fact rows, :mod:`.facts`).

The matching ids come from :meth:`Entries.match_sql`, the very query the table filters with, so
a chart counts exactly the rows the table shows. Over the facts, the parts of a view the fact
row holds are conditions on it instead (:meth:`~.facts.State.narrow`: a top-level tag is a bit
of its facet's bit set, the year a column), so only the search text and id lists are matched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Connection

from ..entries import Entries, Query
from ..fields import Kind
from ..store.writes import MEMBER_TABLES, OWNER
from .facts import TABLES as FACT_TABLES


@dataclass(frozen=True)
class Scope:
    kind: Kind
    source: str  # a FROM clause naming the entry table ``e``
    where: str  # its condition (live entries of the view)
    params: dict[str, Any] = field(default_factory=dict)
    filtered: bool = False
    match: str | None = None  # the query of the view's ids (column ``id``; None: every entry)
    query: Query = Query()  # the view it was made for
    # Over the facts: conditions on ``f`` and a query of the ids it still has to be in (the
    # search, an id list), with the parameters of both; None: as ``match`` and ``params``.
    fact_conds: str = ""
    fact_match: str | None = None
    fact_params: dict[str, Any] | None = None

    @property
    def table(self) -> str:
        return self.kind.value

    @property
    def members(self) -> str:
        """The kind's tag-member table."""
        return MEMBER_TABLES[self.kind]

    @property
    def owner(self) -> str:
        """The member table's entry column."""
        return OWNER[self.kind]

    @property
    def narrowed(self) -> bool:
        """The fact conditions are set (:meth:`.facts.State.narrow`)."""
        return self.fact_params is not None

    @property
    def whole(self) -> bool:
        """Every live entry of the kind: nothing to test on the facts, no ids to match."""
        return not self.fact_conds and not (self.fact_match if self.narrowed else self.match)

    def select(self, columns: str, joins: str = "", conds: str = "", tail: str = "") -> str:
        """``SELECT columns FROM <the view> joins WHERE <the view> AND conds tail``."""
        where = f"{self.where} AND {conds}" if conds else self.where
        return f"SELECT {columns} FROM {self.source}{joins} WHERE {where}{tail}"

    def facts(self, columns: str, joins: str = "", conds: str = "", tail: str = "", grouped: bool = False) -> str:
        """The same over the view's fact rows (:mod:`.facts`, alias ``f``; live entries only):
        each matching id is looked up by its key, where the entry table is read row by row.
        ``grouped``: a chart's statement grouped along an index of the facts made for it
        (:meth:`.facts.State.group_index`). Its parameters are :attr:`facts_params`."""
        where = [self.fact_conds] if self.fact_conds else []
        match = self.fact_match if self.narrowed else self.match
        if match and grouped:
            # The unary + keeps SQLite from looking each matching id up by its key and sorting
            # the rows it found into groups: it reads the chart's own index (its groups in
            # order, every column a condition tests) and checks each row against the ids read
            # once. At 62,000 hits of 100,000 papers: about a fifth less CPU; with a tag too,
            # only the rows of the tag are checked (a search matching every paper and a tag:
            # 100,000 look-ups before). A statement without such an index (the matrix, the
            # to-do) would read the whole table instead: it looks its ids up.
            where.append(f"+f.id IN ({match})")
        elif match:
            where.append(f"f.id IN ({match})")
        if conds:
            where.append(conds)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return f"SELECT {columns} FROM {FACT_TABLES[self.kind]} f{joins}{clause}{tail}"

    @property
    def facts_params(self) -> dict[str, Any]:
        """The parameters of :meth:`facts`."""
        return self.params if self.fact_params is None else self.fact_params


def scope_of(conn: Connection, entries: Entries, kind: Kind, query: Query = Query()) -> Scope:
    """The live entries of ``kind`` that ``query`` shows (its sort does not matter)."""
    match = None
    if query.filters():
        match = entries.match_sql(conn, kind, query.text, query.tags, query.fulltext, year=query.year, only=query.only)
    if match is None:
        return Scope(kind, f"{kind.value} e", "e.deleted_at IS NULL", query=query)
    # The matching ids are read once into a list the entries are checked against (SQLite:
    # "LIST SUBQUERY"); the unary + keeps SQLite from fetching each matching row by its id
    # instead, which reads the whole row (7 ms per 1,000 papers) where the indexes of the
    # columns counted (year, venue) hold all a count needs.
    return Scope(kind, f"{kind.value} e", f"e.deleted_at IS NULL AND +e.id IN ({match[0]})", dict(match[1]), True,
                 match[0], query)
