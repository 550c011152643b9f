"""Reads while the ORM is still being imported on another thread.

The window imports SQLModel (and so SQLAlchemy's ORM) on a worker once it is painted
(ui/warm_up.py). Part-way through that import the ORM has registered its handler for
``sqlalchemy.inspect(object)``, but the module that handler needs is not loaded yet, so any
``inspect`` call from another thread raised. SQLAlchemy calls ``inspect`` for a parameter value
of a type it does not know (a list, an enum member): at 100,000 papers, rows of the table read
meanwhile showed as "(unreadable entry N)". The test puts SQLAlchemy in that state (a handler
for ``object`` that fails) and reads what the table and the detail pane read."""

from contextlib import contextmanager

import pytest
from sqlalchemy import inspection

from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store import sql


@contextmanager
def orm_half_imported():
    def half_imported(_subject):
        raise AttributeError("partially initialized module 'sqlalchemy.orm.exc' has no attribute 'UnmappedClassError'")

    saved = inspection._registrars.get(object)
    inspection._registrars[object] = half_imported
    try:
        yield
    finally:
        if saved is None:
            inspection._registrars.pop(object, None)
        else:
            inspection._registrars[object] = saved


def test_table_and_detail_reads_work_while_the_orm_is_half_imported(catalog):
    entries = catalog.entries
    ids = entries.list_ids(Kind.PAPER)
    expected_labels = entries.tag_labels(Kind.PAPER, ids[:20])
    expected_match = entries.list_ids(Kind.PAPER, Query(text="remote"))
    expected_entry = entries.get(Kind.PAPER, ids[0])
    with orm_half_imported():
        with pytest.raises(AttributeError):  # the state is real: SQLAlchemy's own lookup fails
            from sqlalchemy.sql.sqltypes import _resolve_value_to_type

            _resolve_value_to_type(object())
        assert entries.list_ids(Kind.PAPER) == ids
        assert entries.tag_labels(Kind.PAPER, ids[:20]) == expected_labels  # an IN list of ids
        assert entries.list_ids(Kind.PAPER, Query(text="remote")) == expected_match
        assert entries.get(Kind.PAPER, ids[0]) == expected_entry
        with catalog.store.read() as conn:
            assert sql.scalar(conn, "SELECT count(*) FROM paper WHERE id IN :ids", {"ids": set(ids)}) == len(ids)
            assert sql.rows(conn, "SELECT count(*) FROM paper WHERE id IN :ids", {"ids": tuple(ids[:2])}) == [(2,)]
            assert sql.scalar(conn, "SELECT :kind", {"kind": Kind.PAPER}) == "paper"  # an enum member
