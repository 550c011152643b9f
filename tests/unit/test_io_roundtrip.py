"""Export → import into an empty catalog reproduces the entries; the app's JSON is lossless."""

from __future__ import annotations

import json

import pytest

from rsfm_desktop.core.fields import FIELDS, Kind
from rsfm_desktop.core.io import Format, export_text, export_view
from rsfm_desktop.core.io.snapshot import open_snapshots
from rsfm_desktop.core.repository import CatalogRepository

from .io_helpers import FIXTURES, import_file, import_text, new_engine

BIBLIOGRAPHIC = ("title", "authors", "year", "venue", "arxiv_id", "doi", "paper_url", "code_url", "summary_en")
CARRIED = {
    Format.BIBTEX: BIBLIOGRAPHIC + ("short_name", "pdf_url", "project_url"),
    Format.RIS: BIBLIOGRAPHIC + ("short_name",),
    Format.CSLJSON: BIBLIOGRAPHIC + ("short_name",),
    Format.CSV: tuple(f.key for f in FIELDS[Kind.PAPER]),
    Format.MARKDOWN: ("title", "short_name", "year", "venue", "code_url", "project_url", "arxiv_id"),
}
SUFFIX = {Format.BIBTEX: ".bib", Format.RIS: ".ris", Format.CSLJSON: ".json", Format.CSV: ".csv",
          Format.MARKDOWN: ".md", Format.JSON: ".json"}


@pytest.fixture
def rich(tmp_path):
    """A catalog with accents, special characters, tags in a tree, notes, links, trash."""
    engine = new_engine(tmp_path, "rich")
    for name in ("refs.bib", "awesome_table.md", "papers.csv"):
        import_file(engine, FIXTURES / name)
    repo = CatalogRepository(engine)
    ids = repo.list_ids(Kind.PAPER)
    repo.update(Kind.PAPER, ids[0], {"summary_en": 'Uses 50% less memory & "quoted" {braces}_x #1',
                                     "summary_zh": "遥感多模态大模型", "family": "MLLM", "remark": "line one\nline two"})
    repo.save_note(Kind.PAPER, ids[0], "# Notes\n\n- point one\n- 重点二")
    dataset = repo.list_ids(Kind.DATASET)[0]
    repo.add_link(ids[0], dataset, "introduces")
    repo.attach(ids[0], tmp_path / "paper.pdf")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO facet(key, label_en, label_zh, position) VALUES ('modality', 'Modality', '模态', 2)")
        fid = conn.exec_driver_sql("SELECT id FROM facet WHERE key='modality'").scalar_one()
        conn.exec_driver_sql("INSERT INTO tag(facet_id, parent_id, label_en, label_zh, color, position) VALUES (?, NULL, 'Optical', '光学', '#ff0000', 0)", (fid,))
        parent = conn.exec_driver_sql("SELECT max(id) FROM tag").scalar_one()
        conn.exec_driver_sql("INSERT INTO tag(facet_id, parent_id, label_en, label_zh, color, position) VALUES (?, ?, 'Multispectral', '多光谱', NULL, 1)", (fid, parent))
        child = conn.exec_driver_sql("SELECT max(id) FROM tag").scalar_one()
        conn.exec_driver_sql("INSERT INTO tag_synonym(tag_id, text) VALUES (?, 'MSI')", (child,))
        conn.exec_driver_sql("INSERT INTO paper_tag(paper_id, tag_id) VALUES (?, ?)", (ids[1], child))
    repo.delete(Kind.PAPER, [ids[-2]])
    return engine


def by_title(engine, kind=Kind.PAPER):
    return {s.title: s for s in open_snapshots(engine, kind, None)}


@pytest.mark.parametrize("fmt", [Format.BIBTEX, Format.RIS, Format.CSLJSON, Format.CSV, Format.MARKDOWN])
def test_round_trip_reproduces_the_entries(fmt, rich, tmp_path):
    text = export_text(rich, fmt)
    target = new_engine(tmp_path, f"empty-{fmt.value}")
    report = import_text(target, text, f"export{SUFFIX[fmt]}", fmt)
    before, after = by_title(rich), by_title(target)
    assert set(after) == set(before) and report.errors == []
    for title, snap in before.items():
        for key in CARRIED[fmt]:
            assert after[title].values.get(key) == snap.values.get(key), (title, key)
    if fmt is not Format.MARKDOWN:  # the awesome list groups by facet and shows no other tags
        for title, snap in before.items():
            assert after[title].tags == snap.tags, title
            assert (after[title].note or None) == (snap.note or None), title
    datasets_before, datasets_after = by_title(rich, Kind.DATASET), by_title(target, Kind.DATASET)
    assert set(datasets_after) == set(datasets_before)


def test_app_json_is_lossless(rich, tmp_path):
    first = export_text(rich, Format.JSON)
    target = new_engine(tmp_path, "empty-json")
    import_text(target, first, "catalog.json")
    second = export_text(target, Format.JSON)
    assert json.loads(second) == json.loads(first)
    data = json.loads(first)
    assert any(p["deleted_at"] for p in data["papers"])  # the trash travels too
    assert {t["label_en"]: t["parent"] is not None for t in data["tags"]}["Multispectral"]
    repo = CatalogRepository(target)
    assert repo.stats() == CatalogRepository(rich).stats()


def test_app_json_import_into_a_filled_catalog_merges_the_taxonomy(rich, tmp_path):
    text = export_text(rich, Format.JSON)
    report = import_text(rich, text, "catalog.json")
    assert report.added == 1  # only the trashed paper is not matched by a live entry
    with rich.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM tag WHERE label_en = 'Multispectral'").scalar_one() == 1


def test_bibtex_keys_are_stable_unique_and_escaped(rich):
    text = export_text(rich, Format.BIBTEX)
    assert text == export_text(rich, Format.BIBTEX)
    # [auth:lower][year][shorttitle:lower]: three words of the title, function words left out
    assert "@article{zhang2024earthgptuniversalmultimodal," in text
    assert "@misc{rsgpt2023rsgptremotesensing," in text  # an arXiv preprint without authors: keyed by its model
    keys = [line.split("{", 1)[1].rstrip(",") for line in text.splitlines() if line.startswith("@")]
    assert len(keys) == len(set(keys))
    assert r"R{\"u}ckin" in text and r"50{\%} less memory {\&}" in text


def test_markdown_awesome_list_is_deterministic_and_grouped(rich):
    text = export_text(rich, Format.MARKDOWN)
    assert text == export_text(rich, Format.MARKDOWN)
    assert "## MLLM" in text and "## Datasets" in text
    assert "[code](https://github.com/mbzuai-oryx/geochat)" in text


def test_export_of_a_selection_and_of_the_current_view(rich):
    repo = CatalogRepository(rich)
    ids = repo.list_ids(Kind.PAPER)[:2]
    bib = export_text(rich, Format.BIBTEX, paper_ids=ids)
    assert bib.count("\n@") + bib.startswith("@") == 2
    view = list(reversed(ids))
    md = export_view(rich, Kind.PAPER, ["title", "year"], view, "markdown")
    lines = md.splitlines()
    assert lines[0] == "| Title | Year |" and len(lines) == 4
    assert lines[2].startswith(f"| {repo.get(Kind.PAPER, view[0]).title}")
    latex = export_view(rich, Kind.PAPER, ["title", "venue"], view, "latex")
    assert latex.startswith("\\begin{tabular}{ll}") and "\\hline" in latex
    csv_text = export_view(rich, Kind.PAPER, ["title"], view, "csv")
    assert csv_text.splitlines()[0] == "Title"
