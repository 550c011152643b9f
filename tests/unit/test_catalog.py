"""The one door: what a catalog says about itself, on a folder and on a lab server, and how it
behaves when its file goes away or another writer holds the lock."""

import pytest

from rsfm_desktop.core.catalog import open_catalog
from rsfm_desktop.core.errors import CatalogBusy, CatalogOffline, retryable
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store.sqlite import WRITE_OPTION

from ..conftest import FIXTURE_CATALOG, sqlite_only
from .catalog_helpers import paper_id


def test_a_catalog_names_where_it_is(catalog, target, engine_name):
    if engine_name == "sqlite":
        assert not catalog.is_server and catalog.name == str(target) and catalog.backups is not None
    else:
        assert catalog.is_server and catalog.backups is None  # the server's backups are its own
        assert catalog.name == target and "postgresql://" in catalog.name


def test_a_server_url_is_shown_without_its_password():
    from rsfm_desktop.core.store.postgres import display_url, strip_password

    url = "postgresql://ada:secret@lab.example.org:5433/catalog"
    assert "secret" not in display_url(url) and display_url(url).startswith("postgresql://ada:")
    assert strip_password(url) == "postgresql://ada@lab.example.org:5433/catalog"


def test_an_unreachable_server_is_a_retryable_message(pg_server):
    url = f"postgresql://postgres@127.0.0.1:{pg_server.port + 1}/nowhere"
    with pytest.raises(CatalogOffline) as caught:
        open_catalog(url, catalog_file=FIXTURE_CATALOG)
    assert retryable(caught.value) and "cannot" in str(caught.value).lower()


@sqlite_only
def test_a_catalog_file_deleted_while_open_is_noticed(catalog, target):
    assert not catalog.file_missing()
    (target / "catalog.sqlite3").rename(target / "moved.sqlite3")
    assert catalog.file_missing()


@sqlite_only
def test_a_writer_that_meets_a_held_lock_fails_at_once_and_may_retry(targets, target, catalog):
    window = targets.open(target, busy_timeout_ms=100)
    geochat = paper_id(catalog, "GeoChat")
    with catalog.store.engine.connect().execution_options(**{WRITE_OPTION: True}) as holder, holder.begin():
        holder.exec_driver_sql("SELECT 1")  # BEGIN IMMEDIATE: another process is writing
        with pytest.raises(CatalogBusy) as caught:
            window.notes.save(Kind.PAPER, geochat, "typed while the CLI imports")
        assert retryable(caught.value)
    window.notes.save(Kind.PAPER, geochat, "typed while the CLI imports")  # the retry works
    assert catalog.notes.text(Kind.PAPER, geochat) == "typed while the CLI imports"


def test_a_lab_catalog_asked_for_an_upgrade_then_opened_connects_to_its_server_once(targets, target, monkeypatch):
    """The window and the command line ask whether opening would upgrade, then open: one
    connection (a login and a server process) for both."""
    if targets.engine == "sqlite":
        pytest.skip("a file is not connected to")
    import psycopg

    from rsfm_desktop.core.catalog import pending_upgrade

    made = []
    connect = psycopg.connect
    monkeypatch.setattr(psycopg, "connect", lambda *args, **kwargs: made.append(1) or connect(*args, **kwargs))
    assert pending_upgrade(target) is None
    catalog = targets.open(target)
    assert catalog.entries.count(Kind.PAPER) > 0
    assert len(made) == 1
