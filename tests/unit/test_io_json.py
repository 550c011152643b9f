"""CSL-JSON and the app's JSON: every field they can carry comes back, provenance is JSON,
and an item without a title costs only itself."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io import ImportFormatError, parse_text
from rsfm_desktop.core.io import appjson, csljson
from rsfm_desktop.core.io.snapshot import EntrySnapshot

PAPER = {
    "title": "GeoChat: Grounded Large Vision-Language Model for Remote Sensing", "short_name": "GeoChat",
    "authors": ["Kartik Kuckreja", "李明"], "year": 2024, "venue": "CVPR", "arxiv_id": "2311.15826",
    "doi": "10.1109/CVPR52733.2024.02629", "paper_url": "https://openaccess.example.org/geochat",
    "pdf_url": "https://openaccess.example.org/geochat.pdf", "code_url": "https://github.com/mbzuai-oryx/geochat",
    "project_url": "https://mbzuai-oryx.github.io/GeoChat", "summary_en": "Grounded dialogue over imagery.",
    "summary_zh": "遥感图像上的有据对话。", "citation_key": "kuckreja2024geochat", "entry_type": "inproceedings",
    "extra_fields": {"pages": "27831--27840", "publisher": "IEEE", "primaryclass": "cs.CV"},
}
DATASET = {"name": "RSICap", "year": 2023, "data_type": "image-text", "scale": "2,585 captions",
           "download_urls": ["https://github.com/Lavender105/RSGPT", "https://mirror.example.org/rsicap"],
           "description_en": "Human-written captions.", "description_zh": "人工撰写的描述。"}


def test_csl_json_round_trips_every_field_it_can_carry():
    snaps = [EntrySnapshot(Kind.PAPER, 1, dict(PAPER), tags={"family": ["MLLM"]}, note="Read it."),
             EntrySnapshot(Kind.DATASET, 2, dict(DATASET))]
    text = csljson.write(snaps)
    item = json.loads(text)[0]
    assert (item["id"], item["type"], item["page"], item["publisher"]) == (
        "kuckreja2024geochat", "paper-conference", "27831--27840", "IEEE")
    paper, dataset = parse_text(text, "x.json").records
    assert paper.values == PAPER and paper.tags == {"family": ["MLLM"]} and paper.note == "Read it."
    assert dataset.kind is Kind.DATASET
    assert dataset.values == {**DATASET, "citation_key": "anon2023rsicap", "entry_type": "dataset"}  # ids are required


def test_csl_json_given_and_family_names_keep_chinese_order():
    items = [{"id": "a", "type": "article-journal", "title": "T",
              "author": [{"family": "李", "given": "明"}, {"family": "Smith", "given": "John"}, {"literal": "王, 小红"}]}]
    assert parse_text(json.dumps(items), "a.json").records[0].values["authors"] == ["李明", "John Smith", "王小红"]


def test_a_csl_item_without_title_is_skipped_and_a_broken_file_refused():
    text = '[\n {"id": "a", "title": "Kept"},\n {"id": "b", "type": "book"},\n {"id": "c", "title": "Also kept"}\n]'
    batch = parse_text(text, "x.json")
    assert [r.title for r in batch.records] == ["Kept", "Also kept"]
    assert batch.warnings == ["x.json, line 3: skipped: item has no title"]
    with pytest.raises(ImportFormatError) as info:
        parse_text('[\n {"id": "a", "title": "Kept"},\n {"id": "b" "title": "x"}\n]', "y.json")
    assert info.value.line == 3


def _app_snapshot():
    stamp = datetime(2024, 5, 1, 8, 30, tzinfo=timezone.utc)
    return EntrySnapshot(Kind.PAPER, 7, dict(PAPER), tag_ids=[1], note="n",
                         meta={"created_at": stamp, "updated_at": stamp, "version": 3, "seed_key": None,
                               "deleted_at": None},
                         provenance=[{"source": "list.md", "locator": "table row 3", "excerpt": "| GeoChat |"}],
                         attachments=[{"path": "/papers/geochat.pdf", "kind": "pdf", "added_at": stamp}])


def test_app_json_writes_provenance_and_times_as_json_not_python_repr():
    entry = appjson._entry_json(_app_snapshot())
    text = json.dumps(entry)
    assert "{'" not in text and "datetime" not in text
    assert entry["provenance"] == [{"source": "list.md", "locator": "table row 3", "excerpt": "| GeoChat |"}]
    assert entry["created_at"] == "2024-05-01T08:30:00+00:00"
    assert entry["extra_fields"] == PAPER["extra_fields"]


def test_app_json_reads_an_older_exports_repr_provenance_and_skips_untitled_entries():
    data = {"format": "rsfm-export", "format_version": 1, "tags": [], "facets": [],
            "papers": [{"ref": "p1", "title": "Old", "provenance": ["{'source': 'a.md', 'locator': 'row 2', 'excerpt': None}"]},
                       {"ref": "p2", "title": ""}],
            "datasets": [], "links": [{"paper": "p1", "dataset": "d1", "relation": "uses"}]}
    batch = parse_text(json.dumps(data, indent=1), "old.json")
    assert [r.title for r in batch.records] == ["Old"]
    assert batch.records[0].provenance == [{"source": "a.md", "locator": "row 2", "excerpt": None}]
    assert batch.links == [("p1", "d1", "uses")]
    assert len(batch.warnings) == 1 and "p2 has no title" in batch.warnings[0]


def test_app_json_with_damaged_times_and_versions_still_imports_every_entry(empty_catalog):
    """A rescued or hand-edited export: a time or version that is not one never fails the import."""
    data = {"format": "rsfm-export", "format_version": 1, "tags": [], "facets": [], "links": [],
            "papers": [{"ref": "p1", "title": "Flipped time", "created_at": "2026-12-01 13:28:55-F`k581",
                        "updated_at": "yesterday", "version": "x3", "note": "kept",
                        "note_created_at": "not a time"}],
            "datasets": []}
    batch = parse_text(json.dumps(data), "rescued.json")
    report = empty_catalog.imports.apply(empty_catalog.imports.plan(batch)).result
    assert report.added == 1
    [paper] = empty_catalog.entries.list_ids(Kind.PAPER)
    entry = empty_catalog.entries.get(Kind.PAPER, paper)
    assert entry.title == "Flipped time" and entry.created_at is not None and entry.version >= 1
    assert empty_catalog.notes.text(Kind.PAPER, paper) == "kept"
