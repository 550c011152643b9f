"""The one door to the data: ``open_catalog(target)`` where ``target`` is a catalog folder
(SQLite, the embedded default) or a ``postgresql://USER@HOST[:PORT]/DB`` URL (the lab catalog).

A :class:`Catalog` has the parts the app needs: ``entries`` (papers and datasets, their table
queries, edits, links), ``notes``, ``attachments``, ``taxonomy``, ``imports`` (import, export,
duplicates), ``stats`` (the statistics of a view; ``catalog.stats()`` gives the entry
counts) and ``backups`` (a folder catalog's backups; None on a server, whose backups are the
server's job). Every write goes through the store's one write path and returns what changed;
:meth:`Catalog.subscribe` hears every change, this process's and (after :meth:`poll`) others'.
The engine never leaves core.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .attachments import AttachmentError, AttachmentInfo, Attachments
from .entries import Entries
from .errors import CatalogError
from .fields import Kind
from .store import sql
from .store.changes import ChangeSet
from .store.postgres import display_url, is_server_url
from .store.store import Observer, Store
from .store.undo import Command
from .stats import Stats
from .store.writes import Tx
from .taxonomy import Taxonomy

CLI_BUSY_TIMEOUT_MS = 30_000  # the command line waits for a busy catalog; the window does not
WINDOW_BUSY_TIMEOUT_MS = 100


# ---- notes ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NoteState:
    body: str
    version: int | None  # None: the entry has no note yet
    shared: bool = False
    author: str | None = None
    updated_at: Any = None


class Notes:
    def __init__(self, store: Store):
        self.store = store

    def get(self, kind: Kind, entry_id: int) -> NoteState:
        with self.store.read() as conn:
            row = sql.first(conn, f"SELECT body, version, shared, author, updated_at FROM note"
                                  f" WHERE {kind.value}_id = :id", {"id": entry_id})
        return NoteState(row[0], row[1], bool(row[2]), row[3], row[4]) if row else NoteState("", None)

    def text(self, kind: Kind, entry_id: int) -> str:
        return self.get(kind, entry_id).body

    def save(self, kind: Kind, entry_id: int, body: str, *, expected_version: int | None = None,
             base: str | None = None) -> int | None:
        """Write a note (created on first save); returns its new version, None if unchanged.

        ``base``/``expected_version``: the text and version the editor loaded. If the note was
        changed elsewhere meanwhile, ``store.writes.Conflict`` carries both texts and nothing is
        written."""
        return self.store.write(lambda tx: tx.set_note(
            kind, entry_id, body, expected_version=expected_version, base=base, undoable=False))[0]

    def set_shared(self, kind: Kind, entry_id: int, shared: bool) -> None:
        """Share a note with the lab (it syncs, showing its author) or keep it personal."""
        def work(tx: Tx) -> None:
            body, _version = tx.note(kind, entry_id)
            tx.set_note(kind, entry_id, body, undoable=False, shared=shared)

        self.store.write(work)


# ---- import, export, duplicates ---------------------------------------------------------------

class Imports:
    def __init__(self, store: Store, attachments: Attachments | None = None):
        self.store = store
        self.attachments = attachments

    def read(self, path: Path, fmt=None):
        from .io import read_file

        return read_file(path, fmt)

    def plan(self, batch, suggested_facet: str | None = "section"):
        """The plan of records already read (an ``ImportBatch``)."""
        from .io import build_plan

        with self.store.read() as conn:
            return build_plan(conn, batch, suggested_facet)

    def prepare(self, path: Path | str | None = None, fmt=None, *, text: str | None = None,
                source: str | None = None, encoding: str | None = None, progress=None, cancelled=None,
                suggested_facet: str | None = "section"):
        """The plan of a file (or of ``text`` named ``source``), streamed record by record into
        a spool: memory stays bounded whatever the file's size; ``progress(done, total)`` and
        ``cancelled()`` hold while reading (``io.ReadCancelled``). Close the plan when done."""
        if progress is not None and text is None:  # shown before the importers load (a second, cold)
            try:
                progress(0, os.path.getsize(path))
            except OSError:
                pass  # iter_records says why it cannot read the file
        from .io import iter_records, plan_stream, text_records

        if text is None:
            stream = iter_records(path, fmt, progress=progress, cancelled=cancelled, encoding=encoding)
        else:
            stream = text_records(text, source or "pasted text", fmt, progress=progress, cancelled=cancelled)
        with self.store.read() as conn:
            return plan_stream(conn, stream, suggested_facet)

    def apply(self, plan, progress=None, cancelled=None, replan_quietly: bool = False) -> Command:
        """One transaction, one undoable command (``command.result``: the ImportReport).
        Raises ``io.ImportCancelled``, or ``io.PlanStale`` when the catalog changed since the
        plan in a way that changes it (see ``io.apply``)."""
        from .io import apply_plan

        if self.attachments is not None and plan.has_attachments:  # else a pass over the plan for nothing
            self.attachments.bring_files(plan)
        return apply_plan(self.store, plan, progress, cancelled, replan_quietly)

    def export_text(self, fmt, paper_ids: Sequence[int] | None = None, dataset_ids: Sequence[int] | None = None,
                    group_facet: str = "family") -> str:
        from .io import export_text

        return export_text(self.store, fmt, paper_ids, dataset_ids, group_facet)

    def export_with_files(self, path: Path, paper_ids: Sequence[int] | None = None,
                          dataset_ids: Sequence[int] | None = None) -> tuple[str, Path | None]:
        """The lossless JSON export for ``path`` carrying the stored attachments too, copied into
        the folder ``<name>_files`` beside it (None when the catalog stores none)."""
        from .io import export_text

        folder = self.attachments.folder if self.attachments is not None else None
        files = Path(path).with_name(Path(path).stem + "_files")
        text = export_text(self.store, "json", paper_ids, dataset_ids, files=(folder, files) if folder else None)
        return text, files if files.exists() else None

    def export_view(self, kind: Kind, columns: Sequence[str], ids: Sequence[int], fmt: str) -> str:
        from .io import export_view

        return export_view(self.store, kind, columns, ids, fmt)

    def ids_with_tag(self, kind: Kind, label: str) -> list[int]:
        from .io import snapshot

        with self.store.read() as conn:
            return snapshot.ids_with_tag(conn, kind, label)

    def snapshots(self, kind: Kind, ids: Sequence[int] | None = None):
        from .io import snapshot

        return snapshot.open_snapshots(self.store, kind, ids)

    def find_duplicates(self, kind: Kind):
        from .io import find_duplicates

        with self.store.read() as conn:
            return find_duplicates(conn, kind)

    def merge(self, kind: Kind, keep_id: int, lose_id: int) -> Command:
        from .io import merge_entries

        return merge_entries(self.store, kind, keep_id, lose_id)


# ---- backups ----------------------------------------------------------------------------------

class Backups:
    """A folder catalog's backups (``core.backup``): SQLite's online backup API."""

    def __init__(self, store: Store, data_dir: Path, closing=lambda: None):
        self.store, self.data_dir = store, data_dir
        self._closing = closing  # closes the catalog's other connections (the statistics')

    def backup_now(self, keep: int | None = None) -> Path:
        from . import backup

        return backup.backup_now(self.store.engine, self.data_dir, keep or backup.DEFAULT_KEEP)

    def list(self, check: bool = False):
        from . import backup

        return backup.list_backups(self.data_dir, check)

    def scheduler(self, interval_s: float | None = None, keep: int | None = None):
        from . import backup

        return backup.BackupScheduler(self.data_dir, interval_s or backup.DEFAULT_INTERVAL_S,
                                      keep or backup.DEFAULT_KEEP)

    def run_if_due(self, scheduler) -> Path | None:
        from . import backup

        return backup.backup_now(self.store.engine, self.data_dir, scheduler.keep) if scheduler.due() else None

    def restore(self, path: Path) -> Path | None:
        """Put a backup in place of the catalog (which is closed; open it again). Returns where
        the replaced catalog was kept."""
        from . import backup

        self._closing()
        self.store.close()
        return backup.restore(self.data_dir, path, self.store.engine)

    def save_copy(self, folder: Path) -> Path:
        """The open catalog copied into a new folder, even when its own file is gone (the open
        connection still reads it). Returns the new catalog file."""
        from . import backup

        return backup.save_copy(self.store.engine, folder)

    def remove_leftovers(self) -> list[Path]:
        """Delete what backups killed halfway left behind (see ``backup.remove_leftovers``)."""
        from . import backup

        return backup.remove_leftovers(self.data_dir)

    def integrity_problem(self) -> str | None:
        """``PRAGMA integrity_check`` of the open catalog file, every page and index (None:
        healthy). Seconds at 100,000 papers: run it off the GUI thread."""
        from . import backup
        from .store.sqlite import catalog_path

        return backup.integrity_check(catalog_path(self.data_dir))


# ---- the catalog --------------------------------------------------------------------------------

class Catalog:
    def __init__(self, store: Store, data_dir: Path | None = None, url: str | None = None):
        self.store = store
        self.data_dir = data_dir
        self.url = url
        self.entries = Entries(store)
        self.notes = Notes(store)
        self.attachments = Attachments(store, data_dir)
        self.taxonomy = Taxonomy(store)
        self.imports = Imports(store, self.attachments)
        self.stats = Stats(store, self.entries)  # calling it gives the entry counts, as before
        self.backups = Backups(store, data_dir, self.stats.close) if data_dir is not None else None

    @property
    def is_server(self) -> bool:
        return self.url is not None

    @property
    def name(self) -> str:
        """Where the catalog is, for the user: its folder or its URL (no password)."""
        return display_url(self.url) if self.url else str(self.data_dir)

    @property
    def author(self) -> str | None:
        return self.store.author

    @author.setter
    def author(self, name: str | None) -> None:
        self.store.author = name

    def subscribe(self, observer: Observer) -> Callable[[], None]:
        return self.store.subscribe(observer)

    def start_watching(self) -> None:
        """From now on, :meth:`poll` reports what others commit (a window calls this once)."""
        self.store.watcher()

    def poll(self, catch_up: bool = False) -> ChangeSet:
        """Changes others committed since the last poll; observers hear of them too."""
        return self.store.poll(catch_up)

    def meta(self, key: str) -> str | None:
        """A fact this catalog keeps about itself (``meta``)."""
        with self.store.read() as conn:
            return sql.scalar(conn, "SELECT value FROM meta WHERE key = :k", {"k": key})

    def set_meta(self, key: str, value: str) -> None:
        self.store.write(lambda tx: tx.put_meta(key, value))

    @property
    def catalog_id(self) -> str | None:
        """The catalog's own id (``meta``), stable across moves and renames of its folder."""
        if not hasattr(self, "_catalog_id"):
            with self.store.read() as conn:
                self._catalog_id = sql.scalar(conn, "SELECT value FROM meta WHERE key = 'catalog_id'")
        return self._catalog_id

    @property
    def online(self) -> bool:
        """A lab catalog whose server answered the last poll (a folder catalog always is)."""
        return getattr(self.store.watcher(), "online", True)

    def file_missing(self) -> bool:
        """A folder catalog whose file was deleted, moved or replaced while open."""
        watcher = self.store.watcher()
        return watcher is not None and watcher.file_missing()

    def undo(self, command: Command) -> ChangeSet:
        return self.store.undo(command)

    def redo(self, command: Command) -> ChangeSet:
        return self.store.redo(command)

    def close(self) -> None:
        self.stats.close()  # its own connection (the facts' temporary tables)
        self.store.close()


def open_catalog(target: Path | str, *, catalog_file: Path | None = None, seed: bool = True,
                 author: str | None = None, busy_timeout_ms: int = 5000, read_only: bool = False) -> Catalog:
    """Open (creating, upgrading, seeding from the bundled catalog on first use) the catalog at
    ``target``: a folder or a ``postgresql://`` URL. Raises :class:`CatalogError` subclasses
    with messages for the user; a damaged or newer catalog is never changed.

    ``read_only`` (a dry run) writes nothing anywhere: an existing catalog is opened read-only;
    a folder without one gives the catalog a first launch would create, in memory."""
    from . import seeding
    from ..paths import bundled_catalog

    if read_only:
        return _open_read_only(target, catalog_file or bundled_catalog())
    if is_server_url(str(target)):
        from .store.postgres import open_server

        store = Store(open_server(str(target)), author)
        catalog = Catalog(store, url=str(target))
    else:
        from .store.sqlite import open_file

        data_dir = Path(target)
        store = Store(open_file(data_dir, busy_timeout_ms), author)
        catalog = Catalog(store, data_dir=data_dir)
    if seed:
        try:
            seeding.seed_catalog(store, catalog_file or bundled_catalog())
        except BaseException:
            store.close()
            raise
    return catalog


def pending_upgrade(target: Path | str) -> str | None:
    """The schema revision of the catalog at ``target`` when opening it would first upgrade it
    (the window then runs :func:`upgrade_catalog` with a progress dialog), else None."""
    if is_server_url(str(target)):
        from .store.postgres import pending_upgrade as server_pending

        return server_pending(str(target))
    from .store.sqlite import pending_upgrade as file_pending

    return file_pending(Path(target))


def upgrade_catalog(target: Path | str, reporter=None) -> None:
    """Bring the catalog at ``target`` to the current schema (backing a file up first), as
    opening it would, reporting to ``reporter`` (a
    :class:`~rsfm_desktop.core.migrations.UpgradeProgress`). Cancelling raises
    :class:`~rsfm_desktop.core.errors.UpgradeCancelled` and leaves the catalog as it was.
    Runs on any thread: it holds no connection afterwards."""
    if is_server_url(str(target)):
        from .store.postgres import open_server

        open_server(str(target), reporter).dispose()
    else:
        from .store.sqlite import prepare_file

        prepare_file(Path(target), reporter)


def _open_read_only(target: Path | str, catalog_file: Path) -> Catalog:
    from . import seeding
    from .store import sqlite

    if is_server_url(str(target)):
        from .store.postgres import open_read_only

        engine = open_read_only(str(target))
        if engine is not None:
            return Catalog(Store(engine), url=str(target))
    elif sqlite.catalog_path(Path(target)).exists():
        return Catalog(Store(sqlite.open_read_only(Path(target))), data_dir=Path(target))
    store = Store(sqlite.memory_engine())
    seeding.seed_catalog(store, catalog_file)
    return Catalog(store)


__all__ = ["Catalog", "CatalogError", "open_catalog", "NoteState", "AttachmentError", "AttachmentInfo"]
