"""Where things are: bundled read-only resources versus the user's writable data.

The only module that knows about PyInstaller's ``sys._MEIPASS``. The bundle mirrors the
development layout (``resources/`` and ``data/`` beside the package), so one lookup works frozen
and unfrozen. Nothing is ever written below :func:`bundle_root`.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP_NAME = "RSFM Desktop"
APP_ID = "rsfm-desktop"
ORG_NAME = "RSFM Lab"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def bundle_root() -> Path:
    """The folder holding ``resources/`` and ``data/`` (the repo root, or the bundle)."""
    if is_frozen():
        return Path(sys._MEIPASS)  # type: ignore[attr-defined]
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    return bundle_root().joinpath("resources", *parts)


def data_path(*parts: str) -> Path:
    return bundle_root().joinpath("data", *parts)


def bundled_catalog() -> Path:
    return data_path("catalog.json")


def recovery_dir() -> Path:
    """Where unsaved work waits for the next start (the user cache folder, outside every
    catalog folder, so a vanished or full catalog disk does not take it along)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_ID, appauthor=False)) / "recovery"


def default_data_dir() -> Path:
    """The platform's per-user data folder (never inside the install folder)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_ID, appauthor=False, roaming=True))
