"""Search on PostgreSQL, answering exactly what FTS5 answers on SQLite.

Per kind, three tables:

* ``<kind>_search(id, words, body, overflow)``: ``words`` a ``tsvector`` with one GIN index,
  ``body`` the indexed text in lower case with accented Latin letters folded (:func:`lowered`:
  Python's, the same on every server whatever its locale). Both are stored out of line (``toast_tuple_target`` 128): a search for
  a word found in most of the catalog reads the GIN index and then only the small heap rows
  (the id), about 1,000 pages at 100,000 papers instead of 20,000 with the lexemes inline.
  ``body`` is read only to confirm a term the lexemes cannot answer exactly (below).
* ``<kind>_search_vocab(word)``: every Latin word ever indexed, with a ``pg_trgm`` index.
* ``<kind>_search_chunk(chunk)``: every *chunk* ever indexed, with a ``pg_trgm`` index.

The lexemes, built in Python (``array_to_tsvector``, so the server's text parser and locale
never split Chinese):

* the app's own tokens (:func:`tokens.tokens`: folded Latin words, CJK bigrams and run ends);
* every four characters of a CJK run (``遥感图像``) and its last three (a run of three: the
  run), so that every three characters of the run begin a lexeme: a three-character term is a
  prefix (``'遥感图':*``). The three-character stretches were all lexemes too until a first
  sync of 100,000 papers spent most of the server's time on the GIN index (~127 of ~405
  lexemes a paper); rows written before still hold them, which the prefix matches as well;
* ``~`` and a chunk: a chunk is a stretch of the lowered text between white space, search
  syntax (``"*^``, control characters) and CJK characters, holding something other than
  ``a-z0-9`` (``zero-shot``, ``(sar)``, ``über``). A search term never holds white space or
  syntax, so a term without CJK characters occurs in the text exactly when it occurs in one of
  its chunks.

A term of three characters or more is a substring (``CLIP`` finds ``RemoteCLIP``):

* one Latin word fragment: the vocabulary words containing it (``'remoteclip' | 'clip'``);
* three CJK characters: the lexemes it begins; four: its lexeme;
* anything else without CJK characters (``zero-shot``, ``zero-s``): the chunks containing it;
* otherwise (five CJK characters or more, CJK mixed with other characters, or too many
  vocabulary words or chunks contain it) the lexemes of its tokens narrow the entries and
  ``strpos`` in ``body`` confirms the term as written.

All but the last are answered from the GIN index alone, as fast for a word found in most of the
catalog as for a rare one. Short terms are lexemes or prefixes (``'遥感'``, ``'遥':*``,
``'vq':*``), as with SQLite's bigram index. An entry whose lexemes had to be cut (a tsvector
holds at most 1 MB, a chunk longer than :data:`MAX_CHUNK` is not a lexeme) is marked
``overflow``: every long term is then confirmed in its ``body``.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Sequence

from sqlalchemy.engine import Connection

from ..fields import Kind
from ..store import sql
from .tokens import CJK, CJK_CHAR, ParsedQuery, fold_text, fold_word, tokens

# A tsvector holds at most 1 MB (and a lexeme 2 KB): an entry whose lexemes would pass this is
# marked ``overflow`` and its long terms are confirmed in the text.
_MAX_TOKEN_BYTES = 900_000
# A fragment inside more vocabulary words (or chunks) than this ("ing") is confirmed on the text.
MAX_EXPANSION = 2000
MAX_CHUNK = 200  # characters; a longer chunk (a long URL, code in a note) marks the entry overflow
CHUNK = "~"  # the lexeme prefix of a chunk: no token holds it
GRAM = 4  # CJK terms of four characters are lexemes (遥感图像), of three prefixes of them ('遥感图':*)
TOAST_TARGET = 128  # bytes: the smallest toast_tuple_target, keeping the heap rows small

_CJK_RUN = re.compile(f"[{CJK}]+")
_PURE_CJK = re.compile(f"[{CJK}]+")
# What no search term holds (``parse_query`` splits on it) and CJK runs: a chunk lies between.
_SPLIT = f'\\s"*^\\x00-\\x1f{CJK}'
_PLAIN = re.compile("[a-z0-9]*")
# A chunk holding something but ``a-z0-9``: from a chunk's start (the lookbehind: one test at
# any other place), its plain beginning (possessive: never tried again shorter), then the rest.
# One scan, linear even in a long plain word (10,000 papers: 0.2 s instead of 0.45 s).
_CHUNK = re.compile(f"(?<![^{_SPLIT}])[a-z0-9]*+[^{_SPLIT}a-z0-9][^{_SPLIT}]*")


def lowered(text: str) -> str:
    """Text as ``body`` and the chunks hold it, and as terms are compared with them: lower case,
    accented Latin letters folded (:func:`.tokens.fold_text`: ``über-`` finds ``Über-Net``)."""
    return fold_text(text).lower()


def _lexeme(text: str, prefix: bool = False) -> str:
    quoted = "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + (":*" if prefix else "")


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _latin(token: str) -> bool:
    return not CJK_CHAR.search(token)


def cjk_grams(text: str, size: int) -> list[str]:
    """Every stretch of ``size`` characters of the CJK runs of ``text``."""
    return [run[i : i + size] for run in _CJK_RUN.findall(text) for i in range(len(run) - size + 1)]


def chunks(text: str) -> tuple[list[str], bool]:
    """The distinct chunks of a :func:`lowered` text that are not plain ``a-z0-9`` words (those are
    tokens), and whether one was longer than :data:`MAX_CHUNK` (left out)."""
    out: dict[str, None] = {}
    too_long = False
    for chunk in _CHUNK.findall(text):
        if len(chunk) > MAX_CHUNK:
            too_long = True
        else:
            out[chunk] = None
    return list(out), too_long


# The words of a text, as :func:`.tokens.tokens` finds them (CJK runs and words are disjoint:
# one ``findall`` each finds the matches of its alternation), and the words a folded one holds.
_WORD_RUN = re.compile(f"[^\\W_{CJK}]+")
_WORD = re.compile(r"[^\W_]+")
assert GRAM == 4  # :func:`indexed` makes a 4-gram of two pairs


def indexed(text: str) -> tuple[str, list[str], list[str], bool, str]:
    """What the index stores of an entry's text (NUL characters dropped): (its lexemes as a
    ``tsvector`` literal, its Latin tokens, its chunks, overflow, its ``body``), the lexemes the
    same set as :func:`lexemes` gives (which it calls for an entry whose lexemes must be cut),
    found by C-level scans and joins instead of a Python step per token: 0.15 ms a paper of the
    benchmark catalog instead of 0.21 ms (lexemes and body, 10,000 papers, best of 3)."""
    text = text.replace("\x00", "")
    body = lowered(text)
    found_chunks, overflow = chunks(body)
    # The CJK lexemes as strings of them (a lexeme may come twice: the server's tsvector keeps one).
    grams: list[str] = []
    for run in _CJK_RUN.findall(text):  # its pairs, its 4-grams (two pairs), its last one and three
        pairs = list(map(operator.add, run, run[1:]))
        grams += (" ".join(pairs), " ".join(map(operator.add, pairs, pairs[2:])), run[-1])
        if len(run) >= GRAM - 1:
            grams.append(run[-GRAM + 1 :])
    words = set(_WORD_RUN.findall(text))
    plain = [w for w in words if w.isascii()]
    latin = set(" ".join(plain).lower().split())
    longest = max(map(len, words), default=0)
    if len(plain) < len(words):  # some hold other letters: folded one by one
        for word in words:
            if not word.isascii():  # folding may split it, or make CJK of it (a Kangxi radical)
                for token in _WORD.findall(fold_word(word)):
                    if _latin(token):
                        latin.add(token)
                    else:
                        grams.append(token)
                    longest = max(longest, len(token))
    joined = " ".join(filter(None, [" ".join(latin), *grams, *(CHUNK + c for c in found_chunks)]))
    count = joined.count(" ") + 1 if joined else 0
    # At most what lexemes would cut (repeated lexemes counted): else cut as it cuts them.
    if 4 * (len(joined) - count + 1) + 8 * count > _MAX_TOKEN_BYTES or longest > 500:
        out, latin, found_chunks, overflow = lexemes(text)
        joined = " ".join(out)
    elif overflow:
        joined += " " + CHUNK if joined else CHUNK
    # No lexeme holds white space (tokens are word characters, chunks lie between spaces).
    literal = "'" + joined.replace("\\", "\\\\").replace("'", "''").replace(" ", "' '") + "'"
    return (literal if joined else ""), list(latin), found_chunks, overflow, body


def lexemes(text: str) -> tuple[list[str], list[str], list[str], bool]:
    """(all lexemes of an entry's text, its Latin tokens, its chunks, overflow)."""
    words = tokens(text)
    found_chunks, overflow = chunks(lowered(text))
    runs = _CJK_RUN.findall(text)
    grams = {run[i : i + GRAM] for run in runs for i in range(len(run) - GRAM + 1)}
    grams.update(run[-GRAM + 1 :] for run in runs if len(run) >= GRAM - 1)  # the last three: what no 4-gram begins
    out = words + list(grams) + [CHUNK + c for c in found_chunks]
    if 4 * sum(map(len, out)) + 8 * len(out) > _MAX_TOKEN_BYTES or max(map(len, words), default=0) > 500:
        capped, size = [], 0
        for lexeme in out:
            size += len(lexeme.encode()) + 8
            if size > _MAX_TOKEN_BYTES:
                overflow = True
                break
            if len(lexeme) > 500:
                overflow = True
                continue
            capped.append(lexeme)
        out = capped
        kept = set(out)
        words = [w for w in words if w in kept]
        found_chunks = [c for c in found_chunks if CHUNK + c in kept]
    if overflow:
        out.append(CHUNK)
    return out, [w for w in words if _latin(w)], found_chunks, overflow


# The matching ids of a tsquery, the ``confirm`` terms found in each one's text, the ``exact``
# ones too when its lexemes were cut. Planned with sequential and plain index scans off, so
# always from the GIN index: the planner prices a sequential scan of the small heap low, not
# knowing that testing each row reads its lexemes out of line (100,000 papers: 300,000 pages).
# A SQL function with settings is never inlined: the caller's statement keeps its own plan.
_MATCHING = (
    " FROM {base} s WHERE s.words @@ q"
    " AND (cardinality(confirm) = 0 OR NOT EXISTS (SELECT FROM unnest(confirm) t WHERE strpos(s.body, t) = 0))"
    " AND (cardinality(exact) = 0 OR NOT s.overflow"
    " OR NOT EXISTS (SELECT FROM unnest(exact) t WHERE strpos(s.body, t) = 0))"
)
_SETTINGS = " LANGUAGE sql STABLE{rows} SET enable_seqscan = off SET enable_indexscan = off AS $body$ "
_MATCH_FUNCTION = (
    "CREATE OR REPLACE FUNCTION {base}_match(q tsquery, confirm text[], exact text[]) RETURNS SETOF integer"
    + _SETTINGS.format(rows=" ROWS 10000") + "SELECT s.id" + _MATCHING + " $body$"
)

# The same ids as one array, for a table that wants nothing else: a set-returning SQL function
# hands its rows over through a tuple store, which cost 25-40 ms for 70,000-100,000 ids at
# 100,000 papers (half of the whole search); an aggregate inside the function sends one value.
_MATCH_IDS_FUNCTION = (
    "CREATE OR REPLACE FUNCTION {base}_match_ids(q tsquery, confirm text[], exact text[]) RETURNS integer[]"
    + _SETTINGS.format(rows="") + "SELECT coalesce(array_agg(s.id), '{{}}')" + _MATCHING + " $body$"
)


class PostgresSearch:
    name = "postgres"

    def create(self, conn: Connection) -> None:
        conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for kind in Kind:
            base, ref = f"{kind.value}_search", f"REFERENCES {kind.value}(id) ON DELETE CASCADE"
            conn.exec_driver_sql(
                f"CREATE TABLE IF NOT EXISTS {base} (id integer PRIMARY KEY {ref}, words tsvector NOT NULL,"
                f" body text NOT NULL, overflow boolean NOT NULL DEFAULT false)"
                f" WITH (toast_tuple_target = {TOAST_TARGET})")
            # Out of line, uncompressed: a confirmed term reads the body without decompressing it.
            conn.exec_driver_sql(f"ALTER TABLE {base} ALTER COLUMN body SET STORAGE EXTERNAL")
            conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_{base}_words ON {base} USING gin (words)")
            conn.exec_driver_sql(_MATCH_FUNCTION.format(base=base))
            conn.exec_driver_sql(_MATCH_IDS_FUNCTION.format(base=base))
            for table, col in ((f"{base}_vocab", "word"), (f"{base}_chunk", "chunk")):
                conn.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {table} ({col} text PRIMARY KEY)")
                conn.exec_driver_sql(
                    f"CREATE INDEX IF NOT EXISTS ix_{table}_trgm ON {table} USING gin ({col} gin_trgm_ops)")

    def write(self, conn: Connection, kind: Kind, ids: Sequence[int], texts: dict[int, str]) -> None:
        base = f"{kind.value}_search"
        gone = [i for i in ids if i not in texts]
        for chunk in sql.chunked(gone):
            sql.execute(conn, f"DELETE FROM {base} WHERE id IN :ids", {"ids": chunk})
        items = sorted(texts.items())
        # Arrays per statement (unnest), not a statement per entry: 10,000 entries in a few round
        # trips; each entry's lexemes travel as one tsvector literal.
        for start in range(0, len(items), 2000):
            part = items[start : start + 2000]
            built = [indexed(t) for _i, t in part]
            sql.execute(
                conn,
                f"INSERT INTO {base}(id, words, body, overflow)"
                " SELECT u.id, CAST(u.words AS tsvector), u.body, u.overflow"
                " FROM unnest(CAST(:ids AS integer[]), CAST(:words AS text[]), CAST(:bodies AS text[]),"
                " CAST(:overflow AS boolean[])) AS u(id, words, body, overflow)"
                " ON CONFLICT (id) DO UPDATE SET words = excluded.words, body = excluded.body,"
                " overflow = excluded.overflow",
                {"ids": sql.Array([i for i, _t in part]), "words": sql.Array([b[0] for b in built]),
                 "bodies": sql.Array([b[4] for b in built]), "overflow": sql.Array([b[3] for b in built])},
            )
            self._add_vocabulary(conn, base, {w for b in built for w in b[1]}, {c for b in built for c in b[2]})

    def write_new(self, conn: Connection, kind: Kind, texts: dict[int, str]) -> None:
        """Index rows of entries that have none yet (added by the writing transaction, never
        indexed by it): streamed with ``COPY``, so the server stores each part while the next
        entries' lexemes are computed here (a first push of 100,000 papers: the two overlap),
        without the upsert's conflict checks."""
        base = f"{kind.value}_search"
        words: set[str] = set()
        found: set[str] = set()
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            with cursor.copy(f"COPY {base} (id, words, body, overflow) FROM STDIN") as copy:
                for entry_id, text in sorted(texts.items()):
                    lexemes_, latin, chunks_, overflow, body = indexed(text)
                    words.update(latin)
                    found.update(chunks_)
                    copy.write_row((entry_id, lexemes_, body, overflow))
        finally:
            cursor.close()
        self._add_vocabulary(conn, base, words, found)

    @staticmethod
    def _add_vocabulary(conn: Connection, base: str, words: set[str], found: set[str]) -> None:
        """The Latin words and chunks of entries just indexed, into the tables terms expand in."""
        for table, col, new in ((f"{base}_vocab", "word", words), (f"{base}_chunk", "chunk", found)):
            if new:
                sql.execute(conn, f"INSERT INTO {table}({col}) SELECT unnest(CAST(:words AS text[])) ON CONFLICT DO NOTHING",
                            {"words": sql.Array(sorted(new))})

    def _expand(self, conn: Connection, table: str, col: str, fragment: str) -> list[str] | None:
        """The words (or chunks) of ``table`` containing ``fragment`` (None: too many to list)."""
        found = sql.column(
            conn,
            f"SELECT {col} FROM {table} WHERE {col} LIKE :like ESCAPE '\\' LIMIT {MAX_EXPANSION + 1}",
            {"like": _like(fragment)},
        )
        return None if len(found) > MAX_EXPANSION else found

    def _term_groups(self, conn: Connection, kind: Kind, term: str) -> tuple[list[str], bool]:
        """The tsquery groups of one long term (all must match), and whether the text must
        confirm it. No groups and no confirming: no lexeme holds it (only an overflowing
        entry's text can)."""
        base = f"{kind.value}_search"
        folded = lowered(term)
        if _PURE_CJK.fullmatch(term):
            if len(term) < GRAM:  # three characters: they begin a 4-gram or end their run
                return [_lexeme(term, prefix=True)], False
            return [_lexeme(g) for g in dict.fromkeys(cjk_grams(term, GRAM))], len(term) > GRAM
        parts = tokens(term)
        if len(parts) == 1 and fold_word(term) == parts[0] and _latin(parts[0]):  # one word fragment
            words = self._expand(conn, f"{base}_vocab", "word", parts[0])
            if words is not None:
                return (["(" + " | ".join(_lexeme(w) for w in words) + ")"] if words else []), False
        elif not CJK_CHAR.search(term) and not _PLAIN.fullmatch(folded):
            found = self._expand(conn, f"{base}_chunk", "chunk", folded)
            if found is not None:
                return (["(" + " | ".join(_lexeme(CHUNK + c) for c in found) + ")"] if found else []), False
        groups: list[str] = []
        for token in parts:
            if not _latin(token):
                groups.append(_lexeme(token, prefix=len(token) == 1))
                continue
            words = self._expand(conn, f"{base}_vocab", "word", token)
            if words is None:  # a very common fragment: the text confirms the term
                continue
            if not words:
                return [], False
            groups.append("(" + " | ".join(_lexeme(w) for w in words) + ")")
        return groups, True

    def _tsquery(self, conn: Connection, kind: Kind, query: ParsedQuery) -> tuple[list[str], list[str], list[str]]:
        """(tsquery groups, all of which must match; lowered terms the text must hold; lowered
        terms the lexemes answer, except in an overflowing entry, whose text does)."""
        groups: list[str] = []
        confirm: list[str] = []
        exact: list[str] = []
        for term in query.long_terms:
            term_groups, needs_text = self._term_groups(conn, kind, term)
            if needs_text:
                confirm.append(lowered(term))
                if term_groups:
                    groups.append("((" + " & ".join(term_groups) + f") | {_lexeme(CHUNK)})")
                continue
            exact.append(lowered(term))  # an overflowing entry (lexemes cut) is judged by its text
            groups.append("((" + " & ".join(term_groups) + f") | {_lexeme(CHUNK)})" if term_groups
                          else _lexeme(CHUNK))
        for group in query.short_terms:
            groups.append("(" + " & ".join(_lexeme(t.text, t.prefix) for t in group) + ")")
        return groups, confirm, exact

    def match(self, conn: Connection, kind: Kind, query: ParsedQuery) -> tuple[str, dict]:
        base = f"{kind.value}_search"
        groups, confirm, exact = self._tsquery(conn, kind, query)
        if not groups:  # every token too common to list: the text alone answers
            return self._text_only(base, confirm)
        return (f"SELECT s.id FROM {base}_match(CAST(:lexemes AS tsquery), CAST(:confirm AS text[]),"
                " CAST(:exact AS text[])) AS s(id)",
                {"lexemes": " & ".join(groups), "confirm": sql.Array(confirm), "exact": sql.Array(exact)})

    def match_ids(self, conn: Connection, kind: Kind, query: ParsedQuery) -> tuple[str, dict]:
        """A query of one row and one value: the ids :meth:`match` finds, as an array (the
        table's search, where nothing else filters)."""
        base = f"{kind.value}_search"
        groups, confirm, exact = self._tsquery(conn, kind, query)
        if not groups:
            found, params = self._text_only(base, confirm)
            return f"SELECT coalesce(array_agg(q.id), '{{}}') FROM ({found}) AS q", params
        return (f"SELECT {base}_match_ids(CAST(:lexemes AS tsquery), CAST(:confirm AS text[]), CAST(:exact AS text[]))",
                {"lexemes": " & ".join(groups), "confirm": sql.Array(confirm), "exact": sql.Array(exact)})

    @staticmethod
    def _text_only(base: str, confirm: list[str]) -> tuple[str, dict]:
        conds = " AND ".join(f"strpos(s.body, :term{n}) > 0" for n in range(len(confirm)))
        return f"SELECT s.id FROM {base} s WHERE {conds}", {f"term{n}": t for n, t in enumerate(confirm)}
