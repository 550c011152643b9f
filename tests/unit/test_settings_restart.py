"""Preferences survive a restart: each setting written by one process is read back by the next
(a test inside one process proves nothing here: QSettings caches what it wrote)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

WRITE = """
import sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSettings
from rsfm_desktop.ui import settings as cfg
s = QSettings({path!r}, QSettings.Format.IniFormat)
for name, value in {values!r}.items():
    cfg.put(s, getattr(cfg, name), value)
s.sync()
"""

READ = """
import json, sys
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSettings
from rsfm_desktop.ui import settings as cfg
s = QSettings({path!r}, QSettings.Format.IniFormat)
cfg.migrate(s)  # what make_settings() does at every start
print(json.dumps({{name: cfg.get(s, getattr(cfg, name)) for name in {names!r}}}))
"""

VALUES = {"LANGUAGE": "zh_CN", "THEME": "dark", "CATALOG_DIR": "/home/alice/lab catalog", "BACKUPS_KEPT": 25,
          "DETAIL_FONT_SIZE": 14, "SYNC_SERVER": "postgresql://alice@lab.example.org/rsfm", "MEMBER_NAME": "李明",
          "LAST_TAB": 1, "LAST_SELECTED": "paper:7"}


def _run(script: str) -> str:
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_setting_is_read_back_by_the_next_process(tmp_path):
    path = str(tmp_path / "settings.ini")
    _run(WRITE.format(root=str(ROOT), path=path, values=VALUES))
    assert json.loads(_run(READ.format(root=str(ROOT), path=path, names=list(VALUES)))) == VALUES


def test_settings_an_earlier_version_wrote_are_still_read(tmp_path):
    """0.1 kept language, theme, catalog folder and backups under "general/", which its INI file
    reads back as "General/...": the next version still finds them."""
    path = tmp_path / "settings.ini"
    path.write_text("[%General]\nlanguage=zh_CN\ntheme=dark\ncatalog_dir=/data/rsfm\nbackups_kept=3\n", encoding="utf-8")
    names = ["LANGUAGE", "THEME", "CATALOG_DIR", "BACKUPS_KEPT"]
    assert json.loads(_run(READ.format(root=str(ROOT), path=str(path), names=names))) == {
        "LANGUAGE": "zh_CN", "THEME": "dark", "CATALOG_DIR": "/data/rsfm", "BACKUPS_KEPT": 3}
