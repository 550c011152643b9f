"""Icons from qtawesome, looked up by one name each so the whole app uses the same set."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

NAMES = {
    "new": "mdi6.plus-box-outline",
    "new_dataset": "mdi6.database-plus-outline",
    "edit": "mdi6.pencil-outline",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "delete": "mdi6.trash-can-outline",
    "trash": "mdi6.delete-restore",
    "find": "mdi6.magnify",
    "quit": "mdi6.exit-to-app",
    "paper": "mdi6.file-document-outline",
    "pdf": "mdi6.file-pdf-box",
    "code": "mdi6.github",
    "project": "mdi6.web",
    "attach": "mdi6.paperclip",
    "link": "mdi6.link-variant-plus",
    "download": "mdi6.download-outline",
    "about": "mdi6.information-outline",
    "columns": "mdi6.table-column",
}


@cache
def icon(name: str) -> QIcon:
    import qtawesome  # deferred: loading the icon fonts is not needed before the first paint

    return qtawesome.icon(NAMES[name])
