"""Fixtures of the core tests (the catalogs themselves are in ``tests/conftest.py``)."""

import pytest

from .taxonomy_helpers import Stack


@pytest.fixture
def stack(catalog):
    """The window's undo stack, as far as the core tests need it."""
    return Stack(catalog)


@pytest.fixture
def tax(catalog, stack):
    """The catalog's taxonomy, its commands pushed on ``stack``."""
    catalog.taxonomy.on_command = stack.push
    return catalog.taxonomy
