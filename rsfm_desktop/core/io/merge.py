"""Merging two catalog entries found to be the same (Find duplicates), as one undoable command.

The kept entry receives the other's values for its empty fields, the union of tags, dataset
links, attachments and provenance, and both notes (the other's appended). The other entry goes
to the trash. Undo gives the other entry back with what moved, and keeps anything either entry
got since.
"""

from __future__ import annotations

from ..fields import FIELDS, Kind
from ..i18n import QT_TRANSLATE_NOOP
from ..store import sql
from ..store.store import Store
from ..store.undo import Command
from ..store.writes import Tx


def _empty(value) -> bool:
    return value in (None, "", [], {})


def merge_entries(store: Store, kind: Kind, keep_id: int, lose_id: int) -> Command:
    if keep_id == lose_id:
        raise ValueError("cannot merge an entry with itself")
    owner = f"{kind.value}_id"
    keys = [f.key for f in FIELDS[kind]]

    def work(tx: Tx) -> None:
        keep, lose = tx.row(kind.value, keep_id, keys), tx.row(kind.value, lose_id, keys)
        if keep is None or lose is None:
            raise KeyError(lose_id if keep is not None else keep_id)
        fill = {k: lose[k] for k in keys if _empty(keep[k]) and not _empty(lose[k])}
        if fill:
            tx.update_entry(kind, keep_id, fill)
        for tag_id in sql.column(tx.conn, f"SELECT tag_id FROM {kind.value}_tag WHERE {owner} = :id", {"id": lose_id}):
            tx.tag(kind, tag_id, [keep_id])
        tx.move_rows("provenance", owner, lose_id, keep_id, owner_kind=kind)
        other = "dataset_id" if kind is Kind.PAPER else "paper_id"
        links = sql.rows(tx.conn, f"SELECT {other}, relation FROM paper_dataset_link WHERE {owner} = :id", {"id": lose_id})
        tx.link_many([(keep_id, o, r) if kind is Kind.PAPER else (o, keep_id, r) for o, r in links])
        if kind is Kind.PAPER:
            tx.move_rows("attachment", "paper_id", lose_id, keep_id, owner_kind=kind,
                         where=" AND path NOT IN (SELECT path FROM attachment WHERE paper_id = :new)")
        kept_note, _v = tx.note(kind, keep_id)
        lost_note, _v = tx.note(kind, lose_id)
        if lost_note.strip() and lost_note.strip() not in kept_note:
            body = f"{kept_note.rstrip()}\n\n---\n\n{lost_note.strip()}" if kept_note.strip() else lost_note
            tx.set_note(kind, keep_id, body)
        tx.set_trashed(kind, [lose_id], True)

    with store.read() as conn:
        names = dict(sql.rows(conn, f"SELECT id, {'title' if kind is Kind.PAPER else 'name'} FROM {kind.value}"
                                    " WHERE id IN :ids", {"ids": [keep_id, lose_id]}))
    return store.run(QT_TRANSLATE_NOOP("Commands", "Merge “{}” into “{}”"), work,
                     names.get(lose_id, lose_id), names.get(keep_id, keep_id))
