"""Fixtures shared by all tests: catalogs seeded from the small fixture catalog, on SQLite (a
temporary folder) and on PostgreSQL (a database of one real server started for the session).

``catalog`` is parametrised over both engines, so a test using it runs twice
(``test_x[sqlite]``, ``test_x[postgresql]``). A module or test that is about SQLite files
(backups, migrations of files, kill safety, hostile files) narrows it with :data:`sqlite_only`.
Without PostgreSQL's server binaries the PostgreSQL half fails loudly (CI installs them).
"""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never touch the user's real settings, caches (the recovery journal) or data: every
# platform folder points into a throw-away home for the whole run.
_HOME = tempfile.mkdtemp(prefix="rsfm-test-home-")
for _var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = os.path.join(_HOME, _var.lower())

import itertools  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from rsfm_desktop.core.catalog import Catalog, open_catalog  # noqa: E402

FIXTURE_CATALOG = Path(__file__).resolve().parent / "fixtures" / "mini_catalog.json"
ENGINES = ("sqlite", "postgresql")
CATALOG_FILE = "catalog.sqlite3"

# Narrows the engine-parametrised fixtures to SQLite (``pytestmark = sqlite_only``).
sqlite_only = pytest.mark.parametrize("engine_name", ["sqlite"])


@pytest.fixture(scope="session")
def pg_server():
    """One PostgreSQL server for the session (``initdb`` + ``pg_ctl`` in a temporary folder)."""
    from tests.support.pg_server import PostgresServer

    server = PostgresServer()  # raises when the binaries are missing: no silent skip
    server.start()
    yield server
    server.close()


@pytest.fixture
def lab_url(pg_server):
    """An empty database on the session's server, for a lab catalog; dropped afterwards."""
    name = f"lab_{os.getpid()}_{next(_LAB_NUMBERS)}"
    yield pg_server.create_database(name)
    pg_server.drop_database(name)


_LAB_NUMBERS = itertools.count(1)


class _Templates:
    """Catalogs built once per session and copied per test: seeded from the fixture catalog,
    or empty (schema only). SQLite: files; PostgreSQL: template databases."""

    def __init__(self, tmp_factory):
        self.tmp_factory = tmp_factory
        self.files: dict[bool, Path] = {}
        self.databases: dict[bool, str] = {}

    def sqlite_file(self, seeded: bool) -> Path:
        if seeded not in self.files:
            folder = self.tmp_factory.mktemp("template-seeded" if seeded else "template-empty")
            open_catalog(folder, catalog_file=FIXTURE_CATALOG, seed=seeded).close()
            self.files[seeded] = folder / CATALOG_FILE
        return self.files[seeded]

    def pg_database(self, server, seeded: bool) -> str:
        if seeded not in self.databases:
            name = "template_seeded" if seeded else "template_empty"
            open_catalog(server.create_database(name), catalog_file=FIXTURE_CATALOG, seed=seeded).close()
            self.databases[seeded] = name
        return self.databases[seeded]


@pytest.fixture(scope="session")
def _templates(tmp_path_factory):
    return _Templates(tmp_path_factory)


_DATABASE_NUMBERS = itertools.count(1)


class Targets:
    """Makes and opens catalogs on one engine for one test; closes them (and drops the test's
    databases) afterwards.

    ``new()`` gives a fresh target (a folder, or a ``postgresql://`` URL) holding a copy of the
    seeded fixture catalog (``seeded=False``: an empty catalog); ``open(target)`` opens it, as
    often as a test wants (two windows, two lab members)."""

    def __init__(self, engine: str, tmp_path: Path, templates: _Templates, server_getter):
        self.engine = engine
        self.tmp_path = tmp_path
        self.templates = templates
        self._server_getter = server_getter
        self._opened: list[Catalog] = []
        self._databases: list[str] = []
        self._folders = itertools.count(1)

    @property
    def server(self):
        return self._server_getter()

    def new(self, seeded: bool = True) -> Path | str:
        if self.engine == "sqlite":
            folder = self.tmp_path / f"catalog-{next(self._folders)}"
            folder.mkdir()
            shutil.copyfile(self.templates.sqlite_file(seeded), folder / CATALOG_FILE)
            return folder
        template = self.templates.pg_database(self.server, seeded)
        name = f"test_{os.getpid()}_{next(_DATABASE_NUMBERS)}"
        self._databases.append(name)
        return self.server.create_database(name, template=template)

    def blank(self) -> Path | str:
        """A target holding nothing at all (a first launch creates the catalog there)."""
        if self.engine == "sqlite":
            return self.tmp_path / f"catalog-{next(self._folders)}"
        name = f"test_{os.getpid()}_{next(_DATABASE_NUMBERS)}"
        self._databases.append(name)
        return self.server.create_database(name)

    def open(self, target: Path | str, **kwargs) -> Catalog:
        kwargs.setdefault("catalog_file", FIXTURE_CATALOG)
        catalog = open_catalog(target, **kwargs)
        self._opened.append(catalog)
        return catalog

    def empty(self) -> Catalog:
        """A new catalog with its schema and nothing else (no entries, no taxonomy), opened."""
        return self.open(self.new(seeded=False), seed=False)

    def close(self) -> None:
        for catalog in self._opened:
            catalog.close()
        for name in self._databases:
            self.server.drop_database(name)


@pytest.fixture(params=ENGINES)
def engine_name(request):
    return request.param


@pytest.fixture
def targets(engine_name, tmp_path, _templates, request):
    made = Targets(engine_name, tmp_path, _templates, lambda: request.getfixturevalue("pg_server"))
    yield made
    made.close()


@pytest.fixture
def target(targets):
    """Where the test's catalog lives: a folder or a postgresql:// URL, seeded."""
    return targets.new()


@pytest.fixture
def catalog(targets, target) -> Catalog:
    """The catalog seeded from ``tests/fixtures/mini_catalog.json``, on each engine."""
    return targets.open(target)


@pytest.fixture
def empty_catalog(targets) -> Catalog:
    """A catalog with its schema and nothing else (no entries, no taxonomy), on each engine."""
    return targets.empty()


@pytest.fixture
def data_dir(tmp_path):
    """An empty catalog folder (the app creates the database in it)."""
    return tmp_path / "data"


@pytest.fixture
def folder_catalog(data_dir):
    """A SQLite catalog in ``data_dir``, opened (created and seeded) as a first launch does."""
    catalog = open_catalog(data_dir, catalog_file=FIXTURE_CATALOG)
    yield catalog
    catalog.close()


@pytest.fixture(scope="session")
def test_pdfs(qapp, tmp_path_factory) -> dict[str, Path]:
    """PDF files made once per run (tests/support/pdfs.py): latin, cjk, two_column, scanned,
    encrypted, damaged. Tests that change one copy it first."""
    from tests.support.pdfs import make_test_pdfs

    return make_test_pdfs(tmp_path_factory.mktemp("pdfs"))
