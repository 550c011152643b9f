"""Smoke tests build the PyInstaller bundle (about a minute), so they run only when asked for:

    python -m pytest -m smoke

In a plain ``python -m pytest`` run they show as skipped.
"""

import pytest


def pytest_collection_modifyitems(config, items):
    if config.getoption("markexpr"):
        return  # an explicit -m expression decides (pytest deselects what it excludes)
    skip = pytest.mark.skip(reason="builds the bundle; run with: python -m pytest -m smoke")
    for item in items:
        if item.get_closest_marker("smoke"):
            item.add_marker(skip)
