"""Icons from qtawesome, looked up by one name each so the whole app uses the same set."""

from __future__ import annotations

import weakref
from functools import cache

import shiboken6

from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication

NAMES = {
    "new": "mdi6.plus-box-outline",
    "new_dataset": "mdi6.database-plus-outline",
    "edit": "mdi6.pencil-outline",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "delete": "mdi6.trash-can-outline",
    "trash": "mdi6.delete-restore",
    "backup": "mdi6.backup-restore",
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
    "keyboard": "mdi6.keyboard-outline",
    "preferences": "mdi6.cog-outline",
    "columns": "mdi6.table-column",
    "import": "mdi6.file-import-outline",
    "export": "mdi6.file-export-outline",
    "export_view": "mdi6.table-arrow-right",
    "duplicates": "mdi6.content-duplicate",
    "merge": "mdi6.call-merge",
    "sync": "mdi6.cloud-sync-outline",
    "statistics": "mdi6.chart-bar-stacked",
    "copy": "mdi6.content-copy",
    "previous": "mdi6.chevron-left",
    "next": "mdi6.chevron-right",
    "zoom_in": "mdi6.magnify-plus-outline",
    "zoom_out": "mdi6.magnify-minus-outline",
    "fit_width": "mdi6.arrow-expand-horizontal",
    "quote": "mdi6.format-quote-close",
    "external": "mdi6.open-in-new",
    "folder": "mdi6.folder-open-outline",
    "locate": "mdi6.file-find-outline",
    "detach": "mdi6.paperclip-off",
    "pause": "mdi6.pause",
    "resume": "mdi6.play",
    "reader": "mdi6.book-open-page-variant-outline",
}


_bound: "weakref.WeakKeyDictionary[object, str]" = weakref.WeakKeyDictionary()


_deferred = False


def defer() -> None:
    """Until the next refresh_all(), bind() only records: the app calls this before building
    the window so the icon fonts (qtawesome, about 0.2 s) load just after the first paint."""
    global _deferred
    _deferred = True


def bind(target, name: str) -> None:
    """Give a widget or action the icon ``name`` and redraw it when the theme changes."""
    _bound[target] = name
    if not _deferred:
        target.setIcon(icon(name))


def refresh_all() -> None:
    """Redraw every bound icon in the current palette's colours (after a theme change)."""
    global _deferred
    _deferred = False
    for target, name in list(_bound.items()):
        if shiboken6.isValid(target):  # its window may have been closed and deleted
            target.setIcon(icon(name))
        else:
            _bound.pop(target, None)


def icon(name: str) -> QIcon:
    """The icon called ``name``, drawn in the palette's text colour (readable in both themes);
    disabled, a third of the way from the button's colour to the text's (dimmed in both)."""
    palette = QApplication.palette()
    text, button = palette.color(QPalette.ColorRole.ButtonText), palette.color(QPalette.ColorRole.Button)
    return _icon(name, text.name(), disabled_colour(text, button))


def disabled_colour(text, background) -> str:
    """What a disabled icon is drawn in: close to the background, in a light or a dark theme."""
    mix = [round(t * 0.35 + b * 0.65) for t, b in zip(text.getRgb()[:3], background.getRgb()[:3])]
    return "#{:02x}{:02x}{:02x}".format(*mix)


_SIZES = (16, 20, 24, 32, 48, 64)  # pixels, 2x and 3x screens included
_MODES = (QIcon.Mode.Normal, QIcon.Mode.Disabled, QIcon.Mode.Active, QIcon.Mode.Selected)


@cache
def _icon(name: str, color: str, disabled: str) -> QIcon:
    """Drawn once into pixmaps: qtawesome's own icon paints its glyph in Python at every paint
    (a search box's leading icon then cost milliseconds per keystroke)."""
    import qtawesome  # deferred: loading the icon fonts is not needed before the first paint

    if len(qtawesome._BUNDLED_FONTS) > 1:  # every icon is Material Design 6: load that font only
        qtawesome._BUNDLED_FONTS = tuple(f for f in qtawesome._BUNDLED_FONTS if f[0] == "mdi6")
    drawn = qtawesome.icon(NAMES[name], color=color, color_disabled=disabled)
    out = QIcon()
    for size in _SIZES:
        for mode in _MODES:
            out.addPixmap(drawn.pixmap(size, size, mode), mode)
    return out
