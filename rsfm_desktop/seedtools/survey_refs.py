"""The survey's reference list, and finding the reference an in-text citation points to
(``Sun等人(2023)``, ``(Wang等,2023a)``, ``Liu和Lian(2024)`` -> the entry ``Sun X, ... 2023. ...``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import SeedError, arxiv_id_from, squash

# "- Sun X, Wang P J, et al. 2023. RingMo: ..." (a wrapped entry's continuation lacks ". 2023. ")
_ENTRY = re.compile(r"^- (?P<authors>.+?)\. (?P<year>(?:19|20)\d\d)(?P<suffix>[a-z]?)\. (?P<rest>.+)$")
_DOI = re.compile(r"\[DOI:\s*(?P<doi>[^\]\s]+)\s*\]")
_JOURNAL = re.compile(r"^(?P<title>.+?)\.\s*\*(?P<venue>[^*]+)\*")
_CITATION = re.compile(
    r"(?P<surname>[A-Z][a-z]+)\s*(?:等人|等|和\s*[A-Z][a-z]+)?\s*[(（,，]\s*(?P<year>(?:19|20)\d\d)(?P<suffix>[a-z]?)"
)


@dataclass(frozen=True)
class Reference:
    raw: str
    authors: tuple[str, ...]
    year: int
    suffix: str
    title: str
    venue: str | None
    doi: str | None
    arxiv_id: str | None

    @property
    def surname(self) -> str:
        return self.authors[0].split()[0]

    def values(self) -> dict:
        """Paper field values this reference gives."""
        return {"title": self.title, "authors": list(self.authors), "year": self.year,
                "venue": self.venue, "doi": self.doi, "arxiv_id": self.arxiv_id}


def _join_wrapped(lines: list[str]) -> list[str]:
    """One string per entry: page breaks split some entries into a second ``- `` item."""
    entries: list[str] = []
    for line in lines:
        if _ENTRY.match(line) or not entries:
            entries.append(line)
        else:
            previous, tail = entries[-1], line.removeprefix("- ").strip()
            if previous.endswith("-"):  # "rep-" + "resentations", "Sky-" + "Script"
                entries[-1] = previous[:-1] + tail
            else:
                entries[-1] = f"{previous} {tail}"
    return entries


def _authors(text: str) -> tuple[str, ...]:
    text = re.sub(r",?\s*et al$", "", text.strip())
    return tuple(a.strip() for a in re.split(r",\s*|\s+and\s+", text) if a.strip())


def _parse(entry: str) -> Reference:
    match = _ENTRY.match(entry)
    rest = match["rest"]
    doi_match = _DOI.search(rest)
    if "[EB/OL]" in rest:  # an online preprint: "Title [EB/OL]. [date]. <url>"
        title = rest.partition("[EB/OL]")[0]
        venue = "arXiv" if arxiv_id_from(rest) else None
    elif "//" in rest:  # in proceedings: "Title//Proceedings of .... City: Publisher: pages"
        title, _, where = rest.partition("//")
        venue = where.split(". ")[0].strip()
    elif journal := _JOURNAL.match(rest):
        title, venue = journal["title"], journal["venue"].strip()
    else:
        title, venue = rest.split(". ")[0], None
    return Reference(
        raw=entry,
        authors=_authors(match["authors"]),
        year=int(match["year"]),
        suffix=match["suffix"],
        title=squash(title).rstrip(". "),
        venue=venue or None,
        doi=doi_match["doi"].rstrip(".") if doi_match else None,
        arxiv_id=arxiv_id_from(rest),
    )


def parse_references(text: str) -> list[Reference]:
    """The entries after ``参考文献 (References)`` up to the author biographies."""
    start = text.index("参考文献")
    end = text.find("作者简介", start)
    lines = [ln.strip() for ln in text[start:end if end > 0 else None].splitlines()]
    return [_parse(e) for e in _join_wrapped([ln for ln in lines if ln.startswith("- ")])]


def citation_parts(citation: str) -> tuple[str, int, str]:
    match = _CITATION.search(citation)
    if match is None:
        raise SeedError(f"not a citation: {citation!r}")
    return match["surname"], int(match["year"]), match["suffix"]


def resolve(citation: str, references: list[Reference], aliases: dict[str, str]) -> Reference:
    """The one reference a citation names; ``aliases`` fixes misspelt surnames."""
    surname, year, suffix = citation_parts(citation)
    surname = aliases.get(surname, surname)
    found = [r for r in references if (r.surname, r.year, r.suffix) == (surname, year, suffix)]
    if len(found) != 1:
        raise SeedError(f"citation {citation!r} matches {len(found)} references")
    return found[0]
