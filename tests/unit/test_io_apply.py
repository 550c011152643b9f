"""The import plan and its single transaction: decisions, merges, cancel, progress."""

from __future__ import annotations

import pytest

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io import (Decision, ImportCancelled, Status, apply_plan, build_plan, parse_text,
                                  read_file)
from rsfm_desktop.core.repository import CatalogRepository

from .io_helpers import FIXTURES, import_file, new_engine, papers, table_counts

GEOCHAT = "GeoChat: Grounded Large Vision-Language Model for Remote Sensing"


def test_import_writes_entries_tags_notes_provenance_and_search(tmp_path):
    engine = new_engine(tmp_path)
    report = import_file(engine, FIXTURES / "refs.ris")
    assert report.as_json() == {"added": 3, "merged": 0, "skipped_duplicates": 0, "errors": []}
    repo = CatalogRepository(engine)
    earth_id = repo.list_ids(Kind.PAPER)[0]
    assert repo.note(Kind.PAPER, earth_id).body.startswith("Candidate for the survey table.")
    assert repo.provenance(Kind.PAPER, earth_id)[0].locator == "line 1"
    from rsfm_desktop.core.repository import Query

    assert repo.list_ids(Kind.PAPER, Query("Multisensor")) == [earth_id]  # reindexed
    with engine.connect() as conn:
        tags = conn.exec_driver_sql(
            "SELECT f.key, t.label_en FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id"
            " JOIN facet f ON f.id = t.facet_id WHERE pt.paper_id = ? ORDER BY 1", (earth_id,)).all()
    assert [tuple(t) for t in tags] == [("family", "MLLM"), ("section", "Remote sensing")]


def test_reimport_skips_duplicates_and_merge_fills_only_empty_fields(tmp_path):
    engine = new_engine(tmp_path)
    import_file(engine, FIXTURES / "papers.csv")
    repo = CatalogRepository(engine)
    geochat_id = next(i for i in repo.list_ids(Kind.PAPER) if repo.get(Kind.PAPER, i).title == GEOCHAT)
    repo.update(Kind.PAPER, geochat_id, {"venue": "CVPR (curated)"})
    repo.save_note(Kind.PAPER, geochat_id, "Curator note.")
    plan = build_plan(engine, read_file(FIXTURES / "awesome_table.md"))
    entry = next(e for e in plan.entries if e.record.title == GEOCHAT)
    assert (entry.status, entry.existing_id, entry.reason) == (Status.CONFLICT, geochat_id, "arxiv")
    assert entry.differences["venue"] == ("CVPR (curated)", "CVPR")
    assert entry.decision is Decision.MERGE and "project_url" in entry.fillable
    report = apply_plan(engine, plan)
    geochat = repo.get(Kind.PAPER, geochat_id)
    assert geochat.venue == "CVPR (curated)"  # never overwritten
    assert geochat.project_url == "https://mbzuai-oryx.github.io/GeoChat"  # filled
    assert repo.note(Kind.PAPER, geochat_id).body == "Curator note."
    # GeoChat, RSGPT and RemoteCLIP were in the CSV; EarthGPT, S-CLIP and two datasets are new.
    assert (report.added, report.merged) == (4, 3)
    again = apply_plan(engine, build_plan(engine, read_file(FIXTURES / "awesome_table.md")))
    assert again.added == 0 and again.merged == 0 and again.skipped_duplicates == 7


def test_in_file_duplicates_are_detected(tmp_path):
    text = (f"@article{{a, title={{{GEOCHAT}}}, year=2024}}\n"
            f"@misc{{b, title={{{GEOCHAT.lower()}}}, year=2023, eprint={{2311.15826}}, archivePrefix={{arXiv}}}}\n")
    engine = new_engine(tmp_path)
    plan = build_plan(engine, parse_text(text, "dups.bib"))
    assert plan.entries[1].earlier == 0 and plan.entries[1].status is Status.CONFLICT
    assert plan.entries[1].differences == {"year": (2024, 2023)}
    report = apply_plan(engine, plan)
    assert report.added == 1 and report.merged == 1
    assert papers(engine)[GEOCHAT]["arxiv_id"] == "2311.15826"


def test_skip_and_add_anyway_decisions(tmp_path):
    engine = new_engine(tmp_path)
    import_file(engine, FIXTURES / "refs.bib")
    plan = build_plan(engine, read_file(FIXTURES / "refs_csl.json"))
    assert [e.status for e in plan.entries][:2] == [Status.CONFLICT, Status.CONFLICT]
    plan.entries[0].decision = Decision.ADD
    plan.entries[1].decision = Decision.SKIP
    before = CatalogRepository(engine).count(Kind.PAPER)
    report = apply_plan(engine, plan)
    assert CatalogRepository(engine).count(Kind.PAPER) == before + 1
    assert report.skipped_duplicates >= 1


def test_cancel_rolls_back_everything_and_progress_is_reported(tmp_path):
    engine = new_engine(tmp_path)
    before = table_counts(engine)
    plan = build_plan(engine, read_file(FIXTURES / "awesome_table.md"))
    calls = []
    with pytest.raises(ImportCancelled):
        apply_plan(engine, plan, cancelled=lambda: len(calls) > 0 or calls.append(1) or False)
    assert table_counts(engine) == before
    seen = []
    apply_plan(engine, plan, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (7, 7)


def test_invalid_field_values_are_dropped_with_a_warning(tmp_path):
    engine = new_engine(tmp_path)
    text = "Title,Year,Family\nA paper,in press,Transformer\n"
    plan = build_plan(engine, parse_text(text, "bad.csv"))
    assert plan.entries[0].record.values == {"title": "A paper"}
    report = apply_plan(engine, plan)
    assert report.added == 1
    assert report.errors == ["bad.csv, line 2: year dropped (year: 'in press')",
                             "bad.csv, line 2: family dropped (choice: 'Transformer')"]
