"""The taxonomy's edits, each one undoable command of the one write path.

Each function checks the request inside the write transaction, before anything is written, and
raises :class:`~.errors.TaxonomyError` with a clear message; nothing is half-applied. Deleting a
tag or facet, or merging a tag into another, keeps the rows (``deleted_at``, ``merged_into_id``)
so undo brings them back exactly and a tagging made since is kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Connection

from ..fields import Kind
from ..i18n import QT_TRANSLATE_NOOP
from ..store import sql
from ..store.store import Store
from ..store.undo import Command
from ..store.writes import Tx
from ..validation import clean_text
from .checks import (
    DeleteImpact, FacetRef, check_colour, check_free, check_lang, display, facet_row, next_position,
    tag_row,
)
from .counts import entries_losing, entries_with, subtree
from .errors import TaxonomyError
from .labels import LabelIndex, fold, insert_synonym
from .sql import FACET_KEY

CONTEXT = "Taxonomy"  # translation context of the command labels


def run(store: Store, template: str, work: Callable[[Tx], tuple[Any, tuple]]) -> Command:
    """Carry out ``work`` (returning its result and the label's fields) as one command."""
    holder: dict[str, tuple] = {}

    def body(tx: Tx):
        result, holder["args"] = work(tx)
        return result

    command = store.run(template, body)
    command.label_args = holder.get("args", ())
    return command


# ---- facets ------------------------------------------------------------------------------------

def create_facet(store: Store, key: str, label_en: str | None, label_zh: str | None = None) -> Command:
    label_en, label_zh = clean_text(label_en), clean_text(label_zh)

    def work(tx: Tx):
        if not FACET_KEY.match(key or ""):
            raise TaxonomyError("bad_key", "A facet key is lower-case letters, digits and _.")
        if not (label_en or label_zh):
            raise TaxonomyError("empty_label", "A facet needs an English or a Chinese name.")
        if sql.first(tx.conn, "SELECT 1 FROM facet WHERE key = :k", {"k": key}):
            raise TaxonomyError("duplicate", f"There is already a facet {key!r}.")
        position = sql.scalar(tx.conn, "SELECT coalesce(max(position) + 1, 0) FROM facet")
        facet_id = tx.insert_row("facet", {"key": key, "label_en": label_en, "label_zh": label_zh,
                                           "position": position})
        return facet_id, (label_en or label_zh,)

    return run(store, QT_TRANSLATE_NOOP("Taxonomy", "New facet “{}”"), work)


def rename_facet(store: Store, facet: FacetRef, label: str | None, lang: str = "en") -> Command:
    column, label = f"label_{check_lang(lang)}", clean_text(label)

    def work(tx: Tx):
        row = facet_row(tx.conn, facet)
        other = row[3] if lang == "en" else row[2]
        if not (label or other):
            raise TaxonomyError("empty_label", "A facet needs an English or a Chinese name.")
        tx.update_row("facet", row[0], {column: label})
        return None, (row[2] or row[3], label or other)

    return run(store, QT_TRANSLATE_NOOP("Taxonomy", "Rename facet “{}” to “{}”"), work)


def facet_delete_impact(conn: Connection, facet: FacetRef) -> DeleteImpact:
    """What deleting a facet would take away (its tags, the entries carrying them)."""
    row = facet_row(conn, facet)
    tags = sql.column(conn, "SELECT id FROM tag WHERE facet_id = :f AND deleted_at IS NULL", {"f": row[0]})
    return DeleteImpact(len(tags), *entries_losing(conn, tags))


def delete_facet(store: Store, facet: FacetRef) -> Command:
    """Delete a facet with all its tags (to be undone); ``result`` is the :class:`DeleteImpact`.
    Its key is freed for a new facet."""

    def work(tx: Tx):
        row = facet_row(tx.conn, facet)
        impact = facet_delete_impact(tx.conn, facet)
        tx.update_row("facet", row[0], {"deleted_at": tx.now, "key": f"{row[1]}~{row[0]}"})
        return impact, (row[2] or row[3],)

    return run(store, QT_TRANSLATE_NOOP("Taxonomy", "Delete facet “{}”"), work)


# ---- tags ------------------------------------------------------------------------------------

def create_tag(store: Store, facet: FacetRef, label_en: str | None, label_zh: str | None = None,
               parent_id: int | None = None, color: str | None = None) -> Command:
    """A new tag at the end of its parent's children (the facet's root if no parent);
    ``result`` is its id."""
    label_en, label_zh, color = clean_text(label_en), clean_text(label_zh), check_colour(color)

    def work(tx: Tx):
        conn = tx.conn
        facet_id = facet_row(conn, facet)[0]
        if not (label_en or label_zh):
            raise TaxonomyError("empty_label", "A tag needs an English or a Chinese label.")
        if parent_id is not None and tag_row(conn, parent_id)[1] != facet_id:
            raise TaxonomyError("cross_facet", "A tag's parent must be in the same facet.")
        check_free(conn, facet_id, label_en)
        check_free(conn, facet_id, label_zh)
        tag_id = tx.insert_row("tag", {
            "facet_id": facet_id, "parent_id": parent_id, "label_en": label_en, "label_zh": label_zh,
            "color": color, "position": next_position(conn, facet_id, parent_id),
        })
        return tag_id, (label_en or label_zh,)

    return run(store, QT_TRANSLATE_NOOP("Taxonomy", "New tag “{}”"), work)


def rename_tag(store: Store, tag_id: int, label: str | None, lang: str = "en") -> Command:
    """Set the English (``lang="en"``) or Chinese label; the other one stays."""
    column, label = f"label_{check_lang(lang)}", clean_text(label)

    def work(tx: Tx):
        row = tag_row(tx.conn, tag_id)
        other = row[4] if lang == "en" else row[3]
        if not (label or other):
            raise TaxonomyError("empty_label", "A tag needs an English or a Chinese label.")
        check_free(tx.conn, row[1], label, owner=tag_id)
        tx.update_row("tag", tag_id, {column: label})
        return None, (display(row), label or other)

    return run(store, QT_TRANSLATE_NOOP("Taxonomy", "Rename tag “{}” to “{}”"), work)


def recolour_tag(store: Store, tag_id: int, color: str | None) -> Command:
    color = check_colour(color)

    def work(tx: Tx):
        row = tag_row(tx.conn, tag_id)
        tx.update_row("tag", tag_id, {"color": color})
        return None, (display(row),)

    return run(store, QT_TRANSLATE_NOOP("Taxonomy", "Recolour tag “{}”"), work)


def move_tag(store: Store, tag_id: int, parent_id: int | None, position: int | None = None) -> Command:
    """Give a tag a new parent in its facet (None: the facet's root), at ``position`` among the
    new siblings (default: last). Moving a tag under itself or its descendant, or into another
    facet, is refused."""

    def work(tx: Tx):
        conn = tx.conn
        row = tag_row(conn, tag_id)
        if parent_id is not None:
            parent = tag_row(conn, parent_id)
            if parent[1] != row[1]:
                raise TaxonomyError("cross_facet", "A tag can only move within its facet.")
            if parent_id in subtree(conn, [tag_id]):
                raise TaxonomyError(
                    "cycle", f"“{display(row)}” cannot move under itself or one of its own tags."
                )
        pos = position
        if pos is None:
            pos = next_position(conn, row[1], parent_id)
        else:
            for sibling, sibling_pos in sql.rows(
                conn,
                "SELECT id, position FROM tag WHERE facet_id = :f AND parent_id IS NOT DISTINCT FROM :p"
                " AND position >= :pos AND id <> :id AND deleted_at IS NULL",
                {"f": row[1], "p": parent_id, "pos": pos, "id": tag_id},
            ):
                tx.update_row("tag", sibling, {"position": sibling_pos + 1})
        tx.update_row("tag", tag_id, {"parent_id": parent_id, "position": pos})
        return None, (display(row),)

    return run(store, QT_TRANSLATE_NOOP("Taxonomy", "Move tag “{}”"), work)


def merge_tags(store: Store, source_id: int, target_id: int) -> Command:
    """Merge ``source`` into ``target``: its entries get ``target`` (the union), its synonyms
    and children move to ``target``, its labels become synonyms of ``target``, saved views
    filtering on it filter on ``target``; then ``source`` is marked merged (and hidden)."""

    def work(tx: Tx):
        conn = tx.conn
        src, dst = tag_row(conn, source_id), tag_row(conn, target_id)
        if source_id == target_id:
            raise TaxonomyError("same_tag", "A tag cannot be merged into itself.")
        if src[1] != dst[1]:
            raise TaxonomyError("cross_facet", "Only tags of the same facet can be merged.")
        if target_id in subtree(conn, [source_id]):
            raise TaxonomyError("cycle", f"“{display(src)}” cannot be merged into one of its own tags.")
        for kind in Kind:
            tx.tag(kind, target_id, entries_with(conn, kind, source_id))
        tx.move_rows("tag_synonym", "tag_id", source_id, target_id)
        offset = next_position(conn, dst[1], target_id)
        for child, pos in sql.rows(conn, "SELECT id, position FROM tag WHERE parent_id = :s AND deleted_at IS NULL",
                                   {"s": source_id}):
            tx.update_row("tag", child, {"parent_id": target_id, "position": pos + offset})
        _retarget_views(tx, source_id, target_id)
        tx.update_row("tag", source_id, {"deleted_at": tx.now, "merged_into_id": target_id})
        taken = {fold(dst[3]), fold(dst[4])}
        for label in (src[3], src[4]):
            if label and fold(label) not in taken:
                insert_synonym(tx, target_id, label)
        return None, (display(src), display(dst))

    return run(store, QT_TRANSLATE_NOOP("Taxonomy", "Merge “{}” into “{}”"), work)


def _retarget_views(tx: Tx, source_id: int, target_id: int) -> None:
    for view_id, raw in sql.rows(tx.conn, "SELECT id, tag_filter FROM saved_view"):
        filt = json.loads(raw or "{}")
        if any(source_id in ids for ids in filt.values()):
            new = {f: sorted({target_id if t == source_id else t for t in ids}) for f, ids in filt.items()}
            tx.update_row("view", view_id, {"tag_filter": json.dumps(new)})


def delete_impact(conn: Connection, tag_id: int) -> DeleteImpact:
    """What deleting this tag would take away (it and its descendants)."""
    tag_row(conn, tag_id)
    tags = subtree(conn, [tag_id])
    return DeleteImpact(len(tags), *entries_losing(conn, tags))


def delete_tag(store: Store, tag_id: int) -> Command:
    """Delete a tag with its descendants (to be undone); ``result`` is the :class:`DeleteImpact`."""

    def work(tx: Tx):
        row = tag_row(tx.conn, tag_id)
        tags = subtree(tx.conn, [tag_id])
        impact = DeleteImpact(len(tags), *entries_losing(tx.conn, tags))
        for tag in sorted(tags):
            tx.update_row("tag", tag, {"deleted_at": tx.now})
        return impact, (display(row),)

    return run(store, QT_TRANSLATE_NOOP("Taxonomy", "Delete tag “{}”"), work)


# ---- synonyms --------------------------------------------------------------------------------

def add_synonym(store: Store, tag_id: int, text: str) -> Command:
    text = clean_text(text)

    def work(tx: Tx):
        row = tag_row(tx.conn, tag_id)
        if not text:
            raise TaxonomyError("empty_label", "A synonym cannot be empty.")
        found = LabelIndex.load(tx.conn).find(row[1], text)
        if found is not None:
            raise TaxonomyError(
                "duplicate", f"“{text}” already names {'this' if found == tag_id else 'another'} tag."
            )
        if not insert_synonym(tx, tag_id, text):
            raise TaxonomyError("duplicate_synonym", f"“{text}” is already a synonym of another tag.")
        return None, (text, display(row))

    return run(store, QT_TRANSLATE_NOOP("Taxonomy", "Add synonym “{}” to “{}”"), work)


def remove_synonym(store: Store, tag_id: int, text: str) -> Command:
    def work(tx: Tx):
        row = tag_row(tx.conn, tag_id)
        synonyms = sql.rows(tx.conn, "SELECT id, text FROM tag_synonym WHERE tag_id = :t", {"t": tag_id})
        match = [s for s in synonyms if fold(s[1]) == fold(text)]
        if not match:
            raise TaxonomyError("missing", f"“{text}” is not a synonym of “{display(row)}”.")
        tx.delete_row("tag_synonym", match[0][0])
        return None, (match[0][1], display(row))

    return run(store, QT_TRANSLATE_NOOP("Taxonomy", "Remove synonym “{}” from “{}”"), work)


# ---- tagging entries ---------------------------------------------------------------------------

def assign(store: Store, kind: Kind, entry_ids, tag_ids, remove: bool = False) -> Command:
    """Add (or remove) tags on many entries at once (one undo step); ``result`` is the number
    of (entry, tag) pairs that changed."""
    entry_ids, tag_ids = sorted(set(entry_ids)), sorted(set(tag_ids))

    def work(tx: Tx):
        labels = []
        for tag_id in tag_ids:
            try:
                labels.append(display(tag_row(tx.conn, tag_id)))
            except TaxonomyError:
                raise TaxonomyError("missing", "A tag to assign no longer exists.") from None
        changed = sum(len(tx.tag(kind, tag_id, entry_ids, add=not remove)) for tag_id in tag_ids)
        return changed, (", ".join(labels), len(entry_ids))

    template = (QT_TRANSLATE_NOOP("Taxonomy", "Remove “{}” from {} entries") if remove
                else QT_TRANSLATE_NOOP("Taxonomy", "Add “{}” to {} entries"))
    return run(store, template, work)


def set_facet_tags(store: Store, kind: Kind, entry_ids, facet: FacetRef, tag_ids) -> Command:
    """Make ``tag_ids`` the only tags of ``facet`` on the entries (none: clear the facet), as
    one undo step: a reading status, a model family set on a selection. ``result`` is the
    number of (entry, tag) pairs that changed."""
    entry_ids, tag_ids = sorted(set(entry_ids)), sorted(set(tag_ids))

    def work(tx: Tx):
        facet_id, _key, facet_en, facet_zh = facet_row(tx.conn, facet)
        labels = []
        for tag_id in tag_ids:
            row = tag_row(tx.conn, tag_id)
            if row[1] != facet_id:
                raise TaxonomyError("facet", "A tag to set belongs to another facet.")
            labels.append(display(row))
        present = sql.column(tx.conn, "SELECT id FROM tag WHERE facet_id = :f AND deleted_at IS NULL",
                             {"f": facet_id})
        changed = sum(len(tx.tag(kind, t, entry_ids, add=False)) for t in present if t not in tag_ids)
        changed += sum(len(tx.tag(kind, t, entry_ids, add=True)) for t in tag_ids)
        return changed, (facet_en or facet_zh or "", ", ".join(labels) or "—", len(entry_ids))

    return run(store, QT_TRANSLATE_NOOP("Taxonomy", "Set {} to “{}” on {} entries"), work)
