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
    created = create_main_window(sys.argv[1], settings)
    created.close()  # its background work (the warm-up's imports among it) stops first
    created.catalog.close()
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


FREEZE_SCRIPT = """
import gc, os, sys, time
os.environ['QT_QPA_PLATFORM'] = 'offscreen'
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from rsfm_desktop.app import create_main_window
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = create_main_window(sys.argv[1], settings)
window.show()
walked = len(gc.get_objects())
deadline = time.monotonic() + 30
while gc.get_freeze_count() == 0 and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
print(walked, gc.get_freeze_count(), len(gc.get_objects()))
"""


def test_what_start_up_made_is_left_out_of_later_garbage_collections(tmp_path):
    """A full garbage collection walked every object start-up made (the modules, the catalog's
    rows, the widgets): 125-155 ms at 100,000 papers holding the GIL, on a worker a stall of the
    window waiting for it. Once the warm-up is done they are frozen out of the collector's walks."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(REPO_ROOT),
           "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", FREEZE_SCRIPT, str(tmp_path / "c"), str(tmp_path / "s.ini")],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=180, env=env)
    assert done.returncode == 0, done.stderr
    walked, frozen, walked_after = map(int, done.stdout.split()[-3:])
    assert frozen > walked // 2 and walked_after < walked // 4, (walked, frozen, walked_after)
