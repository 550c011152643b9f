"""Settings, each declared once with its type and default; window state in its own group.

Stored with QSettings (the platform's settings store), never in the app's install folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

from ..paths import APP_ID, ORG_NAME


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any


# Not "general/...": QSettings' INI format writes a group called "general" as [%General] and
# reads it back as "General/...", so those settings did not survive a restart (0.1 wrote them so;
# :func:`migrate` moves them).
LANGUAGE = Setting("app/language", str, "system")  # system, en, zh_CN
THEME = Setting("app/theme", str, "system")  # system, light, dark
CATALOG_DIR = Setting("app/catalog_dir", str, "")  # "": the user data folder
DETAIL_FONT_SIZE = Setting("view/detail_font_size", int, 0)  # 0: the system's size
BACKUPS_KEPT = Setting("app/backups_kept", int, 10)  # automatic backups per catalog
SYNC_SERVER = Setting("sync/server", str, "")  # the lab catalog, postgresql://USER@HOST[:PORT]/DB
MEMBER_NAME = Setting("sync/member", str, "")  # shown to the lab as who added or changed an entry
LAST_TAB = Setting("view/last_tab", int, 0)
LAST_SELECTED = Setting("view/last_selected", str, "")

PERSIST_GROUP = "persist"  # window geometry, splitters, table headers
FOLDERS_GROUP = "folders"  # the last folder of each kind of file dialog

# Settings written by earlier versions under the "general/" prefix: read back as "General/...".
_OLD_KEYS = {f"{group}/{setting.key.split('/', 1)[1]}": setting
             for group in ("General", "general") for setting in (LANGUAGE, THEME, CATALOG_DIR, BACKUPS_KEPT)}


def make_settings() -> QSettings:
    settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG_NAME, APP_ID)
    migrate(settings)
    return settings


def migrate(settings: QSettings) -> bool:
    """Move the preferences an earlier version wrote under ``general/…`` (read back as
    ``General/…``) to their keys now; a value already under the new key wins. True if any
    moved."""
    moved = False
    for old, setting in _OLD_KEYS.items():
        if settings.contains(old):
            if not settings.contains(setting.key):
                settings.setValue(setting.key, settings.value(old))
            settings.remove(old)
            moved = True
    if moved:
        settings.sync()
    return moved


def get(settings: QSettings, setting: Setting) -> Any:
    value = settings.value(setting.key, setting.default)
    try:
        return setting.type(value)
    except (TypeError, ValueError):
        return setting.default


def put(settings: QSettings, setting: Setting, value: Any) -> None:
    settings.setValue(setting.key, value)


def last_folder(settings: QSettings, purpose: str, fallback: Path | None = None) -> str:
    """The folder a file dialog for ``purpose`` (``import``, ``export``, ``attach``…) last
    used, else ``fallback`` (the home folder)."""
    folder = settings.value(f"{FOLDERS_GROUP}/{purpose}", "")
    if folder and Path(str(folder)).is_dir():
        return str(folder)
    return str(fallback or Path.home())


def remember_folder(settings: QSettings, purpose: str, chosen: str | Path) -> None:
    """Remember the folder of a file (or the folder itself) chosen in a dialog for ``purpose``."""
    if not chosen:
        return
    path = Path(chosen)
    settings.setValue(f"{FOLDERS_GROUP}/{purpose}", str(path if path.is_dir() else path.parent))


def save_state(settings: QSettings, key: str, widget) -> None:
    """Save a main window's geometry+state, a splitter's sizes or a header's layout."""
    settings.beginGroup(PERSIST_GROUP)
    if isinstance(widget, QMainWindow):
        settings.setValue(f"{key}/geometry", widget.saveGeometry())
        settings.setValue(f"{key}/state", widget.saveState())
    elif isinstance(widget, (QSplitter, QHeaderView)):
        settings.setValue(f"{key}/state", widget.saveState())
    if isinstance(widget, QHeaderView) and widget.model() is not None:
        settings.setValue(f"{key}/sections", widget.model().columnCount())
    settings.endGroup()


def restore_state(settings: QSettings, key: str, widget) -> bool:
    settings.beginGroup(PERSIST_GROUP)
    try:
        state = settings.value(f"{key}/state")
        if isinstance(widget, QMainWindow):
            geometry = settings.value(f"{key}/geometry")
            if isinstance(geometry, QByteArray):
                widget.restoreGeometry(geometry)
        if isinstance(widget, QHeaderView):
            # A layout saved for another set of columns (a version that had more or fewer)
            # would restore sections the table no longer has: the defaults are kept instead.
            saved = settings.value(f"{key}/sections")
            if widget.model() is None or str(saved) != str(widget.model().columnCount()):
                return False
        return isinstance(state, QByteArray) and bool(widget.restoreState(state))
    finally:
        settings.endGroup()
