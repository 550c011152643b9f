"""Is this the same paper (or dataset)? Same arXiv id, same DOI, or a normalised title with a
fuzzy similarity of at least :data:`TITLE_THRESHOLD` and years at most one apart.

Titles are compared only within blocks sharing the first or the last :data:`BLOCK` characters
of the compacted normalised title, so matching 10,000 incoming entries against 100,000 is a few
dictionary look-ups and rapidfuzz calls per entry, not a full cross product. A typo in the
middle or at one end of a title still shares a block.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy.engine import Connection

from ..fields import TITLE_FIELD, Kind
from .identifiers import normalise_title

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
        self._arxiv: dict[str, list[Hashable]] = defaultdict(list)
        self._doi: dict[str, list[Hashable]] = defaultdict(list)
        self._blocks: dict[str, list[_Entry]] = defaultdict(list)

    @staticmethod
    def _block_keys(title: str) -> set[str]:
        compact = title.replace(" ", "")
        return {"<" + compact[:BLOCK], ">" + compact[-BLOCK:]} if compact else set()

    def add(self, key: Hashable, values: dict[str, Any]) -> None:
        if values.get("arxiv_id"):
            self._arxiv[str(values["arxiv_id"]).lower()].append(key)
        if values.get("doi"):
            self._doi[str(values["doi"]).lower()].append(key)
        entry = _Entry(key, normalise_title(values.get(TITLE_FIELD[self.kind])), _year(values.get("year")))
        for block in self._block_keys(entry.title):
            self._blocks[block].append(entry)

    def matches(self, values: dict[str, Any]) -> list[Match]:
        """Every indexed entry that is the same paper, identifier matches first."""
        found: dict[Hashable, Match] = {}
        for reason, table, field in (("arxiv", self._arxiv, "arxiv_id"), ("doi", self._doi, "doi")):
            value = values.get(field)
            for key in table.get(str(value).lower(), ()) if value else ():
                found.setdefault(key, Match(key, reason, 100.0))
        title = normalise_title(values.get(TITLE_FIELD[self.kind]))
        year = _year(values.get("year"))
        scored: list[Match] = []
        for block in self._block_keys(title):
            for entry in self._blocks.get(block, ()):
                if entry.key in found or not years_close(year, entry.year):
                    continue
                score = 100.0 if entry.title == title else fuzz.ratio(title, entry.title, score_cutoff=TITLE_THRESHOLD)
                if score:
                    match = Match(entry.key, "title", score)
                    found[entry.key] = match
                    scored.append(match)
        ids = [m for m in found.values() if m.reason != "title"]
        return ids + sorted(scored, key=lambda m: -m.score)

    def best(self, values: dict[str, Any]) -> Match | None:
        found = self.matches(values)
        return found[0] if found else None


MATCH_COLUMNS = {Kind.PAPER: ("title", "year", "arxiv_id", "doi"), Kind.DATASET: ("name", "year")}


def catalog_rows(conn: Connection, kind: Kind) -> Iterable[tuple[int, dict[str, Any]]]:
    cols = MATCH_COLUMNS[kind]
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
