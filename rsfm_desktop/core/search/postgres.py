"""Search on PostgreSQL, answering exactly what FTS5 answers on SQLite.

Per kind, three tables:

* ``<kind>_search(id, words)``: a ``tsvector`` of the app's own tokens (:func:`tokens.tokens`:
  folded Latin words, CJK bigrams and run ends) built with ``array_to_tsvector``, so the
  server's text parser and locale never split Chinese; one GIN index.
* ``<kind>_search_text(id, body)``: the indexed text in lower case (the server's ``lower()``),
  read only to confirm a term that spans several tokens (``zero-shot``, ``遥感图像``) really
  occurs as written: ``strpos`` of the lowered term, as case-insensitive as ``ILIKE`` and, on
  UTF-8 text, about three times faster (``ILIKE`` lowers each body it reads).
* ``<kind>_search_vocab(word)``: every Latin word ever indexed, with a ``pg_trgm`` index.

A term of three characters or more is a substring (``CLIP`` finds ``RemoteCLIP``): each of its
Latin tokens becomes the vocabulary words containing it (``'remoteclip' | 'clip'``), each CJK
bigram a lexeme; the entries are then found in the GIN index. This is as fast for a word found
in most of the catalog as for a rare one, where a trigram scan of every matching text is not
(100,000 papers, a word in 70% of them: 560 ms with ``body ILIKE``). Short terms are lexemes or
prefixes (``'遥感'``, ``'遥':*``, ``'vq':*``), as with SQLite's bigram index.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.engine import Connection

from ..fields import Kind
from ..store import sql
from .tokens import CJK_CHAR, ParsedQuery, fold_word, tokens

# A tsvector holds at most 1 MB; a huge note's rare words beyond that are still found through
# the text table when they are three characters or longer.
_MAX_TOKEN_BYTES = 900_000
# A fragment inside more vocabulary words than this ("ing") is confirmed on the text instead.
MAX_EXPANSION = 2000


def _lexeme(text: str, prefix: bool = False) -> str:
    quoted = "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + (":*" if prefix else "")


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _capped(words: list[str]) -> list[str]:
    # The common case at a glance: even at 4 bytes a character far below the limit, no overlong word.
    if 4 * sum(map(len, words)) + 8 * len(words) <= _MAX_TOKEN_BYTES and max(map(len, words), default=0) <= 500:
        return words
    out, size = [], 0
    for word in words:
        size += len(word.encode()) + 8
        if size > _MAX_TOKEN_BYTES:
            break
        out.append(word[:500])
    return out


def _latin(token: str) -> bool:
    return not CJK_CHAR.search(token)


class PostgresSearch:
    name = "postgres"

    def create(self, conn: Connection) -> None:
        conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for kind in Kind:
            base, ref = f"{kind.value}_search", f"REFERENCES {kind.value}(id) ON DELETE CASCADE"
            conn.exec_driver_sql(
                f"CREATE TABLE IF NOT EXISTS {base} (id integer PRIMARY KEY {ref}, words tsvector NOT NULL)")
            conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_{base}_words ON {base} USING gin (words)")
            conn.exec_driver_sql(
                f"CREATE TABLE IF NOT EXISTS {base}_text (id integer PRIMARY KEY {ref}, body text NOT NULL)")
            conn.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {base}_vocab (word text PRIMARY KEY)")
            conn.exec_driver_sql(
                f"CREATE INDEX IF NOT EXISTS ix_{base}_vocab_trgm ON {base}_vocab USING gin (word gin_trgm_ops)")

    def write(self, conn: Connection, kind: Kind, ids: Sequence[int], texts: dict[int, str]) -> None:
        base = f"{kind.value}_search"
        gone = [i for i in ids if i not in texts]
        for chunk in sql.chunked(gone):
            for table in (base, f"{base}_text"):
                sql.execute(conn, f"DELETE FROM {table} WHERE id IN :ids", {"ids": chunk})
        items = sorted(texts.items())
        # Arrays per statement (unnest), not a statement per entry: 10,000 entries in a few round
        # trips. Tokens hold no spaces, so each entry's tokens travel as one string.
        for start in range(0, len(items), 2000):
            chunk = items[start : start + 2000]
            ids_ = sql.Array([i for i, _t in chunk])
            words = [_capped(tokens(t)) for _i, t in chunk]
            sql.execute(
                conn,
                f"INSERT INTO {base}(id, words)"
                " SELECT u.id, array_to_tsvector(string_to_array(u.words, ' '))"
                " FROM unnest(CAST(:ids AS integer[]), CAST(:words AS text[])) AS u(id, words)"
                " ON CONFLICT (id) DO UPDATE SET words = excluded.words",
                {"ids": ids_, "words": sql.Array([" ".join(w) for w in words])},
            )
            sql.execute(
                conn,
                f"INSERT INTO {base}_text(id, body)"
                " SELECT u.id, lower(u.body) FROM unnest(CAST(:ids AS integer[]), CAST(:bodies AS text[])) AS u(id, body)"
                " ON CONFLICT (id) DO UPDATE SET body = excluded.body",
                {"ids": ids_, "bodies": sql.Array([t.replace("\x00", "") for _i, t in chunk])},
            )
            vocab = sorted(w for w in {w for ws in words for w in ws} if _latin(w))
            if vocab:
                sql.execute(
                    conn,
                    f"INSERT INTO {base}_vocab(word) SELECT unnest(CAST(:words AS text[])) ON CONFLICT DO NOTHING",
                    {"words": sql.Array(vocab)},
                )

    def _expand(self, conn: Connection, kind: Kind, fragment: str) -> list[str] | None:
        """Vocabulary words containing ``fragment`` (None: too many to list)."""
        found = sql.column(
            conn,
            f"SELECT word FROM {kind.value}_search_vocab WHERE word LIKE :like ESCAPE '\\' LIMIT {MAX_EXPANSION + 1}",
            {"like": _like(fragment)},
        )
        return None if len(found) > MAX_EXPANSION else found

    def match(self, conn: Connection, kind: Kind, query: ParsedQuery) -> tuple[str, dict]:
        base = f"{kind.value}_search"
        groups: list[str] = []
        confirm: list[str] = []
        for term in query.long_terms:
            parts = tokens(term)
            if not parts:  # only punctuation ("{{{"): found in the text as written
                confirm.append(term)
                continue
            exact = len(parts) == 1 and fold_word(term) == parts[0]  # the term is one word fragment
            for token in parts:
                if not _latin(token):
                    groups.append(_lexeme(token, prefix=len(token) == 1))
                    continue
                words = self._expand(conn, kind, token)
                if words is None:  # a very common fragment: the text confirms the term below
                    exact = False
                    continue
                if not words:
                    return f"SELECT id FROM {kind.value} WHERE 1 = 0", {}
                groups.append("(" + " | ".join(_lexeme(w) for w in words) + ")")
            if not exact:
                confirm.append(term)
        for group in query.short_terms:
            groups.append("(" + " & ".join(_lexeme(t.text, t.prefix) for t in group) + ")")
        params: dict = {}
        conds = []
        if groups:
            conds.append("s.words @@ CAST(:lexemes AS tsquery)")
            params["lexemes"] = " & ".join(groups)
            source = f"{base} s"
        else:
            source = f"{base}_text s"
        for n, term in enumerate(confirm):
            # The text is stored lowered: lowering the term alike makes the test case-insensitive.
            lowered = f"lower(:term{n})" if term.lower() != term.upper() else f":term{n}"
            conds.append(f"EXISTS (SELECT 1 FROM {base}_text b WHERE b.id = s.id AND strpos(b.body, {lowered}) > 0)")
            params[f"term{n}"] = term
        return f"SELECT s.id FROM {source} WHERE {' AND '.join(conds)}", params

