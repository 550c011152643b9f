"""CSV import (header mapping, any of ``,`` ``;`` tab as separator) and export.

The exported file has a ``kind`` column, every field of papers and datasets, ``tags``
(``facet:label; …``) and ``note``; lists are joined with ``; ``.
"""

from __future__ import annotations

import csv
import io

from ..fields import FIELDS, Kind
from . import bibliographic as bib
from .record import Format, ImportBatch, ImportFormatError
from .snapshot import EntrySnapshot
from .tabular import Cell, is_dataset_table, map_headers, row_record

_DELIMITERS = ",;\t"


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=_DELIMITERS)
    except csv.Error:
        return csv.excel


def _kind_of(value: str | None, default: Kind) -> Kind:
    value = (value or "").strip().lower()
    return Kind.DATASET if value in bib.DATASET_MARKERS else Kind.PAPER if value == "paper" else default


def read(text: str, source: str) -> ImportBatch:
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text), strict=True)
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise ImportFormatError(source, reader.line_num, f"malformed CSV: {exc}") from exc
    rows = [(n, r) for n, r in rows if any(c.strip() for c in r)]
    if len(rows) < 2:
        raise ImportFormatError(source, None, "CSV needs a header row and at least one entry")
    header_line, headers = rows[0]
    default = Kind.DATASET if is_dataset_table(headers) else Kind.PAPER
    mapped = {kind: map_headers(kind, headers) for kind in Kind}
    if not ({"title", "name"} & set(mapped[default]) or {"title", "name"} & set(mapped[Kind.DATASET])):
        raise ImportFormatError(source, header_line, "no title column (Title, Paper, Name…) in the header")
    kind_column = mapped[Kind.PAPER].index("kind") if "kind" in mapped[Kind.PAPER] else None
    batch = ImportBatch(source, Format.CSV)
    for line, row in rows[1:]:
        if len(row) > len(headers):
            raise ImportFormatError(source, line, f"row has {len(row)} cells but the header has {len(headers)}")
        kind = _kind_of(row[kind_column] if kind_column is not None and kind_column < len(row) else None, default)
        cells = {key: Cell(value) for key, value in zip(mapped[kind], row) if key}
        record = row_record(kind, cells, line)
        if not record.title:
            raise ImportFormatError(source, line, "row has no title")
        batch.records.append(record)
    return batch


def _columns() -> list[str]:
    keys = [f.key for kind in Kind for f in FIELDS[kind]]
    return ["kind", *dict.fromkeys(keys), "tags", "note"]


def _cell(entry: EntrySnapshot, key: str) -> str:
    if key == "kind":
        return entry.kind.value
    if key == "tags":
        return "; ".join(bib.tag_keywords(entry.tags))
    if key == "note":
        return entry.note or ""
    value = entry.values.get(key)  # a paper has no "name", a dataset no "title"
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else str(value)


def write(entries: list[EntrySnapshot]) -> str:
    cols = _columns()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(cols)
    for entry in entries:
        writer.writerow([_cell(entry, key) for key in cols])
    return out.getvalue()
