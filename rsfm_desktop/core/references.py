"""What an entry's identifiers point at, and plain-text references to it in a chosen style.

An arXiv id alone is enough for a paper page (``https://arxiv.org/abs/…``) and a PDF
(``https://arxiv.org/pdf/…``); a DOI resolves at ``https://doi.org/…``. References follow the
common shapes of APA 7, IEEE and GB/T 7714-2015 (the Chinese national standard) closely enough
to paste into a draft; they are not a CSL processor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from .i18n import QT_TRANSLATE_NOOP
from .io.identifiers import arxiv_id as parse_arxiv_id
from .io.identifiers import doi as parse_doi
from .io.language import has_cjk
from .io.names import family_name

STYLES = {
    "apa": QT_TRANSLATE_NOOP("Citation", "APA"),
    "ieee": QT_TRANSLATE_NOOP("Citation", "IEEE"),
    "gbt7714": QT_TRANSLATE_NOOP("Citation", "GB/T 7714"),
}
DEFAULT_STYLE = "apa"


def _value(entry, key: str):
    return entry.get(key) if isinstance(entry, dict) else getattr(entry, key, None)


def arxiv_of(entry) -> str | None:
    """The entry's arXiv id: its field, else one read from its paper or PDF link or DOI."""
    for key in ("arxiv_id", "paper_url", "pdf_url", "doi"):
        found = parse_arxiv_id(_value(entry, key))
        if found:
            return found
    return None


def doi_of(entry) -> str | None:
    """A publisher DOI (an arXiv DOI counts as the arXiv id, not here)."""
    text = _value(entry, "doi")
    return None if not text or parse_arxiv_id(text) else parse_doi(text)


def doi_url(doi: str) -> str:
    return "https://doi.org/" + quote(doi, safe="/:;()._-")


def arxiv_abs_url(arxiv: str) -> str:
    return f"https://arxiv.org/abs/{arxiv}"


def arxiv_pdf_url(arxiv: str) -> str:
    return f"https://arxiv.org/pdf/{arxiv}"


def paper_url(entry) -> str | None:
    """The paper's page: its own link, else its arXiv page, else its DOI."""
    if _value(entry, "paper_url"):
        return _value(entry, "paper_url")
    arxiv, doi = arxiv_of(entry), doi_of(entry)
    return arxiv_abs_url(arxiv) if arxiv else doi_url(doi) if doi else None


def pdf_url(entry) -> str | None:
    """The PDF on the web: its own link, else arXiv's PDF."""
    if _value(entry, "pdf_url"):
        return _value(entry, "pdf_url")
    arxiv = arxiv_of(entry)
    return arxiv_pdf_url(arxiv) if arxiv else None


@dataclass(frozen=True)
class Identifier:
    kind: str  # "doi" or "arxiv"
    text: str
    url: str


def identifiers(entry) -> list[Identifier]:
    """The DOI and arXiv id of an entry, each with the link it resolves at."""
    out = []
    if doi := doi_of(entry):
        out.append(Identifier("doi", doi, doi_url(doi)))
    if arxiv := arxiv_of(entry):
        out.append(Identifier("arxiv", arxiv, arxiv_abs_url(arxiv)))
    return out


# ---- references ------------------------------------------------------------------------------

def _split(author: str) -> tuple[str, list[str]]:
    """(family name, given names) of a display name; a CJK name keeps its given name whole."""
    author = " ".join(author.split())
    family = family_name(author) or author
    if has_cjk(author):
        return family, [author[len(family):]] if author.startswith(family) and author != family else []
    if "," in author:
        head, _, rest = author.partition(",")
        return head.strip(), rest.split()
    given = author[: len(author) - len(family)].strip() if author.endswith(family) else ""
    return family, given.split()


def _initials(given: Sequence[str], dots: bool = True, hyphen: bool = True) -> list[str]:
    out = []
    for name in given:
        parts = [p for p in name.split("-") if p] if hyphen else [name]
        letters = [p[0].upper() + ("." if dots else "") for p in parts if p[0].isalpha()]
        if letters:
            out.append("-".join(letters))
    return out


def _apa_author(author: str) -> str:
    if has_cjk(author):
        return author
    family, given = _split(author)
    initials = " ".join(_initials(given))
    return f"{family}, {initials}" if initials else family


def _ieee_author(author: str) -> str:
    if has_cjk(author):
        return author
    family, given = _split(author)
    initials = " ".join(_initials(given))
    return f"{initials} {family}".strip()


def _gbt_author(author: str) -> str:
    if has_cjk(author):
        return author
    family, given = _split(author)
    initials = " ".join(_initials(given, dots=False))
    return f"{family.upper()} {initials}".strip()


def _join(parts: Sequence[str], last: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    if len(parts) == 2:
        return f"{parts[0]}{last}{parts[1]}"
    return ", ".join(parts[:-1]) + "," + last + parts[-1]


def _locator(entry) -> str:
    doi, arxiv = doi_of(entry), arxiv_of(entry)
    return doi_url(doi) if doi else arxiv_abs_url(arxiv) if arxiv else (_value(entry, "paper_url") or "")


def _end(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".?!。？！" else text + "."


def format_reference(entry, style: str = DEFAULT_STYLE) -> str:
    """One plain-text reference to a paper (or a dataset: its name, year and link)."""
    title = (_value(entry, "title") or _value(entry, "name") or "").strip()
    authors = [a for a in (_value(entry, "authors") or []) if a and a.strip()]
    year, venue = _value(entry, "year"), (_value(entry, "venue") or "").strip()
    arxiv, doi = arxiv_of(entry), doi_of(entry)
    if not venue and arxiv:
        venue = f"arXiv:{arxiv}"
    link = _locator(entry)
    if style == "ieee":
        names = [_ieee_author(a) for a in authors]
        who = _join(names[:6], " and ") if len(names) <= 6 else f"{names[0]} et al."
        parts = [f"{who}, " if who else "", f"“{title},”"]
        if venue:
            parts.append(f" {venue},")
        if year:
            parts.append(f" {year}")
        text = "".join(parts).rstrip(",") + "."
        if doi:
            text += f" doi: {doi}."
        elif link:
            text += f" [Online]. Available: {link}"
        return text
    if style == "gbt7714":
        chinese = has_cjk(title) or any(has_cjk(a) for a in authors)
        names = [_gbt_author(a) for a in authors]
        who = ", ".join(names[:3]) + ((", 等" if chinese else ", et al") if len(names) > 3 else "")
        kind = "[J]" if venue and not venue.startswith("arXiv:") else "[EB/OL]" if link else "[J]"
        text = (f"{who}. " if who else "") + f"{title}{kind}. "
        text += ", ".join(str(p) for p in (venue, year) if p)
        text = _end(text)
        if doi:
            text += f" DOI: {doi}."
        elif link:
            text += f" {link}."
        return text
    # APA 7
    names = [_apa_author(a) for a in authors]
    if len(names) > 20:
        names = names[:19] + ["…", names[-1]]
        who = ", ".join(names)
    else:
        who = _join(names, " & ") if len(names) != 2 else f"{names[0]}, & {names[1]}"
    text = f"{_end(who)} " if who else ""
    text += f"({year}). " if year else "(n.d.). "
    text += _end(title)
    if venue:
        text += f" {_end(venue)}"
    if link:
        text += f" {link}"
    return text.strip()


def references(entries: Sequence, style: str = DEFAULT_STYLE) -> str:
    """References to several entries, one per paragraph."""
    return "\n\n".join(format_reference(e, style) for e in entries)
