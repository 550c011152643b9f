"""Syncing two laptops' catalogs (A and B, SQLite) through the lab's catalog on a real
PostgreSQL server: field-by-field merges, conflicts that keep both values, personal notes that
never leave the machine, and syncs killed at random moments that lose nothing."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rsfm_desktop.core.catalog import open_catalog
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store.sqlite import catalog_path
from rsfm_desktop.core.sync import conflicts, resolve, resolve_many, sync

from ..conftest import FIXTURE_CATALOG

@pytest.fixture
def lab(lab_url, tmp_path):
    """The lab server's catalog and two laptops' folder catalogs, all first synced once."""
    server = open_catalog(lab_url, catalog_file=FIXTURE_CATALOG, author="server")
    a = open_catalog(tmp_path / "a", catalog_file=FIXTURE_CATALOG, author="Alice")
    b = open_catalog(tmp_path / "b", catalog_file=FIXTURE_CATALOG, author="Bo")
    sync(a, server)
    sync(b, server)
    yield server, a, b
    for catalog in (a, b, server):
        catalog.close()


def by_uuid(catalog, uuid: str, kind: Kind = Kind.PAPER) -> int:
    return catalog.entries.by_uuid(kind, uuid)


def geochat(catalog) -> int:
    return next(i for i, t in catalog.entries.titles_by_id(Kind.PAPER, catalog.entries.list_ids(Kind.PAPER))
                if t.startswith("GeoChat"))


def twice(server, *catalogs) -> None:
    for _ in range(2):
        for catalog in catalogs:
            sync(catalog, server)


def test_the_first_sync_recognises_the_bundled_entries_instead_of_doubling_them(lab):
    server, a, b = lab
    assert a.entries.count(Kind.PAPER) == b.entries.count(Kind.PAPER) == server.entries.count(Kind.PAPER) == 4
    pa = geochat(a)
    assert a.entries.get(Kind.PAPER, pa).uuid == b.entries.get(Kind.PAPER, geochat(b)).uuid


def test_different_fields_edited_on_two_laptops_both_reach_both(lab):
    server, a, b = lab
    pa, pb = geochat(a), geochat(b)
    a.entries.update(Kind.PAPER, pa, {"title": "GeoChat, retitled by A"})
    b.entries.update(Kind.PAPER, pb, {"venue": "CVPR 2024 (B)"})
    twice(server, a, b)
    for catalog, entry_id in ((a, pa), (b, pb)):
        entry = catalog.entries.get(Kind.PAPER, entry_id)
        assert (entry.title, entry.venue) == ("GeoChat, retitled by A", "CVPR 2024 (B)")
    on_server = server.entries.get(Kind.PAPER, by_uuid(server, a.entries.get(Kind.PAPER, pa).uuid))
    assert (on_server.title, on_server.venue, on_server.modified_by) == ("GeoChat, retitled by A", "CVPR 2024 (B)", "Bo")


def test_a_bundled_entry_edited_before_the_first_sync_is_sent_not_held_as_a_conflict(lab, tmp_path):
    """Its synced copy is the bundled one, which leaves empty fields out: an empty field filled
    in here, still empty on the server, is a change made here (it was held as a conflict)."""
    server, _a, _b = lab
    c = open_catalog(tmp_path / "c", catalog_file=FIXTURE_CATALOG, author="Chen")
    try:
        pc = geochat(c)
        assert not c.entries.get(Kind.PAPER, pc).remark
        c.entries.update(Kind.PAPER, pc, {"remark": "read before the lab had it"})
        assert sync(c, server).conflicts == []
        uuid = c.entries.get(Kind.PAPER, pc).uuid
        assert server.entries.get(Kind.PAPER, by_uuid(server, uuid)).remark == "read before the lab had it"
    finally:
        c.close()


def test_the_same_field_edited_differently_is_a_conflict_that_keeps_both_and_converges(lab):
    server, a, b = lab
    pa, pb = geochat(a), geochat(b)
    a.entries.update(Kind.PAPER, pa, {"remark": "A's remark"})
    b.entries.update(Kind.PAPER, pb, {"remark": "B's remark"})
    assert sync(a, server).conflicts == []
    report = sync(b, server)
    [conflict] = report.conflicts
    assert (conflict.field, conflict.local, conflict.server) == ("remark", "B's remark", "A's remark")
    assert b.entries.get(Kind.PAPER, pb).remark == "B's remark"  # nothing overwritten
    assert server.entries.get(Kind.PAPER, by_uuid(server, conflict.uuid)).remark == "A's remark"
    assert [c.as_json() for c in conflicts(b)] == [c.as_json() for c in report.conflicts]
    resolve(b, conflict.id, "mine")
    twice(server, b, a)
    assert conflicts(a) == conflicts(b) == []
    assert a.entries.get(Kind.PAPER, pa).remark == b.entries.get(Kind.PAPER, pb).remark == "B's remark"


def test_resolving_is_one_undoable_step_that_brings_the_conflict_back(lab):
    server, a, b = lab
    pa, pb = geochat(a), geochat(b)
    a.entries.update(Kind.PAPER, pa, {"remark": "A's remark", "venue": "A's venue"})
    b.entries.update(Kind.PAPER, pb, {"remark": "B's remark", "venue": "B's venue"})
    sync(a, server)
    waiting = sync(b, server).conflicts
    assert sorted(c.field for c in waiting) == ["remark", "venue"]
    command = resolve_many(b, [(c.id, "theirs" if c.field == "remark" else "value", "Edited venue") for c in waiting])
    entry = b.entries.get(Kind.PAPER, pb)
    assert (entry.remark, entry.venue, conflicts(b)) == ("A's remark", "Edited venue", [])
    b.store.undo(command)
    entry = b.entries.get(Kind.PAPER, pb)
    assert (entry.remark, entry.venue) == ("B's remark", "B's venue")
    assert [(c.field, c.local, c.server) for c in conflicts(b)] == [(c.field, c.local, c.server) for c in waiting]
    b.store.redo(command)
    assert conflicts(b) == []
    twice(server, b, a)
    for catalog, entry_id in ((a, pa), (b, pb)):
        entry = catalog.entries.get(Kind.PAPER, entry_id)
        assert (entry.remark, entry.venue) == ("A's remark", "Edited venue")


def test_taking_theirs_converges_too(lab):
    server, a, b = lab
    pa, pb = geochat(a), geochat(b)
    a.entries.update(Kind.PAPER, pa, {"year": 2023})
    b.entries.update(Kind.PAPER, pb, {"year": 2025})
    sync(a, server)
    [conflict] = sync(b, server).conflicts
    resolve(b, conflict.id, "theirs")
    twice(server, a, b)
    assert a.entries.get(Kind.PAPER, pa).year == b.entries.get(Kind.PAPER, pb).year == 2023


def test_a_paper_deleted_on_one_laptop_and_edited_on_the_other_is_a_conflict_and_the_edit_stays(lab):
    server, a, b = lab
    pa, pb = geochat(a), geochat(b)
    a.entries.delete(Kind.PAPER, [pa])
    b.entries.update(Kind.PAPER, pb, {"remark": "still reading it"})
    sync(a, server)
    report = sync(b, server)
    assert [c.field for c in report.conflicts] == ["deleted_at"]
    entry = b.entries.get(Kind.PAPER, pb)
    assert not entry.trashed and entry.remark == "still reading it"
    assert server.entries.get(Kind.PAPER, by_uuid(server, entry.uuid)).trashed  # A's deletion kept too
    resolve(b, report.conflicts[0].id, "mine")  # keep it: it comes back for everyone
    twice(server, b, a)
    assert not a.entries.get(Kind.PAPER, pa).trashed and a.entries.get(Kind.PAPER, pa).remark == "still reading it"


def test_a_tag_renamed_on_one_laptop_and_used_on_the_other(lab):
    server, a, b = lab
    task = next(f for f in a.taxonomy.tree() if f.key == "task")
    tag = next(t for t in task.walk() if t.label_en == "Change detection")
    a.taxonomy.rename_tag(tag.id, "Change detection (bi-temporal)")
    pb = geochat(b)
    b_tag = next(t for f in b.taxonomy.tree() if f.key == "task" for t in f.walk() if t.label_en == "Change detection")
    b.taxonomy.assign(Kind.PAPER, [pb], [b_tag.id])
    twice(server, a, b)
    assert "Change detection (bi-temporal)" in [t.label_en for t in b.taxonomy.entry_tags(Kind.PAPER, [pb])[pb]]
    pa = geochat(a)
    assert "Change detection (bi-temporal)" in [t.label_en for t in a.taxonomy.entry_tags(Kind.PAPER, [pa])[pa]]


def test_a_personal_note_never_leaves_the_machine_and_a_shared_one_does(lab):
    server, a, b = lab
    pa, pb = geochat(a), geochat(b)
    a.notes.save(Kind.PAPER, pa, "my private reading notes")
    twice(server, a, b)
    on_server = by_uuid(server, a.entries.get(Kind.PAPER, pa).uuid)
    assert server.notes.text(Kind.PAPER, on_server) == "" and b.notes.text(Kind.PAPER, pb) == ""
    a.notes.set_shared(Kind.PAPER, pa, True)
    twice(server, a, b)
    note = b.notes.get(Kind.PAPER, pb)
    assert (note.body, note.shared, note.author) == ("my private reading notes", True, "Alice")


def test_attachments_travel_as_metadata_and_a_stored_file_is_not_on_the_other_laptop(lab, tmp_path):
    server, a, b = lab
    pdf = tmp_path / "geochat.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    pa, pb = geochat(a), geochat(b)
    a.attachments.attach(Kind.PAPER, pa, [pdf])  # linked: the path is kept
    a.attachments.attach(Kind.PAPER, pa, [pdf], store=True)  # stored: a copy next to A's catalog
    twice(server, a, b)
    on_b = {info.mode: info for info in b.attachments.list(Kind.PAPER, pb)}
    assert set(on_b) == {"linked", "stored"}
    assert on_b["linked"].path == pdf and on_b["linked"].state == "present"  # the same path here
    assert on_b["stored"].state == "not_here"  # the copy stays on A: files do not sync
    assert not (tmp_path / "b" / "attachments").exists()
    # removing it on B removes it on A; nothing is doubled by further syncs
    b.attachments.remove(on_b["linked"].id)
    twice(server, a, b)
    left_on_a = a.attachments.list(Kind.PAPER, pa)
    assert [info.mode for info in left_on_a] == ["stored"] and left_on_a[0].state == "present"
    assert len(server.attachments.list(Kind.PAPER, by_uuid(server, a.entries.get(Kind.PAPER, pa).uuid))) == 1


def test_the_same_paper_added_on_two_laptops_before_a_sync_is_offered_for_merge_not_doubled(lab):
    server, a, b = lab
    values = {"title": "SkyEyeGPT: Unifying Remote Sensing Vision-Language Tasks", "year": 2024, "arxiv_id": "2401.09712"}
    a.entries.create(Kind.PAPER, values)
    b.entries.create(Kind.PAPER, {**values, "venue": "ISPRS"})
    sync(a, server)
    [duplicate] = sync(b, server).conflicts
    assert duplicate.field == "duplicate" and duplicate.title.startswith("SkyEyeGPT")
    assert b.entries.count(Kind.PAPER) == 5 and server.entries.count(Kind.PAPER) == 5  # not doubled
    resolve(b, duplicate.id, "mine")  # the same paper
    twice(server, b, a)
    assert a.entries.count(Kind.PAPER) == b.entries.count(Kind.PAPER) == server.entries.count(Kind.PAPER) == 5
    skyeye = next(i for i, t in a.entries.titles_by_id(Kind.PAPER, a.entries.list_ids(Kind.PAPER)) if t.startswith("SkyEye"))
    assert a.entries.get(Kind.PAPER, skyeye).venue == "ISPRS"  # B's extra field merged in


def test_a_first_pull_in_batches_offers_a_paper_added_here_before_for_merge(lab, tmp_path, monkeypatch):
    """A new laptop's first pull (one transaction, batch after batch) looks for duplicates among
    the entries it had before, also in its last batch, not among those it pulled."""
    from rsfm_desktop.core.sync import engine

    server, a, _b = lab
    values = {"title": "SkyEyeGPT: Unifying Remote Sensing Vision-Language Tasks", "year": 2024, "arxiv_id": "2401.09712"}
    a.entries.create(Kind.PAPER, values)
    a.entries.create(Kind.PAPER, {"title": "RemoteCLIP: A Vision Language Foundation Model", "year": 2023})
    sync(a, server)
    c = open_catalog(tmp_path / "c", catalog_file=FIXTURE_CATALOG, author="Cai")
    c.entries.create(Kind.PAPER, {**values, "venue": "ISPRS"})
    monkeypatch.setattr(engine, "BATCH", 2)  # the server's six papers in three batches, SkyEyeGPT in the last
    try:
        [duplicate] = sync(c, server).conflicts
        assert duplicate.field == "duplicate" and duplicate.title.startswith("SkyEyeGPT")
        assert c.entries.count(Kind.PAPER) == 6  # RemoteCLIP pulled, SkyEyeGPT not doubled
    finally:
        c.close()


def test_a_sync_of_a_few_changes_is_quick(lab):
    server, a, b = lab
    pa = geochat(a)
    for n in range(10):
        a.entries.update(Kind.PAPER, pa, {"remark": f"edit {n}"})
    started = time.perf_counter()
    report = sync(a, server)
    assert report.pushed == 1 and time.perf_counter() - started < 5


def test_a_sync_of_a_few_changes_reads_none_of_the_other_synced_copies(lab):
    """Each sync looks for copies marked stale (a conflict resolved as "mine"): an index
    answers it, where reading every copy cost a 100,000-paper catalog 2.5 s a sync."""
    from .catalog_helpers import query_plan, trace_statements

    server, a, _b = lab
    a.entries.update(Kind.PAPER, geochat(a), {"remark": "one change"})
    seen = trace_statements(a)
    assert sync(a, server).pushed == 1
    plans = {s: query_plan(a, s) for s in seen if "sync_base" in s and s.lstrip().upper().startswith("SELECT")}
    assert plans
    whole = {s: p for s, p in plans.items()
             if "SCAN b" in p or "SCAN sync_base" in p or "sqlite_autoindex_sync_base_1 (entity=?)" in p}
    assert whole == {}


# ---- killed syncs ---------------------------------------------------------------------------

CHILD = """
import random, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from rsfm_desktop.core.catalog import open_catalog
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.sync import sync
local = open_catalog(Path({folder!r}), catalog_file=Path({fixture!r}))
server = open_catalog({url!r}, seed=False)
rng = random.Random({seed})
ids = local.entries.list_ids(Kind.PAPER)
for n in range(rng.randint(1, 4)):
    local.entries.update(Kind.PAPER, rng.choice(ids), {{"remark": f"{{rng.random()}}"}})
    print(f"creating Killed sync {seed} paper {{n}}", flush=True)
    local.entries.create(Kind.PAPER, {{"title": f"Killed sync {seed} paper {{n}}"}})
    print(f"committed Killed sync {seed} paper {{n}}", flush=True)
print("syncing", flush=True)
sync(local, server)
print("synced", flush=True)
"""


def _catalog_state(catalog) -> dict[str, tuple]:
    out = {}
    for entry_id in catalog.entries.list_ids(Kind.PAPER):
        entry = catalog.entries.get(Kind.PAPER, entry_id)
        out[entry.uuid] = (entry.title, entry.remark, entry.year, entry.venue)
    return out


def test_fifty_syncs_killed_at_random_moments_lose_nothing_and_double_nothing(lab_url, tmp_path):
    """50 syncs SIGKILLed at random moments (while editing, pushing or pulling), then clean
    syncs: the laptops and the server hold the same entries, exactly the union of the papers
    the killed processes had committed (none lost, none doubled), and the files are sound."""
    kills = 50
    url = lab_url
    root = str(Path(__file__).resolve().parents[2])
    folders = [tmp_path / "a", tmp_path / "b"]
    for folder in folders:
        open_catalog(folder, catalog_file=FIXTURE_CATALOG).close()
    rng = random.Random(7)
    killed = 0
    committed: list[str] = []
    # A kill between a paper's commit and its "committed" line leaves a committed paper the
    # test did not hear of: it must then be there once too, like the others.
    creating: list[str] = []
    for n in range(kills):
        folder = folders[n % 2]
        script = CHILD.format(root=root, folder=str(folder), fixture=str(FIXTURE_CATALOG), url=url, seed=n)
        child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        seen = [child.stdout.readline().strip()]  # "creating ...", then its "committed ..."
        seen.append(child.stdout.readline().strip())
        assert seen[1].startswith("committed ")
        time.sleep(rng.uniform(0.0, 0.6))  # somewhere in the edits or the sync
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            killed += 1
        child.wait(timeout=60)
        rest = child.stdout.read().splitlines()
        committed += [line.removeprefix("committed ") for line in [*seen, *rest] if line.startswith("committed ")]
        creating += [line.removeprefix("creating ") for line in [*seen, *rest] if line.startswith("creating ")]
    server = open_catalog(url, seed=False)
    locals_ = [open_catalog(folder, catalog_file=FIXTURE_CATALOG) for folder in folders]
    try:
        for _ in range(2):
            for local in locals_:
                report = sync(local, server)
                for conflict in report.conflicts:  # concurrent remarks: take the server's
                    resolve(local, conflict.id, "theirs")
        for local in locals_:
            sync(local, server)
        states = [_catalog_state(c) for c in (*locals_, server)]
        assert states[0] == states[1] == states[2]
        titles = sorted(title for title, *_rest in states[0].values() if title.startswith("Killed sync"))
        assert len(titles) == len(set(titles))  # none doubled
        assert set(committed) <= set(titles) <= set(creating)  # every committed paper, nothing else
        assert len(states[0]) == 4 + len(titles)
        for folder in folders:
            with sqlite3.connect(catalog_path(folder)) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert killed > 0
        print(f"\n{killed} of {kills} syncs killed; {len(committed)} committed papers, each present once on all three")
    finally:
        for catalog in (*locals_, server):
            catalog.close()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rsfm_desktop", *args], capture_output=True, text=True, timeout=300)


def test_the_command_line_sync_exits_3_on_a_conflict_and_lists_both_values(lab):
    server, a, b = lab
    url = server.url
    a.entries.update(Kind.PAPER, geochat(a), {"title": "GeoChat (A's title)"})
    b.entries.update(Kind.PAPER, geochat(b), {"title": "GeoChat (B's title)"})
    first = _cli("sync", "--data-dir", str(a.data_dir), "--server", url, "--author", "Alice")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    # (the command line also seeds these fixture-made folders with the bundled catalog: it pushes that too)
    assert report["pushed"] >= 1 and report["conflicts"] == []
    second = _cli("sync", "--data-dir", str(b.data_dir), "--server", url)
    assert second.returncode == 3, second.stderr
    [conflict] = json.loads(second.stdout)["conflicts"]
    assert {k: conflict[k] for k in ("kind", "field", "local", "server")} == {
        "kind": "paper", "field": "title", "local": "GeoChat (B's title)", "server": "GeoChat (A's title)"}
    assert conflict["id"] == geochat(b) and conflict["title"] == "GeoChat (B's title)"
    listed = _cli("conflicts", "--data-dir", str(b.data_dir))
    assert listed.returncode == 3 and json.loads(listed.stdout)["conflicts"] == [conflict]
    # Nothing was overwritten on either side; the server address is remembered for next time.
    assert b.entries.get(Kind.PAPER, geochat(b)).title == "GeoChat (B's title)"
    assert server.entries.get(Kind.PAPER, by_uuid(server, conflict["uuid"])).title == "GeoChat (A's title)"
    resolve(b, conflicts(b)[0].id, "theirs")
    again = _cli("sync", "--data-dir", str(b.data_dir))
    assert again.returncode == 0 and json.loads(again.stdout)["conflicts"] == [], again.stderr
    assert _cli("conflicts", "--data-dir", str(b.data_dir)).returncode == 0
    assert b.entries.get(Kind.PAPER, geochat(b)).title == "GeoChat (A's title)"


def test_syncing_with_another_lab_server_sends_it_everything(lab, pg_server, tmp_path):
    """A laptop that synced with one lab server and is then pointed at another: the second gets
    the whole catalog, not only what changed after the switch."""
    server, a, _b = lab
    a.entries.update(Kind.PAPER, geochat(a), {"remark": "edited before the switch"})
    sync(a, server)
    other_url = pg_server.create_database(f"other_{os.getpid()}")
    other = open_catalog(other_url, seed=False)
    try:
        report = sync(a, other)
        assert report.pushed >= a.entries.count(Kind.PAPER)
        assert other.entries.count(Kind.PAPER) == a.entries.count(Kind.PAPER)
        on_other = other.entries.get(Kind.PAPER, by_uuid(other, a.entries.get(Kind.PAPER, geochat(a)).uuid))
        assert on_other.remark == "edited before the switch"
        back = sync(a, server)  # and back to the first server: read afresh, nothing doubled or conflicting
        assert back.conflicts == [] and server.entries.count(Kind.PAPER) == a.entries.count(Kind.PAPER)
    finally:
        other.close()
        pg_server.drop_database(f"other_{os.getpid()}")


# ---- many batches ---------------------------------------------------------------------------

def test_a_push_of_many_batches_cut_with_two_batches_on_their_way_resumes_without_doubles(lab, monkeypatch):
    """A push records batch n while batch n-1 is written on the server: cut short there (the
    bookkeeping of two sent batches not done), the next sync finishes both, sends the rest,
    and nothing is doubled on the server or on the other laptop."""
    from rsfm_desktop.core.sync import engine

    server, a, b = lab
    monkeypatch.setattr(engine, "BATCH", 3)
    titles = [f"Batched paper {n}" for n in range(10)]
    for title in titles:
        a.entries.create(Kind.PAPER, {"title": title})
    settled = []
    real_settle = engine.Session._settle_push

    def cut(self, pending, versions):
        settled.append(pending["slot"])
        if len(settled) >= 2:
            raise KeyboardInterrupt  # the process ends here: no bookkeeping from now on
        real_settle(self, pending, versions)

    monkeypatch.setattr(engine.Session, "_settle_push", cut)
    with pytest.raises(KeyboardInterrupt):
        sync(a, server)
    assert len(set(settled)) == 2  # both pending records were in use
    monkeypatch.setattr(engine.Session, "_settle_push", real_settle)
    sync(a, server)
    assert sync(a, server).pushed == 0  # every row's bookkeeping is done
    sync(b, server)
    for catalog in (server, a, b):
        found = [t for _i, t in catalog.entries.titles_by_id(Kind.PAPER, catalog.entries.list_ids(Kind.PAPER))
                 if t.startswith("Batched paper")]
        assert sorted(found) == sorted(titles)


def test_a_first_pull_cut_short_leaves_nothing_behind_and_the_next_sync_brings_everything_once(lab, tmp_path,
                                                                                              monkeypatch):
    """A new laptop's first pull is one local transaction: cancelled (or killed) before its
    last batch, the laptop holds none of the lab's papers (not the first batches of them), and
    the next sync brings each one, once."""
    from rsfm_desktop.core.sync import SyncCancelled, engine

    server, a, _b = lab
    titles = [f"Pulled paper {n}" for n in range(10)]
    for title in titles:
        a.entries.create(Kind.PAPER, {"title": title})
    sync(a, server)
    monkeypatch.setattr(engine, "BATCH", 3)
    c = open_catalog(tmp_path / "c", catalog_file=FIXTURE_CATALOG, author="Chen")
    try:
        before = c.entries.count(Kind.PAPER)
        seen: list[tuple[int, int]] = []
        session = engine.Session(c, server, progress=lambda done, total, what: seen.append((done, total)),
                                 cancelled=lambda: bool(seen) and seen[-1][0] >= seen[-1][1] - 3)
        with pytest.raises(SyncCancelled):
            session.run()
        assert len(seen) > 3  # several batches were written before the cancel
        pulled = [t for _i, t in c.entries.titles_by_id(Kind.PAPER, c.entries.list_ids(Kind.PAPER))
                  if t.startswith("Pulled paper")]
        assert pulled == [] and c.entries.count(Kind.PAPER) == before
        sync(c, server)
        found = [t for _i, t in c.entries.titles_by_id(Kind.PAPER, c.entries.list_ids(Kind.PAPER))
                 if t.startswith("Pulled paper")]
        assert sorted(found) == sorted(titles)
        assert c.entries.count(Kind.PAPER) == server.entries.count(Kind.PAPER)
        assert sync(c, server).pushed == 0  # the bundled entries were matched, not sent as new
    finally:
        c.close()


def test_a_push_of_many_new_entries_leaves_the_server_search_index_merged(lab, lab_url):
    """A push of hundreds of new papers gathers the server's search index entries and merges
    them into its GIN index before commit: no pending list is left for the next writer (or
    every search) to wade through, and the papers are found."""
    import psycopg

    from rsfm_desktop.core.entries import Query

    server, a, _b = lab
    a.store.write(lambda tx: tx.insert_entries(Kind.PAPER, [{"title": f"Gathered paper {n} 遥感图像"}
                                                            for n in range(600)]))
    assert sync(a, server).pushed == 600
    with psycopg.connect(lab_url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        [(pending,)] = conn.execute("SELECT pending_tuples FROM pgstatginindex('ix_paper_search_words')").fetchall()
    assert pending == 0
    assert len(server.entries.list_ids(Kind.PAPER, Query(text="Gathered"))) == 600


def test_bulk_tags_and_links_are_only_for_entries_the_transaction_added(catalog):
    from rsfm_desktop.core.store import sql

    existing = catalog.entries.list_ids(Kind.PAPER)[0]
    with catalog.store.read() as conn:
        tag_id = sql.scalar(conn, "SELECT min(id) FROM tag")
        dataset_id = sql.scalar(conn, "SELECT min(id) FROM dataset")
    with pytest.raises(ValueError):
        catalog.store.write(lambda tx: tx.tag_new_entries(Kind.PAPER, [(existing, tag_id)]))
    with pytest.raises(ValueError):
        catalog.store.write(lambda tx: tx.link_new_papers([(existing, dataset_id, "uses")]))
    before = catalog.entries.get(Kind.DATASET, dataset_id).version

    def add(tx):
        (paper_id,) = tx.insert_entries(Kind.PAPER, [{"title": "Bulk-tagged paper"}])
        tx.tag_new_entries(Kind.PAPER, [(paper_id, tag_id), (paper_id, tag_id)])
        tx.link_new_papers([(paper_id, dataset_id, "uses")])
        return paper_id

    paper_id, _changes = catalog.store.write(add)
    assert catalog.entries.get(Kind.DATASET, dataset_id).version == before + 1  # its links changed
    with catalog.store.read() as conn:
        assert sql.column(conn, "SELECT tag_id FROM paper_tag WHERE paper_id = :p", {"p": paper_id}) == [tag_id]
        assert sql.column(conn, "SELECT dataset_id FROM paper_dataset_link WHERE paper_id = :p",
                          {"p": paper_id}) == [dataset_id]
