"""A lab catalog's table orders kept on the server (``sort_order``), for every window.

Reading a column's order scans its sort index: 100,000 index entries cost the server 100-500
ms (more when the index is not in its buffers), each time a window first sorts by that column.
The order read is kept here, with the ``change_log.seq`` it was read at: while that ``seq`` is
still the newest, nothing has changed since, and the next window (or command) reads the order
as one value (the ids as 32-bit integers: 400 KB at 100,000 papers, a few ms).

Derived data that any reader may write, never part of a change: it is valid only for its
``seq``, so no write has to keep it (an order read at an older ``seq`` is simply not used), and
a kept order can only be replaced by one read at a newer ``seq``. The ``seq`` and the order are
read in one snapshot (``REPEATABLE READ``): ``seq`` follows commit order (``writes.CHANGELOG_LOCK``),
so the order holds exactly the commits up to it. Keeping an order is best effort: a read-only
session, a member without the right to write, or another window keeping the same order at the
same moment leave it to the next reader.
"""

from __future__ import annotations

import sys
from array import array

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from ..errors import CatalogError
from . import sql

Slot = tuple  # (kind, sort key, trashed)


def _pack(ids: array) -> bytes:
    packed = array("i", ids)
    if sys.byteorder != "little":
        packed.byteswap()
    return packed.tobytes()


def _unpack(raw: bytes) -> array:
    ids = array("i")
    ids.frombytes(raw)
    if sys.byteorder != "little":
        ids.byteswap()
    return ids


def stored(conn: Connection, slot: Slot, seq: int) -> tuple[array, int] | None:
    """The order kept for ``slot`` at ``seq`` (ids, how many empty), or None."""
    kind, key, trashed = slot
    found = sql.first(conn, "SELECT ids, empties FROM sort_order"
                            " WHERE kind = :kind AND sort_key = :key AND trashed = :trashed AND seq = :seq",
                      {"kind": kind.value, "key": key, "trashed": trashed, "seq": seq})
    if found is None:
        return None
    return _unpack(bytes(found[0])), found[1]


def keep(conn: Connection, slot: Slot, seq: int, ids: array, empties: int) -> None:
    """Keep the order of ``slot`` read at ``seq`` on this connection's transaction and commit
    it, unless an order read at a newer ``seq`` is kept already; errors are let go (see the
    module docstring)."""
    kind, key, trashed = slot
    try:
        sql.execute(conn, "INSERT INTO sort_order(kind, sort_key, trashed, seq, empties, ids)"
                          " VALUES (:kind, :key, :trashed, :seq, :empties, :ids)"
                          " ON CONFLICT (kind, sort_key, trashed) DO UPDATE"
                          " SET seq = excluded.seq, empties = excluded.empties, ids = excluded.ids"
                          " WHERE sort_order.seq < excluded.seq",
                    {"kind": kind.value, "key": key, "trashed": trashed, "seq": seq, "empties": empties,
                     "ids": _pack(ids)})
        conn.commit()
    except (DBAPIError, CatalogError):
        try:
            conn.rollback()
        except (DBAPIError, CatalogError):
            pass  # the connection is gone: the next read says so
