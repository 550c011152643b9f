"""One source of truth per concept: the model family and the tasks of a paper are tags of the
``family`` and ``task`` facets, no longer text fields beside them. Each paper's ``family`` and
``tasks`` text becomes tags (a missing tag, or facet, is created; ``RS VQA`` finds ``VQA`` by
its synonym), then the two columns and their sort indexes are dropped, so nothing can read or
write a stale copy. The search index is rewritten: tag labels are part of an entry's text now.

Written out literally (plain SQL on both engines; SQLite 3.35+ drops a column in place).

Revision ID: 0003
Revises: 0002
Create Date: 2027-01-15
"""

import re
import uuid

from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

FOLDED = {"family": ("family", "Model family", "模型类别"), "tasks": ("task", "Task", "任务")}
SEPARATORS = re.compile(r"\s*[,;，；、]\s*")
DASHES = re.compile(r"[\u2010-\u2015\u2212\uff0d]")


def _fold(text):
    import unicodedata

    text = unicodedata.normalize("NFKC", text or "")
    return " ".join(DASHES.sub("-", text).casefold().split())


def upgrade() -> None:
    bind = op.get_bind()
    columns = {c["name"] for c in sa.inspect(bind).get_columns("paper")}
    present = [c for c in FOLDED if c in columns]
    if present:
        _move_to_tags(bind, present)
    for column in present:
        op.execute(f"DROP INDEX IF EXISTS ix_paper_{column}_sort")
        op.execute(f"ALTER TABLE paper DROP COLUMN {column}")
    from rsfm_desktop.core import search
    from rsfm_desktop.core.fields import Kind

    backend = search.backend_for(bind.dialect.name)
    backend.create(bind)
    search.reindex(bind, Kind.PAPER, [r[0] for r in bind.exec_driver_sql("SELECT id FROM paper")])


def _move_to_tags(bind, present) -> None:
    where = " OR ".join(f"{c} IS NOT NULL" for c in present)
    rows = bind.exec_driver_sql(f"SELECT id, {', '.join(present)} FROM paper WHERE {where}").fetchall()
    if not rows:
        return
    facets = {k: i for i, k in bind.exec_driver_sql("SELECT id, key FROM facet WHERE deleted_at IS NULL")}
    known: dict[tuple[int, str], int] = {}
    for tag_id, facet_id, en, zh in bind.exec_driver_sql(
            "SELECT id, facet_id, label_en, label_zh FROM tag WHERE deleted_at IS NULL ORDER BY position, id"):
        for text in (en, zh):
            if text:
                known.setdefault((facet_id, _fold(text)), tag_id)
    for tag_id, facet_id, text in bind.exec_driver_sql(
            "SELECT s.tag_id, t.facet_id, s.text FROM tag_synonym s JOIN tag t ON t.id = s.tag_id"
            " WHERE t.deleted_at IS NULL ORDER BY s.id"):
        known.setdefault((facet_id, _fold(text)), tag_id)
    pairs = set()
    for row in rows:
        paper_id = row[0]
        for column, text in zip(present, row[1:]):
            if not text:
                continue
            key, label_en, label_zh = FOLDED[column]
            if key not in facets:
                position = bind.exec_driver_sql("SELECT coalesce(max(position) + 1, 0) FROM facet").scalar()
                bind.execute(sa.text("INSERT INTO facet(uuid, key, label_en, label_zh, position, version)"
                                     " VALUES (:u, :k, :en, :zh, :p, 1)"),
                             {"u": uuid.uuid4().hex, "k": key, "en": label_en, "zh": label_zh, "p": position})
                facets[key] = bind.execute(sa.text("SELECT id FROM facet WHERE key = :k"), {"k": key}).scalar()
            facet_id = facets[key]
            labels = [text.strip()] if column == "family" else [t for t in SEPARATORS.split(text.strip()) if t]
            for label in labels:
                tag_id = known.get((facet_id, _fold(label)))
                if tag_id is None:
                    position = bind.execute(sa.text(
                        "SELECT coalesce(max(position) + 1, 0) FROM tag WHERE facet_id = :f AND parent_id IS NULL"),
                        {"f": facet_id}).scalar()
                    bind.execute(sa.text("INSERT INTO tag(uuid, facet_id, parent_id, label_en, position, version)"
                                         " VALUES (:u, :f, NULL, :en, :p, 1)"),
                                 {"u": uuid.uuid4().hex, "f": facet_id, "en": label, "p": position})
                    tag_id = bind.execute(sa.text("SELECT max(id) FROM tag WHERE facet_id = :f"),
                                          {"f": facet_id}).scalar()
                    known[(facet_id, _fold(label))] = tag_id
                pairs.add((paper_id, tag_id))
    bind.execute(sa.text("INSERT INTO paper_tag(paper_id, tag_id) VALUES (:p, :t) ON CONFLICT DO NOTHING"),
                 [{"p": p, "t": t} for p, t in sorted(pairs)])


def downgrade() -> None:
    raise NotImplementedError("Catalogs are never downgraded; restore a backup instead.")
