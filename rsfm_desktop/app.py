"""Composition root: QApplication, settings, the catalog (a folder or a lab server) and the
main window."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from .core.catalog import WINDOW_BUSY_TIMEOUT_MS, open_catalog
from .core.errors import CatalogError, UpgradeCancelled
from .core.store.postgres import is_server_url
from .paths import APP_ID, APP_NAME, ORG_NAME, default_data_dir, resource_path
from .ui import icons
from .ui import settings as cfg
from .ui.main_window import MainWindow
from .ui.tasks import settle


def process_start_time() -> float:
    """Wall-clock time the process started (Linux: from /proc), else the earliest time known.

    The start is read in clock ticks since boot and compared with ``CLOCK_BOOTTIME`` now. (Adding
    the ticks to ``/proc/stat``'s ``btime`` instead would be up to a second off: ``btime`` is
    rounded down to whole seconds.)
    """
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        with open("/proc/self/stat") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        running = time.clock_gettime(time.CLOCK_BOOTTIME) - start_ticks / ticks
        return time.time() - running
    except (OSError, ValueError, IndexError, AttributeError):
        return _IMPORT_TIME


_IMPORT_TIME = time.time()


def peak_rss_mb() -> float | None:
    """This process's peak resident memory in MB (Linux ``VmHWM``; ``ru_maxrss`` elsewhere).

    ``VmHWM`` starts afresh at ``exec``; ``ru_maxrss`` carries over the parent's peak when the
    parent spawned us (a benchmark that generated 100,000 papers would be counted in)."""
    try:
        with open("/proc/self/status") as f:
            line = next(line for line in f if line.startswith("VmHWM:"))
        return round(int(line.split()[1]) / 1024, 1)
    except (OSError, StopIteration, ValueError):
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or [sys.argv[0]])
        app.setOrganizationName(ORG_NAME)
        app.setApplicationName(APP_ID)
        app.setApplicationDisplayName(APP_NAME)
        app.setDesktopFileName(APP_ID)  # matches packaging/rsfm-desktop.desktop (taskbar icon)
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(resource_path("icons", "rsfm-desktop.png"))))
    return app  # type: ignore[return-value]


def create_main_window(
    target: Path | str | None = None,
    settings: QSettings | None = None,
    catalog_file: Path | None = None,
    defer_setup: bool = False,
) -> MainWindow:
    """Build the full window over the catalog at ``target`` (a folder or a postgresql:// URL;
    created and seeded from the bundled catalog, or ``catalog_file``, on first use) without
    entering the event loop."""
    from .ui.upgrade_dialog import upgrade_if_needed

    ensure_app()
    settings = settings or cfg.make_settings()
    cfg.migrate(settings)
    target = catalog_target(target, settings)
    upgrade_if_needed(target)  # an older catalog: upgraded on a worker, with progress and Cancel
    catalog = open_catalog(target, catalog_file=catalog_file, busy_timeout_ms=WINDOW_BUSY_TIMEOUT_MS)
    return MainWindow(catalog, settings, defer_setup=defer_setup)


def catalog_target(target: Path | str | None, settings: QSettings) -> Path | str:
    """--catalog/--data-dir if given, else the catalog chosen in Preferences (a folder or a
    lab server), else the user data folder."""
    chosen = str(target) if target else cfg.get(settings, cfg.CATALOG_DIR)
    if not chosen:
        return default_data_dir()
    return chosen if is_server_url(chosen) else Path(chosen)



def apply_preferences(app: QApplication, settings: QSettings) -> None:
    """Interface language and theme, before any window is built."""
    from .ui import language as i18n
    from .ui.theme import apply_theme

    i18n.install(cfg.get(settings, cfg.LANGUAGE))
    apply_theme(app, cfg.get(settings, cfg.THEME))


class _FirstPaint(QObject):
    """Calls ``then`` once, just after the paper table's viewport has painted for the first time."""

    def __init__(self, window: MainWindow, then):
        super().__init__(window)
        self._then = then
        self._done = False
        window.tables[next(iter(window.tables))].viewport().installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._then)
        return False


def _report_startup(window: MainWindow, started: float) -> None:
    """Print the startup report (seconds since process start, papers shown, peak memory), then quit."""
    table = next(iter(window.tables.values()))
    report = {"elapsed_s": round(time.time() - started, 4), "papers": table.model().rowCount(),
              "peak_rss_mb": peak_rss_mb()}
    print(json.dumps(report), flush=True)
    window.close()
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
    settings = cfg.make_settings()
    apply_preferences(app, settings)
    icons.defer()  # the icon fonts load just after the first paint, not before it
    from .ui.dialogs.recovery_dialog import open_with_recovery
    from .ui.single_instance import claim

    target = catalog_target(data_dir, settings)
    if not is_server_url(str(target)):  # one window per catalog file; a lab server takes many
        lock, code = claim(target)  # held until this function returns
        if lock is None:
            return code
    try:
        window = open_with_recovery(lambda: create_main_window(target, settings, defer_setup=True))
    except UpgradeCancelled:  # already said so
        return 2
    except CatalogError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 2
    if window is None:  # a damaged catalog, and the user chose to quit
        return 2
    _FirstPaint(window, lambda: (icons.refresh_all(), window.finish_setup()))
    if startup_report:  # installed last, so it runs first: the report is the table's first paint
        _FirstPaint(window, lambda: _report_startup(window, started))
    _CatalogSwitcher(window, settings)
    window.show()
    code = app.exec()
    settle()  # a window closed without its closeEvent (the application quit): its work
    return code


class _CatalogSwitcher(QObject):
    """Reopens the window on another catalog folder chosen in Preferences."""

    def __init__(self, window: MainWindow, settings: QSettings):
        super().__init__(QApplication.instance())
        self._settings = settings
        self._watch(window)

    def _watch(self, window: MainWindow) -> None:
        self._window = window
        window.catalogSwitchRequested.connect(self._switch)
        window.serverSwitchRequested.connect(lambda url: self._open(url))

    def _switch(self, folder: Path, copy_current: bool) -> None:
        old = self._window
        old.detail.notes.flush()
        if copy_current:
            try:
                copy_catalog(old.catalog_dir, folder)
            except (CatalogError, OSError) as exc:
                QMessageBox.warning(old, APP_NAME, str(exc))
                return
        self._open(folder)

    def _open(self, target: Path | str) -> None:
        old = self._window
        old.detail.notes.flush()
        try:
            new = create_main_window(target, self._settings)
        except UpgradeCancelled:  # already said so; the current catalog stays open
            return
        except (CatalogError, OSError) as exc:
            QMessageBox.warning(old, APP_NAME, str(exc))
            return
        cfg.put(self._settings, cfg.CATALOG_DIR, str(target))
        old.close()
        from .ui.change_bus import forget

        forget(old.catalog)
        old.catalog.close()
        old.deleteLater()
        self._watch(new)
        new.show()


def copy_catalog(source_dir: Path, target_dir: Path) -> None:
    """Copy the catalog database into ``target_dir`` (which must not hold one yet)."""
    from .core.backup import copy_catalog_file
    from .core.store.sqlite import catalog_path

    target = catalog_path(target_dir)
    if target.exists():
        raise CatalogError(f"{target_dir} already holds a catalog; open it instead.")
    target_dir.mkdir(parents=True, exist_ok=True)
    copy_catalog_file(catalog_path(source_dir), target)
