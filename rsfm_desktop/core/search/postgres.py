"""Search on PostgreSQL: one table per kind, ``<kind>_search(id, body, words)``.

* ``body`` is the entry's searchable text; a ``pg_trgm`` GIN index answers substring terms of
  three characters or more (``body ILIKE '%CLIP%'``), as FTS5's trigram index does on SQLite.
* ``words`` is a ``tsvector`` built from the app's own tokens (:func:`tokens.tokens`: folded
  words, CJK bigrams) with ``array_to_tsvector``, so PostgreSQL's text parser (which depends on
  the server's locale) never splits Chinese; one- and two-character terms are tsquery lexemes
  or prefixes (``'遥感'``, ``'遥':*``, ``'vq':*``), matched through a GIN index.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.engine import Connection

from ..fields import Kind
from ..store import sql
from .tokens import ParsedQuery, ShortToken, tokens

# A tsvector holds at most 1 MB; a huge note's rare words beyond that are still found by the
# substring index when they are three characters or longer.
_MAX_TOKEN_BYTES = 900_000


def _lexeme(token: ShortToken) -> str:
    quoted = "'" + token.text.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + (":*" if token.prefix else "")


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _capped(words: list[str]) -> list[str]:
    out, size = [], 0
    for word in words:
        size += len(word.encode()) + 8
        if size > _MAX_TOKEN_BYTES:
            break
        out.append(word[:500])
    return out


class PostgresSearch:
    name = "postgres"

    def create(self, conn: Connection) -> None:
        conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for kind in Kind:
            table = f"{kind.value}_search"
            conn.exec_driver_sql(
                f"CREATE TABLE IF NOT EXISTS {table} (id integer PRIMARY KEY"
                f" REFERENCES {kind.value}(id) ON DELETE CASCADE, body text NOT NULL,"
                " words tsvector NOT NULL)"
            )
            conn.exec_driver_sql(
                f"CREATE INDEX IF NOT EXISTS ix_{table}_body ON {table} USING gin (body gin_trgm_ops)"
            )
            conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_{table}_words ON {table} USING gin (words)")

    def write(self, conn: Connection, kind: Kind, ids: Sequence[int], texts: dict[int, str]) -> None:
        table = f"{kind.value}_search"
        gone = [i for i in ids if i not in texts]
        for chunk in sql.chunked(gone):
            sql.execute(conn, f"DELETE FROM {table} WHERE id IN :ids", {"ids": chunk})
        items = sorted(texts.items())
        # Three arrays per statement (unnest), not a statement per entry: 10,000 entries in a
        # few round trips. Tokens hold no spaces, so each entry's tokens travel as one string.
        for start in range(0, len(items), 2000):
            chunk = items[start : start + 2000]
            sql.execute(
                conn,
                f"INSERT INTO {table}(id, body, words)"
                " SELECT u.id, u.body, array_to_tsvector(string_to_array(u.words, ' '))"
                " FROM unnest(CAST(:ids AS integer[]), CAST(:bodies AS text[]), CAST(:words AS text[]))"
                " AS u(id, body, words)"
                " ON CONFLICT (id) DO UPDATE SET body = excluded.body, words = excluded.words",
                {"ids": sql.Array([i for i, _t in chunk]), "bodies": sql.Array([t.replace("\x00", "") for _i, t in chunk]),
                 "words": sql.Array([" ".join(_capped(tokens(t))) for _i, t in chunk])},
            )

    def match(self, kind: Kind, query: ParsedQuery) -> tuple[str, dict]:
        table = f"{kind.value}_search"
        conds, params = [], {}
        for n, term in enumerate(query.long_terms):
            conds.append(f"body ILIKE :like{n}")
            params[f"like{n}"] = _like(term)
        if query.short_terms:
            conds.append("words @@ CAST(:lexemes AS tsquery)")
            params["lexemes"] = " & ".join(
                "(" + " & ".join(_lexeme(t) for t in group) + ")" for group in query.short_terms
            )
        return f"SELECT id FROM {table} WHERE {' AND '.join(conds)}", params
