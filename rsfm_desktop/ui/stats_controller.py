"""Puts the statistics into the main window: View ▸ Statistics opens a dock with the charts and
the curation to-do (``widgets/stats_panel.py``), and a bar above the tables shows a year or an
entry list chosen from a chart.

Nothing of it is built at start-up: the dock, its module and the first counts come when the
view is first opened (or, if it was open when the app last closed, just after the first paint).
``install(window)`` is the only entry point; the window keeps it as ``window.stats_controller``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from . import settings as cfg
from .actions import ActionId
from .change_bus import changes_of

STATS_OPEN = cfg.Setting("view/statistics_open", int, 0)


class StatsController(QObject):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.dock: QDockWidget | None = None
        self.panel = None
        self.filter_bar = None
        self.action = window.actions[ActionId.STATISTICS]
        self.action.setCheckable(True)
        self.action.toggled.connect(self.set_open)
        window.view_menu.addSeparator()
        window.view_menu.addAction(self.action)

    def finish_setup(self) -> None:
        """After the first paint: open the view again if it was open last time."""
        if cfg.get(self.window.settings, STATS_OPEN):
            self.action.setChecked(True)

    def set_open(self, shown: bool) -> None:
        if shown:
            self._ensure_dock()
            self.dock.show()
            self.dock.raise_()
            self.panel.count_now()  # counting while the dock is first laid out and painted
        elif self.dock is not None:
            self.dock.hide()

    def _ensure_dock(self) -> None:
        if self.dock is not None:
            return
        from .widgets.filter_bar import FilterBar
        from .widgets.stats_panel import StatsPanel

        w = self.window
        self.filter_bar = FilterBar(w.view, w)
        w.search_box.parentWidget().layout().insertWidget(1, self.filter_bar)
        self.panel = StatsPanel(w)
        self.dock = QDockWidget(self.tr("Statistics"), w)
        self.dock.setObjectName("statisticsDock")
        self.dock.setWidget(self.panel)
        # Under the tables and the detail pane, never under the tag sidebar (it keeps its height)
        w.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        if not w.restoreDockWidget(self.dock):  # its place and size from the last session, else
            w.resizeDocks([self.dock], [max(260, int(w.height() * 0.4))], Qt.Orientation.Vertical)
        self.dock.visibilityChanged.connect(self._visibility_changed)
        w.view.filterChanged.connect(self.panel.invalidate)
        w.tabs.currentChanged.connect(lambda _i: self.panel.table_tab_changed())
        changes_of(w.catalog).changed.connect(self.panel.invalidate)

    def _visibility_changed(self, visible: bool) -> None:
        if visible:
            self.panel.schedule()
        elif self.dock.isHidden():  # closed with its own button (not merely covered by a tab)
            self.action.setChecked(False)
        try:
            cfg.put(self.window.settings, STATS_OPEN, int(self.action.isChecked()))
        except RuntimeError:  # the window is being destroyed (its settings already went)
            pass


def install(window: QMainWindow) -> StatsController:
    window.stats_controller = StatsController(window)
    return window.stats_controller
