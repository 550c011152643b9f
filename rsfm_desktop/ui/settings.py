"""Settings, each declared once with its type and default; window state in its own group.

Stored with QSettings (the platform's settings store), never in the app's install folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

from ..paths import APP_ID, ORG_NAME


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    legacy: str | None = None  # where an earlier version kept it (read when ``key`` is unset)


# Not "general/...": QSettings' INI format writes a group called "general" as [%General] and
# reads it back as "General/...", so those settings did not survive a restart (0.1 wrote them so;
# ``legacy`` reads them back).
LANGUAGE = Setting("app/language", str, "system", "General/language")  # system, en, zh_CN
THEME = Setting("app/theme", str, "system", "General/theme")  # system, light, dark
CATALOG_DIR = Setting("app/catalog_dir", str, "", "General/catalog_dir")  # "": the user data folder
DETAIL_FONT_SIZE = Setting("view/detail_font_size", int, 0)  # 0: the system's size
BACKUPS_KEPT = Setting("app/backups_kept", int, 10, "General/backups_kept")  # automatic backups per catalog
SYNC_SERVER = Setting("sync/server", str, "")  # the lab catalog, postgresql://USER@HOST[:PORT]/DB
MEMBER_NAME = Setting("sync/member", str, "")  # shown to the lab as who added or changed an entry
LAST_TAB = Setting("view/last_tab", int, 0)
LAST_SELECTED = Setting("view/last_selected", str, "")

PERSIST_GROUP = "persist"  # window geometry, splitters, table headers


def make_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG_NAME, APP_ID)


def get(settings: QSettings, setting: Setting) -> Any:
    key = setting.key
    if setting.legacy and not settings.contains(key) and settings.contains(setting.legacy):
        key = setting.legacy
    value = settings.value(key, setting.default)
    try:
        return setting.type(value)
    except (TypeError, ValueError):
        return setting.default


def put(settings: QSettings, setting: Setting, value: Any) -> None:
    settings.setValue(setting.key, value)


def save_state(settings: QSettings, key: str, widget) -> None:
    """Save a main window's geometry+state, a splitter's sizes or a header's layout."""
    settings.beginGroup(PERSIST_GROUP)
    if isinstance(widget, QMainWindow):
        settings.setValue(f"{key}/geometry", widget.saveGeometry())
        settings.setValue(f"{key}/state", widget.saveState())
    elif isinstance(widget, (QSplitter, QHeaderView)):
        settings.setValue(f"{key}/state", widget.saveState())
    settings.endGroup()


def restore_state(settings: QSettings, key: str, widget) -> bool:
    settings.beginGroup(PERSIST_GROUP)
    try:
        state = settings.value(f"{key}/state")
        if isinstance(widget, QMainWindow):
            geometry = settings.value(f"{key}/geometry")
            if isinstance(geometry, QByteArray):
                widget.restoreGeometry(geometry)
        return isinstance(state, QByteArray) and bool(widget.restoreState(state))
    finally:
        settings.endGroup()
