"""Help menu: About (version and the licences of the bundled components) and the list of
keyboard shortcuts, read from the window's actions so it is never out of date."""

from __future__ import annotations

import html
import platform
from importlib import metadata

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import __version__

# (distribution, licence) of what the app and its bundle ship.
COMPONENTS = (
    ("PySide6-Essentials", "LGPL-3.0 (Qt for Python)"),
    ("SQLAlchemy", "MIT"),
    ("sqlmodel", "MIT"),
    ("pydantic", "MIT"),
    ("alembic", "MIT"),
    ("platformdirs", "MIT"),
    ("QtAwesome", "MIT; icon font Material Design Icons: Apache-2.0"),
    ("markdown-it-py", "MIT"),
    ("rapidfuzz", "MIT"),
    ("bibtexparser", "MIT"),
    ("rispy", "MIT"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpDialogs", text)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


def about_text() -> str:
    rows = "".join(
        f"<tr><td>{html.escape(name)}&nbsp;{html.escape(_version(name))}</td>"
        f"<td>&nbsp;&nbsp;{html.escape(licence)}</td></tr>"
        for name, licence in COMPONENTS
    )
    return (
        f"<h3>RSFM Desktop {html.escape(__version__)}</h3>"
        f"<p>{html.escape(_tr('A catalog of remote-sensing foundation-model papers and datasets.'))}</p>"
        f"<p>Python {html.escape(platform.python_version())}, Qt {html.escape(qVersion())}</p>"
        f"<p><b>{html.escape(_tr('Bundled components and their licences'))}</b></p><table>{rows}</table>"
    )


def show_about(parent: QWidget) -> None:
    box = QMessageBox(parent)
    box.setObjectName("aboutDialog")
    box.setWindowTitle(_tr("About RSFM Desktop"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text())
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.exec()


class ShortcutsDialog(QDialog):
    """Every action of the window that has a keyboard shortcut."""

    def __init__(self, actions: list[QAction], parent=None):
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(_tr("Keyboard Shortcuts"))
        self.list = QTreeWidget(self)
        self.list.setHeaderLabels([_tr("Action"), _tr("Shortcut")])
        self.list.setRootIsDecorated(False)
        seen = set()
        for action in actions:
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            name = action.text().replace("&", "").rstrip("…").strip()
            if keys and (name, keys) not in seen:
                seen.add((name, keys))
                QTreeWidgetItem(self.list, [name, keys])
        self.list.sortItems(0, Qt.SortOrder.AscendingOrder)
        self.list.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_tr("Search box: Ctrl+F. In the notes editor, Ctrl+Z undoes typing."), self))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(460, 480)
