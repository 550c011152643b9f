"""Counts per tag, tag filters in list_ids, tag columns and saved views."""

import pytest

from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.taxonomy import TaxonomyError

from ..conftest import sqlite_only
from .catalog_helpers import entry_id, query_plan, trace_statements
from .catalog_helpers import names as table_names
from .taxonomy_helpers import node, tag


def facet_id(tax, key):
    return next(f.id for f in tax.tree(counts=False) if f.key == key)


def names(catalog, kind, query):
    return table_names(catalog, query, kind, ordered=True)


def test_a_parent_counts_distinct_live_entries_of_its_descendants(catalog, tax):
    multimodal, image_text = tag(tax, "Multimodal"), tag(tax, "Image–text")
    assert (node(tax, multimodal).papers, node(tax, image_text).papers) == (3, 3)
    tax.assign(Kind.PAPER, [entry_id(catalog, "GeoChat")], [multimodal, tag(tax, "Generative")])
    assert node(tax, multimodal).papers == 3  # GeoChat carries three of its tags, counted once
    catalog.entries.delete(Kind.PAPER, [entry_id(catalog, "GeoChat")])
    assert node(tax, multimodal).papers == 2  # the trash does not count
    optical = node(tax, tag(tax, "Optical/RGB"))
    assert (optical.papers, optical.datasets, optical.count) == (1, 1, 2)


def test_tree_lists_facets_and_nested_tags_in_order(tax):
    tree = tax.tree()
    assert [f.key for f in tree] == ["family", "modality", "task", "paradigm", "reading_status"]
    paradigm = tree[3]
    assert (paradigm.label_en, paradigm.label_zh) == ("Pretraining paradigm", "预训练范式")
    assert [t.label for t in paradigm.tags] == ["Single-modal", "Multimodal"]
    non_text = paradigm.tags[1].children[1]
    assert [c.label for c in non_text.children] == ["Location", "Audio", "Street view"]
    assert all(t.label_en and t.label_zh for f in tree for t in f.walk() if t.label != "Few-shot classification")


def test_or_within_a_facet_and_across_facets_combined_with_search(catalog, tax):
    task, family = facet_id(tax, "task"), facet_id(tax, "family")
    vqa, retrieval = tag(tax, "VQA"), tag(tax, "Image–text retrieval")
    assert names(catalog, Kind.PAPER, Query(tags={task: {vqa}})) == ["GeoChat", "RSGPT"]
    assert names(catalog, Kind.PAPER, Query(tags={task: {vqa, retrieval}})) == ["GeoChat", "RemoteCLIP", "RSGPT"]
    both = {task: {vqa, retrieval}, family: {tag(tax, "VLM")}}
    assert names(catalog, Kind.PAPER, Query(tags=both)) == ["RemoteCLIP"]
    assert names(catalog, Kind.PAPER, Query(text="benchmark", tags={task: {vqa, retrieval}})) == ["RSGPT"]
    assert names(catalog, Kind.PAPER, Query(sort_key="year", descending=True, tags={task: {vqa}})) == [
        "GeoChat", "RSGPT"]
    assert names(catalog, Kind.DATASET, Query(tags={task: {vqa}})) == ["RSIEval"]
    assert names(catalog, Kind.PAPER, Query(tags={task: set()})) == names(catalog, Kind.PAPER, Query())


def test_a_parent_tag_filters_its_descendants_and_the_trash_stays_out(catalog, tax):
    paradigm = facet_id(tax, "paradigm")
    single = tag(tax, "Single-modal")
    assert names(catalog, Kind.PAPER, Query(tags={paradigm: {single}})) == ["RingMo"]
    assert names(catalog, Kind.PAPER, Query(tags={paradigm: {tag(tax, "Multimodal")}})) == [
        "GeoChat", "RemoteCLIP", "RSGPT"]
    catalog.entries.delete(Kind.PAPER, [entry_id(catalog, "RingMo")])
    assert names(catalog, Kind.PAPER, Query(tags={paradigm: {single}})) == []


@sqlite_only
def test_tag_filter_reads_the_tag_index_even_with_statistics(catalog, tax):
    task, family = facet_id(tax, "task"), facet_id(tax, "family")
    tags = {task: {tag(tax, "VQA")}, family: {tag(tax, "MLLM")}}
    with catalog.store.engine.begin() as conn:
        # Statistics saying a tag covers most papers once made the planner scan paper_tag.
        conn.exec_driver_sql("ANALYZE")
        conn.exec_driver_sql("DELETE FROM sqlite_stat1 WHERE tbl = 'paper_tag'")
        conn.exec_driver_sql("INSERT INTO sqlite_stat1 VALUES ('paper_tag', 'ix_paper_tag_tag', '500000 25000 1')")
        conn.exec_driver_sql("ANALYZE sqlite_schema")  # reload the statistics
    statements = trace_statements(catalog)
    assert names(catalog, Kind.PAPER, Query(tags=tags)) == ["GeoChat", "RSGPT"]
    [match] = [s for s in statements if "paper_tag" in s]
    plan = query_plan(catalog, match)
    steps = plan.split(" | ")
    assert "SEARCH m USING COVERING INDEX ix_paper_tag_tag (tag_id=?)" in steps, plan
    assert not [s for s in steps if s == "SCAN m" or s.startswith(("SCAN m ", "SCAN paper_tag"))], plan


def test_tag_columns_show_and_sort_by_the_facets_labels(catalog, tax):
    ids = catalog.entries.list_ids(Kind.PAPER, Query(sort_key="tags:task"))
    rows = catalog.entries.fetch_rows(Kind.PAPER, ids, tag_columns=["tags:task", "tags:family@zh"])
    cells = [(rows[i]["short_name"], rows[i]["tags:task"]) for i in ids]
    assert cells == [
        ("RSGPT", "Image captioning, VQA"),
        ("RemoteCLIP", "Scene classification, Image–text retrieval, Counting, Few-shot classification"),
        ("GeoChat", "Scene classification, Visual grounding, VQA"),
        ("RingMo", None),  # no task: last in both directions
    ]
    assert rows[ids[0]]["tags:family@zh"] == "多模态大语言模型"
    down = catalog.entries.list_ids(Kind.PAPER, Query(sort_key="tags:task", descending=True))
    assert down == [ids[2], ids[1], ids[0], ids[3]]
    with pytest.raises(KeyError):
        catalog.entries.list_ids(Kind.PAPER, Query(sort_key="tags:x'; drop table tag; --"))


def test_saved_views_store_text_and_tag_filter(catalog, tax):
    task = facet_id(tax, "task")
    vqa = tag(tax, "VQA")
    view_id = tax.create_view("VQA models", "geo", {task: {vqa}})
    with pytest.raises(TaxonomyError) as exc:
        tax.create_view("vqa MODELS")
    assert exc.value.code == "duplicate_view"
    tax.create_view("All")
    tax.rename_view(view_id, "Grounded VQA")
    [everything, saved] = tax.views()
    assert (saved.name, saved.text, saved.tags) == ("Grounded VQA", "geo", {task: frozenset({vqa})})
    assert everything.name == "All" and everything.tags == {}
    assert names(catalog, Kind.PAPER, Query(saved.text, tags=saved.tags)) == ["GeoChat"]
    tax.update_view(view_id, "", {task: {vqa, tag(tax, "Counting")}})
    assert tax.views()[1].tags == {task: frozenset({vqa, tag(tax, "Counting")})}
    tax.delete_view(view_id)
    assert [v.name for v in tax.views()] == ["All"]


def test_merging_a_tag_retargets_saved_views_and_undo_restores_them(catalog, tax, stack):
    task = facet_id(tax, "task")
    captioning, vqa = tag(tax, "Image captioning"), tag(tax, "VQA")
    view_id = tax.create_view("Captioning", tags={task: {captioning}})
    tax.merge_tags(captioning, vqa)
    assert tax.views()[0].tags == {task: frozenset({vqa})}
    stack.undo()
    assert [(v.id, v.tags) for v in tax.views()] == [(view_id, {task: frozenset({captioning})})]
