"""Backups of the catalog with SQLite's online backup API, and restoring them.

Backups live in ``<data dir>/backups/catalog-YYYYmmdd-HHMMSS.sqlite3`` (UTC, so names sort in
time order whatever the time zone), the newest :data:`DEFAULT_KEEP` kept. Each is a complete,
self-contained SQLite file (rollback-journal mode, no ``-wal`` beside it), written under a
temporary name and renamed, so a crash never leaves a half-written file looking like a backup.

Stored attachments (``<data dir>/attachments/``) are backed up too, each distinct file once:
``backups/files/<sha256>``, and a backup's ``catalog-….files.json`` maps its stored file names to
them. Restoring a backup puts back the stored files it names that are gone or different.

Restoring never deletes anything: the current catalog (with its ``-wal`` file) is renamed to
``catalog.sqlite3.replaced-<timestamp>`` (``damaged-`` when it was broken) before the backup is
copied into place. Plain Python, no Qt.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy.engine import Engine

from .errors import CatalogError, UpgradeCancelled
from .store.files import CATALOG_FILE, catalog_path

BACKUP_DIR = "backups"
FILES_DIR = "files"  # inside BACKUP_DIR: stored attachments, one file per SHA-256
ATTACHMENTS_DIR = "attachments"
DEFAULT_KEEP = 10
DEFAULT_INTERVAL_S = 3600
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^catalog-(\d{8}-\d{6})(?:-\d+)?\.sqlite3$")
_SIDE_FILES = ("-wal", "-shm")  # SQLite names these after the database file


class BackupError(CatalogError):
    """A backup that cannot be made or restored; the message is for the user."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime  # UTC
    size: int
    papers: int | None = None  # None when the file cannot be read
    datasets: int | None = None
    notes: int | None = None
    problem: str | None = None  # None: readable (and passed quick_check when checked)

    @property
    def ok(self) -> bool:
        return self.problem is None


def backup_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIR


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(timezone.utc)).strftime(_STAMP)


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    path, n = folder / f"{stem}{suffix}", 1
    while path.exists() or path.with_name(path.name + ".partial").exists():
        n += 1
        path = folder / f"{stem}-{n}{suffix}"
    return path


def _next_backup_name(folder: Path) -> Path:
    """``catalog-<now>.sqlite3``, or ``-2``, ``-3``... after the newest one of the same second
    (never a pruned name again: names must keep sorting in time order)."""
    stamp = _stamp()
    same = [_sort_key(p)[1] for p in folder.glob(f"catalog-{stamp}*.sqlite3") if _NAME.match(p.name)]
    n = max(same, default=0) + 1
    return folder / (f"catalog-{stamp}.sqlite3" if n == 1 else f"catalog-{stamp}-{n}.sqlite3")


Progress = Callable[[int, int], None]  # (pages copied, pages in all)

_PAGES_PER_STEP = 4096  # 16 MB at the default page size: progress a few times a second


def _copy(source: sqlite3.Connection, target: Path, progress: Progress | None = None,
          cancelled: Callable[[], bool] | None = None) -> None:
    """Copy an open database into ``target`` (a fresh file) and make it self-contained.

    With ``progress`` or ``cancelled`` the copy runs in steps: ``progress`` hears after each,
    and ``cancelled()`` turning true stops it with :class:`UpgradeCancelled`."""
    dest = sqlite3.connect(target)

    def step(_status: int, remaining: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise UpgradeCancelled()
        if progress is not None:
            progress(total - remaining, total)

    try:
        if progress is None and cancelled is None:
            source.backup(dest)
        else:
            source.backup(dest, pages=_PAGES_PER_STEP, progress=step)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()


def _write_atomically(target: Path, fill: Callable[[Path], None]) -> None:
    partial = target.with_name(target.name + ".partial")
    try:
        fill(partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def copy_catalog_file(source: Path, target: Path) -> None:
    """A consistent, self-contained copy of a catalog file (e.g. moving the catalog folder)."""
    conn = sqlite3.connect(source)
    try:
        _write_atomically(target, lambda path: _copy(conn, path))
    finally:
        conn.close()


def save_copy(engine: Engine, folder: Path) -> Path:
    """Copy the catalog the engine has open into ``folder`` (a new catalog folder), through the
    connection that is still open: a catalog whose file was deleted or whose disk went away
    is still readable there, and this is how it is saved. Returns the new catalog file."""
    folder = Path(folder)
    target = catalog_path(folder)
    if target.exists():
        raise BackupError(f"{folder} already holds a catalog: choose an empty folder.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with engine.connect() as conn:
            source = conn.connection.dbapi_connection
            if not source.execute("SELECT count(*) FROM sqlite_master WHERE name = 'paper'").fetchone()[0]:
                raise BackupError("The open catalog can no longer be read: nothing could be copied.")
            _write_atomically(target, lambda path: _copy(source, path))
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"Could not save the catalog into {folder}: {exc}") from exc
    return target


def backup_now(engine: Engine, data_dir: Path, keep: int = DEFAULT_KEEP) -> Path:
    """Back up the live catalog now; keeps the newest ``keep`` backups. Returns the new file."""
    with engine.connect() as conn:
        return _backup(conn.connection.dbapi_connection, data_dir, keep)


def backup_file(catalog: Path, data_dir: Path, keep: int = DEFAULT_KEEP, progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None) -> Path:
    """Back up a catalog file that no engine has open (before a migration); ``progress`` and
    ``cancelled`` as for :func:`_copy` (a cancelled backup leaves no file)."""
    source = sqlite3.connect(catalog)
    try:
        return _backup(source, data_dir, keep, progress, cancelled)
    finally:
        source.close()


def _backup(source: sqlite3.Connection, data_dir: Path, keep: int, progress: Progress | None = None,
            cancelled: Callable[[], bool] | None = None) -> Path:
    folder = backup_dir(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = _next_backup_name(folder)
        _write_atomically(target, lambda path: _copy(source, path, progress, cancelled))
        _backup_attachments(data_dir, target)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"Could not write a backup into {folder}: {exc}") from exc
    prune(data_dir, keep)
    return target


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".files.json")


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _stored_names(backup: Path) -> list[tuple[str, str | None]]:
    """(file name, SHA-256 as recorded) of the stored attachments a backup file names."""
    conn = sqlite3.connect(backup)
    try:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(attachment)")}
        if "mode" not in columns:
            return []
        return conn.execute("SELECT path, sha256 FROM attachment WHERE mode = 'stored'").fetchall()
    finally:
        conn.close()


def _backup_attachments(data_dir: Path, backup: Path) -> None:
    """Copy the stored files the new backup names into ``backups/files`` (those not there
    yet) and write the backup's manifest."""
    import json
    import shutil

    stored = Path(data_dir) / ATTACHMENTS_DIR
    names = _stored_names(backup)
    if not names:
        return
    blobs = backup_dir(data_dir) / FILES_DIR
    blobs.mkdir(exist_ok=True)
    manifest = {}
    for name, recorded in names:
        source = stored / name
        if not source.is_file():
            continue  # not on this computer: nothing to keep
        sha = _sha256(source)
        blob = blobs / sha
        if not blob.exists():
            _write_atomically(blob, lambda path, source=source: shutil.copyfile(source, path))
        manifest[name] = sha
    _write_atomically(manifest_path(backup), lambda path: path.write_text(json.dumps(manifest, indent=1),
                                                                           encoding="utf-8"))


def _prune_files(data_dir: Path) -> None:
    """Delete the backed-up stored files no kept backup names any more."""
    import json

    blobs = backup_dir(data_dir) / FILES_DIR
    if not blobs.is_dir():
        return
    named: set[str] = set()
    for kept in backup_files(data_dir):
        try:
            named |= set(json.loads(manifest_path(kept).read_text(encoding="utf-8")).values())
        except (OSError, ValueError):
            continue
    for blob in blobs.iterdir():
        if blob.name not in named and not blob.name.endswith(".partial"):
            blob.unlink(missing_ok=True)


def restore_attachments(data_dir: Path, backup: Path) -> list[str]:
    """Put back the stored files a backup names that are missing or different in the
    attachments folder (a changed one is kept beside, renamed); returns their names."""
    import json
    import shutil

    try:
        manifest = json.loads(manifest_path(backup).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    stored = Path(data_dir) / ATTACHMENTS_DIR
    blobs = backup_dir(data_dir) / FILES_DIR
    put_back = []
    for name, sha in manifest.items():
        blob, target = blobs / sha, stored / name
        if not blob.is_file() or (target.is_file() and _sha256(target) == sha):
            continue
        stored.mkdir(parents=True, exist_ok=True)
        if target.exists():
            os.replace(target, _free_name(stored, f"{target.stem}.replaced-{_stamp()}", target.suffix))
        _write_atomically(target, lambda path, blob=blob: shutil.copyfile(blob, path))
        put_back.append(name)
    return put_back


_LEFTOVER = re.compile(r"^catalog-\d{8}-\d{6}(?:-\d+)?\.sqlite3\.partial(?:-journal|-wal|-shm)?$")
LEFTOVER_AGE_S = 10.0  # younger ones may be a backup another process is writing right now


def remove_leftovers(data_dir: Path, older_than_s: float = LEFTOVER_AGE_S) -> list[Path]:
    """Delete what a backup killed halfway left in the backups folder (``.partial`` files and
    their journals), never a finished backup or anything else. Returns what was removed."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    removed, now = [], time.time()
    for path in folder.iterdir():
        try:
            if _LEFTOVER.match(path.name) and now - path.stat().st_mtime >= older_than_s:
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # gone meanwhile, or not ours to delete: next start
    return removed


def backup_files(data_dir: Path) -> list[Path]:
    """Backup files, newest first."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if _NAME.match(p.name)), key=_sort_key, reverse=True)


def _sort_key(path: Path) -> tuple[str, int]:
    match = re.match(r"^catalog-(\d{8}-\d{6})(?:-(\d+))?", path.name)
    return match.group(1), int(match.group(2) or 1)


def prune(data_dir: Path, keep: int = DEFAULT_KEEP) -> None:
    """Delete all but the newest ``keep`` backups (never anything else)."""
    for old in backup_files(data_dir)[max(keep, 1):]:
        old.unlink(missing_ok=True)
        manifest_path(old).unlink(missing_ok=True)
    _prune_files(data_dir)


def quick_check(path: Path) -> str | None:
    """None if ``path`` is a healthy SQLite database (``PRAGMA quick_check``), else the problem."""
    path = Path(path)
    if not path.is_file():
        return "the file is missing"
    if path.stat().st_size == 0 and not Path(f"{path}-wal").exists():
        return "the file is empty"
    try:
        conn = sqlite3.connect(path)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        return _problem(exc)
    return None if rows == ["ok"] else "; ".join(rows[:3])


def integrity_check(path: Path) -> str | None:
    """Like :func:`quick_check` but with ``PRAGMA integrity_check``: also checks that every index
    matches its table (damage that ``quick_check`` misses)."""
    path = Path(path)
    if not path.is_file():
        return "the file is missing"
    try:
        conn = _read_only(path)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)").fetchall()]
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        return _problem(exc)
    return None if rows == ["ok"] else "; ".join(rows[:3])


def schema_check(path: Path) -> str | None:
    """A cheap check (milliseconds at any size): None if ``path`` opens as a SQLite database
    and its schema reads, else the problem. Large catalogs get this at start-up and the full
    :func:`quick_check` in the background once the window is up."""
    try:
        conn = sqlite3.connect(path)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        return _problem(exc)
    return None


def _problem(exc: Exception) -> str:
    """What a failed check says: SQLite's message, or, when that message quotes damaged bytes
    that are not UTF-8 (the driver cannot even decode it), that the file is damaged."""
    if isinstance(exc, UnicodeDecodeError):
        return "its check reports damage in text that cannot be read"
    return str(exc)


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _counts_sql() -> str:
    from .entries import notes_count_sql

    return (
        "SELECT (SELECT count(*) FROM paper WHERE deleted_at IS NULL),"
        " (SELECT count(*) FROM dataset WHERE deleted_at IS NULL),"
        f" ({notes_count_sql('sqlite')})"
    )


def describe(path: Path, check: bool = False) -> BackupInfo:
    """Date and entry counts of a backup; ``check`` runs ``quick_check`` too."""
    stamp = _NAME.match(path.name)
    created = (
        datetime.strptime(stamp.group(1), _STAMP).replace(tzinfo=timezone.utc)
        if stamp
        else datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    )
    size = path.stat().st_size
    problem = quick_check(path) if check else None
    if problem:
        return BackupInfo(path, created, size, problem=problem)
    try:
        conn = _read_only(path)
        try:
            papers, datasets, notes = conn.execute(_counts_sql()).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return BackupInfo(path, created, size, problem=str(exc))
    return BackupInfo(path, created, size, papers, datasets, notes)


def list_backups(data_dir: Path, check: bool = False) -> list[BackupInfo]:
    """Every backup, newest first, with its date and entry counts."""
    return [describe(path, check) for path in backup_files(data_dir)]


def good_backups(data_dir: Path) -> list[BackupInfo]:
    """Backups that pass ``quick_check``, newest first."""
    return [info for info in list_backups(data_dir, check=True) if info.ok]


def restore(data_dir: Path, backup: Path, engine: Engine | None = None, reason: str = "replaced") -> Path | None:
    """Put ``backup`` in place of the catalog; returns where the previous catalog was kept.

    ``engine`` (the open catalog, if any) is disposed first; the caller opens a new one. The
    previous catalog is renamed ``catalog.sqlite3.<reason>-<timestamp>`` with its ``-wal`` file,
    so it can still be opened; None when there was no catalog file.
    """
    problem = quick_check(backup)
    if problem:
        raise BackupError(f"The backup {backup.name} cannot be restored: {problem}")
    if engine is not None:
        engine.dispose()
    live = catalog_path(data_dir)
    try:
        kept = set_aside(data_dir, reason)
        source = _read_only(backup)
        try:
            _write_atomically(live, lambda path: _copy(source, path))
        finally:
            source.close()
        restore_attachments(data_dir, backup)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"Could not restore {backup.name} into {data_dir}: {exc}") from exc
    return kept


def set_aside(data_dir: Path, reason: str) -> Path | None:
    """Rename the catalog to ``catalog.sqlite3.<reason>-<timestamp>`` with its side files, so
    it can still be opened; the -wal goes first so a failure never leaves a stray -wal next to
    the file that replaces the catalog. None when there was no catalog file."""
    live = catalog_path(data_dir)
    if not live.exists():
        for suffix in _SIDE_FILES:
            Path(f"{live}{suffix}").unlink(missing_ok=True)
        return None
    aside = _free_name(live.parent, f"{CATALOG_FILE}.{reason}-{_stamp()}", "")
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in _SIDE_FILES:
            side = Path(f"{live}{suffix}")
            if side.exists():
                os.replace(side, f"{aside}{suffix}")
                moved.append((side, Path(f"{aside}{suffix}")))
        os.replace(live, aside)
    except OSError:
        for original, new in reversed(moved):
            os.replace(new, original)
        raise
    return aside


class BackupScheduler:
    """Says when an automatic backup is due: the catalog changed since the newest backup and
    that backup is at least ``interval_s`` old. The UI asks on idle (:meth:`run_if_due`).

    The newest backup file is the memory, so the policy holds across restarts; "changed" means
    the catalog file or its ``-wal`` was written after that backup.
    """

    def __init__(
        self,
        data_dir: Path,
        interval_s: float = DEFAULT_INTERVAL_S,
        keep: int = DEFAULT_KEEP,
        clock: Callable[[], float] = time.time,
    ):
        self.data_dir = Path(data_dir)
        self.interval_s = interval_s
        self.keep = keep
        self._clock = clock

    def last_backup_time(self) -> float | None:
        files = backup_files(self.data_dir)
        return files[0].stat().st_mtime if files else None

    def _catalog_written(self) -> float:
        live = catalog_path(self.data_dir)
        times = [p.stat().st_mtime for p in (live, Path(f"{live}-wal")) if p.exists()]
        return max(times, default=0.0)

    def due(self) -> bool:
        last = self.last_backup_time()
        if last is None:
            return catalog_path(self.data_dir).exists()
        return self._catalog_written() > last and self._clock() - last >= self.interval_s

    def run_if_due(self, engine: Engine) -> Path | None:
        return backup_now(engine, self.data_dir, self.keep) if self.due() else None
