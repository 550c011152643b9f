"""The full-text index of attached PDFs gains a chunk-level FTS5 index (``page_chunk_fts_bi``,
one row per file or per 100 pages; core/search/pages.py): finding which papers have a page
matching a common word read one row per page (200,000 pages: a quarter of a second), now one
per chunk. SQLite only; the chunks of files indexed before are made here from their pages'
text. PostgreSQL's pages gain an index by attachment (one paper's hits read its pages only).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from rsfm_desktop.core.search import pages

    bind = op.get_bind()
    pages.create(bind)  # PostgreSQL: an index of the pages by attachment (the detail pane's hits)
    if bind.dialect.name == "sqlite":
        pages.index_chunks(bind)


def downgrade() -> None:
    raise NotImplementedError("Catalogs are never downgraded; restore a backup instead.")
