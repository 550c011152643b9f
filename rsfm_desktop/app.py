"""Composition root: QApplication, settings, catalog service and the main window."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from .core.db import CatalogError
from .core.services import open_catalog
from .paths import APP_ID, APP_NAME, ORG_NAME, default_data_dir, resource_path
from .ui import settings as cfg
from .ui.main_window import MainWindow


def process_start_time() -> float:
    """Wall-clock time the process started (Linux: from /proc), else the earliest time known."""
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        with open("/proc/self/stat") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/stat") as f:
            boot = next(int(line.split()[1]) for line in f if line.startswith("btime"))
        return boot + start_ticks / ticks
    except (OSError, ValueError, StopIteration, AttributeError):
        return _IMPORT_TIME


_IMPORT_TIME = time.time()


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or [sys.argv[0]])
        app.setOrganizationName(ORG_NAME)
        app.setApplicationName(APP_ID)
        app.setApplicationDisplayName(APP_NAME)
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(resource_path("icons", "rsfm-desktop.png"))))
    return app  # type: ignore[return-value]


def create_main_window(
    data_dir: Path | str | None = None,
    settings: QSettings | None = None,
    catalog_file: Path | None = None,
) -> MainWindow:
    """Build the full window over the catalog in ``data_dir`` (created and seeded from the
    bundled catalog, or ``catalog_file``, on first use) without entering the event loop."""
    ensure_app()
    service = open_catalog(Path(data_dir) if data_dir else default_data_dir(), catalog_file)
    return MainWindow(service, settings or cfg.make_settings())


class _FirstPaint(QObject):
    """Prints the startup report once the paper table's viewport has painted, then quits."""

    def __init__(self, window: MainWindow, started: float):
        super().__init__(window)
        self._window = window
        self._started = started
        self._done = False
        window.tables[next(iter(window.tables))].viewport().installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        table = next(iter(self._window.tables.values()))
        report = {
            "elapsed_s": round(time.time() - self._started, 4),
            "papers": table.model().rowCount(),
        }
        print(json.dumps(report), flush=True)
        self._window.close()
        QApplication.instance().quit()


def _no_display() -> bool:
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
        and not os.environ.get("QT_QPA_PLATFORM")
    )


def run_gui(data_dir: Path | None, startup_report: bool = False) -> int:
    if _no_display():
        print(
            "rsfm-desktop: no display found (DISPLAY and WAYLAND_DISPLAY are unset).\n"
            "Run it in a desktop session, or set QT_QPA_PLATFORM=offscreen for a headless run.",
            file=sys.stderr,
        )
        return 1
    started = process_start_time()
    app = ensure_app(sys.argv)
    try:
        window = create_main_window(data_dir)
    except CatalogError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 2
    if startup_report:
        _FirstPaint(window, started)
    window.show()
    return app.exec()
