"""The full-text index of attached files: one row per page, searched like the catalog (Latin
words case- and accent-insensitively, Chinese from one character, :mod:`.tokens`).

Tables (derived data: created here, never migrated; rebuilt by indexing again):

* ``attachment_search(id, status, message, size, mtime, sha256, pages, indexed_at)``: what the
  index holds for each attachment (``id`` is the attachment's), the file as it was when read.
* ``page_search_text(id, attachment_id, page, body)``: the normalised text of each page, for
  snippets and quotes. ``id`` is ``attachment_id * PAGE_SPAN + page``, so the index answers
  "which attachments" without reading the pages.
* SQLite: ``page_fts_bi``, a contentless FTS5 index (``unicode61``) of :func:`tokens.bigram_text`
  with positions (a term of several tokens is a phrase: ``zero-shot``, ``遥感图像``) and one- and
  two-character prefix indexes (``遥``, ``se``); a page's index rows are deleted with the text
  they were made of (FTS5 ``'delete'``), which is why the text rows are removed here only.
  ``page_chunk_fts_bi`` answers "which attachments" (the table's filter): one row per chunk of
  pages (each :func:`write_pages` call: a file, or about 100 pages of a long one), ``rowid``
  the page id of its first page, holding the chunk's tokens and each pair of neighbouring
  tokens joined by :data:`PAIR` (``\ue000zero\ue000shot``, ``\ue000遥感\ue000感图``), without positions
  (``detail=none``). A common word over 200,000 pages is then 1,000 rows without positions
  instead of 200,000 with them, and a phrase is the AND of its token pairs: exact for two
  tokens (``zero-shot``, three Chinese characters), and for longer ones every neighbouring
  pair must occur in the chunk. The page index (with positions) says which pages match.
* PostgreSQL: ``page_search(id, attachment_id, words)``, a ``tsvector`` with positions of the
  app's own tokens (the server's parser never splits Chinese), GIN indexed; phrases are
  ``<->``, prefixes ``:*``.

No foreign keys: an attachment deleted for good leaves its rows until :func:`drop` (called by
the write path) or :func:`orphans` finds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from ..fields import utcnow
from ..store import dialect, sql
from .tokens import CJK, CJK_CHAR, PhraseTerm, bigram_text, fold_word, folded_words, phrase_terms

PAGE_SPAN = 1_000_000  # pages per attachment in the page ids
MAX_POSITION = 16383  # PostgreSQL's largest tsvector position

_SQLITE_TABLES = (
    "CREATE TABLE IF NOT EXISTS attachment_search (id INTEGER PRIMARY KEY, status TEXT NOT NULL,"
    " message TEXT, size INTEGER, mtime REAL, sha256 TEXT, pages INTEGER, indexed_at TEXT)",
    "CREATE TABLE IF NOT EXISTS page_search_text (id INTEGER PRIMARY KEY, attachment_id INTEGER NOT NULL,"
    " page INTEGER NOT NULL, body TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_page_search_text_attachment ON page_search_text (attachment_id)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS page_fts_bi USING fts5(body, content='',"
    " tokenize='unicode61 remove_diacritics 2', prefix='1 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS page_chunk_fts_bi USING fts5(body, content='', detail=none,"
    " tokenize='unicode61 remove_diacritics 2', prefix='1 2')",
)
_POSTGRES_TABLES = (
    "CREATE TABLE IF NOT EXISTS attachment_search (id integer PRIMARY KEY, status text NOT NULL,"
    " message text, size bigint, mtime double precision, sha256 text, pages integer, indexed_at text)",
    "CREATE TABLE IF NOT EXISTS page_search_text (id bigint PRIMARY KEY, attachment_id integer NOT NULL,"
    " page integer NOT NULL, body text NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_page_search_text_attachment ON page_search_text (attachment_id)",
    "CREATE TABLE IF NOT EXISTS page_search (id bigint PRIMARY KEY, attachment_id integer NOT NULL,"
    " words tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_page_search_words ON page_search USING gin (words)",
    # the detail pane's hits of one attachment: its pages, not every page of a common word
    "CREATE INDEX IF NOT EXISTS ix_page_search_attachment ON page_search (attachment_id)",
)


@dataclass(frozen=True)
class IndexState:
    """What the index holds for one attachment."""

    status: str
    message: str | None
    size: int | None
    mtime: float | None
    sha256: str | None
    pages: int | None
    indexed_at: str | None


@dataclass(frozen=True)
class PageHit:
    attachment_id: int
    page: int
    snippet: str


def page_id(attachment_id: int, page: int) -> int:
    return attachment_id * PAGE_SPAN + page


def create(conn: Connection) -> None:
    for ddl in _SQLITE_TABLES if dialect.is_sqlite(conn) else _POSTGRES_TABLES:
        conn.exec_driver_sql(ddl)


# ---- writing -------------------------------------------------------------------------------

PAIR = "\ue000"  # joins two neighbouring tokens into one (a private-use character: a token character to FTS5)
_TOKEN = re.compile(f"([{CJK}]+)|([^\\W_{CJK}]+)")


def token_sequence(text: str) -> list[str]:
    """:func:`tokens.token_sequence` in one regular-expression pass (a page of 3,000
    characters: about a third of the time)."""
    out: list[str] = []
    for run, word in _TOKEN.findall(text):
        if run:
            out += map(str.__add__, run[:-1], run[1:])
            out.append(run[-1])
        elif word.isascii():
            out.append(word.lower())
        else:
            out += folded_words(word)
    return out


def _chunk_text(bodies: Iterable[str]) -> str:
    """What ``page_chunk_fts_bi`` holds for these pages: their tokens, then each neighbouring pair."""
    seq = [t for body in bodies for t in token_sequence(body)]
    return " ".join(seq) + " " + " ".join(map(_pair, seq, seq[1:]))


def _pair(first: str, second: str) -> str:
    """Two neighbouring tokens as one; it starts with :data:`PAIR` too, so that a word's prefix
    query (``remote*``) does not range over the thousands of pairs the word begins."""
    return PAIR + first + PAIR + second


def _tsvector(text: str) -> str:
    """A tsvector literal of the text's tokens with their positions."""
    positions: dict[str, list[int]] = {}
    for n, token in enumerate(token_sequence(text), start=1):
        spots = positions.setdefault(token[:500], [])
        if len(spots) < 256:  # PostgreSQL keeps 256 positions of a lexeme
            spots.append(min(n, MAX_POSITION))
    return " ".join(f"'{t}':{','.join(map(str, sorted(set(p))))}" for t, p in positions.items())


def write_pages(conn: Connection, attachment_id: int, first_page: int, texts: Sequence[str]) -> None:
    """Add pages ``first_page``, ``first_page + 1``... of an attachment (after :func:`drop`)."""
    rows = [(page_id(attachment_id, first_page + i), attachment_id, first_page + i, t.replace("\x00", ""))
            for i, t in enumerate(texts) if t.strip()]
    if not rows:
        return
    if dialect.is_sqlite(conn):
        conn.exec_driver_sql("INSERT INTO page_search_text(id, attachment_id, page, body) VALUES (?, ?, ?, ?)", rows)
        bigrams = [bigram_text(r[3]) for r in rows]
        conn.exec_driver_sql("INSERT INTO page_fts_bi(rowid, body) VALUES (?, ?)",
                             [(r[0], b) for r, b in zip(rows, bigrams)])
        sql.execute(conn, "INSERT INTO page_chunk_fts_bi(rowid, body) VALUES (:id, :body)",
                    {"id": rows[0][0], "body": _chunk_text(r[3] for r in rows)})
        return
    params = {"ids": sql.Array([r[0] for r in rows]), "pages": sql.Array([r[2] for r in rows]),
              "bodies": sql.Array([r[3] for r in rows]), "words": sql.Array([_tsvector(r[3]) for r in rows]),
              "att": attachment_id}
    sql.execute(conn, "INSERT INTO page_search_text(id, attachment_id, page, body) SELECT u.id, :att, u.page, u.body"
                      " FROM unnest(CAST(:ids AS bigint[]), CAST(:pages AS integer[]), CAST(:bodies AS text[]))"
                      " AS u(id, page, body)", params)
    sql.execute(conn, "INSERT INTO page_search(id, attachment_id, words) SELECT u.id, :att, CAST(u.words AS tsvector)"
                      " FROM unnest(CAST(:ids AS bigint[]), CAST(:words AS text[])) AS u(id, words)", params)


def _chunk_ids(conn: Connection, attachment_id: int) -> list[int]:
    return sql.column(conn, "SELECT rowid FROM page_chunk_fts_bi WHERE rowid BETWEEN :lo AND :hi ORDER BY rowid",
                      {"lo": page_id(attachment_id, 0), "hi": page_id(attachment_id, PAGE_SPAN - 1)})


def _drop_sqlite(conn: Connection, attachment_id: int) -> None:
    """A chunk at a time (its pages' text is read to unindex them, pages and chunk)."""
    starts = _chunk_ids(conn, attachment_id)
    bounds = list(zip([page_id(attachment_id, 0)] + starts, starts + [page_id(attachment_id, PAGE_SPAN)]))
    for lo, hi in bounds:  # the pages before the first chunk: written before chunks were indexed
        found = sql.rows(conn, "SELECT id, body FROM page_search_text WHERE id >= :lo AND id < :hi ORDER BY id",
                         {"lo": lo, "hi": hi})
        if not found:
            continue
        conn.exec_driver_sql("INSERT INTO page_fts_bi(page_fts_bi, rowid, body) VALUES ('delete', ?, ?)",
                             [(i, bigram_text(b)) for i, b in found])
        if lo in starts:
            sql.execute(conn, "INSERT INTO page_chunk_fts_bi(page_chunk_fts_bi, rowid, body)"
                              " VALUES ('delete', :id, :body)", {"id": lo, "body": _chunk_text(b for _i, b in found)})
        sql.execute(conn, "DELETE FROM page_search_text WHERE id >= :lo AND id < :hi", {"lo": lo, "hi": hi})


def index_chunks(conn: Connection) -> int:
    """Index the pages of every attachment that has none in ``page_chunk_fts_bi`` (a catalog
    indexed before it existed) as one chunk; returns how many attachments."""
    todo = sql.column(conn, "SELECT DISTINCT attachment_id FROM page_search_text ORDER BY attachment_id")
    done = 0
    for attachment_id in todo:
        if _chunk_ids(conn, attachment_id):
            continue
        found = sql.rows(conn, "SELECT id, body FROM page_search_text WHERE attachment_id = :a ORDER BY id",
                         {"a": attachment_id})
        sql.execute(conn, "INSERT INTO page_chunk_fts_bi(rowid, body) VALUES (:id, :body)",
                    {"id": found[0][0], "body": _chunk_text(b for _i, b in found)})
        done += 1
    return done


def drop(conn: Connection, attachment_ids: Iterable[int]) -> None:
    """Remove the pages and the state of these attachments from the index."""
    ids = sorted(set(attachment_ids))
    for chunk in sql.chunked(ids):
        if dialect.is_sqlite(conn):
            for attachment_id in chunk:
                _drop_sqlite(conn, attachment_id)
        else:
            sql.execute(conn, "DELETE FROM page_search WHERE attachment_id IN :ids", {"ids": chunk})
            sql.execute(conn, "DELETE FROM page_search_text WHERE attachment_id IN :ids", {"ids": chunk})
        sql.execute(conn, "DELETE FROM attachment_search WHERE id IN :ids", {"ids": chunk})


def set_state(conn: Connection, attachment_id: int, state: IndexState) -> None:
    sql.execute(conn, "INSERT INTO attachment_search(id, status, message, size, mtime, sha256, pages, indexed_at)"
                      " VALUES (:id, :status, :message, :size, :mtime, :sha, :pages, :at)"
                      " ON CONFLICT (id) DO UPDATE SET status = excluded.status, message = excluded.message,"
                      " size = excluded.size, mtime = excluded.mtime, sha256 = excluded.sha256,"
                      " pages = excluded.pages, indexed_at = excluded.indexed_at",
                {"id": attachment_id, "status": state.status, "message": state.message, "size": state.size,
                 "mtime": state.mtime, "sha": state.sha256, "pages": state.pages,
                 "at": state.indexed_at or utcnow().isoformat(timespec="seconds")})


# ---- reading -------------------------------------------------------------------------------

def states(conn: Connection, attachment_ids: Sequence[int] | None = None) -> dict[int, IndexState]:
    cols = "id, status, message, size, mtime, sha256, pages, indexed_at"
    if attachment_ids is None:
        found = sql.rows(conn, f"SELECT {cols} FROM attachment_search")
    else:
        found = [r for chunk in sql.chunked(list(attachment_ids))
                 for r in sql.rows(conn, f"SELECT {cols} FROM attachment_search WHERE id IN :ids", {"ids": chunk})]
    return {r[0]: IndexState(*r[1:]) for r in found}


def orphans(conn: Connection) -> list[int]:
    """Attachments gone for good whose pages or state are still indexed."""
    return sql.column(conn, "SELECT id FROM attachment_search WHERE id NOT IN (SELECT id FROM attachment)"
                            " UNION SELECT DISTINCT attachment_id FROM page_search_text"
                            " WHERE attachment_id NOT IN (SELECT id FROM attachment)")


def _fts5_query(terms: list[PhraseTerm]) -> str:
    parts = []
    for term in terms:
        phrase = '"' + " ".join(t.replace('"', '""') for t in term.tokens) + '"'
        parts.append(phrase + (" *" if term.prefix else ""))
    return " AND ".join(parts)


MAX_EXPANSIONS = 40
_VOCAB = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.page_chunk_vocab USING fts5vocab(main, 'page_chunk_fts_bi', 'row')"


def _completions(conn: Connection, prefix: str) -> list[str] | None:
    """The indexed words starting with ``prefix``, from the chunk index's vocabulary (cheap: no
    positions); None when there are more than :data:`MAX_EXPANSIONS`."""
    conn.exec_driver_sql(_VOCAB)  # per connection, in its temp schema: not a write to the catalog
    found = sql.column(conn, "SELECT term FROM page_chunk_vocab WHERE term >= :lo AND term < :hi LIMIT :n",
                       {"lo": prefix, "hi": prefix[:-1] + chr(ord(prefix[-1]) + 1), "n": MAX_EXPANSIONS + 1})
    return None if len(found) > MAX_EXPANSIONS else found


def _page_query(conn: Connection, terms: list[PhraseTerm]) -> str | None:
    """The FTS5 query of ``page_fts_bi`` for one attachment's pages; None when a term matches
    no indexed word. A prefix term is spelled out as the words it stands for: FTS5 answers a
    prefix without a prefix index by merging the whole index's position lists of those words
    first (a common word over 200,000 pages: about 100 ms), an exact word by seeking to the
    attachment's pages."""
    parts = []
    for term in terms:
        tokens = [t.replace('"', '""') for t in term.tokens]
        words = _completions(conn, term.tokens[-1]) if term.prefix else None
        if words is None:
            parts.append(_fts5_query([term]))
        elif not words:
            return None
        else:
            phrases = (" ".join(tokens[:-1] + [w.replace('"', '""')]) for w in words)
            parts.append("(" + " OR ".join(f'"{p}"' for p in phrases) + ")")
    return " AND ".join(parts)


def _chunk_query(terms: list[PhraseTerm]) -> str:
    """The FTS5 query of ``page_chunk_fts_bi``: a one-token term as itself, a longer one as
    the AND of its neighbouring pairs (the last one a prefix when the term's last token is)."""
    parts = []
    for term in terms:
        tokens = [t.replace('"', '""') for t in term.tokens]
        pairs = [f'"{_pair(a, b)}"' for a, b in zip(tokens, tokens[1:])] or [f'"{tokens[0]}"']
        if term.prefix:
            pairs[-1] += " *"
        parts += pairs
    return " AND ".join(parts)


def _tsquery(terms: list[PhraseTerm]) -> str:
    groups = []
    for term in terms:
        lexemes = [f"'{t}'" for t in term.tokens]
        if term.prefix:
            lexemes[-1] += ":*"
        groups.append("(" + " <-> ".join(lexemes) + ")" if len(lexemes) > 1 else lexemes[0])
    return " & ".join(groups)


def _matching_pages(conn: Connection, terms: list[PhraseTerm], attachment_id: int, limit: int) -> tuple[str, dict]:
    """A query of the first ``limit`` matching page ids (column ``id``) of one attachment.
    SQLite: FTS5 takes the ``rowid`` range as a seek into its index, so the cost is this
    attachment's pages, not the whole index's (which ``rowid BETWEEN … OR …`` over several
    attachments read)."""
    lo, hi = page_id(attachment_id, 0), page_id(attachment_id, PAGE_SPAN - 1)
    if dialect.is_sqlite(conn):
        query = _page_query(conn, terms)
        if query is None:
            return "SELECT 0 AS id WHERE 0", {}
        return (f"SELECT rowid AS id FROM page_fts_bi WHERE page_fts_bi MATCH :q AND rowid BETWEEN :lo AND :hi"
                f" ORDER BY rowid LIMIT {int(limit)}", {"q": query, "lo": lo, "hi": hi})
    return (f"SELECT id FROM page_search WHERE words @@ CAST(:q AS tsquery) AND attachment_id = :att"
            f" ORDER BY id LIMIT {int(limit)}", {"q": _tsquery(terms), "att": attachment_id})


def match_attachments(conn: Connection, text: str) -> tuple[str, dict] | None:
    """A query of the attachments (column ``id``) with a page matching every term of ``text``;
    None for a text without terms."""
    terms = phrase_terms(text)
    if not terms:
        return None
    if dialect.is_sqlite(conn):
        return (f"SELECT DISTINCT rowid / {PAGE_SPAN} AS id FROM page_chunk_fts_bi WHERE page_chunk_fts_bi MATCH :q",
                {"q": _chunk_query(terms)})
    return "SELECT DISTINCT attachment_id AS id FROM page_search WHERE words @@ CAST(:q AS tsquery)", {
        "q": _tsquery(terms)}


def hits(conn: Connection, attachment_ids: Sequence[int], text: str, limit: int = 20, width: int = 70
         ) -> list[PageHit]:
    """The first ``limit`` pages of these attachments that match ``text`` (attachment by
    attachment, in page order), with a snippet each."""
    terms = phrase_terms(text)
    if not terms or not attachment_ids:
        return []
    found: list[tuple[int, int, str]] = []
    for attachment_id in sorted(set(attachment_ids)):
        if len(found) >= limit:
            break
        query, params = _matching_pages(conn, terms, attachment_id, limit - len(found))
        ids = sql.column(conn, query, params)
        if ids:
            found += sql.rows(conn, "SELECT attachment_id, page, body FROM page_search_text WHERE id IN :ids"
                                    " ORDER BY id", {"ids": ids})
    return [PageHit(a, page, snippet(body, terms, width)) for a, page, body in found]


def page_text(conn: Connection, attachment_id: int, page: int) -> str | None:
    return sql.scalar(conn, "SELECT body FROM page_search_text WHERE id = :id", {"id": page_id(attachment_id, page)})


def _needle(term: PhraseTerm) -> str:
    """The text a term stands for, folded: a CJK bigram chain as its characters, else its first word."""
    tokens = term.tokens
    if len(tokens) > 1 and all(len(t) == 2 and CJK_CHAR.match(t) for t in tokens):
        return tokens[0] + "".join(t[-1] for t in tokens[1:])
    return tokens[0]


def _first(text: str, terms: list[PhraseTerm]) -> tuple[int, int] | None:
    for term in terms:
        found = text.find(_needle(term))
        if found >= 0:
            return found, len(_needle(term))
    return None


def _find(body: str, terms: list[PhraseTerm]) -> tuple[int | None, int]:
    """Where the first term found in ``body`` starts, and its length: in the lowered text first
    (C speed), then in the accent-folded text (a Python loop over every character: 20 pages of
    3,000 characters took most of the detail pane's 100 ms)."""
    lowered = body.lower()
    if len(lowered) == len(body) and (found := _first(lowered, terms)):
        return found
    folded = fold_word(body)
    return _first(folded if len(folded) == len(body) else lowered, terms) or (None, 0)


def snippet(body: str, terms: list[PhraseTerm] | str, width: int = 70) -> str:
    """About ``width`` characters each side of the first term found in ``body``."""
    if isinstance(terms, str):
        terms = phrase_terms(terms)
    at, length = _find(body, terms)
    if at is None:
        at, length = 0, 0
    start, end = max(0, at - width), min(len(body), at + length + width)
    # Whole words at both ends (a cut word reads as a typo); Chinese has no spaces to look for.
    if start > 0 and body[start - 1].isalnum() and body[start].isalnum():
        space = body.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    if end < len(body) and body[end - 1].isalnum() and body[end].isalnum():
        space = body.rfind(" ", at + length, end)
        end = space if space >= 0 else end
    text = " ".join(body[start:end].split())
    return ("…" if start > 0 else "") + text + ("…" if end < len(body) else "")
