"""What a write says it changed (the ChangeSet the UI redraws from and other writers read from
``change_log``): exactly the rows and fields it touched, with their new versions."""

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store.changes import INSERT, NOTE, TAGS

from .catalog_helpers import dataset_id, paper_id, read


def changed(changes):
    """{(entity, id): (op, fields)} of a ChangeSet."""
    return {(c.entity, c.id): (c.op, set(c.fields)) for c in changes}


def test_an_edit_names_the_entry_its_fields_and_its_new_version(catalog):
    geochat = paper_id(catalog, "GeoChat")
    version = catalog.entries.get(Kind.PAPER, geochat).version
    changes = catalog.entries.update(Kind.PAPER, geochat, {"venue": "ICCV", "year": 2024}).changes
    assert changed(changes) == {("paper", geochat): ("update", {"venue"})}  # the year did not change
    assert changes.touches(Kind.PAPER, geochat).version == version + 1
    assert not changes.membership_changed(Kind.PAPER) and changes.fields_changed(Kind.PAPER) == {"venue"}
    assert catalog.entries.update(Kind.PAPER, geochat, {"venue": "ICCV"}).changes.changes == []  # nothing new


def test_a_note_tags_and_links_are_fields_of_their_entry(catalog):
    ringmo, rsicap = paper_id(catalog, "RingMo"), dataset_id(catalog, "RSICap")
    observed = []
    catalog.subscribe(observed.append)
    catalog.notes.save(Kind.PAPER, ringmo, "a note")
    [to_read] = catalog.taxonomy.resolve("To read")
    catalog.taxonomy.assign(Kind.PAPER, [ringmo], [to_read])
    catalog.entries.link(Kind.PAPER, ringmo, rsicap, "uses")
    note, tags, links = observed
    assert note.entries(Kind.PAPER)[ringmo].fields == {NOTE}
    assert tags.entries(Kind.PAPER)[ringmo].fields == {TAGS} and tags.tags_changed()
    assert links.ids(Kind.PAPER) == {ringmo} and links.ids(Kind.DATASET) == {rsicap}


def test_creating_deleting_and_restoring_change_what_the_table_lists(catalog):
    command = catalog.entries.create(Kind.DATASET, {"name": "New set"})
    assert command.changes.touches(Kind.DATASET, command.result).op == INSERT
    deleted = catalog.entries.delete(Kind.DATASET, [command.result]).changes
    restored = catalog.entries.restore(Kind.DATASET, [command.result]).changes
    assert [c.op for c in deleted] == ["delete"] and [c.op for c in restored] == ["restore"]
    assert deleted.membership_changed(Kind.DATASET) and restored.membership_changed(Kind.DATASET)


def test_taxonomy_edits_say_so(catalog):
    [vqa] = catalog.taxonomy.resolve("VQA")
    changes = catalog.taxonomy.rename_tag(vqa, "Visual QA").changes
    assert changes.taxonomy_changed() and changes.tags_changed() and not changes.ids(Kind.PAPER)
    view = catalog.taxonomy.create_view("Mine")
    observed = []
    catalog.subscribe(observed.append)
    catalog.taxonomy.rename_view(view, "Ours")
    assert observed[-1].views_changed()


def test_the_change_log_holds_what_the_writer_was_told(targets, target):
    author = "Ada"
    catalog = targets.open(target, author=author)
    geochat = paper_id(catalog, "GeoChat")
    changes = catalog.entries.update(Kind.PAPER, geochat, {"remark": "x"}).changes
    [(origin, entity, entity_id, op, fields, version)] = read(
        catalog, "SELECT origin, entity, entity_id, op, fields, version FROM change_log WHERE seq = :s",
        {"s": changes.last_seq})
    assert (origin, entity, entity_id, op, fields) == (catalog.store.origin, "paper", geochat, "update", '["remark"]')
    assert version == catalog.entries.get(Kind.PAPER, geochat).version
    assert catalog.entries.get(Kind.PAPER, geochat).modified_by == author
    new = catalog.entries.create(Kind.PAPER, {"title": "By Ada"}).result
    assert catalog.entries.get(Kind.PAPER, new).created_by == author
