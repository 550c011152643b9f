"""Undo as compensating writes: undoing an import, a duplicate merge, a tag merge or a delete
gives back what the command changed and keeps every later change (a note typed afterwards, an
edit from another window), says what it kept, and never moves a version backwards."""

import pytest

from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io import Decision, parse_text

from .catalog_helpers import (
    entry_state,
    live_titles,
    names,
    paper_id,
    versions,
    visible_state,
)
from .io_helpers import FIXTURES

GEOCHAT_BIB = """@misc{geochat,
  title={GeoChat: Grounded Large Vision-Language Model for Remote Sensing},
  eprint={2311.15826}, archivePrefix={arXiv}, year={2024},
  abstract={Grounded vision-language model for remote sensing.},
  note={Imported note.},
  keywords={task:Change detection},
}
"""
APPENDED = "\n\n---\n\nImported note."


def import_bib(catalog, text=GEOCHAT_BIB):
    return catalog.imports.apply(catalog.imports.plan(parse_text(text, "later.bib")))


def kept(command):
    return {(k.entity, k.id, k.fields) for k in command.kept}


def grew(before: dict[int, int], after: dict[int, int]) -> bool:
    """No version went backwards (entries deleted for good aside)."""
    return all(after[i] >= v for i, v in before.items() if i in after)


# ---- undo and redo give back exactly what the user saw -------------------------------------


def test_undo_of_an_import_trashes_added_entries_and_reverts_merges(catalog):
    plan = catalog.imports.plan(catalog.imports.read(FIXTURES / "refs.bib"))
    assert any(e.existing_id for e in plan.entries)  # GeoChat and RemoteCLIP are in the catalog
    for entry in plan.entries:
        if entry.existing_id:
            entry.decision = Decision.MERGE
    titles_before, state_before, found_before = live_titles(catalog), visible_state(catalog), names(catalog, "remote")
    command = catalog.imports.apply(plan)
    state_after = visible_state(catalog)
    added = [(kind, i) for kind in Kind for i in command.result.ids[kind] if (kind, i) not in state_before]
    assert len(live_titles(catalog)) > len(titles_before) and added

    catalog.undo(command)
    catalog.redo(command)
    assert visible_state(catalog) == state_after
    catalog.undo(command)
    assert live_titles(catalog) == titles_before
    assert names(catalog, "remote") == found_before
    # The added entries wait in the trash; without them the catalog is exactly as before.
    now = visible_state(catalog)
    assert all(now[key]["trashed"] for key in added)
    assert {k: v for k, v in now.items() if k not in added} == state_before
    assert command.kept == []


def test_merge_of_duplicates_is_undone_exactly(catalog):
    keep, lose = paper_id(catalog, "GeoChat"), paper_id(catalog, "RemoteCLIP")
    catalog.notes.save(Kind.PAPER, lose, "the other note")
    state_before = visible_state(catalog)
    command = catalog.imports.merge(Kind.PAPER, keep, lose)
    state_after = visible_state(catalog)
    assert state_after != state_before and state_after[Kind.PAPER, lose]["trashed"]
    catalog.undo(command)
    assert visible_state(catalog) == state_before
    catalog.redo(command)
    assert visible_state(catalog) == state_after


def test_undo_and_redo_bump_versions_and_say_what_changed(catalog):
    geochat = paper_id(catalog, "GeoChat")
    command = catalog.entries.update(Kind.PAPER, geochat, {"venue": "ICCV"})
    version = catalog.entries.get(Kind.PAPER, geochat).version
    undone = catalog.undo(command)
    assert catalog.entries.get(Kind.PAPER, geochat).version == version + 1
    assert undone.touches(Kind.PAPER, geochat).fields == {"venue"} and not undone.external
    catalog.redo(command)
    assert catalog.entries.get(Kind.PAPER, geochat).version == version + 2
    assert catalog.entries.get(Kind.PAPER, geochat).venue == "ICCV"


# ---- later work survives ---------------------------------------------------------------------


def test_undo_of_an_import_keeps_a_note_typed_after_it(catalog):
    geochat = paper_id(catalog, "GeoChat")
    catalog.notes.save(Kind.PAPER, geochat, "Curator note.")
    before = entry_state(catalog, Kind.PAPER, geochat)
    command = import_bib(catalog)
    assert command.result.merged == 1 and command.result.added == 0
    assert catalog.notes.text(Kind.PAPER, geochat) == "Curator note." + APPENDED
    after_import = versions(catalog)
    catalog.notes.save(Kind.PAPER, geochat, "Curator note." + APPENDED + "\n\nLater thought.")

    catalog.undo(command)

    assert catalog.notes.text(Kind.PAPER, geochat) == "Curator note.\n\nLater thought."  # the block went
    now = entry_state(catalog, Kind.PAPER, geochat)
    assert now["values"] == before["values"] and now["tags"] == before["tags"]
    assert now["provenance"] == before["provenance"]
    assert grew(after_import, versions(catalog))
    catalog.redo(command)
    assert catalog.notes.text(Kind.PAPER, geochat) == "Curator note.\n\nLater thought." + APPENDED


def test_undo_of_an_import_keeps_a_field_edited_after_it_and_says_so(catalog):
    geochat = paper_id(catalog, "GeoChat")
    command = import_bib(catalog, GEOCHAT_BIB.replace("  note={Imported note.},\n", ""))
    assert catalog.entries.get(Kind.PAPER, geochat).summary_en == "Grounded vision-language model for remote sensing."
    catalog.notes.save(Kind.PAPER, geochat, "Typed after the import.")
    catalog.entries.update(Kind.PAPER, geochat, {"summary_en": "My own summary."})

    catalog.undo(command)

    entry = catalog.entries.get(Kind.PAPER, geochat)
    assert entry.summary_en == "My own summary."
    assert catalog.notes.text(Kind.PAPER, geochat) == "Typed after the import."
    assert kept(command) == {("paper", geochat, ("summary_en",))}
    assert command.kept[0].title.startswith("GeoChat")


def test_undo_of_a_duplicate_merge_keeps_a_later_note_and_edit(catalog):
    keep, lose = paper_id(catalog, "GeoChat"), paper_id(catalog, "RemoteCLIP")
    catalog.notes.save(Kind.PAPER, lose, "RemoteCLIP note.")
    lose_before = entry_state(catalog, Kind.PAPER, lose)
    command = catalog.imports.merge(Kind.PAPER, keep, lose)
    merged_note = catalog.notes.text(Kind.PAPER, keep)
    assert merged_note == "RemoteCLIP note."  # GeoChat had none: the other's note became its note
    catalog.notes.save(Kind.PAPER, keep, merged_note + "\n\nWritten after the merge.")
    catalog.entries.update(Kind.PAPER, keep, {"remark": "checked"})
    after_merge = versions(catalog)

    catalog.undo(command)

    assert catalog.entries.get(Kind.PAPER, keep).remark == "checked"
    # The merge's block left the note; what was typed after it stayed.
    assert catalog.notes.text(Kind.PAPER, keep).strip() == "Written after the merge."
    assert entry_state(catalog, Kind.PAPER, lose) == lose_before  # back from the trash, whole
    assert grew(after_merge, versions(catalog))


def test_undo_of_a_tag_merge_keeps_later_tagging_renames_and_notes(catalog):
    tax = catalog.taxonomy
    [captioning], [vqa] = tax.resolve("Image captioning"), tax.resolve("VQA")
    rsgpt, ringmo = paper_id(catalog, "RSGPT"), paper_id(catalog, "RingMo")
    captioned = set(catalog.entries.list_ids(Kind.PAPER, Query(tags={0: {captioning}})))
    command = tax.merge_tags(captioning, vqa)
    tax.assign(Kind.PAPER, [ringmo], [vqa])  # tagged after the merge
    tax.rename_tag(vqa, "Visual QA")
    catalog.notes.save(Kind.PAPER, rsgpt, "Noted after the merge.")

    catalog.undo(command)

    assert tax.resolve("Image captioning") == [captioning]
    assert set(catalog.entries.list_ids(Kind.PAPER, Query(tags={0: {captioning}}))) == captioned
    assert ringmo in catalog.entries.list_ids(Kind.PAPER, Query(tags={0: {vqa}}))
    assert tax.resolve("Visual QA") == [vqa]
    assert catalog.notes.text(Kind.PAPER, rsgpt) == "Noted after the merge."


@pytest.fixture
def other_window(targets, target):
    """A second catalog object on the same folder or server database (another window)."""
    return targets.open(target)


def test_undo_of_a_delete_keeps_an_edit_made_elsewhere_meanwhile(catalog, other_window):
    geochat = paper_id(catalog, "GeoChat")
    command = catalog.entries.delete(Kind.PAPER, [geochat])
    trashed = catalog.entries.get(Kind.PAPER, geochat).version
    other_window.notes.save(Kind.PAPER, geochat, "Written in the other window.")
    other_window.entries.update(Kind.PAPER, geochat, {"venue": "CVPR 2024"})

    catalog.undo(command)

    entry = catalog.entries.get(Kind.PAPER, geochat)
    assert not entry.trashed and entry.venue == "CVPR 2024"
    assert catalog.notes.text(Kind.PAPER, geochat) == "Written in the other window."
    assert entry.version > trashed + 1
    assert "GeoChat" in names(catalog, "geochat")  # searchable again
    assert command.kept == []


def test_undo_keeps_the_same_field_changed_elsewhere_and_names_it(catalog, other_window):
    geochat = paper_id(catalog, "GeoChat")
    command = catalog.entries.update(Kind.PAPER, geochat, {"venue": "ICCV", "remark": "mine"})
    other_window.entries.update(Kind.PAPER, geochat, {"venue": "ECCV"})

    catalog.undo(command)

    entry = catalog.entries.get(Kind.PAPER, geochat)
    assert (entry.venue, entry.remark) == ("ECCV", None)
    assert kept(command) == {("paper", geochat, ("venue",))}


def test_undo_of_a_delete_after_the_entry_was_emptied_from_the_trash_elsewhere(catalog, other_window):
    rsgpt = paper_id(catalog, "RSGPT")
    command = catalog.entries.delete(Kind.PAPER, [rsgpt])
    other_window.entries.purge(Kind.PAPER, [rsgpt])
    catalog.undo(command)  # nothing to give back: no error, nothing re-inserted
    assert catalog.entries.get(Kind.PAPER, rsgpt) is None
    assert kept(command) == {("paper", rsgpt, ("deleted_at",))}
