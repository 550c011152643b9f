"""Catalogs at an older schema revision, filled with plain SQL (the models may have moved on),
on SQLite files and PostgreSQL databases."""

from __future__ import annotations

import re
import shutil
import sqlite3
import textwrap
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, inspect

from rsfm_desktop.core import migrations, search
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store.sqlite import catalog_path

NOW = "2025-01-02 03:04:05.000000"

# Rows valid in the schema of revision 0001 and, unless a migration says otherwise, later ones:
# papers and datasets (one in the trash), a note on each side, links, facets, tags and synonyms,
# attachments, provenance, bundled keys applied, a saved view.
FILL_0001 = [
    "INSERT INTO paper(id, seed_key, title, short_name, authors, year, venue, paper_url, summary_zh,"
    " family, tasks, created_at, updated_at, version) VALUES (1, 'arxiv:old-only',"
    " 'RemoteCLIP: a vision language model', 'RemoteCLIP', '[\"Liu, F.\", \"张三\"]', 2023, 'TGRS',"
    " 'https://arxiv.org/abs/1', '遥感图像', 'VLM', 'visual question answering, Cross-view geo-localisation',"
    f" '{NOW}', '{NOW}', 3)",
    "INSERT INTO paper(id, title, authors, year, created_at, updated_at, deleted_at, version)"
    f" VALUES (2, 'GeoChat', '[]', 2024, '{NOW}', '{NOW}', '{NOW}', 1)",
    "INSERT INTO dataset(id, seed_key, name, data_type, year, download_urls, created_at, updated_at,"
    f" version) VALUES (1, 'dataset:old-only', 'RSICap', 'Image-text', 2023,"
    f" '[\"https://example.org/rsicap\"]', '{NOW}', '{NOW}', 2)",
    "INSERT INTO paper_dataset_link(paper_id, dataset_id, relation) VALUES (1, 1, 'introduces')",
    "INSERT INTO paper_dataset_link(paper_id, dataset_id, relation) VALUES (2, 1, 'uses')",
    "INSERT INTO note(paper_id, body, created_at, updated_at) VALUES"
    f" (1, '# Notes\n读过 **twice**\n', '{NOW}', '{NOW}')",
    f"INSERT INTO note(dataset_id, body, created_at, updated_at) VALUES (1, 'captions', '{NOW}', '{NOW}')",
    "INSERT INTO note(paper_id, body, created_at, updated_at) VALUES"
    f" (2, 'trashed but kept', '{NOW}', '{NOW}')",
    "INSERT INTO facet(id, key, label_en, label_zh, position) VALUES (1, 'task', 'Task', '任务', 0)",
    "INSERT INTO tag(id, facet_id, label_en, label_zh, color, position) VALUES (1, 1, 'VQA', '视觉问答', '#ff0000', 0)",
    "INSERT INTO tag(id, facet_id, parent_id, label_en, position) VALUES (2, 1, 1, 'Open VQA', 0)",
    "INSERT INTO tag_synonym(tag_id, text) VALUES (1, 'visual question answering')",
    "INSERT INTO paper_tag(paper_id, tag_id) VALUES (1, 2)",
    "INSERT INTO paper_tag(paper_id, tag_id) VALUES (2, 1)",
    "INSERT INTO dataset_tag(dataset_id, tag_id) VALUES (1, 1)",
    f"INSERT INTO attachment(paper_id, path, kind, added_at) VALUES (1, '/papers/clip.pdf', 'pdf', '{NOW}')",
    "INSERT INTO provenance(paper_id, source, locator) VALUES (1, 'seed.xlsx', 'row 2')",
    "INSERT INTO seed_applied(key, catalog_version, applied_at) VALUES"
    f" ('arxiv:old-only', 'v1', '{NOW}'), ('dataset:old-only', 'v1', '{NOW}')",
    "INSERT INTO saved_view(id, name, query_text, tag_filter, created_at) VALUES"
    f" (1, 'VQA papers', 'remote', '{{\"1\": [1]}}', '{NOW}')",
]
# Ids given explicitly leave PostgreSQL's sequences behind; a later insert must not collide.
RESEQUENCE = ["paper", "dataset", "facet", "tag", "saved_view"]

# For each revision, the rows to fill a catalog at that revision with; a revision without an
# entry uses the fill of the nearest earlier one.
# Revision 0002 gave every entry, tag, facet and view a uuid (the migration from 0001 does).
UUIDS_0002 = [f"UPDATE {name} SET uuid = '{name}-' || id" for name in ("paper", "dataset", "facet", "tag", "saved_view")]
FILL_0002 = FILL_0001 + UUIDS_0002
# From 0003 on a paper has no family and tasks columns (they are tags).
FILL_0003 = [FILL_0001[0].replace(" family, tasks,", "").replace(
    " 'VLM', 'visual question answering, Cross-view geo-localisation',", ""), *FILL_0001[1:], *UUIDS_0002]
FILLS = {"0001": FILL_0001, "0002": FILL_0002, "0003": FILL_0003}


def fill_for(revision: str) -> list[str]:
    revisions = migrations.known_revisions()
    for older in reversed(revisions[: revisions.index(revision) + 1]):
        if older in FILLS:
            return FILLS[older]
    raise AssertionError(f"no fill for revision {revision}")


def url_of(target: Path | str) -> str:
    """The SQLAlchemy URL of a catalog folder's file, or the server URL itself."""
    return target if isinstance(target, str) else f"sqlite:///{catalog_path(target)}"


def _engine(target: Path | str):
    if isinstance(target, str):
        from rsfm_desktop.core.store.postgres import make_engine

        return make_engine(target, pool=False)
    return create_engine(url_of(target))


def build_catalog(target: Path | str, revision: str) -> Path | str:
    """A catalog at ``revision`` in a folder or a blank database, holding the rows of
    :func:`fill_for`, its search index filled where the revision has one (PostgreSQL's comes
    with 0002)."""
    if not isinstance(target, str):
        target.mkdir(parents=True, exist_ok=True)
    migrations.upgrade(url_of(target), revision)
    engine = _engine(target)
    with engine.begin() as conn:
        for statement in fill_for(revision):
            conn.exec_driver_sql(statement)
        # The app's indexing reads tag columns that 0002 added (0003 reindexes every paper).
        if (conn.dialect.name == "sqlite" and revision != "0001") or inspect(conn).has_table("paper_search"):
            for kind in Kind:
                search.reindex(conn, kind, [1, 2])
        if conn.dialect.name != "sqlite":
            for name in RESEQUENCE:
                conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), max(id)) FROM {name}")
    engine.dispose()
    return target


def revision_at(target: Path | str) -> str | None:
    engine = _engine(target)
    try:
        with engine.connect() as conn:
            return migrations.current_revision(conn)
    finally:
        engine.dispose()


def user_tables(target: Path | str) -> set[str]:
    engine = _engine(target)
    try:
        with engine.connect() as conn:
            names = set(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    return {n for n in names if migrations.include_name(n, "table", None) and n != "alembic_version"}


def _plain(value):
    """A value as both revisions can compare it: JSON lists as lists, times as naive UTC."""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, str) and value[:1] in "[{" and value[-1:] in "]}":
        import json

        try:
            return json.loads(value)
        except ValueError:
            return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?", value):
        return datetime.fromisoformat(value)
    return value


def rows(target: Path | str, tables: set[str]) -> dict[str, list[tuple]]:
    """Every row of these tables, as (column, value) pairs, sorted: a lossless snapshot."""
    out = {}
    engine = _engine(target)
    try:
        with engine.connect() as conn:
            for table in sorted(tables):
                found = conn.exec_driver_sql(f"SELECT * FROM {table}").mappings().all()
                out[table] = sorted((tuple((k, repr(_plain(v))) for k, v in r.items()) for r in found))
    finally:
        engine.dispose()
    return out


def projected(after: dict[str, list[tuple]], before: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """``after`` keeping only the columns each table had in ``before`` (new columns dropped)."""
    out = {}
    for table, table_rows in after.items():
        old = {k for row in before.get(table, []) for k, _ in row}
        out[table] = sorted(tuple(p for p in row if not old or p[0] in old) for row in table_rows)
    return out


# Columns a migration moved elsewhere and then dropped: (table, column) -> the revision.
# 0003: a paper's model family and tasks became tags of the family and task facets.
MOVED = {("paper", "family"): "0003", ("paper", "tasks"): "0003"}


def lost(after: dict[str, list[tuple]], before: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """The rows of ``before`` missing from ``after`` (compared on ``before``'s columns but the
    :data:`MOVED` ones): a migration may add columns and rows (a catalog id), never lose one."""
    before = {table: [tuple(p for p in row if (table, p[0]) not in MOVED) for row in table_rows]
              for table, table_rows in before.items()}
    projection = projected(after, before)
    out = {}
    for table, old_rows in before.items():
        missing = list(old_rows)
        for row in projection.get(table, []):
            if row in missing:
                missing.remove(row)
        if missing:
            out[table] = missing
    return out


def _split_top_level(body: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in body:
        if ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        depth += (ch == "(") - (ch == ")")
        current += ch
    return [*parts, current.strip()]


def schema(path: Path) -> dict[tuple[str, str], object]:
    """Every table, index and virtual table in a SQLite file's ``sqlite_master``; a table's
    columns and constraints compared as a set (their order in CREATE TABLE does not matter)."""
    out = {}
    conn = sqlite3.connect(path)
    try:
        for type_, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master"):
            sql = re.sub(r"\s+", " ", sql or "").strip()
            match = re.match(r"^CREATE TABLE \S+ ?\((.*)\)$", sql)
            out[type_, name] = frozenset(_split_top_level(match.group(1))) if match else sql
    finally:
        conn.close()
    return out


SLOW_NEXT = '''
"""Test-only revision: one statement that runs until it is interrupted."""
from alembic import op

revision = "{next}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE paper SET remark = 'half done'")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
    else:
        op.execute("SELECT pg_sleep(600)")


def downgrade():
    raise NotImplementedError
'''


def add_revision(tmp_path: Path, monkeypatch, template: str, name: str) -> tuple[str, str]:
    """The shipped migrations, copied, plus one test-only revision after the head (``template``
    formatted with ``head`` and ``next``, in ``versions/<next>_<name>.py``), used for the test.
    Returns (the real head, the new revision); HEAD is left to the caller."""
    location = tmp_path / "scripts"
    shutil.copytree(migrations.SCRIPT_LOCATION, location, ignore=shutil.ignore_patterns("__pycache__"))
    head, nxt = migrations.HEAD, f"{int(migrations.HEAD) + 1:04d}"
    (location / "versions" / f"{nxt}_{name}.py").write_text(textwrap.dedent(template).format(head=head, next=nxt))
    monkeypatch.setattr(migrations, "SCRIPT_LOCATION", location)
    return head, nxt


def add_slow_revision(tmp_path: Path, monkeypatch) -> str:
    """A revision whose one statement never ends on its own, made the head for the test.
    Returns the real head."""
    head, nxt = add_revision(tmp_path, monkeypatch, SLOW_NEXT, "test_slow")
    monkeypatch.setattr(migrations, "HEAD", nxt)
    return head
