"""PostgreSQL: one search table per kind holding the lexemes and the lowered text out of line
(``toast_tuple_target`` 128), so a word found in most of the catalog reads a small heap after
the GIN index (100,000 papers: about 1,000 pages instead of 20,000); the lexemes gain the
three- and four-character stretches of CJK runs and the chunks that answer most terms of
several tokens (``zero-shot``, ``遥感图像``) without reading the text (core/search/postgres.py). The ``<kind>_search_text`` tables go; every entry is
indexed again. SQLite's index (FTS5) is unchanged.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _old_layout(bind, kind: str) -> bool:
    """The kind's search table is the one before this revision (no ``body`` column), or the
    separate text table is still there."""
    found = {r[0] for r in bind.exec_driver_sql(
        "SELECT table_name || '.' || column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema()"
        f" AND table_name IN ('{kind}_search', '{kind}_search_text')").all()}
    return bool(found) and (f"{kind}_search.body" not in found or f"{kind}_search_text.id" in found)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from rsfm_desktop.core import search
    from rsfm_desktop.core.fields import Kind
    from rsfm_desktop.core.search.postgres import PostgresSearch

    old = [kind for kind in Kind if _old_layout(bind, kind.value)]
    for kind in old:
        op.execute(f"DROP TABLE IF EXISTS {kind.value}_search_text")
        op.execute(f"DROP TABLE IF EXISTS {kind.value}_search")
    PostgresSearch().create(bind)
    for kind in old:
        search.reindex(bind, kind, [r[0] for r in bind.exec_driver_sql(f"SELECT id FROM {kind.value}")])


def downgrade() -> None:
    raise NotImplementedError("Catalogs are never downgraded; restore a backup instead.")
