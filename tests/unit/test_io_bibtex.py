"""BibTeX and BibLaTeX as the specifications and reference managers have them, and exports
that give back exactly what was read (keys, types, extra fields, both summaries, notes)."""

from __future__ import annotations

import pytest

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io import ImportFormatError, parse_text, read_file
from rsfm_desktop.core.io import bibtex
from rsfm_desktop.core.io.citekeys import generate
from rsfm_desktop.core.io.snapshot import EntrySnapshot

from .io_helpers import FIXTURES


def _by_key(batch):
    return {r.values["citation_key"]: r for r in batch.records}


def _snapshots(batch):
    return [EntrySnapshot(r.kind, i, dict(r.values), tags={k: v for k, v in r.tags.items() if k != "suggested"},
                          note=r.note) for i, r in enumerate(batch.records, start=1)]


def test_biblatex_macros_crossref_date_journaltitle_and_kept_keys():
    batch = read_file(FIXTURES / "biblatex.bib")
    recs = _by_key(batch)
    assert set(recs) == {"wang2024rsmamba", "zhao2023pan", "li2025survey"}  # the volume is no entry
    mamba = recs["wang2024rsmamba"].values
    assert mamba["entry_type"] == "inproceedings"
    assert mamba["venue"] == "IEEE International Geoscience and Remote Sensing Symposium (IGARSS)"  # from crossref
    assert mamba["year"] == 2024 and mamba["extra_fields"]["publisher"] == "IEEE"
    assert mamba["extra_fields"]["pages"] == "101--104"
    pan = recs["zhao2023pan"].values
    assert pan["venue"] == "IEEE Transactions on Geoscience and Remote Sensing"  # macro # "…"
    assert pan["year"] == 2023 and pan["extra_fields"] == {"volume": "61", "date": "2023-06-15"}
    assert pan["doi"] == "10.1109/TGRS.2023.3281234"
    assert pan["pdf_url"] == "https://example.org/~zhao/pan_sharpening%20v2.pdf"  # verbatim: ~ % _ kept
    assert pan["summary_en"] == "We sharpen multispectral bands -- without retraining -- using 50% fewer steps."


def test_a_chinese_abstract_and_chinese_names():
    survey = _by_key(read_file(FIXTURES / "biblatex.bib"))["li2025survey"].values
    assert survey["summary_zh"].startswith("本文综述了基于CLIP和LLaVA")
    assert "summary_en" not in survey
    assert survey["authors"] == ["李明", "欧阳娜娜", "John Smith"]


def test_an_entry_without_title_is_skipped_with_its_line_the_rest_imported():
    batch = read_file(FIXTURES / "biblatex.bib")
    assert batch.warnings == [f"{FIXTURES / 'biblatex.bib'}, line 32: skipped: entry 'notitle2024' has no title"]
    assert len(batch.records) == 3


def test_an_unbalanced_brace_still_refuses_the_file_naming_its_line():
    text = "@article{a, title={Fine}}\n\n@article{b,\n  title = {Broken,\n  year = 2020\n}\n\n@article{c, title={C}}\n"
    with pytest.raises(ImportFormatError) as info:
        parse_text(text, "broken.bib")
    assert info.value.line == 3


def test_crossref_to_a_parent_that_comes_first_and_to_one_that_is_missing():
    text = ("@proceedings{p, title = {Proc. of Things}, year = 2021}\n"
            "@inproceedings{c1, title = {Child One}, crossref = {p}}\n"
            "@inproceedings{c2, title = {Child Two}, crossref = {nowhere}, booktitle = {Own}}\n")
    batch = parse_text(text, "x.bib")
    recs = _by_key(batch)
    assert recs["c1"].values["venue"] == "Proc. of Things" and recs["c1"].values["year"] == 2021
    assert recs["c2"].values["venue"] == "Own"
    assert "p" in recs  # read before any child cited it: an entry of its own, order kept
    assert [r.values["citation_key"] for r in batch.records] == ["p", "c1", "c2"]
    assert any("crossref 'nowhere' not found" in w for w in batch.warnings)


def test_export_writes_back_keys_types_venue_field_doi_case_and_every_field():
    batch = read_file(FIXTURES / "biblatex.bib")
    snaps = _snapshots(batch)
    text = bibtex.write(snaps)
    assert "@inproceedings{wang2024rsmamba," in text and "booktitle = {IEEE International" in text
    assert "@article{zhao2023pan," in text and "doi = {10.1109/TGRS.2023.3281234}" in text
    again = parse_text(text, "again.bib")
    assert [r.values for r in again.records] == [r.values for r in batch.records]
    assert bibtex.write(_snapshots(again)) == text


def test_both_summaries_travel_in_abstract_and_abstract_zh():
    snap = EntrySnapshot(Kind.PAPER, 1, {"title": "T", "summary_en": "English words here.",
                                         "summary_zh": "中文摘要内容。"})
    text = bibtex.write([snap])
    assert "abstract = {English words here.}" in text and f"{bibtex.ZH_ABSTRACT} = {{中文摘要内容。}}" in text
    values = parse_text(text, "s.bib").records[0].values
    assert (values["summary_en"], values["summary_zh"]) == ("English words here.", "中文摘要内容。")
    only_zh = bibtex.write([EntrySnapshot(Kind.PAPER, 1, {"title": "T", "summary_zh": "只有中文。"})])
    assert "abstract = {只有中文。}" in only_zh and bibtex.ZH_ABSTRACT not in only_zh


NOTE = ('# Reading notes -- part one\n\n"Quoted", \'single\', ``tex\'\' and --- rules:\n\n---\n\n'
        "@article{evil,\n  title = {injected}}\n  @misc(also\n100% sure, $5, a_b #1 ~tilde \\cmd {unbalanced\n"
        "    indented code\n- 重点二")


def test_a_note_is_exported_verbatim_escaped_and_reads_back_exactly():
    snaps = [EntrySnapshot(Kind.PAPER, 1, {"title": "First"}, note=NOTE),
             EntrySnapshot(Kind.PAPER, 2, {"title": "Second"})]
    text = bibtex.write(snaps)
    batch = parse_text(text, "notes.bib")
    assert [r.title for r in batch.records] == ["First", "Second"]  # nothing injected
    assert batch.records[0].note == NOTE


def test_generated_keys_follow_the_pattern_with_pinyin_and_stay_unique():
    paper = {"authors": ["Wei Zhang"], "year": 2024}
    assert generate(paper, "EarthGPT: A Universal Multimodal Large Language Model") == "zhang2024earthgptuniversalmultimodal"
    assert generate({"authors": ["李明"], "year": 2025}, "遥感视觉语言模型综述") == "li2025yaoganshi"
    assert generate({"authors": ["曾小华"], "year": 2023}, "On the Use of SAR") == "zeng2023usesar"
    assert generate({"authors": ["欧阳娜娜"]}, "Glacier Mapping") == "ouyangglaciermapping"
    assert generate({"authors": ["Julius Rückin"], "year": 2024}, "x", "[auth][year]") == "Ruckin2024"
    snaps = [EntrySnapshot(Kind.PAPER, 1, {"title": "Same Title", "authors": ["A. Doe"], "year": 2020}),
             EntrySnapshot(Kind.PAPER, 2, {"title": "Same Title", "authors": ["B. Doe"], "year": 2020}),
             EntrySnapshot(Kind.PAPER, 3, {"title": "Kept", "citation_key": "doe2020sametitle"})]
    assert bibtex.citation_keys(snaps) == ["doe2020sametitlea", "doe2020sametitleb", "doe2020sametitle"]


def test_chinese_names_are_written_so_that_they_read_back_in_order():
    snap = EntrySnapshot(Kind.PAPER, 1, {"title": "T", "authors": ["李明", "John Smith, Jr.", "Barnes and Noble"]})
    text = bibtex.write([snap])
    assert "author = {李明 and Smith, Jr., John and {Barnes and Noble}}" in text
    assert parse_text(text, "n.bib").records[0].values["authors"] == ["李明", "John Smith, Jr.", "Barnes and Noble"]


def test_verbatim_fields_are_neither_decoded_nor_escaped():
    snap = EntrySnapshot(Kind.PAPER, 1, {"title": "T", "paper_url": "https://x.org/a_b~c%20d?e=1&f=2",
                                         "doi": "10.1000/ABC_def"})
    text = bibtex.write([snap])
    assert "url = {https://x.org/a_b~c%20d?e=1&f=2}" in text and "doi = {10.1000/ABC_def}" in text
    values = parse_text(text, "v.bib").records[0].values
    assert values["paper_url"] == "https://x.org/a_b~c%20d?e=1&f=2" and values["doi"] == "10.1000/ABC_def"
