"""Backups: made with the online backup API, listed with counts, pruned, restored without ever
deleting the catalog they replace; the idle-time policy; damaged catalogs at start-up."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rsfm_desktop.core import backup
from rsfm_desktop.core.catalog import open_catalog
from rsfm_desktop.core.errors import CatalogDamagedError
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store.sqlite import catalog_path

from ..conftest import FIXTURE_CATALOG


def first_paper(catalog):
    return catalog.entries.list_ids(Kind.PAPER)[0]


def reopen(data_dir):
    return open_catalog(data_dir, catalog_file=FIXTURE_CATALOG)


def test_backup_is_a_complete_copy_listed_with_counts(folder_catalog, data_dir):
    paper = first_paper(folder_catalog)
    folder_catalog.notes.save(Kind.PAPER, paper, "read this twice")
    path = folder_catalog.backups.backup_now()

    assert path.parent == data_dir / "backups"
    assert path.name.startswith("catalog-") and path.suffix == ".sqlite3"
    assert not list(path.parent.glob("*.partial"))
    assert not os.path.exists(f"{path}-wal")  # self-contained
    [info] = folder_catalog.backups.list(check=True)
    assert (info.path, info.papers, info.datasets, info.notes, info.ok) == (path, 4, 2, 1, True)
    assert backup.quick_check(path) is None
    assert folder_catalog.backups.integrity_problem() is None


def test_backup_sees_uncheckpointed_writes(folder_catalog, data_dir):
    """The live catalog is in WAL mode: recent commits sit in -wal; the backup must hold them."""
    paper = first_paper(folder_catalog)
    folder_catalog.entries.update(Kind.PAPER, paper, {"remark": "just now"})
    assert os.path.getsize(f"{catalog_path(data_dir)}-wal") > 0
    path = folder_catalog.backups.backup_now()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT remark FROM paper WHERE id=?", (paper,)).fetchone() == ("just now",)
    conn.close()


def test_only_the_newest_backups_are_kept(folder_catalog, data_dir):
    made = [folder_catalog.backups.backup_now(keep=3) for _ in range(5)]
    assert backup.backup_files(data_dir) == made[:1:-1]  # newest first, two oldest pruned
    assert len({p.name for p in made}) == 5  # same second: distinct names


def test_restore_keeps_the_replaced_catalog(folder_catalog, data_dir):
    paper = first_paper(folder_catalog)
    folder_catalog.notes.save(Kind.PAPER, paper, "before")
    saved = folder_catalog.backups.backup_now()
    folder_catalog.notes.save(Kind.PAPER, paper, "after")

    kept = backup.restore(data_dir, saved, folder_catalog.store.engine)

    assert kept.name.startswith("catalog.sqlite3.replaced-")
    restored = reopen(data_dir)
    assert restored.notes.text(Kind.PAPER, paper) == "before"
    with sqlite3.connect(kept) as conn:  # the replaced catalog, -wal included, still readable
        assert conn.execute("SELECT body FROM note").fetchall() == [("after",)]
    conn.close()


def test_a_damaged_backup_is_not_restored(folder_catalog, data_dir):
    bad = data_dir / "backups" / "catalog-20250101-000000.sqlite3"
    bad.parent.mkdir()
    bad.write_bytes(b"not a database at all" * 100)
    assert backup.quick_check(bad) is not None
    assert [b.ok for b in backup.list_backups(data_dir, check=True)] == [False]
    with pytest.raises(backup.BackupError, match="cannot be restored"):
        backup.restore(data_dir, bad, folder_catalog.store.engine)
    assert reopen(data_dir).entries.stats()["papers"] == 4


def corrupt(path):
    """Overwrite the middle of the file: the header survives, b-tree pages do not."""
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(size // 3)
        f.write(b"\xff" * (size // 3))


def test_damaged_catalog_is_refused_with_the_good_backups(folder_catalog, data_dir):
    older = folder_catalog.backups.backup_now()
    newer = folder_catalog.backups.backup_now()
    folder_catalog.close()
    catalog = catalog_path(data_dir)
    with sqlite3.connect(catalog) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    corrupt(catalog)
    corrupt(older)

    with pytest.raises(CatalogDamagedError) as caught:
        reopen(data_dir)

    assert [b.path for b in caught.value.backups] == [newer]
    assert "damaged" in str(caught.value) and "latest good backup" in str(caught.value)
    kept = backup.restore(data_dir, newer, reason="damaged")
    assert kept.name.startswith("catalog.sqlite3.damaged-") and kept.exists()
    assert reopen(data_dir).entries.stats()["papers"] == 4


def test_a_file_that_is_not_a_database_is_damaged(data_dir):
    data_dir.mkdir()
    catalog_path(data_dir).write_text("hello, I am a text file\n" * 200)
    with pytest.raises(CatalogDamagedError, match="No good backup"):
        reopen(data_dir)
    assert catalog_path(data_dir).read_text().startswith("hello")


def test_scheduler_wants_a_backup_after_changes_and_an_hour(folder_catalog, data_dir):
    now = [time.time()]
    scheduler = backup.BackupScheduler(data_dir, interval_s=3600, clock=lambda: now[0])
    assert scheduler.due()  # never backed up
    assert folder_catalog.backups.run_if_due(scheduler) is not None
    now[0] += 7200
    assert not scheduler.due()  # two hours, but nothing changed

    time.sleep(0.01)
    folder_catalog.entries.update(Kind.PAPER, first_paper(folder_catalog), {"remark": "changed"})
    now[0] = time.time() + 60
    assert not scheduler.due()  # changed, but the last backup is a minute old
    now[0] = time.time() + 3600
    assert scheduler.due()
    assert folder_catalog.backups.run_if_due(scheduler) is not None
    assert len(backup.backup_files(data_dir)) == 2


SLOW_BACKUP = """
import sqlite3, sys, time
from pathlib import Path
from rsfm_desktop.core import backup
from rsfm_desktop.core.catalog import open_catalog

def slow_copy(source, target, *_progress_and_cancel):
    dest = sqlite3.connect(target)
    def step(status, remaining, total):
        print("copied", total - remaining, "of", total, flush=True)
        time.sleep(0.2)
    source.backup(dest, pages=4, progress=step)

backup._copy = slow_copy
catalog = open_catalog(Path(sys.argv[1]), seed=False)
catalog.backups.backup_now()
print("finished", flush=True)
"""


def test_a_backup_killed_halfway_leaves_files_the_next_start_removes(folder_catalog, data_dir):
    import signal

    finished = folder_catalog.backups.backup_now()
    folder_catalog.close()
    child = subprocess.Popen([sys.executable, "-c", SLOW_BACKUP, str(data_dir)], stdout=subprocess.PIPE,
                             text=True, cwd=Path(__file__).resolve().parents[2])
    try:
        for line in child.stdout:
            if line.startswith("copied") and int(line.split()[1]) >= 8:
                break  # halfway through the copy
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    left = sorted(p.name for p in backup.backup_dir(data_dir).iterdir() if ".partial" in p.name)
    assert any(n.endswith(".partial") for n in left) and any(n.endswith(".partial-journal") for n in left)

    assert backup.remove_leftovers(data_dir) == []  # just written: maybe another process's backup
    for name in left:
        old = time.time() - 60
        os.utime(backup.backup_dir(data_dir) / name, (old, old))
    catalog = reopen(data_dir)  # the next start
    try:
        removed = catalog.backups.remove_leftovers()
    finally:
        catalog.close()
    assert sorted(p.name for p in removed) == left
    assert backup.backup_files(data_dir) == [finished]  # finished backups untouched
    assert not [p for p in backup.backup_dir(data_dir).iterdir() if ".partial" in p.name]
