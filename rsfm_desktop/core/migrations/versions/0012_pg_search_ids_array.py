"""PostgreSQL: the table's search reads its matching ids as one array computed on the server
(``<kind>_search_match_ids``, core/search/postgres.py) instead of the rows of a set-returning
function, whose tuple store cost 25-40 ms of a 70-110 ms search at 100,000 papers. Nothing is
indexed again; SQLite is unchanged.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from rsfm_desktop.core.fields import Kind
    from rsfm_desktop.core.search.postgres import _MATCH_IDS_FUNCTION

    for kind in Kind:
        bind.exec_driver_sql(_MATCH_IDS_FUNCTION.format(base=f"{kind.value}_search"))


def downgrade() -> None:
    raise NotImplementedError("Catalogs are never downgraded; restore a backup instead.")
