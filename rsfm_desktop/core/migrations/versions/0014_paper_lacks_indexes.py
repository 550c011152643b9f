"""Both engines: a partial index per thing a live paper can lack for the curation to-do (an
English or Chinese summary, a code link, authors), holding the ids of the papers that lack it.
The to-do read every paper's summaries to find them (1.1 s of CPU at 100,000 papers on SQLite);
from these indexes it reads about a tenth of that. The conditions are the text of
``core/columns.py`` ``lacks_condition`` (the planners use a partial index only for the same text).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_BLANK = {"sqlite": "trim({c}, char(32, 9, 10, 13)) <> ''", "postgresql": "btrim({c}, E' \\t\\n\\r') <> ''"}


def _condition(dialect: str, column: str) -> str:
    if column == "authors":
        return "deleted_at IS NULL AND (authors IS NULL OR authors = '[]')"
    return f"deleted_at IS NULL AND ({column} IS NULL OR NOT ({_BLANK[dialect].format(c=column)}))"


def upgrade() -> None:
    for column in ("summary_en", "summary_zh", "code_url", "authors"):
        op.create_index(f"ix_paper_lacks_{column}", "paper", ["id"],
                        sqlite_where=sa.text(_condition("sqlite", column)),
                        postgresql_where=sa.text(_condition("postgresql", column)))


def downgrade() -> None:
    raise NotImplementedError("Catalogs are never downgraded; restore a backup instead.")
