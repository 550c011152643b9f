"""A chart's numbers as a table (CSV, Markdown, LaTeX), through the "export view as table"
machinery (``io.markdown_export.table_text``): the first column names the rows, one column per
series, then the distinct entries of the row where a row can count an entry twice."""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import QT_TRANSLATE_NOOP
from ..io.markdown_export import table_text
from .model import CONTEXT, MATRIX, PER_YEAR, VENUES, Counts, Label

FORMATS = ("csv", "markdown", "latex")
ROW_HEADERS = {
    PER_YEAR: QT_TRANSLATE_NOOP("Statistics", "Year"),
    VENUES: QT_TRANSLATE_NOOP("Statistics", "Venue"),
    MATRIX: QT_TRANSLATE_NOOP("Statistics", "Paper"),
}
TOTAL = QT_TRANSLATE_NOOP("Statistics", "Total")
RELATIONS = {"introduces": QT_TRANSLATE_NOOP("Statistics", "introduces"),
             "uses": QT_TRANSLATE_NOOP("Statistics", "uses")}


def rows_of(counts: Counts, text: Callable[[Label], str],
            translate: Callable[[str, str], str] | None = None,
            row_header: str | None = None) -> tuple[list[str], list[list]]:
    """(header, rows) of a chart's numbers: counts as numbers, matrix cells as relation words
    (empty where no link)."""
    tr = translate or (lambda _context, source: source)
    first = row_header if row_header is not None else tr(CONTEXT, ROW_HEADERS.get(counts.chart, ""))
    header = [first, *(text(c) for c in counts.cols)]
    with_totals = counts.row_totals is not None and counts.chart == PER_YEAR and len(counts.cols) > 1
    if with_totals:
        header.append(tr(CONTEXT, TOTAL))
    rows = []
    for r, row in enumerate(counts.rows):
        if counts.chart == MATRIX:
            values = [tr(CONTEXT, RELATIONS[v]) if v else "" for v in (counts.cells.get((r, c)) for c in range(len(counts.cols)))]
        else:
            values = [counts.value(r, c) for c in range(len(counts.cols))]
        rows.append([text(row), *values, *([counts.row_totals[r]] if with_totals else [])])
    return header, rows


def counts_table(counts: Counts, fmt: str, text: Callable[[Label], str] | None = None,
                 translate: Callable[[str, str], str] | None = None, row_header: str | None = None) -> str:
    """The chart's numbers as ``csv``, ``markdown`` or ``latex``. A heat map's first header
    cell is ``row_header`` (its facet's name, given by the caller)."""
    header, rows = rows_of(counts, text or (lambda label: label.text("en", translate)), translate, row_header)
    return table_text(header, rows, fmt)


__all__ = ["FORMATS", "counts_table", "rows_of"]
