"""A catalog file's write-ahead log is copied into the file off the writing thread: a note saved
on the window's thread never waits for that copy and its fsync (0.1 to 0.9 s on a busy disk,
``bench_latency.py --only note``), and the log still stays small and ends at close."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from rsfm_desktop.core.catalog import open_catalog
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store import checkpoints
from rsfm_desktop.core.store.sqlite import catalog_path

ROOT = Path(__file__).resolve().parents[2]
LONG = "遥感图像的视觉语言模型。" * 300  # about 10 KB a paper, about 190 KB of log with its search rows


@pytest.fixture(autouse=True)
def _not_a_windows_thread():
    """Commits on this thread copy the log as any thread's but the window's: a window an
    earlier test opened on it spared it (:func:`checkpoints.spare_this_thread`)."""
    ident = threading.get_ident()
    spared = ident in checkpoints._SPARED
    checkpoints._SPARED.discard(ident)
    yield
    if spared:
        checkpoints._SPARED.add(ident)


def _log(folder: Path) -> Path:
    path = catalog_path(folder)
    return path.with_name(path.name + "-wal")


def _add(catalog, first: int, count: int) -> None:
    for i in range(first, first + count):
        catalog.entries.create(Kind.PAPER, {"title": f"Checkpointed paper {i}", "summary_zh": LONG})


def _wait(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_commits_leave_the_log_to_the_checkpointer_which_keeps_it_small(tmp_path):
    catalog = open_catalog(tmp_path, seed=False)
    checkpointer = checkpoints.of(catalog.store.engine)
    assert checkpointer is not None
    try:
        with checkpointer._running:  # the checkpointer is busy (a slow disk): commits go on
            _add(catalog, 0, 100)
            grown = _log(tmp_path).stat().st_size
        # SQLite's own checkpoint in the commit would have started the log again near 4 MB
        assert checkpoints.CHECKPOINT_BYTES * 1.5 < grown < checkpoints.CATCH_UP_BYTES
        assert checkpointer.runs == 0
        _add(catalog, 100, 1)  # the next commit wakes it
        assert _wait(lambda: checkpointer.runs >= 1)
        small = iter(range(1000))

        def restarted() -> bool:  # a commit that finds the log all copied starts it again
            catalog.entries.create(Kind.PAPER, {"title": f"Small paper {next(small)}"})
            return _log(tmp_path).stat().st_size <= checkpoints.KEPT_LOG_BYTES + 64 * 1024

        assert _wait(restarted)  # cut back to its kept size
    finally:
        catalog.close()
    assert not _log(tmp_path).exists()  # closing copies the rest and removes it
    # another process reads every paper from the file alone
    counted = subprocess.run(
        [sys.executable, "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("
         "\"SELECT count(*) FROM paper WHERE title LIKE 'Checkpointed paper %'\").fetchone()[0])",
         str(catalog_path(tmp_path))], capture_output=True, text=True, check=True, cwd=ROOT)
    assert counted.stdout.strip() == "101"


def test_writes_in_a_tight_loop_never_let_the_log_grow_past_the_catch_up_size(tmp_path):
    catalog = open_catalog(tmp_path, seed=False)
    largest = 0
    try:
        for start in range(0, 600, 10):
            _add(catalog, start, 10)
            largest = max(largest, _log(tmp_path).stat().st_size)
    finally:
        catalog.close()
    # 600 papers wrote about 115 MB of pages to the log; it never held more than the catch-up size
    assert largest < checkpoints.CATCH_UP_BYTES + 2 * 1024 * 1024


def test_the_windows_commits_never_wait_for_a_checkpoint_however_large_the_log(tmp_path):
    catalog = open_catalog(tmp_path, seed=False)
    checkpointer = checkpoints.of(catalog.store.engine)
    done = threading.Event()

    def window():  # a thread of its own, so that no other test's thread is spared
        checkpoints.spare_this_thread()
        try:
            _add(catalog, 0, 200)  # about 38 MB of log
        finally:
            checkpoints._SPARED.discard(threading.get_ident())
            done.set()

    try:
        with checkpointer._running:  # a checkpoint that takes long: the window's commits go on
            threading.Thread(target=window).start()
            assert done.wait(60), "a commit on the window's thread waited for the checkpoint"
            assert _log(tmp_path).stat().st_size > checkpoints.CATCH_UP_BYTES
        _add(catalog, 200, 1)  # any other thread's commit copies it at once
        assert checkpointer.runs >= 1
        assert catalog.entries.count(Kind.PAPER) == 201
    finally:
        catalog.close()
    assert not _log(tmp_path).exists()
