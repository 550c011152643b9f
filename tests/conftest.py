"""Fixtures shared by all tests: a catalog folder seeded from the small fixture catalog."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never touch the user's real settings, caches (the recovery journal) or data: every
# platform folder points into a throw-away home for the whole run.
_HOME = tempfile.mkdtemp(prefix="rsfm-test-home-")
for _var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = os.path.join(_HOME, _var.lower())

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from rsfm_desktop.core.catalog import open_catalog  # noqa: E402

FIXTURE_CATALOG = Path(__file__).resolve().parent / "fixtures" / "mini_catalog.json"


@pytest.fixture
def data_dir(tmp_path):
    """An empty catalog folder (the app creates the database in it)."""
    return tmp_path / "data"


@pytest.fixture
def folder_catalog(data_dir):
    """A folder catalog seeded from ``tests/fixtures/mini_catalog.json``."""
    catalog = open_catalog(data_dir, catalog_file=FIXTURE_CATALOG)
    yield catalog
    catalog.close()
