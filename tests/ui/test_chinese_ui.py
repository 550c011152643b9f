"""The interface in Simplified Chinese: menus, actions, table headers and dialogs translated."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMenu, QPushButton

from rsfm_desktop import i18n
from rsfm_desktop.core.fields import Kind

CJK = re.compile(r"[\u4e00-\u9fff]")
# Names and acronyms that stay as they are in a Chinese interface.
KEEP = {"PDF", "DOI", "RSFM Desktop", "Markdown"}


def untranslated(texts):
    """Texts with Latin words but no Chinese (ignoring names/acronyms and shortcuts)."""
    out = []
    for text in texts:
        plain = re.sub(r"\(&\w\)|&", "", text or "").strip()
        for keep in KEEP:
            plain = plain.replace(keep, "")
        if re.search(r"[A-Za-z]{2,}", plain) and not CJK.search(plain):
            out.append(text)
    return out


@pytest.fixture
def chinese():
    assert i18n.install("zh_CN") == "zh_CN"
    yield
    i18n.install("en")


def test_main_window_has_no_english_left(chinese, make_window):
    window = make_window()
    texts = [window.windowTitle()]
    for menu in window.menuBar().findChildren(QMenu):
        texts.append(menu.title())
        texts += [a.text() for a in menu.actions() if not a.isSeparator()]
    for table in window.tables.values():
        model = table.model()
        texts += [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    texts += [window.tabs.tabText(i) for i in range(window.tabs.count())]
    texts += [w.text() for w in window.findChildren(QLabel) if w.isVisibleTo(window) and w.text()
              and w.objectName() not in ("detailTitle", "detailSubtitle", "provenance", "linkedEntries")]
    texts += [w.text() for w in window.findChildren(QPushButton)]
    texts += [window.search_box.placeholderText(), window.count_label.text()]
    assert untranslated(texts) == []
    assert "篇论文" in window.count_label.text()
    assert window.menuBar().actions()[0].text().startswith("文件")


def test_dialogs_are_translated(chinese, make_window, qtbot):
    from rsfm_desktop.ui.dialogs.entry_dialog import EntryDialog
    from rsfm_desktop.ui.dialogs.preferences_dialog import PreferencesDialog
    from rsfm_desktop.ui.dialogs.trash_dialog import TrashDialog

    window = make_window()
    dialogs = [
        EntryDialog(window.service, Kind.PAPER, parent=window),
        TrashDialog(window.service, window),
        PreferencesDialog(window.settings, window.catalog_dir, window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        texts = [dialog.windowTitle()]
        texts += [w.text() for w in dialog.findChildren(QLabel) if w.text()]
        texts += [w.text() for w in dialog.findChildren(QPushButton)]
        assert untranslated(texts) == [], type(dialog).__name__
