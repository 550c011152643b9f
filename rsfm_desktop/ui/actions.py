"""Every window action in one place: text, icon, shortcut and tooltip, keyed by an enum.

Menus, the toolbar and context menus look actions up here instead of making their own.
"""

from __future__ import annotations

from enum import Enum, auto

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from .icons import bind

StdKey = QKeySequence.StandardKey


class ActionId(Enum):
    NEW_PAPER = auto()
    NEW_DATASET = auto()
    EDIT = auto()
    DELETE = auto()
    FIND = auto()
    TRASH = auto()
    PREFERENCES = auto()
    QUIT = auto()
    ABOUT = auto()


# id: (text, icon name or None, shortcut, tooltip)
def _specs() -> dict[ActionId, tuple[str, str | None, object, str]]:
    return {
        ActionId.NEW_PAPER: (QCoreApplication.translate("Actions", "&New Paper…"), "new", StdKey.New, QCoreApplication.translate("Actions", "Add a paper by hand")),
        ActionId.NEW_DATASET: (
            QCoreApplication.translate("Actions", "New &Dataset…"), "new_dataset", "Ctrl+Shift+N", QCoreApplication.translate("Actions", "Add a dataset by hand")
        ),
        ActionId.EDIT: (QCoreApplication.translate("Actions", "&Edit…"), "edit", "Ctrl+E", QCoreApplication.translate("Actions", "Edit the selected entry")),
        ActionId.DELETE: (
            QCoreApplication.translate("Actions", "&Delete…"), "delete", StdKey.Delete, QCoreApplication.translate("Actions", "Delete the selected entries")
        ),
        ActionId.FIND: (QCoreApplication.translate("Actions", "&Find"), "find", StdKey.Find, QCoreApplication.translate("Actions", "Search the catalog")),
        ActionId.TRASH: (QCoreApplication.translate("Actions", "&Trash…"), "trash", None, QCoreApplication.translate("Actions", "Show deleted entries; restore them")),
        ActionId.PREFERENCES: (
            QCoreApplication.translate("Actions", "&Preferences…"), "preferences", "Ctrl+,",
            QCoreApplication.translate("Actions", "Language, theme, text size, catalog folder"),
        ),
        ActionId.QUIT: (QCoreApplication.translate("Actions", "&Quit"), "quit", StdKey.Quit, QCoreApplication.translate("Actions", "Quit RSFM Desktop")),
        ActionId.ABOUT: (QCoreApplication.translate("Actions", "&About RSFM Desktop"), "about", None, QCoreApplication.translate("Actions", "Version and licences")),
    }


def create_actions(parent: QWidget) -> dict[ActionId, QAction]:
    actions = {}
    for action_id, (text, icon_name, shortcut, tip) in _specs().items():
        action = QAction(text, parent)
        action.setObjectName(f"action{action_id.name.title().replace('_', '')}")
        if icon_name:
            bind(action, icon_name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        actions[action_id] = action
    return actions
