"""Undoing an import or a duplicate merge restores the catalog exactly; redo brings it back."""

from rsfm_desktop.core.io import apply_plan, build_plan, read_file
from rsfm_desktop.core.io.undo import capture_all, import_change, MergeDuplicates, merge_targets
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.services import open_catalog

from .io_helpers import FIXTURES

FIXTURE_CATALOG = FIXTURES.parent / "mini_catalog.json"
_TABLES = ("paper", "dataset", "note", "provenance", "paper_tag", "dataset_tag", "paper_dataset_link",
           "attachment")


def dump(engine) -> dict[str, list[tuple]]:
    """Every row of the entry tables, plus what the search finds."""
    with engine.connect() as conn:
        out = {t: sorted(map(tuple, conn.exec_driver_sql(f"SELECT * FROM {t}")), key=repr) for t in _TABLES}
        out["fts"] = sorted(conn.exec_driver_sql("SELECT rowid FROM paper_fts_tri WHERE paper_fts_tri MATCH 'remote'"))
    return out


def live_titles(engine) -> set[str]:
    with engine.connect() as conn:
        return {r[0] for r in conn.exec_driver_sql("SELECT title FROM paper WHERE deleted_at IS NULL")}


def test_undo_of_an_import_trashes_added_entries_and_reverts_merges(tmp_path):
    service = open_catalog(tmp_path / "cat", FIXTURE_CATALOG)
    engine = service.repo.engine
    plan = build_plan(engine, read_file(FIXTURES / "refs.bib"))
    assert any(e.existing_id for e in plan.entries)  # GeoChat and RemoteCLIP are in the catalog
    for entry in plan.entries:
        if entry.existing_id:
            entry.decision = entry.decision.MERGE
    titles_before, state_before = live_titles(engine), dump(engine)
    before = capture_all(engine, merge_targets(plan))
    change = import_change(engine, before, apply_plan(engine, plan))
    state_after = dump(engine)
    assert len(live_titles(engine)) > len(titles_before)

    change.undo()
    change.redo()
    assert dump(engine) == state_after
    change.undo()
    assert live_titles(engine) == titles_before
    assert dump(engine)["fts"] == state_before["fts"]
    # The added entries wait in the trash; without them the catalog is exactly as before.
    for kind in Kind:
        with engine.connect() as conn:
            sql = f"SELECT id FROM {kind.value} WHERE deleted_at IS NOT NULL"
            trashed = [r[0] for r in conn.exec_driver_sql(sql)]
        service.purge(kind, trashed)
    assert dump(engine) == state_before



def test_merge_of_duplicates_is_undone_exactly(tmp_path):
    service = open_catalog(tmp_path / "cat", FIXTURE_CATALOG)
    engine = service.repo.engine
    ids = service.repo.list_ids(Kind.PAPER)
    keep, lose = ids[0], ids[1]
    service.save_note(Kind.PAPER, lose, "the other note")
    state_before = dump(engine)
    change = MergeDuplicates(engine, Kind.PAPER, keep, lose)
    change.redo()
    state_after = dump(engine)
    assert state_after != state_before
    change.undo()
    assert dump(engine) == state_before
    change.redo()
    assert dump(engine) == state_after
