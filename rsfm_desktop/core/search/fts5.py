"""Search on SQLite: two FTS5 indexes per kind, keyed by the entry's id (FTS ``rowid``).

* ``<kind>_fts_tri`` uses FTS5's ``trigram`` tokenizer: any substring of three characters or
  more matches, case-insensitively (``CLIP`` finds ``RemoteCLIP``, ``遥感图像`` finds itself).
  That tokenizer keeps accents (SQLite 3.40; ``remove_diacritics`` came in 3.45), so the
  index holds the text and the query its terms with accented Latin letters folded
  (:func:`.tokens.fold_text`): ``muller`` finds ``Müller`` and ``Gómez`` finds ``Gomez``, as
  the bigram index and PostgreSQL's words do.
* ``<kind>_fts_bi`` holds :func:`tokens.bigram_text`: Latin words, CJK bigrams. The trigram
  tokenizer cannot match queries shorter than three characters (SQLite 3.40), so one- and
  two-character terms use this index; its one- and two-character prefix indexes
  (``prefix='1 2'``) make the first keystrokes of a search (``r``, ``re``, ``遥``) about 2.5x
  faster at 100,000 papers.

Both keep up to :data:`HASHSIZE` bytes of a transaction's new terms in memory before writing
them out as a segment (FTS5's own default is 1 MB): a batch of 2,000 papers (a first sync's
pull, an import) is then one segment per commit instead of a dozen that FTS5 merges again
(indexing 20,000 papers in such batches, alone: 13.6-14.1 -> 11.3-11.8 CPU seconds). A small write never holds that much; the
memory is spent only while a big batch is written, and given back at commit. The setting is
stored in each index (its ``_config`` table), so every writer gets it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from sqlalchemy.engine import Connection

from ..fields import Kind
from ..store import sql
from .tokens import CJK, CJK_CHAR, ParsedQuery, ShortToken, bigram_text, fold_text

HASHSIZE = 16 * 1024 * 1024

TABLES = {
    "tri": "CREATE VIRTUAL TABLE IF NOT EXISTS {kind}_fts_tri USING fts5(body, tokenize='trigram')",
    "bi": "CREATE VIRTUAL TABLE IF NOT EXISTS {kind}_fts_bi USING fts5("
    "body, tokenize='unicode61 remove_diacritics 2', detail='none', prefix='1 2')",
}


def configure(conn: Connection) -> None:
    """Store the indexes' settings (:data:`HASHSIZE`) in each of them (a new catalog, and
    migration 0011 for older ones)."""
    for kind in Kind:
        for name in TABLES:
            table = f"{kind.value}_fts_{name}"
            conn.exec_driver_sql(f"INSERT INTO {table}({table}, rank) VALUES ('hashsize', {HASHSIZE})")


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _short(tokens: tuple[ShortToken, ...]) -> str:
    return " AND ".join(_quote(t.text) + ("*" if t.prefix else "") for t in tokens)


class Fts5Search:
    name = "fts5"

    def create(self, conn: Connection) -> None:
        for kind in Kind:
            for ddl in TABLES.values():
                conn.exec_driver_sql(ddl.format(kind=kind.value))
        configure(conn)

    def write(self, conn: Connection, kind: Kind, ids: Sequence[int], texts: dict[int, str]) -> None:
        """Replace the index rows of ``ids`` by ``texts`` (ids without a text drop out)."""
        for table in (f"{kind.value}_fts_tri", f"{kind.value}_fts_bi"):
            for chunk in sql.chunked(ids):
                sql.execute(conn, f"DELETE FROM {table} WHERE rowid IN :ids", {"ids": chunk})
        self.write_new(conn, kind, texts)

    def write_new(self, conn: Connection, kind: Kind, texts: dict[int, str]) -> None:
        """Index rows of entries that have none yet (added by the writing transaction and not
        indexed by it before): no delete pass, which costs FTS5 a look-up per id and table."""
        rows = sorted(texts.items())
        if rows:
            conn.exec_driver_sql(
                f"INSERT INTO {kind.value}_fts_tri(rowid, body) VALUES (?, ?)",
                [(i, fold_text(t)) for i, t in rows],
            )
            conn.exec_driver_sql(
                f"INSERT INTO {kind.value}_fts_bi(rowid, body) VALUES (?, ?)",
                [(i, bigram_text(t)) for i, t in rows],
            )

    def match(self, conn: Connection, kind: Kind, query: ParsedQuery) -> tuple[str, dict]:
        """A query of the matching ids (column ``id``; trashed entries may be among them)."""
        parts, params = [], {}
        if query.long_terms:
            parts.append(f"SELECT rowid AS id FROM {kind.value}_fts_tri WHERE {kind.value}_fts_tri MATCH :tri")
            params["tri"] = " AND ".join(_quote(fold_text(t)) for t in query.long_terms)
        if query.short_terms:
            parts.append(f"SELECT rowid AS id FROM {kind.value}_fts_bi WHERE {kind.value}_fts_bi MATCH :bi")
            params["bi"] = " AND ".join(_short(t) for t in query.short_terms)
        return " INTERSECT ".join(parts), params


_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def _folded(lowered: str, text: str) -> str:
    """``text`` folded as :func:`.tokens.fold_word` folds a word (accents removed), at C speed
    (the combining marks by their blocks: a body is a kilobyte, not a word)."""
    if lowered.isascii():
        return lowered
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def _short_test(term: tuple[ShortToken, ...]):
    """A test for a short term of one token, as the bigram index answers it: a CJK token is in
    the lower-cased text (a bigram of a run, or the start of one), a Latin one starts a word
    of the folded text; (is it Latin, the test), or None for a term of several tokens (a
    phrase there)."""
    if len(term) != 1:
        return None
    token = term[0].text
    if CJK_CHAR.search(token):
        return False, lambda lowered: token in lowered
    starts_word = re.compile(f"(?<![^\\W_{CJK}]){re.escape(token)}")
    return True, lambda folded: starts_word.search(folded) is not None


def matching_among(conn: Connection, kind: Kind, query: ParsedQuery, ids: Sequence[int]) -> list[int] | None:
    """Those of ``ids``, in their order, whose indexed text holds every term of ``query``, read
    from the trigram index's stored text (``<kind>_fts_tri_content``, accents folded) instead of its term lists:
    for a few hundred ids of a search that matches most of the catalog this costs a few
    milliseconds, where the index answers the whole catalog in 100-260 ms (``segmentation``:
    79,000 of 100,000 papers). The trigram tokenizer folds case and matches substrings, as
    ``in`` on lower-cased text does; a short term is tested as the bigram index reads it
    (:func:`_short_test`, on text folded as :func:`.tokens.fold_word` folds words). None for
    a short term of several tokens, or a query that matches nothing or everything."""
    if query.nothing or query.empty:
        return None
    shorts = [_short_test(term) for term in query.short_terms]
    if None in shorts:
        return None
    if not ids:
        return []
    terms = [fold_text(t).lower() for t in query.long_terms]  # as the index holds them
    in_lowered = [test for latin, test in shorts if not latin]
    in_folded = [test for latin, test in shorts if latin]
    bodies = {row[0]: row[1] for row in sql.rows(
        conn, f"SELECT id, c0 FROM {kind.value}_fts_tri_content WHERE id IN :ids", {"ids": list(ids)})}
    out = []
    for entry_id in ids:
        body = bodies.get(entry_id)
        if body is None:
            continue
        lowered = body.lower()
        if not all(t in lowered for t in terms) or not all(test(lowered) for test in in_lowered):
            continue
        if in_folded:
            folded = _folded(lowered, body)
            if not all(test(folded) for test in in_folded):
                continue
        out.append(entry_id)
    return out
