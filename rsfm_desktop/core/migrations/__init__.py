"""Schema migrations with Alembic, configured in code (no alembic.ini at run time).

``script_location`` is this package's folder, found from ``__file__``, so the same lookup works
from a source checkout and from a PyInstaller bundle, provided the bundle ships this folder's
``env.py``, ``script.py.mako`` and ``versions/*.py`` as files (Alembic reads revision scripts
from disk, not from the frozen archive).

:data:`HEAD` is the newest revision this app knows. :mod:`rsfm_desktop.core.db` reads a catalog's
``alembic_version`` with plain SQL and compares it with :data:`HEAD`, so Alembic itself is
imported only when a catalog must be upgraded or carries a revision this app does not know.

Adding a schema change: edit ``core/models.py``, add ``versions/NNNN_<what>.py`` with
``down_revision`` the previous head, and set :data:`HEAD` to the new revision;
``tests/unit/test_migrations.py`` fails until models, migrations and :data:`HEAD` agree.
Beware: a batch migration that copies ``paper`` or ``dataset`` (SQLite's way to alter a column)
loses their expression sort indexes, which SQLite cannot reflect; recreate them in the same
revision (the test comparing a migrated catalog with a new one catches it).
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy.engine import Connection, Engine

HEAD = "0010"
VERSION_TABLE = "alembic_version"
SCRIPT_LOCATION = Path(__file__).resolve().parent

# Search tables (core/search/): FTS5 virtual tables and their shadow tables on SQLite, the
# ``<kind>_search`` tables on PostgreSQL. Created by the search backends, so unknown to the
# SQLAlchemy metadata that autogenerate compares against.
_SEARCH_TABLE = re.compile(r"^\w+_(fts_(tri|bi)(_\w+)?|search(_text|_vocab|_chunk)?)$")


def include_name(name: str | None, type_: str, _parent_names) -> bool:
    """Alembic autogenerate filter: leave the search tables alone."""
    return not (type_ == "table" and name and _SEARCH_TABLE.match(name))


def _is_expression_index(index) -> bool:
    from sqlalchemy import Column

    return any(not isinstance(e, Column) for e in index.expressions)


def include_object(obj, _name, type_: str, reflected: bool, compare_to) -> bool:
    """Alembic autogenerate filter: skip expression indexes (the sort indexes), which SQLite
    cannot reflect; tests/unit/test_migrations.py compares them through ``sqlite_master``."""
    if type_ == "index":
        declared = compare_to if reflected else obj
        return declared is None or not _is_expression_index(declared)
    return True


def current_revision(conn: Connection) -> str | None:
    """The catalog's revision (None when it has no version table)."""
    from sqlalchemy import inspect

    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    return conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalar()


def stamp_head(conn: Connection) -> None:
    """Record :data:`HEAD` in a catalog whose tables were created from the current models.

    The table is the one Alembic creates, written here so a new catalog needs no Alembic import.
    """
    conn.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version_num VARCHAR(32) NOT NULL, "
        f"CONSTRAINT {VERSION_TABLE}_pkc PRIMARY KEY (version_num))"
    )
    conn.exec_driver_sql(f"DELETE FROM {VERSION_TABLE}")
    conn.exec_driver_sql(f"INSERT INTO {VERSION_TABLE}(version_num) VALUES ('{HEAD}')")


def _config(conn: Connection | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.attributes["connection"] = conn
    return config


def _scripts():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def known_revisions() -> list[str]:
    """Every revision this app ships, oldest first."""
    return [script.revision for script in reversed(list(_scripts().walk_revisions()))]


def script_head() -> str:
    """The head revision according to the scripts (a test checks it equals :data:`HEAD`)."""
    return _scripts().get_current_head()


def _migration_engine(url) -> Engine:
    """An engine for migrating. PostgreSQL runs DDL in transactions as it is. On SQLite:
    explicit transactions, foreign keys off.

    pysqlite does not open a transaction before DDL, so without ``BEGIN`` a failed migration
    would leave half its tables changed. Foreign keys must be off while a batch migration copies
    a table and drops the original, or ``ON DELETE CASCADE`` would delete the notes, links and
    tags that point at it; :func:`upgrade` runs ``foreign_key_check`` before committing instead.
    """
    from sqlalchemy import create_engine, event

    if not str(url).startswith("sqlite"):
        from ..store.postgres import make_engine

        return make_engine(str(url), pool=False)
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        dbapi_conn.execute("PRAGMA foreign_keys=OFF")
        dbapi_conn.execute("PRAGMA busy_timeout=5000")

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class MigrationError(RuntimeError):
    """A migration left rows pointing at nothing; it was rolled back."""


def upgrade(url, revision: str = "head", from_revision: str | None = None) -> None:
    """Upgrade the catalog at ``url`` to ``revision`` in one transaction (all or nothing).

    ``from_revision`` stamps a catalog without a version table first (a pre-Alembic catalog).
    """
    from alembic import command

    engine = _migration_engine(url)
    try:
        with engine.begin() as conn:
            config = _config(conn)
            if from_revision is not None:
                command.stamp(config, from_revision)
            command.upgrade(config, revision)
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all() if conn.dialect.name == "sqlite" else []
            if broken:
                raise MigrationError(f"rows point at missing entries after migrating: {broken[:5]}")
    finally:
        engine.dispose()
