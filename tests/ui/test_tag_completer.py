"""The detail pane's tag field completes as the user types: a popup with prefix and substring
matches in English, Chinese and synonyms (the facet shown), Enter takes the highlighted tag, Esc
closes, the text goes when another entry is shown, and a new tag is made with one confirmation."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from rsfm_desktop.core.fields import Kind

from .conftest import type_text


def chips(window):
    return window.taxonomy_controller.chips


def tag(window, text, facet=None):
    return window.taxonomy_controller.taxonomy.resolve(text, facet)[0]


def tags_of(window, kind, entry_id):
    taxonomy = window.taxonomy_controller.taxonomy
    return {t.id for t in taxonomy.entry_tags(kind, [entry_id]).get(entry_id, [])}


def rows(window):
    model = chips(window).completions
    return [model.item(r).text() for r in range(model.rowCount())]


def select_first(window, qtbot):
    table = window.tables[Kind.PAPER]
    table.selectRow(0)
    return table.current_id()


def test_typing_opens_a_popup_of_prefix_substring_chinese_and_synonym_matches(window, qtbot):
    select_first(window, qtbot)
    field = chips(window).input
    popup = chips(window).completer.popup()
    field.setFocus()
    type_text(qtbot, field, "Chan")
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    assert any(r.startswith("Change detection") and "Task › Change detection" in r for r in rows(window))
    assert any(r.startswith("Change captioning") for r in rows(window))

    field.clear()
    type_text(qtbot, field, "count")  # inside the word: "Counting", and its synonym "Object Counting"
    assert any("Counting" in r for r in rows(window))
    field.clear()
    type_text(qtbot, field, "变化")  # Chinese, no spaces: 变化检测 and 变化描述
    assert sum("变化" in r for r in rows(window)) >= 2
    field.clear()
    type_text(qtbot, field, "radar")  # a synonym only: shown with what it stands for
    assert any(r.startswith("Synthetic aperture radar  →  SAR") for r in rows(window))
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def test_enter_takes_the_highlighted_tag_and_clears_the_field(window, qtbot):
    entry_id = select_first(window, qtbot)
    field = chips(window).input
    field.setFocus()
    type_text(qtbot, field, "count")
    popup = chips(window).completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    assert popup.currentIndex().row() == 0
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert tag(window, "Counting") in tags_of(window, Kind.PAPER, entry_id)
    qtbot.waitUntil(lambda: field.text() == "", timeout=2000)

    field.setFocus()
    type_text(qtbot, field, "detect")  # Down moves the highlight: the second match is taken
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    second = popup.model().index(1, 0).data(Qt.ItemDataRole.UserRole + 1)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert second in tags_of(window, Kind.PAPER, entry_id)


def test_enter_without_the_popup_takes_the_best_match_not_only_an_exact_label(window, qtbot):
    entry_id = select_first(window, qtbot)
    field = chips(window).input
    field.setText("count")
    chips(window).completer.popup().hide()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert tag(window, "Counting") in tags_of(window, Kind.PAPER, entry_id)


def test_typed_text_is_cleared_when_another_entry_is_shown(window, qtbot):
    select_first(window, qtbot)
    field = chips(window).input
    field.setFocus()
    type_text(qtbot, field, "SA")
    window.tables[Kind.PAPER].selectRow(1)
    assert field.text() == ""
    assert not chips(window).completer.popup().isVisible()


def test_a_new_tag_is_created_from_the_field_with_one_confirmation(window, qtbot, monkeypatch):
    entry_id = select_first(window, qtbot)
    asked = []

    def pick(parent, title, text, items, current, editable):
        asked.append((text, items[current]))
        return "Modality", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(pick))
    field = chips(window).input
    field.setFocus()
    type_text(qtbot, field, "Lidar point clouds")
    assert rows(window)[-1] == "Create the tag “Lidar point clouds”…"
    chips(window).completer.popup().hide()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert len(asked) == 1 and "Lidar point clouds" in asked[0][0] and asked[0][1] == "Task"
    lidar = tag(window, "Lidar point clouds", "modality")
    assert lidar in tags_of(window, Kind.PAPER, entry_id)
    assert lidar in chips(window).chip_ids()
    assert field.text() == ""

    type_text(qtbot, field, "点云")  # Chinese text becomes the Chinese label
    chips(window).completer.popup().hide()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    node = next(t for f in window.taxonomy_controller.taxonomy.tree(counts=False) if f.key == "modality"
                for t in f.walk() if t.label_zh == "点云")
    assert node.id in tags_of(window, Kind.PAPER, entry_id)
