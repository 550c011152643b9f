"""Duplicate detection: identifiers, normalised titles, year tolerance; find and merge."""

from __future__ import annotations

import pytest

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io.identifiers import arxiv_id, doi, doi_key, normalise_title
from rsfm_desktop.core.io.matching import MatchIndex

GEOCHAT = "GeoChat: Grounded Large Vision-Language Model for Remote Sensing"


def index_with(values):
    index = MatchIndex(Kind.PAPER)
    index.add(1, values)
    return index


@pytest.mark.parametrize(
    ("text", "expected"),
    [("https://arxiv.org/abs/2311.15826", "2311.15826"), ("https://arxiv.org/pdf/2311.15826v3", "2311.15826"),
     ("https://arxiv.org/pdf/2405.04285.pdf", "2405.04285"), ("10.48550/arXiv.2311.15826", "2311.15826"),
     ("https://doi.org/10.48550/arXiv.2311.15826", "2311.15826"), ("arXiv:2311.15826v2", "2311.15826"),
     ("https://ieeexplore.ieee.org/document/10547418", None)],
)
def test_arxiv_ids_in_links_and_fields(text, expected):
    assert arxiv_id(text) == expected


def test_dois_in_links_but_not_arxiv_dois():
    assert doi("https://doi.org/10.1109/TGRS.2024.3409624") == "10.1109/TGRS.2024.3409624"  # case kept
    assert doi_key("https://doi.org/10.1109/TGRS.2024.3409624") == "10.1109/tgrs.2024.3409624"
    assert doi("doi:10.3390/rs16091477.") == "10.3390/rs16091477"
    assert doi("10.48550/arXiv.2311.15826") is None
    assert doi("https://www.mdpi.com/2072-4292/16/9/1477") is None


def test_arxiv_version_and_published_version_are_the_same_paper():
    index = index_with({"title": "GeoChat", "year": 2023, "arxiv_id": "2311.15826"})
    published = {"title": "GeoChat: Grounded LVLM (CVPR version)", "year": 2024, "arxiv_id": "2311.15826",
                 "doi": "10.1109/cvpr.2024.1"}
    assert index.best(published).reason == "arxiv"


def test_full_width_and_latex_titles_match():
    index = index_with({"title": GEOCHAT, "year": 2024})
    assert index.best({"title": "ＧｅｏＣｈａｔ： Grounded Large Vision-Language Model for Remote Sensing", "year": 2024})
    assert index.best({"title": "{GeoChat}: Grounded Large {V}ision-{L}anguage Model for Remote Sensing"})
    assert normalise_title(r"R{\"u}ckin") == normalise_title("Rückin") == "ruckin"


def test_small_title_variations_match_but_different_papers_do_not():
    index = index_with({"title": GEOCHAT, "year": 2024})
    assert index.best({"title": "GeoChat: Grounded Large Vision Language Models for Remote Sensing", "year": 2024})
    assert index.best({"title": "SkyEyeGPT: Unifying Remote Sensing Vision-Language Tasks", "year": 2024}) is None
    other = index_with({"title": "RSGPT: A Remote Sensing Vision Language Model and Benchmark"})
    assert other.best({"title": "RS5M and GeoRSCLIP: A Large Scale Vision-Language Dataset"}) is None


def test_year_off_by_one_matches_off_by_two_does_not():
    index = index_with({"title": GEOCHAT, "year": 2023})
    assert index.best({"title": GEOCHAT, "year": 2024}) is not None
    assert index.best({"title": GEOCHAT, "year": 2025}) is None
    assert index.best({"title": GEOCHAT}) is not None  # unknown year: title decides


def test_find_duplicates_and_merge_keep_the_union(empty_catalog):
    entries, notes = empty_catalog.entries, empty_catalog.notes
    keep = entries.create(Kind.PAPER, {"title": GEOCHAT, "year": 2024, "venue": "CVPR"}).result
    lose = entries.create(Kind.PAPER, {"title": GEOCHAT.upper(), "year": 2023, "code_url": "https://github.com/a/b"}).result
    entries.create(Kind.PAPER, {"title": "Something else entirely", "year": 2024})
    notes.save(Kind.PAPER, keep, "My reading notes.")
    notes.save(Kind.PAPER, lose, "Imported remark.")
    dataset = entries.create(Kind.DATASET, {"name": "RSICap"}).result
    entries.link(Kind.PAPER, lose, dataset, "uses")
    pairs = empty_catalog.imports.find_duplicates(Kind.PAPER)
    assert [(p.first_id, p.second_id, p.reason) for p in pairs] == [(keep, lose, "title")]
    command = empty_catalog.imports.merge(Kind.PAPER, keep, lose)
    assert command.label.startswith("Merge “") and command.label.endswith(f"into “{GEOCHAT}”")
    kept = entries.get(Kind.PAPER, keep)
    assert kept.venue == "CVPR" and kept.year == 2024  # the kept values win
    assert kept.code_url == "https://github.com/a/b"  # empty field filled
    assert notes.text(Kind.PAPER, keep) == "My reading notes.\n\n---\n\nImported remark."
    assert [e.id for e in entries.linked(Kind.PAPER, keep)] == [dataset]
    assert entries.get(Kind.PAPER, lose).trashed  # moved to the trash
    assert entries.count(Kind.PAPER) == 2
    assert empty_catalog.imports.find_duplicates(Kind.PAPER) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [("Sea Ice Classification from SAR, Part I: Methods", "Sea Ice Classification from SAR, Part II: Methods"),
     ("GlacierNet v1: Mapping Debris-Covered Glaciers", "GlacierNet v2: Mapping Debris-Covered Glaciers"),
     ("The Data Fusion Contest 2023 Results", "The Data Fusion Contest 2024 Results"),
     ("Cloud Removal with 3 Sentinel-2 Bands", "Cloud Removal with 4 Sentinel-2 Bands")],
)
def test_titles_that_differ_in_a_number_part_version_or_year_are_different_papers(first, second):
    assert index_with({"title": first, "year": 2024}).best({"title": second, "year": 2024}) is None
    assert index_with({"title": first, "year": 2024}).best({"title": first, "year": 2024}) is not None


def test_a_generic_title_matches_only_when_authors_or_identifiers_do_not_disagree():
    index = index_with({"title": "Introduction", "authors": ["Wei Zhang"], "entry_type": "incollection"})
    assert index.best({"title": "Introduction", "authors": ["Anna Weber"]}) is None
    assert index.best({"title": "Introduction", "authors": ["Zhang, Wei"]}) is not None  # same family name
    assert index.best({"title": "Introduction", "entry_type": "book"}) is None
    with_ids = index_with({"title": GEOCHAT, "arxiv_id": "2311.15826"})
    assert with_ids.best({"title": GEOCHAT, "arxiv_id": "2401.00001"}) is None


def test_dois_are_compared_without_case():
    index = index_with({"title": "A", "doi": "10.1109/TGRS.2024.3409624"})
    assert index.best({"title": "Something else", "doi": "10.1109/tgrs.2024.3409624"}).reason == "doi"


def test_records_of_one_file_with_a_generic_title_and_different_authors_are_not_folded(empty_catalog):
    from rsfm_desktop.core.io import Status, parse_text

    text = ("@incollection{a, title = {Introduction}, author = {Zhang, Wei}, booktitle = {Book One}}\n"
            "@book{b, title = {Introduction}, author = {Weber, Anna}}\n"
            "@article{c, title = {Introduction}, author = {Zhang, Wei}}\n")
    plan = empty_catalog.imports.plan(parse_text(text, "x.bib"))
    # a and b share a generic title but no author; c is a's journal version (same author)
    assert [e.status for e in plan.entries] == [Status.NEW, Status.NEW, Status.DUPLICATE]
    empty_catalog.entries.create(Kind.PAPER, {"title": "Part II of the Survey", "authors": ["Wei Zhang"]})
    plan = empty_catalog.imports.plan(parse_text("TY  - JOUR\nTI  - Part I of the Survey\nAU  - Zhang, Wei\nER  - \n", "y.ris"))
    assert plan.entries[0].status is Status.NEW
