"""Alembic environment, run by :mod:`rsfm_desktop.core.migrations` (no alembic.ini).

The caller hands over an open SQLAlchemy connection in ``config.attributes["connection"]``;
migrations run on it inside the caller's transaction handling.
"""

from alembic import context
from sqlmodel import SQLModel

from rsfm_desktop.core import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from rsfm_desktop.core.migrations import include_name, include_object

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
    include_name=include_name,  # the FTS5 search tables are not in the metadata
    include_object=include_object,  # nor can SQLite reflect expression indexes
    on_version_apply=context.config.attributes.get("on_version_apply"),  # upgrade progress
)
with context.begin_transaction():
    context.run_migrations()
