"""Full-text search over papers and datasets, Chinese and English alike, behind one small
interface with an implementation per engine: FTS5 on SQLite (:mod:`.fts5`), ``pg_trgm`` plus a
``tsvector`` of the app's own tokens on PostgreSQL (:mod:`.postgres`). Both read the query the
same way (:mod:`.tokens`).

The indexed text of an entry is its searchable fields (``fields.searchable_fields``), its note
and the labels (English and Chinese) of its tags; the one write path (``store.writes``) rewrites it for every entry a transaction changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from sqlalchemy.engine import Connection

from ..fields import Kind, searchable_fields
from ..store import dialect, sql
from . import pages
from .tokens import ParsedQuery, bigram_text, composed, is_blank, parse_query

__all__ = ["SearchBackend", "backend_for", "reindex", "match_query", "match_ids_query", "entry_texts", "bigram_text",
           "is_blank", "parse_query", "ParsedQuery"]


class SearchBackend(Protocol):
    name: str

    def create(self, conn: Connection) -> None:
        """Create the index tables (idempotent)."""

    def write(self, conn: Connection, kind: Kind, ids: Sequence[int], texts: dict[int, str]) -> None:
        """Replace the index rows of ``ids`` with ``texts`` (an id without a text drops out)."""

    def match(self, conn: Connection, kind: Kind, query: ParsedQuery) -> tuple[str, dict]:
        """A query (column ``id``) of the entries matching a non-empty parsed query (it may
        read the catalog to build it)."""


_BACKENDS: dict[str, SearchBackend] = {}


def backend_for(dialect_name: str) -> SearchBackend:
    if dialect_name not in _BACKENDS:
        if dialect_name == "sqlite":
            from .fts5 import Fts5Search

            _BACKENDS[dialect_name] = Fts5Search()
        elif dialect_name == "postgresql":
            from .postgres import PostgresSearch

            _BACKENDS[dialect_name] = PostgresSearch()
        else:
            raise ValueError(f"no search backend for {dialect_name}")
    return _BACKENDS[dialect_name]


_MEMBERS = {Kind.PAPER: ("paper_tag", "paper_id"), Kind.DATASET: ("dataset_tag", "dataset_id")}


def entry_texts(conn: Connection, kind: Kind, ids: Sequence[int]) -> dict[int, str]:
    """The indexed text of each live entry among ``ids``: its searchable fields, its note, then
    the labels of its tags (a model family, tasks, a modality are found by the search box), in
    composed form (:func:`.tokens.composed`)."""
    fields = searchable_fields(kind)
    out: dict[int, str] = {}
    member, owner = _MEMBERS[kind]
    for chunk in sql.chunked(ids):
        labels: dict[int, list[str]] = {}
        for entry_id, en, zh in sql.rows(
            conn,
            f"SELECT m.{owner}, t.label_en, t.label_zh FROM {member} m JOIN tag t ON t.id = m.tag_id"
            f" WHERE m.{owner} IN :ids AND t.deleted_at IS NULL ORDER BY m.{owner}, t.id",
            {"ids": chunk},
        ):
            labels.setdefault(entry_id, []).extend(v for v in (en, zh) if v)
        for row in sql.rows(
            conn,
            f"SELECT e.id, {', '.join(f'e.{f}' for f in fields)}, n.body FROM {kind.value} e"
            f" LEFT JOIN note n ON n.{kind.value}_id = e.id"
            " WHERE e.id IN :ids AND e.deleted_at IS NULL",
            {"ids": chunk},
        ):
            out[row[0]] = composed("\n".join([*(str(v) if v is not None else "" for v in row[1:]),
                                               " · ".join(labels.get(row[0], []))]))
    return out


def reindex(conn: Connection, kind: Kind, ids: Iterable[int], *, fresh: bool = False) -> None:
    """Rewrite the index rows of these entries from the database (deleted ones drop out).
    ``fresh``: they have no index rows yet (a backend with ``write_new`` then skips removing
    them; one without writes as usual)."""
    ids = sorted({int(i) for i in ids})
    if ids:
        member, _owner = _MEMBERS[kind]
        dialect.refresh_statistics(conn, [kind.value, member, "tag", "note"], len(ids))
        backend = backend_for(conn.dialect.name)
        texts = entry_texts(conn, kind, ids)
        if fresh and hasattr(backend, "write_new"):
            backend.write_new(conn, kind, texts)
        else:
            backend.write(conn, kind, ids, texts)


def match_ids_query(conn: Connection, kind: Kind, text: str) -> tuple[str, dict] | None:
    """PostgreSQL: a query of one row holding the ids matching a search text as an array (the
    answer of :func:`match_query`, without the attachments' text), for a caller that needs
    them all; None for a blank text or one of only punctuation (use :func:`match_query`)."""
    query = parse_query(text)
    if query.empty or query.nothing:
        return None
    return backend_for(conn.dialect.name).match_ids(conn, kind, query)


def match_query(conn: Connection, kind: Kind, text: str, fulltext: bool = False) -> tuple[str, dict] | None:
    """The matching-ids query of a search text (None for a blank one); a text of only
    punctuation matches nothing. ``fulltext``: an entry also matches when a page of one of its
    attachments holds every term (:mod:`.pages`)."""
    query = parse_query(text)
    if query.empty:
        return None
    if query.nothing:
        return f"SELECT id FROM {kind.value} WHERE 1 = 0", {}
    found = backend_for(conn.dialect.name).match(conn, kind, query)
    in_pages = pages.match_attachments(conn, text) if fulltext else None
    if in_pages is None:
        return found
    owner = f"{kind.value}_id"
    page_sql, page_params = in_pages
    clash = set(page_params) & set(found[1])
    for name in clash:  # keep the two halves' parameters apart
        page_sql = page_sql.replace(f":{name}", f":p_{name}")
        page_params[f"p_{name}"] = page_params.pop(name)
    return (f"SELECT id FROM ({found[0]}) AS meta UNION SELECT a.{owner} AS id FROM attachment a"
            f" WHERE a.{owner} IS NOT NULL AND a.deleted_at IS NULL AND a.id IN ({page_sql})",
            {**found[1], **page_params})
