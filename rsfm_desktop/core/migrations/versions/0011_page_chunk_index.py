"""The full-text index of attached PDFs gains a chunk-level FTS5 index (``page_chunk_fts_bi``,
one row per file or per 100 pages; core/search/pages.py): finding which papers have a page
matching a common word read one row per page (200,000 pages: about half a second), now one
per chunk. SQLite only (PostgreSQL's page index is unchanged); the chunks of files indexed
before are made here from their pages' text.

Revision ID: 0011
Revises: 0006
Create Date: 2026-12-01
"""

from alembic import op

revision = "0011"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    from rsfm_desktop.core.search import pages

    pages.create(bind)
    pages.index_chunks(bind)


def downgrade() -> None:
    raise NotImplementedError("Catalogs are never downgraded; restore a backup instead.")
