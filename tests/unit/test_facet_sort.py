"""Sorting by a facet column (Model family, Task...) reads sort keys the write path keeps
(``store.facet_sort``): the order follows tagging, renaming, moving, merging and deleting tags,
the trash, new entries and new facets, and their undo, on both engines; the keys always equal
what the tags say now; old catalogs get their keys from migration 0007."""

from __future__ import annotations

from rsfm_desktop.core import migrations
from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store.facet_sort import KEY_TABLES

from ..conftest import sqlite_only
from .catalog_helpers import add_entries, entry_id, query_plan, read, trace_statements
from .catalog_helpers import names as table_names
from .migration_helpers import build_catalog
from .taxonomy_helpers import tag

TASK = "tags:task"
# The mini catalog sorted by its tasks (tree order within a cell): "Image captioning, VQA",
# "Scene classification, Image–text retrieval, ...", "Scene classification, Visual grounding,
# VQA", and RingMo without a task, last in both directions.
BY_TASK = ["RSGPT", "RemoteCLIP", "GeoChat", "RingMo"]


def by(catalog, key: str = TASK, descending: bool = False, trashed: bool = False) -> list[str]:
    return table_names(catalog, Query(sort_key=key, descending=descending, trashed=trashed), ordered=True)


def expected_keys(catalog, kind: Kind) -> dict[tuple[int, int], tuple[int, str | None, str | None]]:
    """The keys as the tags say now, computed from scratch: (entry, facet) -> (place, en, zh)."""
    owner = f"{kind.value}_id"
    labels: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for entry, facet, en, zh in read(
        catalog,
        f"SELECT m.{owner}, t.facet_id, lower(coalesce(t.label_en, t.label_zh)), lower(coalesce(t.label_zh, t.label_en))"
        f" FROM {kind.value}_tag m JOIN tag t ON t.id = m.tag_id WHERE t.deleted_at IS NULL"
        f" ORDER BY m.{owner}, t.facet_id, t.position, t.id",
    ):
        labels.setdefault((entry, facet), []).append((en, zh))
    out = {}
    for entry, trashed in read(catalog, f"SELECT id, deleted_at IS NOT NULL FROM {kind.value}"):
        for (facet,) in read(catalog, "SELECT id FROM facet"):
            found = labels.get((entry, facet))
            place = (2 if trashed else 0) + (0 if found else 1)
            out[entry, facet] = (place, ", ".join(e for e, _ in found) if found else None,
                                 ", ".join(z for _, z in found) if found else None)
    return out


def stored_keys(catalog, kind: Kind):
    owner = f"{kind.value}_id"
    return {(e, f): (p, en, zh) for e, f, p, en, zh in read(
        catalog, f"SELECT {owner}, facet_id, place, sort_en, sort_zh FROM {KEY_TABLES[kind]}")}


def assert_fresh(catalog) -> None:
    for kind in Kind:
        assert stored_keys(catalog, kind) == expected_keys(catalog, kind), kind


def test_a_new_catalog_sorts_by_its_tags_with_untagged_last_both_ways(catalog):
    assert by(catalog) == BY_TASK
    assert by(catalog, descending=True) == ["GeoChat", "RemoteCLIP", "RSGPT", "RingMo"]
    assert by(catalog, "tags:family") == ["GeoChat", "RSGPT", "RemoteCLIP", "RingMo"]  # MLLM, MLLM, VLM
    assert by(catalog, "tags:family@zh")[-1] == "RingMo"
    assert_fresh(catalog)


def test_tagging_and_untagging_move_the_entry_and_undo_moves_it_back(catalog, tax, stack):
    ringmo = entry_id(catalog, "RingMo")
    tax.assign(Kind.PAPER, [ringmo], [tag(tax, "Change detection")])
    assert by(catalog) == ["RingMo", "RSGPT", "RemoteCLIP", "GeoChat"]  # "change detection" first
    tax.unassign(Kind.PAPER, [entry_id(catalog, "RSGPT")], [tag(tax, "Image captioning")])
    assert by(catalog) == ["RingMo", "RemoteCLIP", "GeoChat", "RSGPT"]  # "vqa" now
    assert_fresh(catalog)
    stack.undo()
    stack.undo()
    assert by(catalog) == BY_TASK
    assert_fresh(catalog)
    stack.redo()
    assert by(catalog)[0] == "RingMo"
    assert_fresh(catalog)


def test_setting_a_facets_tags_resorts(catalog, tax, stack):
    tax.set_facet_tags(Kind.PAPER, [entry_id(catalog, "GeoChat")], "task", [tag(tax, "Change detection")])
    assert by(catalog) == ["GeoChat", "RSGPT", "RemoteCLIP", "RingMo"]
    stack.undo()
    assert by(catalog) == BY_TASK
    assert_fresh(catalog)


def test_renaming_a_tag_resorts_every_entry_holding_it_and_undo_restores_the_order(catalog, tax, stack):
    tax.rename_tag(tag(tax, "Image captioning"), "Zoomed captioning")
    assert by(catalog) == ["RemoteCLIP", "GeoChat", "RSGPT", "RingMo"]  # "zoomed captioning, vqa"
    assert_fresh(catalog)
    stack.undo()
    assert by(catalog) == BY_TASK
    assert_fresh(catalog)


def test_the_chinese_labels_sort_the_chinese_column(catalog, tax, stack):
    mllm, vlm = tag(tax, "MLLM"), tag(tax, "VLM")
    tax.rename_tag(vlm, "A 视觉语言", "zh")
    assert by(catalog, "tags:family@zh") == ["RemoteCLIP", "GeoChat", "RSGPT", "RingMo"]
    assert by(catalog, "tags:family") == ["GeoChat", "RSGPT", "RemoteCLIP", "RingMo"]  # English unchanged
    tax.rename_tag(mllm, "B", "zh")
    stack.undo()
    stack.undo()
    assert_fresh(catalog)


def test_moving_a_tag_changes_the_order_of_the_labels_and_the_sort(catalog, tax, stack):
    vqa = tag(tax, "VQA")
    tax.move_tag(vqa, None, 0)  # VQA first among the tasks: "vqa, image captioning" (RSGPT), "vqa, scene..."
    assert by(catalog) == ["RemoteCLIP", "RSGPT", "GeoChat", "RingMo"]
    assert_fresh(catalog)
    stack.undo()
    assert by(catalog) == BY_TASK
    assert_fresh(catalog)


def test_merging_and_deleting_tags_resort_and_undo_restores(catalog, tax, stack):
    tax.merge_tags(tag(tax, "Image captioning"), tag(tax, "VQA"))
    assert by(catalog) == ["RemoteCLIP", "GeoChat", "RSGPT", "RingMo"]  # RSGPT: "vqa"
    assert_fresh(catalog)
    tax.delete_tag(tag(tax, "Scene classification"))
    assert by(catalog) == ["RemoteCLIP", "GeoChat", "RSGPT", "RingMo"]  # "image–text...", "visual...", "vqa"
    tax.delete_tag(tag(tax, "VQA"))
    assert by(catalog) == ["RemoteCLIP", "GeoChat", "RSGPT", "RingMo"]  # RSGPT has no live task left
    assert by(catalog, descending=True) == ["GeoChat", "RemoteCLIP", "RingMo", "RSGPT"]  # empty ones reversed too
    assert_fresh(catalog)
    stack.undo()
    stack.undo()
    stack.undo()
    assert by(catalog) == BY_TASK
    assert_fresh(catalog)


def test_deleting_and_restoring_a_facet_keeps_its_sort(catalog, tax, stack):
    tax.delete_facet("task")
    assert by(catalog) == sorted(BY_TASK, key=lambda n: entry_id(catalog, n))  # no such facet: id order
    stack.undo()
    assert by(catalog) == BY_TASK
    assert_fresh(catalog)


def test_the_trash_and_new_entries_are_sorted_too(catalog, tax, stack):
    geochat = entry_id(catalog, "GeoChat")
    catalog.entries.delete(Kind.PAPER, [geochat])
    assert by(catalog) == ["RSGPT", "RemoteCLIP", "RingMo"]
    assert by(catalog, trashed=True) == ["GeoChat"]
    catalog.entries.restore(Kind.PAPER, [geochat])
    assert by(catalog) == BY_TASK and by(catalog, trashed=True) == []
    [new] = add_entries(catalog, Kind.PAPER, [{"title": "A new paper", "short_name": "New"}])
    assert by(catalog) == [*BY_TASK, "New"]  # untagged: last, after RingMo (id order)
    tax.assign(Kind.PAPER, [new], [tag(tax, "Change detection")])
    assert by(catalog)[0] == "New"
    assert_fresh(catalog)
    catalog.entries.delete(Kind.PAPER, [new])
    catalog.entries.purge(Kind.PAPER, [new])
    assert by(catalog) == BY_TASK
    assert_fresh(catalog)


def test_a_new_facet_sorts_every_entry(catalog, tax, stack):
    tax.create_facet("venue_kind", "Venue kind")
    assert by(catalog, "tags:venue_kind") == sorted(BY_TASK, key=lambda n: entry_id(catalog, n))
    journal = tax.create_tag("venue_kind", "Journal").result
    tax.assign(Kind.PAPER, [entry_id(catalog, "RingMo")], [journal])
    assert by(catalog, "tags:venue_kind")[0] == "RingMo"
    assert_fresh(catalog)
    stack.undo()
    stack.undo()
    stack.undo()
    assert_fresh(catalog)


def test_an_import_writes_the_keys_of_its_entries(catalog, tmp_path):
    bib = tmp_path / "new.bib"
    bib.write_text("@article{a1, title={Zeta paper}, year={2024}, keywords={Change detection}}\n", encoding="utf-8")
    catalog.imports.apply(catalog.imports.plan(catalog.imports.read(bib)))
    assert_fresh(catalog)


@sqlite_only
def test_sorting_by_a_facet_scans_its_key_index_and_reads_no_tags(catalog):
    seen = trace_statements(catalog)
    catalog.entries.sorted_ids(Kind.PAPER, TASK)
    [statement] = [s for s in seen if "ORDER BY" in s]
    plan = query_plan(catalog, statement)
    assert "ix_paper_facet_sort_en" in plan and "TEMP B-TREE" not in plan, plan
    assert "paper_tag" not in statement


def test_migration_0007_fills_the_keys_of_an_old_catalog(targets):
    target = build_catalog(targets.blank(), "0006")
    catalog = targets.open(target, seed=False)
    assert migrations.HEAD >= "0007"
    assert catalog.entries.sorted_ids(Kind.PAPER, TASK) == [1]
    assert catalog.entries.sorted_ids(Kind.PAPER, TASK, trashed=True) == [2]
    assert stored_keys(catalog, Kind.PAPER)[1, 1] == (0, "open vqa", "open vqa")
    assert_fresh(catalog)


def test_a_tag_moved_to_another_facet_moves_its_entries_keys_in_both(catalog, tax):
    family = next(f.id for f in tax.tree(counts=False) if f.key == "family")
    catalog.store.write(lambda tx: tx.update_row("tag", tag(tax, "VQA"), {"facet_id": family, "parent_id": None}))
    assert by(catalog, "tags:family") == ["GeoChat", "RSGPT", "RemoteCLIP", "RingMo"]  # "mllm, vqa" twice, "vlm"
    assert_fresh(catalog)
