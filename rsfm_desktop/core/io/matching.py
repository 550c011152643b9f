"""Is this the same paper (or dataset)? Same arXiv id or same DOI (compared case-insensitively);
or a normalised title with a fuzzy similarity of at least :data:`TITLE_THRESHOLD`, years at
most one apart, and nothing that tells the two apart: titles that differ in a number, a part
(I/II), a version (v2) or a year are different papers, and so are entries whose authors are
both known and share no family name, whose arXiv ids or DOIs are both known and differ, or
whose entry types are both known and differ (a generic title such as "Introduction" is
shared by many). What is unknown on either side does not count against a match.

Titles are compared only within blocks sharing the first or the last :data:`BLOCK` characters
of the compacted normalised title, so matching 10,000 incoming entries against 100,000 is a few
dictionary look-ups and rapidfuzz calls per entry, not a full cross product. A typo in the
middle or at one end of a title still shares a block.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy.engine import Connection

import json
import re
import unicodedata

from ..fields import TITLE_FIELD, Kind, field_map
from .identifiers import normalise_title
from .names import family_name

TITLE_THRESHOLD = 93.0
BLOCK = 10


@dataclass(frozen=True)
class Match:
    key: Hashable  # whatever the caller indexed the entry under (a catalog id, a file position…)
    reason: str  # "arxiv", "doi" or "title"
    score: float


@dataclass(frozen=True)
class _Entry:
    key: Hashable
    title: str
    year: int | None
    marks: tuple[str, ...]  # numbers, parts and versions in the title
    authors: frozenset[str]
    arxiv: str | None
    doi: str | None
    entry_type: str | None
    blocks: tuple[str, ...] = ()  # the title blocks it is compared within


_ROMAN = frozenset("ii iii iv v vi vii viii ix x xi xii".split())
_VERSION = re.compile(r"^v\d+$")


def title_marks(title: str) -> tuple[str, ...]:
    """What tells apart titles that are otherwise alike: ``Part II``, ``2023``, ``v2``."""
    words = title.split()
    marks = [w for i, w in enumerate(words)
             if w.isdigit() or _VERSION.match(w) or w in _ROMAN
             or (w == "i" and (i == len(words) - 1 or (i and words[i - 1] == "part")))]
    return tuple(sorted(str(int(w)) if w.isdigit() else w for w in marks))


@lru_cache(maxsize=65536)
def _family(author: str) -> str:
    name = family_name(str(author)).casefold()
    if name.isascii():
        return "".join(c for c in name if c.isalnum())
    name = unicodedata.normalize("NFKD", name)
    return "".join(c for c in name if c.isalnum())


def _authors(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = [value]
    return frozenset(f for f in (_family(a) for a in value or [] if a) if f)


def _entry(key: Hashable, kind: Kind, values: dict[str, Any]) -> _Entry:
    title = normalise_title(values.get(TITLE_FIELD[kind]))
    arxiv = str(values["arxiv_id"]).lower() if values.get("arxiv_id") else None
    doi = str(values["doi"]).lower() if values.get("doi") else None
    etype = str(values["entry_type"]).lower() if values.get("entry_type") else None
    marks = title_marks(title)
    return _Entry(key, title, _year(values.get("year")), marks, _authors(values.get("authors")),
                  arxiv, doi, etype, _blocks(title, marks))


def match_data(key: Hashable, kind: Kind, values: dict[str, Any]) -> _Entry:
    """What matching needs of an entry (computed once, kept beside it by an import's spool)."""
    return _entry(key, kind, values)


def _blocks(title: str, marks: tuple[str, ...]) -> tuple[str, ...]:
    """The first and the last :data:`BLOCK` characters of the compacted title, each with the
    title's marks: titles whose marks differ are told apart anyway, so they need not meet."""
    compact = title.replace(" ", "")
    if not compact:
        return ()
    tail = "|".join(marks)
    return (f"<{compact[:BLOCK]}#{tail}", f">{compact[-BLOCK:]}#{tail}")


def index_keys(entry: _Entry) -> list[str]:
    """The keys under which an entry is found: its identifiers and its title blocks."""
    keys = list(entry.blocks)
    if entry.arxiv:
        keys.append("a:" + entry.arxiv)
    if entry.doi:
        keys.append("d:" + entry.doi)
    return keys


def rank(mine: _Entry, candidates: Iterable[_Entry]) -> list[Match]:
    """Those of ``candidates`` (entries sharing a key with ``mine``) that are the same paper:
    same arXiv id, then same DOI, then alike titles by falling score; in key order within each."""
    arxiv: list[Match] = []
    doi: list[Match] = []
    scored: list[Match] = []
    seen: set[Hashable] = set()
    blocks = set(mine.blocks)
    for entry in sorted(candidates, key=lambda e: e.key):
        if entry.key in seen:
            continue
        seen.add(entry.key)
        if mine.arxiv and entry.arxiv == mine.arxiv:
            arxiv.append(Match(entry.key, "arxiv", 100.0))
        elif mine.doi and entry.doi == mine.doi:
            doi.append(Match(entry.key, "doi", 100.0))
        elif blocks.intersection(entry.blocks) and years_close(mine.year, entry.year) and not told_apart(mine, entry):
            score = 100.0 if entry.title == mine.title else fuzz.ratio(mine.title, entry.title,
                                                                       score_cutoff=TITLE_THRESHOLD)
            if score:
                scored.append(Match(entry.key, "title", score))
    return arxiv + doi + sorted(scored, key=lambda m: -m.score)


def told_apart(a: _Entry, b: _Entry) -> bool:
    """Do two entries with alike titles carry anything that says they are different?"""
    if a.marks != b.marks:
        return True
    if a.authors and b.authors and not a.authors & b.authors:
        return True
    if (a.arxiv and b.arxiv and a.arxiv != b.arxiv) or (a.doi and b.doi and a.doi != b.doi):
        return True
    if a.authors and b.authors:  # the same authors: a chapter may come back as an article
        return False
    return bool(a.entry_type and b.entry_type and a.entry_type != b.entry_type
                and not {a.entry_type, b.entry_type} <= _SAME_WORK)


# Types one work takes on its way (preprint, then journal or proceedings).
_SAME_WORK = frozenset({"article", "inproceedings", "conference", "misc", "online", "unpublished", "techreport"})


def _year(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def years_close(a: int | None, b: int | None) -> bool:
    return a is None or b is None or abs(a - b) <= 1


class MatchIndex:
    """Entries of one kind, looked up by identifier and by fuzzy title."""

    def __init__(self, kind: Kind):
        self.kind = kind
        self._by_key: dict[str, list[_Entry]] = defaultdict(list)

    def add(self, key: Hashable, values: dict[str, Any] | None = None, entry: _Entry | None = None) -> None:
        """Index an entry by its values, or by its :func:`match_data` (its key then ignored)."""
        entry = entry if entry is not None else _entry(key, self.kind, values or {})
        for index_key in index_keys(entry):
            self._by_key[index_key].append(entry)

    def matches(self, values: dict[str, Any] | None = None, mine: _Entry | None = None) -> list[Match]:
        """Every indexed entry that is the same paper, identifier matches first."""
        mine = mine if mine is not None else _entry(None, self.kind, values or {})
        found = [e for k in index_keys(mine) for e in self._by_key.get(k, ())]
        return rank(mine, found) if found else []

    def best(self, values: dict[str, Any] | None = None, mine: _Entry | None = None) -> Match | None:
        found = self.matches(values, mine)
        return found[0] if found else None

    def clear(self) -> None:
        self._by_key.clear()

    def drain(self) -> None:
        """Empty the index a key at a time: freeing a catalog's index in one call (some
        600,000 objects at 100,000 papers) is one C-level cascade that holds the GIL for a
        third of a second, freezing the window; a Python loop lets other threads in between."""
        by_key = self._by_key
        while by_key:
            by_key.popitem()


MATCH_COLUMNS = {Kind.PAPER: ("title", "year", "arxiv_id", "doi", "authors", "entry_type"), Kind.DATASET: ("name", "year")}


def catalog_rows(conn: Connection, kind: Kind) -> Iterable[tuple[int, dict[str, Any]]]:
    fields = field_map(kind)
    cols = [c for c in MATCH_COLUMNS[kind] if c in fields]  # entry_type once the catalog has it
    sql = f"SELECT id, {', '.join(cols)} FROM {kind.value} WHERE deleted_at IS NULL ORDER BY id"
    for row in conn.exec_driver_sql(sql):
        yield row[0], dict(zip(cols, row[1:]))


def catalog_index(conn: Connection, kind: Kind) -> MatchIndex:
    index = MatchIndex(kind)
    for entry_id, values in catalog_rows(conn, kind):
        index.add(entry_id, values)
    return index


@dataclass(frozen=True)
class DuplicatePair:
    kind: Kind
    first_id: int  # the older entry
    second_id: int
    reason: str
    score: float


def find_duplicates(conn: Connection, kind: Kind) -> list[DuplicatePair]:
    """Candidate duplicate pairs among the live entries of the catalog."""
    index = MatchIndex(kind)
    pairs: list[DuplicatePair] = []
    for entry_id, values in catalog_rows(conn, kind):
        pairs += [DuplicatePair(kind, m.key, entry_id, m.reason, m.score) for m in index.matches(values)]
        index.add(entry_id, values)
    return pairs
