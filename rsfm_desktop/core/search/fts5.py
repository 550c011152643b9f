"""Search on SQLite: two FTS5 indexes per kind, keyed by the entry's id (FTS ``rowid``).

* ``<kind>_fts_tri`` uses FTS5's ``trigram`` tokenizer: any substring of three characters or
  more matches, case-insensitively (``CLIP`` finds ``RemoteCLIP``, ``遥感图像`` finds itself).
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

from collections.abc import Sequence

from sqlalchemy.engine import Connection

from ..fields import Kind
from ..store import sql
from .tokens import ParsedQuery, ShortToken, bigram_text

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
                f"INSERT INTO {kind.value}_fts_tri(rowid, body) VALUES (?, ?)", rows
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
            params["tri"] = " AND ".join(_quote(t) for t in query.long_terms)
        if query.short_terms:
            parts.append(f"SELECT rowid AS id FROM {kind.value}_fts_bi WHERE {kind.value}_fts_bi MATCH :bi")
            params["bi"] = " AND ".join(_short(t) for t in query.short_terms)
        return " INTERSECT ".join(parts), params
