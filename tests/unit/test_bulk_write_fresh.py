"""What a large write adds is indexed and keyed without clearing rows it cannot have: the search
index and the facet sort keys of entries added by the same transaction are written without a
DELETE pass first (an import's 100,000 new papers: 400 DELETEs against FTS5 and 200 against the
sort keys, each a look-up per id); the page cache is enlarged for the write and set back after
it. An entry added, indexed, then changed again in the same transaction is still indexed once,
with its latest text, on both engines."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store import dialect, sql, writes

from ..conftest import sqlite_only


def _bib(path: Path, n: int) -> Path:
    path.write_text("".join(
        f"@article{{k{i},\n  title = {{Fjord survey {i}}},\n  author = {{Doe, Jane}},\n"
        f"  year = {{{2000 + i % 20}}},\n  keywords = {{task:VQA}},\n}}\n" for i in range(n)), encoding="utf-8")
    return path


def _statements(catalog) -> list[str]:
    seen: list[str] = []
    event.listen(catalog.imports.store.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_rest: seen.append(statement))
    return seen


@sqlite_only
def test_an_import_writes_its_index_and_sort_keys_without_deleting_first(empty_catalog, tmp_path, monkeypatch):
    monkeypatch.setattr(writes, "BULK_LOAD_MIN", 100)
    seen = _statements(empty_catalog)
    sizes: list[int] = []
    original = dialect.enlarge_cache

    def spying(conn, kib=dialect.BULK_CACHE_KIB):
        restore = original(conn, kib)
        sizes.append(sql.scalar(conn, "PRAGMA cache_size"))
        return restore

    monkeypatch.setattr(dialect, "enlarge_cache", spying)
    plan = empty_catalog.imports.prepare(_bib(tmp_path / "a.bib", 1200), "bibtex")
    assert empty_catalog.imports.apply(plan).result.added == 1200
    plan.close()
    deletes = [s for s in seen if s.lstrip().upper().startswith("DELETE")]
    assert not [s for s in deletes if "_fts_" in s or "_facet_sort" in s], deletes[:2]
    assert sizes == [-dialect.BULK_CACHE_KIB]
    with empty_catalog.imports.store.read() as conn:
        assert sql.scalar(conn, "PRAGMA cache_size") == -2000  # set back for the connection's next user
        assert sql.scalar(conn, "SELECT count(*) FROM paper_fts_tri") == 1200
        assert sql.scalar(conn, "SELECT count(DISTINCT rowid) FROM paper_fts_bi") == 1200
        facets = sql.scalar(conn, "SELECT count(*) FROM facet")
        assert sql.scalar(conn, "SELECT count(*) FROM paper_facet_sort") == 1200 * facets


def test_an_entry_added_indexed_and_changed_in_one_write_is_indexed_once(catalog):
    """Added in bulk, indexed by a flush, then retitled and tagged in the same transaction: one
    index row with the new title, the sort keys of its new tag, on both engines."""
    store = catalog.imports.store

    def work(tx):
        ids = tx.insert_entries(Kind.PAPER, [{"title": f"Moraine map {i}"} for i in range(100)])
        tx.flush_index()
        tx.update_entry(Kind.PAPER, ids[0], {"title": "Drumlin field atlas"})
        tag = sql.scalar(tx.conn, "SELECT id FROM tag WHERE deleted_at IS NULL ORDER BY id LIMIT 1")
        tx.tag(Kind.PAPER, tag, [ids[1]])
        tx.record_rows("paper", "update", ["tags"], [(i, 1) for i in ids])  # all again, as runs
        return ids, tag

    (ids, tag), _changes = store.write(work)
    with store.read() as conn:
        from rsfm_desktop.core.search import match_query

        def found(text):
            query, params = match_query(conn, Kind.PAPER, text)
            return sorted(sql.column(conn, query, params))

        assert found("Drumlin") == [ids[0]]
        assert found("Moraine map") == ids[1:]
        if conn.dialect.name == "sqlite":  # one row each, not two
            assert sql.scalar(conn, "SELECT count(*) FROM paper_fts_tri WHERE rowid IN :ids", {"ids": ids}) == 100
        keyed = sql.rows(conn, "SELECT place FROM paper_facet_sort WHERE paper_id = :p AND facet_id ="
                               " (SELECT facet_id FROM tag WHERE id = :t)", {"p": ids[1], "t": tag})
        assert [tuple(r) for r in keyed] == [(0,)]
        facets = sql.scalar(conn, "SELECT count(*) FROM facet")
        assert sql.scalar(conn, "SELECT count(*) FROM paper_facet_sort WHERE paper_id IN :ids",
                          {"ids": ids}) == 100 * facets


def test_bulk_child_rows_are_only_for_entries_the_same_write_added(catalog):
    # insert_rows writes no change and no undo step of its own: a row of an entry the catalog
    # held before (or of no entry) is refused, whatever the order of the rows.
    [held] = catalog.store.write(lambda tx: tx.insert_entries(Kind.PAPER, [{"title": "Held before"}]))[0]

    def rows(tx, owners):
        [new] = tx.insert_entries(Kind.DATASET, [{"name": "Added here"}])
        made = {"new": {"paper_id": None, "dataset_id": new}, "held": {"paper_id": held, "dataset_id": None},
                "none": {"paper_id": None, "dataset_id": None}}
        return tx.insert_rows("provenance", [{**made[o], "source": "a.bib", "locator": None, "excerpt": None}
                                             for o in owners])

    for owners in (["new", "held"], ["none"], ["held", "new"]):
        try:
            catalog.store.write(lambda tx: rows(tx, owners))
        except ValueError as exc:
            assert "not added by this transaction" in str(exc)
        else:
            raise AssertionError(f"provenance of {owners} was written")
    [ids] = [catalog.store.write(lambda tx: rows(tx, ["new", "new"]))[0]]
    assert len(ids) == 2
    with catalog.store.read() as conn:
        assert sql.scalar(conn, "SELECT count(*) FROM provenance WHERE paper_id = :p", {"p": held}) == 0
