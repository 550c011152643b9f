"""Attachments of papers and datasets, linked or stored, with the facts of their file (size,
modification time, SHA-256, pages), a global id and a version for sync, and a trash.

Written out literally, so later model changes never alter it. (The full-text index of the
attached files is derived data, created by the search backend: core/search/pages.py.)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

import uuid

from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


NEW_COLUMNS = [
    ("uuid", sa.String(), None),
    ("mode", sa.String(), "linked"),
    ("size", sa.Integer(), None),
    ("mtime", sa.Float(), None),
    ("sha256", sa.String(), None),
    ("pages", sa.Integer(), None),
    ("deleted_at", sa.DateTime(timezone=True), None),
    ("version", sa.Integer(), "1"),
]
ONE_OWNER = "(paper_id IS NULL) <> (dataset_id IS NULL)"
MODES = "mode IN ('linked', 'stored')"


def _sqlite_copy() -> None:
    """SQLite cannot alter a column or add a constraint: the table is copied."""
    op.create_table(
        "attachment_new",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(), nullable=True),
        sa.Column("paper_id", sa.Integer(), nullable=True),
        sa.Column("dataset_id", sa.Integer(), nullable=True),
        sa.Column("path", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("mode", sa.String(), server_default="linked", nullable=False),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("mtime", sa.Float(), nullable=True),
        sa.Column("sha256", sa.String(), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.CheckConstraint(ONE_OWNER, name="ck_attachment_one_owner"),
        sa.CheckConstraint(MODES, name="ck_attachment_mode"),
        sa.ForeignKeyConstraint(["paper_id"], ["paper.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["dataset_id"], ["dataset.id"], ondelete="CASCADE"),
    )
    op.execute("INSERT INTO attachment_new(id, paper_id, path, kind, added_at)"
               " SELECT id, paper_id, path, kind, added_at FROM attachment")
    op.drop_index("ix_attachment_paper_id", table_name="attachment")
    op.drop_table("attachment")
    op.rename_table("attachment_new", "attachment")
    op.create_index("ix_attachment_paper_id", "attachment", ["paper_id"], unique=False)


def _postgres_alter() -> None:
    for name, type_, default in NEW_COLUMNS:
        op.add_column("attachment", sa.Column(name, type_, server_default=default, nullable=default is None))
    op.add_column("attachment", sa.Column("dataset_id", sa.Integer(), nullable=True))
    op.alter_column("attachment", "paper_id", existing_type=sa.Integer(), nullable=True)
    op.create_foreign_key("attachment_dataset_id_fkey", "attachment", "dataset", ["dataset_id"], ["id"],
                          ondelete="CASCADE")
    op.create_check_constraint("ck_attachment_one_owner", "attachment", ONE_OWNER)
    op.create_check_constraint("ck_attachment_mode", "attachment", MODES)


def upgrade() -> None:
    bind = op.get_bind()
    _sqlite_copy() if bind.dialect.name == "sqlite" else _postgres_alter()
    ids = [r[0] for r in bind.exec_driver_sql("SELECT id FROM attachment")]
    if ids:
        bind.execute(sa.text("UPDATE attachment SET uuid = :u WHERE id = :id"),
                     [{"u": uuid.uuid4().hex, "id": i} for i in ids])
    op.create_index("ix_attachment_uuid", "attachment", ["uuid"], unique=True)
    op.create_index("ix_attachment_dataset_id", "attachment", ["dataset_id"], unique=False)
    # The full-text index of attached files (derived data, filled by indexing the files).
    from rsfm_desktop.core.search import pages

    pages.create(bind)


def downgrade() -> None:
    raise NotImplementedError("Catalogs are never downgraded; restore a backup instead.")
