"""The imports the first write needs (SQLModel and pydantic: 0.8 s at 100,000 papers on a
loaded machine) are made on a worker thread once the window is set up, not on the GUI thread
by the first note typed."""

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import os, sys, threading, time
os.environ['QT_QPA_PLATFORM'] = 'offscreen'
where = {}

class Spy:
    def find_spec(self, name, path=None, target=None):
        if name in ('sqlmodel', 'pydantic') and name not in where:
            where[name] = 'gui' if threading.current_thread() is threading.main_thread() else 'worker'
        return None

if sys.argv[3] == 'open':
    sys.meta_path.insert(0, Spy())
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from rsfm_desktop.app import create_main_window
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
if sys.argv[3] == 'create':
    create_main_window(sys.argv[1], settings).catalog.close()
    sys.exit(0)
window = create_main_window(sys.argv[1], settings)
window.show()
deadline = time.monotonic() + 60
while len(where) < 2 and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
print(sorted(where.items()))
"""


def test_the_first_writes_imports_are_made_off_the_gui_thread(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(REPO_ROOT),
           "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)}
    args = [sys.executable, "-c", SCRIPT, str(tmp_path / "c"), str(tmp_path / "s.ini")]
    created = subprocess.run([*args, "create"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=180, env=env)
    assert created.returncode == 0, created.stderr
    done = subprocess.run([*args, "open"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=180, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[('pydantic', 'worker'), ('sqlmodel', 'worker')]"
