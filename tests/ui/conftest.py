"""Fixtures for UI tests: a real main window over a temporary catalog folder."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from rsfm_desktop.app import create_main_window  # noqa: E402

FIXTURE_CATALOG = Path(__file__).resolve().parent.parent / "fixtures" / "mini_catalog.json"


@pytest.fixture
def settings_file(tmp_path):
    return tmp_path / "settings.ini"


@pytest.fixture
def make_window(qtbot, tmp_path, settings_file):
    """Build (and later close) main windows over one catalog folder and one settings file."""
    windows = []

    def make(catalog_file=FIXTURE_CATALOG):
        settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        window = create_main_window(tmp_path / "catalog", settings, catalog_file)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def opened_urls(monkeypatch):
    """Intercept QDesktopServices.openUrl; the list collects every URL the app opened."""
    urls = []

    def fake_open(url):
        urls.append(url.toString())
        return True

    monkeypatch.setattr("rsfm_desktop.ui.links.QDesktopServices.openUrl", fake_open)
    return urls


@pytest.fixture
def warnings_shown(monkeypatch):
    """Intercept QMessageBox.warning; the list collects (title, text) of each warning."""
    shown = []

    def fake_warning(parent, title, text, *args, **kwargs):
        shown.append((title, text))

    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", fake_warning)
    return shown


def type_text(qtbot, widget, text):
    """Type like a user: ASCII as key presses, Chinese as an input method's commit (IME)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for chunk_is_ascii, chunk in _chunks(text):
        if chunk_is_ascii:
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def _chunks(text):
    chunk, ascii_run = "", None
    for ch in text:
        is_ascii = ch.isascii()
        if ascii_run is not None and is_ascii != ascii_run:
            yield ascii_run, chunk
            chunk = ""
        chunk += ch
        ascii_run = is_ascii
    if chunk:
        yield ascii_run, chunk
