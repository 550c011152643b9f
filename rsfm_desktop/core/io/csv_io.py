"""CSV import (header mapping) and export, in one fixed dialect: RFC 4180 (comma, double
quotes doubled inside quoted cells, CRLF between rows), read and written by the csv module
with minimal quoting. Nothing is sniffed: only a header line without a comma that has
semicolons or tabs (as spreadsheets in some locales save) switches the separator, and ``.tsv``
files are tab-separated.

The exported file has a ``kind`` column, every field of papers and datasets (lists joined
with ``; ``, ``extra_fields`` as a JSON object), ``tags`` (``facet:label; …``) and ``note``.
A cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) is written with a leading ``'``, which import removes again.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from ..fields import FIELDS, Kind
from . import bibliographic as bib
from .reading import ReadContext, TextSource
from .record import ImportRecord
from .snapshot import EntrySnapshot
from .tabular import Cell, is_dataset_table, map_headers, row_record

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _needs_quote(text: str) -> bool:
    """Would a spreadsheet run it, or does it look like a cell this module quoted?"""
    return text.startswith(FORMULA_START) or (text.startswith("'") and text.lstrip("'").startswith(FORMULA_START))


def spreadsheet_safe(text: str) -> str:
    """``text`` with a leading ``'`` if a spreadsheet would read it as a formula (and, so that
    :func:`unquote` is exact, if it already is ``'`` before such a character)."""
    return "'" + text if _needs_quote(text) else text


def unquote(text: str) -> str:
    return text[1:] if text.startswith("'") and _needs_quote(text[1:]) else text


def _kind_of(value: str | None, default: Kind) -> Kind:
    value = (value or "").strip().lower()
    return Kind.DATASET if value in bib.DATASET_MARKERS else Kind.PAPER if value == "paper" else default


def _delimiter(header: str, source: str) -> str:
    if Path(source).suffix.lower() == ".tsv":
        return "\t"
    if "," not in header:
        if "\t" in header:
            return "\t"
        if ";" in header:
            return ";"
    return ","


def _rows(text: TextSource, ctx: ReadContext) -> Iterator[tuple[int, list[str]]]:
    lines = iter(text.handle)
    head, blank = "", 0
    for head in lines:
        if head.strip():
            break
        blank += 1
    reader = csv.reader(_chain(head, lines), delimiter=_delimiter(head, ctx.source), quotechar='"',
                        doublequote=True, strict=True)
    start = 1
    try:
        for row in reader:
            ctx.tick()
            if any(c.strip() for c in row):
                yield start + blank, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ctx.error(reader.line_num + blank, f"malformed CSV: {exc}") from exc


def _chain(first: str, rest):
    if first:
        yield first
    yield from rest


def _extra(cells: dict[str, Cell]) -> None:
    cell = cells.get("extra_fields")
    if cell is None:
        return
    try:
        data = json.loads(cell.text) if cell.text and cell.text.strip().startswith("{") else None
    except ValueError:
        data = None
    cells.pop("extra_fields")
    if isinstance(data, dict):
        cells["extra_fields"] = Cell(None, value={str(k): str(v) for k, v in data.items()})


def records(text: TextSource, ctx: ReadContext) -> Iterator[ImportRecord]:
    rows = _rows(text, ctx)
    first = next(rows, None)
    if first is None:
        raise ctx.error(None, "CSV needs a header row and at least one entry")
    header_line, headers = first
    default = Kind.DATASET if is_dataset_table(headers) else Kind.PAPER
    mapped = {kind: map_headers(kind, headers) for kind in Kind}
    if not ({"title", "name"} & set(mapped[default]) or {"title", "name"} & set(mapped[Kind.DATASET])):
        raise ctx.error(header_line, "no title column (Title, Paper, Name…) in the header")
    kind_column = mapped[Kind.PAPER].index("kind") if "kind" in mapped[Kind.PAPER] else None
    found = 0
    for line, row in rows:
        found += 1
        if len(row) > len(headers) and any(c.strip() for c in row[len(headers):]):
            ctx.skip(line, f"row has {len(row)} cells but the header has {len(headers)}")
            continue
        row = [unquote(c) for c in row]
        kind = _kind_of(row[kind_column] if kind_column is not None and kind_column < len(row) else None, default)
        cells = {key: Cell(value) for key, value in zip(mapped[kind], row) if key}
        _extra(cells)
        record = row_record(kind, cells, line)
        if not record.title:
            ctx.skip(line, "row has no title")
            continue
        yield record
    if not found:
        raise ctx.error(None, "CSV needs a header row and at least one entry")


def columns() -> list[str]:
    """The columns of an exported file."""
    keys = [f.key for kind in Kind for f in FIELDS[kind]]
    return ["kind", *dict.fromkeys(keys), "tags", "note"]


def _cell(entry: EntrySnapshot, key: str) -> str:
    if key == "kind":
        return entry.kind.value
    if key == "tags":
        return "; ".join(bib.tag_keywords(entry.tags))
    if key == "note":
        return entry.note or ""
    if key == "extra_fields":
        extra = bib.extra_fields(entry.values)
        return json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else ""
    value = entry.values.get(key)  # a paper has no "name", a dataset no "title"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def writer(out: io.StringIO):
    """The one CSV dialect, for every CSV this app writes."""
    return csv.writer(out, delimiter=",", quotechar='"', doublequote=True, quoting=csv.QUOTE_MINIMAL,
                      lineterminator="\r\n")


def write(entries: list[EntrySnapshot]) -> str:
    cols = columns()
    out = io.StringIO()
    rows = writer(out)
    rows.writerow(cols)
    for entry in entries:
        rows.writerow([spreadsheet_safe(_cell(entry, key)) for key in cols])
    return out.getvalue()
