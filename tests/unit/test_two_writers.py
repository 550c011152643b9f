"""Two writers on one catalog (two windows, two lab members, the window and the command line):
stale edits merge field by field or are refused with both values, stale import plans are
planned again, and each writer hears of the other's changes."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io import PlanStale, parse_text
from rsfm_desktop.core.store.writes import Conflict

from ..conftest import FIXTURE_CATALOG, sqlite_only
from .catalog_helpers import count, live_titles, paper_id
from .io_helpers import FIXTURES, table_counts

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def other(targets, target, catalog):
    """A second writer on the catalog of ``catalog``: another window or lab member."""
    return targets.open(target)


def seen(catalog, kind, entry_id):
    """(version, values) of an entry as an edit form loads it."""
    entry = catalog.entries.get(kind, entry_id)
    return entry.version, dict(entry.values)


# ---- stale edits ---------------------------------------------------------------------------


def test_different_fields_edited_from_stale_copies_both_survive(catalog, other):
    geochat = paper_id(catalog, "GeoChat")
    version, base = seen(catalog, Kind.PAPER, geochat)
    _, other_base = seen(other, Kind.PAPER, geochat)

    other.entries.update(Kind.PAPER, geochat, {"venue": "CVPR 2024"}, expected_version=version, base=other_base)
    catalog.entries.update(Kind.PAPER, geochat, {"remark": "read twice"}, expected_version=version, base=base)

    for reader in (catalog, other):
        entry = reader.entries.get(Kind.PAPER, geochat)
        assert (entry.venue, entry.remark, entry.version) == ("CVPR 2024", "read twice", version + 2)


def test_the_same_field_edited_differently_is_a_conflict_with_both_values(catalog, other):
    geochat = paper_id(catalog, "GeoChat")
    version, base = seen(catalog, Kind.PAPER, geochat)
    other.entries.update(Kind.PAPER, geochat, {"venue": "ICCV"}, expected_version=version, base=base)
    logged = count(catalog, "change_log")

    with pytest.raises(Conflict) as caught:
        catalog.entries.update(Kind.PAPER, geochat, {"venue": "ECCV", "remark": "mine"},
                               expected_version=version, base=base)

    conflict = caught.value
    assert conflict.fields == {"venue": ("CVPR", "ECCV", "ICCV")}  # (seen, mine, theirs)
    assert (conflict.id, conflict.version) == (geochat, version + 1)
    assert conflict.title.startswith("GeoChat")
    entry = catalog.entries.get(Kind.PAPER, geochat)
    assert (entry.venue, entry.remark, entry.version) == ("ICCV", None, version + 1)  # nothing written
    assert count(catalog, "change_log") == logged


def test_stale_edits_at_the_same_moment_merge_and_never_race(catalog, other):
    """Both writers check the version and write under the row's lock (no read-then-write gap):
    different fields both land, the same field changed differently is one conflict."""
    geochat = paper_id(catalog, "GeoChat")
    version, base = seen(catalog, Kind.PAPER, geochat)
    outcomes: list = []
    start = threading.Barrier(3)

    def edit(writer, values):
        start.wait()
        try:
            writer.entries.update(Kind.PAPER, geochat, values, expected_version=version, base=base)
            outcomes.append("written")
        except Conflict as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=edit, args=(catalog, {"venue": "A", "remark": "from A"})),
               threading.Thread(target=edit, args=(other, {"summary_en": "from B"})),
               threading.Thread(target=edit, args=(other, {"venue": "C"}))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    entry = catalog.entries.get(Kind.PAPER, geochat)
    assert entry.summary_en == "from B"
    conflicts = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(conflicts) == 1 and set(conflicts[0].fields) == {"venue"}  # A or C came second
    assert entry.venue in ("A", "C") and entry.version == version + 2


def test_the_same_change_made_twice_is_no_conflict(catalog, other):
    geochat = paper_id(catalog, "GeoChat")
    version, base = seen(catalog, Kind.PAPER, geochat)
    other.entries.update(Kind.PAPER, geochat, {"venue": "ICCV"}, expected_version=version, base=base)
    catalog.entries.update(Kind.PAPER, geochat, {"venue": "ICCV"}, expected_version=version, base=base)
    assert catalog.entries.get(Kind.PAPER, geochat).version == version + 1


def test_an_edit_of_an_entry_deleted_for_good_elsewhere_says_it_is_gone(catalog, other):
    rsgpt = paper_id(catalog, "RSGPT")
    version, base = seen(catalog, Kind.PAPER, rsgpt)
    other.entries.delete(Kind.PAPER, [rsgpt])
    other.entries.purge(Kind.PAPER, [rsgpt])
    with pytest.raises(Conflict) as caught:
        catalog.entries.update(Kind.PAPER, rsgpt, {"remark": "too late"}, expected_version=version, base=base)
    assert caught.value.gone


def test_a_stale_note_save_is_a_conflict_with_both_texts(catalog, other):
    ringmo = paper_id(catalog, "RingMo")
    catalog.notes.save(Kind.PAPER, ringmo, "first")
    loaded = catalog.notes.get(Kind.PAPER, ringmo)
    other.notes.save(Kind.PAPER, ringmo, "first, and theirs", expected_version=loaded.version, base=loaded.body)

    with pytest.raises(Conflict) as caught:
        catalog.notes.save(Kind.PAPER, ringmo, "first, and mine", expected_version=loaded.version, base=loaded.body)

    assert caught.value.fields == {"note": ("first", "first, and mine", "first, and theirs")}
    assert catalog.notes.text(Kind.PAPER, ringmo) == "first, and theirs"
    # saving the same text the other writer saved is no conflict
    catalog.notes.save(Kind.PAPER, ringmo, "first, and theirs", expected_version=loaded.version, base=loaded.body)


# ---- stale import plans -------------------------------------------------------------------


def test_a_stale_import_plan_is_refused_in_the_window_and_replanned_on_the_command_line(catalog, other):
    batch = catalog.imports.read(FIXTURES / "refs.bib")
    plan = catalog.imports.plan(batch)
    other.imports.apply(other.imports.plan(other.imports.read(FIXTURES / "refs.bib")))
    after_other = table_counts(catalog), live_titles(catalog)

    with pytest.raises(PlanStale) as caught:
        catalog.imports.apply(plan)  # the window: the preview must be shown again
    assert (table_counts(catalog), live_titles(catalog)) == after_other  # nothing written
    fresh = caught.value.plan
    assert caught.value.changed and all(fresh.entries[i].existing_id for i in caught.value.changed)

    report = catalog.imports.apply(plan, replan_quietly=True).result  # the command line
    assert report.replanned and report.added == 0
    assert live_titles(catalog) == after_other[1]  # no duplicates either way
    assert catalog.imports.find_duplicates(Kind.PAPER) == []


def test_a_plan_made_before_an_unrelated_change_still_applies(catalog, other):
    plan = catalog.imports.plan(parse_text("@article{a, title={A paper nobody else has}, year=2020}", "a.bib"))
    other.notes.save(Kind.PAPER, paper_id(other, "GeoChat"), "unrelated")
    report = catalog.imports.apply(plan).result
    assert report.added == 1 and not report.replanned


# ---- the command line as a second process on a SQLite catalog ------------------------------


def cli_import(data_dir: Path, path: Path) -> dict:
    code = (
        "import sys; from pathlib import Path; from rsfm_desktop import paths; "
        f"paths.bundled_catalog = lambda: Path({str(FIXTURE_CATALOG)!r}); "
        "from rsfm_desktop.__main__ import main; sys.exit(main(sys.argv[1:]))"
    )
    done = subprocess.run([sys.executable, "-c", code, "import", str(path), "--data-dir", str(data_dir)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@sqlite_only
def test_a_command_line_import_meets_an_open_window(catalog, target, tmp_path):
    geochat = paper_id(catalog, "GeoChat")
    version, base = seen(catalog, Kind.PAPER, geochat)
    plan = catalog.imports.plan(catalog.imports.read(FIXTURES / "refs.bib"))
    catalog.poll()  # the window is watching
    bib = tmp_path / "geochat.bib"
    bib.write_text("@misc{g, title={GeoChat: Grounded Large Vision-Language Model for Remote Sensing},"
                   " eprint={2311.15826}, archivePrefix={arXiv}, year={2024}, abstract={Filled by the CLI.}}\n")

    assert cli_import(target, bib)["merged"] == 1  # fills GeoChat's empty summary_en
    assert cli_import(target, FIXTURES / "refs.bib")["added"] == 3
    heard = wait_for(catalog)
    assert geochat in heard.ids(Kind.PAPER) and heard.external and heard.membership_changed(Kind.PAPER)

    catalog.entries.update(Kind.PAPER, geochat, {"remark": "from the window"}, expected_version=version, base=base)
    entry = catalog.entries.get(Kind.PAPER, geochat)
    assert (entry.summary_en, entry.remark) == ("Filled by the CLI.", "from the window")
    titles = live_titles(catalog)
    with pytest.raises(PlanStale):
        catalog.imports.apply(plan)
    catalog.imports.apply(plan, replan_quietly=True)
    assert live_titles(catalog) == titles


# ---- hearing the other writer ----------------------------------------------------------------


def wait_for(catalog, seconds: float = 3.0, catch_up: bool = False):
    """Poll as the window's timer does until something arrives (LISTEN/NOTIFY is not
    instantaneous); the ChangeSet heard, empty if nothing came."""
    deadline = time.monotonic() + seconds
    while True:
        heard = catalog.poll(catch_up)
        if heard or time.monotonic() > deadline:
            return heard
        time.sleep(0.05)


def test_outside_changes_are_heard_and_reach_the_observers(catalog, other):
    geochat, rsicap = paper_id(catalog, "GeoChat"), None
    assert not catalog.poll()  # nothing yet, and cheap
    observed = []
    catalog.subscribe(observed.append)

    other.entries.update(Kind.PAPER, geochat, {"venue": "ICCV"})
    rsicap = other.entries.create(Kind.DATASET, {"name": "RSICap-2"}).result
    heard = wait_for(catalog)

    assert heard.external and geochat in heard.ids(Kind.PAPER) and rsicap in heard.ids(Kind.DATASET)
    assert heard.touches(Kind.PAPER, geochat).fields == {"venue"}
    assert heard.membership_changed(Kind.DATASET)
    assert observed and observed[-1] is heard
    assert not catalog.poll()  # heard once
    assert catalog.entries.get(Kind.PAPER, geochat).venue == "ICCV"


def test_own_changes_are_not_heard_again(catalog, other):
    other.poll()
    catalog.notes.save(Kind.PAPER, paper_id(catalog, "RingMo"), "mine")
    assert not wait_for(catalog, seconds=0.5)
    assert paper_id(catalog, "RingMo") in wait_for(other).ids(Kind.PAPER)


def test_a_change_made_before_the_first_poll_is_heard(catalog, other):
    other.entries.update(Kind.PAPER, paper_id(other, "RSGPT"), {"remark": "early"})
    assert paper_id(catalog, "RSGPT") in wait_for(catalog).ids(Kind.PAPER)


def test_catch_up_reads_what_notifications_missed(catalog, other, engine_name):
    catalog.poll()
    other.notes.save(Kind.DATASET, 1, "while away")
    heard = catalog.poll(catch_up=True)  # on reconnect or window activation: read the log
    assert 1 in heard.ids(Kind.DATASET) and "note" in heard.touches(Kind.DATASET, 1).fields


def test_a_window_reads_back_none_of_its_own_imports_change_rows(catalog, other, tmp_path):
    """The window hears what others did after its own 1,100-entry import without reading the
    import's change rows back (it read all of them on the GUI thread, only to drop them: a
    freeze after every import)."""
    from rsfm_desktop.core.store import watch
    from tests.benchmarks.bench_import import generate

    catalog.poll()
    after = watch.newest_seq(catalog.store)
    bib = tmp_path / "mine.bib"
    bib.write_text(generate(1100, seed=3, first=50_000), encoding="utf-8")
    catalog.imports.apply(catalog.imports.prepare(bib, None))
    other.entries.update(Kind.PAPER, paper_id(other, "RSGPT"), {"remark": "meanwhile"})
    changes, last, read = watch._read_log(catalog.store, after)
    assert read < 10
    assert last == watch.newest_seq(catalog.store)
    assert changes.ids(Kind.PAPER) == {paper_id(catalog, "RSGPT")}
    heard = wait_for(catalog)
    assert heard.ids(Kind.PAPER) == {paper_id(catalog, "RSGPT")}
