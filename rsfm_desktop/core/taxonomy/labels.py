"""Finding tags by text: labels in both languages and synonyms, compared case- and
dash-insensitively (``Image-text`` finds ``Image–text``, ``rs vqa`` finds ``RS VQA``).

A catalog's taxonomy is small (hundreds of tags), so the lookup tables are built in memory from
three small queries; entries and memberships are never loaded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection

from ..store import sql

_DASHES = re.compile(r"[\u2010-\u2015\u2212\uff0d]")


def fold(text: str | None) -> str:
    """The comparison form of a label: NFKC, case-folded, one dash, single spaces."""
    text = unicodedata.normalize("NFKC", text or "")
    return " ".join(_DASHES.sub("-", text).casefold().split())


@dataclass(frozen=True)
class Completion:
    """A tag offered for typed text; ``matched`` is the label or synonym that matched."""

    tag_id: int
    facet_key: str
    matched: str
    label_en: str | None
    label_zh: str | None
    via: str  # "en", "zh" or "synonym"


@dataclass
class LabelIndex:
    facets: dict[str, int] = field(default_factory=dict)  # key -> id
    # (facet id, folded text) -> tag id
    by_text: dict[tuple[int, str], int] = field(default_factory=dict)
    # (tag id, facet id, text, via) for completion, labels before synonyms
    texts: list[tuple[int, int, str, str]] = field(default_factory=list)
    labels: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)

    @classmethod
    def load(cls, conn: Connection) -> "LabelIndex":
        index = cls(facets={k: i for i, k in sql.rows(conn, "SELECT id, key FROM facet WHERE deleted_at IS NULL")})
        for tag_id, facet_id, en, zh in sql.rows(
            conn, "SELECT id, facet_id, label_en, label_zh FROM tag WHERE deleted_at IS NULL"
                  " ORDER BY facet_id, position, id"
        ):
            index.add(facet_id, tag_id, en, zh)
        for tag_id, facet_id, text in sql.rows(
            conn,
            "SELECT s.tag_id, t.facet_id, s.text FROM tag_synonym s JOIN tag t ON t.id = s.tag_id"
            " WHERE t.deleted_at IS NULL ORDER BY s.id"
        ):
            index.add_synonym(facet_id, tag_id, text)
        return index

    def add(self, facet_id: int, tag_id: int, en: str | None, zh: str | None) -> None:
        """Register a tag's two labels."""
        self.labels[tag_id] = (en, zh)
        self._add_text(facet_id, tag_id, en, "en")
        self._add_text(facet_id, tag_id, zh, "zh")

    def add_synonym(self, facet_id: int, tag_id: int, text: str) -> None:
        self._add_text(facet_id, tag_id, text, "synonym")

    def _add_text(self, facet_id: int, tag_id: int, text: str | None, via: str) -> None:
        if text:
            self.by_text.setdefault((facet_id, fold(text)), tag_id)
            self.texts.append((tag_id, facet_id, text, via))

    def facet_id(self, key: str) -> int | None:
        return self.facets.get(key)

    def find(self, facet_id: int, text: str) -> int | None:
        return self.by_text.get((facet_id, fold(text)))

    def resolve(self, text: str, facet_id: int | None = None) -> list[int]:
        """Tags whose label or synonym is ``text`` (one per facet at most), facets in order."""
        folded = fold(text)
        if not folded:
            return []
        facet_ids = [facet_id] if facet_id is not None else sorted(self.facets.values())
        return [t for f in facet_ids if (t := self.by_text.get((f, folded))) is not None]

    def complete(self, prefix: str, facet_id: int | None = None, limit: int = 20) -> list[Completion]:
        """Tags for typed text: labels or synonyms that start with it first, then those
        containing it at a word start, then anywhere (Chinese has no spaces); one hit per tag."""
        folded = fold(prefix)
        if not folded:
            return []
        keys = {i: k for k, i in self.facets.items()}
        best: dict[int, tuple[tuple, Completion]] = {}
        for tag_id, f_id, text, via in self.texts:
            if facet_id is not None and f_id != facet_id:
                continue
            candidate = fold(text)
            pos = candidate.find(folded)
            if pos < 0:
                continue
            rank = 0 if pos == 0 else 1 if candidate[pos - 1] in " -/" else 2
            key = (rank, via == "synonym", candidate)
            if tag_id not in best or key < best[tag_id][0]:
                en, zh = self.labels.get(tag_id, (None, None))
                best[tag_id] = (key, Completion(tag_id, keys.get(f_id, ""), text, en, zh, via))
        return [c for _, c in sorted(best.values(), key=lambda r: r[0])][:limit]


def insert_synonym(tx, tag_id: int, text: str) -> bool:
    """Add a synonym unless the text is already one (of a live tag); returns whether it was
    added. A deleted tag's synonym of the same text gives way."""
    found = sql.first(tx.conn, "SELECT s.id, t.deleted_at FROM tag_synonym s JOIN tag t ON t.id = s.tag_id"
                               " WHERE s.text = :text", {"text": text})
    if found is not None:
        if found[1] is None:
            return False
        tx.delete_row("tag_synonym", found[0])
    tx.insert_row("tag_synonym", {"tag_id": tag_id, "text": text})
    return True
