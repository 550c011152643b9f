"""Upgrading an older catalog reports its progress and can be cancelled, on both engines: the
window runs it on a worker with a progress dialog instead of hanging before it appears. A
cancelled upgrade leaves the catalog exactly as it was."""

import json
import threading
import time

import pytest

from rsfm_desktop.core import backup, migrations
from rsfm_desktop.core.catalog import pending_upgrade, upgrade_catalog
from rsfm_desktop.core.errors import UpgradeCancelled
from rsfm_desktop.core.fields import Kind

from .migration_helpers import add_slow_revision, build_catalog, revision_at, rows, user_tables

OLD = "0006"  # a few revisions behind the head; any older one would do


class Reporter:
    """What the window's task context gives an upgrade: progress, and a cancel flag."""

    def __init__(self, cancel_when=lambda reporter: False):
        self.reports: list[tuple[int, int]] = []
        self.threads: set[str] = set()
        self._cancel_when = cancel_when

    def progress(self, done: int, total: int) -> None:
        self.reports.append((done, total))

    def cancelled(self) -> bool:
        self.threads.add(threading.current_thread().name)
        return self._cancel_when(self)


def test_upgrade_reports_progress_to_the_end_and_opens_at_the_head(targets, engine_name):
    target = build_catalog(targets.blank(), OLD)
    assert pending_upgrade(target) == OLD
    before = rows(target, user_tables(target))
    reporter = Reporter()

    upgrade_catalog(target, reporter)

    assert revision_at(target) == migrations.HEAD and pending_upgrade(target) is None
    done = [d for d, _ in reporter.reports]
    assert done == sorted(done) and done[-1] == migrations.SCALE  # forward only, to the end
    assert {t for _, t in reporter.reports} == {migrations.SCALE}
    # one report per revision at least; a file catalog also reports its backup copy
    assert len(reporter.reports) >= migrations.pending_steps(OLD)
    if engine_name == "sqlite":
        assert any(d <= migrations.BACKUP_SHARE for d in done)
        assert backup.backup_files(target)
    catalog = targets.open(target, seed=False)
    assert catalog.entries.get(Kind.PAPER, 1).title == "RemoteCLIP: a vision language model"
    assert rows(target, set(before))["note"] == before["note"]


def test_current_and_new_catalogs_need_no_upgrade(targets):
    assert pending_upgrade(targets.blank()) is None
    assert pending_upgrade(targets.new(seeded=False)) is None


def test_upgrade_cancelled_between_revisions_changes_nothing(targets, engine_name):
    target = build_catalog(targets.blank(), OLD)
    before = rows(target, user_tables(target))
    reporter = Reporter(cancel_when=lambda r: any(d > migrations.BACKUP_SHARE for d, _ in r.reports))

    with pytest.raises(UpgradeCancelled, match="not changed"):
        upgrade_catalog(target, reporter)

    assert revision_at(target) == OLD and pending_upgrade(target) == OLD
    assert rows(target, set(before)) == before
    if engine_name == "sqlite":  # the copy made before migrating is a good backup of the old file
        [saved] = backup.backup_files(target)
        assert backup.describe(saved, check=True).ok


def test_upgrade_cancelled_while_copying_the_backup_leaves_no_file(data_dir, monkeypatch):
    build_catalog(data_dir, OLD)
    monkeypatch.setattr(backup, "_PAGES_PER_STEP", 1)  # a small file copies in many steps too
    before = rows(data_dir, user_tables(data_dir))
    reporter = Reporter(cancel_when=lambda r: bool(r.reports))  # after the first step of the copy

    with pytest.raises(UpgradeCancelled):
        upgrade_catalog(data_dir, reporter)

    assert revision_at(data_dir) == OLD and rows(data_dir, set(before)) == before
    assert not backup.backup_files(data_dir)
    assert not list(backup.backup_dir(data_dir).glob("*.partial"))


@pytest.fixture
def slow_revision(tmp_path, monkeypatch):
    return add_slow_revision(tmp_path, monkeypatch)


def test_cancel_interrupts_a_long_statement_and_rolls_everything_back(targets, slow_revision):
    target = build_catalog(targets.blank(), OLD)
    before = rows(target, user_tables(target))
    started = time.monotonic()
    reporter = Reporter(cancel_when=lambda r: time.monotonic() - started > 1.0)

    with pytest.raises(UpgradeCancelled):
        upgrade_catalog(target, reporter)

    assert time.monotonic() - started < 15  # interrupted, not run to the end (it never ends)
    assert revision_at(target) == OLD  # the revisions before the slow one are rolled back too
    assert rows(target, set(before)) == before


def test_the_command_line_says_it_is_upgrading_an_older_catalog(data_dir, capsys):
    from rsfm_desktop.__main__ import main

    build_catalog(data_dir, OLD)

    assert main(["stats", "--data-dir", str(data_dir)]) == 0
    first = capsys.readouterr()
    assert f"upgrading the catalog from schema {OLD} to {migrations.HEAD}" in first.err
    assert json.loads(first.out)["papers"] >= 1
    assert main(["stats", "--data-dir", str(data_dir)]) == 0
    assert "upgrading" not in capsys.readouterr().err  # once only
