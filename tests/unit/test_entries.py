"""Entries: sorting, notes, links, the trash, pragmas and the sort indexes."""

from datetime import datetime, timedelta, timezone

import pytest

from rsfm_desktop.core.columns import COLUMNS
from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.fields import TITLE_FIELD, Kind

from ..conftest import sqlite_only
from .catalog_helpers import (
    add_entries,
    dataset_id,
    paper_id,
    query_plan,
    read,
    trace_statements,
)

# Inserted in this order; ties ("banana"/"Banana", "Apple"/"apple") must keep id order.
TEXTS = ["banana", "Apple", None, "cherry", "apple", None, "Banana"]
TEXTS_ASCENDING = ["Apple", "apple", "banana", "Banana", "cherry", None, None]
# 999 sorts after 2100 as text: a numeric sort puts it first.
YEARS = [2024, 2100, None, 2023, 999, 2024]
YEARS_ASCENDING = [999, 2023, 2024, 2024, 2100, None]


def _sample_values(kind, key):
    """(values to insert for column ``key``, the ascending order a user expects)."""
    if key == "year":
        return YEARS, YEARS_ASCENDING
    if key == "updated_at":
        base = datetime(2024, 5, 1, tzinfo=timezone.utc)
        days = [3, 1, 2, 1]
        return ([base + timedelta(days=d) for d in days],
                [base + timedelta(days=d) for d in sorted(days)])
    if key == "authors":
        wrap = lambda v: [v] if v else []  # noqa: E731
        return [wrap(v) for v in TEXTS], [wrap(v) for v in TEXTS_ASCENDING]
    if key == TITLE_FIELD[kind]:
        present = [t for t in TEXTS if t]
        return present, [t for t in TEXTS_ASCENDING if t]
    return TEXTS, TEXTS_ASCENDING


def _insert(catalog, kind, key, values):
    return add_entries(catalog, kind, [{TITLE_FIELD[kind]: f"entry {i}", key: v} for i, v in enumerate(values)])


def _values_in_order(catalog, kind, key, ids):
    rows = catalog.entries.fetch_rows(kind, ids)
    return _comparable(key, [rows[i][key] for i in ids])


def _comparable(key, values):
    """Times may come back as stored text or as datetimes: compare them as naive UTC."""
    if key != "updated_at":
        return values
    as_time = lambda v: v if isinstance(v, datetime) else datetime.fromisoformat(v)  # noqa: E731
    naive = lambda t: t.astimezone(timezone.utc).replace(tzinfo=None) if t.tzinfo else t  # noqa: E731
    return [naive(as_time(v)) for v in values]


SORT_CASES = [(kind, col.key) for kind in Kind for col in COLUMNS[kind]]


@pytest.mark.parametrize(("kind", "key"), SORT_CASES, ids=[f"{k.value}-{c}" for k, c in SORT_CASES])
def test_every_column_sorts_both_ways_with_empty_values_last(empty_catalog, kind, key):
    values, ascending = _sample_values(kind, key)
    ids = _insert(empty_catalog, kind, key, values)

    up = empty_catalog.entries.list_ids(kind, Query(sort_key=key))
    down = empty_catalog.entries.list_ids(kind, Query(sort_key=key, descending=True))

    assert sorted(up) == sorted(ids) == sorted(down)
    assert _values_in_order(empty_catalog, kind, key, up) == _comparable(key, ascending)
    # Descending: the non-empty values mirrored, the empty ones still at the end.
    empty = [v in (None, []) for v in ascending]
    n_present = empty.count(False)
    assert down[:n_present] == list(reversed(up[:n_present]))
    got_down = _values_in_order(empty_catalog, kind, key, down)
    assert all(v in (None, []) for v in got_down[n_present:])
    assert all(v not in (None, []) for v in got_down[:n_present])


def test_text_ties_keep_id_order_and_case_does_not_matter(empty_catalog):
    ids = _insert(empty_catalog, Kind.PAPER, "venue", TEXTS)
    by_venue = empty_catalog.entries.list_ids(Kind.PAPER, Query(sort_key="venue"))
    # banana(ids[0]) before Banana(ids[6]): equal without case, so id order decides.
    assert by_venue == [ids[1], ids[4], ids[0], ids[6], ids[3], ids[2], ids[5]]
    assert empty_catalog.entries.list_ids(Kind.PAPER, Query(sort_key="venue")) == by_venue


def test_years_sort_as_numbers(empty_catalog):
    ids = _insert(empty_catalog, Kind.PAPER, "year", YEARS)
    down = empty_catalog.entries.list_ids(Kind.PAPER, Query(sort_key="year", descending=True))
    assert _values_in_order(empty_catalog, Kind.PAPER, "year", down) == [2100, 2024, 2024, 2023, 999, None]
    assert down[1:3] == [ids[5], ids[0]]  # the 2024 tie, mirrored


def test_default_sort_is_by_title(catalog):
    ids = catalog.entries.list_ids(Kind.PAPER)
    titles = [catalog.entries.fetch_rows(Kind.PAPER, [i])[i]["title"] for i in ids]
    assert [t.split(":")[0] for t in titles] == ["GeoChat", "RemoteCLIP", "RingMo", "RSGPT"]


def test_trashed_entries_leave_lists_and_counts_and_come_back(catalog):
    geochat = paper_id(catalog, "GeoChat")
    catalog.entries.delete(Kind.PAPER, [geochat])
    assert geochat not in catalog.entries.list_ids(Kind.PAPER)
    assert catalog.entries.list_ids(Kind.PAPER, Query(trashed=True)) == [geochat]
    assert catalog.entries.count(Kind.PAPER) == 3
    assert catalog.entries.stats()["links"] == 2  # GeoChat's "uses RSICap" link is hidden with it
    catalog.entries.restore(Kind.PAPER, [geochat])
    assert geochat in catalog.entries.list_ids(Kind.PAPER)
    assert catalog.entries.stats()["links"] == 3


def test_notes_of_trashed_entries_are_not_counted(catalog):
    geochat, rsgpt = paper_id(catalog, "GeoChat"), paper_id(catalog, "RSGPT")
    catalog.notes.save(Kind.PAPER, geochat, "kept")
    catalog.notes.save(Kind.PAPER, rsgpt, "trashed with its paper")
    catalog.entries.delete(Kind.PAPER, [rsgpt])
    assert catalog.entries.stats()["notes"] == 1  # like its links, the note goes to the trash with it
    catalog.entries.restore(Kind.PAPER, [rsgpt])
    assert catalog.entries.stats()["notes"] == 2


def test_the_trash_is_emptied_for_good_after_its_days(catalog):
    rsgpt, ringmo = paper_id(catalog, "RSGPT"), paper_id(catalog, "RingMo")
    catalog.entries.delete(Kind.PAPER, [rsgpt, ringmo])
    assert catalog.entries.empty_trash(older_than_days=30) == 0  # trashed just now: kept
    assert catalog.entries.purge(Kind.PAPER, [paper_id(catalog, "GeoChat")]) == 0  # not in the trash
    assert catalog.entries.empty_trash() == 2
    assert catalog.entries.get(Kind.PAPER, rsgpt) is None
    assert catalog.entries.stats()["papers"] == 2


# ---- notes ---------------------------------------------------------------------------------


def test_save_note_creates_then_updates(catalog):
    rsgpt = paper_id(catalog, "RSGPT")
    assert catalog.notes.text(Kind.PAPER, rsgpt) == ""
    assert catalog.notes.get(Kind.PAPER, rsgpt).version is None
    catalog.notes.save(Kind.PAPER, rsgpt, "first thoughts")
    created = catalog.notes.get(Kind.PAPER, rsgpt)
    catalog.notes.save(Kind.PAPER, rsgpt, "# Second\nbetter thoughts")
    updated = catalog.notes.get(Kind.PAPER, rsgpt)
    assert updated.body == "# Second\nbetter thoughts"
    assert updated.version == created.version + 1
    assert updated.updated_at >= created.updated_at
    assert catalog.entries.stats()["notes"] == 1
    assert catalog.notes.save(Kind.PAPER, rsgpt, "# Second\nbetter thoughts") is None  # unchanged


def test_dataset_notes_are_separate_from_paper_notes(catalog):
    rsicap = dataset_id(catalog, "RSICap")
    paper = catalog.entries.list_ids(Kind.PAPER)[0]
    catalog.notes.save(Kind.DATASET, rsicap, "dataset note")
    catalog.notes.save(Kind.PAPER, paper, "paper note")
    assert catalog.notes.text(Kind.DATASET, rsicap) == "dataset note"
    assert catalog.notes.text(Kind.PAPER, paper) == "paper note"


@pytest.mark.parametrize("blank", ["", "   ", "\n", " \n\t\n "])
def test_blank_notes_are_not_counted(catalog, blank):
    ids = catalog.entries.list_ids(Kind.PAPER)
    catalog.notes.save(Kind.PAPER, ids[0], "kept")
    catalog.notes.save(Kind.PAPER, ids[1], blank)
    assert catalog.entries.stats()["notes"] == 1


def test_note_survives_reopening_the_catalog(targets, target, catalog):
    ringmo = paper_id(catalog, "RingMo")
    catalog.notes.save(Kind.PAPER, ringmo, "读后感: masked modelling 很有用")
    catalog.close()

    reopened = targets.open(target)
    assert reopened.notes.text(Kind.PAPER, ringmo) == "读后感: masked modelling 很有用"
    assert reopened.entries.stats()["notes"] == 1


def test_a_note_of_an_entry_that_does_not_exist_is_refused(catalog):
    from rsfm_desktop.core.store.writes import Conflict

    with pytest.raises(Conflict) as caught:
        catalog.notes.save(Kind.PAPER, 987654, "lost?")
    assert caught.value.gone
    assert catalog.entries.stats()["notes"] == 0


# ---- links, pragmas, cascades -----------------------------------------------------------------


def test_linked_entries_both_ways(catalog):
    rsgpt, rsicap = paper_id(catalog, "RSGPT"), dataset_id(catalog, "RSICap")
    assert [(e.title, e.relation) for e in catalog.entries.linked(Kind.PAPER, rsgpt)] == [
        ("RSICap", "introduces"), ("RSIEval", "introduces"),
    ]
    papers = [(e.title.split(":")[0], e.relation) for e in catalog.entries.linked(Kind.DATASET, rsicap)]
    assert sorted(papers) == [("GeoChat", "uses"), ("RSGPT", "introduces")]


def test_link_and_unlink_from_either_side_and_undo(catalog):
    ringmo, rsieval = paper_id(catalog, "RingMo"), dataset_id(catalog, "RSIEval")
    command = catalog.entries.link(Kind.DATASET, rsieval, ringmo, "uses")
    assert [(e.id, e.relation) for e in catalog.entries.linked(Kind.PAPER, ringmo)] == [(rsieval, "uses")]
    assert catalog.entries.link(Kind.PAPER, ringmo, rsieval, "uses").changes.ids(Kind.PAPER) == set()
    catalog.undo(command)
    assert catalog.entries.linked(Kind.PAPER, ringmo) == []
    catalog.redo(command)
    catalog.entries.link(Kind.PAPER, ringmo, rsieval, "uses", remove=True)
    assert catalog.entries.linked(Kind.PAPER, ringmo) == []


@sqlite_only
def test_fresh_catalog_has_foreign_keys_and_wal(empty_catalog):
    with empty_catalog.store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one().lower() == "wal"


def test_emptying_the_trash_takes_links_notes_and_provenance_with_the_paper(catalog):
    rsgpt = paper_id(catalog, "RSGPT")
    catalog.notes.save(Kind.PAPER, rsgpt, "note to be cascaded")
    catalog.entries.delete(Kind.PAPER, [rsgpt])
    assert catalog.entries.purge(Kind.PAPER, [rsgpt]) == 1
    for table in ("paper_dataset_link", "note", "provenance", "paper_tag"):
        assert read(catalog, f"SELECT count(*) FROM {table} WHERE paper_id = :id", {"id": rsgpt}) == [(0,)], table
    assert catalog.entries.stats() == {"papers": 3, "datasets": 2, "links": 1, "notes": 0}


def test_a_link_to_a_missing_paper_is_refused(catalog):
    rsicap = dataset_id(catalog, "RSICap")
    with pytest.raises(Exception, match="(?i)foreign key"):
        catalog.entries.link(Kind.PAPER, 987654, rsicap, "uses")
    assert catalog.entries.stats()["links"] == 3


def test_an_unknown_relation_is_refused(catalog):
    from rsfm_desktop.core.validation import ValidationError

    with pytest.raises(ValidationError):
        catalog.entries.link(Kind.PAPER, paper_id(catalog, "RingMo"), dataset_id(catalog, "RSICap"), "cites")


# ---- the sort queries use their indexes (SQLite's planner) ------------------------------------


@pytest.fixture
def big_catalog(empty_catalog):
    add_entries(empty_catalog, Kind.PAPER, [{
        "title": f"Paper {i}", "year": 1990 + i % 40 if i % 7 else None,
        "venue": f"Venue {i % 13}", "visual_encoder": ("CLIP", "ViT", None)[i % 3],
        "text_encoder": f"llm {i % 9}", "code_url": f"https://github.com/x/{i}" if i % 2 else None,
        "short_name": f"M{i}", "summary_zh": f"遥感模型{i}",
    } for i in range(400)])
    add_entries(empty_catalog, Kind.DATASET, [
        {"name": f"Set {i}", "data_type": f"type {i % 5}", "year": 2000 + i % 20} for i in range(200)])
    with empty_catalog.store.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    return empty_catalog


INDEXED = [(kind, col.key) for kind in Kind for col in COLUMNS[kind] if col.indexed]


@sqlite_only
@pytest.mark.parametrize(("kind", "key"), INDEXED, ids=[f"{k.value}-{c}" for k, c in INDEXED])
def test_sort_query_uses_its_index(big_catalog, kind, key):
    statements = trace_statements(big_catalog)
    big_catalog.entries.list_ids(kind, Query(sort_key=key))
    [statement] = [s for s in statements if "ORDER BY" in s]
    plan = query_plan(big_catalog, statement)
    assert f"ix_{kind.value}_{key}_sort" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


@sqlite_only
def test_emptying_the_trash_reads_only_the_trash(big_catalog):
    # Every start empties what was trashed over 30 days ago; without its index that read every
    # entry (0.3 s warm, 1.5 s cold at 100,000 papers).
    from datetime import datetime

    statements = trace_statements(big_catalog)
    big_catalog.entries.empty_trash(older_than_days=30)
    for kind in Kind:
        [statement] = [s for s in statements if f"FROM {kind.value} WHERE deleted_at <" in s]
        assert f"ix_{kind.value}_trashed" in query_plan(big_catalog, statement)
    assert big_catalog.entries.trashed_before(Kind.PAPER, datetime(2100, 1, 1)) == []


def test_cells_of_missing_ids_are_simply_absent(catalog):
    ids = catalog.entries.list_ids(Kind.PAPER)
    rows = catalog.entries.fetch_rows(Kind.PAPER, ids + [987654])
    assert set(rows) == set(ids) and not any("_unreadable" in r for r in rows.values())


# ---- attachments, bulk edits, shared notes ----------------------------------------------------


def test_attach_a_pdf_list_open_detach_and_undo(catalog, tmp_path):
    from rsfm_desktop.core.catalog import AttachmentError

    geochat = paper_id(catalog, "GeoChat")
    pdf = tmp_path / "GeoChat 遥感.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    command = catalog.attachments.attach_pdf(geochat, pdf)
    [attached] = catalog.attachments.list(geochat)
    assert (attached.path, attached.kind, attached.exists) == (pdf.resolve(), "pdf", True)
    assert catalog.attachments.local_pdf(geochat) == pdf.resolve()
    assert command.changes.touches(Kind.PAPER, geochat).fields == {"attachments"}
    for bad, reason in ((tmp_path / "missing.pdf", "missing"), (tmp_path / "notes.txt", "filetype")):
        if reason == "filetype":
            bad.write_text("x")
        with pytest.raises(AttachmentError) as caught:
            catalog.attachments.attach_pdf(geochat, bad)
        assert caught.value.reason == reason
    removed = catalog.attachments.detach(attached.id)
    assert catalog.attachments.list(geochat) == [] and pdf.exists()  # the file itself stays
    catalog.undo(removed)
    assert [a.path for a in catalog.attachments.list(geochat)] == [pdf.resolve()]
    catalog.undo(command)
    assert catalog.attachments.list(geochat) == []


def test_a_bulk_edit_is_one_undo_step(catalog):
    ids = catalog.entries.list_ids(Kind.PAPER)
    before = {i: catalog.entries.get(Kind.PAPER, i).venue for i in ids}
    command = catalog.entries.update_many(Kind.PAPER, ids, {"venue": "TGRS"})
    assert command.result == sum(f != "TGRS" for f in before.values()) and command.label == "Edit 4 entries"
    assert {catalog.entries.get(Kind.PAPER, i).venue for i in ids} == {"TGRS"}
    catalog.undo(command)
    assert {i: catalog.entries.get(Kind.PAPER, i).venue for i in ids} == before


def test_a_note_is_shared_with_the_lab_or_kept_personal(targets, target):
    catalog = targets.open(target, author="Ada")
    ringmo = paper_id(catalog, "RingMo")
    catalog.notes.save(Kind.PAPER, ringmo, "for everyone")
    catalog.notes.set_shared(Kind.PAPER, ringmo, True)
    note = catalog.notes.get(Kind.PAPER, ringmo)
    assert (note.body, note.shared, note.author) == ("for everyone", True, "Ada")
    catalog.notes.set_shared(Kind.PAPER, ringmo, False)
    assert not catalog.notes.get(Kind.PAPER, ringmo).shared


def test_many_memberships_at_once_count_change_the_entries_and_undo(catalog):
    """Tx.tag_pairs (a sync's new entries): one statement for many (entry, tag) pairs; a pair
    already there or naming a missing tag changes nothing; undo takes exactly the new ones out."""
    ringmo, geochat = paper_id(catalog, "RingMo"), paper_id(catalog, "GeoChat")
    tags = sorted({t.id for ts in catalog.taxonomy.entry_tags(Kind.PAPER, [ringmo, geochat]).values() for t in ts})
    with catalog.store.read() as conn:
        all_tags = [r[0] for r in conn.exec_driver_sql("SELECT id FROM tag WHERE deleted_at IS NULL ORDER BY id")]
    fresh = [t for t in all_tags if t not in tags][:2]
    before = {e: {t.id for t in ts} for e, ts in catalog.taxonomy.entry_tags(Kind.PAPER, [ringmo, geochat]).items()}
    versions = {e: catalog.entries.get(Kind.PAPER, e).version for e in (ringmo, geochat)}
    pairs = [(ringmo, fresh[0]), (geochat, fresh[0]), (geochat, fresh[1]), (geochat, 999_999)]
    pairs += [(ringmo, t) for t in before.get(ringmo, set())]  # already there
    (added, changes) = catalog.store.write(lambda tx: tx.tag_pairs(Kind.PAPER, pairs))
    assert added == 3
    after = {e: {t.id for t in ts} for e, ts in catalog.taxonomy.entry_tags(Kind.PAPER, [ringmo, geochat]).items()}
    assert after[ringmo] == before.get(ringmo, set()) | {fresh[0]}
    assert after[geochat] == before.get(geochat, set()) | {fresh[0], fresh[1]}
    assert changes.ids(Kind.PAPER) == {ringmo, geochat}
    assert all(catalog.entries.get(Kind.PAPER, e).version == versions[e] + 1 for e in (ringmo, geochat))
    command = catalog.store.run("Tag", lambda tx: tx.tag_pairs(Kind.PAPER, [(ringmo, fresh[1])]))
    catalog.undo(command)
    final = {e: {t.id for t in ts} for e, ts in catalog.taxonomy.entry_tags(Kind.PAPER, [ringmo, geochat]).items()}
    assert final == after
