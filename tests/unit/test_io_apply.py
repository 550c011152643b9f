"""The import plan and its single transaction: decisions, merges, cancel, progress."""

from __future__ import annotations

import sqlite3

import pytest

from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io import Decision, ImportCancelled, Status, parse_text

from .io_helpers import FIXTURES, import_file, paper_tags, papers, table_counts

GEOCHAT = "GeoChat: Grounded Large Vision-Language Model for Remote Sensing"


def test_import_writes_entries_tags_notes_provenance_and_search(empty_catalog):
    catalog = empty_catalog
    report = import_file(catalog, FIXTURES / "refs.ris")
    assert report.as_json() == {"added": 3, "merged": 0, "skipped_duplicates": 0, "errors": [], "warnings": []}
    earth_id = catalog.entries.list_ids(Kind.PAPER)[0]
    assert catalog.notes.text(Kind.PAPER, earth_id).startswith("Candidate for the survey table.")
    assert catalog.entries.provenance(Kind.PAPER, earth_id)[0]["locator"] == "line 1"
    assert catalog.entries.list_ids(Kind.PAPER, Query("Multisensor")) == [earth_id]  # indexed
    assert paper_tags(catalog, earth_id) == [("family", "MLLM"), ("section", "Remote sensing")]


def test_reimport_skips_duplicates_and_merge_fills_only_empty_fields(empty_catalog):
    catalog = empty_catalog
    import_file(catalog, FIXTURES / "papers.csv")
    geochat_id = papers(catalog)[GEOCHAT]["id"]
    catalog.entries.update(Kind.PAPER, geochat_id, {"venue": "CVPR (curated)"})
    catalog.notes.save(Kind.PAPER, geochat_id, "Curator note.")
    plan = catalog.imports.plan(catalog.imports.read(FIXTURES / "awesome_table.md"))
    entry = next(e for e in plan.entries if e.record.title == GEOCHAT)
    assert (entry.status, entry.existing_id, entry.reason) == (Status.CONFLICT, geochat_id, "arxiv")
    assert entry.differences["venue"] == ("CVPR (curated)", "CVPR")
    assert entry.decision is Decision.MERGE and "project_url" in entry.fillable
    report = catalog.imports.apply(plan).result
    geochat = catalog.entries.get(Kind.PAPER, geochat_id)
    assert geochat.venue == "CVPR (curated)"  # never overwritten
    assert geochat.project_url == "https://mbzuai-oryx.github.io/GeoChat"  # filled
    assert catalog.notes.text(Kind.PAPER, geochat_id) == "Curator note."
    # GeoChat, RSGPT and RemoteCLIP were in the CSV; EarthGPT, S-CLIP and two datasets are new.
    assert (report.added, report.merged) == (4, 3)
    again = import_file(catalog, FIXTURES / "awesome_table.md")
    assert again.added == 0 and again.merged == 0 and again.skipped_duplicates == 7


def test_in_file_duplicates_are_detected(empty_catalog):
    text = (f"@article{{a, title={{{GEOCHAT}}}, year=2024}}\n"
            f"@misc{{b, title={{{GEOCHAT.lower()}}}, year=2023, eprint={{2311.15826}}, archivePrefix={{arXiv}}}}\n")
    plan = empty_catalog.imports.plan(parse_text(text, "dups.bib"))
    assert plan.entries[1].earlier == 0 and plan.entries[1].status is Status.CONFLICT
    assert plan.entries[1].differences == {"year": (2024, 2023)}
    report = empty_catalog.imports.apply(plan).result
    assert report.added == 1 and report.merged == 1
    assert papers(empty_catalog)[GEOCHAT]["arxiv_id"] == "2311.15826"


def test_skip_and_add_anyway_decisions(empty_catalog):
    catalog = empty_catalog
    import_file(catalog, FIXTURES / "refs.bib")
    plan = catalog.imports.plan(catalog.imports.read(FIXTURES / "refs_csl.json"))
    assert [e.status for e in plan.entries][:2] == [Status.CONFLICT, Status.CONFLICT]
    plan.entries[0].decision = Decision.ADD
    plan.entries[1].decision = Decision.SKIP
    before = catalog.entries.count(Kind.PAPER)
    report = catalog.imports.apply(plan).result
    assert catalog.entries.count(Kind.PAPER) == before + 1
    assert report.skipped_duplicates >= 1


def test_cancel_rolls_back_everything_and_progress_is_reported(empty_catalog):
    catalog = empty_catalog
    before = table_counts(catalog)
    plan = catalog.imports.plan(catalog.imports.read(FIXTURES / "awesome_table.md"))
    calls = []
    with pytest.raises(ImportCancelled):
        catalog.imports.apply(plan, cancelled=lambda: len(calls) > 0 or calls.append(1) or False)
    assert table_counts(catalog) == before
    seen = []
    catalog.imports.apply(plan, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (7, 7)


def test_cancel_is_heard_while_the_write_counts_a_large_plan(empty_catalog):
    # The write starts by counting the plan's additions over its whole spool: a second and more
    # for a million records, so the count itself gives up when Cancel is pressed.
    text = "".join(f"@article{{k{i}, title = {{Glacier study number {i}}}, year = {{2020}}}}\n" for i in range(4000))
    plan = empty_catalog.imports.prepare(text=text, source="many.bib", fmt="bibtex")
    try:
        assert plan.additions() == {Kind.PAPER: 4000, Kind.DATASET: 0}
        asked = []
        with plan.spool.store.interrupted_when(lambda: asked.append(1) or True):
            with pytest.raises(sqlite3.OperationalError, match="interrupted"):
                plan.additions()
        assert asked
        assert plan.additions()[Kind.PAPER] == 4000  # asked no more once the block ended
    finally:
        plan.close()


def test_invalid_field_values_are_dropped_with_a_warning(empty_catalog):
    text = "Title,Year,Family\nA paper,in press,Transformer\n"
    plan = empty_catalog.imports.plan(parse_text(text, "bad.csv"))
    assert plan.entries[0].record.values == {"title": "A paper"}
    report = empty_catalog.imports.apply(plan).result
    assert report.added == 1
    assert report.errors == ["bad.csv, line 2: year dropped (year: 'in press')"]
    # A model family is a tag of the "family" facet: a family the taxonomy lacks is added to it.
    assert paper_tags(empty_catalog, next(iter(report.ids[Kind.PAPER]))) == [("family", "Transformer")]


def test_an_import_is_one_undoable_command_that_says_what_it_changed(empty_catalog):
    command = empty_catalog.imports.apply(empty_catalog.imports.plan(empty_catalog.imports.read(FIXTURES / "refs.ris")))
    assert command.label == "Import refs.ris"
    assert command.changes.ids(Kind.PAPER) == set(command.result.ids[Kind.PAPER])
    assert command.changes.membership_changed(Kind.PAPER) and command.changes.tags_changed()
