"""The layout the list-managing dialogs share (trash, backups): a wrapped hint, the list, a row
of action buttons, and Close."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def lay_out_list_dialog(dialog: QDialog, hint: str, body: QWidget, actions: Sequence[QPushButton]) -> None:
    """Hint above ``body``, the ``actions`` in a row below it, Close (Esc) at the bottom."""
    label = QLabel(hint, dialog)
    label.setWordWrap(True)
    row = QHBoxLayout()
    for button in actions:
        row.addWidget(button)
    row.addStretch(1)
    close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    close.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(label)
    layout.addWidget(body)
    layout.addLayout(row)
    layout.addWidget(close)
