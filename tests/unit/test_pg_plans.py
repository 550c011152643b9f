"""The big reads of a lab catalog on PostgreSQL: a bulk import keeps the planner's statistics
current. (The answers of the sort, search and tag-filter queries are tested on both engines
in test_search.py, test_entries.py and test_taxonomy_filter.py; their plans at 100,000 papers
are measured by tests/benchmarks/bench_catalog.py.)"""

import pytest

from rsfm_desktop.core.fields import Kind

from .catalog_helpers import add_entries, read, scalar

postgres_only = pytest.mark.parametrize("engine_name", ["postgresql"])


@postgres_only
def test_a_bulk_import_into_a_new_lab_catalog_leaves_statistics_for_the_planner(empty_catalog):
    # Without statistics the planner takes the new tables for empty and reads the whole tag
    # table for every 500 entries it reindexes (100,000 papers: over ten minutes).
    add_entries(empty_catalog, Kind.PAPER, [{"title": f"Paper {i}", "summary_zh": "遥感"} for i in range(1500)])
    assert scalar(empty_catalog, "SELECT reltuples FROM pg_class WHERE relname = 'paper'") >= 1500



@postgres_only
def test_statistics_follow_an_import_as_it_grows_not_only_its_first_batch(catalog):
    # An import writes 500 entries at a time in one transaction, where autovacuum cannot help:
    # statistics were taken once at most (or never: a batch was below the threshold), so a
    # 100,000-paper import into a lab catalog slowed down batch after batch (1,035 s).
    from .io_helpers import import_text

    with catalog.store.engine.connect() as conn:
        auto = conn.execution_options(isolation_level="AUTOCOMMIT")
        for table in ("paper", "paper_tag", "paper_facet_sort"):
            auto.exec_driver_sql(f"ALTER TABLE {table} SET (autovacuum_enabled = false)")  # only the import's own
    bib = "\n".join(f"@article{{p{i}, title = {{Remote sensing study number {i} of many}}, author = {{Li, Ming and Wang, Fang}},"
                     f" year = {{{2000 + i % 25}}}, journal = {{IEEE TGRS}}, keywords = {{SAR, VQA}},"
                     f" abstract = {{{'遥感图像语义分割与变化检测' * 6}}}}}" for i in range(3000))
    report = import_text(catalog, bib, "many.bib")
    assert report.added == 3000
    believed = dict(read(catalog, "SELECT relname, reltuples FROM pg_class WHERE relname IN"
                                        " ('paper', 'paper_tag', 'paper_facet_sort')"))
    assert believed["paper"] >= 1000  # analyzed again once the import had grown past its first batches
    assert believed["paper_facet_sort"] >= 1000
    assert believed["paper_tag"] >= 1000


def _buffers(catalog, kind: Kind, text: str) -> tuple[int, list[int]]:
    """(shared buffers the search touches, the matching ids), read from EXPLAIN (ANALYZE, BUFFERS)."""
    import json

    from rsfm_desktop.core import search
    from rsfm_desktop.core.store import sql

    with catalog.store.read() as conn:
        query, params = search.match_query(conn, kind, text)
        [[plan]] = sql.rows(conn, f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {query}", params)
        ids = sql.column(conn, query, params)
    plan = plan if isinstance(plan, list) else json.loads(plan)
    top = plan[0]["Plan"]
    return top["Shared Hit Blocks"] + top["Shared Read Blocks"], sorted(ids)


@postgres_only
def test_a_word_in_most_of_the_catalog_is_found_without_reading_every_indexed_text(empty_catalog):
    # 1,500 papers of realistic length (a Chinese and an English summary): the search index
    # once held each one's lexemes inline, so a word found in most papers read a page per few
    # papers (and a term of several tokens, "zero-shot", read every matching text).
    zh = "遥感图像基础模型视觉语言多模态大模型语义分割目标检测变化检测图像描述视觉定位跨模态检索对比学习" * 3
    en = " ".join(["remote sensing zero-shot segmentation of satellite imagery with vision language models"] * 8)
    rows = [{"title": f"Paper {i}", "summary_zh": zh[i % 7:], "summary_en": en if i % 3 else en.replace("zero-shot", "few-shot")}
            for i in range(1500)]
    ids = add_entries(empty_catalog, Kind.PAPER, rows)
    with empty_catalog.store.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
    expected_zero_shot = sorted(i for n, i in enumerate(ids) if n % 3)
    for text, expected in (("remote", sorted(ids)), ("zero-shot", expected_zero_shot),
                           ("zero-s", expected_zero_shot), ("遥感图", sorted(ids)), ("遥感图像", sorted(ids)), ("sens", sorted(ids))):
        touched, found = _buffers(empty_catalog, Kind.PAPER, text)
        assert found == expected, text
        assert touched < 150, f"{text!r} read {touched} pages"  # was 400-1,600


@postgres_only
def test_the_tables_search_gets_its_ids_from_the_server_as_one_value(catalog, monkeypatch):
    # A word in most of a 100,000-paper catalog matches 60,000-100,000 papers: handed over row
    # by row through a set-returning function's tuple store, they cost 25-40 ms of a 70-110 ms
    # keystroke; aggregated where they are found, the server sends one array.
    from rsfm_desktop.core import search
    from rsfm_desktop.core.entries import Query
    from rsfm_desktop.core.store import sql

    ran = []
    real_rows = sql.rows

    def noted(conn, statement, params=None, binary=False):
        ran.append((statement, params))
        return real_rows(conn, statement, params, binary)

    with catalog.store.read() as conn:
        expected = set(sql.column(conn, *search.match_query(conn, Kind.PAPER, "remote")))
    monkeypatch.setattr(sql, "rows", noted)
    found = catalog.entries.list_ids(Kind.PAPER, Query("remote"))
    monkeypatch.setattr(sql, "rows", real_rows)
    assert found and set(found) == expected & set(catalog.entries.sorted_ids(Kind.PAPER))
    searched = [(s, p) for s, p in ran if "_search" in s]
    assert searched
    with catalog.store.read() as conn:
        for statement, params in searched:
            plan = "\n".join(r[0] for r in real_rows(conn, f"EXPLAIN {statement}", params))
            assert "Function Scan" not in plan, plan
