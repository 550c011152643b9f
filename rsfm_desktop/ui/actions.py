"""Every window action in one place: text, icon, shortcut and tooltip, keyed by an enum.

Menus, the toolbar and context menus look actions up here instead of making their own.
"""

from __future__ import annotations

from enum import Enum, auto

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from .icons import icon

StdKey = QKeySequence.StandardKey


class ActionId(Enum):
    NEW_PAPER = auto()
    NEW_DATASET = auto()
    EDIT = auto()
    DELETE = auto()
    FIND = auto()
    TRASH = auto()
    QUIT = auto()
    ABOUT = auto()


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


# id: (text, icon name or None, shortcut, tooltip)
def _specs() -> dict[ActionId, tuple[str, str | None, object, str]]:
    return {
        ActionId.NEW_PAPER: (_tr("&New Paper…"), "new", StdKey.New, _tr("Add a paper by hand")),
        ActionId.NEW_DATASET: (
            _tr("New &Dataset…"), "new_dataset", "Ctrl+Shift+N", _tr("Add a dataset by hand")
        ),
        ActionId.EDIT: (_tr("&Edit…"), "edit", "Ctrl+E", _tr("Edit the selected entry")),
        ActionId.DELETE: (
            _tr("&Delete…"), "delete", StdKey.Delete, _tr("Delete the selected entries")
        ),
        ActionId.FIND: (_tr("&Find"), "find", StdKey.Find, _tr("Search the catalog")),
        ActionId.TRASH: (_tr("&Trash…"), "trash", None, _tr("Show deleted entries; restore them")),
        ActionId.QUIT: (_tr("&Quit"), "quit", StdKey.Quit, _tr("Quit RSFM Desktop")),
        ActionId.ABOUT: (_tr("&About RSFM Desktop"), "about", None, _tr("Version and licences")),
    }


def create_actions(parent: QWidget) -> dict[ActionId, QAction]:
    actions = {}
    for action_id, (text, icon_name, shortcut, tip) in _specs().items():
        action = QAction(text, parent)
        action.setObjectName(f"action{action_id.name.title().replace('_', '')}")
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        actions[action_id] = action
    return actions
