"""Hostile conditions and input: an unwritable folder, a read-only catalog, a full disk, a
catalog from a newer app, a damaged file (SQLite files); any note text and any URL through the
catalog (both engines).

Each condition gets one clear message (no traceback) and changes no data. Permission tests run
the real command line in a child process; as root, the child drops the capabilities that let
root ignore file permissions (``setpriv``), so the file modes really apply.
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.errors import CatalogError
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store.sqlite import catalog_path
from rsfm_desktop.core.validation import ValidationError

from ..conftest import sqlite_only

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args):
    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: file modes cannot be enforced")
        drop = "-dac_override,-dac_read_search,-fowner"
        prefix = ["setpriv", "--bounding-set", drop, "--inh-caps", drop]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "rsfm_desktop", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )


def assert_one_clear_line(result, *words):
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr  # no traceback
    assert lines[0].startswith("rsfm-desktop: ")
    for word in words:
        assert word in lines[0]


def digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def seeded(folder_catalog, data_dir):
    """A seeded catalog with a note, closed (checkpointed) like after the app quit."""
    folder_catalog.notes.save(Kind.PAPER, folder_catalog.entries.list_ids(Kind.PAPER)[0], "my precious note")
    folder_catalog.close()
    return data_dir


def stats_with_mode(folder, path, mode):
    """``stats`` on ``folder`` while ``path`` has permission bits ``mode``."""
    before = digest(folder)
    old = path.stat().st_mode
    os.chmod(path, mode)
    try:
        result = run_cli("stats", "--data-dir", str(folder))
    finally:
        os.chmod(path, old)
    assert digest(folder) == before  # nothing changed, nothing lost
    return result


def test_unwritable_data_folder(seeded):
    result = stats_with_mode(seeded, seeded, 0o555)
    assert_one_clear_line(result, "not writable", str(seeded))


def test_read_only_catalog_file(seeded):
    catalog = catalog_path(seeded)
    result = stats_with_mode(seeded, catalog, 0o444)
    assert_one_clear_line(result, "read-only", str(catalog))


def test_data_folder_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli("stats", "--data-dir", str(blocker / "catalog"))
    assert_one_clear_line(result, "Cannot create the catalog folder")


def test_catalog_from_a_newer_app(seeded):
    with sqlite3.connect(catalog_path(seeded)) as conn:
        conn.execute("UPDATE alembic_version SET version_num='0999'")
    conn.close()
    before = digest(seeded)
    result = run_cli("stats", "--data-dir", str(seeded))
    assert_one_clear_line(result, "written by a newer version of RSFM Desktop")
    assert digest(seeded) == before


def test_damaged_catalog(seeded):
    catalog = catalog_path(seeded)
    catalog.write_bytes(b"\x00garbage" * 1000)
    result = run_cli("stats", "--data-dir", str(seeded))
    assert_one_clear_line(result, "damaged", "No good backup")
    assert catalog.read_bytes() == b"\x00garbage" * 1000


class FullDisk:
    """Makes the catalog unable to grow by a single page, like a full disk (``max_page_count``)."""

    def __init__(self, engine):
        self.engine = engine

    @staticmethod
    def _limit(dbapi_conn, _record):
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    def fill(self):
        self.engine.dispose()
        event.listen(self.engine, "connect", self._limit)

    def free(self):
        event.remove(self.engine, "connect", self._limit)
        self.engine.dispose()


@sqlite_only
def test_full_disk_refuses_the_write_with_a_message_and_keeps_the_data(catalog):
    paper = catalog.entries.list_ids(Kind.PAPER)[0]
    title = catalog.entries.get(Kind.PAPER, paper).title
    catalog.notes.save(Kind.PAPER, paper, "short note")
    disk = FullDisk(catalog.store.engine)
    disk.fill()

    with pytest.raises(CatalogError, match="The disk is full: the change was not saved"):
        catalog.notes.save(Kind.PAPER, paper, "遥感 remote sensing notes. " * 20000)
    with pytest.raises(CatalogError, match="disk is full"):
        catalog.entries.create(Kind.PAPER, {"title": "x" * 500_000})

    assert catalog.notes.text(Kind.PAPER, paper) == "short note"
    assert catalog.entries.get(Kind.PAPER, paper).title == title
    assert catalog.entries.stats()["papers"] == 4
    with catalog.store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"

    disk.free()  # the user frees space; the same save (the notes editor retries) now works
    catalog.notes.save(Kind.PAPER, paper, "遥感 remote sensing notes. " * 20000)
    assert catalog.notes.text(Kind.PAPER, paper).startswith("遥感 remote")


# ---- property-based: any text through the catalog, on both engines ----------------------

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(body=st.text())
def test_any_note_text_round_trips_exactly(catalog, body):
    """Exactly, but for NUL characters: PostgreSQL cannot store them and no editor shows them,
    so both engines drop them."""
    paper = catalog.entries.list_ids(Kind.PAPER)[0]
    catalog.notes.save(Kind.PAPER, paper, body)
    assert catalog.notes.text(Kind.PAPER, paper) == body.replace("\x00", "")


def test_nul_characters_are_dropped_from_every_stored_text(catalog):
    paper = catalog.entries.create(Kind.PAPER, {"title": "Nul\x00 title", "authors": ["A\x00 B"]}).result
    catalog.entries.update(Kind.PAPER, paper, {"remark": "re\x00mark", "extra_fields": {"pages": "1\x00-2"}})
    catalog.notes.save(Kind.PAPER, paper, "\x00note\x00")
    catalog.taxonomy.create_tag("task", "Nul\x00 tag")
    entry = catalog.entries.get(Kind.PAPER, paper)
    assert (entry.title, entry.authors, entry.remark) == ("Nul title", ["A B"], "remark")
    assert entry.extra_fields == {"pages": "1-2"}
    assert catalog.notes.text(Kind.PAPER, paper) == "note"
    assert catalog.taxonomy.resolve("Nul tag")
    assert catalog.entries.list_ids(Kind.PAPER, Query("nul title")) == [paper]


_HOST = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?(\.[a-z]{2,6}){1,2}", fullmatch=True)
_PATH = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs")), max_size=40)


@FAST
@given(scheme=st.sampled_from(["http", "https", "HTTPS"]), host=_HOST, path=_PATH)
def test_http_urls_are_accepted_and_stored(catalog, scheme, host, path):
    url = f"{scheme}://{host}/{path}"
    paper = catalog.entries.list_ids(Kind.PAPER)[0]
    catalog.entries.update(Kind.PAPER, paper, {"code_url": url})
    assert catalog.entries.get(Kind.PAPER, paper).code_url == url.strip()


@FAST
@given(value=st.one_of(
    st.text(),
    st.builds(lambda s, rest: f"{s}:{rest}", st.sampled_from(
        ["javascript", "file", "ftp", "data", "mailto", "vbscript", "chrome", "about"]), st.text()),
))
def test_anything_but_an_http_url_is_refused_and_changes_nothing(catalog, value):
    from rsfm_desktop.core.validation import MISSING_MARKERS, is_http_url

    if is_http_url(value) or value.strip().lower() in MISSING_MARKERS:
        return  # a real http(s) URL, or an empty value (clears the field): not hostile
    paper = catalog.entries.list_ids(Kind.PAPER)[0]
    before = catalog.entries.get(Kind.PAPER, paper)
    with pytest.raises(ValidationError) as caught:
        catalog.entries.update(Kind.PAPER, paper, {"paper_url": value, "remark": "must not land"})
    assert [(e.field, e.code) for e in caught.value.errors] == [("paper_url", "url")]
    after = catalog.entries.get(Kind.PAPER, paper)
    assert (after.paper_url, after.remark, after.version) == (before.paper_url, before.remark, before.version)
