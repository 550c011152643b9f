"""The catalog repository: sorting, notes, links, pragmas and the sort indexes."""

from datetime import datetime, timedelta, timezone

import pytest

from rsfm_desktop.core import db, services
from rsfm_desktop.core.columns import COLUMNS
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.repository import CatalogRepository, Query

from ..conftest import FIXTURE_CATALOG

TITLE = {Kind.PAPER: "title", Kind.DATASET: "name"}

# Inserted in this order; ties ("banana"/"Banana", "Apple"/"apple") must keep id order.
TEXTS = ["banana", "Apple", None, "cherry", "apple", None, "Banana"]
TEXTS_ASCENDING = ["Apple", "apple", "banana", "Banana", "cherry", None, None]
# 999 sorts after 2100 as text: a numeric sort puts it first.
YEARS = [2024, 2100, None, 2023, 999, 2024]
YEARS_ASCENDING = [999, 2023, 2024, 2024, 2100, None]


@pytest.fixture
def empty_repo(tmp_path):
    return CatalogRepository(db.open_catalog(tmp_path / "empty"))


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
    if key == TITLE[kind]:
        present = [t for t in TEXTS if t]
        return present, [t for t in TEXTS_ASCENDING if t]
    return TEXTS, TEXTS_ASCENDING


def _insert(repo, kind, key, values):
    ids = []
    for i, value in enumerate(values):
        record = {TITLE[kind]: f"entry {i}", key: value}
        ids.append(repo.create(kind, record))
    return ids


def _values_in_order(repo, kind, key, ids):
    rows = repo.fetch_rows(kind, ids)
    return _comparable(key, [rows[i][key] for i in ids])


def _comparable(key, values):
    """Times come back from fetch_rows as stored text: compare them as naive datetimes."""
    if key != "updated_at":
        return values
    as_time = lambda v: v if isinstance(v, datetime) else datetime.fromisoformat(v)  # noqa: E731
    return [as_time(v).replace(tzinfo=None) for v in values]


SORT_CASES = [(kind, col.key) for kind in Kind for col in COLUMNS[kind]]


@pytest.mark.parametrize(("kind", "key"), SORT_CASES, ids=[f"{k.value}-{c}" for k, c in SORT_CASES])
def test_every_column_sorts_both_ways_with_empty_values_last(empty_repo, kind, key):
    values, ascending = _sample_values(kind, key)
    ids = _insert(empty_repo, kind, key, values)

    up = empty_repo.list_ids(kind, Query(sort_key=key))
    down = empty_repo.list_ids(kind, Query(sort_key=key, descending=True))

    assert sorted(up) == sorted(ids) == sorted(down)
    assert _values_in_order(empty_repo, kind, key, up) == _comparable(key, ascending)
    # Descending: the non-empty values mirrored, the empty ones still at the end.
    empty = [v in (None, []) for v in ascending]
    n_present = empty.count(False)
    assert down[:n_present] == list(reversed(up[:n_present]))
    got_down = _values_in_order(empty_repo, kind, key, down)
    assert all(v in (None, []) for v in got_down[n_present:])
    assert all(v not in (None, []) for v in got_down[:n_present])


def test_text_ties_keep_id_order_and_case_does_not_matter(empty_repo):
    ids = _insert(empty_repo, Kind.PAPER, "venue", TEXTS)
    by_venue = empty_repo.list_ids(Kind.PAPER, Query(sort_key="venue"))
    # banana(ids[0]) before Banana(ids[6]): equal without case, so id order decides.
    assert by_venue == [ids[1], ids[4], ids[0], ids[6], ids[3], ids[2], ids[5]]
    assert empty_repo.list_ids(Kind.PAPER, Query(sort_key="venue")) == by_venue


def test_years_sort_as_numbers(empty_repo):
    ids = _insert(empty_repo, Kind.PAPER, "year", YEARS)
    down = empty_repo.list_ids(Kind.PAPER, Query(sort_key="year", descending=True))
    assert _values_in_order(empty_repo, Kind.PAPER, "year", down) == [2100, 2024, 2024, 2023, 999, None]
    assert down[1:3] == [ids[5], ids[0]]  # the 2024 tie, mirrored


def test_default_sort_is_by_title(service):
    ids = service.repo.list_ids(Kind.PAPER)
    titles = [service.repo.fetch_rows(Kind.PAPER, [i])[i]["title"] for i in ids]
    assert [t.split(":")[0] for t in titles] == ["GeoChat", "RemoteCLIP", "RingMo", "RSGPT"]


def test_trashed_entries_leave_lists_and_counts_and_come_back(service, repo):
    geochat = repo.list_ids(Kind.PAPER, Query("GeoChat"))[0]
    service.delete(Kind.PAPER, [geochat])
    assert geochat not in repo.list_ids(Kind.PAPER)
    assert repo.count(Kind.PAPER) == 3
    assert repo.stats()["links"] == 2  # GeoChat's "uses RSICap" link is hidden with it
    repo.restore(Kind.PAPER, [geochat])
    assert geochat in repo.list_ids(Kind.PAPER)
    assert repo.stats()["links"] == 3


def test_notes_of_trashed_entries_are_not_counted(service, repo):
    geochat, rsgpt = (repo.list_ids(Kind.PAPER, Query(t))[0] for t in ("GeoChat", "RSGPT"))
    service.save_note(Kind.PAPER, geochat, "kept")
    service.save_note(Kind.PAPER, rsgpt, "trashed with its paper")
    service.delete(Kind.PAPER, [rsgpt])
    assert repo.stats()["notes"] == 1  # like its links, the note goes to the trash with it
    repo.restore(Kind.PAPER, [rsgpt])
    assert repo.stats()["notes"] == 2


# ---- notes ---------------------------------------------------------------------------------


def test_save_note_creates_then_updates(service, repo):
    rsgpt = repo.list_ids(Kind.PAPER, Query("RSGPT"))[0]
    assert service.note_text(Kind.PAPER, rsgpt) == ""
    service.save_note(Kind.PAPER, rsgpt, "first thoughts")
    created = repo.note(Kind.PAPER, rsgpt)
    service.save_note(Kind.PAPER, rsgpt, "# Second\nbetter thoughts")
    updated = repo.note(Kind.PAPER, rsgpt)
    assert updated.id == created.id
    assert updated.body == "# Second\nbetter thoughts"
    assert updated.updated_at >= created.updated_at
    assert repo.stats()["notes"] == 1


def test_dataset_notes_are_separate_from_paper_notes(service, repo):
    rsicap = repo.list_ids(Kind.DATASET, Query("RSICap"))[0]
    paper = repo.list_ids(Kind.PAPER)[0]
    service.save_note(Kind.DATASET, rsicap, "dataset note")
    service.save_note(Kind.PAPER, paper, "paper note")
    assert service.note_text(Kind.DATASET, rsicap) == "dataset note"
    assert service.note_text(Kind.PAPER, paper) == "paper note"


@pytest.mark.parametrize("blank", ["", "   ", "\n", " \n\t\n "])
def test_blank_notes_are_not_counted(service, repo, blank):
    ids = repo.list_ids(Kind.PAPER)
    service.save_note(Kind.PAPER, ids[0], "kept")
    service.save_note(Kind.PAPER, ids[1], blank)
    assert repo.stats()["notes"] == 1


def test_note_survives_reopening_the_catalog(data_dir, service, repo):
    ringmo = repo.list_ids(Kind.PAPER, Query("RingMo"))[0]
    service.save_note(Kind.PAPER, ringmo, "读后感: masked modelling 很有用")
    service.repo.engine.dispose()

    reopened = services.open_catalog(data_dir, FIXTURE_CATALOG)
    assert reopened.note_text(Kind.PAPER, ringmo) == "读后感: masked modelling 很有用"
    assert reopened.repo.stats()["notes"] == 1


# ---- links, pragmas, cascades -----------------------------------------------------------------


def test_linked_entries_both_ways(repo):
    rsgpt = repo.list_ids(Kind.PAPER, Query("RSGPT"))[0]
    rsicap = repo.list_ids(Kind.DATASET, Query("RSICap"))[0]
    assert [(e.title, e.relation) for e in repo.linked(Kind.PAPER, rsgpt)] == [
        ("RSICap", "introduces"), ("RSIEval", "introduces"),
    ]
    papers = [(e.title.split(":")[0], e.relation) for e in repo.linked(Kind.DATASET, rsicap)]
    assert sorted(papers) == [("GeoChat", "uses"), ("RSGPT", "introduces")]


def test_fresh_catalog_has_foreign_keys_and_wal(empty_repo):
    with empty_repo.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one().lower() == "wal"


def test_hard_delete_of_a_paper_cascades_to_links_and_notes(service, repo):
    rsgpt = repo.list_ids(Kind.PAPER, Query("RSGPT"))[0]
    service.save_note(Kind.PAPER, rsgpt, "note to be cascaded")
    with repo.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM paper WHERE id = ?", (rsgpt,))
    with repo.engine.connect() as conn:
        one = lambda sql: conn.exec_driver_sql(sql, (rsgpt,)).scalar_one()  # noqa: E731
        assert one("SELECT count(*) FROM paper_dataset_link WHERE paper_id = ?") == 0
        assert one("SELECT count(*) FROM note WHERE paper_id = ?") == 0
        assert one("SELECT count(*) FROM provenance WHERE paper_id = ?") == 0
    assert repo.stats() == {"papers": 3, "datasets": 2, "links": 1, "notes": 0}


def test_a_link_to_a_missing_paper_is_refused(repo):
    rsicap = repo.list_ids(Kind.DATASET, Query("RSICap"))[0]
    with pytest.raises(Exception, match="FOREIGN KEY"):
        repo.add_link(987654, rsicap, "uses")
    assert repo.stats()["links"] == 3


# ---- the sort queries use their indexes -------------------------------------------------------


def _sort_sql(repo, kind, key):
    """The SQL list_ids runs for a sort by ``key``."""
    return repo.list_sql(kind, Query(sort_key=key))[0]


@pytest.fixture(scope="module")
def big_repo(tmp_path_factory):
    repo = CatalogRepository(db.open_catalog(tmp_path_factory.mktemp("big")))
    for i in range(400):
        repo.create(Kind.PAPER, {
            "title": f"Paper {i}", "year": 1990 + i % 40 if i % 7 else None,
            "venue": f"Venue {i % 13}", "family": ("MLLM", "VLM", None)[i % 3],
            "tasks": f"task {i % 9}", "code_url": f"https://github.com/x/{i}" if i % 2 else None,
            "short_name": f"M{i}", "summary_zh": f"遥感模型{i}",
        })
    for i in range(200):
        repo.create(Kind.DATASET, {"name": f"Set {i}", "data_type": f"type {i % 5}",
                                   "year": 2000 + i % 20})
    with repo.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    return repo


INDEXED = [(kind, col.key) for kind in Kind for col in COLUMNS[kind] if col.indexed]


@pytest.mark.parametrize(("kind", "key"), INDEXED, ids=[f"{k.value}-{c}" for k, c in INDEXED])
def test_sort_query_uses_its_index(big_repo, kind, key):
    sql = _sort_sql(big_repo, kind, key)
    with big_repo.engine.connect() as conn:
        plan = " | ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql).all())
    assert f"ix_{kind.value}_{key}_sort" in plan, plan
    assert "TEMP B-TREE" not in plan, plan
