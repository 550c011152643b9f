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
    RESTORE_BACKUP = auto()
    PREFERENCES = auto()
    QUIT = auto()
    ABOUT = auto()
    SHORTCUTS = auto()
    IMPORT = auto()
    EXPORT = auto()
    EXPORT_VIEW = auto()
    FIND_DUPLICATES = auto()
    PASTE_ENTRIES = auto()


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
        ActionId.RESTORE_BACKUP: (
            QCoreApplication.translate("Actions", "Restore from &Backup…"), "backup", None,
            QCoreApplication.translate("Actions", "Back up now, or go back to an automatic backup"),
        ),
        ActionId.PREFERENCES: (
            QCoreApplication.translate("Actions", "&Preferences…"), "preferences", "Ctrl+,",
            QCoreApplication.translate("Actions", "Language, theme, text size, catalog folder"),
        ),
        ActionId.QUIT: (QCoreApplication.translate("Actions", "&Quit"), "quit", StdKey.Quit, QCoreApplication.translate("Actions", "Quit RSFM Desktop")),
        ActionId.SHORTCUTS: (
            QCoreApplication.translate("Actions", "&Keyboard Shortcuts"), "keyboard", StdKey.HelpContents,
            QCoreApplication.translate("Actions", "Every shortcut of the window"),
        ),
        ActionId.ABOUT: (QCoreApplication.translate("Actions", "&About RSFM Desktop"), "about", None, QCoreApplication.translate("Actions", "Version and licences")),
        ActionId.IMPORT: (
            QCoreApplication.translate("Actions", "&Import…"), "import", "Ctrl+Shift+I",
            QCoreApplication.translate("Actions", "Import BibTeX, RIS, CSL-JSON, CSV, Markdown or a backup, with a preview"),
        ),
        ActionId.EXPORT: (
            QCoreApplication.translate("Actions", "E&xport…"), "export", None,
            QCoreApplication.translate("Actions", "Export the selection, the current view or everything"),
        ),
        ActionId.EXPORT_VIEW: (
            QCoreApplication.translate("Actions", "Export View as &Table…"), "export_view", None,
            QCoreApplication.translate("Actions", "The visible columns of the current view as Markdown, LaTeX or CSV"),
        ),
        ActionId.FIND_DUPLICATES: (
            QCoreApplication.translate("Actions", "Find D&uplicates…"), "duplicates", None,
            QCoreApplication.translate("Actions", "Find entries that are the same paper or dataset and merge them"),
        ),
        ActionId.PASTE_ENTRIES: (
            QCoreApplication.translate("Actions", "Paste as &Entries"), None, "Ctrl+Shift+V",
            QCoreApplication.translate("Actions", "Import BibTeX, RIS or a list of arXiv ids, DOIs or links from the "
                                                  "clipboard, with a preview"),
        ),
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
