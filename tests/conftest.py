"""Fixtures shared by all tests: a catalog folder seeded from the small fixture catalog."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from rsfm_desktop.core import services  # noqa: E402

FIXTURE_CATALOG = Path(__file__).resolve().parent / "fixtures" / "mini_catalog.json"


@pytest.fixture
def data_dir(tmp_path):
    """An empty catalog folder (the app creates the database in it)."""
    return tmp_path / "data"


@pytest.fixture
def service(data_dir):
    """The catalog service over a catalog seeded from ``tests/fixtures/mini_catalog.json``."""
    return services.open_catalog(data_dir, FIXTURE_CATALOG)


@pytest.fixture
def repo(service):
    return service.repo
