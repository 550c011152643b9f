"""Settings survive a real restart: written through the Preferences dialog in one process, read
by a fresh process from the platform's settings store (a throw-away config folder here).

Qt's INI format turns a group called "general" into ``[%General]`` and reads it back as
``General/…``: a same-process read-back cannot see that, only a second process can.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURE_CATALOG

ROOT = Path(__file__).resolve().parents[2]

WRITE = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QFileDialog
from rsfm_desktop.app import create_main_window, ensure_app
from rsfm_desktop.ui import settings as cfg
from rsfm_desktop.ui.dialogs.preferences_dialog import PreferencesDialog

catalog, other = Path(sys.argv[1]), Path(sys.argv[2])
ensure_app()
settings = cfg.make_settings()  # the user's settings store: the same one a real start uses
window = create_main_window(catalog, settings, catalog_file=Path(sys.argv[3]))
chosen = []
window.catalogSwitchRequested.connect(lambda folder, copy: cfg.put(settings, cfg.CATALOG_DIR, str(folder)))
QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: str(other))

def choose(dialog):
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.font_size.setValue(15)
    dialog.backups_kept.setValue(4)
    dialog.findChild(object, "openCatalogButton").click()
    return 1

PreferencesDialog.exec = choose
window.show_preferences()
window.close()
print(settings.fileName())
"""

READ = """
import json
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from rsfm_desktop.app import apply_preferences, catalog_target, ensure_app
from rsfm_desktop.ui import language as i18n
from rsfm_desktop.ui import settings as cfg

app = ensure_app()
settings = cfg.make_settings()
apply_preferences(app, settings)
print(json.dumps({
    "language": cfg.get(settings, cfg.LANGUAGE), "installed": i18n.current(),
    "theme": cfg.get(settings, cfg.THEME),
    "dark": QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80,
    "font": cfg.get(settings, cfg.DETAIL_FONT_SIZE), "backups": cfg.get(settings, cfg.BACKUPS_KEPT),
    "catalog": str(catalog_target(None, settings)),
    "cancel": QApplication.translate("QPlatformTheme", "Cancel"),
    "keys": sorted(settings.allKeys()),
}))
"""


def _run(script: str, env: dict, *args) -> str:
    out = subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True,
                         timeout=180, env=env, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout.strip().splitlines()[-1]


def _env(tmp_path: Path) -> dict:
    home = tmp_path / "home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), PYTHONPATH=str(ROOT))
    env.update({f"XDG_{k}_HOME": str(home / k.lower()) for k in ("CONFIG", "DATA", "CACHE", "STATE")})
    return env


def test_preferences_chosen_in_the_dialog_are_back_after_a_restart(tmp_path):
    env = _env(tmp_path)
    other = tmp_path / "other catalog"
    ini = Path(_run(WRITE, env, tmp_path / "catalog", other, FIXTURE_CATALOG))
    assert ini.is_relative_to(tmp_path / "home")  # never the user's real settings file
    assert "General" not in ini.read_text(encoding="utf-8")
    read = json.loads(_run(READ, env))
    assert read["language"] == "zh_CN" and read["installed"] == "zh_CN"
    assert read["cancel"] == "取消"  # Qt's own strings: the qtbase translation is loaded
    assert read["theme"] == "dark" and read["dark"]
    assert (read["font"], read["backups"]) == (15, 4)
    assert read["catalog"] == str(other)


def test_a_settings_file_written_under_the_broken_general_keys_is_migrated(tmp_path):
    env = _env(tmp_path)
    ini = tmp_path / "home" / "config" / "RSFM Lab" / "rsfm-desktop.ini"
    ini.parent.mkdir(parents=True)
    # What an earlier version wrote for general/language, general/theme, ...
    ini.write_text("[%General]\nlanguage=zh_CN\ntheme=dark\ncatalog_dir=/srv/lab catalog\nbackups_kept=7\n\n"
                   "[view]\ndetail_font_size=13\n", encoding="utf-8")
    read = json.loads(_run(READ, env))
    assert (read["language"], read["theme"], read["backups"], read["font"]) == ("zh_CN", "dark", 7, 13)
    assert read["catalog"] == "/srv/lab catalog"
    assert not any(k.lower().startswith("general/") for k in read["keys"])
    again = json.loads(_run(READ, env))  # migrated once, read as such from then on
    assert (again["language"], again["theme"]) == ("zh_CN", "dark")
