"""The taxonomy in the window: tag sidebar filtering, the tag editor, tag chips, bulk tagging and
saved views, each checked against the database and undone with Ctrl+Z."""

from PySide6.QtCore import QItemSelectionModel, QMimeData, QByteArray, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox, QToolButton

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.entries import Query
from rsfm_desktop.ui.models.tag_tree_model import MIME_TYPE, CountRole, TagTreeModel

from .conftest import type_text

SELECT = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


def ctl(window):
    return window.taxonomy_controller


def tag(window, text, facet=None):
    return ctl(window).taxonomy.resolve(text, facet)[0]


def tags_of(window, kind, entry_id):
    return {t.id for t in ctl(window).taxonomy.entry_tags(kind, [entry_id]).get(entry_id, [])}


def tagged(window, kind, tag_id):
    ids = window.catalog.entries.list_ids(kind, Query())
    return {i for i in ids if tag_id in tags_of(window, kind, i)}


def select_tags(window, *tag_ids):
    sidebar = ctl(window).sidebar
    for tag_id in tag_ids:
        index = sidebar.model.index_of(("tag", tag_id))
        sidebar.tree.selectionModel().select(index, SELECT)


def shown(window, kind=Kind.PAPER):
    return window.tables[kind].catalog_model().ids()


def expected(window, kind, text="", **facets):
    c = ctl(window)
    tags = {}
    for facet, labels in facets.items():
        facet_id = c.taxonomy._index().facet_id(facet)
        tags[facet_id] = frozenset(tag(window, label, facet) for label in labels)
    return window.catalog.entries.list_ids(kind, Query(text, tags=tags))


def test_tag_tree_model_passes_qtmodeltester(qtmodeltester, window):
    """The tester keeps watching while the model fills, updates in place and resets."""
    model = TagTreeModel(editable=True)
    qtmodeltester.check(model, force_py=True)
    model.set_tree(ctl(window).taxonomy.tree())  # first fill: reset
    assert model.rowCount() == 5
    ctl(window).taxonomy.recolour_tag(tag(window, "VQA"), "#123456")
    model.set_tree(ctl(window).taxonomy.tree())  # same shape: dataChanged
    assert model.index_of(("tag", tag(window, "VQA"))).data(Qt.ItemDataRole.UserRole + 3) == "#123456"
    ctl(window).taxonomy.create_tag("task", "Dense captioning")
    model.set_tree(ctl(window).taxonomy.tree())  # a new tag: reset
    assert model.index_of(("tag", tag(window, "Dense captioning"))).isValid()


def test_sidebar_counts_include_descendants(window, qtbot):
    qtbot.waitUntil(lambda: not ctl(window).counts_pending())
    model = ctl(window).sidebar_model
    multimodal = model.index_of(("tag", tag(window, "Multimodal", "paradigm")))
    image_text = model.index_of(("tag", tag(window, "Image-text", "paradigm")))
    assert multimodal.data(CountRole) >= image_text.data(CountRole) > 0
    assert model.index(image_text.row(), 1, image_text.parent()).data() == str(image_text.data(CountRole))


def test_counts_follow_an_edit_without_freezing_the_window(window, qtbot, monkeypatch):
    import time

    qtbot.waitUntil(lambda: not ctl(window).counts_pending())
    model = ctl(window).sidebar_model
    vqa = tag(window, "VQA")
    before = model.index_of(("tag", vqa)).data(CountRole)
    slow_counts = ctl(window).taxonomy.counts

    def slow():
        time.sleep(0.5)  # as on a very large catalog
        return slow_counts()

    monkeypatch.setattr(ctl(window).taxonomy, "counts", slow)
    untagged = next(i for i in window.catalog.entries.list_ids(Kind.PAPER) if vqa not in tags_of(window, Kind.PAPER, i))
    started = time.perf_counter()
    ctl(window).taxonomy.assign(Kind.PAPER, [untagged], [vqa])  # an undoable edit: refreshes
    assert time.perf_counter() - started < 0.4  # the counts did not run on the GUI thread
    assert model.index_of(("tag", vqa)).data(CountRole) == before  # the last known count meanwhile
    qtbot.waitUntil(lambda: model.index_of(("tag", vqa)).data(CountRole) == before + 1, timeout=5000)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: model.index_of(("tag", vqa)).data(CountRole) == before, timeout=5000)


def test_tagging_entries_reads_only_the_counts_again_not_the_tree(window, qtbot, monkeypatch):
    """After an import or a bulk tagging (entries' tags changed, not the tags) the tree was read
    again on the GUI thread and the detail pane's chips too; now only the counts, in the
    background. Renaming a tag (the taxonomy changed) still shows the new label at once."""
    qtbot.waitUntil(lambda: not ctl(window).counts_pending())
    model = ctl(window).sidebar_model
    vqa = tag(window, "VQA")
    before = model.index_of(("tag", vqa)).data(CountRole)
    taxonomy = ctl(window).taxonomy
    trees, original = [], taxonomy.tree
    monkeypatch.setattr(taxonomy, "tree", lambda *a, **k: trees.append(1) or original(*a, **k))
    untagged = [i for i in window.catalog.entries.list_ids(Kind.PAPER) if vqa not in tags_of(window, Kind.PAPER, i)]
    shown_id = window.tables[Kind.PAPER].current_id()
    taxonomy.assign(Kind.PAPER, [i for i in untagged if i != shown_id][:2], [vqa])
    assert trees == []
    qtbot.waitUntil(lambda: model.index_of(("tag", vqa)).data(CountRole) == before + 2, timeout=5000)
    taxonomy.rename_tag(vqa, "Visual QA")
    assert trees == [1]
    assert model.index_of(("tag", vqa)).data() == "Visual QA"


def test_new_counts_are_repainted_in_the_sidebar(window, qtbot):
    # The counts arrive on the same tree objects the sidebar already shows; the view must still
    # be told, or the sidebar keeps painting the old numbers (0 on a first start) until hovered.
    qtbot.waitUntil(lambda: not ctl(window).counts_pending())
    model = ctl(window).sidebar_model
    vqa = tag(window, "VQA")
    cell = model.index_of(("tag", vqa), column=1)
    before = cell.data()
    repainted = []

    def changed(top_left, bottom_right, _roles=()):
        if (top_left.parent() == cell.parent() and top_left.row() <= cell.row() <= bottom_right.row()
                and top_left.column() <= 1 <= bottom_right.column()):
            repainted.append(model.index_of(("tag", vqa), column=1).data())

    model.dataChanged.connect(changed)
    untagged = next(i for i in window.catalog.entries.list_ids(Kind.PAPER) if vqa not in tags_of(window, Kind.PAPER, i))
    ctl(window).taxonomy.assign(Kind.PAPER, [untagged], [vqa])
    qtbot.waitUntil(lambda: not ctl(window).counts_pending(), timeout=5000)
    assert repainted and repainted[-1] == str(int(before) + 1)


def test_counts_arriving_late_from_an_older_edit_never_replace_newer_ones(window, qtbot, monkeypatch):
    import threading

    qtbot.waitUntil(lambda: not ctl(window).counts_pending())
    model = ctl(window).sidebar_model
    vqa = tag(window, "VQA")
    before = model.index_of(("tag", vqa)).data(CountRole)
    real_counts, calls = ctl(window).taxonomy.counts, []

    def counts():  # 1st: read before the edit, answered late; 2nd: at once; 3rd: slower still
        calls.append(None)
        number = len(calls)
        if number == 3:
            threading.Event().wait(1.2)
        result = real_counts()
        if number == 1:
            threading.Event().wait(0.8)
        return result

    monkeypatch.setattr(ctl(window).taxonomy, "counts", counts)
    untagged = next(i for i in window.catalog.entries.list_ids(Kind.PAPER) if vqa not in tags_of(window, Kind.PAPER, i))
    ctl(window).refresh()
    qtbot.waitUntil(lambda: len(calls) == 1)
    ctl(window).taxonomy.assign(Kind.PAPER, [untagged], [vqa])  # an edit: counts asked again
    qtbot.waitUntil(lambda: not ctl(window).counts_pending(), timeout=5000)
    ctl(window).refresh()  # and once more, still pending when the first answer comes back
    qtbot.waitUntil(lambda: not ctl(window).counts_pending(), timeout=5000)
    qtbot.wait(300)
    assert len(calls) == 3
    assert model.index_of(("tag", vqa)).data(CountRole) == before + 1


def test_selecting_tags_filters_both_tables_or_within_and_across_facets(window, qtbot):
    vqa, counting, mllm = tag(window, "VQA"), tag(window, "Counting"), tag(window, "MLLM")
    clear = ctl(window).sidebar.clear_button
    assert clear.isHidden()

    select_tags(window, vqa)
    assert shown(window) == expected(window, Kind.PAPER, task=["VQA"])
    assert shown(window, Kind.DATASET) == expected(window, Kind.DATASET, task=["VQA"])
    assert 0 < len(shown(window)) < window.catalog.entries.count(Kind.PAPER)
    assert window.count_label.text().startswith(f"{len(shown(window))} of ")
    assert not clear.isHidden()

    select_tags(window, counting)  # same facet: OR
    either = expected(window, Kind.PAPER, task=["VQA", "Counting"])
    assert shown(window) == either and len(either) > len(expected(window, Kind.PAPER, task=["VQA"]))

    select_tags(window, tag(window, "VLM"))  # another facet: AND
    assert shown(window) == expected(window, Kind.PAPER, task=["VQA", "Counting"], family=["VLM"])
    assert 0 < len(shown(window)) < len(either)

    ctl(window).sidebar.clear_filter()
    select_tags(window, mllm)
    window.search_box.setText("GeoChat")
    window.apply_search()
    assert shown(window) == expected(window, Kind.PAPER, "GeoChat", family=["MLLM"]) and len(shown(window)) == 1

    window.search_box.clear()
    window.apply_search()
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert shown(window) == window.catalog.entries.list_ids(Kind.PAPER, Query())
    assert clear.isHidden()
    assert not ctl(window).sidebar.tree.selectionModel().hasSelection()


def test_editor_create_rename_recolour_undo(window, monkeypatch):
    editor = ctl(window).editor
    taxonomy = ctl(window).taxonomy
    editor.select(("tag", tag(window, "VQA")))
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: ("Dense VQA", True))
    editor.buttons["newChildButton"].click()
    new_id = tag(window, "Dense VQA")
    node = next(t for t in taxonomy.tree()[2].walk() if t.id == new_id)
    assert node.parent_id == tag(window, "VQA")
    assert ctl(window).sidebar_model.index_of(("tag", new_id)).isValid()  # sidebar refreshed

    assert editor.current_key() == ("tag", new_id)
    editor.label_zh.setText("密集问答")
    editor.label_zh.editingFinished.emit()
    assert taxonomy.resolve("密集问答") == [new_id]
    editor.label_en.setText("Dense visual QA")
    editor.label_en.editingFinished.emit()
    assert taxonomy.resolve("Dense visual QA") == [new_id] and taxonomy.resolve("Dense VQA") == []

    monkeypatch.setattr("PySide6.QtWidgets.QColorDialog.getColor", lambda *a, **k: QColor("#112233"))
    editor.colour_button.click()
    assert ctl(window).sidebar_model.index_of(("tag", new_id)).data(Qt.ItemDataRole.UserRole + 3) == "#112233"

    window.undo_action.trigger()  # colour
    window.undo_action.trigger()  # English label
    assert taxonomy.resolve("Dense VQA") == [new_id]
    window.undo_action.trigger()  # Chinese label
    window.undo_action.trigger()  # creation
    assert taxonomy.resolve("Dense VQA") == []
    assert not ctl(window).sidebar_model.index_of(("tag", new_id)).isValid()


def test_editor_move_by_drop_merge_and_delete_with_undo(window, monkeypatch, qtbot):
    c, taxonomy = ctl(window), ctl(window).taxonomy
    vqa, grounding = tag(window, "VQA"), tag(window, "Visual grounding")
    model = c.editor_model
    data = QMimeData()
    data.setData(MIME_TYPE, QByteArray(str(grounding).encode()))
    target = model.index_of(("tag", vqa))
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of(("facet", 1)))
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    qtbot.waitUntil(lambda: model.index_of(("tag", grounding)).parent() == model.index_of(("tag", vqa)))
    vqa_papers = tagged(window, Kind.PAPER, vqa) | tagged(window, Kind.PAPER, grounding)
    vqa_datasets = tagged(window, Kind.DATASET, vqa) | tagged(window, Kind.DATASET, grounding)
    # The sidebar counts what the tab shows: the papers here, the datasets on the Datasets tab.
    qtbot.waitUntil(lambda: c.sidebar_model.index_of(("tag", vqa)).data(CountRole) == len(vqa_papers))
    window.tabs.setCurrentIndex(1)
    assert c.sidebar_model.index_of(("tag", vqa)).data(CountRole) == len(vqa_datasets)
    window.tabs.setCurrentIndex(0)
    assert c.editor_model.index_of(("tag", vqa)).data(CountRole) == len(vqa_papers) + len(vqa_datasets)
    window.undo_action.trigger()
    assert model.index_of(("tag", grounding)).parent() == model.index_of(("facet", model.facet_of(vqa).id))

    # merge "Image captioning" into "VQA": the union of entries
    caption = tag(window, "Image captioning")
    union = tagged(window, Kind.PAPER, caption) | tagged(window, Kind.PAPER, vqa)
    c.editor.select(("tag", caption))
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getItem",
                        lambda _p, _t, _l, items, *a, **k: (next(i for i in items if i.endswith("› VQA")), True))
    c.editor.buttons["mergeButton"].click()
    assert tagged(window, Kind.PAPER, vqa) == union
    assert taxonomy.resolve("Image captioning") == [vqa]  # its label became a synonym
    window.undo_action.trigger()
    assert tag(window, "Image captioning") == caption and tagged(window, Kind.PAPER, caption)

    # delete names what is lost and asks first
    asked = []

    def answer(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question", answer)
    papers = len(tagged(window, Kind.PAPER, vqa))
    datasets = len(tagged(window, Kind.DATASET, vqa))
    c.editor.select(("tag", vqa))
    c.editor.buttons["deleteTagButton"].click()
    assert f"{papers} papers and {datasets} datasets" in asked[0]
    assert taxonomy.resolve("VQA") == []
    window.undo_action.trigger()
    assert tag(window, "VQA") == vqa and len(tagged(window, Kind.PAPER, vqa)) == papers


def test_editor_adds_facet_and_synonym(window, monkeypatch):
    c = ctl(window)
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: ("Benchmark suite", True))
    c.editor.buttons["newFacetButton"].click()
    facets = {f.key: f for f in c.taxonomy.tree()}
    assert facets["benchmark_suite"].label_en == "Benchmark suite"
    c.editor.select(("tag", tag(window, "SAR", "modality")))
    c.editor.synonym_input.setText("Radar")
    c.editor.synonym_input.returnPressed.emit()
    assert c.taxonomy.resolve("radar") == [tag(window, "SAR", "modality")]
    window.undo_action.trigger()
    assert c.taxonomy.resolve("radar") == []


def test_chips_add_by_typing_and_remove_with_one_click(window, qtbot):
    c = ctl(window)
    table = window.tables[Kind.PAPER]
    table.selectRow(0)
    entry_id = table.current_id()
    counting = tag(window, "Counting")
    assert counting not in tags_of(window, Kind.PAPER, entry_id)

    type_text(qtbot, c.chips.input, "目标计")  # Chinese label, completed
    completions = [c.chips.completions.item(r).data(Qt.ItemDataRole.UserRole + 1)
                   for r in range(c.chips.completions.rowCount())]
    assert counting in completions
    c.chips.input.setText("object counting")  # a synonym, any case
    c.chips.completer.popup().hide()
    qtbot.keyClick(c.chips.input, Qt.Key.Key_Return)
    assert counting in tags_of(window, Kind.PAPER, entry_id)
    assert counting in c.chips.chip_ids()

    chip = next(ch for ch in c.chips.findChildren(QToolButton, "removeTagButton")
                if ch.parent() in c.chips.chip_widgets() and ch.parent().property("tagId") == counting)
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert counting not in tags_of(window, Kind.PAPER, entry_id)
    assert counting not in c.chips.chip_ids()
    window.undo_action.trigger()
    assert counting in tags_of(window, Kind.PAPER, entry_id)


def test_bulk_add_to_three_rows_is_one_undo_step(window, monkeypatch, qtbot):
    table = window.tables[Kind.PAPER]
    for row in range(3):
        table.selectionModel().select(table.model().index(row, 0), SELECT)
    ids = table.selected_ids()
    assert len(ids) == 3
    to_read = tag(window, "To read")
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getItem",
                        lambda _p, _t, _l, items, *a, **k: (next(i for i in items if i.endswith("› To read")), True))
    steps = window.undo_stack.count()
    ctl(window).add_action.trigger()
    assert tagged(window, Kind.PAPER, to_read) == set(ids)
    assert window.undo_stack.count() == steps + 1
    assert table.selected_ids() == ids  # still selected for the next bulk edit
    count = ctl(window).sidebar_model.index_of(("tag", to_read)).data
    qtbot.waitUntil(lambda: count(CountRole) == 3)  # counts are read in the background
    window.undo_action.trigger()
    assert tagged(window, Kind.PAPER, to_read) == set()

    window.redo_action.trigger()
    for row in range(3):
        table.selectionModel().select(table.model().index(row, 0), SELECT)
    ctl(window).remove_action.trigger()
    assert tagged(window, Kind.PAPER, to_read) == set()


def test_saved_view_save_and_apply(window, monkeypatch):
    c = ctl(window)
    select_tags(window, tag(window, "MLLM"))
    window.search_box.setText("remote")
    window.apply_search()
    filtered = shown(window)
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", lambda *a, **k: ("MLLM papers", True))
    c.sidebar.save_button.click()
    assert [v.name for v in c.taxonomy.views()] == ["MLLM papers"]

    c.sidebar.clear_filter()
    window.search_box.clear()
    window.apply_search()
    assert len(shown(window)) > len(filtered)

    item = c.sidebar.views.item(0)
    c.sidebar.views.itemClicked.emit(item)
    assert window.search_box.text() == "remote"
    assert shown(window) == filtered
    assert c.sidebar.tag_filter() == {c.taxonomy._index().facet_id("family"): frozenset({tag(window, "MLLM")})}


def test_tag_column_per_facet_shows_and_sorts(make_window):
    from PySide6.QtCore import Qt

    from rsfm_desktop.core.fields import Kind

    window = make_window()
    table = window.tables[Kind.PAPER]
    model = table.catalog_model()
    keys = [c.key for c in model.columns]
    family = keys.index("tags:family")
    assert not table.horizontalHeader().isSectionHidden(family)  # a default column
    assert table.horizontalHeader().isSectionHidden(keys.index("tags:modality"))  # hidden until chosen
    assert model.headerData(family, Qt.Orientation.Horizontal) == "Model family"
    table.set_column_visible(family, True)
    model.sort(family, Qt.SortOrder.AscendingOrder)
    values = [model.index(r, family).data() for r in range(model.rowCount())]
    present = [v for v in values if v]
    assert present == sorted(present, key=str.casefold) and "MLLM" in present
    assert values[len(present):] == [None] * (len(values) - len(present))  # untagged last
    model.sort(family, Qt.SortOrder.DescendingOrder)
    again = [model.index(r, family).data() for r in range(model.rowCount())]
    assert [v for v in again if v] == present[::-1]


def test_jump_to_a_linked_entry_clears_a_tag_filter_hiding_it(make_window):
    from rsfm_desktop.core.fields import Kind

    window = make_window()
    sidebar = window.taxonomy_controller.sidebar
    tree = window.taxonomy_controller.taxonomy.tree(counts=False)
    vlm = next(t for f in tree if f.key == "family" for t in f.walk() if t.label_en == "VLM")
    sidebar.set_tag_filter({vlm.facet_id: frozenset({vlm.id})})
    papers = window.tables[Kind.PAPER]
    assert papers.model().rowCount() == 1  # RemoteCLIP only
    rsgpt = next(i for i, t in window.catalog.entries.titles_by_id(Kind.PAPER, window.catalog.entries.list_ids(Kind.PAPER)) if t.startswith("RSGPT"))
    window.jump_to(Kind.PAPER, rsgpt)
    assert window.view.tags == {} and papers.current_id() == rsgpt
