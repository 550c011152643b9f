"""The statistics' facts (core/stats/facts.py) on both engines: after every kind of write (edits,
tags, the tag tree, deletion, undo, another process's write) the charts and the to-do counted
from the facts kept up to date are those of facts read afresh and, for the tag charts, those
counted from the catalog's own tables."""

from __future__ import annotations

import pytest

from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.stats import HEATMAP, MATRIX, PER_YEAR, VENUES, Stats
from rsfm_desktop.core.stats import counts as catalog_counts
from rsfm_desktop.paths import bundled_catalog

from ..conftest import sqlite_only


@pytest.fixture
def lab(targets):
    """The bundled catalog on each engine, and its target (for a second process)."""
    target = targets.blank()
    return targets, target, targets.open(target, catalog_file=bundled_catalog())


def facet(catalog, key):
    return next(f for f in catalog.taxonomy.tree(counts=False) if f.key == key)


def views(catalog) -> list[Query]:
    family = facet(catalog, "family")
    first = family.tags[0].id
    return [Query(), Query("remote"), Query(tags={family.id: frozenset({first})}), Query(year=2024)]


def answers(stats: Stats, catalog) -> list:
    """Every chart and the to-do for each view, as comparable values."""
    out = []
    for query in views(catalog):
        for chart, kind, options in ((PER_YEAR, Kind.PAPER, {"facet": "family"}),
                                     (PER_YEAR, Kind.PAPER, {"facet": "task"}),
                                     (PER_YEAR, Kind.DATASET, {"facet": "modality"}),
                                     (HEATMAP, Kind.PAPER, {}), (VENUES, Kind.PAPER, {}), (MATRIX, Kind.PAPER, {})):
            counts = stats.chart(chart, kind, query, **options)
            out.append((chart, kind, str(options), query, [r.key for r in counts.rows],
                        [c.key for c in counts.cols], counts.cells, counts.row_totals, counts.total))
        out.append(("todo", query, [(i.kind, i.key, i.count) for i in stats.todo(
            {Kind.PAPER: query, Kind.DATASET: query})]))
    return out


def catalog_answers(catalog) -> list:
    """The tag charts counted from the catalog's own tables (no facts)."""
    out = []
    with catalog.store.read() as conn:
        for query in views(catalog):
            for kind, key in ((Kind.PAPER, "family"), (Kind.PAPER, "task"), (Kind.DATASET, "modality")):
                counts = catalog_counts.per_year(conn, catalog.stats.scope(conn, kind, query), key)
                out.append((kind, key, query, counts.cells, counts.row_totals, counts.total))
            counts = catalog_counts.heatmap(conn, catalog.stats.scope(conn, Kind.PAPER, query), "task", "modality")
            out.append((query, counts.cells, counts.total))
    return out


def facts_answers(catalog) -> list:
    """The same tag charts counted from the catalog's (kept up to date) facts."""
    out = []
    for query in views(catalog):
        for kind, key in ((Kind.PAPER, "family"), (Kind.PAPER, "task"), (Kind.DATASET, "modality")):
            counts = catalog.stats.per_year(kind, query, key)
            out.append((kind, key, query, counts.cells, counts.row_totals, counts.total))
        counts = catalog.stats.heatmap(Kind.PAPER, query)
        out.append((query, counts.cells, counts.total))
    return out


def assert_current(catalog) -> None:
    fresh = Stats(catalog.store, catalog.entries, keep=False)
    try:
        assert answers(catalog.stats, catalog) == answers(fresh, catalog)
    finally:
        fresh.close()
    assert facts_answers(catalog) == catalog_answers(catalog)


def test_facts_stay_exact_through_edits_tags_tree_changes_deletion_and_undo(lab):
    _targets, _target, catalog = lab
    assert_current(catalog)
    builds = catalog.stats.facts.state.builds
    papers = catalog.entries.list_ids(Kind.PAPER)
    datasets = catalog.entries.list_ids(Kind.DATASET)
    family, task = facet(catalog, "family"), facet(catalog, "task")

    # Entry edits: year, venue, a summary, authors; refreshed row by row (no new build).
    edit = catalog.entries.update(Kind.PAPER, papers[0], {"year": 1999, "venue": "NEW VENUE", "summary_en": None})
    catalog.entries.update(Kind.PAPER, papers[1], {"venue": "new venue", "authors": []})
    catalog.entries.update(Kind.DATASET, datasets[0], {"year": 2001})
    assert_current(catalog)
    assert catalog.stats.facts.state.builds == builds and catalog.stats.facts.state.refreshed > 0
    assert catalog.stats.venues().rows[0].key == "new venue" or any(
        r.key == "new venue" for r in catalog.stats.venues(top=100).rows)
    catalog.undo(edit)
    assert_current(catalog)

    # Tags on entries, one beneath a top-level tag with children (counts under its root).
    child = next((c for root in task.tags for c in root.children), None)
    assign = catalog.taxonomy.assign(Kind.PAPER, papers[:5], [family.tags[-1].id] + ([child.id] if child else []))
    assert_current(catalog)
    catalog.undo(assign)
    assert_current(catalog)

    # New tags take the next bit of their facet (a top-level tag) or their top-level tag's (one
    # beneath it, the facet's first): no read of the facts; assigned with their top-level tag,
    # an entry counts once.
    created = catalog.taxonomy.create_tag(family.id, "Brand new family")
    new_tag = created.result
    catalog.taxonomy.assign(Kind.PAPER, papers[:3], [new_tag])
    assert_current(catalog)
    assert all(not root.children for root in family.tags)
    beneath = catalog.taxonomy.create_tag(family.id, "Beneath the first family", parent_id=family.tags[0].id).result
    deeper = catalog.taxonomy.create_tag(family.id, "Beneath that one", parent_id=beneath).result
    catalog.taxonomy.assign(Kind.PAPER, papers[3:6], [family.tags[0].id, beneath, deeper])
    assert_current(catalog)
    assert catalog.stats.facts.state.builds == builds
    undone = catalog.taxonomy.create_tag(family.id, "Created and undone")
    catalog.undo(undone)
    assert_current(catalog)

    # The tag tree: a tag moved under another, merged, deleted; undo.
    moved = catalog.taxonomy.move_tag(family.tags[0].id, family.tags[1].id)
    assert_current(catalog)
    catalog.undo(moved)
    assert_current(catalog)
    merged = catalog.taxonomy.merge_tags(new_tag, family.tags[2].id)
    assert_current(catalog)
    catalog.undo(merged)
    deleted = catalog.taxonomy.delete_tag(new_tag)
    assert_current(catalog)
    catalog.undo(deleted)
    assert_current(catalog)
    assert catalog.stats.facts.state.builds > builds

    # Links: a paper linked to datasets (one it did not link to), one link removed; undo.
    linked = catalog.entries.link(Kind.PAPER, papers[-1], datasets[0], "uses")
    catalog.entries.link(Kind.PAPER, papers[-1], datasets[1], "introduces")
    assert_current(catalog)
    paper, dataset = next((p, e) for p in papers for e in catalog.entries.linked(Kind.PAPER, p))
    unlinked = catalog.entries.link(Kind.PAPER, paper, dataset.id, dataset.relation, remove=True)
    assert_current(catalog)
    catalog.undo(unlinked)
    catalog.undo(linked)
    assert_current(catalog)

    # Deletion and restore (undo) of entries, a link removed.
    gone = catalog.entries.delete(Kind.PAPER, papers[:4])
    catalog.entries.delete(Kind.DATASET, datasets[:2])
    assert_current(catalog)
    catalog.undo(gone)
    assert_current(catalog)


def test_another_processs_write_reaches_the_counts(lab):
    """A second catalog on the same target (another window, a lab member, a sync) writes; the
    next count sees it (the answers kept are for the old state)."""
    targets, target, catalog = lab
    before = catalog.stats.per_year(Kind.PAPER, Query(), "family")
    assert catalog.stats.per_year(Kind.PAPER, Query(), "family") is before  # answered from memory
    other = targets.open(target, catalog_file=bundled_catalog())
    paper = other.entries.list_ids(Kind.PAPER)[0]
    year = other.entries.get(Kind.PAPER, paper).values["year"]
    other.entries.update(Kind.PAPER, paper, {"year": 1990})
    after = catalog.stats.per_year(Kind.PAPER, Query(), "family")
    assert after is not before
    assert any(r.key == 1990 for r in after.rows) and not any(r.key == 1990 for r in before.rows)
    assert year != 1990
    assert_current(catalog)


def test_facts_stay_exact_when_the_facets_top_level_tags_outgrow_one_word(lab):
    """The papers' bit sets are read as one word of all facets while their top-level tags fit
    62 bits (34 in the bundled taxonomy); a facet of 40 more takes them past it, and the facts,
    read one sum per facet then, still count what the catalog counts."""
    from rsfm_desktop.core.stats.facts import MAX_BITS

    _targets, _target, catalog = lab
    assert_current(catalog)
    facet_id = catalog.taxonomy.create_facet("extra", "Extra").result
    tags = [catalog.taxonomy.create_tag(facet_id, f"Extra {i}").result for i in range(40)]
    papers = catalog.entries.list_ids(Kind.PAPER)
    for i, tag_id in enumerate(tags[:5]):
        catalog.taxonomy.assign(Kind.PAPER, papers[i::7], [tag_id])
    roots = sum(len(f.tags) for f in catalog.taxonomy.tree(counts=False))
    assert roots > MAX_BITS and all(len(f.tags) <= MAX_BITS for f in catalog.taxonomy.tree(counts=False))
    assert_current(catalog)
    extra = catalog.stats.per_year(Kind.PAPER, Query(), "extra")
    with catalog.store.read() as conn:
        direct = catalog_counts.per_year(conn, catalog.stats.scope(conn, Kind.PAPER, Query()), "extra")
    assert extra.cells == direct.cells and extra.total == direct.total


def test_the_todo_reads_what_papers_lack_from_partial_indexes(lab):
    """The to-do finds the papers without a summary, a code link or authors in an index of
    those papers on both engines (migration 0014), not by reading every paper's texts: the
    planner takes a partial index only for the very condition it was made with."""
    from rsfm_desktop.core.columns import PAPER_LACKS
    from rsfm_desktop.core.stats import todo
    from rsfm_desktop.core.store import dialect, sql

    _targets, _target, catalog = lab
    with catalog.store.read() as conn:
        sqlite = dialect.is_sqlite(conn)
        if not sqlite:  # a small catalog: a heap scan is cheaper; is the index usable at all?
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        for key, column in PAPER_LACKS.items():
            query = f"SELECT e.id FROM paper e WHERE e.deleted_at IS NULL AND {todo.condition(conn, Kind.PAPER, key)[0]}"
            plan = " ".join(str(row[-1]) for row in sql.rows(conn, ("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN ") + query))
            assert f"ix_paper_lacks_{column}" in plan, (key, plan)
        # The to-do's facts of every paper are read from them all, no paper's row.
        read = catalog.stats.facts._todo_select(conn)
        plan = " ".join(str(row[-1]) for row in sql.rows(conn, ("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN ") + read))
        assert all(f"ix_paper_lacks_{column}" in plan for column in PAPER_LACKS.values()), plan


def test_a_paper_with_a_top_level_tag_and_tags_beneath_it_counts_once_under_it(lab):
    """Read afresh, the facts give each tag beneath a top-level tag a bit of its own and fold
    it into its top-level tag's: a paper tagged with a top-level tag and two tags beneath it
    counts once under that tag, as counted from the catalog."""
    _targets, _target, catalog = lab
    task = facet(catalog, "task")
    root = next(r for r in task.tags if r.children)
    beneath = [c.id for c in root.children][:2]
    paper = catalog.entries.list_ids(Kind.PAPER)[0]
    catalog.taxonomy.assign(Kind.PAPER, [paper], [root.id, *beneath])
    query = Query(only=frozenset({paper}))
    fresh = Stats(catalog.store, catalog.entries, keep=False)
    try:
        counts = fresh.per_year(Kind.PAPER, query, "task")
        assert counts.total == 1
        column = next(i for i, c in enumerate(counts.cols) if c.key == root.id)
        assert sum(n for (_r, c), n in counts.cells.items() if c == column) == 1
        heatmap = fresh.heatmap(Kind.PAPER, Query(), rows="task", cols="modality")
    finally:
        fresh.close()
    with catalog.store.read() as conn:
        expected = catalog_counts.heatmap(conn, catalog.stats.scope(conn, Kind.PAPER, Query()), "task", "modality")
    assert heatmap.cells == expected.cells


# ---- kept between runs (a catalog file) ------------------------------------------------------


def kept_file(target):
    from rsfm_desktop.core.stats.facts import KEPT_FILE

    return target / KEPT_FILE


@sqlite_only
def test_facts_kept_between_runs_are_brought_up_to_date_not_read_again(lab):
    """The next run reads the kept facts (no read afresh), brings them up to what was written
    while no statistics ran (an edit: row by row), and reads them again only when the kept
    ones cannot be trusted: the tag tree changed, the file is damaged, or it is another
    catalog's."""
    targets, target, catalog = lab
    answers(catalog.stats, catalog)
    assert catalog.stats.facts.state.builds == 1 and kept_file(target).exists()
    catalog.close()

    again = targets.open(target, catalog_file=bundled_catalog())
    assert_current(again)
    assert again.stats.facts.state.builds == 0
    paper = again.entries.list_ids(Kind.PAPER)[0]
    again.close()

    # Written by a run that never counted (the command line, an import): refreshed, not read.
    writer = targets.open(target, catalog_file=bundled_catalog())
    writer.entries.update(Kind.PAPER, paper, {"year": 1990, "venue": "Kept Venue"})
    writer.close()
    after_edit = targets.open(target, catalog_file=bundled_catalog())
    assert_current(after_edit)
    assert after_edit.stats.facts.state.builds == 0 and after_edit.stats.facts.state.refreshed == 1
    assert any(r.key == 1990 for r in after_edit.stats.per_year(Kind.PAPER, Query(), "family").rows)
    family = facet(after_edit, "family")
    after_edit.close()

    writer = targets.open(target, catalog_file=bundled_catalog())
    writer.taxonomy.create_tag(family.id, "A family added while the view was closed")
    writer.close()
    after_tag = targets.open(target, catalog_file=bundled_catalog())
    assert_current(after_tag)
    assert after_tag.stats.facts.state.builds == 0
    after_tag.close()

    writer = targets.open(target, catalog_file=bundled_catalog())
    writer.taxonomy.move_tag(family.tags[0].id, family.tags[1].id)
    writer.close()
    after_tree = targets.open(target, catalog_file=bundled_catalog())
    assert_current(after_tree)
    assert after_tree.stats.facts.state.builds == 1
    after_tree.close()

    kept_file(target).write_bytes(b"not a database at all" * 100)
    damaged = targets.open(target, catalog_file=bundled_catalog())
    assert_current(damaged)
    assert damaged.stats.facts.state.builds == 1
    damaged.close()

    # The facts kept at as many changes of another history (a copy of the catalog, each
    # edited once since: a backup restored and edited) are not this catalog's: read afresh.
    import shutil

    from rsfm_desktop.core.store.files import CATALOG_FILE

    twin_target = targets.blank()
    twin_target.mkdir()
    shutil.copyfile(target / CATALOG_FILE, twin_target / CATALOG_FILE)
    twin = targets.open(twin_target, catalog_file=bundled_catalog())
    twin.entries.update(Kind.PAPER, paper, {"year": 1980})
    twin.close()
    edited = targets.open(target, catalog_file=bundled_catalog())
    edited.entries.update(Kind.PAPER, paper, {"year": 1970})
    answers(edited.stats, edited)
    edited.close()
    kept_file(target).replace(kept_file(twin_target))
    swapped = targets.open(twin_target, catalog_file=bundled_catalog())
    assert_current(swapped)
    assert swapped.stats.facts.state.builds == 1
    assert any(r.key == 1980 for r in swapped.stats.per_year(Kind.PAPER, Query(), "family").rows)


@sqlite_only
def test_two_windows_share_the_kept_facts(lab):
    """Two catalogs on one file (two windows) count from the one kept file, each writing and
    counting in turn, one reading the facts again after a tag tree change: both stay exact."""
    targets, target, catalog = lab
    other = targets.open(target, catalog_file=bundled_catalog())
    assert_current(catalog)
    assert_current(other)
    papers = catalog.entries.list_ids(Kind.PAPER)
    catalog.entries.update(Kind.PAPER, papers[0], {"year": 1991})
    assert_current(other)
    assert_current(catalog)
    other.entries.update(Kind.PAPER, papers[1], {"year": 1992})
    other.taxonomy.create_tag(facet(other, "task").id, "A task of the other window")
    assert_current(other)
    catalog.entries.update(Kind.PAPER, papers[2], {"year": 1993})
    assert_current(catalog)
    assert_current(other)
    assert facts_answers(catalog) == catalog_answers(catalog)


@sqlite_only
def test_facts_where_none_can_be_kept_are_temporary_tables(lab):
    """A kept file that cannot be made (a folder is in its place): the facts are temporary
    tables, read afresh and exact, and nothing is written there."""
    targets, target, catalog = lab
    catalog.close()
    kept_file(target).mkdir()
    blocked = targets.open(target, catalog_file=bundled_catalog())
    assert_current(blocked)
    assert blocked.stats.facts.state.kept is None and blocked.stats.facts.state.builds == 1
    assert list(kept_file(target).iterdir()) == []
