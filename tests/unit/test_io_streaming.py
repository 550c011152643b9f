"""Parsers read record by record: progress while reading, cancel within a tick, memory per
record rather than per file, and line numbers and ``@string`` macros across chunks."""

from __future__ import annotations

import json
import tracemalloc

import pytest

from rsfm_desktop.core.io import ReadCancelled, iter_records, read_file

BIB_ENTRY = "@article{{key{i},\n  title = {{A study of glaciers number {i}}},\n  author = {{Doe, Jane}},\n  journal = tgrs,\n  year = {{2020}},\n}}\n\n"


def _bib(tmp_path, n: int):
    path = tmp_path / "many.bib"
    with open(path, "w", encoding="utf-8") as out:
        out.write('@string{tgrs = "IEEE Transactions on Geoscience and Remote Sensing"}\n\n')
        for i in range(n):
            out.write(BIB_ENTRY.format(i=i))
    return path


def _ris(tmp_path, n: int):
    path = tmp_path / "many.ris"
    path.write_text("".join(f"TY  - JOUR\nTI  - Paper {i}\nAU  - Doe, Jane\nPY  - 2021\nER  - \n\n" for i in range(n)),
                    encoding="utf-8")
    return path


def _csv(tmp_path, n: int):
    path = tmp_path / "many.csv"
    path.write_text("title,year,venue\r\n" + "".join(f'"Paper, {i}",2021,CVPR\r\n' for i in range(n)), encoding="utf-8")
    return path


def _csl(tmp_path, n: int):
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"id": f"k{i}", "type": "article-journal", "title": f"Paper {i}"} for i in range(n)],
                               indent=1), encoding="utf-8")
    return path


def _app(tmp_path, n: int):
    path = tmp_path / "export.json"
    data = {"format": "rsfm-export", "format_version": 1, "facets": [], "tags": [],
            "papers": [{"ref": f"p{i}", "title": f"Paper {i}", "tags": []} for i in range(n)], "datasets": [],
            "links": []}
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


MAKERS = {"bibtex": _bib, "ris": _ris, "csv": _csv, "csljson": _csl, "json": _app}


@pytest.mark.parametrize("fmt", list(MAKERS))
def test_records_arrive_before_the_file_is_read_and_progress_ends_at_the_total(tmp_path, fmt):
    path = MAKERS[fmt](tmp_path, 6000)
    total = path.stat().st_size
    reports: list[tuple[int, int]] = []
    records = iter(iter_records(path, progress=lambda done, size: reports.append((done, size))))
    first = next(records)
    assert first.title.endswith(" 0")
    assert reports[-1][0] < total / 2  # the first record came early
    records = [first, *records]
    assert len(records) == 6000
    assert reports and reports[-1] == (total, total)
    assert all(size == total and 0 <= done <= total for done, size in reports)
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)


def test_progress_shows_while_the_encoding_is_checked_before_any_record_is_read(tmp_path):
    path = _bib(tmp_path, 2000)
    total = path.stat().st_size
    reports: list[tuple[int, int]] = []
    stream = iter_records(path, progress=lambda done, size: reports.append((done, size)))
    # The whole file was checked (a 200 MB file takes a second) and the dialog already shows.
    assert reports and reports[0] == (0, total)
    assert len(list(stream)) == 2000
    assert reports[-1] == (total, total)


@pytest.mark.parametrize("fmt", list(MAKERS))
def test_cancel_stops_the_read_with_a_clear_exception(tmp_path, fmt):
    path = MAKERS[fmt](tmp_path, 6000)
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 2

    got = []
    with pytest.raises(ReadCancelled, match="reading cancelled"):
        for record in iter_records(path, cancelled=cancelled):
            got.append(record)
    assert len(got) < 6000


def _peak(path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_records(path))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_per_record_not_per_file(tmp_path):
    small, large = tmp_path / "small", tmp_path / "large"
    small.mkdir()
    large.mkdir()
    count_small, peak_small = _peak(_bib(small, 1000))
    count_large, peak_large = _peak(_bib(large, 5000))
    assert (count_small, count_large) == (1000, 5000)
    # Five times the file, about the same peak (reading it whole would be five times as much).
    assert peak_large < 1.5 * peak_small


def test_line_numbers_and_string_macros_hold_across_chunks(tmp_path):
    path = _bib(tmp_path, 3000)
    batch = read_file(path)
    last = batch.records[-1]
    assert last.title == "A study of glaciers number 2999"
    assert last.values["venue"] == "IEEE Transactions on Geoscience and Remote Sensing"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[last.line - 1].startswith("@article{key2999,")
    assert last.values["citation_key"] == "key2999" and last.values["entry_type"] == "article"
