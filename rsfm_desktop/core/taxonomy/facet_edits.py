"""Facet edits as undoable commands (see :mod:`.edits`)."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from ..i18n import QT_TRANSLATE_NOOP
from ..validation import clean_text
from .checks import DeleteImpact, FacetRef, check_lang, facet_row
from .counts import entries_losing
from .errors import TaxonomyError
from .snapshot import Scope
from .undo import Change
from .sql import FACET_KEY


def create_facet(engine: Engine, key: str, label_en: str | None, label_zh: str | None = None) -> Change:
    label_en, label_zh = clean_text(label_en), clean_text(label_zh)

    def plan(conn):
        if not FACET_KEY.match(key or ""):
            raise TaxonomyError("bad_key", "A facet key is lower-case letters, digits and _.")
        if not (label_en or label_zh):
            raise TaxonomyError("empty_label", "A facet needs an English or a Chinese name.")
        if conn.exec_driver_sql("SELECT 1 FROM facet WHERE key = ?", (key,)).first():
            raise TaxonomyError("duplicate", f"There is already a facet {key!r}.")

        def apply(conn):
            facet_id = conn.exec_driver_sql(
                "INSERT INTO facet(key, label_en, label_zh, position)"
                " SELECT ?, ?, ?, coalesce(max(position) + 1, 0) FROM facet RETURNING id",
                (key, label_en, label_zh),
            ).scalar_one()
            return facet_id, Scope(facets=frozenset({facet_id}))

        return Scope(), apply, (label_en or label_zh,)

    return Change(engine, QT_TRANSLATE_NOOP("Taxonomy", "New facet “{}”"), plan)


def rename_facet(engine: Engine, facet: FacetRef, label: str | None, lang: str = "en") -> Change:
    column, label = f"label_{check_lang(lang)}", clean_text(label)

    def plan(conn):
        row = facet_row(conn, facet)
        other = row[3] if lang == "en" else row[2]
        if not (label or other):
            raise TaxonomyError("empty_label", "A facet needs an English or a Chinese name.")

        def apply(conn):
            conn.exec_driver_sql(f"UPDATE facet SET {column} = ? WHERE id = ?", (label, row[0]))
            return None, Scope()

        return Scope(facets=frozenset({row[0]})), apply, (row[2] or row[3], label or other)

    return Change(engine, QT_TRANSLATE_NOOP("Taxonomy", "Rename facet “{}” to “{}”"), plan)


def delete_facet(engine: Engine, facet: FacetRef) -> Change:
    """Delete a facet with all its tags; ``result`` is the :class:`DeleteImpact`."""

    def plan(conn):
        row = facet_row(conn, facet)
        tags = {r[0] for r in conn.exec_driver_sql("SELECT id FROM tag WHERE facet_id = ?", (row[0],))}
        impact = DeleteImpact(len(tags), *entries_losing(conn, tags))

        def apply(conn):
            conn.exec_driver_sql("DELETE FROM facet WHERE id = ?", (row[0],))
            return impact, Scope()

        scope = Scope(frozenset({row[0]}), frozenset(tags), synonyms=True, members=True)
        return scope, apply, (row[2] or row[3],)

    return Change(engine, QT_TRANSLATE_NOOP("Taxonomy", "Delete facet “{}”"), plan)
