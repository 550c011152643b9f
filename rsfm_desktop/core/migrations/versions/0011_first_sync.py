"""Faster syncs (issue 12):

* SQLite: the search index (FTS5) keeps up to 16 MB of a transaction's new terms in memory
  before it writes them out as a segment, instead of FTS5's 1 MB (``fts5.HASHSIZE``). A batch
  of 2,000 papers (a first sync's pull, an import) became a dozen small segments that FTS5 then
  merged again; now it is one per commit. Memory is spent only while such a batch is written.
* Both engines: a partial index of the synced copies marked stale (``sync_base.local_version``
  < 0), which every sync looks for; at 100,000 papers that read every copy (2.5 s of a sync
  with nothing to do).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from rsfm_desktop.core.search import fts5

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        fts5.configure(bind)
    stale = sa.text("local_version < 0")
    op.create_index("ix_sync_base_stale", "sync_base", ["entity", "uuid"], sqlite_where=stale,
                    postgresql_where=stale)


def downgrade() -> None:
    raise NotImplementedError("Catalogs are never downgraded; restore a backup instead.")
