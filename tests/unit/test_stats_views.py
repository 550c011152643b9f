"""The statistics of filtered views on both engines, against counts made by hand from the bundled
catalog's JSON for the entries the table shows: a tag (top-level, or one beneath it, whose
filter the facts cannot answer from their bit sets), two tags of one facet, tags of two facets,
a year, no year, a search, a search with a tag and a year, an id list. Every chart, the to-do,
and a view asked again after a chart of another view (the view's ids kept between charts), or
after the catalog changed."""

from __future__ import annotations

import json
import threading
from collections import Counter

import pytest

from rsfm_desktop.core.entries import NO_YEAR, Query
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.stats import NO_VENUE, OTHER, Interrupted
from rsfm_desktop.core.store import sql
from rsfm_desktop.paths import bundled_catalog

from ..conftest import sqlite_only

BUNDLED = json.loads(bundled_catalog().read_text(encoding="utf-8"))
PAPERS = {p["title"]: p for p in BUNDLED["papers"]}
DATASETS = {d["name"]: d for d in BUNDLED["datasets"]}
NAME = {d["key"]: d["name"] for d in BUNDLED["datasets"]}
LONG_COUNT = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000000)"
              " SELECT count(*) FROM c")  # tens of seconds on either engine
SHORT = {p["key"]: p.get("short_name") or p["title"] for p in BUNDLED["papers"]}


@pytest.fixture
def bundled(targets):
    return targets.open(targets.blank(), catalog_file=bundled_catalog())


def facet(catalog, key):
    return next(f for f in catalog.taxonomy.tree(counts=False) if f.key == key)


def tag(catalog, facet_key, label):
    for root in facet(catalog, facet_key).tags:
        for t in root.walk():
            if t.label_en == label:
                return t
    raise KeyError(label)


def roots(catalog, facet_key: str) -> dict[str, str]:
    out = {}
    for root in facet(catalog, facet_key).tags:
        for t in root.walk():
            out[t.label_en] = root.label_en
    return out


def table(counts) -> dict[tuple, int]:
    return {(counts.rows[r].text(), counts.cols[c].text()): v for (r, c), v in counts.cells.items() if v}


def shown(catalog, kind: Kind, query: Query) -> list[dict]:
    """The JSON entries of the rows the table shows for ``query``."""
    ids = catalog.entries.list_ids(kind, query)
    by_name = PAPERS if kind is Kind.PAPER else DATASETS
    return [by_name[title] for _i, title in catalog.entries.titles_by_id(kind, ids)]


def year_of(entry) -> str:
    return str(entry["year"]) if entry.get("year") else "No year"


def views(catalog) -> dict[str, Query]:
    family, task, paradigm = facet(catalog, "family"), facet(catalog, "task"), facet(catalog, "paradigm")
    mllm, vlm = tag(catalog, "family", "MLLM").id, tag(catalog, "family", "VLM").id
    beneath = next(c for root in paradigm.tags for c in root.children)
    first_task = task.tags[0].id
    some = catalog.entries.list_ids(Kind.PAPER)[3:17]
    return {
        "tag": Query(tags={family.id: frozenset({mllm})}),
        "two tags of a facet": Query(tags={family.id: frozenset({mllm, vlm})}),
        "tags of two facets": Query(tags={family.id: frozenset({mllm, vlm}), task.id: frozenset({first_task})}),
        "a tag beneath the top": Query(tags={paradigm.id: frozenset({beneath.id})}),
        "year": Query(year=2024),
        "no year": Query(year=NO_YEAR),
        "search": Query("遥感"),
        "search, tag and year": Query("remote", tags={family.id: frozenset({vlm, mllm})}, year=2024),
        "tag and year, a tag beneath": Query(tags={family.id: frozenset({mllm}), paradigm.id: frozenset({beneath.id})},
                                             year=2024),
        "id list": Query(only=frozenset(some)),
    }


def expected_per_year(entries: list[dict], root_of: dict[str, str], facet_key: str) -> dict:
    out = Counter()
    for entry in entries:
        for label in {root_of[t] for t in entry["tags"].get(facet_key) or []} or {"No tag"}:
            out[(year_of(entry), label)] += 1
    return dict(out)


def expected_heatmap(entries: list[dict], task_root, modality_root) -> dict:
    out = Counter()
    for entry in entries:
        tasks = {task_root[t] for t in entry["tags"].get("task") or []}
        modalities = {modality_root[m] for m in entry["tags"].get("modality") or []}
        for pair in {(t, m) for t in tasks for m in modalities}:
            out[pair] += 1
    return dict(out)


def check_view(catalog, name: str, query: Query) -> None:
    papers = shown(catalog, Kind.PAPER, query)
    assert papers or " and " in name, name  # the combinations may show nothing
    stats = catalog.stats
    family_root, paradigm_root = roots(catalog, "family"), roots(catalog, "paradigm")

    counts = stats.per_year(Kind.PAPER, query, "family")
    assert table(counts) == expected_per_year(papers, family_root, "family"), name
    assert counts.total == len(papers) and sum(counts.row_totals) == len(papers), name
    assert table(stats.per_year(Kind.PAPER, query, "paradigm")) == expected_per_year(papers, paradigm_root,
                                                                                     "paradigm"), name
    heat = stats.heatmap(Kind.PAPER, query, "task", "modality")
    assert table(heat) == expected_heatmap(papers, roots(catalog, "task"), roots(catalog, "modality")), name
    assert heat.total == len(papers), name

    venues = stats.venues(query, top=3)
    by_venue = Counter(p["venue"].lower() for p in papers if p.get("venue"))
    top = sorted(by_venue.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    got = {r.key: venues.value(i, 0) for i, r in enumerate(venues.rows)}
    rest = sum(by_venue.values()) - sum(n for _v, n in top)
    missing = sum(not p.get("venue") for p in papers)
    assert got == {**dict(top), **({OTHER: rest} if rest else {}), **({NO_VENUE: missing} if missing else {})}, name

    matrix = stats.matrix(query, limit=None, col_limit=None)
    keys = {p["key"] for p in papers}
    relations: dict[tuple, str] = {}
    for link in BUNDLED["links"]:
        if link["paper"] in keys:
            pair = (SHORT[link["paper"]], NAME[link["dataset"]])
            if relations.get(pair) != "introduces":
                relations[pair] = link["relation"]
    assert table(matrix) == relations, name
    assert matrix.total == len({link["paper"] for link in BUNDLED["links"] if link["paper"] in keys}), name

    items = {(i.kind, i.key): i.count for i in stats.todo({Kind.PAPER: query, Kind.DATASET: Query()})}

    def blank(value):
        return not (value or "").strip()

    assert {k: items[(Kind.PAPER, k)] for k in ("no_summary_en", "no_code", "no_authors", "no_year",
                                                "no_tag:family", "no_tag:modality")} == {
        "no_summary_en": sum(blank(p.get("summary_en")) for p in papers),
        "no_code": sum(blank(p.get("code_url")) for p in papers),
        "no_authors": sum(not p.get("authors") for p in papers),
        "no_year": sum(not p.get("year") for p in papers),
        "no_tag:family": sum(not p["tags"].get("family") for p in papers),
        "no_tag:modality": sum(not p["tags"].get("modality") for p in papers),
    }, name


def test_every_chart_of_a_filtered_view_as_counted_by_hand(bundled):
    for name, query in views(bundled).items():
        check_view(bundled, name, query)


def test_datasets_of_a_filtered_view_as_counted_by_hand(bundled):
    modality = facet(bundled, "modality")
    optical = modality.tags[0]
    root_of = roots(bundled, "modality")
    for query in (Query(tags={modality.id: frozenset({optical.id})}), Query(year=2023), Query("SAR"),
                  Query("remote", year=2022)):
        datasets = shown(bundled, Kind.DATASET, query)
        counts = bundled.stats.per_year(Kind.DATASET, query, "modality")
        assert table(counts) == expected_per_year(datasets, root_of, "modality"), query
        assert counts.total == len(datasets), query


def test_a_view_asked_again_after_other_views_and_after_a_change(bundled):
    """The view's ids are read once and kept for its next charts: another view, another kind,
    a change of the catalog in between, and every count is still the view's."""
    all_views = views(bundled)
    search = all_views["search"]
    first = bundled.stats.per_year(Kind.PAPER, search, "family").total
    bundled.stats.per_year(Kind.DATASET, Query("remote"), "modality")
    bundled.stats.venues(all_views["id list"])
    bundled.stats.forget_answers()
    assert bundled.stats.heatmap(Kind.PAPER, search).total == first
    check_view(bundled, "search", search)
    hit = bundled.entries.list_ids(Kind.PAPER, search)[0]
    bundled.entries.delete(Kind.PAPER, [hit])
    assert bundled.stats.per_year(Kind.PAPER, search, "family").total == first - 1
    check_view(bundled, "search after a deletion", search)


def interrupt_a_count(stats, monkeypatch, query) -> None:
    """Count papers per year for ``query`` with a count that runs until it is interrupted, as
    the GUI thread does when the view changes again during a long count."""
    from rsfm_desktop.core.stats import fact_counts

    original = fact_counts.per_year

    def interrupted_midway(conn, scope, state, facet_key):
        timer = threading.Timer(0.3, stats.interrupt)
        timer.start()
        try:
            conn.exec_driver_sql(LONG_COUNT).fetchall()
        finally:
            timer.cancel()
        raise AssertionError("not interrupted")

    monkeypatch.setattr(fact_counts, "per_year", interrupted_midway)
    with pytest.raises(Interrupted):
        stats.per_year(Kind.PAPER, query, "family")
    monkeypatch.setattr(fact_counts, "per_year", original)


def test_an_interrupted_count_keeps_the_facts(bundled, monkeypatch):
    """A count stopped because its view is no longer wanted raises Interrupted; the facts stay
    (no new read of every entry) and the next count is exact."""
    stats = bundled.stats
    query = views(bundled)["search, tag and year"]
    stats.per_year(Kind.PAPER, Query(), "family")
    builds = stats.facts.state.builds

    interrupt_a_count(stats, monkeypatch, query)
    assert not stats.interrupt()  # nothing is counting now
    check_view(bundled, "after an interrupted count", query)
    assert stats.facts.state.builds == builds


@sqlite_only
def test_an_interrupt_between_two_statements_stops_the_next(bundled, monkeypatch):
    """SQLite: the interrupt is kept for the rest of the count, so a count of several statements
    (the matrix, the to-do) stops even when the interrupt falls between two of them."""
    from rsfm_desktop.core.stats import fact_counts

    stats = bundled.stats
    stats.per_year(Kind.PAPER, Query(), "family")

    def interrupted_between(conn, scope, state, facet_key):
        conn.exec_driver_sql("SELECT count(*) FROM paper").fetchall()
        assert stats.interrupt()  # no statement runs now
        conn.exec_driver_sql(LONG_COUNT).fetchall()
        raise AssertionError("not interrupted")

    monkeypatch.setattr(fact_counts, "per_year", interrupted_between)
    with pytest.raises(Interrupted):
        stats.per_year(Kind.PAPER, Query("remote"), "family")


def test_the_todo_and_the_matrix_write_no_more_of_a_view_than_they_read_again(bundled, tmp_path):
    """The to-do of a search writes no copy of the view's ids while no paper has an attachment
    (its one statement matches the view itself); once one has a file that is gone, the view's
    ids are read once for the two statements and the missing file is counted. The matrix keeps
    only the view's papers that link to a dataset, and counts the same."""
    from rsfm_desktop.core.stats.facts import LINKED_VIEW, LINKS, VIEWS

    stats = bundled.stats
    query = Query("remote")
    papers = shown(bundled, Kind.PAPER, query)
    todo = {i.key: i.count for i in stats.todo({Kind.PAPER: query, Kind.DATASET: Query()}) if i.kind is Kind.PAPER}
    assert todo["no_year"] == sum(1 for p in papers if not p.get("year")) and todo["missing_files"] == 0
    assert VIEWS[Kind.PAPER] not in stats.facts.state.pinned

    matrix = stats.matrix(query, limit=None, col_limit=None)
    with stats.facts.session() as (conn, _state):
        kept = sql.column(conn, f"SELECT id FROM {LINKED_VIEW} ORDER BY id")
        linked = set(sql.column(conn, f"SELECT paper_id FROM {LINKS}"))
    assert kept == sorted(r.key for r in matrix.rows) and set(kept) <= linked
    assert 0 < len(kept) < len(papers)

    pdf = tmp_path / "gone.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    with_file = bundled.entries.list_ids(Kind.PAPER, query)[0]
    bundled.attachments.attach(Kind.PAPER, with_file, pdf)
    pdf.unlink()
    todo = {i.key: i.count for i in stats.todo({Kind.PAPER: query, Kind.DATASET: Query()}) if i.kind is Kind.PAPER}
    assert todo["missing_files"] == 1
    assert VIEWS[Kind.PAPER] in stats.facts.state.pinned
    assert stats.todo_ids(Kind.PAPER, query, "missing_files") == [with_file]


def test_a_count_interrupted_just_after_the_facts_were_read_keeps_them(bundled, monkeypatch):
    """The first count reads the facts and is then stopped (the view changed during the
    opening count): the facts read stay (committed before counting), so the next count is
    exact and reads nothing again. (They were read in the count's transaction, which the
    interruption rolled back: the next count failed on the tables it had lost.)"""
    from rsfm_desktop.core.stats.facts import LINKS_PART, TODO_PART

    stats = bundled.stats
    query = views(bundled)["search, tag and year"]

    interrupt_a_count(stats, monkeypatch, query)
    assert stats.facts.state.builds == 1
    # The charts a user meets first read neither the to-do bits nor the links.
    assert stats.facts.state.parts == set()
    check_view(bundled, "after an interrupted first count", query)
    assert stats.facts.state.builds == 1
    assert stats.facts.state.parts == {LINKS_PART, TODO_PART}  # the matrix and the to-do read them


def test_a_views_search_is_matched_once_for_its_charts_and_again_after_a_change(bundled, monkeypatch):
    """The charts of one view (and its other pages) share the ids its search matched: read once,
    kept while another search is counted, matched again once the catalog changed, and the
    counts stay exact."""
    from rsfm_desktop.core.stats.facts import MATCHES
    from rsfm_desktop.core.store import scratch

    fills: list[str] = []
    original = scratch.fill

    def fill(conn, table, *args, **kwargs):
        fills.append(table)
        return original(conn, table, *args, **kwargs)

    monkeypatch.setattr(scratch, "fill", fill)
    stats, query = bundled.stats, Query("remote")
    first = stats.per_year(Kind.PAPER, query, "family").total
    stats.heatmap(Kind.PAPER, query)
    stats.venues(query)
    stats.per_year(Kind.PAPER, query, "task")
    stats.per_year(Kind.PAPER, Query("model"), "family")  # another search, then back to the first
    stats.heatmap(Kind.PAPER, query, rows="modality", cols="task")
    assert sum(fills.count(t) for t in MATCHES[Kind.PAPER]) == 2
    bundled.entries.delete(Kind.PAPER, [bundled.entries.list_ids(Kind.PAPER, query)[0]])
    assert stats.per_year(Kind.PAPER, query, "family").total == first - 1
    assert sum(fills.count(t) for t in MATCHES[Kind.PAPER]) == 3
    check_view(bundled, "search after a deletion", query)
