"""Interface language: English source strings, Simplified Chinese translation.

Translations are kept as Qt ``.ts`` sources in ``resources/translations/``. The build compiles
them to ``.qm`` inside the bundle; when running from source, a missing or outdated ``.qm`` is
compiled with PySide6's ``lrelease`` into the user's cache folder (never into the install folder).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..paths import APP_ID, resource_path

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
DOMAIN = "rsfm_desktop"

_installed: list[QTranslator] = []
_current = "en"


def current() -> str:
    """The interface language in use (``en`` or ``zh_CN``)."""
    return _current


def resolve(language: str) -> str:
    """``system`` becomes the supported language closest to the system locale."""
    if language in LANGUAGES:
        return language
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def ts_path(language: str) -> Path:
    return resource_path("translations", f"{DOMAIN}_{language}.ts")


def _lrelease() -> str | None:
    import PySide6

    bundled = Path(PySide6.__file__).parent / "lrelease"
    if bundled.exists():
        return str(bundled)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compile_ts(ts: Path, qm: Path) -> bool:
    tool = _lrelease()
    if tool is None or not ts.exists():
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True)
    return result.returncode == 0 and qm.exists()


def qm_path(language: str) -> Path | None:
    """The compiled translation: bundled next to the .ts, else compiled into the cache."""
    bundled = resource_path("translations", f"{DOMAIN}_{language}.qm")
    ts = ts_path(language)
    if bundled.exists() and (not ts.exists() or bundled.stat().st_mtime >= ts.stat().st_mtime):
        return bundled
    from platformdirs import user_cache_dir

    cached = Path(user_cache_dir(APP_ID, appauthor=False)) / "translations" / bundled.name
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    return cached if compile_ts(ts, cached) else None


def install(language: str) -> str:
    """Install the translators for ``language`` (or ``system``); returns the language used."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    global _current
    chosen = _current = resolve(language)
    if chosen == "en":
        return chosen
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for path in (qm_path(chosen), Path(qt_dir) / f"qtbase_{chosen}.qm"):
        translator = QTranslator(app)
        if path is not None and translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
    if chosen in QT_GAPS:  # installed last, so asked first
        gaps = _QtGaps(QT_GAPS[chosen], app)
        app.installTranslator(gaps)
        _installed.append(gaps)
    return chosen


# Strings of Qt's own dialogs that its shipped translation lacks (Qt 6 gave them mnemonics, so
# the older translated sources no longer match): the file dialog's "Look in" and "Files of type".
QT_GAPS = {
    "zh_CN": {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
        ("QAbstractFileIconProvider", "Folder"): "文件夹",
        ("QAbstractFileIconProvider", "Drive"): "驱动器",
        ("QAbstractFileIconProvider", "File"): "文件",
    },
}


class _QtGaps(QTranslator):
    def __init__(self, table: dict[tuple[str, str], str], parent=None):
        super().__init__(parent)
        self._table = table

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return False

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D401 (Qt override)
        return self._table.get((context, source))  # None: not ours, the next translator answers
