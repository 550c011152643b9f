"""Schema migrations: models and migrations agree, old catalogs upgrade without losing a row,
newer catalogs are refused untouched, and an up-to-date catalog opens without Alembic."""

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import warnings

import pytest
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from rsfm_desktop.core import backup, db, migrations, services
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.repository import CatalogRepository, Query

from ..conftest import FIXTURE_CATALOG
from .migration_helpers import build_catalog, projected, revision_of, rows, schema, user_tables


def test_head_constant_is_the_head_of_the_scripts():
    assert migrations.script_head() == migrations.HEAD
    assert migrations.known_revisions()[-1] == migrations.HEAD


def test_models_and_migration_head_agree(tmp_path):
    """Fails when core/models.py changes without a migration (or the other way round)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    path = tmp_path / "migrated.sqlite3"
    migrations.upgrade(f"sqlite:///{path}")
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "skipping expression-based index": compared below
        context = MigrationContext.configure(conn, opts={
            "include_name": migrations.include_name,
            "include_object": migrations.include_object,
            "compare_type": True,
        })
        diffs = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert diffs == []


def test_new_catalog_and_migrated_catalog_have_the_same_schema(tmp_path):
    """New catalogs are created from the models and stamped; upgraded ones run the migrations.
    Both must end up identical, expression indexes and FTS tables included."""
    migrated = tmp_path / "migrated.sqlite3"
    migrations.upgrade(f"sqlite:///{migrated}")
    db.open_catalog(tmp_path / "new").dispose()
    assert schema(db.catalog_path(tmp_path / "new")) == schema(migrated)


@pytest.mark.parametrize("revision", migrations.known_revisions())
def test_catalog_at_each_revision_opens_with_nothing_lost(tmp_path, revision):
    data_dir = tmp_path / "data"
    path = build_catalog(data_dir, revision)
    tables = user_tables(path)
    before = rows(path, tables)

    engine = db.open_catalog(data_dir)

    assert projected(rows(path, tables), before) == before  # every row, every old column
    assert revision_of(path) == migrations.HEAD
    if revision != migrations.HEAD:
        assert backup.backup_files(data_dir), "no backup was made before upgrading"
    repo = CatalogRepository(engine)
    assert 1 in repo.list_ids(Kind.PAPER, Query(text="遥感"))  # search index survived
    assert repo.note(Kind.PAPER, 1).body == "# Notes\n读过 **twice**\n"
    assert [(e.id, e.relation) for e in repo.linked(Kind.PAPER, 1)] == [(1, "introduces")]


def test_pre_alembic_catalog_is_backed_up_then_stamped(tmp_path):
    """Catalogs made before migrations existed carry meta 'schema_version' = '0001'."""
    data_dir = tmp_path / "data"
    path = build_catalog(data_dir, "0001")
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE alembic_version")
        conn.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '0001')")
    conn.close()
    before = rows(path, user_tables(path) - {"meta"})

    db.open_catalog(data_dir).dispose()

    assert revision_of(path) == migrations.HEAD
    assert rows(path, set(before)) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM meta WHERE key='schema_version'").fetchone() == (0,)
    conn.close()
    [saved] = backup.backup_files(data_dir)
    assert rows(saved, set(before)) == before


def _hash(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_catalog_from_a_newer_app_is_refused_and_left_untouched(tmp_path):
    data_dir = tmp_path / "data"
    path = build_catalog(data_dir, migrations.HEAD)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    digest = _hash(path)

    with pytest.raises(db.CatalogTooNewError, match="written by a newer version of RSFM Desktop"):
        services.open_catalog(data_dir, FIXTURE_CATALOG)

    assert _hash(path) == digest
    assert not backup.backup_files(data_dir)


FAKE_0002 = '''
"""Test-only revision: adds a column by copying the paper table (a batch migration)."""
from alembic import op
import sqlalchemy as sa

revision = "0002"
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


@pytest.fixture
def scripts_with_a_table_copy(tmp_path, monkeypatch):
    """The shipped migrations plus a revision that rebuilds the paper and dataset tables:
    with foreign keys on, dropping the old tables would cascade away notes, links and tags."""
    location = tmp_path / "scripts"
    shutil.copytree(migrations.SCRIPT_LOCATION, location, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrations.HEAD
    (location / "versions" / "0002_test_copy.py").write_text(textwrap.dedent(FAKE_0002).format(head=head))
    monkeypatch.setattr(migrations, "SCRIPT_LOCATION", location)
    yield head
    monkeypatch.setattr(migrations, "HEAD", head)


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_upgrade_backs_up_first_and_keeps_every_row(tmp_path, monkeypatch, scripts_with_a_table_copy):
    old_head = scripts_with_a_table_copy
    data_dir = tmp_path / "data"
    path = build_catalog(data_dir, old_head)
    tables = user_tables(path)
    before = rows(path, tables)
    monkeypatch.setattr(migrations, "HEAD", "0002")

    db.open_catalog(data_dir).dispose()

    assert revision_of(path) == "0002"
    after = rows(path, tables)
    for table in ("paper", "dataset"):
        assert {k for k, _ in after[table][0]} - {k for k, _ in before[table][0]} == {"extra"}
    assert projected(after, before) == before
    [saved] = backup.backup_files(data_dir)
    assert revision_of(saved) == old_head
    assert rows(saved, tables) == before


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_failed_upgrade_changes_nothing(tmp_path, monkeypatch, scripts_with_a_table_copy):
    old_head = scripts_with_a_table_copy
    data_dir = tmp_path / "data"
    path = build_catalog(data_dir, old_head)
    versions = migrations.SCRIPT_LOCATION / "versions" / "0002_test_copy.py"
    versions.write_text(versions.read_text().replace(
        "def upgrade():\n", "def upgrade():\n    op.execute('DELETE FROM note')\n    raise RuntimeError('boom')\n"
    ))
    before = rows(path, user_tables(path))
    monkeypatch.setattr(migrations, "HEAD", "0002")

    with pytest.raises(RuntimeError, match="boom"):
        db.open_catalog(data_dir)

    assert revision_of(path) == old_head
    assert rows(path, set(before)) == before


def test_up_to_date_catalog_opens_without_importing_alembic(service, data_dir):
    code = (
        "import sys; from rsfm_desktop.core import db; "
        f"db.open_catalog({str(data_dir)!r}).dispose(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
