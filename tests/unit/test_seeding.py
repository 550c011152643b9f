"""Filling a catalog from the bundled catalog file, first launch and app upgrades, on both
engines (a new folder, an empty PostgreSQL database)."""

import json

import pytest

from rsfm_desktop.core import seeding
from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.seeding import CatalogFileError

from ..conftest import FIXTURE_CATALOG
from .catalog_helpers import count, dataset_id, paper_id


def by_short_name(catalog, short_name):
    return catalog.entries.get(Kind.PAPER, paper_id(catalog, short_name))


def dataset_named(catalog, name):
    return catalog.entries.get(Kind.DATASET, dataset_id(catalog, name))


@pytest.fixture
def first_launch(targets):
    """(target, catalog) of a catalog opened for the first time on a blank folder or database."""
    target = targets.blank()
    return target, targets.open(target)


def test_first_open_creates_the_catalog_from_the_file(first_launch, engine_name):
    target, catalog = first_launch
    if engine_name == "sqlite":
        assert (target / "catalog.sqlite3").is_file()
    assert catalog.entries.stats() == {"papers": 4, "datasets": 2, "links": 3, "notes": 0}
    assert seeding.catalog_version(catalog.store) == "test.1"


def test_known_entries_field_by_field(catalog):
    geochat = by_short_name(catalog, "GeoChat")
    assert geochat.code_url == "https://github.com/mbzuai-oryx/geochat"
    assert geochat.venue == "CVPR"
    assert geochat.year == 2024
    assert geochat.authors == ["Kartik Kuckreja", "Muhammad Sohail Danish"]
    assert geochat.summary_zh.startswith("利用已有的遥感数据")
    assert geochat.summary_en is None
    assert [(p["source"], p["locator"]) for p in catalog.entries.provenance(Kind.PAPER, geochat.id)] == [
        ("000.txt", "table row 2")
    ]
    assert geochat.seed_key == "arxiv:2311.15826" and geochat.version == 1 and geochat.uuid
    ringmo = by_short_name(catalog, "RingMo")
    assert (ringmo.year, ringmo.venue, ringmo.authors) == (None, None, [])

    rsicap = dataset_named(catalog, "RSICap")
    assert rsicap.download_urls == ["https://github.com/Lavender105/RSGPT"]
    assert rsicap.scale == "2,585 captions"


def test_the_rsgpt_rsicap_link(catalog):
    rsgpt = by_short_name(catalog, "RSGPT")
    assert {(e.title, e.relation) for e in catalog.entries.linked(Kind.PAPER, rsgpt.id)} == {
        ("RSICap", "introduces"), ("RSIEval", "introduces"),
    }


def test_reopening_does_not_duplicate(first_launch, targets):
    target, catalog = first_launch
    catalog.close()
    again = targets.open(target)
    assert again.entries.stats() == {"papers": 4, "datasets": 2, "links": 3, "notes": 0}


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
        "family": "MLLM",  # an older catalog file: the field becomes the family tag
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


def test_a_newer_catalog_adds_only_new_entries_and_keeps_user_work(targets, target, catalog, newer_catalog):
    geochat = by_short_name(catalog, "GeoChat")
    catalog.entries.update(Kind.PAPER, geochat.id, {"venue": "CVPR (oral)", "remark": "my remark"})
    catalog.notes.save(Kind.PAPER, geochat.id, "my GeoChat note")
    rsgpt = by_short_name(catalog, "RSGPT")
    catalog.notes.save(Kind.PAPER, rsgpt.id, "note on a paper I then delete")
    catalog.entries.delete(Kind.PAPER, [rsgpt.id])  # in the trash
    ringmo = by_short_name(catalog, "RingMo")
    catalog.entries.delete(Kind.PAPER, [ringmo.id])
    catalog.entries.purge(Kind.PAPER, [ringmo.id])  # gone for good (trash emptied)
    rsicap = dataset_named(catalog, "RSICap")
    catalog.entries.link(Kind.PAPER, geochat.id, rsicap.id, "uses", remove=True)
    catalog.close()

    upgraded = targets.open(target, catalog_file=newer_catalog)

    counts = upgraded.entries.stats()
    assert (counts["papers"], counts["datasets"], counts["links"]) == (3, 2, 2)
    assert sorted(upgraded.entries.get(Kind.PAPER, i).short_name for i in upgraded.entries.list_ids(Kind.PAPER)) == [
        "GeoChat", "RemoteCLIP", "SkyEyeGPT",
    ]
    kept = upgraded.entries.get(Kind.PAPER, geochat.id)
    assert (kept.venue, kept.remark) == ("CVPR (oral)", "my remark")
    skyeye = by_short_name(upgraded, "SkyEyeGPT")
    tags = upgraded.taxonomy.entry_tags(Kind.PAPER, [skyeye.id])[skyeye.id]
    assert [(t.facet_key, t.label_en) for t in tags] == [("family", "MLLM")]
    assert upgraded.notes.text(Kind.PAPER, geochat.id) == "my GeoChat note"
    assert upgraded.notes.text(Kind.PAPER, rsgpt.id) == "note on a paper I then delete"
    assert upgraded.entries.get(Kind.PAPER, rsgpt.id).trashed  # still in the trash
    # GeoChat keeps only the new "uses RSIEval" link; the link the user removed stays removed.
    assert [(e.title, e.relation) for e in upgraded.entries.linked(Kind.PAPER, geochat.id)] == [
        ("RSIEval", "uses")
    ]
    skyeye = by_short_name(upgraded, "SkyEyeGPT")
    assert [(e.title, e.relation) for e in upgraded.entries.linked(Kind.PAPER, skyeye.id)] == [
        ("RSIEval", "uses")
    ]
    assert upgraded.entries.list_ids(Kind.PAPER, Query("统一遥感")) == [skyeye.id]  # indexed for search
    assert seeding.catalog_version(upgraded.store) == "test.2"

    upgraded.close()
    assert targets.open(target, catalog_file=newer_catalog).entries.stats()["papers"] == 3


def test_a_malformed_catalog_file_names_the_line(targets, tmp_path):
    broken = tmp_path / "catalog.json"
    broken.write_text('{\n  "format": "rsfm-catalog",\n  "papers": [,]\n}\n', encoding="utf-8")
    with pytest.raises(CatalogFileError, match=r"catalog\.json, line 3"):
        targets.open(targets.blank(), catalog_file=broken)



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


def test_a_bad_newer_catalog_leaves_the_user_catalog_unchanged(targets, target, catalog, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text(FIXTURE_CATALOG.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    catalog.close()
    with pytest.raises(CatalogFileError):
        targets.open(target, catalog_file=broken)
    assert targets.open(target).entries.stats()["papers"] == 4


def test_seeding_is_all_or_nothing(empty_catalog, tmp_path):
    data = json.loads(FIXTURE_CATALOG.read_text(encoding="utf-8"))
    data["links"].append({"paper": "arxiv:2307.15266", "dataset": "dataset:rsicap", "relation": "cites"})
    bad = tmp_path / "bad-relation.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(Exception):
        seeding.seed_catalog(empty_catalog.store, bad)
    for table in ("paper", "dataset", "paper_dataset_link", "seed_applied", "provenance", "tag", "change_log"):
        assert count(empty_catalog, table) == 0, table
    report = seeding.seed_catalog(empty_catalog.store, FIXTURE_CATALOG)
    assert (report.papers, report.datasets, report.links) == (4, 2, 3)
