"""One writer per catalog folder: the lock, bringing the first window to the front, stale locks."""

import signal
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QMessageBox

from rsfm_desktop.ui import single_instance
from rsfm_desktop.ui.single_instance import CatalogLock, claim


@pytest.fixture
def locks(qapp):
    made = []

    def make(folder):
        lock = CatalogLock(folder)
        made.append(lock)
        return lock

    yield make
    for lock in made:
        lock.unlock()


@pytest.fixture
def warnings_shown(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    return shown


def test_a_second_lock_on_the_same_folder_is_refused(tmp_path, locks):
    first, second = locks(tmp_path / "cat"), locks(tmp_path / "cat")
    assert first.try_lock()
    assert not second.try_lock()
    assert second.held_elsewhere()
    message = second.refusal_message()
    assert "already open" in message and str(tmp_path / "cat") in message
    assert locks(tmp_path / "other").try_lock()  # another folder is another catalog


def test_the_second_launch_brings_the_first_window_to_the_front(qtbot, tmp_path, locks):
    first = locks(tmp_path / "cat")
    assert first.try_lock()
    qtbot.waitUntil(lambda: first._server is not None)  # listening starts after start-up
    with qtbot.waitSignal(first.activationRequested, timeout=3000):
        assert locks(tmp_path / "cat").ask_owner_to_show()


def test_claim_defers_to_a_running_instance_or_explains(qtbot, tmp_path, locks, warnings_shown, capsys):
    first = locks(tmp_path / "cat")
    assert first.try_lock()
    assert claim(tmp_path / "cat") == (None, 1)  # not listening yet: a clear refusal
    assert "already open" in warnings_shown[0]
    qtbot.waitUntil(lambda: first._server is not None)
    with qtbot.waitSignal(first.activationRequested, timeout=3000):
        assert claim(tmp_path / "cat") == (None, 0)  # the first came to the front; exit
    assert len(warnings_shown) == 1
    # and the terminal says so
    assert capsys.readouterr().out == f"RSFM Desktop is already open on {tmp_path / 'cat'}; brought it to the front\n"


def test_unlock_lets_the_next_launch_in(tmp_path, locks):
    first = locks(tmp_path / "cat")
    assert first.try_lock()
    first.unlock()
    lock, code = claim(tmp_path / "cat")
    assert lock is not None and code == 0
    lock.unlock()


HOLDER = textwrap.dedent("""
    import sys, time
    from PySide6.QtCore import QLockFile
    lock = QLockFile(sys.argv[1])
    assert lock.tryLock(0)
    print("locked", flush=True)
    time.sleep(60)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_lock_left_by_a_crashed_process_is_recovered(tmp_path, locks):
    folder = tmp_path / "cat"
    folder.mkdir()
    lock_path = folder / single_instance.LOCK_FILE
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock_path)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    assert not locks(folder).try_lock()  # alive: refused
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert lock_path.exists()  # the crash left the lock file behind
    assert locks(folder).try_lock()
