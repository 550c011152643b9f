"""BibTeX / BibLaTeX import and export.

Import streams the file in chunks of whole entries (split by :mod:`.bibsplit`, as bibtexparser
v2 would), so memory stays per chunk. ``@string`` macros (with ``#`` concatenation and the month names) are
resolved across the whole file; ``crossref`` children inherit their parent's fields (a
volume cited by children before it, as DBLP writes them, is not an entry of its own; one that
comes first already was, and stays so); BibLaTeX ``date`` and
``journaltitle`` are read; LaTeX is decoded but never typeset (:mod:`latex`), except in
verbatim fields (``url``, ``doi``, ``eprint``…), which are kept as written. The citation key
and entry type go to ``citation_key`` and ``entry_type``; fields the catalog has no column for
go to ``extra_fields``; each abstract goes to the summary of its language.

Export writes kept keys and entry types unchanged (new keys from :mod:`citekeys`), the venue
in the field the entry type asks for (``booktitle`` for ``@inproceedings``), the English
summary as ``abstract`` and the Chinese one as ``abstract_zh`` (``abstract`` alone when there
is only one), every extra field, and the note as ``annote``, escaped but not typeset.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from bibtexparser.middlewares.names import split_multiple_persons_names

from ..fields import Kind
from . import bibliographic as bib
from . import bibsplit, citekeys, latex, names
from .reading import ReadContext, TextSource
from .record import ImportRecord
from .snapshot import EntrySnapshot

ZH_ABSTRACT = "abstract_zh"  # the other-language summary, beside ``abstract``
VERBATIM = frozenset({"url", "doi", "eprint", "file", "pdf", "code", "project", "urldate", "eprintclass",
                      "primaryclass", "archiveprefix", "eprinttype", "isbn", "issn", "download"})
_VENUE_BY_TYPE = {"article": "journal", "inproceedings": "booktitle", "conference": "booktitle",
                  "incollection": "booktitle", "inbook": "booktitle", "techreport": "institution",
                  "report": "institution", "phdthesis": "school", "mastersthesis": "school", "thesis": "school",
                  "book": "publisher", "manual": "organization"}
_VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "howpublished", "institution", "school", "organization",
                 "publisher")
_PARENT_TYPES = frozenset("proceedings mvproceedings book mvbook collection mvcollection reference mvreference"
                          " periodical".split())
_NOT_INHERITED = frozenset("title shorttitle subtitle titleaddon abstract abstract_zh abstract_en annote"
                           " annotation keywords ids crossref label url doi eprint pdf code project note".split())
_MONTHS = {m[:3]: m for m in ("january february march april may june july august september october"
                              " november december").split()}
_BLOCK_START = re.compile(r"^\s*@\s*[A-Za-z]\w*\s*[{(]")
_FIELD_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_:.+\-]*$")
_CHUNK = 1 << 15  # characters of whole entries handed to the splitter at once


# ---- import ---------------------------------------------------------------------------------


def _tokens(raw: str) -> list[str]:
    """The ``#``-separated parts of a raw value (outside braces and quotes)."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(raw):
        if ch == "\\":
            continue
        if ch == "{" and (i == 0 or raw[i - 1] != "\\"):
            depth += 1
        elif ch == "}" and (i == 0 or raw[i - 1] != "\\"):
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(raw[start:i])
            start = i + 1
    parts.append(raw[start:])
    return [p.strip() for p in parts]


def _resolve(raw: Any, strings: dict[str, str]) -> str:
    """A raw field value with its enclosing removed and macros replaced."""
    raw = str(raw).strip()
    out = []
    for part in _tokens(raw) if "#" in raw else [raw]:
        if len(part) >= 2 and part[0] == "{" and part[-1] == "}":
            out.append(part[1:-1])
        elif len(part) >= 2 and part[0] == '"' and part[-1] == '"':
            out.append(part[1:-1])
        elif part.lower() in strings:
            out.append(strings[part.lower()])
        else:
            out.append(_MONTHS.get(part.lower(), part))
    return "".join(out)


def _authors(raw: str | None) -> list[str]:
    return list(_author_list(raw)) if raw else []


@lru_cache(maxsize=16384)
def _author_list(raw: str) -> tuple[str, ...]:
    """The people of an ``author`` value (lists and names repeat across a file: parsed once)."""
    return tuple(_person(n) for n in split_multiple_persons_names(raw) if n.strip())


@lru_cache(maxsize=65536)
def _person(raw: str) -> str:
    return names.from_bibtex(raw, latex.decode)


class _Fields(dict):
    """An entry's decoded fields; what is taken by a column is removed, the rest is extra."""

    def take(self, *keys: str) -> str | None:
        found = None
        for key in keys:
            value = self.pop(key, None)
            if found is None and value:
                found = value
        return found


def _venue(f: _Fields, entry_type: str, urls: list[str]) -> str | None:
    how = f.get("howpublished") or ""
    if how.startswith(("http://", "https://")):
        urls.append(f.pop("howpublished"))
    preferred = _VENUE_BY_TYPE.get(entry_type)
    for key in ((preferred,) if preferred else ()) + _VENUE_FIELDS:
        if f.get(key):
            return f.pop(key)
    return None


def _citation(key: str, entry_type: str, raw: dict[str, str]) -> bib.Citation:
    """``raw``: field name (lower case) → resolved value, LaTeX not yet decoded."""
    authors = _authors(raw.get("author"))
    editors = raw.get("editor")
    f = _Fields({k: (v.strip() if k in VERBATIM else latex.decode(v).strip()) for k, v in raw.items()
                 if k not in ("author",)})
    if editors:
        f["editor"] = " and ".join(_authors(editors))
    kind = Kind.DATASET if entry_type == "dataset" else Kind.PAPER
    urls = [u for u in (f.take("url"),) if u]
    links = {slot: url for slot, url in (("pdf_url", f.take("pdf")), ("code_url", f.take("code")),
                                         ("project_url", f.take("project"))) if url}
    urls += (f.take("download") or "").split()
    year = f.take("year")
    date = f.get("date")
    bare = bool(date) and (date.strip() == (year or "").strip() or (not year and date.strip().isdigit()))
    if bare:
        f.pop("date")  # only the year: nothing to keep beside it
    year = year or date
    prefix = str(f.get("archiveprefix") or f.get("eprinttype") or "arxiv").lower()
    arxiv = None
    if f.get("eprint") and prefix == "arxiv":
        arxiv = f.take("eprint")
        f.take("archiveprefix", "eprinttype")
    note = f.take("annote", "annotation")
    if note is None:
        note = f.take("note")
    extra: dict[str, Any] = {}
    if kind is Kind.PAPER:
        extra["short_name"] = f.take("shorttitle")
    else:
        extra.update(data_type=f.take("type"), scale=f.take("scale"))
    abstracts = [a for a in (f.take("abstract"), f.take(ZH_ABSTRACT), f.take("abstract_en")) if a]
    return bib.Citation(
        kind=kind, title=f.take("title"), authors=authors, year=year,
        venue=_venue(f, entry_type, urls), doi=f.take("doi"), arxiv=arxiv, urls=urls, links=links,
        abstracts=abstracts, keywords=re.split(r"[,;]", f.take("keywords") or ""), note=note,
        extra=extra, key=key, entry_type=entry_type, fields={k: v for k, v in f.items() if v},
    )


class _Reader:
    def __init__(self, ctx: ReadContext):
        self.ctx = ctx
        self.strings: dict[str, str] = {}
        self.parents: dict[str, tuple[int, str, str, dict[str, str]]] = {}
        self.waiting: dict[str, list[tuple[int, str, str, dict[str, str]]]] = {}
        self.found = 0
        self.emitted = 0

    def chunk(self, text: str, first_line: int) -> Iterator[ImportRecord]:
        for block in bibsplit.split(text):
            line = first_line + block[1]
            if block[0] == "string":
                self.strings[block[2].lower()] = _resolve(block[3], self.strings)
            elif block[0] == "entry":
                self.ctx.tick()
                yield from self.entry(block[2], block[3], block[4], line)
            else:
                raise self.ctx.error(line, f"malformed BibTeX entry: {block[2]}")

    def entry(self, entry_type: str, key: str, fields: list[tuple[str, str]], line: int) -> Iterator[ImportRecord]:
        self.found += 1
        raw: dict[str, str] = {}
        for name, value in fields:
            raw.setdefault(name.lower(), _resolve(value, self.strings))
        item = (line, key, entry_type, raw)
        parent_key = raw.get("crossref", "").strip().lower()
        if item[2] in _PARENT_TYPES:
            key = key.lower()
            self.parents[key] = item
            children = self.waiting.pop(key, [])
            for child in children:
                yield from self.emit(self.inherit(child, item))
            if not children:  # a volume nothing has cited yet is an entry of its own
                yield from self.emit(item)
        elif parent_key:
            parent = self.parents.get(parent_key)
            if parent is None:
                self.waiting.setdefault(parent_key, []).append(item)
            else:
                yield from self.emit(self.inherit(item, parent))
        else:
            yield from self.emit(item)

    def inherit(self, child, parent):
        line, key, entry_type, fields = child
        fields = dict(fields)
        fields.pop("crossref", None)
        for name, value in parent[3].items():
            if name not in _NOT_INHERITED:
                fields.setdefault(name, value)
        if parent[3].get("title"):
            fields.setdefault("booktitle", parent[3]["title"])
        return line, key, entry_type, fields

    def emit(self, item) -> Iterator[ImportRecord]:
        line, key, entry_type, fields = item
        record = bib.to_record(_citation(key, entry_type, fields), line)
        if not record.title:
            self.ctx.skip(line, f"entry {key!r} has no title")
            return
        record.ref = key
        self.emitted += 1
        yield record

    def finish(self) -> Iterator[ImportRecord]:
        for parent_key, children in self.waiting.items():
            for child in children:
                self.ctx.warn(child[0], f"crossref {parent_key!r} not found in the file")
                yield from self.emit((*child[:3], {k: v for k, v in child[3].items() if k != "crossref"}))
        if not self.found:
            raise self.ctx.error(None, "no BibTeX entries found")
        if not self.emitted:
            raise self.ctx.error(None, "no BibTeX entry has a title")


def records(text: TextSource, ctx: ReadContext) -> Iterator[ImportRecord]:
    reader = _Reader(ctx)
    lines: list[str] = []
    first, size = 1, 0
    for number, line in text.lines():
        if size >= _CHUNK and _BLOCK_START.match(line):
            yield from reader.chunk("\n".join(lines), first)
            lines, first, size = [], number, 0
        lines.append(line)
        size += len(line) + 1
        ctx.tick()
    yield from reader.chunk("\n".join(lines), first)
    yield from reader.finish()


# ---- export ---------------------------------------------------------------------------------


def _text(value: Any) -> str:
    return latex.encode(str(value))


def _name(name: str) -> str:
    """One author, escaped; braced when it holds " and " so that it stays one person."""
    text = _text(names.to_bibtex(name))
    return "{" + text + "}" if " and " in f" {text.lower()} " else text


def _verbatim(value: Any) -> str:
    text = " ".join(str(value).split())
    if text.count("{") != text.count("}"):
        text = text.replace("{", "%7B").replace("}", "%7D")
    return text


def entry_type(entry: EntrySnapshot) -> str:
    v = entry.values
    if v.get("entry_type"):
        return str(v["entry_type"]).lower()
    if entry.kind is Kind.DATASET:
        return "dataset"
    return "misc" if bib.is_arxiv_venue(v.get("venue")) and v.get("arxiv_id") else "article"


def _paper_fields(entry: EntrySnapshot, kind_of_entry: str) -> list[tuple[str, Any]]:
    v = entry.values
    venue_field = _VENUE_BY_TYPE.get(kind_of_entry, "howpublished")
    abstract, other = bib.summaries(entry.kind, v)
    return [
        ("title", v.get("title")),
        ("author", " and ".join(_name(a) for a in v.get("authors") or []) or None),
        ("year", v.get("year")),
        (venue_field, v.get("venue")),
        ("doi", v.get("doi")),
        ("eprint", v.get("arxiv_id")),
        ("archiveprefix", "arXiv" if v.get("arxiv_id") else None),
        ("url", v.get("paper_url")),
        ("pdf", v.get("pdf_url")),
        ("code", v.get("code_url")),
        ("project", v.get("project_url")),
        ("shorttitle", v.get("short_name")),
        ("abstract", abstract),
        (ZH_ABSTRACT, other),
    ]


def _dataset_fields(entry: EntrySnapshot) -> list[tuple[str, Any]]:
    v = entry.values
    urls = v.get("download_urls") or []
    abstract, other = bib.summaries(entry.kind, v)
    return [("title", v.get("name")), ("year", v.get("year")), ("type", v.get("data_type")),
            ("scale", v.get("scale")), ("url", urls[0] if urls else None),
            ("download", " ".join(urls[1:]) or None), ("abstract", abstract), (ZH_ABSTRACT, other)]


def _entry_text(entry: EntrySnapshot, key: str) -> str:
    kind_of_entry = entry_type(entry)
    fields = _dataset_fields(entry) if entry.kind is Kind.DATASET else _paper_fields(entry, kind_of_entry)
    fields.append(("keywords", ", ".join(bib.tag_keywords(entry.tags)) or None))
    written = {name for name, _ in fields}
    fields += [(name, value) for name, value in bib.extra_fields(entry.values).items()
               if name.lower() not in written and _FIELD_NAME.match(name)]
    fields.append(("annote", entry.note))
    lines = [f"@{kind_of_entry}{{{key},"]
    for name, value in fields:
        if value in (None, "", []):
            continue
        text = _verbatim(value) if name in VERBATIM else value if name == "author" else _text(value)
        lines.append(f"  {name} = {{{text}}},")
    return "\n".join(lines) + "\n}\n"


_BAD_KEY = re.compile(r"[\s,{}()\"#%'=\\~]")


def citation_keys(entries: list[EntrySnapshot], pattern: str = citekeys.DEFAULT_PATTERN) -> list[str]:
    """The key of each entry in an export: its own, else one from ``pattern``; all unique."""
    pairs = []
    for entry in entries:
        kept = _BAD_KEY.sub("_", str(entry.values.get("citation_key") or "").strip()) or None
        pairs.append((kept, None if kept else citekeys.generate(entry.values, entry.title, pattern)))
    return citekeys.unique((k, g or k or "anon") for k, g in pairs)


def write(entries: list[EntrySnapshot], key_pattern: str = citekeys.DEFAULT_PATTERN) -> str:
    keys = citation_keys(entries, key_pattern)
    return "\n".join(_entry_text(e, k) for e, k in zip(entries, keys))
