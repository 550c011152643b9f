"""CSV in one fixed dialect (RFC 4180) both ways, every field round-tripped, and no cell a
spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io import parse_text
from rsfm_desktop.core.io import csv_io
from rsfm_desktop.core.io.markdown_export import view_table
from rsfm_desktop.core.io.snapshot import EntrySnapshot

TRICKY = [
    EntrySnapshot(Kind.PAPER, 1, {
        "title": "A 'quoted' title; with \"double\" quotes, commas",
        "authors": ["O'Brien, Jr.", "李明"], "year": 2024, "venue": "CVPR",
        "summary_en": "Line one\nline two, with 'quotes'; and; semicolons",
        "summary_zh": "中文摘要，含逗号", "remark": "=HYPERLINK(\"http://evil\")", "text_encoder": "+1 more",
        "model_details": "-minus first", "survey_section": "@mention", "code_url": "https://github.com/a/b",
    }, tags={"family": ["MLLM"]}, note="'=already quoted\n\ttab first"),
    EntrySnapshot(Kind.PAPER, 2, {"title": "'Apostrophe first", "short_name": "=SUM(A1)"}),
    EntrySnapshot(Kind.DATASET, 3, {"name": "RSICap", "download_urls": ["https://a.org/x", "https://b.org/y"],
                                    "description_en": "2,585 captions", "scale": "-"}),
]


def _values(record):
    return {k: v for k, v in record.values.items()}


def test_the_export_reads_back_field_for_field():
    text = csv_io.write(TRICKY)
    batch = parse_text(text, "export.csv")
    assert batch.warnings == []
    assert len(batch.records) == 3
    for snap, record in zip(TRICKY, batch.records):
        expected = {k: v for k, v in snap.values.items() if v not in (None, "", [], "-")}
        assert _values(record) == expected, snap.title
        assert (record.note or None) == snap.note
        assert record.tags == snap.tags


def test_the_dialect_is_fixed_not_sniffed():
    text = csv_io.write(TRICKY * 40)
    rows = list(csv.reader(io.StringIO(text, newline="")))  # the standard dialect reads it
    assert len({len(r) for r in rows}) == 1
    assert text.splitlines(keepends=True)[0].endswith("\r\n")
    assert len(parse_text(text, "export.csv").records) == 120


def test_cells_a_spreadsheet_would_run_are_neutralised():
    text = csv_io.write(TRICKY)
    cells = [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]
    assert "'=HYPERLINK(\"http://evil\")" in cells and "'+1 more" in cells and "'-minus first" in cells
    assert "'@mention" in cells and "'=SUM(A1)" in cells and "''=already quoted\n\ttab first" in cells
    assert not any(c.startswith(csv_io.FORMULA_START) for c in cells)


def test_the_view_table_csv_is_neutralised_too():
    out = view_table(Kind.PAPER, ["title", "remark"], TRICKY[:1], "csv")
    row = list(csv.reader(io.StringIO(out, newline="")))[1]
    assert row[1] == "'=HYPERLINK(\"http://evil\")"


def test_rows_with_stray_cells_or_no_title_are_skipped_with_their_line():
    text = "title,year\r\nGood one,2020\r\n,2021\r\nSpilled,2022,extra cell\r\nTrailing empties,2023,,\r\n"
    batch = parse_text(text, "x.csv")
    assert [r.title for r in batch.records] == ["Good one", "Trailing empties"]
    assert batch.warnings == ["x.csv, line 3: skipped: row has no title",
                              "x.csv, line 4: skipped: row has 3 cells but the header has 2"]


def test_a_semicolon_or_tab_header_still_switches_the_separator():
    assert parse_text("Title;Year\nA;2020\n", "semi.csv").records[0].values == {"title": "A", "year": 2020}
    assert parse_text("Title\tYear\nA, with comma\t2020\n", "tabs.csv").records[0].title == "A, with comma"
