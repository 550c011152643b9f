"""Duplicate detection: identifiers, normalised titles, year tolerance; find and merge."""

from __future__ import annotations

import pytest

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io.identifiers import arxiv_id, doi, normalise_title
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
    assert doi("https://doi.org/10.1109/TGRS.2024.3409624") == "10.1109/tgrs.2024.3409624"
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
