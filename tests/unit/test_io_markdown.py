"""Awesome lists as they are written (tests/fixtures/io/awesome_dialects.md imitates the
dialects of real lists in its own words)."""

from __future__ import annotations

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io import parse_text, read_file
from rsfm_desktop.core.io.tabular import map_headers

from .io_helpers import FIXTURES


def _lines():
    return {r.line: r for r in read_file(FIXTURES / "awesome_dialects.md").records}


def test_free_column_names_venue_and_year_run_together_and_bold_titles():
    rec = _lines()
    ice = rec[13].values
    assert (ice["title"], ice["short_name"], ice["venue"], ice["year"]) == (
        "IceMAE: Masked Autoencoders for Glacier Imagery", "IceMAE", "TGRS", 2022)
    assert ice["code_url"] == "https://github.com/example/icemae"  # "Code & Weights" column, [link](…)
    assert ice["paper_url"] == "https://example.org/icemae"  # the "Paper" column beside "Title"
    crevasse = rec[14].values
    assert (crevasse["venue"], crevasse["year"], crevasse["arxiv_id"]) == ("arXiv", 2023, "2301.01234")
    assert "short_name" not in crevasse and "code_url" not in crevasse  # "**-**" and "null"
    assert rec[16].values["title"] == "FirnNet--Snowpack Layers from Space"  # four stars of bold


def test_a_placeholder_row_is_skipped_with_its_line_not_the_table():
    batch = read_file(FIXTURES / "awesome_dialects.md")
    assert batch.warnings == [f"{FIXTURES / 'awesome_dialects.md'}, line 15: skipped: table row has no title"]
    assert len(batch.records) == 12


def test_a_name_column_titles_the_entry_when_the_paper_column_holds_only_links():
    snow = _lines()[20].values
    assert (snow["title"], snow["venue"], snow["year"]) == ("SnowR1", "arXiv", 2025)
    assert snow["code_url"] == "https://github.com/example/snowr1"  # "Official code", not the weights


def test_numbered_and_bulleted_lines_with_inline_links():
    rec = _lines()
    seasonal = rec[23].values
    assert (seasonal["title"], seasonal["venue"], seasonal["year"]) == (
        "Seasonal pretext tasks for polar imagery", "TGRS", 2022)
    assert seasonal["code_url"] == "https://github.com/example/seasonal"
    assert rec[24].values["venue"] == "NeurIPS (DB)"
    sea = rec[27].values
    assert (sea["title"], sea["venue"], sea["year"], sea["code_url"]) == (
        "Describing sea ice in words", "TGRS", 2021, "https://github.com/example/seaice")
    assert rec[28].values["venue"] == "Remote Sensing"


def test_dataset_tables_and_lists_are_told_from_paper_tables():
    rec = _lines()
    assert all(rec[n].kind is Kind.PAPER for n in (13, 14, 16, 20, 23, 24, 27, 28))
    polar = rec[34]
    assert polar.kind is Kind.DATASET and polar.values["scale"] == "1.2 million"
    assert rec[38].values["download_urls"] == ["https://github.com/example/icechat"]  # a badge around the link
    assert rec[41].title == "Svalbard tiles"  # the link only says where to download


def test_header_words_map_to_fields():
    headers = ["Time", "Model Name", "Paper Title", "Visual Encoder", "Code/Project"]
    assert map_headers(Kind.PAPER, headers) == ["year", "short_name", "title", "visual_encoder", "code_url"]
    assert map_headers(Kind.PAPER, ["Title", "Paper"]) == ["title", "paper_url"]


def test_a_row_without_title_no_longer_refuses_the_list():
    text = "| Title | Code |\n|---|---|\n| A real paper | [code](https://github.com/a/b) |\n| ........ | |\n"
    batch = parse_text(text, "x.md")
    assert [r.title for r in batch.records] == ["A real paper"]
    assert batch.warnings == ["x.md, line 4: skipped: table row has no title"]
