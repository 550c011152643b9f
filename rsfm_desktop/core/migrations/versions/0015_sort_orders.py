"""Both engines: ``sort_order``, a lab catalog's table orders kept on the server
(core/store/sort_orders.py), so the first sort of a column in a new window reads one value
instead of scanning 100,000 index entries (100-500 ms at 100,000 papers). Derived data, filled
as windows sort; unused on SQLite.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sort_order",
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("sort_key", sa.String(), nullable=False),
        sa.Column("trashed", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("empties", sa.Integer(), nullable=False),
        sa.Column("ids", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "sort_key", "trashed"),
    )


def downgrade() -> None:
    raise NotImplementedError("Catalogs are never downgraded; restore a backup instead.")
