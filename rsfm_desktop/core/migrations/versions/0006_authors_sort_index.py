"""A sort index for the Authors column (a default column since 0003): sorting 100,000 papers
by their authors read and sorted the whole table (about half a second) instead of an index.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

EXPRS = ["(nullif(authors, '[]') IS NULL)", "lower(nullif(authors, '[]'))", "id"]


def upgrade() -> None:
    live = sa.text("deleted_at IS NULL")
    op.create_index("ix_paper_authors_sort", "paper", [sa.text(e) for e in EXPRS], sqlite_where=live,
                    postgresql_where=live, postgresql_include=["authors"])


def downgrade() -> None:
    op.drop_index("ix_paper_authors_sort", table_name="paper")
