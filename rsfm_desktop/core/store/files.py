"""Where a folder catalog keeps its SQLite file (shared by the store and the backups)."""

from __future__ import annotations

from pathlib import Path

CATALOG_FILE = "catalog.sqlite3"


def catalog_path(data_dir: Path) -> Path:
    return Path(data_dir) / CATALOG_FILE
