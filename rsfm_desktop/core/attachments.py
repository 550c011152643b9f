"""Files of papers and datasets: ``catalog.attachments``, the one door to them.

An attachment is **linked** (the path is kept; the file is never modified, moved or deleted)
or **stored** (copied into the ``attachments/`` folder next to a folder catalog, named after
its entry; the catalog owns that copy: it goes into backups, and is deleted only when the
attachment or its entry is deleted for good). Removing an attachment puts it in the trash
(undo brings it back); emptying the trash deletes stored copies, never a linked file.

Each attachment records its file's size, modification time, SHA-256 and page count (the
full-text indexer fills and refreshes them, :mod:`.fulltext.indexer`), a ``uuid`` and a
``version``: a sync carries these, not the file. So a catalog may list a file that is not on
this computer (a stored file on a lab server, a linked path from another laptop): its
:attr:`AttachmentInfo.state` says so, and :meth:`Attachments.relink` ("Locate…") points it at
a file here.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .fields import TITLE_FIELD, Kind, utcnow
from .i18n import QT_TRANSLATE_NOOP
from .openable import OPENABLE_SUFFIXES, regular_target
from .search import pages
from .store import sql
from .store.changes import PURGE
from .store.store import Store
from .store.undo import Command
from .store.writes import OWNER, Tx

LINKED, STORED = "linked", "stored"
ATTACHMENTS_DIR = "attachments"
# States of an attachment's file on this computer.
PRESENT, MISSING, NOT_HERE = "present", "missing", "not_here"
# A stored file no attachment row names is deleted only once it is this old (a copy being
# attached right now has no row yet).
ORPHAN_GRACE_S = 3600
_UNSAFE_NAME = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')


class AttachmentError(ValueError):
    """A file that cannot be attached; ``reason`` is ``missing`` (no such file), ``filetype``
    (attach_pdf of a file that is not a PDF, or not a regular file), ``server`` (a lab
    catalog has no folder to store files in) or ``copy`` (the copy failed: ``detail``)."""

    def __init__(self, path: Path, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {path}" + (f" ({detail})" if detail else ""))
        self.path = path
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    uuid: str | None
    owner: tuple[Kind, int]
    path: Path  # linked: the file's path; stored: its name in the attachments folder
    kind: str  # the file type: pdf, or the file's suffix
    mode: str
    size: int | None
    mtime: float | None
    sha256: str | None
    pages: int | None
    added_at: datetime | None
    deleted_at: datetime | None
    version: int
    location: Path | None  # where the file is on this computer (None: not here)
    index: pages.IndexState | None = None  # what the full-text index holds for it

    @property
    def state(self) -> str:
        """``present``, ``missing`` (a linked file not found where it was) or ``not_here`` (a
        stored file whose copy is not on this computer: a lab catalog, another laptop)."""
        if self.location is not None and self.location.is_file():
            return PRESENT
        return MISSING if self.mode == LINKED else NOT_HERE

    @property
    def exists(self) -> bool:
        return self.state == PRESENT

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def is_pdf(self) -> bool:
        return self.kind == "pdf"


def file_kind(path: Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix or "file"


def sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def file_facts(path: Path, with_hash: bool = False) -> dict[str, Any]:
    """size and mtime of a file (and sha256 if asked)."""
    stat = Path(path).stat()
    facts: dict[str, Any] = {"size": stat.st_size, "mtime": stat.st_mtime}
    if with_hash:
        facts["sha256"] = sha256_of(path)
    return facts


def stored_name(title: str, suffix: str, taken: Iterable[str]) -> str:
    """A file name for an entry's stored copy: its title made safe for every file system (at
    most 80 characters), ``-2``, ``-3``... when taken."""
    stem = " ".join(_UNSAFE_NAME.sub(" ", title or "").split()).strip(" .")[:80].strip(" .") or "attachment"
    taken = {t.lower() for t in taken}
    name, n = f"{stem}{suffix}", 1
    while name.lower() in taken:
        n += 1
        name = f"{stem}-{n}{suffix}"
    return name


_COLUMNS = ("id, uuid, paper_id, dataset_id, path, kind, mode, size, mtime, sha256, pages, added_at,"
            " deleted_at, version")


class Attachments:
    """``catalog.attachments``. ``data_dir``: the folder of a folder catalog (None on a server,
    where files can be linked but not stored)."""

    def __init__(self, store: Store, data_dir: Path | None = None):
        self.store = store
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self._incoming: set[str] = set()  # stored copies made, their rows not yet committed
        store.subscribe(self._heard)

    # ---- where files are -----------------------------------------------------------------

    @property
    def folder(self) -> Path | None:
        """The folder of stored files (None on a lab server catalog)."""
        return self.data_dir / ATTACHMENTS_DIR if self.data_dir is not None else None

    @property
    def can_store(self) -> bool:
        return self.folder is not None

    def _location(self, mode: str, path: str) -> Path | None:
        if mode == STORED:
            return self.folder / path if self.folder is not None else None
        return Path(path)

    # ---- reading -------------------------------------------------------------------------

    def _info(self, row: tuple, states: dict[int, pages.IndexState]) -> AttachmentInfo:
        (att_id, uuid, paper_id, dataset_id, path, kind, mode, size, mtime, sha, page_count, added, deleted,
         version) = row
        owner = (Kind.PAPER, paper_id) if paper_id is not None else (Kind.DATASET, dataset_id)
        return AttachmentInfo(att_id, uuid, owner, Path(path), kind, mode, size, mtime, sha, page_count, added,
                              deleted, version, self._location(mode, path), states.get(att_id))

    def list(self, kind: Kind | int, entry_id: int | None = None, removed: bool = False) -> list[AttachmentInfo]:
        """An entry's attachments in the order added (``removed``: those in the trash instead).
        ``list(paper_id)`` is a paper's."""
        if not isinstance(kind, Kind):
            kind, entry_id = Kind.PAPER, int(kind)
        cond = "deleted_at IS NOT NULL" if removed else "deleted_at IS NULL"
        with self.store.read() as conn:
            rows = sql.rows(conn, f"SELECT {_COLUMNS} FROM attachment WHERE {OWNER[kind]} = :id AND {cond}"
                                  " ORDER BY id", {"id": entry_id})
            states = pages.states(conn, [r[0] for r in rows]) if rows else {}
        return [self._info(r, states) for r in rows]

    def get(self, attachment_id: int) -> AttachmentInfo | None:
        with self.store.read() as conn:
            row = sql.first(conn, f"SELECT {_COLUMNS} FROM attachment WHERE id = :id", {"id": attachment_id})
            states = pages.states(conn, [attachment_id]) if row else {}
        return self._info(row, states) if row else None

    def has_stored(self) -> bool:
        """Whether any attachment is a stored copy (an export may carry them)."""
        with self.store.read() as conn:
            return sql.scalar(conn, "SELECT count(*) FROM attachment WHERE mode = 'stored'") > 0

    def by_uuid(self, uuid: str) -> AttachmentInfo | None:
        with self.store.read() as conn:
            found = sql.scalar(conn, "SELECT id FROM attachment WHERE uuid = :u", {"u": uuid})
        return self.get(found) if found is not None else None

    def live(self, kinds: Sequence[str] = ("pdf",)) -> list[AttachmentInfo]:
        """Every attachment (of these file kinds) not in the trash, of entries not in the trash."""
        with self.store.read() as conn:
            rows = sql.rows(
                conn, f"SELECT {', '.join('a.' + c.strip() for c in _COLUMNS.split(','))} FROM attachment a"
                      " LEFT JOIN paper p ON p.id = a.paper_id LEFT JOIN dataset d ON d.id = a.dataset_id"
                      " WHERE a.deleted_at IS NULL AND a.kind IN :kinds"
                      " AND coalesce(p.deleted_at, d.deleted_at) IS NULL ORDER BY a.id", {"kinds": list(kinds)})
            states = pages.states(conn)
        return [self._info(r, states) for r in rows]

    def counts(self, kind: Kind, ids: Sequence[int]) -> dict[int, int]:
        """How many live attachments each of these entries has (entries without any left out)."""
        out: dict[int, int] = {}
        with self.store.read() as conn:
            for chunk in sql.chunked(list(ids)):
                out.update(sql.rows(conn, f"SELECT {OWNER[kind]}, count(*) FROM attachment WHERE {OWNER[kind]} IN :ids"
                                          f" AND deleted_at IS NULL GROUP BY {OWNER[kind]}", {"ids": chunk}))
        return out

    def local_pdf(self, paper_id: int, kind: Kind = Kind.PAPER) -> Path | None:
        """The first attached PDF that is on this computer."""
        for attachment in self.list(kind, paper_id):
            if attachment.exists and attachment.location.suffix.lower() in OPENABLE_SUFFIXES:
                return attachment.location
        return None

    # ---- attaching -------------------------------------------------------------------------

    def _checked(self, path: Path, pdf_only: bool = False) -> Path:
        path = Path(os.path.abspath(path))
        target = regular_target(path)
        if target is None:
            raise AttachmentError(path, "missing" if not path.exists() else "filetype")
        if pdf_only and (path.suffix.lower() != ".pdf" or target.suffix.lower() != ".pdf"):
            raise AttachmentError(path, "filetype")
        return path

    def attach(self, kind: Kind, entry_id: int, paths: Sequence[Path] | Path, *, store: bool = False) -> Command:
        """Attach files to an entry, linked (``store`` False) or copied into the catalog's
        attachments folder. One undoable command; ``command.result`` is the new ids."""
        if isinstance(paths, (str, Path)):
            paths = [paths]
        checked = [self._checked(p) for p in paths]
        if store and not self.can_store:
            raise AttachmentError(checked[0], "server")
        copies: list[Path] = []
        rows = []
        try:
            for path in checked:
                facts = file_facts(path)
                value = str(path)
                if store:
                    copy = self._store_copy(kind, entry_id, path, copies)
                    copies.append(copy)
                    value, facts = copy.name, file_facts(copy)
                rows.append({"path": value, "kind": file_kind(path), "mode": STORED if store else LINKED, **facts})
        except OSError as exc:
            for copy in copies:
                copy.unlink(missing_ok=True)
            raise AttachmentError(checked[len(copies)], "copy", exc.strerror or str(exc)) from exc

        def work(tx: Tx) -> list[int]:
            return [tx.insert_row("attachment", {OWNER[kind]: entry_id, **row, "added_at": tx.now},
                                  owner=(kind, entry_id)) for row in rows]

        try:
            names = ", ".join(p.name for p in checked)
            return self.store.run(QT_TRANSLATE_NOOP("Commands", "Attach “{}”"), work, names)
        except BaseException:
            for copy in copies:
                copy.unlink(missing_ok=True)
            raise
        finally:
            self._incoming.difference_update(c.name.lower() for c in copies)

    def attach_pdf(self, paper_id: int, path: Path) -> Command:
        """Link a local PDF to a paper (the file is never copied, moved or changed)."""
        self._checked(path, pdf_only=True)
        return self.attach(Kind.PAPER, paper_id, [path])

    def _store_copy(self, kind: Kind, entry_id: int, source: Path, pending: Sequence[Path]) -> Path:
        folder = self.folder
        folder.mkdir(parents=True, exist_ok=True)
        with self.store.read() as conn:
            title = sql.scalar(conn, f"SELECT {TITLE_FIELD[kind]} FROM {kind.value} WHERE id = :id", {"id": entry_id})
            used = sql.column(conn, "SELECT path FROM attachment WHERE mode = 'stored'")
        taken = [*used, *(p.name for p in pending), *os.listdir(folder)]
        target = folder / stored_name(title or source.stem, source.suffix.lower(), taken)
        self._incoming.add(target.name.lower())
        partial = target.with_name(f".{target.name}.partial")
        try:
            shutil.copyfile(source, partial)
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return target

    # ---- changing --------------------------------------------------------------------------

    def remove(self, attachment_id: int) -> Command:
        """Take an attachment off its entry, into the trash (undo brings it back). Neither a
        linked nor a stored file is touched now; emptying the trash deletes a stored copy."""
        def work(tx: Tx) -> bool:
            return bool(tx.update_attachment(attachment_id, {"deleted_at": tx.now}))

        return self.store.run(QT_TRANSLATE_NOOP("Commands", "Remove attachment"), work)

    detach = remove

    def restore(self, attachment_id: int) -> Command:
        def work(tx: Tx) -> bool:
            return bool(tx.update_attachment(attachment_id, {"deleted_at": None}))

        return self.store.run(QT_TRANSLATE_NOOP("Commands", "Restore attachment"), work)

    def relink(self, attachment_id: int, path: Path) -> Command:
        """Locate…: point a missing attachment at a file on this computer. A linked file keeps
        the new path; a stored file's copy is made again from it."""
        info = self.get(attachment_id)
        if info is None:
            raise KeyError(attachment_id)
        path = self._checked(path)
        if info.mode == STORED:
            if not self.can_store:
                raise AttachmentError(path, "server")
            target = self.folder / info.path.name
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.partial")
            try:
                shutil.copyfile(path, partial)
                os.replace(partial, target)
            except OSError as exc:
                partial.unlink(missing_ok=True)
                raise AttachmentError(path, "copy", exc.strerror or str(exc)) from exc
            values = file_facts(target)
        else:
            values = {"path": str(path), **file_facts(path)}

        def work(tx: Tx) -> bool:
            return bool(tx.update_attachment(attachment_id, values))

        return self.store.run(QT_TRANSLATE_NOOP("Commands", "Locate “{}”"), work, path.name)

    def openable(self, attachment_id: int) -> Path | None:
        """The file to open, if it is on this computer and a document (a symbolic link counts as
        what it points at: a ``tool.pdf`` link to a program is not a document)."""
        info = self.get(attachment_id)
        if info is None or not info.exists:
            return None
        target = regular_target(info.location)
        return target if target is not None and target.suffix.lower() in OPENABLE_SUFFIXES else None

    def bring_files(self, plan) -> int:
        """Before importing a lossless export that carries stored files (``file`` beside it):
        copy them into this catalog's attachments folder. Returns how many were copied."""
        if not self.can_store:
            return 0
        source_dir = Path(plan.source).parent
        copied = 0
        renamed = {}  # position -> record whose attachment now names another file
        for pos, entry in enumerate(plan.entries):
            for item in entry.record.attachments:
                name = item.get("file")
                if item.get("mode") != STORED or not name or not (source_dir / name).is_file():
                    continue
                source = source_dir / name
                self.folder.mkdir(parents=True, exist_ok=True)
                target = self.folder / Path(item["path"]).name
                if target.exists() and (sha256_of(target) == item.get("sha256") or item.get("sha256") is None
                                        and sha256_of(target) == sha256_of(source)):
                    continue  # the same file is here already
                if target.exists():
                    target = self.folder / stored_name(Path(item["path"]).stem, target.suffix, os.listdir(self.folder))
                shutil.copyfile(source, target)
                if item["path"] != target.name:
                    item["path"] = target.name
                    renamed[pos] = entry.record
                copied += 1
        if renamed:  # the write reads the records from the plan's spool, not these copies
            plan.save_records(renamed.items())
        return copied

    # ---- the trash and stored copies ---------------------------------------------------------

    def empty_trash(self, older_than_days: int | None = None) -> int:
        """Delete removed attachments for good (those removed longer ago, if given), and the
        stored copies nothing names any more. Returns how many attachments went."""
        cond, params = "deleted_at IS NOT NULL", {}
        if older_than_days is not None:
            cond += " AND deleted_at < :before"
            params["before"] = utcnow() - timedelta(days=older_than_days)
        with self.store.read() as conn:
            ids = sql.column(conn, f"SELECT id FROM attachment WHERE {cond}", params)
        gone = self.store.write(lambda tx: tx.purge_attachments(ids))[0] if ids else []
        self.collect_files()
        return len(gone)

    def collect_files(self, grace_s: float = ORPHAN_GRACE_S) -> list[Path]:
        """Delete stored copies that no attachment names (their attachment or entry was deleted
        for good); files younger than ``grace_s`` stay (one may be being attached)."""
        folder = self.folder
        if folder is None or not folder.is_dir():
            return []
        with self.store.read() as conn:
            named = {p.lower() for p in sql.column(conn, "SELECT path FROM attachment WHERE mode = 'stored'")}
        now, gone = time.time(), []
        for path in folder.iterdir():
            if path.name.startswith(".") or not path.is_file() or path.name.lower() in named | self._incoming:
                continue
            try:
                if now - path.stat().st_ctime >= grace_s:
                    path.unlink()
                    gone.append(path)
            except OSError:
                continue
        return gone

    def _heard(self, changes) -> None:
        """Entries deleted for good (here or elsewhere): their stored copies go too."""
        if any(c.op == PURGE and c.entity in ("paper", "dataset", "attachment") for c in changes):
            try:
                self.collect_files(grace_s=0 if not changes.external else ORPHAN_GRACE_S)
            except Exception:  # noqa: BLE001 (never let file clean-up break a write's observers)
                pass

    # ---- full text ---------------------------------------------------------------------------

    @property
    def fulltext(self):
        """The full-text indexer of this catalog's PDFs (:class:`.fulltext.indexer.Indexer`)."""
        if not hasattr(self, "_indexer"):
            from .fulltext.indexer import Indexer

            self._indexer = Indexer(self)
        return self._indexer

    def hits(self, kind: Kind, entry_id: int, text: str, limit: int = 20) -> list[pages.PageHit]:
        """Pages of an entry's attachments whose text matches ``text``, with snippets."""
        with self.store.read() as conn:
            ids = sql.column(conn, f"SELECT id FROM attachment WHERE {OWNER[kind]} = :id AND deleted_at IS NULL",
                             {"id": entry_id})
            return pages.hits(conn, ids, text, limit) if ids else []

    def page_text(self, attachment_id: int, page: int) -> str | None:
        with self.store.read() as conn:
            return pages.page_text(conn, attachment_id, page)
