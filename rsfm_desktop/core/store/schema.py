"""Creating a new catalog's schema, the same way on SQLite and PostgreSQL: the tables of
``core/models.py``, the search backend's tables, and the head revision stamped (no Alembic
import: ``tests/unit/test_migrations.py`` proves a created and a migrated catalog agree)."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from .. import search
from ..search import pages
from . import sql


def create_schema(conn: Connection) -> None:
    from sqlmodel import SQLModel

    from .. import migrations, models  # noqa: F401  (models registers the tables on the metadata)

    SQLModel.metadata.create_all(conn)
    search.backend_for(conn.dialect.name).create(conn)
    pages.create(conn)
    migrations.stamp_head(conn)
    sql.execute(conn, "INSERT INTO meta(key, value) VALUES ('catalog_id', :id)", {"id": models.new_uuid()})
