"""A catalog in a SQLite file: the embedded default.

Opening checks the file (damage, a newer schema, write access) before anything is written,
creates a new catalog atomically, backs up and migrates an older one. The engine runs with WAL,
foreign keys on, and write transactions that take the write lock when they begin
(``BEGIN IMMEDIATE``), so a writer that meets another one fails at once (:class:`CatalogBusy`)
instead of deadlocking halfway through; the window then retries off its thread.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from ..errors import CatalogBusy, CatalogDamagedError, CatalogError, CatalogGone, CatalogTooNewError

# SQLModel (with pydantic) and the table classes in ``models`` are imported where first needed:
# a session, or a new catalog's schema. Showing the catalog reads raw SQL only, so start-up
# imports them after the first paint (about 0.17 s saved before it).

from . import checkpoints
from .files import CATALOG_FILE, catalog_path  # noqa: F401 (re-exported: the file of a folder catalog)

# PRAGMA quick_check reads the whole file (about 0.8 s for 100,000 papers). Up to this size it
# runs before the catalog opens; above it, the window checks in the background after it shows.
FULL_CHECK_AT_OPEN_MAX_BYTES = 64 * 1024 * 1024


# Primary SQLite result codes that mean "the catalog cannot be written or read", with what the
# user should be told. Everything else (constraint errors...) stays a programming error.
_SQLITE_PROBLEMS = {
    5: "The catalog is busy: another program is writing to it. Try again in a moment.",
    8: "The catalog file is read-only, so the change was not saved. Make it writable and try again.",
    10: "The disk reported an error while writing the catalog; the change was not saved.",
    11: "The catalog file is damaged. Restore a backup (File > Restore from backup).",
    13: "The disk is full: the change was not saved. Free some space and try again.",
    14: "The catalog file cannot be opened. Check that its folder exists and is writable.",
    26: "The catalog file is not an RSFM Desktop catalog (not a SQLite database).",
}


def user_message(exc: BaseException) -> str | None:
    """What to tell the user about a SQLite failure, or None for other errors."""
    code = getattr(exc, "sqlite_errorcode", None)
    return _SQLITE_PROBLEMS.get(code & 0xFF) if code is not None else None


def _translate_error(context) -> CatalogError | None:
    """``handle_error`` hook: disk full, read-only file, I/O errors become CatalogError."""
    return catalog_error(context.original_exception)


def catalog_error(exc: BaseException) -> CatalogError | None:
    """The CatalogError a driver error means for the user (disk full, read-only file, I/O
    errors), or None for other errors; also for statements run on the driver's own cursor,
    which SQLAlchemy's ``handle_error`` does not see."""
    if isinstance(exc, UnicodeDecodeError):  # SQLite's own message was not UTF-8: read off a damaged page
        return CatalogError(_SQLITE_PROBLEMS[11])
    message = user_message(exc)
    if message is None:
        return None
    code = exc.sqlite_errorcode & 0xFF
    if code == 5:
        return CatalogBusy(message)
    if code == 14 or (code == 10 and getattr(exc, "sqlite_errorcode", 0) in _GONE_CODES):
        return CatalogGone(message)
    return CatalogError(message)


# Extended codes of an I/O error that mean the file went away under us (unlinked, unmounted).
_GONE_CODES = {10 | (30 << 8), 10 | (31 << 8)}  # SQLITE_IOERR_DELETE_NOENT, SQLITE_IOERR_MMAP
WRITE_OPTION = "rsfm_write"  # execution option of a connection about to write


def make_engine(url: str, busy_timeout_ms: int = 5000, background_checkpoints: bool = False, **kwargs) -> Engine:
    """An engine on a catalog file: WAL, foreign keys, ``busy_timeout_ms`` of waiting for a
    lock (the window waits 100 ms at most and retries off its thread; the command line waits
    longer), and ``BEGIN IMMEDIATE`` for connections carrying :data:`WRITE_OPTION`. With
    ``background_checkpoints`` no commit copies the log into the file itself: a
    :class:`~.checkpoints.Checkpointer` does (:func:`open_file`)."""
    engine = create_engine(url, json_serializer=lambda obj: json.dumps(obj, ensure_ascii=False), **kwargs)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # transactions are begun below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        if background_checkpoints:
            cur.execute("PRAGMA wal_autocheckpoint=0")
            cur.execute(f"PRAGMA journal_size_limit={checkpoints.KEPT_LOG_BYTES}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "BEGIN")

    event.listen(engine, "handle_error", _translate_error)
    return engine


def open_file(data_dir: Path, busy_timeout_ms: int = 5000) -> Engine:
    """Open the catalog in ``data_dir``: create it, or check it and upgrade its schema.

    Raises :class:`CatalogError` (with a message for the user) for a folder or file that
    cannot be written, :class:`CatalogDamagedError` for a damaged file and
    :class:`CatalogTooNewError` for a catalog written by a newer app; none of them changes a file.
    """
    path = prepare_file(Path(data_dir))
    try:
        engine = make_engine(f"sqlite:///{path}", busy_timeout_ms, background_checkpoints=True)
        checkpoints.attach(engine, path)
        return engine
    except (sqlite3.Error, DBAPIError) as exc:
        cause = getattr(exc, "orig", exc)
        raise CatalogError(user_message(cause) or f"Cannot open the catalog {path}: {cause}") from exc


def prepare_file(data_dir: Path, reporter=None) -> Path:
    """Check the catalog file in ``data_dir`` and bring it to the current schema (create it,
    or back it up and upgrade it), raising as :func:`open_file` does. Returns its path.

    ``reporter`` (a :class:`~rsfm_desktop.core.migrations.UpgradeProgress`) hears the upgrade's
    progress and may cancel it: :class:`UpgradeCancelled`, the catalog unchanged."""
    path = catalog_path(data_dir)
    _check_writable(data_dir, path)
    if _has_content(path):
        from ..backup import good_backups, quick_check, schema_check  # backup never imports this module

        check = quick_check if path.stat().st_size <= FULL_CHECK_AT_OPEN_MAX_BYTES else schema_check
        problem = check(path)
        if problem:
            raise CatalogDamagedError(path, problem, good_backups(data_dir))
    try:
        if _prepare_schema(path, data_dir, reporter):
            _create(path)
    except (sqlite3.Error, DBAPIError) as exc:
        cause = getattr(exc, "orig", exc)
        raise CatalogError(user_message(cause) or f"Cannot open the catalog {path}: {cause}") from exc
    return path


def pending_upgrade(data_dir: Path) -> str | None:
    """The schema revision of the catalog in ``data_dir`` when opening it would upgrade it
    ("legacy" for a pre-Alembic catalog), else None (new, current, damaged or too new: the
    open itself says so)."""
    from .. import migrations

    path = catalog_path(Path(data_dir))
    if not _has_content(path) or not os.access(path, os.W_OK):
        return None  # nothing to upgrade, or a file the open refuses (reading it would leave -wal/-shm)
    try:
        revision, tables, legacy = _inspect(path)
    except sqlite3.Error:
        return None
    if legacy:
        return "legacy"
    if not tables or revision in (None, migrations.HEAD) or revision not in migrations.known_revisions():
        return None
    return revision


def _has_content(path: Path) -> bool:
    """False for a missing or blank file (a first start killed before its first commit; in WAL
    mode the first commits live in ``-wal`` until a checkpoint, so that counts as content)."""
    return path.exists() and (path.stat().st_size > 0 or Path(f"{path}-wal").exists())


def _check_writable(data_dir: Path, path: Path) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CatalogError(f"Cannot create the catalog folder {data_dir}: {exc.strerror}") from exc
    if not os.access(data_dir, os.W_OK | os.X_OK):
        raise CatalogError(
            f"The catalog folder {data_dir} is not writable. RSFM Desktop keeps its catalog and "
            "backups there: make the folder writable, or choose another one with --data-dir."
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise CatalogError(
            f"The catalog file {path} is read-only. Make it writable and start RSFM Desktop "
            "again; nothing was changed."
        )


def _inspect(path: Path) -> tuple[str | None, set[str], bool]:
    """(revision, table names, is a pre-Alembic catalog), read without changing the file."""
    from ..migrations import VERSION_TABLE

    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = (
            conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
            if VERSION_TABLE in tables
            else None
        )
        legacy = revision is None and "meta" in tables and bool(
            conn.execute("SELECT 1 FROM meta WHERE key='schema_version'").fetchone()
        )
    finally:
        conn.close()
    return (revision[0] if revision else None), tables, legacy


def _prepare_schema(path: Path, data_dir: Path, reporter=None) -> bool:
    """True when the catalog must be created. An older schema is backed up, then upgraded; a
    newer one refused. A catalog at the head revision, the usual case, costs one small query
    and no Alembic import."""
    from .. import migrations

    if not _has_content(path):
        return True
    revision, tables, legacy = _inspect(path)
    if not tables:
        return True
    if revision == migrations.HEAD:
        return False
    if revision is None and not legacy:
        raise CatalogError(f"{path} is not an RSFM Desktop catalog.")
    if revision is not None and revision not in migrations.known_revisions():
        raise CatalogTooNewError(
            f"This catalog was written by a newer version of RSFM Desktop (schema {revision}); "
            f"this version knows schemas up to {migrations.HEAD}. Update RSFM Desktop to open "
            "it. The catalog was not changed."
        )
    from ..backup import backup_file

    report = migrations.reporters(reporter, migrations.pending_steps(None if legacy else revision), backup=True)
    backup_file(path, data_dir, **report["backup"])  # always before migrating
    migrations.upgrade(f"sqlite:///{path}", from_revision="0001" if legacy else None, **report["upgrade"])
    if legacy:
        with sqlite3.connect(path) as conn:
            conn.execute("DELETE FROM meta WHERE key='schema_version'")  # the pre-Alembic marker
        conn.close()
    return False


def _create(path: Path) -> None:
    """Create a new catalog atomically: built beside the target, then renamed into place, so a
    crash never leaves half the tables (pysqlite runs DDL outside transactions)."""
    fresh = path.with_name(path.name + ".new")
    for stale in (fresh, Path(f"{fresh}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)  # no tables in the catalog: nothing to keep
    engine = create_engine(f"sqlite:///{fresh}")
    try:
        init_schema(engine)
    finally:
        engine.dispose()
    os.replace(fresh, path)


def init_schema(engine: Engine) -> None:
    """Create the tables of a new catalog and record the head revision (one transaction)."""
    from .schema import create_schema

    with engine.begin() as conn:
        create_schema(conn)


def memory_engine() -> Engine:
    """A new, empty catalog in memory (what a first launch would create), for dry runs."""
    from sqlalchemy.pool import StaticPool

    engine = make_engine("sqlite://", 0, poolclass=StaticPool, connect_args={"check_same_thread": False})
    init_schema(engine)
    return engine


def open_read_only(data_dir: Path) -> Engine:
    """The catalog in ``data_dir`` opened read-only (a dry run writes nothing anywhere): it
    must exist and be at the current schema."""
    from .. import migrations

    path = catalog_path(data_dir)
    revision, tables, _legacy = _inspect(path) if _has_content(path) else (None, set(), False)
    if revision != migrations.HEAD:
        raise CatalogError(f"{path} must be opened once by this version of RSFM Desktop before a dry run.")
    return make_engine(f"sqlite:///file:{path.resolve()}?mode=ro&uri=true")


def open_as_is(data_dir: Path) -> Engine:
    """The catalog file in ``data_dir`` read-only, unchecked and never upgraded (the rescue
    export reads what a damaged file still holds)."""
    path = catalog_path(Path(data_dir))
    if not path.exists():
        raise CatalogError(f"There is no catalog in {data_dir}.")
    engine = create_engine(f"sqlite:///file:{path.resolve()}?mode=ro&uri=true")
    event.listen(engine, "handle_error", _translate_error)
    return engine
