"""SQLite: the search index (FTS5) keeps up to 16 MB of a transaction's new terms in memory
before it writes them out as a segment, instead of FTS5's 1 MB (``fts5.HASHSIZE``). A batch of
2,000 papers (a first sync's pull, an import) became a dozen small segments that FTS5 then
merged again; now it is one per commit. Memory is spent only while such a batch is written.
Nothing changes on PostgreSQL.

Revision ID: 0011
Revises: 0009 (issue 12; the lead renumbers it onto 0010 if that lands first)
Create Date: 2026-12-01
"""

from alembic import op

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from rsfm_desktop.core.search import fts5

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        fts5.configure(bind)


def downgrade() -> None:
    raise NotImplementedError("Catalogs are never downgraded; restore a backup instead.")
