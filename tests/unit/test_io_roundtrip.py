"""Export → import into an empty catalog reproduces the entries; the app's JSON is lossless."""

from __future__ import annotations

import json

import pytest

from rsfm_desktop.core.fields import FIELDS, Kind
from rsfm_desktop.core.io import Format

from .catalog_helpers import read
from .io_helpers import FIXTURES, import_file, import_text

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
def rich(targets, tmp_path):
    """A catalog with accents, special characters, tags in a tree, notes, links, trash."""
    catalog = targets.empty()
    for name in ("refs.bib", "awesome_table.md", "papers.csv"):
        import_file(catalog, FIXTURES / name)
    entries, tax = catalog.entries, catalog.taxonomy
    ids = entries.list_ids(Kind.PAPER)
    entries.update(Kind.PAPER, ids[0], {"summary_en": 'Uses 50% less memory & "quoted" {braces}_x #1',
                                        "summary_zh": "遥感多模态大模型", "remark": "line one\nline two"})
    catalog.notes.save(Kind.PAPER, ids[0], "# Notes\n\n- point one\n- 重点二")
    dataset = entries.list_ids(Kind.DATASET)[0]
    entries.link(Kind.PAPER, ids[0], dataset, "introduces")
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    catalog.attachments.attach_pdf(ids[0], pdf)
    tax.create_facet("modality", "Modality", "模态")
    optical = tax.create_tag("modality", "Optical", "光学", color="#ff0000").result
    multispectral = tax.create_tag("modality", "Multispectral", "多光谱", parent_id=optical).result
    tax.add_synonym(multispectral, "MSI")
    tax.assign(Kind.PAPER, [ids[1]], [multispectral])
    entries.delete(Kind.PAPER, [ids[-2]])
    return catalog


def by_title(catalog, kind=Kind.PAPER):
    return {s.title: s for s in catalog.imports.snapshots(kind)}


@pytest.mark.parametrize("fmt", [Format.BIBTEX, Format.RIS, Format.CSLJSON, Format.CSV, Format.MARKDOWN])
def test_round_trip_reproduces_the_entries(fmt, rich, targets):
    text = rich.imports.export_text(fmt)
    target = targets.empty()
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


def test_app_json_is_lossless(rich, targets):
    first = rich.imports.export_text(Format.JSON)
    target = targets.empty()
    import_text(target, first, "catalog.json")
    second = target.imports.export_text(Format.JSON)
    assert json.loads(second) == json.loads(first)
    data = json.loads(first)
    assert any(p["deleted_at"] for p in data["papers"])  # the trash travels too
    assert {t["label_en"]: t["parent"] is not None for t in data["tags"]}["Multispectral"]
    assert target.entries.stats() == rich.entries.stats()


def test_app_json_import_into_a_filled_catalog_merges_the_taxonomy(rich, tmp_path):
    text = rich.imports.export_text(Format.JSON)
    report = import_text(rich, text, "catalog.json")
    assert report.added == 1  # only the trashed paper is not matched by a live entry
    assert read(rich, "SELECT count(*) FROM tag WHERE label_en = 'Multispectral'") == [(1,)]


def test_bibtex_keys_are_stable_unique_and_escaped(rich):
    text = rich.imports.export_text(Format.BIBTEX)
    assert text == rich.imports.export_text(Format.BIBTEX)
    assert "@article{zhang2024earthgpt," in text  # a key read from a BibTeX file is written back as it was
    # a new key: [auth:lower][year][shorttitle:lower], three words of the title, function words left out
    assert "@misc{rsgpt2023rsgptremotesensing," in text  # an arXiv preprint without authors: keyed by its model
    keys = [line.split("{", 1)[1].rstrip(",") for line in text.splitlines() if line.startswith("@")]
    assert len(keys) == len(set(keys))
    assert r"R{\"u}ckin" in text and r"50{\%} less memory {\&}" in text


def test_markdown_awesome_list_is_deterministic_and_grouped(rich):
    text = rich.imports.export_text(Format.MARKDOWN)
    assert text == rich.imports.export_text(Format.MARKDOWN)
    assert "## MLLM" in text and "## Datasets" in text
    assert "[code](https://github.com/mbzuai-oryx/geochat)" in text


def test_export_of_a_selection_and_of_the_current_view(rich):
    ids = rich.entries.list_ids(Kind.PAPER)[:2]
    bib = rich.imports.export_text(Format.BIBTEX, paper_ids=ids)
    assert bib.count("\n@") + bib.startswith("@") == 2
    view = list(reversed(ids))
    md = rich.imports.export_view(Kind.PAPER, ["title", "year"], view, "markdown")
    lines = md.splitlines()
    assert lines[0] == "| Title | Year |" and len(lines) == 4
    assert lines[2].startswith(f"| {rich.entries.get(Kind.PAPER, view[0]).title}")
    latex = rich.imports.export_view(Kind.PAPER, ["title", "venue"], view, "latex")
    assert latex.startswith("\\begin{tabular}{ll}") and "\\hline" in latex
    csv_text = rich.imports.export_view(Kind.PAPER, ["title"], view, "csv")
    assert csv_text.splitlines()[0] == "Title"
