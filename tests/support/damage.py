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


def flip_words(path: Path, flips: int = 30, seed: int = 0) -> None:
    """XOR ``flips`` random 32-bit words in the middle half of the file with random values (as
    failing RAM, a bad cable or a torn write do). With 30 flips in a catalog of about 1 MB,
    about half the files still pass ``PRAGMA quick_check``: the damage is in the text of rows."""
    import random
    import struct

    rng = random.Random(seed)
    data = bytearray(Path(path).read_bytes())
    for _ in range(flips):
        offset = rng.randrange(len(data) // 4, 3 * len(data) // 4) & ~3
        (word,) = struct.unpack_from("<I", data, offset)
        struct.pack_into("<I", data, offset, word ^ (rng.getrandbits(32) or 1))
    Path(path).write_bytes(bytes(data))


def passes_quick_check(path: Path) -> bool:
    try:
        return checks(path)[0] == ["ok"]
    except (sqlite3.DatabaseError, UnicodeDecodeError):  # the check's message quotes damaged bytes
        return False


def garble_text(path: Path, table: str, row_id: int, column: str) -> None:
    """Turn the stored text of one cell into bytes that are not UTF-8, in place in the file's
    pages (the row still reads, the text does not decode): damage ``quick_check`` misses (and
    ``integrity_check`` too unless an index holds the column)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (value,) = conn.execute(f"SELECT {column} FROM {table} WHERE id = ?", (row_id,)).fetchone()
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))]
    finally:
        conn.close()
    raw = value.encode("utf-8")
    assert len(raw) >= 4
    data = bytearray(Path(path).read_bytes())
    found = []
    for page in pages:  # the table's own pages (the search index holds copies of some texts)
        start = (page - 1) * page_size
        at = data.find(raw, start, start + page_size)
        while at >= 0:
            found.append(at)
            at = data.find(raw, at + 1, start + page_size)
    assert len(found) == 1, "the text is not stored once, in one piece, on the table's pages"
    data[found[0] + 1 : found[0] + 3] = b"\xff\xfe"
    Path(path).write_bytes(bytes(data))


def damaged_copies(source: Path, folder: Path, count: int = 10, flips: int = 30) -> list[Path]:
    """Catalog folders holding copies of ``source`` each damaged by :func:`flip_words` (seeds
    0, 1, ...) whose file still passes ``quick_check`` (so the app opens it), ``count`` of them."""
    import shutil

    source = Path(source)
    conn = sqlite3.connect(source)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    found, seed = [], 0
    while len(found) < count and seed < count * 10:
        target = Path(folder) / f"damaged-{seed}"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target / source.name)
        flip_words(target / source.name, flips, seed)
        if passes_quick_check(target / source.name):
            found.append(target)
        else:
            shutil.rmtree(target)
        seed += 1
    return found
