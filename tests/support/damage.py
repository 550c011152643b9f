"""Damaging a catalog file the way disks and crashes do, for the tests that must survive it."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def break_an_index(path: Path, index: str = "ix_paper_doi") -> None:
    """Make an index disagree with its table (as a lost or torn page write does): the file
    still passes ``PRAGMA quick_check`` (which does not compare indexes with tables) but fails
    ``PRAGMA integrity_check``."""
    conn = sqlite3.connect(path)
    try:
        table = conn.execute("SELECT tbl_name FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
        conn.execute("PRAGMA writable_schema=ON")
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?",
                     (f"CREATE INDEX {index} ON {table} (id DESC)", index))
        conn.commit()
    finally:
        conn.close()


def checks(path: Path) -> tuple[list[str], list[str]]:
    """(quick_check, integrity_check) results of a file."""
    conn = sqlite3.connect(path)
    try:
        return ([r[0] for r in conn.execute("PRAGMA quick_check")],
                [r[0] for r in conn.execute("PRAGMA integrity_check")])
    finally:
        conn.close()
