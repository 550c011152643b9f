"""Filling a catalog from the bundled catalog file, first launch and app upgrades."""

import json

import pytest

from rsfm_desktop.core import db, seeding, services
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.repository import Query
from rsfm_desktop.core.seeding import CatalogFileError

from ..conftest import FIXTURE_CATALOG


def by_short_name(repo, short_name):
    ids = [i for i in repo.list_ids(Kind.PAPER) if repo.get(Kind.PAPER, i).short_name == short_name]
    assert len(ids) <= 1
    return repo.get(Kind.PAPER, ids[0]) if ids else None


def dataset_named(repo, name):
    ids = [i for i in repo.list_ids(Kind.DATASET) if repo.get(Kind.DATASET, i).name == name]
    return repo.get(Kind.DATASET, ids[0]) if ids else None


def test_first_open_creates_the_catalog_from_the_file(data_dir, repo):
    assert (data_dir / "catalog.sqlite3").is_file()
    assert repo.stats() == {"papers": 4, "datasets": 2, "links": 3, "notes": 0}
    assert seeding.catalog_version(repo.engine) == "test.1"


def test_known_entries_field_by_field(repo):
    geochat = by_short_name(repo, "GeoChat")
    assert geochat.code_url == "https://github.com/mbzuai-oryx/geochat"
    assert geochat.venue == "CVPR"
    assert geochat.year == 2024
    assert geochat.authors == ["Kartik Kuckreja", "Muhammad Sohail Danish"]
    assert geochat.summary_zh.startswith("利用已有的遥感数据")
    assert geochat.summary_en is None
    assert [(p.source, p.locator) for p in repo.provenance(Kind.PAPER, geochat.id)] == [
        ("000.txt", "table row 2")
    ]
    ringmo = by_short_name(repo, "RingMo")
    assert (ringmo.year, ringmo.venue, ringmo.family, ringmo.authors) == (None, None, None, [])

    rsicap = dataset_named(repo, "RSICap")
    assert rsicap.download_urls == ["https://github.com/Lavender105/RSGPT"]
    assert rsicap.scale == "2,585 captions"


def test_the_rsgpt_rsicap_link(repo):
    rsgpt = by_short_name(repo, "RSGPT")
    assert {(e.title, e.relation) for e in repo.linked(Kind.PAPER, rsgpt.id)} == {
        ("RSICap", "introduces"), ("RSIEval", "introduces"),
    }


def test_reopening_does_not_duplicate(data_dir, service):
    service.repo.engine.dispose()
    again = services.open_catalog(data_dir, FIXTURE_CATALOG)
    assert again.repo.stats() == {"papers": 4, "datasets": 2, "links": 3, "notes": 0}


@pytest.fixture
def newer_catalog(tmp_path):
    """The fixture catalog of a later app version: one more paper and two more links."""
    data = json.loads(FIXTURE_CATALOG.read_text(encoding="utf-8"))
    data["catalog_version"] = "test.2"
    data["papers"][0]["venue"] = "CVPR 2024"  # changed upstream: the user's edit still wins
    data["papers"].append({
        "key": "arxiv:2401.09712",
        "title": "SkyEyeGPT: Unifying Remote Sensing Vision-Language Tasks",
        "short_name": "SkyEyeGPT",
        "year": 2024,
        "family": "MLLM",
        "summary_zh": "统一遥感视觉语言任务",
        "provenance": [{"source": "001.txt", "locator": "entry 7"}],
    })
    data["links"] += [
        {"paper": "arxiv:2401.09712", "dataset": "dataset:rsieval", "relation": "uses"},
        {"paper": "arxiv:2311.15826", "dataset": "dataset:rsieval", "relation": "uses"},
    ]
    path = tmp_path / "catalog-v2.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def test_a_newer_catalog_adds_only_new_entries_and_keeps_user_work(
    data_dir, service, repo, newer_catalog
):
    geochat = by_short_name(repo, "GeoChat")
    service.update(Kind.PAPER, geochat.id, {"venue": "CVPR (oral)", "remark": "my remark"})
    service.save_note(Kind.PAPER, geochat.id, "my GeoChat note")
    rsgpt = by_short_name(repo, "RSGPT")
    service.save_note(Kind.PAPER, rsgpt.id, "note on a paper I then delete")
    service.delete(Kind.PAPER, [rsgpt.id])  # in the trash
    ringmo = by_short_name(repo, "RingMo")
    with repo.engine.begin() as conn:  # gone for good (trash emptied)
        conn.exec_driver_sql("DELETE FROM paper WHERE id = ?", (ringmo.id,))
    rsicap = dataset_named(repo, "RSICap")
    repo.remove_link(geochat.id, rsicap.id, "uses")
    repo.engine.dispose()

    upgraded = services.open_catalog(data_dir, newer_catalog)
    new_repo = upgraded.repo

    counts = new_repo.stats()
    assert (counts["papers"], counts["datasets"], counts["links"]) == (3, 2, 2)
    assert sorted(repo.get(Kind.PAPER, i).short_name for i in new_repo.list_ids(Kind.PAPER)) == [
        "GeoChat", "RemoteCLIP", "SkyEyeGPT",
    ]
    kept = new_repo.get(Kind.PAPER, geochat.id)
    assert (kept.venue, kept.remark) == ("CVPR (oral)", "my remark")
    assert upgraded.note_text(Kind.PAPER, geochat.id) == "my GeoChat note"
    assert upgraded.note_text(Kind.PAPER, rsgpt.id) == "note on a paper I then delete"
    assert new_repo.get(Kind.PAPER, rsgpt.id).deleted_at is not None  # still in the trash
    # GeoChat keeps only the new "uses RSIEval" link; the link the user removed stays removed.
    assert [(e.title, e.relation) for e in new_repo.linked(Kind.PAPER, geochat.id)] == [
        ("RSIEval", "uses")
    ]
    skyeye = by_short_name(new_repo, "SkyEyeGPT")
    assert [(e.title, e.relation) for e in new_repo.linked(Kind.PAPER, skyeye.id)] == [
        ("RSIEval", "uses")
    ]
    assert new_repo.list_ids(Kind.PAPER, Query("统一遥感")) == [skyeye.id]  # indexed for search
    assert seeding.catalog_version(new_repo.engine) == "test.2"

    new_repo.engine.dispose()
    assert services.open_catalog(data_dir, newer_catalog).repo.stats()["papers"] == 3


def test_a_malformed_catalog_file_names_the_line(tmp_path):
    broken = tmp_path / "catalog.json"
    broken.write_text('{\n  "format": "rsfm-catalog",\n  "papers": [,]\n}\n', encoding="utf-8")
    with pytest.raises(CatalogFileError, match=r"catalog\.json, line 3"):
        services.open_catalog(tmp_path / "data", broken)


@pytest.mark.parametrize(
    "content", ['{"format": "something-else", "papers": []}', "[]", ""], ids=["format", "list", "empty"]
)
def test_a_file_that_is_not_a_catalog_is_refused(tmp_path, content):
    path = tmp_path / "catalog.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogFileError, match="catalog.json"):
        seeding.load_catalog_file(path)


def test_a_missing_catalog_file_is_refused(tmp_path):
    with pytest.raises(CatalogFileError, match="nowhere.json"):
        seeding.load_catalog_file(tmp_path / "nowhere.json")


def test_a_bad_newer_catalog_leaves_the_user_catalog_unchanged(data_dir, service, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text(FIXTURE_CATALOG.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    service.repo.engine.dispose()
    with pytest.raises(CatalogFileError):
        services.open_catalog(data_dir, broken)
    assert services.open_catalog(data_dir, FIXTURE_CATALOG).repo.stats()["papers"] == 4


def test_seeding_is_all_or_nothing(tmp_path):
    data = json.loads(FIXTURE_CATALOG.read_text(encoding="utf-8"))
    data["links"].append({"paper": "arxiv:2307.15266", "dataset": "dataset:rsicap", "relation": "cites"})
    bad = tmp_path / "bad-relation.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    engine = db.open_catalog(tmp_path / "data")
    with pytest.raises(Exception):
        seeding.seed_catalog(engine, bad)
    with engine.connect() as conn:
        for table in ("paper", "dataset", "paper_dataset_link", "seed_applied", "provenance"):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one() == 0, table
    report = seeding.seed_catalog(engine, FIXTURE_CATALOG)
    assert (report.papers, report.datasets, report.links) == (4, 2, 3)
