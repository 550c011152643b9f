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
    SYNC_NOW = auto()
    SYNC_CONFLICTS = auto()
    STATISTICS = auto()
    # What is done to the selected entries (menu Entry, the rows' context menu, the detail pane)
    OPEN_PAPER = auto()
    OPEN_PDF = auto()
    OPEN_CODE = auto()
    COPY_CITATION = auto()
    COPY_BIBTEX = auto()
    COPY_DOI = auto()
    COPY_ARXIV = auto()
    COPY_LINK = auto()
    EXPORT_SELECTED = auto()
    EDIT_FIELD = auto()
    SWAP_SUMMARIES = auto()
    ATTACH = auto()
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
        ActionId.ATTACH: (
            QCoreApplication.translate("Actions", "&Attach Files…"), "attach", None,
            QCoreApplication.translate("Actions", "Link files to the selected entry, or store copies in the catalog"),
        ),
        ActionId.FIND_DUPLICATES: (
            QCoreApplication.translate("Actions", "Find D&uplicates…"), "duplicates", None,
            QCoreApplication.translate("Actions", "Find entries that are the same paper or dataset and merge them"),
        ),
        ActionId.SYNC_NOW: (
            QCoreApplication.translate("Actions", "S&ync Now"), "sync", "F5",
            QCoreApplication.translate("Actions", "Send your changes to the lab server and fetch the lab's"),
        ),
        ActionId.SYNC_CONFLICTS: (
            QCoreApplication.translate("Actions", "Sync &Conflicts…"), None, None,
            QCoreApplication.translate("Actions", "Fields changed differently here and on the lab server: choose what to keep"),
        ),
        ActionId.STATISTICS: (
            QCoreApplication.translate("Actions", "S&tatistics"), "statistics", "Ctrl+Shift+S",
            QCoreApplication.translate("Actions", "Charts of the current view that filter the tables, and what is left to curate"),
        ),
        ActionId.OPEN_PAPER: (
            QCoreApplication.translate("Actions", "Open &Paper Page"), "paper", "Ctrl+Shift+P",
            QCoreApplication.translate("Actions", "Open the paper's page (its link, else arXiv or the DOI)"),
        ),
        ActionId.OPEN_PDF: (
            QCoreApplication.translate("Actions", "Open P&DF"), "pdf", "Ctrl+Shift+O",
            QCoreApplication.translate("Actions", "Open the attached PDF, else the PDF on the web"),
        ),
        ActionId.OPEN_CODE: (
            QCoreApplication.translate("Actions", "Open &Code"), "code", "Ctrl+Shift+G",
            QCoreApplication.translate("Actions", "Open the code repository"),
        ),
        ActionId.COPY_CITATION: (
            QCoreApplication.translate("Actions", "Copy &Citation"), "copy", "Ctrl+Shift+C",
            QCoreApplication.translate("Actions", "Copy a reference to the selected entries in the chosen style"),
        ),
        ActionId.COPY_BIBTEX: (
            QCoreApplication.translate("Actions", "Copy &BibTeX"), None, "Ctrl+Shift+B",
            QCoreApplication.translate("Actions", "Copy the selected entries as BibTeX"),
        ),
        ActionId.COPY_DOI: (QCoreApplication.translate("Actions", "Copy DOI"), None, None,
                            QCoreApplication.translate("Actions", "Copy the DOIs of the selected entries")),
        ActionId.COPY_ARXIV: (QCoreApplication.translate("Actions", "Copy arXiv ID"), None, None,
                              QCoreApplication.translate("Actions", "Copy the arXiv ids of the selected entries")),
        ActionId.COPY_LINK: (
            QCoreApplication.translate("Actions", "Copy &Link"), None, "Ctrl+Shift+L",
            QCoreApplication.translate("Actions", "Copy the web links of the selected entries"),
        ),
        ActionId.EXPORT_SELECTED: (
            QCoreApplication.translate("Actions", "E&xport Selected…"), "export", None,
            QCoreApplication.translate("Actions", "Export the selected entries to a file"),
        ),
        ActionId.EDIT_FIELD: (
            QCoreApplication.translate("Actions", "Edit a &Field of the Selection…"), "edit", "Ctrl+Shift+M",
            QCoreApplication.translate("Actions", "Set one field to the same value on every selected entry"),
        ),
        ActionId.SWAP_SUMMARIES: (
            QCoreApplication.translate("Actions", "S&wap Summaries"), None, None,
            QCoreApplication.translate("Actions", "Exchange the Chinese and English summaries (filed under the wrong language)"),
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
