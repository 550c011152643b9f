"""One store on SQLite and PostgreSQL: global ids (uuid), versions on every editable row, the
change log, soft-deleted tags and facets, shared notes and views, BibTeX keys and types, and
sort indexes that both engines build (``lower()`` instead of SQLite's ``COLLATE NOCASE``).

Written out literally, so later model changes never alter it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

import uuid

from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OLD_SORT_INDEXES = {
    "paper": ["title", "short_name", "year", "venue", "family", "tasks", "code_url", "updated_at"],
    "dataset": ["name", "data_type", "year", "updated_at"],
}
SORT_INDEXES = {
    "paper": {
        "ix_paper_title_sort": ["lower(title)", "id"],
        "ix_paper_short_name_sort": ["(short_name IS NULL)", "lower(short_name)", "id"],
        "ix_paper_year_sort": ["(year IS NULL)", "year", "id"],
        "ix_paper_venue_sort": ["(venue IS NULL)", "lower(venue)", "id"],
        "ix_paper_family_sort": ["(family IS NULL)", "lower(family)", "id"],
        "ix_paper_tasks_sort": ["(tasks IS NULL)", "lower(tasks)", "id"],
        "ix_paper_code_url_sort": ["(code_url IS NULL)", "lower(code_url)", "id"],
        "ix_paper_updated_at_sort": ["updated_at", "id"],
    },
    "dataset": {
        "ix_dataset_name_sort": ["lower(name)", "id"],
        "ix_dataset_data_type_sort": ["(data_type IS NULL)", "lower(data_type)", "id"],
        "ix_dataset_year_sort": ["(year IS NULL)", "year", "id"],
        "ix_dataset_updated_at_sort": ["updated_at", "id"],
    },
}
UUID_TABLES = ("paper", "dataset", "facet", "tag", "saved_view")


def _version_column():
    return sa.Column("version", sa.Integer(), server_default="1", nullable=False)


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    for name in UUID_TABLES:
        op.add_column(name, sa.Column("uuid", sa.String(), nullable=True))
    for name in ("paper", "dataset"):
        op.add_column(name, sa.Column("created_by", sa.String(), nullable=True))
        op.add_column(name, sa.Column("modified_by", sa.String(), nullable=True))
    op.add_column("paper", sa.Column("citation_key", sa.String(), nullable=True))
    op.add_column("paper", sa.Column("entry_type", sa.String(), nullable=True))
    json_type = sa.JSON() if sqlite else sa.Text()
    op.add_column("paper", sa.Column("extra_fields", json_type, server_default=sa.text("'{}'"), nullable=False))
    op.add_column("note", sa.Column("shared", sa.Boolean(), server_default=sa.text("false"), nullable=False))
    op.add_column("note", sa.Column("author", sa.String(), nullable=True))
    op.add_column("note", _version_column())
    for name in ("facet", "tag"):
        op.add_column(name, sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
        op.add_column(name, _version_column())
    op.add_column("tag", sa.Column("merged_into_id", sa.Integer(), nullable=True))
    op.add_column("saved_view", sa.Column("shared", sa.Boolean(), server_default=sa.text("false"), nullable=False))
    op.add_column("saved_view", _version_column())
    for name in UUID_TABLES:
        ids = [r[0] for r in bind.exec_driver_sql(f"SELECT id FROM {name}")]
        if ids:
            bind.execute(sa.text(f"UPDATE {name} SET uuid = :u WHERE id = :id"),
                         [{"u": uuid.uuid4().hex, "id": i} for i in ids])
        op.create_index(f"ix_{name}_uuid", name, ["uuid"], unique=True)
    if not sqlite:
        # Revision 0001 gave PostgreSQL json lists and timestamps without a time zone.
        for name, columns in (("paper", ["authors"]), ("dataset", ["download_urls"])):
            for column in columns:
                op.alter_column(name, column, type_=sa.Text(), postgresql_using=f"{column}::text")
        for name, columns in {
            "paper": ["created_at", "updated_at", "deleted_at"], "dataset": ["created_at", "updated_at", "deleted_at"],
            "note": ["created_at", "updated_at"], "attachment": ["added_at"], "seed_applied": ["applied_at"],
            "saved_view": ["created_at"],
        }.items():
            for column in columns:
                op.alter_column(name, column, type_=sa.DateTime(timezone=True),
                                postgresql_using=f"{column} AT TIME ZONE 'UTC'")
    op.create_table(
        "change_log",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("entity", sa.String(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("op", sa.String(), nullable=False),
        sa.Column("fields", sa.String(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("seq"),
        sqlite_autoincrement=True,
    )
    if not bind.exec_driver_sql("SELECT 1 FROM meta WHERE key = 'catalog_id'").first():
        bind.execute(sa.text("INSERT INTO meta(key, value) VALUES ('catalog_id', :v)"), {"v": uuid.uuid4().hex})
    live = sa.text("deleted_at IS NULL")
    for name, columns in OLD_SORT_INDEXES.items():
        if sqlite:
            for column in columns:
                op.drop_index(f"ix_{name}_{column}_sort", table_name=name)
    for name, indexes in SORT_INDEXES.items():
        for index, exprs in indexes.items():
            # PostgreSQL sorts from the index alone when it carries the text column too.
            text_column = next((e[6:-1] for e in exprs if e.startswith("lower(")), None)
            op.create_index(index, name, [sa.text(e) for e in exprs], sqlite_where=live, postgresql_where=live,
                            postgresql_include=[text_column] if text_column else [])
    if not sqlite:
        # The search tables are new on PostgreSQL: index the entries already there (the index
        # is derived data, so the app's own indexing code fills it).
        from rsfm_desktop.core import search
        from rsfm_desktop.core.fields import Kind
        from rsfm_desktop.core.search.postgres import PostgresSearch

        PostgresSearch().create(bind)
        for kind in Kind:
            search.reindex(bind, kind, [r[0] for r in bind.exec_driver_sql(f"SELECT id FROM {kind.value}")])


def downgrade() -> None:
    raise NotImplementedError("Catalogs are never downgraded; restore a backup instead.")
