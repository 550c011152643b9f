"""The statistics (``catalog.stats``) on both engines, against counts made by hand from the bundled
catalog's JSON (``data/catalog.json``, the 71 papers and 39 datasets every user starts with),
and for views: what a chart counts is what the table shows."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from rsfm_desktop.core.entries import NO_YEAR, Query
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.stats import HEATMAP, MATRIX, NO_VENUE, OTHER, chart, svg, tables
from rsfm_desktop.paths import bundled_catalog

BUNDLED = json.loads(bundled_catalog().read_text(encoding="utf-8"))
PAPERS, DATASETS = BUNDLED["papers"], BUNDLED["datasets"]


@pytest.fixture
def bundled(targets):
    """The bundled catalog, as a first launch creates it, on each engine."""
    return targets.open(targets.blank(), catalog_file=bundled_catalog())


def roots(catalog, facet_key: str) -> dict[str, str]:
    """Every tag label of a facet -> its top-level tag's label (read from the tag tree)."""
    facet = next(f for f in catalog.taxonomy.tree(counts=False) if f.key == facet_key)
    out = {}
    for root in facet.tags:
        for tag in root.walk():
            out[tag.label_en] = root.label_en
    return out


def table(counts) -> dict[tuple, int]:
    """{(row label, column label): value} of the non-zero cells."""
    return {(counts.rows[r].text(), counts.cols[c].text()): v for (r, c), v in counts.cells.items() if v}


def test_papers_per_year_by_model_family_as_counted_by_hand(bundled):
    counts = bundled.stats.per_year(Kind.PAPER, Query(), "family")
    cells = table(counts)
    # The survey's headline figure: MLLM papers per year.
    assert {year: n for (year, family), n in cells.items() if family == "MLLM"} == {"2023": 1, "2024": 7, "2025": 1}
    expected = Counter()
    for paper in PAPERS:
        year = str(paper["year"]) if paper.get("year") else "No year"
        for family in paper["tags"].get("family") or ["No tag"]:
            expected[(year, family)] += 1
    assert cells == dict(expected)
    assert counts.total == len(PAPERS) == 71
    assert [r.text() for r in counts.rows] == ["2022", "2023", "2024", "2025", "2026", "No year"]
    assert dict(zip((r.key for r in counts.rows), counts.row_totals)) == {
        **Counter(p["year"] for p in PAPERS if p.get("year")), NO_YEAR: 4}
    assert [c.text() for c in counts.cols] == ["MLLM", "VLM", "Agent", "Other", "No tag"]
    assert counts.cols[0].color == "#d9485f"  # the tag's own colour


def test_a_facet_with_a_tree_counts_at_its_top_level(bundled):
    counts = bundled.stats.per_year(Kind.PAPER, Query(), "paradigm")
    root_of = roots(bundled, "paradigm")
    expected = Counter()
    for paper in PAPERS:
        year = str(paper["year"]) if paper.get("year") else "No year"
        top = {root_of[t] for t in paper["tags"].get("paradigm") or []} or {"No tag"}
        for label in top:
            expected[(year, label)] += 1
    assert table(counts) == dict(expected)
    assert {c.text() for c in counts.cols} == {"Single-modal", "Multimodal", "No tag"}


def test_task_by_modality_heat_map_as_counted_by_hand(bundled):
    counts = bundled.stats.heatmap(Kind.PAPER, Query(), "task", "modality")
    task_root, modality_root = roots(bundled, "task"), roots(bundled, "modality")
    expected = Counter()
    for paper in PAPERS:
        tasks = {task_root[t] for t in paper["tags"].get("task") or []}
        modalities = {modality_root[m] for m in paper["tags"].get("modality") or []}
        for pair in {(t, m) for t in tasks for m in modalities}:
            expected[pair] += 1
    assert table(counts) == dict(expected) and expected
    assert counts.chart == HEATMAP and counts.row_facet[1] == "task" and counts.col_facet[1] == "modality"


def test_datasets_by_modality_and_year_as_counted_by_hand(bundled):
    counts = bundled.stats.per_year(Kind.DATASET, Query(), "modality")
    expected = Counter()
    for dataset in DATASETS:
        year = str(dataset["year"]) if dataset.get("year") else "No year"
        for modality in dataset["tags"].get("modality") or ["No tag"]:
            expected[(year, modality)] += 1
    assert table(counts) == dict(expected)
    assert counts.total == 39


def test_papers_per_venue_top_15_then_the_others_then_none(bundled):
    counts = bundled.stats.venues(Query(), top=15)
    by_venue = Counter(p["venue"].lower() for p in PAPERS if p.get("venue"))
    top = sorted(by_venue.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
    assert [(r.key, counts.value(i, 0)) for i, r in enumerate(counts.rows[:15])] == top
    assert counts.rows[0].text() == "arXiv" and counts.value(0, 0) == 22
    assert counts.rows[15].key == OTHER and counts.value(15, 0) == sum(by_venue.values()) - sum(n for _v, n in top)
    assert counts.rows[16].key == NO_VENUE and counts.value(16, 0) == 6
    assert counts.total == 71
    # A row opens exactly the papers it counts.
    keys = [r.key for r in counts.rows]
    for i, key in enumerate(keys):
        assert len(bundled.stats.venue_ids(Query(), key, keys)) == counts.value(i, 0)


def test_paper_by_dataset_matrix_as_in_the_links(bundled):
    counts = bundled.stats.matrix(Query(), limit=None, col_limit=None)
    name = {d["key"]: d["name"] for d in DATASETS}
    short = {p["key"]: p.get("short_name") or p["title"] for p in PAPERS}
    expected = {}
    for link in BUNDLED["links"]:
        pair = (short[link["paper"]], name[link["dataset"]])
        if expected.get(pair) != "introduces":
            expected[pair] = link["relation"]
    assert table(counts) == expected
    assert counts.chart == MATRIX and counts.total == len({link["paper"] for link in BUNDLED["links"]}) == 20
    shown = bundled.stats.matrix(Query(), limit=5, col_limit=3)
    assert len(shown.rows) == 5 and shown.more_rows == 15 and len(shown.cols) == 3


def test_curation_to_do_as_counted_by_hand(bundled):
    items = {(i.kind, i.key): i for i in bundled.stats.todo(check_duplicates=True)}

    def blank(value):
        return not (value or "").strip()

    expected = {
        (Kind.PAPER, "no_summary_en"): sum(blank(p.get("summary_en")) for p in PAPERS),
        (Kind.PAPER, "no_summary_zh"): sum(blank(p.get("summary_zh")) for p in PAPERS),
        (Kind.PAPER, "no_code"): sum(blank(p.get("code_url")) for p in PAPERS),
        (Kind.PAPER, "no_authors"): sum(not p.get("authors") for p in PAPERS),
        (Kind.PAPER, "no_year"): 4,
        (Kind.PAPER, "no_tag:family"): sum(not p["tags"].get("family") for p in PAPERS),
        (Kind.PAPER, "no_tag:reading_status"): 71,
        (Kind.DATASET, "no_tag:modality"): sum(not d["tags"].get("modality") for d in DATASETS),
        (Kind.DATASET, "unlinked"): len({d["key"] for d in DATASETS} - {link["dataset"] for link in BUNDLED["links"]}),
        (Kind.PAPER, "duplicates"): 0,
        (Kind.PAPER, "missing_files"): 0,
    }
    assert {k: items[k].count for k in expected} == expected
    assert items[(Kind.PAPER, "no_tag:family")].text() == "Papers without a tag in “Model family”"
    # Each line opens exactly its entries.
    for (kind, key), item in items.items():
        assert len(bundled.stats.todo_ids(kind, Query(), key)) == item.count, key
    no_year = bundled.stats.todo_ids(Kind.PAPER, Query(), "no_year")
    assert sorted(t for _i, t in bundled.entries.titles_by_id(Kind.PAPER, no_year)) == sorted(
        p["title"] for p in PAPERS if not p.get("year"))


def test_every_count_follows_the_view(bundled):
    """Search text, tag filter, year and id list: the chart counts the rows the table shows."""
    family = next(f for f in bundled.taxonomy.tree(counts=False) if f.key == "family")
    mllm = next(t.id for t in family.tags if t.label_en == "MLLM")
    some = bundled.entries.list_ids(Kind.PAPER)[:10]
    views = [Query("遥感"), Query(tags={family.id: frozenset({mllm})}), Query(year=2024), Query(year=NO_YEAR),
             Query("remote", tags={family.id: frozenset({mllm})}, year=2024), Query(only=frozenset(some))]
    for query in views:
        shown = bundled.entries.list_ids(Kind.PAPER, query)
        assert shown, query
        counts = bundled.stats.per_year(Kind.PAPER, query, "family")
        assert counts.total == sum(counts.row_totals) == len(shown), query
        assert bundled.stats.venues(query).total == len(shown)
        assert bundled.stats.heatmap(Kind.PAPER, query).total == len(shown)
        no_code = bundled.stats.todo_ids(Kind.PAPER, query, "no_code")
        assert set(no_code) <= set(shown)
    mllm_counts = bundled.stats.per_year(Kind.PAPER, Query(tags={family.id: frozenset({mllm})}), "family")
    assert {c for (_y, c) in table(mllm_counts)} == {"MLLM"}


def test_the_table_filters_by_year_and_by_a_list_of_ids(catalog):
    everything = catalog.entries.list_ids(Kind.PAPER)
    by_year = catalog.entries.list_ids(Kind.PAPER, Query(year=2024))
    years = dict(catalog.entries.fetch_rows(Kind.PAPER, everything).items())
    assert by_year == [i for i in everything if years[i]["year"] == 2024] and by_year
    assert catalog.entries.list_ids(Kind.PAPER, Query(year=NO_YEAR)) == [
        i for i in everything if years[i]["year"] is None]
    assert catalog.entries.list_ids(Kind.PAPER, Query(only=frozenset(everything[1:3]))) == everything[1:3]
    assert catalog.entries.list_ids(Kind.PAPER, Query(only=frozenset())) == []
    catalog.entries.delete(Kind.PAPER, [by_year[0]])
    assert by_year[0] not in catalog.entries.list_ids(Kind.PAPER, Query(year=2024))


def test_a_deleted_entry_leaves_every_count(catalog):
    before = catalog.stats.per_year(Kind.PAPER, Query(), None)
    catalog.entries.delete(Kind.PAPER, catalog.entries.list_ids(Kind.PAPER)[:1])
    assert catalog.stats.per_year(Kind.PAPER, Query(), None).total == before.total - 1
    assert catalog.stats.venues().total == before.total - 1


def test_catalog_stats_still_gives_the_entry_counts(catalog):
    assert catalog.stats() == catalog.entries.stats() == {"papers": 4, "datasets": 2, "links": 3, "notes": 0}


def test_tables_and_svg_carry_the_chart_numbers(bundled):
    counts = bundled.stats.heatmap(Kind.PAPER, Query(), "task", "modality")
    md = tables.counts_table(counts, "markdown", row_header="Task \\ Modality")
    assert md.splitlines()[0].startswith("| Task \\ Modality | Optical/RGB |")
    latex = tables.counts_table(counts, "latex")
    assert r"\begin{tabular}" in latex and "Scene classification" in latex
    per_year = bundled.stats.per_year(Kind.PAPER, Query(), "family")
    csv_text = tables.counts_table(per_year, "csv")
    assert csv_text.splitlines()[0] == "Year,MLLM,VLM,Agent,Other,No tag,Total"
    assert "2024,7,5,4,3,12,31" in csv_text.splitlines()
    drawing = chart.draw(per_year, 720, 420)
    titles = re.findall(r"<title>([^<]*)</title>", svg.to_svg(drawing, 180))
    assert "2024 · MLLM: 7" in titles and "MLLM: 9" in titles  # a bar, the legend
    matrix = bundled.stats.matrix(Query())
    assert "introduces" in tables.counts_table(matrix, "csv")


def test_command_line_prints_the_chart_counts_and_writes_the_chart(targets, tmp_path, capsys):
    from rsfm_desktop.__main__ import main

    target = targets.blank()
    targets.open(target, catalog_file=bundled_catalog()).close()
    chart_file = tmp_path / "per-year.svg"
    assert main(["stats", "--catalog", str(target), "--by", "year,family", "--format", "csv",
                 "--chart", str(chart_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Year,MLLM,VLM,Agent,Other,No tag,Total"
    assert "2024,7,5,4,3,12,31" in lines and len(lines) == 7
    titles = re.findall(r"<title>([^<]*)</title>", chart_file.read_text(encoding="utf-8"))
    assert "2024 · MLLM: 7" in titles
    assert main(["stats", "--catalog", str(target), "--by", "year,family", "--tag", "MLLM"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total"] == 9 and {r["label"]: r["MLLM"] for r in out["rows"]} == {"2023": 1, "2024": 7, "2025": 1}
    assert main(["stats", "--catalog", str(target), "--by", "todo"]) == 0
    todo = {(i["kind"], i["key"]): i["count"] for i in json.loads(capsys.readouterr().out)}
    assert todo[("paper", "no_year")] == 4
    assert main(["stats", "--catalog", str(target), "--by", "year,nonsense"]) == 1
    assert main(["stats", "--catalog", str(target)]) == 0  # plain stats as before
    assert json.loads(capsys.readouterr().out) == {"papers": 71, "datasets": 39, "links": 26, "notes": 0}


def test_a_large_matrix_lays_out_its_empty_cells_as_one_grid():
    """200 papers × 60 datasets with three links: the layout holds the labels and the three
    cells, not 12,000 rectangles (it runs on the GUI thread at every redraw), yet every cell
    still answers a click and a hover, and the SVG still has every cell with its title."""
    from rsfm_desktop.core.stats import INTRODUCES, USES, Counts, Label

    rows = tuple(Label(i, f"Paper {i}") for i in range(200))
    cols = tuple(Label(1000 + i, f"Dataset {i}") for i in range(60))
    cells = {(0, 0): INTRODUCES, (5, 7): USES, (199, 59): USES}
    counts = Counts(MATRIX, Kind.PAPER, rows, cols, cells, None, 200)
    drawing = chart.draw(counts, 1200, chart.natural_height(counts, 1200, 400))
    assert len(drawing.items) < 1_000
    hits = drawing.hits()
    assert len({r.hit for r in hits if None not in r.hit}) == 200 * 60
    empty = next(r for r in hits if r.hit == (5, 6))
    assert drawing.hit_at(empty.x + empty.w / 2, empty.y + empty.h / 2) == (5, 6)
    used = next(r for r in hits if r.hit == (5, 7))
    assert drawing.hit_at(used.x + used.w / 2, used.y + used.h / 2) == (5, 7)
    assert drawing.hit_at(empty.x + empty.w + 0.5, empty.y + empty.h / 2) is None  # the gap between two cells
    assert drawing.tips[(5, 6)] == "Paper 5 – Dataset 6: –"
    assert drawing.tips[(5, 7)] == "Paper 5 – Dataset 7: uses"
    with pytest.raises(KeyError):
        drawing.tips[(200, 0)]
    titles = re.findall(r"<title>([^<]*)</title>", svg.to_svg(drawing, 180))
    assert len([t for t in titles if " – Dataset " in t]) == 200 * 60
    assert "Paper 199 – Dataset 59: uses" in titles and "Paper 0 – Dataset 0: introduces" in titles
