"""No repaint of the item views when their window is (de)activated and nothing would change.

Qt repaints every item view of a window (its whole viewport) when the window is activated or
deactivated, so that it can draw the selection in the palette's inactive colours. The palettes
RSFM Desktop uses (Fusion's, the dark theme's) draw the inactive group exactly as the active
one, so those repaints draw the same pixels again; at 100,000 papers the catalog table and the
tag tree asked the models for every visible cell (one call into Python each, each waiting for
the GIL while an import parses on a worker) and the window stalled 60-160 ms each time a
progress dialog or the import preview opened or closed. A view whose palette does draw the
inactive group differently still repaints.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QWidget

_ACTIVATION = (QEvent.Type.WindowActivate, QEvent.Type.WindowDeactivate)


class _SameWhenInactive(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in _ACTIVATION:
            view = watched.parentWidget() or watched  # the view's palette paints its items
            return view.palette().isEqual(QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
        return False


def skip_activation_repaints(window: QWidget) -> None:
    """For the item views of ``window`` present now (their viewports: where Qt repaints)."""
    keeper = getattr(window, "_same_when_inactive", None)
    if keeper is None:
        keeper = window._same_when_inactive = _SameWhenInactive(window)
    for view in window.findChildren(QAbstractItemView):
        view.viewport().removeEventFilter(keeper)  # once per viewport, however often called
        view.viewport().installEventFilter(keeper)
