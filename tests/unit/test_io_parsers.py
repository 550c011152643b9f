"""Realistic input files in every format and dialect (tests/fixtures/io)."""

from __future__ import annotations

import pytest

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io import Format, ImportFormatError, parse_text, read_file
from rsfm_desktop.core.io.record import SUGGESTED

from .io_helpers import FIXTURES


def by_title(batch):
    return {r.title: r for r in batch.records}


def test_bibtex_strings_accents_arxiv_misc_and_dataset():
    batch = read_file(FIXTURES / "refs.bib")
    assert batch.format is Format.BIBTEX
    recs = by_title(batch)
    earth = recs["EarthGPT: A Universal Multimodal Large Language Model for Multisensor Image Comprehension in Remote Sensing Domain"]
    assert earth.values["venue"] == "IEEE Transactions on Geoscience and Remote Sensing"  # @string macro
    assert earth.values["doi"] == "10.1109/TGRS.2024.3409624"  # as written
    assert earth.tags == {"family": ["MLLM"], "task": ["VQA"]}
    geochat = recs["GeoChat: Grounded Large Vision-Language Model for Remote Sensing"]
    assert geochat.values["arxiv_id"] == "2311.15826"
    assert "others" not in geochat.values["authors"]
    ruckin = next(r for r in batch.records if r.title.startswith("Semi-Supervised"))
    assert ruckin.values["authors"][0] == "Julius Rückin"
    assert ruckin.values["authors"][3] == "Marija Popović"
    assert ruckin.note == "Read for the related-work section."
    clip = recs["RemoteCLIP: A Vision Language Foundation Model for Remote Sensing"]
    assert clip.values["doi"].lower() == "10.1109/tgrs.2024.3390838"  # doi.org URL in the doi field
    assert clip.values["summary_en"].endswith("imagery & text.")
    dataset = next(r for r in batch.records if r.kind is Kind.DATASET)
    assert dataset.values["download_urls"] == ["https://github.com/Lavender105/RSGPT"]
    assert [r.line for r in batch.records] == [5, 16, 25, 33, 43]


def test_ris_records_notes_and_dataset_type():
    batch = read_file(FIXTURES / "refs.ris")
    first, geochat, dataset = batch.records
    assert first.note == "Candidate for the survey table.\nSecond line of the note."
    assert first.tags == {"family": ["MLLM"], SUGGESTED: ["Remote sensing"]}
    assert geochat.values["arxiv_id"] == "2311.15826"  # from an /abs/…v2 URL
    assert geochat.values["code_url"] == "https://github.com/mbzuai-oryx/geochat"
    assert dataset.kind is Kind.DATASET and dataset.line == 24


def test_csljson_arxiv_doi_is_not_a_publisher_doi():
    earth, geochat, dataset = read_file(FIXTURES / "refs_csl.json").records
    assert earth.values["year"] == 2024 and earth.values["authors"] == ["Wei Zhang", "Miaoxin Cai"]
    assert geochat.values["arxiv_id"] == "2311.15826"
    assert "doi" not in geochat.values
    assert dataset.kind is Kind.DATASET


def test_csv_header_mapping_venue_with_year_and_missing_markers():
    recs = by_title(read_file(FIXTURES / "papers.csv"))
    geochat = recs["GeoChat: Grounded Large Vision-Language Model for Remote Sensing"]
    assert geochat.values["venue"] == "CVPR" and geochat.values["year"] == 2024
    assert geochat.values["authors"] == ["Kartik Kuckreja", "Muhammad Sohail Danish"]
    assert geochat.tags == {"family": ["MLLM"], "task": ["VQA"]}
    rsgpt = recs["RSGPT: A Remote Sensing Vision Language Model and Benchmark"]
    assert "code_url" not in rsgpt.values  # "-"
    clip = recs["RemoteCLIP: A Vision Language Foundation Model for Remote Sensing"]
    assert clip.values["year"] == 2024  # "nan" year, taken from "TGRS 2024"


def test_csv_semicolon_dialect_and_chinese_dataset_headers():
    semi = read_file(FIXTURES / "papers_semicolon.csv").records
    assert [r.values.get("venue") for r in semi] == ["AAAI", "NeurIPS"]
    assert "code_url" not in semi[1].values  # "null"
    datasets = read_file(FIXTURES / "datasets.csv").records
    assert all(r.kind is Kind.DATASET for r in datasets)
    assert datasets[0].values["description_zh"] == "高质量遥感图像描述数据集"


def test_markdown_tables_any_columns_badges_bold_links_and_dataset_section():
    batch = read_file(FIXTURES / "awesome_table.md")
    recs = by_title(batch)
    geochat = recs["GeoChat: Grounded Large Vision-Language Model for Remote Sensing"]
    assert geochat.values["code_url"] == "https://github.com/mbzuai-oryx/geochat"  # inside a star badge
    assert geochat.values["project_url"] == "https://mbzuai-oryx.github.io/GeoChat"
    assert geochat.tags == {SUGGESTED: ["Multimodal LLMs"]}
    earth = next(r for r in batch.records if r.title.startswith("EarthGPT"))
    assert earth.values["doi"].lower() == "10.1109/tgrs.2024.3409624" and "code_url" not in earth.values
    rsgpt = next(r for r in batch.records if r.title.startswith("RSGPT"))
    assert rsgpt.values["arxiv_id"] == "2307.15266" and "venue" not in rsgpt.values
    clip = next(r for r in batch.records if r.title.startswith("RemoteCLIP"))  # table without outer pipes
    assert (clip.values["venue"], clip.values["year"], clip.values["visual_encoder"]) == ("TGRS", 2024, "ViT-L")
    datasets = [r for r in batch.records if r.kind is Kind.DATASET]
    assert [d.title for d in datasets] == ["RSICap", "SkyScript"]
    assert datasets[0].values["scale"] == "2,585 captions"


def test_markdown_bullet_lists_both_dialects():
    batch = read_file(FIXTURES / "awesome_list.md")
    titles = [r.title for r in batch.records]
    assert "Vision-language models" not in titles  # table-of-contents anchors are not entries
    geochat = batch.records[0]
    assert geochat.values["code_url"] == "https://github.com/mbzuai-oryx/geochat"
    assert geochat.values["summary_en"].startswith("Fine-tunes LLaVA-1.5")
    earth = next(r for r in batch.records if r.title.startswith("EarthGPT"))
    assert earth.values["short_name"] == "EarthGPT" and earth.values["venue"] == "TGRS"
    assert earth.values["summary_zh"] == "统一多传感器遥感解译任务的多模态大语言模型。"
    seg = next(r for r in batch.records if r.title.startswith("SegEarth-OV"))
    assert seg.values["project_url"] == "https://likyoo.github.io/SegEarth-OV/"
    assert seg.values["year"] == 2025 and seg.values["arxiv_id"] == "2410.01768"
    assert batch.records[-1].kind is Kind.DATASET


@pytest.mark.parametrize("name", ["000_b49ec4a00680f461.txt", "001_627a892f6b5693ba.txt"])
def test_real_awesome_lists_from_the_seeds(name):
    from pathlib import Path

    path = Path("/work/shared/seeds") / name
    if not path.exists():
        pytest.skip("seed documents not available")
    batch = read_file(path, "markdown")
    assert len(batch.records) >= 14
    assert all(r.title and not r.title.startswith("http") for r in batch.records)


@pytest.mark.parametrize(
    ("name", "line", "fragment"),
    [("broken.bib", 6, "malformed BibTeX"), ("broken.ris", 5, "no closing"),
     ("broken.csv", 2, "malformed CSV"), ("broken.json", 4, "invalid JSON")],
)
def test_malformed_files_name_file_and_line(name, line, fragment):
    with pytest.raises(ImportFormatError) as info:
        read_file(FIXTURES / name)
    assert info.value.line == line and fragment in info.value.message
    assert name in str(info.value) and f"line {line}" in str(info.value)


def test_unknown_format_is_refused():
    with pytest.raises(ImportFormatError, match="unknown format"):
        parse_text("Just some notes about papers I liked.\nNothing structured.\n", "notes.txt")


def test_content_sniffing_for_files_without_extension():
    assert parse_text("TY  - JOUR\nTI  - A title\nER  - \n", "export").format is Format.RIS
    assert parse_text("@article{k, title={A}}", "export").format is Format.BIBTEX
    assert parse_text('[{"title": "A"}]', "export").format is Format.CSLJSON
