"""The first released schema: every table of core/models.py, its indexes, and the FTS5 search
tables of core/search_index.py, written out literally so later model changes never alter it.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Partial indexes serving each table column's ORDER BY over live rows (core/columns.py).
SORT_INDEXES = {
    "paper": {
        "ix_paper_title_sort": ["title COLLATE NOCASE", "id"],
        "ix_paper_short_name_sort": ["short_name IS NULL", "short_name COLLATE NOCASE", "id"],
        "ix_paper_year_sort": ["year IS NULL", "year", "id"],
        "ix_paper_venue_sort": ["venue IS NULL", "venue COLLATE NOCASE", "id"],
        "ix_paper_family_sort": ["family IS NULL", "family COLLATE NOCASE", "id"],
        "ix_paper_tasks_sort": ["tasks IS NULL", "tasks COLLATE NOCASE", "id"],
        "ix_paper_code_url_sort": ["code_url IS NULL", "code_url COLLATE NOCASE", "id"],
        "ix_paper_updated_at_sort": ["updated_at", "id"],
    },
    "dataset": {
        "ix_dataset_name_sort": ["name COLLATE NOCASE", "id"],
        "ix_dataset_data_type_sort": ["data_type IS NULL", "data_type COLLATE NOCASE", "id"],
        "ix_dataset_year_sort": ["year IS NULL", "year", "id"],
        "ix_dataset_updated_at_sort": ["updated_at", "id"],
    },
}

FTS_TABLES = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS paper_fts_tri USING fts5(body, tokenize='trigram')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS paper_fts_bi USING fts5("
    "body, tokenize='unicode61 remove_diacritics 2', detail='none', prefix='1 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS dataset_fts_tri USING fts5(body, tokenize='trigram')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS dataset_fts_bi USING fts5("
    "body, tokenize='unicode61 remove_diacritics 2', detail='none', prefix='1 2')",
]


def upgrade() -> None:
    op.create_table('dataset',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seed_key', sa.String(), nullable=True),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('data_type', sa.String(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('scale', sa.String(), nullable=True),
    sa.Column('description_zh', sa.String(), nullable=True),
    sa.Column('description_en', sa.String(), nullable=True),
    sa.Column('download_urls', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('seed_key')
    )
    op.create_table('facet',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('label_en', sa.String(), nullable=True),
    sa.Column('label_zh', sa.String(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    op.create_table('meta',
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('value', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('paper',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seed_key', sa.String(), nullable=True),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('short_name', sa.String(), nullable=True),
    sa.Column('authors', sa.JSON(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('venue', sa.String(), nullable=True),
    sa.Column('arxiv_id', sa.String(), nullable=True),
    sa.Column('doi', sa.String(), nullable=True),
    sa.Column('paper_url', sa.String(), nullable=True),
    sa.Column('pdf_url', sa.String(), nullable=True),
    sa.Column('code_url', sa.String(), nullable=True),
    sa.Column('project_url', sa.String(), nullable=True),
    sa.Column('family', sa.String(), nullable=True),
    sa.Column('visual_encoder', sa.String(), nullable=True),
    sa.Column('text_encoder', sa.String(), nullable=True),
    sa.Column('model_details', sa.String(), nullable=True),
    sa.Column('tasks', sa.String(), nullable=True),
    sa.Column('survey_inclusion', sa.String(), nullable=True),
    sa.Column('survey_section', sa.String(), nullable=True),
    sa.Column('summary_zh', sa.String(), nullable=True),
    sa.Column('summary_en', sa.String(), nullable=True),
    sa.Column('remark', sa.String(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('seed_key')
    )
    op.create_index('ix_paper_arxiv_id', 'paper', ['arxiv_id'], unique=False)
    op.create_index('ix_paper_doi', 'paper', ['doi'], unique=False)

    op.create_table('saved_view',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('query_text', sa.String(), nullable=True),
    sa.Column('tag_filter', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('seed_applied',
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('catalog_version', sa.String(), nullable=False),
    sa.Column('applied_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('paper_id', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['paper_id'], ['paper.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_attachment_paper_id', 'attachment', ['paper_id'], unique=False)

    op.create_table('note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('paper_id', sa.Integer(), nullable=True),
    sa.Column('dataset_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(paper_id IS NULL) <> (dataset_id IS NULL)', name='ck_note_one_owner'),
    sa.ForeignKeyConstraint(['dataset_id'], ['dataset.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['paper_id'], ['paper.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('dataset_id'),
    sa.UniqueConstraint('paper_id')
    )
    op.create_table('paper_dataset_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('paper_id', sa.Integer(), nullable=False),
    sa.Column('dataset_id', sa.Integer(), nullable=False),
    sa.Column('relation', sa.String(), nullable=False),
    sa.CheckConstraint("relation IN ('introduces', 'uses')", name='ck_link_relation'),
    sa.ForeignKeyConstraint(['dataset_id'], ['dataset.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['paper_id'], ['paper.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('paper_id', 'dataset_id', 'relation')
    )
    op.create_index('ix_paper_dataset_link_dataset_id', 'paper_dataset_link', ['dataset_id'], unique=False)
    op.create_index('ix_paper_dataset_link_paper_id', 'paper_dataset_link', ['paper_id'], unique=False)

    op.create_table('provenance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('paper_id', sa.Integer(), nullable=True),
    sa.Column('dataset_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('locator', sa.String(), nullable=True),
    sa.Column('excerpt', sa.String(), nullable=True),
    sa.CheckConstraint('(paper_id IS NULL) <> (dataset_id IS NULL)', name='ck_prov_one_owner'),
    sa.ForeignKeyConstraint(['dataset_id'], ['dataset.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['paper_id'], ['paper.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_provenance_dataset_id', 'provenance', ['dataset_id'], unique=False)
    op.create_index('ix_provenance_paper_id', 'provenance', ['paper_id'], unique=False)

    op.create_table('tag',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('facet_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('label_en', sa.String(), nullable=True),
    sa.Column('label_zh', sa.String(), nullable=True),
    sa.Column('color', sa.String(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['facet_id'], ['facet.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['tag.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_tag_facet_parent', 'tag', ['facet_id', 'parent_id'], unique=False)

    op.create_table('dataset_tag',
    sa.Column('dataset_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['dataset_id'], ['dataset.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tag.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('dataset_id', 'tag_id')
    )
    op.create_index('ix_dataset_tag_tag', 'dataset_tag', ['tag_id', 'dataset_id'], unique=False)

    op.create_table('paper_tag',
    sa.Column('paper_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['paper_id'], ['paper.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tag.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('paper_id', 'tag_id')
    )
    op.create_index('ix_paper_tag_tag', 'paper_tag', ['tag_id', 'paper_id'], unique=False)

    op.create_table('tag_synonym',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['tag_id'], ['tag.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('text')
    )
    op.create_index('ix_tag_synonym_tag_id', 'tag_synonym', ['tag_id'], unique=False)
    if op.get_bind().dialect.name != "sqlite":
        return  # sort indexes and search tables as revision 0002 defines them (PostgreSQL is new there)
    live = sa.text("deleted_at IS NULL")
    for table, indexes in SORT_INDEXES.items():
        for name, exprs in indexes.items():
            op.create_index(name, table, [sa.text(e) for e in exprs], sqlite_where=live)
    for sql in FTS_TABLES:
        op.execute(sql)


def downgrade() -> None:
    raise NotImplementedError("Catalogs are never downgraded; restore a backup instead.")
