"""RIS import and export, line by line (the format is simple enough; rispy joins wrapped lines
with spaces, keeps one ``L1`` and writes newlines unescaped, so it is not used here).

Import: a record runs from ``TY`` to ``ER``; a line without a tag continues the field above
it. The title is the first of ``TI``, ``T1``, ``CT``, then ``BT`` for whole books, then ``ST``
(the RIS specification's order; ``BT`` of a chapter or paper is its book, i.e. the venue).
``UR``, ``L1`` (PDF) and ``L2`` are lists of links. ``ID`` is the citation key, ``TY`` the
entry type (kept in BibTeX's vocabulary), volume, issue, pages, publisher and the other tags
go to ``extra_fields`` under their BibTeX names. A record without any title is skipped with a
warning; a record without ``ER`` refuses the file.

Export escapes what would break a record: a title's newlines become spaces, and a line of a
multi-line value (abstract, note) that would read as a tag is indented by one space.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..fields import Kind
from . import bibliographic as bib
from . import names
from .reading import ReadContext, TextSource
from .record import ImportRecord
from .snapshot import EntrySnapshot

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*)|\s*)$")
_ESCAPED = re.compile(r"^ (?= *[A-Z][A-Z0-9]  -(?: |$))")  # one space put before a tag-like line
_COUNTER = re.compile(r"^\d+\.\s*$")  # some managers number the records
_DATASET_TYPES = frozenset({"DATA", "DBASE", "AGGR"})
_BOOK_TYPES = frozenset({"BOOK", "EBOOK", "EDBOOK", "UNPB", "MANSCPT"})
# RIS type ↔ BibTeX entry type (the first RIS type of each BibTeX type is the one written).
TYPES = bib.TypeMap(
    (("JOUR", "article"), ("CPAPER", "inproceedings"), ("CONF", "inproceedings"), ("BOOK", "book"),
     ("CHAP", "incollection"), ("THES", "phdthesis"), ("RPRT", "techreport"), ("GEN", "misc"),
     ("ELEC", "online"), ("UNPB", "unpublished"), ("DATA", "dataset"), ("EDBOOK", "collection"),
     ("MGZN", "article"), ("NEWS", "article"), ("EJOUR", "article"), ("STAND", "standard"),
     ("PAT", "patent"), ("COMP", "software"), ("SER", "book"), ("EBOOK", "book"), ("ECHAP", "incollection")),
    keep_as="ris_type", dataset="DATA", preprint="GEN", journal="JOUR", unknown="GEN")
# Tags kept as extra fields, by their BibTeX names.
_EXTRA = {"VL": "volume", "IS": "number", "PB": "publisher", "CY": "address", "LA": "language",
          "ET": "edition", "SN": "issn", "A2": "editor", "M3": "type", "C1": "custom1", "CN": "callnumber",
          "Y2": "urldate", "DA": "date", "T3": "series", "AD": "affiliation"}
_FROM_EXTRA = {name: tag for tag, name in _EXTRA.items()} | {"file": "L1"}
_LIST_TAGS = frozenset({"AU", "A1", "A2", "A3", "A4", "KW", "UR", "L1", "L2", "L4", "N1"})
_MULTILINE = frozenset({"AB", "N2", "N1"})


def _records(text: TextSource, ctx: ReadContext) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """(first line, [(tag, value)…]) of each ``TY`` … ``ER`` record; raises on a broken structure."""
    start: int | None = None
    fields: list[tuple[str, str]] = []
    for number, line in text.lines():
        ctx.tick()
        if number == 1:
            line = line.lstrip("\ufeff")
        match = _TAG_LINE.match(line)
        tag = match.group(1) if match else None
        if start is None:
            if not line.strip() or _COUNTER.match(line):
                continue
            if tag != "TY":
                raise ctx.error(number, "expected a record starting with 'TY  - '")
            start, fields = number, []
        elif tag == "TY":
            raise ctx.error(start, "record has no closing 'ER  - ' line")
        if tag == "ER":
            yield start, fields
            start = None
        elif tag:
            value = match.group(2) or ""
            fields.append((tag, value if tag in _MULTILINE else value.strip()))
        elif fields and fields[-1][0] in _MULTILINE:  # a following line of an abstract or note
            last_tag, value = fields[-1]
            fields[-1] = (last_tag, f"{value}\n{_ESCAPED.sub('', line, count=1)}")
        elif fields and line.strip():  # a wrapped line continues the field above
            last_tag, value = fields[-1]
            fields[-1] = (last_tag, f"{value} {line.strip()}" if value else line.strip())
    if start is not None:
        raise ctx.error(start, "record has no closing 'ER  - ' line")


def _citation(fields: list[tuple[str, str]]) -> bib.Citation:
    tags: dict[str, list[str]] = {}
    for tag, value in fields:
        if value:
            tags.setdefault(tag, []).append(value)

    def first(*names: str) -> str | None:
        return next((tags[n][0] for n in names if n in tags), None)

    ris_type = (first("TY") or "GEN").upper()
    kind = Kind.DATASET if ris_type in _DATASET_TYPES else Kind.PAPER
    whole_book = ris_type in _BOOK_TYPES
    title = first("TI", "T1", "CT", *(("BT",) if whole_book else ()), "ST", "BT")
    venue = first("T2", "JO", "JF", "JA", "J2", *(() if whole_book or title == first("BT") else ("BT",)))
    pages = "--".join(p for p in (first("SP"), first("EP")) if p)
    extra = {name: "; ".join(tags[tag]) if tag in _LIST_TAGS else tags[tag][0]
             for tag, name in _EXTRA.items() if tag in tags}
    if "editor" in extra:
        extra["editor"] = " and ".join(names.from_text(a) for a in tags["A2"])
    if pages:
        extra["pages"] = pages
    known = {"TY", "TI", "T1", "CT", "BT", "ST", "T2", "JO", "JF", "JA", "J2", "AU", "A1", "PY", "Y1", "DO",
             "AN", "UR", "L1", "L2", "AB", "N2", "KW", "N1", "ID", "SP", "EP", *_EXTRA}
    extra.update({f"ris_{tag.lower()}": "; ".join(values) for tag, values in tags.items() if tag not in known})
    if not first("PY", "Y1") and "date" in extra:
        year = extra["date"]
    else:
        year = first("PY", "Y1")
    attached = tags.get("L1", [])
    pdf = next((u for u in attached if u.lower().startswith(("http://", "https://"))), None)
    files = [u for u in attached if u != pdf]
    if files:  # more PDFs, local ones (paths, internal-pdf://…) too: JabRef's "file" field
        extra["file"] = "; ".join(files)
    return bib.Citation(
        kind=kind, title=title,
        authors=[names.from_text(a) for a in tags.get("AU", []) + tags.get("A1", [])],
        year=year, venue=venue, doi=first("DO"), arxiv=first("AN"),
        urls=tags.get("UR", []) + tags.get("L2", []),
        links={"pdf_url": pdf} if pdf else {},
        abstracts=tags.get("AB", []) + tags.get("N2", []),
        keywords=tags.get("KW", []), note="\n".join(tags.get("N1", [])) or None,
        extra=({"short_name": first("ST") if first("ST") != title else None} if kind is Kind.PAPER
               else {"data_type": extra.pop("type", None)}),
        key=first("ID"), entry_type=TYPES.read(ris_type, extra), fields=extra,
    )


def records(text: TextSource, ctx: ReadContext) -> Iterator[ImportRecord]:
    found = 0
    for line, fields in _records(text, ctx):
        found += 1
        record = bib.to_record(_citation(fields), line)
        if not record.title:
            ctx.skip(line, "record has no title (TI, T1, CT, BT or ST)")
            continue
        record.ref = record.values.get("citation_key")
        yield record
    if not found:
        raise ctx.error(None, "no RIS records found")


# ---- export ---------------------------------------------------------------------------------


def _line(tag: str, value: object) -> list[str]:
    text = str(value).strip()
    if not text:
        return []
    if tag not in _MULTILINE:
        return [f"{tag}  - {' '.join(text.split())}"]
    first, *rest = text.split("\n")
    # A following line that would read as a tag (or the end of the record) is indented.
    return [f"{tag}  - {first}"] + [f" {ln}" if _TAG_LINE.match(ln.lstrip(" ")) else ln for ln in rest]


def _reference(entry: EntrySnapshot) -> list[tuple[str, object]]:
    v = entry.values
    extra = bib.extra_fields(v)
    abstract, other = bib.summaries(entry.kind, v)
    out: list[tuple[str, object]] = [("TY", TYPES.write(entry.kind, v)), ("ID", v.get("citation_key"))]
    if entry.kind is Kind.DATASET:
        out += [("TI", v.get("name")), ("M3", v.get("data_type"))]
        out += [("UR", u) for u in v.get("download_urls") or []]
    else:
        out.append(("TI", v.get("title")))
        out += [("AU", a) for a in v.get("authors") or []]
        out += [("T2", v.get("venue")), ("DO", v.get("doi")),
                ("AN", f"arXiv:{v['arxiv_id']}" if v.get("arxiv_id") else None), ("ST", v.get("short_name"))]
        out += [("UR", v.get(k)) for k in ("paper_url", "code_url", "project_url")]
        out.append(("L1", v.get("pdf_url")))
    out.append(("PY", v.get("year")))
    out += [("AB", abstract), ("N2", other)]
    if extra.get("pages"):
        start, _, end = extra["pages"].partition("-")
        out += [("SP", start.strip("-")), ("EP", end.strip("-"))]
    for name, value in extra.items():
        tag = _FROM_EXTRA.get(name) or (name[4:].upper() if re.fullmatch(r"ris_[a-z][a-z0-9]", name) else None)
        if name == "editor":
            out += [("A2", a.strip()) for a in value.split(" and ")]
        elif tag and name != TYPES.keep_as and not (entry.kind is Kind.DATASET and tag == "M3"):
            out += [(tag, part.strip()) for part in value.split(";")] if tag in _LIST_TAGS else [(tag, value)]
    out += [("KW", k) for k in bib.tag_keywords(entry.tags)]
    out.append(("N1", entry.note))
    return out


def write(entries: list[EntrySnapshot]) -> str:
    lines: list[str] = []
    for entry in entries:
        for tag, value in _reference(entry):
            if value not in (None, "") and not tag.startswith("ris_"):
                lines += _line(tag, value)
        lines += ["ER  - ", ""]
    return "\n".join(lines)
