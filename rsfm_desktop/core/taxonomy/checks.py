"""Lookups and checks shared by the taxonomy's edits; each raises TaxonomyError."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from ..store import sql

from ..validation import clean_text
from .errors import TaxonomyError
from .labels import LabelIndex

FacetRef = int | str  # a facet's id or key
LANGS = ("en", "zh")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class DeleteImpact:
    """What deleting a tag (or facet) takes away: tags removed, live entries losing a tag."""

    tags: int
    papers: int
    datasets: int


def facet_row(conn: Connection, facet: FacetRef) -> tuple:
    column = "key" if isinstance(facet, str) else "id"
    row = sql.first(
        conn, f"SELECT id, key, label_en, label_zh FROM facet WHERE {column} = :f AND deleted_at IS NULL",
        {"f": facet},
    )
    if row is None:
        raise TaxonomyError("missing", f"There is no facet {facet!r}.")
    return tuple(row)


def tag_row(conn: Connection, tag_id: int) -> tuple:
    """(id, facet_id, parent_id, label_en, label_zh, color)."""
    row = sql.first(
        conn, "SELECT id, facet_id, parent_id, label_en, label_zh, color FROM tag"
              " WHERE id = :id AND deleted_at IS NULL", {"id": tag_id},
    )
    if row is None:
        raise TaxonomyError("missing", f"Tag {tag_id} no longer exists.")
    return tuple(row)


def display(row: tuple) -> str:
    return row[3] or row[4] or ""


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def check_free(conn: Connection, facet_id: int, text: str | None, owner: int | None = None) -> None:
    """Refuse a label or synonym another tag of the facet already uses."""
    if not text:
        return
    found = LabelIndex.load(conn).find(facet_id, text)
    if found is not None and found != owner:
        raise TaxonomyError("duplicate", f"“{text}” is already used by another tag in this facet.")


def check_colour(color: str | None) -> str | None:
    color = clean_text(color)
    if color is not None and not _COLOUR.match(color):
        raise TaxonomyError("bad_colour", f"“{color}” is not a colour like #3b82c4.")
    return color


def next_position(conn: Connection, facet_id: int, parent_id: int | None) -> int:
    return sql.scalar(
        conn,
        "SELECT coalesce(max(position) + 1, 0) FROM tag WHERE facet_id = :f"
        " AND parent_id IS NOT DISTINCT FROM :p AND deleted_at IS NULL",
        {"f": facet_id, "p": parent_id},
    )
