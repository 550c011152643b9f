"""Full-text search over papers and datasets, Chinese and English alike (SQLite FTS5).

Two indexes per entity kind, both keyed by the entry's id (FTS ``rowid``):

* ``<kind>_fts_tri`` uses FTS5's ``trigram`` tokenizer: any substring of three characters or
  more matches, case-insensitively (``CLIP`` finds ``RemoteCLIP``, ``遥感图像`` finds itself).
* ``<kind>_fts_bi`` holds text tokenised here in Python: Latin words as they are, CJK runs as
  overlapping bigrams plus each run's last character. The trigram tokenizer cannot match
  queries shorter than three characters (SQLite 3.40), so one- and two-character terms use this
  index, as Zotero does for CJK: ``遥感`` is a bigram token, ``vq`` a word prefix. Its
  one- and two-character prefix indexes (``prefix='1 2'``) make the first keystrokes of a
  search (``r``, ``re``, ``遥``) about 2.5x faster at 100,000 papers.

The indexed text of an entry is its searchable fields and its note, kept in step by the
repository on every write (:func:`reindex`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sqlalchemy.engine import Connection

KINDS = ("paper", "dataset")

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_WORD = re.compile(r"\w+")

# The text indexed for each kind: entity columns, then the note body.
_FIELDS = {
    "paper": ("title", "short_name", "authors", "venue", "tasks", "model_details",
              "summary_zh", "summary_en", "remark"),
    "dataset": ("name", "data_type", "scale", "description_zh", "description_en"),
}


def _text_sql(kind: str, placeholders: str) -> str:
    columns = " || char(10) || ".join(f"coalesce(e.{f}, '')" for f in _FIELDS[kind])
    return (
        f"SELECT e.id, {columns} || char(10) || coalesce(n.body, '')"
        f" FROM {kind} e LEFT JOIN note n ON n.{kind}_id = e.id"
        f" WHERE e.id IN ({placeholders}) AND e.deleted_at IS NULL"
    )


def create(conn: Connection) -> None:
    for kind in KINDS:
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {kind}_fts_tri USING fts5("
            "body, tokenize='trigram')"
        )
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {kind}_fts_bi USING fts5("
            "body, tokenize='unicode61 remove_diacritics 2', detail='none', prefix='1 2')"
        )


def bigram_text(text: str) -> str:
    """Latin words unchanged, CJK runs as overlapping bigrams plus the run's last character."""
    out: list[str] = []
    pos = 0
    for run in _CJK_RUN.finditer(text):
        out.append(text[pos : run.start()])
        chars = run.group()
        out.extend(chars[i : i + 2] for i in range(len(chars) - 1))
        out.append(chars[-1])
        pos = run.end()
    out.append(text[pos:])
    return " ".join(part for part in out if part)


def reindex(conn: Connection, kind: str, ids: Iterable[int]) -> None:
    """Rewrite the index rows of these entries from the database (deleted ones drop out)."""
    ids = [int(i) for i in ids]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        placeholders = ",".join("?" * len(chunk))
        for table in (f"{kind}_fts_tri", f"{kind}_fts_bi"):
            conn.exec_driver_sql(f"DELETE FROM {table} WHERE rowid IN ({placeholders})", tuple(chunk))
        rows = conn.exec_driver_sql(_text_sql(kind, placeholders), tuple(chunk)).all()
        if rows:
            conn.exec_driver_sql(
                f"INSERT INTO {kind}_fts_tri(rowid, body) VALUES (?, ?)", [(i, t) for i, t in rows]
            )
            conn.exec_driver_sql(
                f"INSERT INTO {kind}_fts_bi(rowid, body) VALUES (?, ?)",
                [(i, bigram_text(t)) for i, t in rows],
            )


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _short_term_query(term: str) -> str:
    """An FTS5 query on the bigram index for a term of one or two characters."""
    if _CJK_CHAR.search(term):
        tokens = bigram_text(term).split()
        # "遥感" is one bigram token; "遥" is the start of a token; "a遥" two tokens.
        return " AND ".join(
            _quote(t) if len(t) == 2 and _CJK_CHAR.match(t) else _quote(t) + "*" for t in tokens
        )
    words = _WORD.findall(term)
    return " AND ".join(_quote(w) + "*" for w in words)


def match_clauses(kind: str, query: str) -> list[tuple[str, str]]:
    """Split a user query into (fts table, MATCH expression) pairs; all must match.

    Terms are whitespace separated; every term must occur (AND). Returns [] for a blank query.
    """
    long_terms: list[str] = []
    short_terms: list[str] = []
    for term in re.sub(r'["*^\x00-\x1f]', " ", query).split():  # FTS syntax characters separate terms
        if len(term) >= 3:
            long_terms.append(_quote(term))
        else:
            expr = _short_term_query(term)
            if expr:
                short_terms.append(expr)
    clauses: list[tuple[str, str]] = []
    if long_terms:
        clauses.append((f"{kind}_fts_tri", " AND ".join(long_terms)))
    if short_terms:
        clauses.append((f"{kind}_fts_bi", " AND ".join(short_terms)))
    return clauses


def is_blank(query: str | None) -> bool:
    return not (query or "").strip()


def filter_sql(kind: str, query: str, id_column: str) -> tuple[str, Sequence[str]]:
    """A SQL condition restricting ``id_column`` to entries matching ``query``."""
    parts: list[str] = []
    params: list[str] = []
    for table, expr in match_clauses(kind, query):
        parts.append(f"{id_column} IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)")
        params.append(expr)
    if not parts and not is_blank(query):
        # The query had only punctuation: nothing can match.
        return "0", []
    return " AND ".join(parts) or "1", params
