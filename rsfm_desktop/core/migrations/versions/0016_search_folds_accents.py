"""The search compares text with accented Latin letters folded (``search.tokens.fold_text``),
so that a term of three letters or more finds a word whatever its accents (``muller`` finds
``Müller``, ``über-`` finds ``Über-Net``), as short terms and PostgreSQL's words already did.

* SQLite: the trigram index holds its text folded. Only the rows holding such letters are
  rewritten (100,000 papers with none: one read of the index's stored text, 6.7 s).
* PostgreSQL: ``body`` and the chunks of ``<kind>_search`` are folded; the entries whose
  ``body`` holds such letters are indexed again.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02
"""

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_BATCH = 5000
# The letters fold_text rewrites, as a PostgreSQL regular expression.
_FOLDABLE_PG = r"[\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]"


def upgrade() -> None:
    from rsfm_desktop.core.fields import Kind
    from rsfm_desktop.core.search.tokens import fold_text

    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        from rsfm_desktop.core import search

        for kind in Kind:
            ids = [row[0] for row in bind.exec_driver_sql(
                f"SELECT id FROM {kind.value}_search WHERE body ~ %(foldable)s", {"foldable": _FOLDABLE_PG})]
            search.reindex(bind, kind, ids)
        return
    for kind in Kind:
        table, last = f"{kind.value}_fts_tri", 0
        while True:  # in batches of rows: memory stays small at any size
            rows = bind.exec_driver_sql(
                f"SELECT id, c0 FROM {table}_content WHERE id > ? ORDER BY id LIMIT {_BATCH}", (last,)).fetchall()
            if not rows:
                break
            last = rows[-1][0]
            changed = [(folded, rowid) for rowid, body in rows
                       if body is not None and (folded := fold_text(body)) != body]
            if changed:
                bind.exec_driver_sql(f"UPDATE {table} SET body = ? WHERE rowid = ?", changed)

def downgrade() -> None:
    raise NotImplementedError("Catalogs are never downgraded; restore a backup instead.")
