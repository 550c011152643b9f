"""A large import into an empty or small SQLite catalog builds the tables' sort indexes once at
the end instead of row by row (``Tx.bulk_load``): afterwards every index is there and sorts as
before; a cancelled, failed or killed import leaves the catalog with its indexes and without
the import's rows; a small import into a large catalog leaves the indexes alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from rsfm_desktop.core.catalog import open_catalog
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io import ImportCancelled
from rsfm_desktop.core.store import sql, writes

from ..conftest import sqlite_only

ROOT = Path(__file__).resolve().parents[2]


def _bib(path: Path, n: int, first: int = 0) -> Path:
    path.write_text("".join(
        f"@article{{k{i},\n  title = {{Glacier study number {i}}},\n  author = {{Doe, Jane}},\n"
        f"  journal = {{Venue {i % 7}}},\n  year = {{{2000 + i % 20}}},\n  keywords = {{task:VQA}},\n}}\n"
        for i in range(first, first + n)), encoding="utf-8")
    return path


def _indexes(catalog) -> list[tuple[str, str]]:
    with catalog.imports.store.read() as conn:
        return sql.rows(conn, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                              " AND tbl_name IN ('paper', 'dataset', 'paper_tag', 'dataset_tag',"
                              " 'paper_facet_sort', 'dataset_facet_sort') ORDER BY name")


def _dropped_during(catalog, monkeypatch) -> list[list[str]]:
    """The index names dropped by each bulk load of this test."""
    seen: list[list[str]] = []
    original = writes.Tx.bulk_load

    def spying(tx, adding):
        manager = original(tx, adding)

        class Spy:
            def __enter__(self):
                manager.__enter__()
                seen.append([name for name, _ddl in tx._dropped_indexes])

            def __exit__(self, *exc):
                return manager.__exit__(*exc)

        return Spy()

    monkeypatch.setattr(writes.Tx, "bulk_load", spying)
    return seen


@sqlite_only
def test_a_large_import_into_an_empty_catalog_ends_with_every_index(empty_catalog, tmp_path, monkeypatch):
    before = _indexes(empty_catalog)
    monkeypatch.setattr(writes, "BULK_LOAD_MIN", 100)
    seen = _dropped_during(empty_catalog, monkeypatch)
    plan = empty_catalog.imports.prepare(_bib(tmp_path / "a.bib", 300), "bibtex")
    assert empty_catalog.imports.apply(plan).result.added == 300
    plan.close()
    assert seen and {"ix_paper_title_sort", "ix_paper_tag_tag", "ix_paper_facet_sort_en"} <= set(seen[0])
    assert "ix_paper_uuid" not in seen[0]  # unique ones stay
    assert _indexes(empty_catalog) == before
    with empty_catalog.imports.store.read() as conn:
        assert sql.scalar(conn, "PRAGMA integrity_check") == "ok"
        uses = " ".join(str(r) for r in sql.rows(
            conn, "EXPLAIN QUERY PLAN SELECT id FROM paper WHERE deleted_at IS NULL ORDER BY lower(title), id"))
    assert "ix_paper_title_sort" in uses
    titles = [empty_catalog.entries.get(Kind.PAPER, i).values["title"] for i in
              empty_catalog.entries.sorted_ids(Kind.PAPER, "title")[:3]]
    assert titles == ["Glacier study number 0", "Glacier study number 1", "Glacier study number 10"]
    assert len(empty_catalog.imports.ids_with_tag(Kind.PAPER, "VQA")) == 300
    with empty_catalog.imports.store.read() as conn:  # every entry has its facet sort keys
        assert sql.scalar(conn, "SELECT count(DISTINCT paper_id) FROM paper_facet_sort") == 300


@sqlite_only
def test_a_small_import_into_a_larger_catalog_leaves_the_indexes_alone(empty_catalog, tmp_path, monkeypatch):
    monkeypatch.setattr(writes, "BULK_LOAD_MIN", 100)
    seen = _dropped_during(empty_catalog, monkeypatch)
    for name, n, first in (("a.bib", 300, 0), ("b.bib", 120, 300)):
        plan = empty_catalog.imports.prepare(_bib(tmp_path / name, n, first), "bibtex")
        empty_catalog.imports.apply(plan)
        plan.close()
    assert seen[0] and seen[1] == []  # 120 added to 300: row by row


@sqlite_only
def test_a_cancelled_large_import_leaves_the_indexes_and_no_rows(empty_catalog, tmp_path, monkeypatch):
    before = _indexes(empty_catalog)
    monkeypatch.setattr(writes, "BULK_LOAD_MIN", 100)
    plan = empty_catalog.imports.prepare(_bib(tmp_path / "a.bib", 1200), "bibtex")
    reports = []
    with pytest.raises(ImportCancelled):
        empty_catalog.imports.apply(plan, progress=lambda done, total: reports.append(done),
                                    cancelled=lambda: bool(reports) and reports[-1] >= 600)
    plan.close()
    assert _indexes(empty_catalog) == before
    assert empty_catalog.entries.list_ids(Kind.PAPER) == []


CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[1])
    from pathlib import Path
    from rsfm_desktop.core.catalog import open_catalog
    from rsfm_desktop.core.store import writes
    writes.BULK_LOAD_MIN = 100
    catalog = open_catalog(Path(sys.argv[2]), seed=False)
    plan = catalog.imports.prepare(Path(sys.argv[3]), "bibtex")
    said = []
    def progress(done, total):
        if not said:
            said.append(print("writing", flush=True))
    catalog.imports.apply(plan, progress=progress)
    print("committed", flush=True)
""")


@pytest.mark.parametrize("delay", [0.05, 0.4, 1.0])
def test_a_large_import_killed_while_writing_leaves_the_catalog_whole(tmp_path, delay):
    folder = tmp_path / "cat"
    catalog = open_catalog(folder, seed=False)
    before = _indexes(catalog)
    catalog.close()
    source = _bib(tmp_path / "a.bib", 4000)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(folder), str(source)],
                             stdout=subprocess.PIPE, text=True, env={**os.environ, "RSFM_IMPORT_WORKER": "0"})
    try:
        assert child.stdout.readline().strip() == "writing"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()
    finally:
        child.wait()
    catalog = open_catalog(folder, seed=False)
    try:
        with catalog.imports.store.read() as conn:
            assert sql.scalar(conn, "PRAGMA integrity_check") == "ok"
        assert _indexes(catalog) == before
        count = len(catalog.entries.list_ids(Kind.PAPER))
        assert count == (4000 if "committed" in rest else 0)
    finally:
        catalog.close()


@sqlite_only
def test_a_cancel_while_the_indexes_are_built_again_rolls_everything_back(empty_catalog, tmp_path, monkeypatch):
    before = _indexes(empty_catalog)
    monkeypatch.setattr(writes, "BULK_LOAD_MIN", 100)
    building = []
    original = writes.dialect.abort_while

    def spying(raw, flag):
        building.append(flag is not None)
        original(raw, flag)

    monkeypatch.setattr(writes.dialect, "abort_while", spying)
    plan = empty_catalog.imports.prepare(_bib(tmp_path / "a.bib", 400), "bibtex")
    built = []

    def cancelled():  # pressed once two indexes are built again
        if building and building[-1]:
            built.append(1)
        return len(built) > 2

    with pytest.raises(ImportCancelled):
        empty_catalog.imports.apply(plan, cancelled=cancelled)
    plan.close()
    assert building[:2] == [True, False]
    assert _indexes(empty_catalog) == before
    assert empty_catalog.entries.list_ids(Kind.PAPER) == []
