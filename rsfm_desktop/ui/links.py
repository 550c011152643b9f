"""Opening links from the UI: only http(s) URLs and local document files, via the desktop."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.openable import UnsafeLink, check_link


def refusal_message(reason: str) -> str:
    return {
        "scheme": QCoreApplication.translate("Links", "Only web (http, https) links and local files can be opened."),
        "missing": QCoreApplication.translate("Links", "The file does not exist."),
        "filetype": QCoreApplication.translate("Links", "Only documents (such as PDF files) can be opened, not programs."),
    }.get(reason, QCoreApplication.translate("Links", "This link cannot be opened."))


def open_link(parent: QWidget | None, target: str) -> bool:
    """Open ``target`` with the desktop's handler, or explain why not. Returns True if opened."""
    try:
        checked = check_link(target)
    except UnsafeLink as exc:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("Links", "Link not opened"),
            f"{refusal_message(exc.reason)}\n\n{exc.target}",
        )
        return False
    url = QUrl(checked.url) if checked.url else QUrl.fromLocalFile(str(checked.path))
    return QDesktopServices.openUrl(url)
