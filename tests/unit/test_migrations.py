"""Schema migrations: models and migrations agree on both engines, old catalogs upgrade without
losing a row, newer catalogs are refused untouched, and an up-to-date catalog opens without
Alembic."""

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import warnings

import pytest
from sqlmodel import SQLModel

from rsfm_desktop.core import backup, migrations
from rsfm_desktop.core.catalog import open_catalog
from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.errors import CatalogTooNewError
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store.sqlite import catalog_path

from .migration_helpers import (
    _engine,
    add_revision,
    build_catalog,
    lost,
    projected,
    revision_at,
    rows,
    schema,
    url_of,
    user_tables,
)


def test_head_constant_is_the_head_of_the_scripts():
    assert migrations.script_head() == migrations.HEAD
    assert migrations.known_revisions()[-1] == migrations.HEAD


def migrated(targets):
    """A blank folder or database upgraded from nothing to the head by Alembic."""
    target = targets.blank()
    if not isinstance(target, str):
        target.mkdir()
    migrations.upgrade(url_of(target))
    return target


def created(targets):
    """A catalog created as a first launch creates it (from the models, stamped), not seeded."""
    target = targets.blank()
    targets.open(target, seed=False).close()
    return target


def metadata_differences(target):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = _engine(target)
    try:
        with engine.connect() as conn, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "skipping expression-based index": compared below
            context = MigrationContext.configure(conn, opts={
                "include_name": migrations.include_name,
                "include_object": migrations.include_object,
                "compare_type": True,
                "compare_server_default": True,
            })
            return compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()


def test_models_and_migration_head_agree(targets):
    """Fails when core/models.py changes without a migration (or the other way round)."""
    assert metadata_differences(migrated(targets)) == []


def test_a_created_catalog_matches_the_models(targets):
    assert metadata_differences(created(targets)) == []


def pg_schema(url):
    """Columns (type, nullability, default), indexes (their definitions), constraints and
    extensions of a PostgreSQL catalog, the search tables included."""
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            def q(sql):
                return sorted(map(tuple, conn.exec_driver_sql(sql).all()))
            return {
                "columns": q("SELECT table_name, column_name, data_type, is_nullable, column_default"
                             " FROM information_schema.columns WHERE table_schema = 'public'"),
                "indexes": q("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"),
                "constraints": q("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
                                 " FROM pg_constraint WHERE connamespace = 'public'::regnamespace"),
                "extensions": q("SELECT extname FROM pg_extension"),
                # the search tables' storage (out of line) and their match functions
                "storage": q("SELECT c.relname, coalesce(array_to_string(c.reloptions, ','), ''), a.attname,"
                             " a.attstorage FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
                             " WHERE c.relnamespace = 'public'::regnamespace AND strpos(c.relname, 'search') > 0"
                             " AND a.attnum > 0 AND NOT a.attisdropped"),
                "functions": q("SELECT proname, pg_get_functiondef(oid) FROM pg_proc"
                               " WHERE pronamespace = 'public'::regnamespace AND strpos(proname, 'search_match') > 0"),
            }
    finally:
        engine.dispose()


def test_new_catalog_and_migrated_catalog_have_the_same_schema(targets, engine_name):
    """New catalogs are created from the models and stamped; upgraded ones run the migrations.
    Both must end up identical, expression indexes and search tables included."""
    old, new = migrated(targets), created(targets)
    if engine_name == "sqlite":
        assert schema(catalog_path(new)) == schema(catalog_path(old))
    else:
        assert pg_schema(new) == pg_schema(old)


@pytest.mark.parametrize("revision", migrations.known_revisions())
def test_catalog_at_each_revision_opens_with_nothing_lost(targets, revision, engine_name):
    target = build_catalog(targets.blank(), revision)
    tables = user_tables(target)
    before = rows(target, tables)

    catalog = targets.open(target, seed=False)

    assert lost(rows(target, tables), before) == {}  # every row, every old column
    assert revision_at(target) == migrations.HEAD
    if revision != migrations.HEAD and engine_name == "sqlite":
        assert backup.backup_files(target), "no backup was made before upgrading"
    assert 1 in catalog.entries.list_ids(Kind.PAPER, Query(text="遥感"))  # the search finds old entries
    assert catalog.entries.list_ids(Kind.PAPER, Query(text="vision language")) == [1]
    assert catalog.notes.text(Kind.PAPER, 1) == "# Notes\n读过 **twice**\n"
    assert [(e.id, e.relation) for e in catalog.entries.linked(Kind.PAPER, 1)] == [(1, "introduces")]
    [attached] = catalog.attachments.list(Kind.PAPER, 1)  # a linked file (given a global id)
    assert (str(attached.path), attached.mode, attached.owner) == ("/papers/clip.pdf", "linked", (Kind.PAPER, 1))
    assert attached.state == "missing" and (attached.uuid or revision >= "0004")
    # and the upgraded catalog takes new work: ids, versions, the change log
    new = catalog.entries.create(Kind.PAPER, {"title": "After the upgrade"}).result
    assert new > 2 and catalog.entries.get(Kind.PAPER, new).uuid
    if revision < "0002":
        assert catalog.entries.get(Kind.PAPER, 1).uuid  # given by migration 0002 (global ids)
    catalog.entries.update(Kind.PAPER, 1, {"remark": "edited"}, expected_version=3, base={"remark": None})
    assert catalog.entries.get(Kind.PAPER, 1).version == 4
    assert catalog.taxonomy.create_tag("task", "Captioning").result > 2
    if migrations.known_revisions().index(revision) < migrations.known_revisions().index("0003"):
        # 0003: the model family and tasks text became tags (a synonym finds the tag; a
        # missing tag, or facet, is created) and are found by the search box.
        tags = catalog.taxonomy.entry_tags(Kind.PAPER, [1])[1]
        assert sorted((t.facet_key, t.label_en) for t in tags) == [
            ("family", "VLM"), ("task", "Cross-view geo-localisation"), ("task", "Open VQA"), ("task", "VQA")]
        assert catalog.entries.list_ids(Kind.PAPER, Query(text="geo-localisation")) == [1]
        assert "family" not in catalog.entries.get(Kind.PAPER, 1).values


def test_pre_alembic_catalog_is_backed_up_then_stamped(data_dir):
    """Catalogs made before migrations existed carry meta 'schema_version' = '0001'."""
    path = catalog_path(build_catalog(data_dir, "0001"))
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE alembic_version")
        conn.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '0001')")
    conn.close()
    before = rows(data_dir, user_tables(data_dir) - {"meta"})

    open_catalog(data_dir, seed=False).close()

    assert revision_at(data_dir) == migrations.HEAD
    assert lost(rows(data_dir, set(before)), before) == {}
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM meta WHERE key='schema_version'").fetchone() == (0,)
    conn.close()
    [saved] = backup.backup_files(data_dir)
    saved_dir = saved.parent / "saved"
    saved_dir.mkdir()
    shutil.copyfile(saved, catalog_path(saved_dir))
    assert rows(saved_dir, set(before)) == before


def _hash(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_catalog_from_a_newer_app_is_refused_and_left_untouched(targets, engine_name):
    target = build_catalog(targets.blank(), migrations.HEAD)
    engine = _engine(target)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    engine.dispose()
    before = rows(target, user_tables(target))
    digest = _hash(catalog_path(target)) if engine_name == "sqlite" else None

    with pytest.raises(CatalogTooNewError, match="written by a newer version of RSFM Desktop"):
        targets.open(target)

    assert rows(target, user_tables(target)) == before and revision_at(target) == "9999_future"
    if engine_name == "sqlite":
        assert _hash(catalog_path(target)) == digest
        assert not backup.backup_files(target)


FAKE_NEXT = '''
"""Test-only revision: adds a column by copying the paper table (a batch migration)."""
from alembic import op
import sqlalchemy as sa

revision = "{next}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("paper", recreate="always") as batch:
        batch.add_column(sa.Column("extra", sa.String(), nullable=True))
    with op.batch_alter_table("dataset", recreate="always") as batch:
        batch.add_column(sa.Column("extra", sa.String(), nullable=True))


def downgrade():
    raise NotImplementedError
'''
NEXT = f"{int(migrations.HEAD) + 1:04d}"


@pytest.fixture
def scripts_with_a_table_copy(tmp_path, monkeypatch):
    """The shipped migrations plus a revision that rebuilds the paper and dataset tables:
    with foreign keys on, dropping the old tables would cascade away notes, links and tags."""
    head, _next = add_revision(tmp_path, monkeypatch, FAKE_NEXT, "test_copy")
    yield head
    monkeypatch.setattr(migrations, "HEAD", head)


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_upgrade_backs_up_first_and_keeps_every_row(data_dir, monkeypatch, scripts_with_a_table_copy):
    old_head = scripts_with_a_table_copy
    build_catalog(data_dir, old_head)
    tables = user_tables(data_dir)
    before = rows(data_dir, tables)
    monkeypatch.setattr(migrations, "HEAD", NEXT)

    open_catalog(data_dir, seed=False).close()

    assert revision_at(data_dir) == NEXT
    after = rows(data_dir, tables)
    for table in ("paper", "dataset"):
        assert {k for k, _ in after[table][0]} - {k for k, _ in before[table][0]} == {"extra"}
    assert projected(after, before) == before
    [saved] = backup.backup_files(data_dir)
    with sqlite3.connect(saved) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (old_head,)
    conn.close()


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_failed_upgrade_changes_nothing(data_dir, monkeypatch, scripts_with_a_table_copy):
    old_head = scripts_with_a_table_copy
    build_catalog(data_dir, old_head)
    versions = migrations.SCRIPT_LOCATION / "versions" / f"{NEXT}_test_copy.py"
    versions.write_text(versions.read_text().replace(
        "def upgrade():\n", "def upgrade():\n    op.execute('DELETE FROM note')\n    raise RuntimeError('boom')\n"
    ))
    before = rows(data_dir, user_tables(data_dir))
    monkeypatch.setattr(migrations, "HEAD", NEXT)

    with pytest.raises(RuntimeError, match="boom"):
        open_catalog(data_dir, seed=False)

    assert revision_at(data_dir) == old_head
    assert rows(data_dir, set(before)) == before


def test_up_to_date_catalog_opens_without_importing_alembic(folder_catalog, data_dir):
    folder_catalog.close()
    code = (
        "import sys; from rsfm_desktop.core.catalog import open_catalog; "
        f"open_catalog({str(data_dir)!r}, seed=False).close(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _fts_hashsizes(data_dir) -> dict[str, int | None]:
    from rsfm_desktop.core.search import fts5

    with sqlite3.connect(catalog_path(data_dir)) as conn:
        out = {}
        for kind in Kind:
            for name in fts5.TABLES:
                table = f"{kind.value}_fts_{name}"
                found = conn.execute(f"SELECT v FROM {table}_config WHERE k = 'hashsize'").fetchone()
                out[table] = found[0] if found else None
    conn.close()
    return out


def test_search_index_writes_big_batches_as_one_segment_in_new_and_upgraded_catalogs(tmp_path):
    """FTS5 keeps 16 MB of new terms in memory (not 1 MB) before writing a segment: set in a
    new catalog, and by migration 0011 in an older one, for every writer of either."""
    from rsfm_desktop.core.search import fts5

    new, old = tmp_path / "new", tmp_path / "old"
    open_catalog(new, seed=False).close()
    build_catalog(old, "0009")
    with sqlite3.connect(catalog_path(old)) as conn:  # as the app before 0011 made it
        for table in _fts_hashsizes(old):
            conn.execute(f"DELETE FROM {table}_config WHERE k = 'hashsize'")
    conn.close()
    assert set(_fts_hashsizes(old).values()) == {None}  # FTS5's default

    open_catalog(old, seed=False).close()

    assert set(_fts_hashsizes(new).values()) == {fts5.HASHSIZE}
    assert set(_fts_hashsizes(old).values()) == {fts5.HASHSIZE}


def test_an_upgraded_catalog_finds_accented_names_typed_without_accents(tmp_path):
    """Migration 0016 folds the accents of the trigram index's text that an older app wrote as
    typed: "muller" then finds "Müller" in an old catalog as in a new one, and the rest of
    the index still answers."""
    old = tmp_path / "old"
    build_catalog(old, "0015")
    with sqlite3.connect(catalog_path(old)) as conn:  # as the app before 0016 indexed it
        conn.execute("UPDATE paper SET authors = '[\"Müller, J.\"]' WHERE id = 1")
        body = conn.execute("SELECT c0 FROM paper_fts_tri_content WHERE id = 1").fetchone()[0]
        conn.execute("UPDATE paper_fts_tri SET body = ? WHERE rowid = 1", (body + "\nMüller, J.",))
    conn.close()
    assert sqlite3.connect(catalog_path(old)).execute(
        "SELECT rowid FROM paper_fts_tri WHERE paper_fts_tri MATCH '\"muller\"'").fetchall() == []

    catalog = open_catalog(old, seed=False)

    assert catalog.entries.list_ids(Kind.PAPER, Query(text="muller")) == [1]
    assert catalog.entries.list_ids(Kind.PAPER, Query(text="MÜLLER vision")) == [1]
    assert catalog.entries.list_ids(Kind.PAPER, Query(text="遥感图像")) == [1]
    catalog.close()


def test_an_upgraded_server_catalog_finds_accented_chunks_typed_without_accents(targets, engine_name):
    """PostgreSQL: migration 0016 indexes again the entries whose text an older app kept with
    its accents ("Über-Net" as the chunk "über-net"): "uber-net" then finds it."""
    if engine_name != "postgresql":
        pytest.skip("SQLite's index is upgraded in the test above")
    target = build_catalog(targets.blank(), "0015")
    engine = _engine(target)
    with engine.begin() as conn:  # as the app before 0016 indexed it: lower case, accents kept
        conn.exec_driver_sql("UPDATE paper SET title = 'Über-Net for remote sensing' WHERE id = 1")
        conn.exec_driver_sql(
            "UPDATE paper_search SET body = 'über-net for remote sensing', words = words ||"
            " array_to_tsvector(ARRAY['~über-net']) WHERE id = 1")
        conn.exec_driver_sql("INSERT INTO paper_search_chunk(chunk) VALUES ('über-net') ON CONFLICT DO NOTHING")
    engine.dispose()

    catalog = targets.open(target, seed=False)

    assert catalog.entries.list_ids(Kind.PAPER, Query(text="uber-net")) == [1]
    assert catalog.entries.list_ids(Kind.PAPER, Query(text="ÜBER-NET")) == [1]
    assert catalog.entries.list_ids(Kind.PAPER, Query(text="remote")) == [1]
