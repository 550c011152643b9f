"""Taxonomy edits (create, rename, recolour, move, merge, delete, bulk assign) and their undo."""

import pytest

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store.writes import Tx
from rsfm_desktop.core.taxonomy import TaxonomyError, apply_counts

from .catalog_helpers import entry_id
from .taxonomy_helpers import dump, members, node, tag


def test_create_tag_under_a_parent_then_undo_and_redo_keep_its_id(tax, stack):
    detection = tag(tax, "Object detection")
    new_id = tax.create_tag("task", "Aircraft detection", "飞机检测", detection, "#112233").result
    assert [c.label for c in node(tax, detection).children] == ["Ship detection", "Aircraft detection"]
    assert tax.resolve("飞机检测") == [new_id]
    assert stack.labels()[-1] == "New tag “Aircraft detection”"

    stack.undo()
    assert tax.resolve("Aircraft detection") == []
    stack.redo()
    again = node(tax, new_id)
    assert (again.parent_id, again.label_zh, again.color) == (detection, "飞机检测", "#112233")


def test_a_label_already_used_in_the_facet_is_refused(catalog, tax, stack):
    before = dump(catalog)
    for label in ("vqa", "RS VQA", "视觉问答"):  # a label in any case, a synonym, the Chinese label
        with pytest.raises(TaxonomyError) as exc:
            tax.create_tag("task", label)
        assert exc.value.code == "duplicate"
    assert dump(catalog) == before and not stack.can_undo()
    # the same label in another facet is fine: Location is a modality and a paradigm
    assert len(tax.resolve("Location")) == 2


def test_rename_either_language_and_undo(tax, stack):
    vqa = tag(tax, "VQA")
    tax.rename_tag(vqa, "Visual QA")
    tax.rename_tag(vqa, "遥感视觉问答", lang="zh")
    assert (node(tax, vqa).label_en, node(tax, vqa).label_zh) == ("Visual QA", "遥感视觉问答")
    assert tax.resolve("visual qa") == [vqa] and tax.resolve("视觉问答") == []
    stack.undo()
    stack.undo()
    assert (node(tax, vqa).label_en, node(tax, vqa).label_zh) == ("VQA", "视觉问答")


def test_a_tag_keeps_at_least_one_label(tax):
    with pytest.raises(TaxonomyError) as exc:
        tax.rename_tag(tag(tax, "Few-shot classification"), "")  # it has no Chinese label
    assert exc.value.code == "empty_label"


def test_recolour_and_bad_colours(tax, stack):
    sar = tag(tax, "SAR")
    tax.recolour_tag(sar, "#00ff00")
    assert node(tax, sar).color == "#00ff00"
    with pytest.raises(TaxonomyError):
        tax.recolour_tag(sar, "green")
    stack.undo()
    assert node(tax, sar).color == "#c07a2c"


def test_move_to_another_parent_updates_counts_and_undoes(catalog, tax, stack):
    multimodal, single = tag(tax, "Multimodal"), tag(tax, "Single-modal")
    image_text = tag(tax, "Image–text")
    assert (node(tax, multimodal).papers, node(tax, single).papers) == (3, 1)

    tax.move_tag(image_text, single, position=0)
    assert [c.label for c in node(tax, single).children][0] == "Image–text"
    assert (node(tax, multimodal).papers, node(tax, single).papers) == (0, 4)

    counts = tax.counts()  # what the window reads in the background, applied to a tree read without
    assert (counts.get(multimodal, (0, 0))[0], counts[single][0]) == (0, 4)  # absent: none
    bare = tax.tree(counts=False)
    apply_counts(bare, counts)
    assert [(t.id, t.papers, t.datasets) for f in bare for t in f.walk()] == [
        (t.id, t.papers, t.datasets) for f in tax.tree() for t in f.walk()]

    stack.undo()
    assert node(tax, image_text).parent_id == multimodal
    assert [c.label for c in node(tax, multimodal).children] == ["Image–text", "Image–non-text", "Generative"]
    assert [c.label for c in node(tax, single).children] == ["Contrastive self-supervised", "Masked generative"]


def test_moves_that_would_make_a_cycle_or_leave_the_facet_are_refused(catalog, tax):
    multimodal, non_text = tag(tax, "Multimodal"), tag(tax, "Image–non-text")
    before = dump(catalog)
    with pytest.raises(TaxonomyError) as exc:
        tax.move_tag(multimodal, tag(tax, "Audio", "paradigm"))  # under its own grandchild
    assert exc.value.code == "cycle"
    with pytest.raises(TaxonomyError) as exc:
        tax.move_tag(non_text, non_text)
    assert exc.value.code == "cycle"
    with pytest.raises(TaxonomyError) as exc:
        tax.move_tag(non_text, tag(tax, "SAR"))
    assert exc.value.code == "cross_facet"
    assert dump(catalog) == before


def test_merge_keeps_the_union_moves_synonyms_and_children_and_undoes_exactly(catalog, tax, stack):
    detection, counting = tag(tax, "Object detection"), tag(tax, "Counting")
    ship = tag(tax, "Ship detection")
    geochat, remoteclip = entry_id(catalog, "GeoChat"), entry_id(catalog, "RemoteCLIP")
    tax.assign(Kind.PAPER, [geochat, remoteclip], [detection])  # RemoteCLIP has both tags
    before = dump(catalog)

    tax.merge_tags(detection, counting)
    assert members(catalog, counting) == {geochat, remoteclip}
    assert node(tax, ship).parent_id == counting
    assert tax.resolve("Object detection") == [counting]  # the old label became a synonym
    assert tax.resolve("目标检测") == [counting]
    assert "Object Counting" in node(tax, counting).synonyms
    assert stack.labels()[-1] == "Merge “Object detection” into “Counting”"

    stack.undo()
    assert dump(catalog) == before  # same ids, labels, synonyms, children, memberships
    stack.redo()
    assert members(catalog, counting) == {geochat, remoteclip} and tax.resolve("目标检测") == [counting]


def test_merge_refuses_its_own_descendant_another_facet_and_itself(catalog, tax):
    multimodal = tag(tax, "Multimodal")
    before = dump(catalog)
    for target, code in ((tag(tax, "Image–text"), "cycle"), (tag(tax, "MLLM"), "cross_facet"),
                         (multimodal, "same_tag")):
        with pytest.raises(TaxonomyError) as exc:
            tax.merge_tags(multimodal, target)
        assert exc.value.code == code
    assert dump(catalog) == before


def test_delete_reports_what_is_lost_and_undo_restores_tags_and_memberships(catalog, tax, stack):
    multimodal = tag(tax, "Multimodal")
    rsicap = entry_id(catalog, "RSICap")
    tax.assign(Kind.DATASET, [rsicap], [tag(tax, "Generative")])
    catalog.entries.delete(Kind.PAPER, [entry_id(catalog, "RSGPT")])  # trashed: not counted, but keeps its tags
    impact = tax.delete_impact(multimodal)
    assert (impact.tags, impact.papers, impact.datasets) == (7, 2, 1)
    before = dump(catalog)

    command = tax.delete_tag(multimodal)
    assert command.result == impact
    assert tax.resolve("Image–text", "paradigm") == [] and tax.resolve("Generative") == []
    assert members(catalog, tag(tax, "Image captioning"), "dataset") == {rsicap, entry_id(catalog, "RSIEval")}

    stack.undo()
    assert dump(catalog) == before
    stack.redo()
    assert tax.resolve("Multimodal") == []


def test_bulk_assign_is_one_undo_step_and_undo_keeps_earlier_tags(catalog, tax, stack):
    to_read = tag(tax, "To read")
    papers = [entry_id(catalog, n) for n in ("GeoChat", "RSGPT", "RemoteCLIP", "RingMo")]
    tax.assign(Kind.PAPER, papers[:1], [to_read])
    command = tax.assign(Kind.PAPER, papers, [to_read])
    assert command.result == 3 and members(catalog, to_read) == set(papers)
    assert stack.labels()[-1] == "Add “To read” to 4 entries"

    stack.undo()
    assert members(catalog, to_read) == {papers[0]}
    stack.redo()
    assert members(catalog, to_read) == set(papers)

    tax.unassign(Kind.PAPER, papers[1:], [to_read])
    assert members(catalog, to_read) == {papers[0]}
    stack.undo()
    assert members(catalog, to_read) == set(papers)


def test_assigning_a_deleted_tag_fails_and_changes_nothing(catalog, tax, stack):
    read = tag(tax, "Read")
    tax.delete_tag(read)
    before = dump(catalog)
    with pytest.raises(TaxonomyError):
        tax.assign(Kind.PAPER, [entry_id(catalog, "GeoChat")], [tag(tax, "To read"), read])
    assert dump(catalog) == before


@pytest.mark.parametrize("edit", [
    lambda tax: tax.rename_tag(tag(tax, "VQA"), "Visual QA"),
    lambda tax: tax.merge_tags(tag(tax, "Multimodal"), tag(tax, "Single-modal")),
    lambda tax: tax.delete_tag(tag(tax, "Multimodal")),
])
def test_an_edit_failing_half_way_leaves_the_database_unchanged(catalog, tax, stack, monkeypatch, edit):
    real_finish = Tx.finish

    def finish_then_fail(self):  # every write is done, the commit has not happened yet
        real_finish(self)
        raise RuntimeError("disk full")

    monkeypatch.setattr(Tx, "finish", finish_then_fail)
    before = dump(catalog)
    with pytest.raises(RuntimeError):
        edit(tax)
    assert dump(catalog) == before and not stack.can_undo()


def test_facets_create_rename_delete_and_undo(catalog, tax, stack):
    facet_id = tax.create_facet("venue_rank", "Venue rank", "会议等级").result
    tax.create_tag("venue_rank", "CCF-A")
    tax.rename_facet(facet_id, "期刊等级", lang="zh")
    assert [f.label_zh for f in tax.tree() if f.key == "venue_rank"] == ["期刊等级"]
    with pytest.raises(TaxonomyError):
        tax.create_facet("venue_rank", "Again")
    with pytest.raises(TaxonomyError):
        tax.create_facet("Bad Key!", "Bad")

    task = next(f for f in tax.tree() if f.key == "task")
    before = dump(catalog)
    assert tax.delete_facet("task").result.papers == 3
    assert "task" not in [f.key for f in tax.tree()]
    stack.undo()
    assert dump(catalog) == before and [t.id for t in task.walk()] == [
        t.id for f in tax.tree() if f.key == "task" for t in f.walk()]


def test_commands_are_labelled_for_the_undo_menu(tax, stack):
    a = tax.create_tag("reading_status", "Skimmed", "略读").result
    tax.recolour_tag(a, "#abcdef")
    tax.rename_tag(a, "Skim")
    assert stack.labels() == ["New tag “Skimmed”", "Recolour tag “Skimmed”", "Rename tag “Skimmed” to “Skim”"]
