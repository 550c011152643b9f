"""Sort keys for the facet columns (Model family, Task... since 0003): a row per entry and
facet with the entry's live tags' labels of that facet joined in tree order and lower-cased,
English first and Chinese first, and its place before the key (0 tagged, 1 untagged, +2
trashed), kept by the write path whenever tags, trash states or the taxonomy change. Sorting
100,000 papers by a facet column aggregated every membership on each click (1 to 4 s) instead
of scanning an index.

Written out literally (plain SQL on both engines), filling the keys of existing catalogs.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

KINDS = ("paper", "dataset")


def _fill(kind: str, postgres: bool) -> None:
    owner = f"{kind}_id"
    order = " ORDER BY x.pos, x.tid" if postgres else ""  # SQLite: joined in the subquery's order
    agg = "string_agg" if postgres else "group_concat"
    labels = (
        f"SELECT x.id, x.facet_id, lower({agg}(x.en, ', '{order})) AS en, lower({agg}(x.zh, ', '{order})) AS zh"
        f" FROM (SELECT m.{owner} AS id, t.facet_id AS facet_id, coalesce(t.label_en, t.label_zh) AS en,"
        " coalesce(t.label_zh, t.label_en) AS zh, t.position AS pos, t.id AS tid"
        f" FROM {kind}_tag m JOIN tag t ON t.id = m.tag_id WHERE t.deleted_at IS NULL"
        f" ORDER BY m.{owner}, t.facet_id, t.position, t.id) AS x GROUP BY x.id, x.facet_id"
    )
    op.execute(
        f"INSERT INTO {kind}_facet_sort({owner}, facet_id, place, sort_en, sort_zh)"
        " SELECT e.id, f.id, (CASE WHEN e.deleted_at IS NULL THEN 0 ELSE 2 END)"
        " + (CASE WHEN l.en IS NULL THEN 1 ELSE 0 END), l.en, l.zh"
        f" FROM {kind} e CROSS JOIN facet f LEFT JOIN ({labels}) AS l ON l.id = e.id AND l.facet_id = f.id"
    )


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for kind in KINDS:
        owner = f"{kind}_id"
        op.create_table(
            f"{kind}_facet_sort",
            sa.Column(owner, sa.Integer(), nullable=False),
            sa.Column("facet_id", sa.Integer(), nullable=False),
            sa.Column("place", sa.Integer(), nullable=False),
            sa.Column("sort_en", sa.String(), nullable=True),
            sa.Column("sort_zh", sa.String(), nullable=True),
            sa.ForeignKeyConstraint([owner], [f"{kind}.id"], ondelete="CASCADE"),
            sa.ForeignKeyConstraint(["facet_id"], ["facet.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint(owner, "facet_id"),
        )
        _fill(kind, postgres)
        for lang in ("en", "zh"):
            op.create_index(f"ix_{kind}_facet_sort_{lang}", f"{kind}_facet_sort",
                            ["facet_id", "place", f"sort_{lang}", owner])


def downgrade() -> None:
    raise NotImplementedError("Catalogs are never downgraded; restore a backup instead.")
