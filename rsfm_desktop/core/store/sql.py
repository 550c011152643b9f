"""Running SQL the same way on SQLite and PostgreSQL.

Statements are written once, with named parameters (``:name``); SQLAlchemy compiles them for the
dialect (``?`` for sqlite3, ``%(name)s`` for psycopg) and ``IN :ids`` expands a list. Reads that
return many rows (the sorted ids of 100,000 papers, a block of table cells) run the compiled
statement on the driver's cursor and return plain tuples: Row objects cost three times as much.

A damaged file can hold text that is not UTF-8 (a flipped bit in a page that still passes
``quick_check``). Reads survive it: :func:`rows`, :func:`first` and :func:`scalar` read such
text again with the bad bytes shown as U+FFFD, and tell whoever listens
(:func:`noticing_damage`: the detail pane marks the entry, the rescue export reports it).
"""

from __future__ import annotations

import gc
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from enum import Enum
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.types import NullType

Params = Mapping[str, Any]
_noticed: ContextVar[list[str] | None] = ContextVar("rsfm_damage_noticed", default=None)


@contextmanager
def noticing_damage() -> Iterator[list[str]]:
    """Collect, for the reads inside the block (this thread), what text had to be salvaged."""
    found: list[str] = []
    token = _noticed.set(found)
    try:
        yield found
    finally:
        _noticed.reset(token)


def _salvaging(conn: Connection, read: Callable[[], Any]) -> Any:
    """``read()``; if it meets text a damaged page turned into invalid UTF-8, read again with
    the bad bytes replaced (U+FFFD) and note the damage."""
    try:
        return read()
    except Exception as exc:  # noqa: BLE001 (only undecodable text is retried; the rest re-raised)
        from . import dialect

        if not dialect.undecodable_text(exc):
            translated = dialect.user_error(exc)
            if translated is None:
                raise
            raise translated from exc
        with dialect.lenient_text(conn):
            result = read()
        column = re.search(r"column '([^']*)'", str(exc))
        note_damage(f"unreadable text in {column.group(1) if column else 'a column'}")
        return result


def note_damage(what: str) -> None:
    """Record, for :func:`noticing_damage`, damage a read worked around (``what`` it was)."""
    logging.getLogger(__name__).info("damaged page: %s, read around it", what)
    noticed = _noticed.get()
    if noticed is not None:
        noticed.append(what)


# Parameters are given a type SQLAlchemy need not look up. A value of a type it does not know
# (a list, an enum member, an expanding parameter's placeholder) is otherwise passed to
# ``sqlalchemy.inspect``, which calls into the ORM once that registers itself: while the warm-up
# thread (ui/warm_up.py) is still importing the ORM, that raised in reads on other threads
# ("partially initialized module 'sqlalchemy.orm.exc'"), and table rows showed as unreadable.
_UNTYPED = NullType()  # what SQLAlchemy resolves such values to anyway, without asking


class Array(list):
    """A list bound as one array parameter (PostgreSQL ``unnest``), not expanded to ``IN (…)``."""

    __sa_type_engine__ = _UNTYPED


class _Values(list):
    """A list parameter as sent (see :data:`_UNTYPED`)."""

    __sa_type_engine__ = _UNTYPED


@lru_cache(maxsize=512)
def _statement(sql: str, expanding: tuple[str, ...]) -> TextClause:
    stmt = text(sql)
    if expanding:
        stmt = stmt.bindparams(*(bindparam(name, expanding=True, type_=_UNTYPED) for name in expanding))
    return stmt


def _expanding(params: Params | None) -> tuple[str, ...]:
    """List and tuple parameters expand into ``IN (…)`` lists."""
    return tuple(sorted(k for k, v in (params or {}).items()
                        if isinstance(v, (list, tuple, set, frozenset)) and not isinstance(v, Array)))


def statement(sql: str, params: Params | None = None) -> TextClause:
    """``sql`` as a SQLAlchemy statement; list parameters are expanding (``IN :ids``)."""
    return _statement(sql, _expanding(params))


def _listed(params: Params | None) -> dict[str, Any]:
    return {k: (_Values(v) if isinstance(v, (list, tuple, set, frozenset)) else v.value if isinstance(v, Enum) else v)
            for k, v in (params or {}).items()}


def execute(conn: Connection, sql: str, params: Params | None = None):
    """Run ``sql`` (named parameters) and return SQLAlchemy's result."""
    return conn.execute(statement(sql, params), _listed(params))


def scalar(conn: Connection, sql: str, params: Params | None = None) -> Any:
    return _salvaging(conn, lambda: execute(conn, sql, params).scalar())


def first(conn: Connection, sql: str, params: Params | None = None) -> tuple | None:
    def read():
        row = execute(conn, sql, params).first()
        return tuple(row) if row is not None else None

    return _salvaging(conn, read)


def rows(conn: Connection, sql: str, params: Params | None = None, binary: bool = False) -> list[tuple]:
    """All rows as plain tuples, read through the driver's cursor (damaged text salvaged).
    ``binary`` (PostgreSQL): the values travel in binary form, as an array of 100,000 ids
    costs the server and psycopg less to send and read than its text.

    The garbage collector is paused meanwhile: 100,000 new tuples would otherwise trigger
    collections that walk every object of the app (sorting 100,000 papers: 86 -> 26 ms); tuples
    of plain values cannot form cycles."""
    return _salvaging(conn, lambda: _rows(conn, sql, params, binary))


def _rows(conn: Connection, sql: str, params: Params | None, binary: bool = False) -> list[tuple]:
    values = _listed(params)
    compiled = statement(sql, params).bindparams(**values).compile(
        dialect=conn.dialect, compile_kwargs={"render_postcompile": True}
    )
    bound = compiled.params
    args: Sequence[Any] | Mapping[str, Any]
    if compiled.positiontup is not None:
        args = tuple(bound[name] for name in compiled.positiontup)
    else:
        args = bound
    dbapi = conn.connection.dbapi_connection
    cursor = dbapi.cursor(binary=True) if binary else dbapi.cursor()
    collecting = gc.isenabled()
    gc.disable()
    try:
        cursor.execute(str(compiled), args)
        return cursor.fetchall() if cursor.description is not None else []
    finally:
        if collecting:
            gc.enable()
        cursor.close()


def column(conn: Connection, sql: str, params: Params | None = None) -> list[Any]:
    """The first column of every row."""
    return [r[0] for r in rows(conn, sql, params)]


def chunked(values: Sequence[Any], size: int = 500) -> Iterable[list[Any]]:
    """``values`` in lists of at most ``size`` (SQLite limits the parameters of a statement)."""
    for start in range(0, len(values), size):
        yield list(values[start : start + size])
