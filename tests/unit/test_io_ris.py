"""RIS read the way the specification and reference managers read it, written so that no
value can break a record, and read back exactly."""

from __future__ import annotations

import pytest

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io import ImportFormatError, parse_text, read_file
from rsfm_desktop.core.io import ris
from rsfm_desktop.core.io.snapshot import EntrySnapshot

from .io_helpers import FIXTURES


def _snapshots(batch):
    return [EntrySnapshot(r.kind, i, dict(r.values), tags={k: v for k, v in r.tags.items() if k != "suggested"},
                          note=r.note) for i, r in enumerate(batch.records, start=1)]


def test_every_title_tag_in_the_specifications_order():
    batch = read_file(FIXTURES / "titles.ris")
    titles = {r.title: r.values for r in batch.records}
    assert set(titles) == {"Cloud removal in optical imagery with SAR guidance",  # T1
                           "Sea-ice leads from altimetry waveforms",  # CT
                           "Radar Remote Sensing of Ice",  # BT of a whole book
                           "Scatterometry over snow",  # TI; its BT is the book it is in
                           "GlacierNet",  # ST only
                           "An online atlas of permafrost"}
    assert titles["Scatterometry over snow"]["venue"] == "Handbook of Snow Observation"
    assert titles["Radar Remote Sensing of Ice"]["entry_type"] == "book"


def test_a_record_without_any_title_is_skipped_the_others_imported():
    batch = read_file(FIXTURES / "titles.ris")
    assert len(batch.records) == 6
    assert batch.warnings == [f"{FIXTURES / 'titles.ris'}, line 47: skipped: record has no title (TI, T1, CT, BT or ST)"]


def test_l1_is_a_list_of_links_and_wrapped_lines_continue_their_field():
    cloud = read_file(FIXTURES / "titles.ris").records[0]
    v = cloud.values
    assert v["pdf_url"] == "https://example.org/papers/cloud.pdf"
    assert v["extra_fields"]["file"] == "https://mirror.example.org/cloud.pdf; internal-pdf://0042/cloud.pdf"
    assert v["summary_en"] == "A first line of the abstract\nthat goes on after a line break."
    assert cloud.note == "A note in two lines\nsecond line of the note"
    assert v["authors"] == ["Hao Chen", "李明"]
    assert (v["citation_key"], v["entry_type"], v["doi"]) == ("chen2022cloud", "article", "10.1016/J.RSE.2022.112907")
    assert v["extra_fields"] | {} == {"volume": "270", "number": "3", "pages": "112--130",
                                     "file": v["extra_fields"]["file"]}


def test_export_round_trips_every_field_ris_can_carry():
    batch = read_file(FIXTURES / "titles.ris")
    text = ris.write(_snapshots(batch))
    again = parse_text(text, "again.ris")
    assert [r.values for r in again.records] == [r.values for r in batch.records]
    assert [r.note for r in again.records] == [r.note for r in batch.records]
    assert ris.write(_snapshots(again)) == text


def test_no_value_can_inject_a_record():
    evil_title = "Line one\nER  - \nTY  - JOUR\nTI  - injected"
    note = "ER  - \nTY  - JOUR\n ER  - indented already\n\nafter a blank line\n    indented code"
    snaps = [EntrySnapshot(Kind.PAPER, 1, {"title": evil_title, "summary_en": "ab\nER  - \nmore"}, note=note),
             EntrySnapshot(Kind.PAPER, 2, {"title": "Second"})]
    text = ris.write(snaps)
    batch = parse_text(text, "x.ris")
    assert [r.title for r in batch.records] == ["Line one ER - TY - JOUR TI - injected", "Second"]
    assert batch.records[0].note == note
    assert batch.records[0].values["summary_en"] == "ab\nER  - \nmore"


def test_a_record_without_er_still_refuses_the_file():
    with pytest.raises(ImportFormatError, match="no closing") as info:
        parse_text("TY  - JOUR\nTI  - A\nER  - \n\nTY  - JOUR\nTI  - B\n", "cut.ris")
    assert info.value.line == 5


def test_datasets_and_both_summaries():
    snaps = [EntrySnapshot(Kind.DATASET, 1, {"name": "RSICap", "data_type": "image-text", "year": 2023,
                                             "download_urls": ["https://a.org/x", "https://b.org/y"],
                                             "description_en": "Captions.", "description_zh": "图像描述。"}),
             EntrySnapshot(Kind.PAPER, 2, {"title": "P", "summary_en": "English.", "summary_zh": "中文。"})]
    records = parse_text(ris.write(snaps), "d.ris").records
    data, paper = records
    assert data.kind is Kind.DATASET
    assert {k: data.values[k] for k in ("name", "data_type", "year", "download_urls", "description_en",
                                        "description_zh")} == snaps[0].values
    assert (paper.values["summary_en"], paper.values["summary_zh"]) == ("English.", "中文。")
