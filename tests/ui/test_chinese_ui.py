"""The interface in Simplified Chinese: menus, actions, table headers and dialogs translated."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMenu, QPushButton

from rsfm_desktop.ui import language as i18n
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
        EntryDialog(window.catalog, Kind.PAPER, parent=window),
        TrashDialog(window.catalog, window),
        PreferencesDialog(window.settings, window.catalog, window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        texts = [dialog.windowTitle()]
        texts += [w.text() for w in dialog.findChildren(QLabel) if w.text()]
        texts += [w.text() for w in dialog.findChildren(QPushButton)]
        assert untranslated(texts) == [], type(dialog).__name__


def test_every_interface_string_in_the_code_has_a_chinese_translation(tmp_path):
    """Re-extract the strings from the code into a copy of the .ts file: none may be new or
    unfinished (a message box shown only on a damaged catalog once slipped through)."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    import PySide6

    root = Path(__file__).resolve().parents[2]
    ts = tmp_path / "zh_CN.ts"
    shutil.copy(root / "resources" / "translations" / "rsfm_desktop_zh_CN.ts", ts)
    lupdate = Path(PySide6.__file__).parent / ("lupdate.exe" if sys.platform == "win32" else "lupdate")
    tool = str(lupdate) if lupdate.exists() else shutil.which("pyside6-lupdate")
    if tool is None:
        pytest.skip("lupdate is not installed")
    sources = sorted(str(p) for p in (root / "rsfm_desktop").rglob("*.py"))
    subprocess.run([tool, "-no-obsolete", *sources, "-ts", str(ts)], check=True, capture_output=True)
    text = ts.read_text(encoding="utf-8")
    missing = re.findall(r"<source>(.*?)</source>\s*<translation type=\"unfinished\"", text, re.S)
    assert missing == []
