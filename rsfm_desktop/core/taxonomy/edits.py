"""The taxonomy's edits as undoable commands (:class:`~.undo.Change`).

Each function checks the request, then returns a command that is run by its first ``redo()``
in one transaction. Checks run inside that transaction, before any write, and raise
:class:`~.errors.TaxonomyError` with a clear message; nothing is half-applied.
"""

from __future__ import annotations

import json

from sqlalchemy.engine import Connection, Engine

from ..i18n import QT_TRANSLATE_NOOP
from ..validation import clean_text
from .checks import (
    DeleteImpact, FacetRef, check_colour, check_free, check_lang, display, facet_row, next_position,
    tag_row,
)
from .counts import entries_losing, subtree
from .errors import TaxonomyError
from .facet_edits import create_facet, delete_facet, rename_facet  # noqa: F401 (re-exported)
from .labels import LabelIndex, fold, insert_synonym
from .snapshot import Scope
from .undo import Change


# ---- tags ------------------------------------------------------------------------------------

def create_tag(engine: Engine, facet: FacetRef, label_en: str | None, label_zh: str | None = None,
               parent_id: int | None = None, color: str | None = None) -> Change:
    """A new tag at the end of its parent's children (the facet's root if no parent);
    ``result`` is its id."""
    label_en, label_zh, color = clean_text(label_en), clean_text(label_zh), check_colour(color)

    def plan(conn):
        facet_id = facet_row(conn, facet)[0]
        if not (label_en or label_zh):
            raise TaxonomyError("empty_label", "A tag needs an English or a Chinese label.")
        if parent_id is not None and tag_row(conn, parent_id)[1] != facet_id:
            raise TaxonomyError("cross_facet", "A tag's parent must be in the same facet.")
        check_free(conn, facet_id, label_en)
        check_free(conn, facet_id, label_zh)

        def apply(conn):
            tag_id = conn.exec_driver_sql(
                "INSERT INTO tag(facet_id, parent_id, label_en, label_zh, color, position)"
                " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (facet_id, parent_id, label_en, label_zh, color, next_position(conn, facet_id, parent_id)),
            ).scalar_one()
            return tag_id, Scope(tags=frozenset({tag_id}))

        return Scope(), apply, (label_en or label_zh,)

    return Change(engine, QT_TRANSLATE_NOOP("Taxonomy", "New tag “{}”"), plan)


def rename_tag(engine: Engine, tag_id: int, label: str | None, lang: str = "en") -> Change:
    """Set the English (``lang="en"``) or Chinese label; the other one stays."""
    column, label = f"label_{check_lang(lang)}", clean_text(label)

    def plan(conn):
        row = tag_row(conn, tag_id)
        other = row[4] if lang == "en" else row[3]
        if not (label or other):
            raise TaxonomyError("empty_label", "A tag needs an English or a Chinese label.")
        check_free(conn, row[1], label, owner=tag_id)

        def apply(conn):
            conn.exec_driver_sql(f"UPDATE tag SET {column} = ? WHERE id = ?", (label, tag_id))
            return None, Scope()

        return Scope(tags=frozenset({tag_id})), apply, (display(row), label or other)

    return Change(engine, QT_TRANSLATE_NOOP("Taxonomy", "Rename tag “{}” to “{}”"), plan)


def recolour_tag(engine: Engine, tag_id: int, color: str | None) -> Change:
    color = check_colour(color)

    def plan(conn):
        row = tag_row(conn, tag_id)

        def apply(conn):
            conn.exec_driver_sql("UPDATE tag SET color = ? WHERE id = ?", (color, tag_id))
            return None, Scope()

        return Scope(tags=frozenset({tag_id})), apply, (display(row),)

    return Change(engine, QT_TRANSLATE_NOOP("Taxonomy", "Recolour tag “{}”"), plan)


def move_tag(engine: Engine, tag_id: int, parent_id: int | None, position: int | None = None) -> Change:
    """Give a tag a new parent in its facet (None: the facet's root), at ``position`` among the
    new siblings (default: last). Moving a tag under itself or its descendant, or into another
    facet, is refused."""

    def plan(conn):
        row = tag_row(conn, tag_id)
        if parent_id is not None:
            parent = tag_row(conn, parent_id)
            if parent[1] != row[1]:
                raise TaxonomyError("cross_facet", "A tag can only move within its facet.")
            if parent_id in subtree(conn, [tag_id]):
                raise TaxonomyError(
                    "cycle", f"“{display(row)}” cannot move under itself or one of its own tags."
                )
        siblings = {
            r[0] for r in conn.exec_driver_sql(
                "SELECT id FROM tag WHERE facet_id = ? AND parent_id IS ? AND position >= ?",
                (row[1], parent_id, position or 0),
            )
        } if position is not None else set()

        def apply(conn):
            pos = position
            if pos is None:
                pos = next_position(conn, row[1], parent_id)
            else:
                conn.exec_driver_sql(
                    "UPDATE tag SET position = position + 1"
                    " WHERE facet_id = ? AND parent_id IS ? AND position >= ? AND id <> ?",
                    (row[1], parent_id, pos, tag_id),
                )
            conn.exec_driver_sql(
                "UPDATE tag SET parent_id = ?, position = ? WHERE id = ?", (parent_id, pos, tag_id)
            )
            return None, Scope()

        return Scope(tags=frozenset({tag_id} | siblings)), apply, (display(row),)

    return Change(engine, QT_TRANSLATE_NOOP("Taxonomy", "Move tag “{}”"), plan)


def merge_tags(engine: Engine, source_id: int, target_id: int) -> Change:
    """Merge ``source`` into ``target``: its entries get ``target`` (the union), its synonyms
    and children move to ``target``, its labels become synonyms of ``target``, saved views
    filtering on it filter on ``target``; then ``source`` is deleted."""

    def plan(conn):
        src, dst = tag_row(conn, source_id), tag_row(conn, target_id)
        if source_id == target_id:
            raise TaxonomyError("same_tag", "A tag cannot be merged into itself.")
        if src[1] != dst[1]:
            raise TaxonomyError("cross_facet", "Only tags of the same facet can be merged.")
        if target_id in subtree(conn, [source_id]):
            raise TaxonomyError(
                "cycle", f"“{display(src)}” cannot be merged into one of its own tags."
            )
        children = {
            r[0] for r in conn.exec_driver_sql("SELECT id FROM tag WHERE parent_id = ?", (source_id,))
        }

        def apply(conn):
            for table, col in (("paper_tag", "paper_id"), ("dataset_tag", "dataset_id")):
                conn.exec_driver_sql(
                    f"INSERT INTO {table}({col}, tag_id) SELECT {col}, ? FROM {table}"
                    " WHERE tag_id = ? ON CONFLICT DO NOTHING",
                    (target_id, source_id),
                )
            conn.exec_driver_sql(
                "UPDATE tag_synonym SET tag_id = ? WHERE tag_id = ?", (target_id, source_id)
            )
            offset = next_position(conn, dst[1], target_id)
            conn.exec_driver_sql(
                "UPDATE tag SET parent_id = ?, position = position + ? WHERE parent_id = ?",
                (target_id, offset, source_id),
            )
            _retarget_views(conn, source_id, target_id)
            conn.exec_driver_sql("DELETE FROM tag WHERE id = ?", (source_id,))
            taken = {fold(dst[3]), fold(dst[4])}
            for label in (src[3], src[4]):
                if label and fold(label) not in taken:
                    insert_synonym(conn, target_id, label)
            return None, Scope()

        scope = Scope(tags=frozenset({source_id, target_id} | children), synonyms=True,
                      members=True, views=True)
        return scope, apply, (display(src), display(dst))

    return Change(engine, QT_TRANSLATE_NOOP("Taxonomy", "Merge “{}” into “{}”"), plan)


def _retarget_views(conn: Connection, source_id: int, target_id: int) -> None:
    for view_id, raw in conn.exec_driver_sql("SELECT id, tag_filter FROM saved_view").all():
        filt = json.loads(raw or "{}")
        if any(source_id in ids for ids in filt.values()):
            new = {f: sorted({target_id if t == source_id else t for t in ids}) for f, ids in filt.items()}
            conn.exec_driver_sql(
                "UPDATE saved_view SET tag_filter = ? WHERE id = ?", (json.dumps(new), view_id)
            )


def delete_impact(conn: Connection, tag_id: int) -> DeleteImpact:
    """What deleting this tag would take away (it and its descendants)."""
    tag_row(conn, tag_id)
    tags = subtree(conn, [tag_id])
    return DeleteImpact(len(tags), *entries_losing(conn, tags))


def delete_tag(engine: Engine, tag_id: int) -> Change:
    """Delete a tag with its descendants; ``result`` is the :class:`DeleteImpact`."""

    def plan(conn):
        row = tag_row(conn, tag_id)
        tags = subtree(conn, [tag_id])
        impact = DeleteImpact(len(tags), *entries_losing(conn, tags))

        def apply(conn):
            conn.exec_driver_sql("DELETE FROM tag WHERE id = ?", (tag_id,))
            return impact, Scope()

        return Scope(tags=frozenset(tags), synonyms=True, members=True), apply, (display(row),)

    return Change(engine, QT_TRANSLATE_NOOP("Taxonomy", "Delete tag “{}”"), plan)


# ---- synonyms --------------------------------------------------------------------------------

def add_synonym(engine: Engine, tag_id: int, text: str) -> Change:
    text = clean_text(text)

    def plan(conn):
        row = tag_row(conn, tag_id)
        if not text:
            raise TaxonomyError("empty_label", "A synonym cannot be empty.")
        found = LabelIndex.load(conn).find(row[1], text)
        if found is not None:
            raise TaxonomyError(
                "duplicate", f"“{text}” already names {'this' if found == tag_id else 'another'} tag."
            )

        def apply(conn):
            if not insert_synonym(conn, tag_id, text):
                raise TaxonomyError("duplicate_synonym", f"“{text}” is already a synonym of another tag.")
            return None, Scope()

        return Scope(tags=frozenset({tag_id}), synonyms=True), apply, (text, display(row))

    return Change(engine, QT_TRANSLATE_NOOP("Taxonomy", "Add synonym “{}” to “{}”"), plan)


def remove_synonym(engine: Engine, tag_id: int, text: str) -> Change:
    def plan(conn):
        row = tag_row(conn, tag_id)
        synonyms = conn.exec_driver_sql(
            "SELECT id, text FROM tag_synonym WHERE tag_id = ?", (tag_id,)
        ).all()
        match = [s for s in synonyms if fold(s[1]) == fold(text)]
        if not match:
            raise TaxonomyError("missing", f"“{text}” is not a synonym of “{display(row)}”.")

        def apply(conn):
            conn.exec_driver_sql("DELETE FROM tag_synonym WHERE id = ?", (match[0][0],))
            return None, Scope()

        return Scope(tags=frozenset({tag_id}), synonyms=True), apply, (match[0][1], display(row))

    return Change(engine, QT_TRANSLATE_NOOP("Taxonomy", "Remove synonym “{}” from “{}”"), plan)
