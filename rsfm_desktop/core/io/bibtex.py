"""BibTeX / BibLaTeX import and export (bibtexparser v2).

Import resolves ``@string`` macros, decodes LaTeX (``R{\\"u}ckin`` → Rückin), reads ``@misc``
arXiv records (``eprint`` + ``archivePrefix``) and BibLaTeX ``@dataset`` entries. Export writes
stable, unique citation keys (``zhang2024earthgpt``) and escapes special characters.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import bibtexparser
from bibtexparser import middlewares as mw
from bibtexparser.library import Library
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, Field

from ..fields import Kind
from . import bibliographic as bib
from .record import Format, ImportBatch, ImportFormatError
from .snapshot import EntrySnapshot

_VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "publisher", "howpublished", "institution")
_STOPWORDS = frozenset("a an the on of in for to and with via from towards toward is are".split())
_NON_ALNUM = re.compile(r"[^a-z0-9]")
# Accent macros, by far the most common LaTeX in .bib files, are decoded here directly.
_COMBINING = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
              ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328", "r": "\u030a"}
_ACCENT = re.compile(r"\{?\\([\"'`^~=.]|[uvHckr](?=[\s{]))\s*\{?([A-Za-z])\}?\}?")
_LATEX_MARKUP = re.compile(r"[\\{}$~]|--|``|''")


def _encoder():
    """LaTeX escaping for export: accents and specials escaped in braces, CJK kept as UTF-8,
    double quotes kept (they are plain text inside braces)."""
    from pylatexenc import latexencode as le

    rules = [le.UnicodeToLatexConversionRule(le.RULE_DICT, {ord('"'): '"'})]
    return le.UnicodeToLatexEncoder(
        conversion_rules=rules + le.get_builtin_conversion_rules("defaults"),
        unknown_char_policy="keep", unknown_char_warning=False,
        replacement_latex_protection="braces-all",
    )


class _LatexDecoding(mw.LatexDecodingMiddleware):
    """LaTeX decoding that skips values without LaTeX markup (most of them): pylatexenc costs
    about a millisecond per value, which made a 10,000-entry file take 20 s."""

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if not _LATEX_MARKUP.search(python_string):
            return python_string, ""
        simple = _ACCENT.sub(_accent, python_string)
        if not _LATEX_MARKUP.search(simple.replace("{", "").replace("}", "")):
            return unicodedata.normalize("NFC", simple.replace("{", "").replace("}", "")), ""
        return super()._transform_python_value_string(python_string)


def _accent(m: re.Match) -> str:
    return m.group(2) + _COMBINING[m.group(1)]


def _decode_stack() -> list:
    return [_LatexDecoding(), mw.SeparateCoAuthors(), mw.SplitNameParts()]


def _name(parts: Any) -> str:
    if isinstance(parts, mw.NameParts):
        first = " ".join(parts.first)
        last = " ".join(parts.von + parts.last)
        name = f"{first} {last}".strip()
        return f"{name}, {' '.join(parts.jr)}" if parts.jr else name
    return str(parts)


def _entry_citation(entry: Entry) -> bib.Citation:
    f = {k.lower(): v.value for k, v in entry.fields_dict.items()}
    kind = Kind.DATASET if entry.entry_type.lower() == "dataset" else Kind.PAPER
    eprint = f.get("eprint")
    prefix = str(f.get("archiveprefix") or f.get("eprinttype") or "arxiv").lower()
    authors = f.get("author") or []
    keywords = re.split(r"[,;]", str(f.get("keywords") or ""))
    urls = [f.get(k) for k in ("url", "pdf", "code", "project")]
    return bib.Citation(
        kind=kind,
        title=f.get("title"),
        authors=[_name(a) for a in authors] if isinstance(authors, list) else [str(authors)],
        year=f.get("year") or f.get("date"),
        venue=next((f[k] for k in _VENUE_FIELDS if f.get(k)), None),
        doi=f.get("doi"),
        arxiv=eprint if eprint and prefix == "arxiv" else None,
        urls=[str(u) for u in urls if u],
        abstract=f.get("abstract"),
        keywords=keywords,
        note=f.get("annote") or f.get("annotation") or f.get("note"),
        extra={"short_name": f.get("shorttitle")} if kind is Kind.PAPER else {},
    )


def _parse(text: str) -> Library:
    logger = logging.getLogger("bibtexparser.splitter")
    previous = logger.disabled
    logger.disabled = True  # failed blocks are reported through ImportFormatError instead
    try:
        return bibtexparser.parse_string(text, append_middleware=_decode_stack())
    finally:
        logger.disabled = previous


def _error_text(block) -> str:
    lines = [ln.strip() for ln in str(getattr(block, "error", "") or "").splitlines() if ln.strip()]
    return lines[-1] if lines else "unbalanced braces or quotes, or a missing comma"


def read(text: str, source: str) -> ImportBatch:
    library = _parse(text)
    entries = list(library.entries)
    for block in library.failed_blocks:
        if isinstance(block, DuplicateBlockKeyBlock):
            entries.extend(_parse(block.raw).entries)  # same key twice: still an entry
            continue
        raise ImportFormatError(source, block.start_line + 1, f"malformed BibTeX entry: {_error_text(block)}")
    if not entries:
        raise ImportFormatError(source, None, "no BibTeX entries found")
    batch = ImportBatch(source, Format.BIBTEX)
    for entry in sorted(entries, key=lambda e: e.start_line):
        record = bib.to_record(_entry_citation(entry), entry.start_line + 1)
        if not record.title:
            raise ImportFormatError(source, record.line, f"entry {entry.key!r} has no title")
        record.ref = entry.key
        batch.records.append(record)
    return batch


# ---- export ---------------------------------------------------------------------------------


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _NON_ALNUM.sub("", folded)


def _last_name(author: str) -> str:
    author = author.strip()
    if "," in author:
        return author.split(",", 1)[0]
    return author.split()[-1] if author.split() else ""


def citation_key(entry: EntrySnapshot) -> str:
    """``<first author's last name><year><first significant title word>``, ASCII lower case."""
    values = entry.values
    authors = values.get("authors") or []
    who = _ascii_word(_last_name(authors[0])) if authors else ""
    who = who or _ascii_word(values.get("short_name") or "") or "anon"
    words = [_ascii_word(w) for w in re.split(r"[\s\-:]+", entry.title)]
    word = next((w for w in words if w and w not in _STOPWORDS), "")
    return f"{who}{values.get('year') or ''}{word}"


def unique_keys(entries: Iterable[EntrySnapshot]) -> list[str]:
    """Citation keys, made unique by suffixes ``a``, ``b``… in export order."""
    seen: dict[str, int] = {}
    keys = []
    for entry in entries:
        base = citation_key(entry)
        n = seen.get(base, 0)
        seen[base] = n + 1
        keys.append(base if n == 0 else f"{base}{_suffix(n)}")
    return keys


def _suffix(n: int) -> str:
    letters = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters


def _entry_fields(entry: EntrySnapshot) -> tuple[str, list[tuple[str, Any]]]:
    v = entry.values
    if entry.kind is Kind.DATASET:
        urls = v.get("download_urls") or []
        fields = [("title", v.get("name")), ("year", v.get("year")), ("url", urls[0] if urls else None),
                  ("abstract", v.get("description_en"))]
        return "dataset", fields
    arxiv_only = bib.is_arxiv_venue(v.get("venue")) and v.get("arxiv_id")
    fields = [
        ("title", v.get("title")),
        ("author", " and ".join(v.get("authors") or []) or None),
        ("year", v.get("year")),
        ("journal", None if arxiv_only else v.get("venue")),
        ("howpublished", v.get("venue") if arxiv_only else None),
        ("doi", v.get("doi")),
        ("eprint", v.get("arxiv_id")),
        ("archiveprefix", "arXiv" if v.get("arxiv_id") else None),
        ("url", v.get("paper_url")),
        ("pdf", v.get("pdf_url")),
        ("code", v.get("code_url")),
        ("project", v.get("project_url")),
        ("shorttitle", v.get("short_name")),
        ("abstract", v.get("summary_en")),
    ]
    return ("misc" if arxiv_only else "article"), fields


def write(entries: list[EntrySnapshot]) -> str:
    library = Library()
    for entry, key in zip(entries, unique_keys(entries)):
        entry_type, fields = _entry_fields(entry)
        fields.append(("keywords", ", ".join(bib.tag_keywords(entry.tags)) or None))
        fields.append(("annote", entry.note))
        library.add(Entry(entry_type, key, [Field(k, str(val)) for k, val in fields if val]))
    return bibtexparser.write_string(library, prepend_middleware=[mw.LatexEncodingMiddleware(encoder=_encoder())])
