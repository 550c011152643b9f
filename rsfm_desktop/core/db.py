"""Engine, schema and transactions.

SQLite is the embedded default; everything SQLite-specific (pragmas, FTS5) is switched on by
dialect so the same code can later run against PostgreSQL.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from . import search_index

if TYPE_CHECKING:
    from sqlmodel import Session

# SQLModel (with pydantic) and the table classes in ``models`` are imported where first needed:
# a session, or a new catalog's schema. Showing the catalog reads raw SQL only, so start-up
# imports them after the first paint (about 0.17 s saved before it).

CATALOG_FILE = "catalog.sqlite3"
# PRAGMA quick_check reads the whole file (about 0.8 s for 100,000 papers). Up to this size it
# runs before the catalog opens; above it, the window checks in the background after it shows.
FULL_CHECK_AT_OPEN_MAX_BYTES = 64 * 1024 * 1024


class CatalogError(Exception):
    """A catalog that cannot be opened or written; the message is for the user."""


class CatalogTooNewError(CatalogError):
    """The catalog carries a schema revision this app does not know; it was left untouched."""


class CatalogDamagedError(CatalogError):
    """The catalog file fails ``PRAGMA quick_check`` or is not a database.

    ``backups`` lists the backups that pass the check, newest first (``backup.BackupInfo``).
    """

    def __init__(self, path: Path, problem: str, backups: list):
        self.path, self.problem, self.backups = path, problem, backups
        latest = (
            f" The latest good backup is from {backups[0].created.astimezone():%Y-%m-%d %H:%M}."
            if backups
            else " No good backup was found."
        )
        super().__init__(f"The catalog {path} is damaged ({problem}).{latest}")


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
    message = user_message(context.original_exception)
    return CatalogError(message) if message else None


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(url: str) -> Engine:
    engine = create_engine(url, json_serializer=lambda obj: json.dumps(obj, ensure_ascii=False))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "handle_error", _translate_error)
    return engine


def catalog_path(data_dir: Path) -> Path:
    return Path(data_dir) / CATALOG_FILE


def open_catalog(data_dir: Path) -> Engine:
    """Open the catalog in ``data_dir``: create it, or check it and upgrade its schema.

    Raises :class:`CatalogError` (with a message for the user) for a folder or file that
    cannot be written, :class:`CatalogDamagedError` for a damaged file and
    :class:`CatalogTooNewError` for a catalog written by a newer app; none of them changes a file.
    """
    data_dir = Path(data_dir)
    path = catalog_path(data_dir)
    _check_writable(data_dir, path)
    if _has_content(path):
        from .backup import good_backups, quick_check, schema_check

        check = quick_check if path.stat().st_size <= FULL_CHECK_AT_OPEN_MAX_BYTES else schema_check
        problem = check(path)
        if problem:
            raise CatalogDamagedError(path, problem, good_backups(data_dir))
    try:
        if _prepare_schema(path, data_dir):
            _create(path)
        engine = make_engine(f"sqlite:///{path}")
    except (sqlite3.Error, DBAPIError) as exc:
        cause = getattr(exc, "orig", exc)
        raise CatalogError(user_message(cause) or f"Cannot open the catalog {path}: {cause}") from exc
    return engine


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
    from .migrations import VERSION_TABLE

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


def _prepare_schema(path: Path, data_dir: Path) -> bool:
    """True when the catalog must be created. An older schema is backed up, then upgraded; a
    newer one refused. A catalog at the head revision, the usual case, costs one small query
    and no Alembic import."""
    from . import migrations

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
    from .backup import backup_file

    backup_file(path, data_dir)  # always before migrating
    migrations.upgrade(f"sqlite:///{path}", from_revision="0001" if legacy else None)
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
    """Create the tables of a new catalog and record the head revision (one transaction).

    A new catalog gets ``create_all`` and the head revision stamped rather than running every
    migration: no Alembic import on first start, and tests/unit/test_migrations.py proves both
    give the same schema."""
    from sqlmodel import SQLModel

    from . import migrations, models  # noqa: F401  (models registers the tables on the metadata)

    with engine.begin() as conn:
        SQLModel.metadata.create_all(conn)
        search_index.create(conn)
        migrations.stamp_head(conn)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed at the end of the block, or rolled back on error."""
    from sqlmodel import Session

    from . import models  # noqa: F401  (the table classes a session maps)

    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
