"""Engine, schema and transactions.

SQLite is the embedded default; everything SQLite-specific (pragmas, FTS5) is switched on by
dialect so the same code can later run against PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, create_engine

from . import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from . import search_index

CATALOG_FILE = "catalog.sqlite3"
SCHEMA_VERSION = "0001"


class CatalogError(Exception):
    """A catalog that cannot be opened or written; the message is for the user."""


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
    return engine


def catalog_path(data_dir: Path) -> Path:
    return Path(data_dir) / CATALOG_FILE


def open_catalog(data_dir: Path) -> Engine:
    """Open (creating if needed) the catalog database in ``data_dir``."""
    data_dir = Path(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CatalogError(f"Cannot create the catalog folder {data_dir}: {exc.strerror}") from exc
    engine = make_engine(f"sqlite:///{catalog_path(data_dir)}")
    init_schema(engine)
    return engine


def init_schema(engine: Engine) -> None:
    SQLModel.metadata.create_all(engine)
    with engine.begin() as conn:
        search_index.create(conn)
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
        )


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed at the end of the block, or rolled back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
