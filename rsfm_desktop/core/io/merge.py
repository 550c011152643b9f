"""Merging two catalog entries found to be the same (Find duplicates).

The kept entry receives the other's values for its empty fields, the union of tags, dataset
links, attachments and provenance, and both notes (concatenated). The other entry goes to the
trash (or is deleted). One transaction; both entries are reindexed.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import select

from .. import search_index
from ..db import transaction
from ..fields import FIELDS, Kind
from ..models import Note, utcnow
from .apply import MODEL


def merge_entries(engine: Engine, kind: Kind, keep_id: int, lose_id: int, delete: bool = False) -> None:
    if keep_id == lose_id:
        raise ValueError("cannot merge an entry with itself")
    owner = f"{kind.value}_id"
    with transaction(engine) as session:
        keep = session.get(MODEL[kind], keep_id)
        lose = session.get(MODEL[kind], lose_id)
        if keep is None or lose is None:
            raise KeyError(lose_id if keep is not None else keep_id)
        for spec in FIELDS[kind]:
            if getattr(keep, spec.key) in (None, "", []) and getattr(lose, spec.key) not in (None, "", []):
                setattr(keep, spec.key, getattr(lose, spec.key))
        keep.updated_at, keep.version = utcnow(), keep.version + 1
        conn = session.connection()
        session.flush()
        conn.exec_driver_sql(
            f"INSERT INTO {kind.value}_tag({owner}, tag_id) SELECT ?, tag_id FROM {kind.value}_tag"
            f" WHERE {owner} = ? ON CONFLICT DO NOTHING", (keep_id, lose_id))
        conn.exec_driver_sql(f"UPDATE provenance SET {owner} = ? WHERE {owner} = ?", (keep_id, lose_id))
        other = "dataset_id" if kind is Kind.PAPER else "paper_id"
        conn.exec_driver_sql(
            f"INSERT INTO paper_dataset_link({owner}, {other}, relation) SELECT ?, {other}, relation"
            f" FROM paper_dataset_link WHERE {owner} = ? ON CONFLICT DO NOTHING", (keep_id, lose_id))
        if kind is Kind.PAPER:
            conn.exec_driver_sql(
                "UPDATE attachment SET paper_id = ? WHERE paper_id = ? AND path NOT IN"
                " (SELECT path FROM attachment WHERE paper_id = ?)", (keep_id, lose_id, keep_id))
        _merge_notes(session, owner, keep_id, lose_id)
        if delete:
            session.delete(lose)
        else:
            lose.deleted_at = utcnow()
        session.flush()
        search_index.reindex(conn, kind.value, [keep_id, lose_id])


def _merge_notes(session, owner: str, keep_id: int, lose_id: int) -> None:
    found = session.exec(select(Note).where(getattr(Note, owner).in_([keep_id, lose_id])))
    notes = {getattr(n, owner): n for n in found}
    kept, lost = notes.get(keep_id), notes.get(lose_id)
    if lost is None or not lost.body.strip():
        return
    if kept is None:
        session.add(Note(**{owner: keep_id}, body=lost.body))
    elif lost.body.strip() not in kept.body:
        kept.body = f"{kept.body.rstrip()}\n\n---\n\n{lost.body.strip()}" if kept.body.strip() else lost.body
        kept.updated_at = utcnow()
